"""Which is larger, H(p) or H(p, q)? Answered with a button. Someone with wrong beliefs is, on
average, more surprised than someone who knows the truth (Gibbs' inequality); equal only when
q = p — so now and then the belief is the truth itself."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.beliefs import show
from quiz.bank.core import (
    CHOOSE,
    Ask,
    Built,
    F,
    Family,
    dist_params,
    frac,
    lines,
    name,
    num,
    pick,
    say,
    worked,
)
from quiz.bank.kinds import COMPARE_OPTIONS
from quiz.bank.things import draw_weird_die, value_distribution, weird_die_intro

OPTIONS = {
    "entropy": say("Більша H(p)", "H(p) is larger"),
    "cross_entropy": say("Більша H(p, q)", "H(p, q) is larger"),
    "equal": say("Вони рівні", "They are equal"),
}


def make(rng: random.Random, ask: Ask) -> Built:
    faces = draw_weird_die(rng, (6,))
    values = [str(v) for v in range(1, 7)]
    p = value_distribution(faces, [int(v) for v in values])
    if rng.random() < 0.25:
        q: dict[str, Fraction] = dict(p)
        belief = say(
            "Ти знаєш, які числа на гранях, і віриш саме в це",
            "You know the faces and believe exactly that",
        )
        q_positive = q
    else:
        chance = pick(rng, (F(1, 2), F(1, 3), F(2, 3), F(1, 6)))
        rest = (1 - chance) / 5
        q = {v: (chance if v == "4" else rest) for v in values}
        belief = say(
            f"Ти думаєш, що четвірка випадає з імовірністю {frac(chance)}, а решта чисел — порівну",
            f"You think 4 comes up with probability {frac(chance)} and the other numbers share "
            "the rest equally",
        )
        q_positive = q
    params = {
        "kind": "compare_cross_entropy",
        "p": dist_params(p),
        "q": dist_params(q),
        "base": ask.base,
    }
    entropy = calc.entropy_of_checked(p, ask.base)
    cross = calc.cross_entropy_of_checked(p, q_positive, ask.base)
    same = q == p
    text = lines(
        weird_die_intro(faces),
        say("Справжні ймовірності p: ", "The true probabilities p: ") + show(p),
        belief + ".",
        "q: " + show(q),
        "",
        say(
            "Що більше: ентропія H(p) — середній сюрприз того, хто знає правду, — чи "
            f"{name('cross_entropy').uk} H(p, q) — середній сюрприз того, хто вірить у q?",
            "Which is larger: the entropy H(p), the average surprise of someone who knows the "
            f"truth, or the {name('cross_entropy').en} H(p, q), the average surprise of someone "
            "who believes q?",
        ),
        CHOOSE,
    )
    hints = (
        say(
            "Хто вірить у неправду, частіше дивується тому, що справді стається. Чи може "
            "неправильна думка в середньому дивувати менше, ніж правильна?",
            "Someone who believes something wrong is more often surprised by what really "
            "happens. Can a wrong belief surprise less, on average, than the right one?",
        ),
        say(
            f"Порівняй q з p: для четвірки p(4) = {frac(p['4'])}, q(4) = {frac(q['4'])}. "
            "Чи однакові вони для кожного числа?",
            f"Compare q with p: for the four p(4) = {frac(p['4'])}, q(4) = {frac(q['4'])}. "
            "Are they the same for every number?",
        ),
    )
    if same:
        explain = say(
            "Тут q = p, тож H(p, q) = H(p): думка збігається з правдою, зайвого сюрпризу немає.",
            "Here q = p, so H(p, q) = H(p): the belief is the truth, there is no extra surprise.",
        )
    else:
        explain = (
            say(
                "Завжди H(p, q) ≥ H(p), і рівність — лише коли q = p. Тут q ≠ p: H(p) ≈ ",
                "Always H(p, q) ≥ H(p), with equality only when q = p. Here q ≠ p: H(p) ≈ ",
            )
            + num(entropy)
            + ", H(p, q) ≈ "
            + num(cross)
            + "."
        )
    correct = COMPARE_OPTIONS.index("equal" if same else "cross_entropy")
    solution, steps = worked([explain], OPTIONS[COMPARE_OPTIONS[correct]])
    options = tuple(OPTIONS[key] for key in COMPARE_OPTIONS)
    return Built(params, text, hints, solution, steps, options=options)


FAMILY = Family(name="compare", slots={("cross_entropy", 1): 1}, make=make)

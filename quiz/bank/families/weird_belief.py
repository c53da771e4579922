"""Level 2 of cross-entropy and KL: the truth is a weird die (4 on several faces), the belief is
what someone who only heard about it thinks — never a uniform belief for cross-entropy, whose
answer would be log n whatever the die (no computation)."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz.bank.beliefs import belief_question
from quiz.bank.core import Ask, Built, F, Family, frac, pick, say, uniform
from quiz.bank.things import draw_weird_die, value_distribution, weird_die_intro
from quiz.numbers import plural_form

FOUR_CHANCES = (F(1, 3), F(1, 2), F(2, 3), F(1, 4), F(2, 5), F(3, 5), F(3, 4))


def make(rng: random.Random, ask: Ask) -> Built:
    faces = draw_weird_die(rng, (6, 8, 10))
    n = len(faces)
    values = [str(v) for v in range(1, n + 1)]
    p = value_distribution(faces, [int(v) for v in values])
    fours = faces.count(4)
    how = rng.random()
    if how < 0.25 and ask.topic == "kl_divergence":
        q: dict[str, Fraction] = uniform(values)
        belief = say(
            f"Але ти думаєш, що це звичайний чесний кубик: кожне число від 1 до {n} — по 1/{n}",
            f"But you think it is an ordinary fair die: each number 1 to {n} has 1/{n}",
        )
    elif how < 0.6:
        told = pick(rng, [k for k in range(2, n // 2 + 1) if k != fours] or [fours + 1])
        chance = F(told, n)
        rest = (1 - chance) / (n - 1)
        q = {v: (chance if v == "4" else rest) for v in values}
        faces_uk = plural_form(told, "uk", ("грані", "гранях", "гранях"))
        belief = say(
            f"Тобі сказали, що четвірка є на {told} {faces_uk}, і ти вважаєш решту чисел від "
            f"1 до {n} однаково ймовірними",
            f"You were told that 4 is on {told} faces, and you think the other numbers "
            f"1 to {n} are equally likely",
        )
    elif how < 0.8:
        while True:
            chance = pick(rng, FOUR_CHANCES)
            if chance != p["4"] and chance != F(1, n):
                break
        rest = (1 - chance) / (n - 1)
        q = {v: (chance if v == "4" else rest) for v in values}
        belief = say(
            f"Але ти думаєш, що четвірка випадає з імовірністю {frac(chance)}, а решта чисел "
            f"від 1 до {n} — порівну",
            f"But you think 4 comes up with probability {frac(chance)}, and the other numbers "
            f"1 to {n} share the rest equally",
        )
    else:  # two favourites: the answer depends on more than the number of fours
        other = pick(rng, [v for v in values if v != "4"])
        chance, second = pick(
            rng,
            (
                (F(1, 2), F(1, 5)),
                (F(1, 3), F(1, 4)),
                (F(2, 5), F(1, 5)),
                (F(1, 4), F(1, 4)),
                (F(1, 2), F(1, 4)),
            ),
        )
        rest = (1 - chance - second) / (n - 2)
        q = {v: chance if v == "4" else second if v == other else rest for v in values}
        belief = say(
            f"Але ти думаєш, що четвірка випадає з імовірністю {frac(chance)}, {other} — з "
            f"імовірністю {frac(second)}, а решта чисел від 1 до {n} — порівну",
            f"But you think 4 comes up with probability {frac(chance)}, {other} with probability "
            f"{frac(second)}, and the other numbers 1 to {n} share the rest equally",
        )
    return belief_question(
        ask,
        p=p,
        q=q,
        intro=weird_die_intro(faces),
        belief=belief,
        trial=say("за один кидок", "per roll"),
    )


FAMILY = Family(
    name="weird_belief", slots={("cross_entropy", 2): 6, ("kl_divergence", 2): 6}, make=make
)

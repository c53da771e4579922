"""Entropy of uneven chances at level 3: a spinner, the town's weather, a bag of marbles, the sum
of two dice, or two rolls of a weird die (the entropy of two independent rolls is twice that of
one: surprises add up)."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.core import (
    Ask,
    Built,
    F,
    Family,
    entropy_question,
    frac,
    join,
    lines,
    num,
    result,
    say,
    with_unit,
    worked,
)
from quiz.bank.sums import term_lines, terms, total_line
from quiz.bank.things import (
    PAIRS,
    draw_uneven_thing,
    draw_weird_die,
    value_distribution,
    weird_die_intro,
)

IDEA = say(
    "Ентропія — середній сюрприз: H = Σ p · log(1/p). Однакові ймовірності можна згрупувати.",
    "Entropy is the average surprise: H = Σ p · log(1/p). Equal probabilities can be grouped.",
)


def make(rng: random.Random, ask: Ask) -> Built:
    roll = rng.random()
    if roll < 0.15:
        return _sum_of_two(ask)
    if roll < 0.35:
        return _two_rolls(rng, ask)
    thing = draw_uneven_thing(rng)
    base = ask.base
    params, text, answer = entropy_question(thing.intro, thing.trial, thing.p, base)
    first = next(iter(thing.p))
    hints = (
        IDEA,
        say("Перший рядок: ", "The first row: ")
        + thing.labels[first]
        + f", p = {frac(thing.p[first])}. "
        + say("Його внесок: ", "Its share: ")
        + f"{frac(thing.p[first])} · log(1/({frac(thing.p[first])})).",
    )
    found = terms("entropy", thing.p, None, base)
    steps = [
        *term_lines(found, thing.labels),
        total_line("H", answer, base, found),
    ]
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, hints, solution, count)


def _sum_of_two(ask: Ask) -> Built:
    base = ask.base
    sums = [str(a + b) for a, b in PAIRS]
    p = {str(s): F(sums.count(str(s)), 36) for s in range(2, 13)}
    params, text, answer = entropy_question(
        say(
            "🎲🎲 Кидаємо два чесні кубики й записуємо лише суму очок (від 2 до 12).",
            "🎲🎲 You roll two fair dice and write down only the sum (2 to 12).",
        ),
        say("за один кидок двох кубиків", "per roll of both dice"),
        p,
        base,
    )
    hints = (
        IDEA,
        say(
            "Спершу ймовірності сум з таблиці 6 × 6: сума 2 — 1 пара з 36, сума 3 — 2 пари, "
            "…, сума 7 — 6 пар.",
            "First the sums' probabilities from the 6 × 6 table: a sum of 2 is 1 pair of 36, "
            "3 is 2 pairs, …, 7 is 6 pairs.",
        ),
    )
    labels = {s: say(f"сума {s}", f"sum {s}") for s in p}
    found = terms("entropy", p, None, base)
    steps = [
        say(
            "Ймовірності: 2 і 12 — по 1/36, 3 і 11 — по 2/36, 4 і 10 — по 3/36, 5 і 9 — "
            "по 4/36, 6 і 8 — по 5/36, 7 — 6/36.",
            "Probabilities: 2 and 12 — 1/36 each, 3 and 11 — 2/36, 4 and 10 — 3/36, 5 and 9 — "
            "4/36, 6 and 8 — 5/36, 7 — 6/36.",
        ),
        *term_lines(found, labels),
        total_line("H", answer, base, found),
    ]
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, hints, solution, count)


def _two_rolls(rng: random.Random, ask: Ask) -> Built:
    base = ask.base
    faces = draw_weird_die(rng, (6, 8))
    values = sorted(set(faces))
    one = value_distribution(faces, values)
    p: dict[str, Fraction] = {f"{a}-{b}": one[str(a)] * one[str(b)] for a in values for b in values}
    single = calc.entropy(one, base)
    params, text, answer = entropy_question(
        lines(
            weird_die_intro(faces),
            say(
                "Його кидають двічі й записують пару результатів (перший, другий).",
                "You roll it twice and write down the pair (first, second).",
            ),
        ),
        say("за пару кидків", "per pair of rolls"),
        p,
        base,
    )
    hints = (
        say(
            "Кидки незалежні, а сюрпризи незалежних подій додаються. Тож ентропія пари — "
            "сума ентропій двох кидків.",
            "The rolls are independent, and surprises of independent events add up. So the "
            "entropy of the pair is the sum of the two rolls' entropies.",
        ),
        say("Спершу знайди ентропію одного кидка: ", "First find the entropy of one roll: ")
        + join("; ", [f"p({v}) = {frac(one[str(v)])}" for v in values])
        + ".",
    )
    found = terms("entropy", one, None, base)
    steps = [
        say("Один кидок: ", "One roll: ")
        + join("; ", [f"p({v}) = {frac(one[str(v)])}" for v in values])
        + ".",
        *term_lines(found),
        total_line("H(1)", single, base, found),
        say("Два незалежні кидки: H = 2 · ", "Two independent rolls: H = 2 · ")
        + num(single)
        + " "
        + result(answer, base),
    ]
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, hints, solution, count)


FAMILY = Family(name="uneven_entropy", slots={("entropy", 3): 6}, make=make)

"""Two marbles drawn one after the other without putting the first back: the second draw sees
one marble fewer, so the probabilities change (multiply the two steps)."""

from __future__ import annotations

import random

from quiz.bank.core import (
    Ask,
    Built,
    F,
    Family,
    answer_format,
    approx,
    exact_answer,
    fraction_step,
    lines,
    say,
    worked,
)
from quiz.bank.things import COLOURS, bag_intro, draw_bag


def make(rng: random.Random, ask: Ask) -> Built:
    counts = draw_bag(rng, colours=3, low=2, high=7)
    keys = [c for c, _ in counts]
    if rng.random() < 0.5:
        colour = keys[rng.randrange(3)]
        sequence = [colour, colour]
        c = COLOURS[colour]
        clause = say(f"обидві кульки будуть {c.marbles}", f"both marbles are {c.en}")
    else:
        first, second = rng.sample(keys, 2)
        sequence = [first, second]
        a, b = COLOURS[first], COLOURS[second]
        clause = say(
            f"перша буде {a.marble}, а друга — {b.marble}",
            f"the first is {a.en} and the second is {b.en}",
        )
    left = dict(counts)
    total = sum(left.values())
    factors = []
    for colour in sequence:
        factors.append((left[colour], total))
        left[colour] -= 1
        total -= 1
    answer = F(factors[0][0], factors[0][1]) * F(factors[1][0], factors[1][1])
    params = {"kind": "draws_probability", "counts": dict(counts), "sequence": sequence}
    text = lines(
        bag_intro(counts),
        say(
            "Ти навмання витягуєш кульку, не повертаєш її і витягуєш ще одну.",
            "You pull out a marble without looking, keep it out, and pull out another.",
        ),
        "",
        say(f"Яка ймовірність, що {clause.uk}?", f"What is the probability that {clause.en}?"),
        answer_format("draws_probability", float(answer), fraction=True),
    )
    (k1, n1), (k2, n2) = factors
    first_colour, second_colour = (COLOURS[c] for c in sequence)
    hints = (
        say(
            "Дві події поспіль: помнож імовірність першої на ймовірність другої — за умови, "
            "що перша вже сталася (кульку не повернули).",
            "Two events in a row: multiply the chance of the first by the chance of the second "
            "given the first happened (the marble stays out).",
        ),
        say(
            f"Перша кулька: {first_colour.marbles} — {k1} з {n1}. Скільки кульок і скільки "
            f"{'таких' if sequence[0] == sequence[1] else 'потрібних'} лишиться для другої?",
            f"First marble: {first_colour.en} — {k1} of {n1}. How many marbles, and how many "
            "of the colour you need, are left for the second?",
        ),
    )
    solution, steps = worked(
        [
            say(
                f"Перша {first_colour.marble}: P = {k1}/{n1}.",
                f"The first is {first_colour.en}: P = {k1}/{n1}.",
            ),
            say(
                f"Лишилося {n2} кульок, з них {second_colour.marbles} — {k2}: P = {k2}/{n2}.",
                f"{n2} marbles are left, {k2} of them {second_colour.en}: P = {k2}/{n2}.",
            ),
            f"P = {k1}/{n1} · {k2}/{n2} = "
            + fraction_step(k1 * k2, n1 * n2).removeprefix("P = ")
            + " "
            + approx(float(answer)),
        ],
        exact_answer(answer),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(name="marble_draws", slots={("probability", 3): 2}, make=make)

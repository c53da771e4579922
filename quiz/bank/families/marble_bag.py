"""A bag of coloured marbles, one drawn without looking: the probability of a colour (or of one
of two colours, or of "not this colour"), or its surprise."""

from __future__ import annotations

import random

from quiz.bank.core import Ask, Built, F, Family, event_question, fraction_step, say
from quiz.bank.things import COLOURS, bag_intro, draw_bag, marbles_word


def make(rng: random.Random, ask: Ask) -> Built:
    counts = draw_bag(rng, colours=3 if rng.random() < 0.7 else 4)
    total = sum(n for _, n in counts)
    keys = [c for c, _ in counts]
    how = rng.randrange(3)
    if how == 0:
        chosen = [keys[rng.randrange(len(keys))]]
        colour = COLOURS[chosen[0]]
        clause = say(f"вона буде {colour.marble}", f"it is {colour.en}")
    elif how == 1:
        chosen = sorted(rng.sample(keys, 2), key=keys.index)
        a, b = (COLOURS[c] for c in chosen)
        clause = say(f"вона буде {a.marble} або {b.marble}", f"it is {a.en} or {b.en}")
    else:
        left_out = keys[rng.randrange(len(keys))]
        chosen = [c for c in keys if c != left_out]
        clause = say(
            f"вона буде не {COLOURS[left_out].marble}", f"it is not {COLOURS[left_out].en}"
        )
    fit = sum(n for c, n in counts if c in chosen)
    parts = [str(n) for c, n in counts if c in chosen]
    summed = " + ".join(parts) + f" = {fit}" if len(parts) > 1 else str(fit)
    intro = bag_intro(counts) + say(
        "\nТи навмання витягуєш одну.", "\nYou pull one out without looking."
    )
    everything = " + ".join(str(n) for _, n in counts)
    counting = [
        say(
            f"Кульок, що підходять: {summed} з {total}; усі кульки рівноможливі.",
            f"Marbles that fit: {summed} of {total}; every marble is equally likely.",
        ),
        fraction_step(fit, total),
    ]
    tip = say(
        f"Усього кульок {everything} = {total} {marbles_word(total)}. Скільки з них підходять?",
        f"There are {everything} = {total} marbles. How many of them fit?",
    )
    return event_question(
        ask,
        intro=intro,
        clause=clause,
        p={c: F(n, total) for c, n in counts},
        event=chosen,
        prob=F(fit, total),
        counting=counting,
        tip=tip,
    )


FAMILY = Family(
    name="marble_bag",
    slots={("probability", 1): 3, ("surprisal", 1): 2},
    make=make,
)

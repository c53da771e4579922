"""Two fair dice at once: the probability of an event on the pair (a sum, a double, "at least one
6"…) or its surprise — counted in the 6 × 6 table of equally likely pairs."""

from __future__ import annotations

import random

from quiz.bank.core import Ask, Built, F, Family, event_question, fraction_step, say
from quiz.bank.things import (
    ALL_PAIRS_STEP,
    PAIRS,
    TWO_DICE_INTRO,
    draw_pair_event,
    fair_pairs,
    pair_count_step,
    pair_key,
)


def make(rng: random.Random, ask: Ask) -> Built:
    event = draw_pair_event(rng)
    fits = [pair for pair in PAIRS if event.test(*pair)]
    prob = F(len(fits), 36)
    return event_question(
        ask,
        intro=TWO_DICE_INTRO,
        clause=say(f"{event.clause.uk}", f"{event.clause.en}"),
        p=fair_pairs(),
        event=[pair_key(a, b) for a, b in fits],
        prob=prob,
        counting=[
            ALL_PAIRS_STEP,
            pair_count_step(fits, event.clause),
            fraction_step(len(fits), 36),
        ],
        tip=say(
            "Уяви таблицю 6 × 6: рядки — число на червоному кубику, стовпці — на синьому. "
            f"Познач клітинки, де {event.clause.uk}.",
            "Picture a 6 × 6 table: rows for the red die, columns for the blue one. "
            f"Mark the cells where {event.clause.en}.",
        ),
    )


FAMILY = Family(
    name="two_dice",
    slots={("probability", 3): 4, ("surprisal", 3): 2},
    make=make,
)

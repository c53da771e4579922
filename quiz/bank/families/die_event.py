"""One roll of a die and an event on it: its probability, or its surprise −log P.

Level 1: a fair die with 4–20 faces. Level 2: a weird die (the value 4 on several faces, as in the
talk), where counting faces — not values — is the point.
"""

from __future__ import annotations

import random

from quiz.bank.core import Ask, Built, F, Family, event_question, fraction_step, pick, say
from quiz.bank.things import (
    count_line,
    draw_die_event,
    draw_weird_die,
    fair_die_intro,
    fitting,
    value_distribution,
    weird_die_intro,
)

FAIR_SIZES = (4, 6, 8, 10, 12, 20)


def make(rng: random.Random, ask: Ask) -> Built:
    if ask.level == 1:
        n = pick(rng, FAIR_SIZES)
        faces: tuple[int, ...] = tuple(range(1, n + 1))
        intro = fair_die_intro(n)
        tip = say(
            f"Граней {n}, і всі рівноможливі. Випиши ті, що підходять, і порахуй їх.",
            f"There are {n} faces, all equally likely. List the ones that fit and count them.",
        )
    else:
        faces = draw_weird_die(rng)
        n = len(faces)
        intro = weird_die_intro(faces)
        tip = say(
            f"Граней {n}, і всі рівноможливі. Рахуй грані, а не числа: одне число може "
            "стояти на кількох гранях.",
            f"There are {n} faces, all equally likely. Count faces, not numbers: one number "
            "may be on several faces.",
        )
    event = draw_die_event(rng, faces)
    fits = fitting(faces, event)
    values = sorted(set(faces))
    return event_question(
        ask,
        intro=intro,
        clause=event.clause,
        p=value_distribution(faces, values),
        event=[str(v) for v in values if event.test(v)],
        prob=F(len(fits), n),
        counting=[count_line(fits, n), fraction_step(len(fits), n)],
        tip=tip,
    )


FAMILY = Family(
    name="die_event",
    slots={("probability", 1): 4, ("probability", 2): 5, ("surprisal", 1): 4, ("surprisal", 2): 5},
    make=make,
)

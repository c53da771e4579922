"""Several rolls of a die: the probability that an event happens at least once — through the
complement, "never", because the rolls' probabilities do not simply add up."""

from __future__ import annotations

import random

from quiz.bank.core import (
    Ask,
    Built,
    F,
    Family,
    answer_format,
    approx,
    dist_params,
    exact_answer,
    frac,
    lines,
    pick,
    say,
    worked,
)
from quiz.bank.things import (
    draw_die_event,
    draw_weird_die,
    fair_die_intro,
    fitting,
    times_word,
    value_distribution,
    weird_die_intro,
)


def make(rng: random.Random, ask: Ask) -> Built:
    if rng.random() < 0.5:
        n_faces = pick(rng, (4, 6, 8, 10, 12))
        faces: tuple[int, ...] = tuple(range(1, n_faces + 1))
        intro = fair_die_intro(n_faces)
    else:
        faces = draw_weird_die(rng, (6, 8))
        intro = weird_die_intro(faces)
    values = sorted(set(faces))
    while True:  # an answer near 1 would be "almost surely", not a question
        event = draw_die_event(rng, faces)
        rolls = rng.randint(2, 4)
        fits = len(fitting(faces, event))
        once = F(fits, len(faces))
        never = (1 - once) ** rolls
        answer = 1 - never
        if answer <= F(19, 20):
            break
    params = {
        "kind": "at_least_once",
        "p": dist_params(value_distribution(faces, values)),
        "event": [str(v) for v in values if event.test(v)],
        "n": rolls,
    }
    times_uk = times_word(rolls)
    text = lines(
        intro,
        "",
        say(
            f"Кубик кидають {rolls} {times_uk}. Яка ймовірність, що хоча б один раз "
            f"{event.clause.uk}?",
            f"You roll the die {rolls} times. What is the probability that {event.clause.en} "
            "at least once?",
        ),
        answer_format("at_least_once", float(answer), fraction=True),
    )
    miss = 1 - once
    hints = (
        say(
            "«Хоча б раз» легше порахувати через протилежну подію — «жодного разу»: "
            "P(хоча б раз) = 1 − P(жодного разу).",
            "“At least once” is easier through the opposite event, “never”: "
            "P(at least once) = 1 − P(never).",
        ),
        say(
            f"За один кидок P = {fits}/{len(faces)}, тож «не станеться» — {frac(miss)}. "
            f"Кидки незалежні: для {rolls} кидків ці ймовірності перемножуються.",
            f"In one roll P = {fits}/{len(faces)}, so “doesn't happen” is {frac(miss)}. "
            f"The rolls are independent: for {rolls} rolls these probabilities multiply.",
        ),
    )
    solution, steps = worked(
        [
            say(
                f"За один кидок: P = {fits}/{len(faces)}"
                + ("" if frac(once) == f"{fits}/{len(faces)}" else f" = {frac(once)}")
                + f"; не станеться: 1 − {frac(once)} = {frac(miss)}.",
                f"In one roll: P = {fits}/{len(faces)}"
                + ("" if frac(once) == f"{fits}/{len(faces)}" else f" = {frac(once)}")
                + f"; it doesn't happen: 1 − {frac(once)} = {frac(miss)}.",
            ),
            say(
                f"Жодного разу за {rolls} кидки: ({frac(miss)})^{rolls} = {frac(never)}.",
                f"Never in {rolls} rolls: ({frac(miss)})^{rolls} = {frac(never)}.",
            ),
            say(
                f"Хоча б раз: 1 − {frac(never)} = {frac(answer)} " + approx(float(answer)).uk,
                f"At least once: 1 − {frac(never)} = {frac(answer)} " + approx(float(answer)).en,
            ),
        ],
        exact_answer(answer),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(name="at_least_once", slots={("probability", 3): 3}, make=make)

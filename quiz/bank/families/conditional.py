"""Conditional probability: we are told part of the result ("the roll is even") — what is the
probability of an event now? Count only among the results that fit the condition.

Level 2: one die (fair or weird). Level 3: two dice (told the sum, asked about a double…)."""

from __future__ import annotations

import random

from quiz.bank.core import (
    Ask,
    Bi,
    Built,
    F,
    Family,
    answer_format,
    approx,
    dist_params,
    exact_answer,
    fraction_step,
    lines,
    pick,
    say,
    worked,
)
from quiz.bank.things import (
    PAIRS,
    TWO_DICE_INTRO,
    draw_die_event,
    draw_pair_event,
    draw_weird_die,
    faces_text,
    fair_die_intro,
    fair_pairs,
    pair_key,
    pair_text,
    value_distribution,
    weird_die_intro,
)
from quiz.numbers import plural_form


def _past(clause: Bi) -> Bi:
    """'випаде 4' → 'випало 4', 'you roll a 4' → 'you rolled a 4'."""
    return Bi(
        clause.uk.replace("випаде", "випало", 1), clause.en.replace("you roll", "you rolled", 1)
    )


def _one_die(rng: random.Random) -> tuple[Bi, Bi, Bi, dict, list[str], list[str], list, list]:
    if rng.random() < 0.5:
        n = pick(rng, (6, 8, 10, 12))
        faces: tuple[int, ...] = tuple(range(1, n + 1))
        intro = fair_die_intro(n)
    else:
        faces = draw_weird_die(rng, (6, 8, 10))
        intro = weird_die_intro(faces)
    while True:
        given, event = draw_die_event(rng, faces), draw_die_event(rng, faces)
        inside = [v for v in faces if given.test(v)]
        both = [v for v in inside if event.test(v)]
        if 0 < len(both) < len(inside):
            break
    values = sorted(set(faces))
    return (
        intro,
        _past(given.clause),
        _past(event.clause),
        value_distribution(faces, values),
        [str(v) for v in values if event.test(v)],
        [str(v) for v in values if given.test(v)],
        inside,
        both,
    )


def _two_dice(rng: random.Random) -> tuple[Bi, Bi, Bi, dict, list[str], list[str], list, list]:
    while True:
        given, event = draw_pair_event(rng), draw_pair_event(rng)
        inside = [pair for pair in PAIRS if given.test(*pair)]
        both = [pair for pair in inside if event.test(*pair)]
        if 0 < len(both) < len(inside) and len(inside) <= 15:
            break
    return (
        TWO_DICE_INTRO,
        given.clause,
        event.clause,
        fair_pairs(),
        [pair_key(a, b) for a, b in PAIRS if event.test(a, b)],
        [pair_key(a, b) for a, b in inside],
        inside,
        both,
    )


def make(rng: random.Random, ask: Ask) -> Built:
    pairs = ask.level == 3
    intro, given, event, p, event_outcomes, given_outcomes, inside, both = (
        _two_dice(rng) if pairs else _one_die(rng)
    )
    answer = F(len(both), len(inside))
    params = {
        "kind": "conditional_probability",
        "p": dist_params(p),
        "event": event_outcomes,
        "given": given_outcomes,
    }
    thrown = (
        say("Кубики кинули", "The dice are rolled")
        if pairs
        else say("Кубик кинули", "The die is rolled")
    )
    text = lines(
        intro,
        "",
        thrown
        + say(
            f", і тобі сказали лише, що {given.uk}. Яка тепер імовірність, що {event.uk}?",
            f", and you are told only that {given.en}. What is the probability now that "
            f"{event.en}?",
        ),
        answer_format("conditional_probability", float(answer), fraction=True),
    )
    shown: Bi = pair_text(inside) if pairs else Bi(faces_text(inside), faces_text(inside))
    shown_both: Bi = pair_text(both) if pairs else Bi(faces_text(both), faces_text(both))
    kind_en = "pairs" if pairs else "faces"
    forms = ("пара", "пари", "пар") if pairs else ("грань", "грані", "граней")
    things = plural_form(len(inside), "uk", forms)
    alike = plural_form(len(inside), "uk", ("рівноможлива", "рівноможливі", "рівноможливих"))
    meet = plural_form(len(inside), "uk", ("відповідає", "відповідають", "відповідають"))
    fit = plural_form(len(both), "uk", ("підходить", "підходять", "підходять"))
    hints = (
        say(
            "Умова відкидає всі результати, які їй не відповідають. Рахуй лише серед тих, що "
            "лишилися: P(A | B) = (скільки підходить і до A, і до B) / (скільки підходить до B).",
            "The condition rules out every result that doesn't meet it. Count only among those "
            "left: P(A | B) = (how many fit both A and B) / (how many fit B).",
        ),
        say(
            f"Умові «{given.uk}» {meet} {len(inside)} {alike} {things}: {shown.uk}.",
            f"{len(inside)} equally likely {kind_en} meet the condition “{given.en}”: {shown.en}.",
        ),
    )
    solution, steps = worked(
        [
            say(
                f"Умова: {given.uk}. Їй {meet} {len(inside)} {things}: {shown.uk}.",
                f"Condition: {given.en}. {len(inside)} {kind_en} meet it: {shown.en}.",
            ),
            say(
                f"З них до «{event.uk}» {fit} {len(both)}: {shown_both.uk}.",
                f"Of these, {len(both)} fit “{event.en}”: {shown_both.en}.",
            ),
            fraction_step(len(both), len(inside)) + " " + approx(float(answer)),
        ],
        exact_answer(answer),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(name="conditional", slots={("probability", 2): 3, ("probability", 3): 2}, make=make)

"""The entropy of a weird die (the value 4 on several faces) or of a biased coin: outcomes are not
equally likely, so the surprises are weighed by their probabilities."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz.bank.core import (
    Ask,
    Bi,
    Built,
    F,
    Family,
    entropy_question,
    pick,
    say,
    with_unit,
    worked,
)
from quiz.bank.sums import term_lines, terms, total_line
from quiz.bank.things import draw_weird_die, value_distribution, weird_die_intro
from quiz.numbers import plural_form

COIN_BIASES = (
    F(1, 3),
    F(1, 4),
    F(1, 5),
    F(1, 8),
    F(1, 10),
    F(2, 5),
    F(3, 8),
    F(3, 10),
    F(2, 3),
    F(3, 4),
    F(4, 5),
    F(9, 10),
)


def probability_story(faces: tuple[int, ...], p: dict[str, Fraction]) -> Bi:
    """'4 стоїть на 3 гранях з 6 (p = 1/2); 1, 2, 5 — кожне на 1 грані (p = 1/6)'."""
    n = len(faces)
    by_count: dict[int, list[int]] = {}
    for value in sorted(set(faces)):
        by_count.setdefault(faces.count(value), []).append(value)
    parts_uk, parts_en = [], []
    for k, values in sorted(by_count.items(), reverse=True):
        prob = _frac(p[str(values[0])])
        where = plural_form(k, "uk", ("грані", "гранях", "гранях"))
        shown = ", ".join(map(str, values))
        if len(values) == 1:
            parts_uk.append(f"{shown} стоїть на {k} {where} з {n} (p = {prob})")
            face_en = "face" if k == 1 else "faces"
            parts_en.append(f"{shown} is on {k} of the {n} {face_en} (p = {prob})")
        else:
            parts_uk.append(f"{shown} — кожне на {k} {where} (p = {prob})")
            face_en = "face" if k == 1 else "faces"
            parts_en.append(f"{shown} are on {k} {face_en} each (p = {prob})")
    return Bi("; ".join(parts_uk), "; ".join(parts_en))


def _frac(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else "1"


def make(rng: random.Random, ask: Ask) -> Built:
    base = ask.base
    if rng.random() < 0.25:
        heads = pick(rng, COIN_BIASES)
        p = {"heads": heads, "tails": 1 - heads}
        labels = {"heads": say("орел", "heads"), "tails": say("решка", "tails")}
        intro = say(
            f"🪙 Нечесна монетка: орел випадає з імовірністю {_frac(heads)}.",
            f"🪙 An unfair coin comes up heads with probability {_frac(heads)}.",
        )
        trial = say("за одне підкидання", "per toss")
        story = say(
            f"p(орел) = {_frac(heads)}, p(решка) = 1 − {_frac(heads)} = {_frac(1 - heads)}",
            f"p(heads) = {_frac(heads)}, p(tails) = 1 − {_frac(heads)} = {_frac(1 - heads)}",
        )
    else:
        faces = draw_weird_die(rng)
        p = value_distribution(faces, sorted(set(faces)))
        labels = None
        intro = weird_die_intro(faces)
        trial = say("за один кидок", "per roll")
        story = probability_story(faces, p)
    params, text, answer = entropy_question(intro, trial, p, base)
    hints = (
        say(
            "Ентропія — середній сюрприз: H = Σ p · log(1/p). Результати тут не рівноможливі, "
            "тож сюрприз кожного множиться на його ймовірність.",
            "Entropy is the average surprise: H = Σ p · log(1/p). The outcomes here are not "
            "equally likely, so each surprise is weighed by its probability.",
        ),
        say("Спершу ймовірності: ", "First the probabilities: ") + story + ".",
    )
    found = terms("entropy", p, None, base)
    steps = [
        say("Ймовірності: ", "Probabilities: ") + story + ".",
        *term_lines(found, labels),
        total_line("H", answer, base, found),
    ]
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, hints, solution, count)


FAMILY = Family(name="weird_entropy", slots={("entropy", 2): 5}, make=make)

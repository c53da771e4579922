"""Bits ↔ nats ↔ hartleys: the same surprise or entropy measured with another log base. Changing
the base multiplies by a constant: 1 bit = ln 2 nats ≈ 0,693 nats, 1 hartley = log₂ 10 bits."""

from __future__ import annotations

import math
import random

from quiz import calculator as calc
from quiz.bank.core import (
    LOG,
    UNIT_PHRASE,
    Ask,
    Built,
    F,
    Family,
    answer_format,
    frac,
    lines,
    num,
    pick,
    result,
    say,
    with_unit,
    worked,
)

BASES = ("2", "e", "10")
VALUES = (
    F(2),
    F(3),
    F(4),
    F(5),
    F(6),
    F(1, 2),
    F(3, 2),
    F(5, 2),
    F(7, 2),
    F(5, 4),
    F(9, 4),
    F(7, 10),
    F(13, 10),
    F(12, 5),
)
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("Сюрприз від однієї події", "The surprise of an event"),
    ("Ентропія одного кидка кубика", "The entropy of one roll of a die"),  # DIE
    ("Втрата мовної моделі на слові", "A language model's loss on a word"),
    ("Середній сюрприз прогнозу погоди", "The average surprise of a weather forecast"),
)
DIE = 1  # the subject whose entropy is bounded: log 6 for a die


def make(rng: random.Random, ask: Ask) -> Built:
    target = ask.base
    source = pick(rng, BASES)
    if source == target:  # the question converts *from* another unit
        source = BASES[(BASES.index(source) + 1) % 3]
    value = pick(rng, VALUES)
    subject = 0 if ask.topic == "surprisal" else 1 + rng.randrange(3)
    if subject == DIE and float(value) >= math.log(6, calc.BASE_VALUES[source]):
        # A roll of a die (six faces at most) never has more entropy than a fair one, log 6:
        # another subject then, chosen without a draw, so the numbers stay what they were.
        subject = DIE + 1 + value.numerator % 2
    subject_uk, subject_en = SUBJECTS[subject]
    factor = math.log(calc.BASE_VALUES[source]) / math.log(calc.BASE_VALUES[target])
    answer = float(value) * factor
    params = {"kind": "convert_units", "value": frac(value), "from": source, "base": target}
    given = with_unit(float(value), source)
    text = lines(
        say(f"{subject_uk} — {given.uk}.", f"{subject_en} is {given.en}."),
        "",
        say(
            f"Скільки це {UNIT_PHRASE[target].uk}?",
            f"How much is that {UNIT_PHRASE[target].en}?",
        ),
        answer_format("convert_units", answer),
    )
    one = with_unit(1, source)  # "1 біт"
    conversion = one + f" = {LOG[target]} {source} " + result(factor, target)
    hints = (
        say(
            "Зміна основи логарифма — множення на сталу: log_b x = ln x / ln b. Тож одиниці "
            "переводять, як сантиметри в дюйми: множенням на одне й те саме число.",
            "Changing a log's base multiplies by a constant: log_b x = ln x / ln b. So units "
            "convert like centimetres to inches: multiply by one fixed number.",
        ),
        say("Спершу: ", "First: ") + conversion.map(lambda t: t.rstrip()) + ".",
    )
    solution, steps = worked(
        [
            conversion,
            given + " = " + num(float(value)) + " · " + num(factor) + " " + result(answer, target),
        ],
        with_unit(answer, target),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(
    name="unit_conversion",
    slots={("surprisal", 1): 2, ("surprisal", 2): 1, ("entropy", 1): 2, ("entropy", 2): 1},
    make=make,
)

"""Inverse problems: from a surprise back to a probability ("the surprise is 3 bits — what is P?"),
or from a surprise or an entropy back to the number of equally likely outcomes ("a fair die with
an entropy of 4 bits has how many faces?"): undo the log with a power, P = base^(−S)."""

from __future__ import annotations

import math
import random

from quiz import calculator as calc
from quiz.bank.core import (
    LOG,
    Ask,
    Bi,
    Built,
    F,
    Family,
    answer_format,
    dist_params,
    exact_answer,
    frac,
    lines,
    num,
    pick,
    say,
    uniform,
    with_unit,
    worked,
)

POWER_NAME = {"2": "2", "e": "e", "10": "10"}
# (uk, en) stories for "an event with this surprise"
STORIES: tuple[tuple[str, str], ...] = (
    (
        "Сюрприз від того, що сьогодні в школі оголосять вихідний,",
        "The surprise of the school announcing a day off today",
    ),
    (
        "Сюрприз від того, що навмання обраний однокласник — іменинник сьогодні,",
        "The surprise that a randomly chosen classmate has a birthday today",
    ),
    ("Сюрприз від виграшу в шкільній лотереї", "The surprise of winning the school raffle"),
    (
        "Сюрприз від того, що на світлофорі горить зелене,",
        "The surprise of finding the traffic light green",
    ),
    (
        "Сюрприз від того, що автобус прийде точно за розкладом,",
        "The surprise of the bus coming exactly on time",
    ),
)
# probabilities whose surprise is printed (whole bits for the powers of ½); one pool for every
# base, so an explicit base never changes the question a seed gives
PROBABILITIES = (
    F(1, 2),
    F(1, 4),
    F(1, 8),
    F(1, 16),
    F(1, 32),
    F(1, 64),
    F(1, 3),
    F(1, 5),
    F(1, 6),
    F(1, 10),
    F(1, 20),
    F(1, 100),
    F(2, 3),
    F(3, 4),
    F(2, 5),
    F(3, 8),
)
COUNTS = (2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64)


def shown_measure(value: float, base: str) -> tuple[Bi, Bi]:
    """A surprise or an entropy printed in the question, with its unit and without: whole when
    it is, else to 4 significant digits (enough to undo the log back to the answer)."""
    shown = with_unit(round(value) if abs(value - round(value)) < 1e-9 else value, base)
    return shown, shown.map(lambda text: text.split()[0])


BASE_NOTE = {
    "2": say("логарифм за основою 2", "log base 2"),
    "e": say("натуральний логарифм ln, основа e", "natural log ln, base e"),
    "10": say("логарифм за основою 10", "log base 10"),
}


def make(rng: random.Random, ask: Ask) -> Built:
    base = ask.base
    if ask.topic == "entropy" or rng.random() < 0.4:
        return _count(rng, ask)
    prob = pick(rng, PROBABILITIES)
    story_uk, story_en = STORIES[rng.randrange(len(STORIES))]
    surprise = calc.surprisal(prob, base)
    shown, number = shown_measure(surprise, base)
    params = {
        "kind": "probability_from_surprisal",
        "p": dist_params({"yes": prob, "no": 1 - prob}),
        "event": ["yes"],
        "base": base,
    }
    text = lines(
        say(
            f"{story_uk} — {shown.uk} ({BASE_NOTE[base].uk}).",
            f"{story_en} is {shown.en} ({BASE_NOTE[base].en}).",
        ),
        "",
        say("Яка ймовірність цієї події?", "What is the probability of this event?"),
        answer_format("probability_from_surprisal", float(prob), fraction=True),
    )
    b = POWER_NAME[base]
    hints = (
        say(
            f"Сюрприз S = −log P, тож імовірність — навпаки: P = {b}^(−S). Логарифм «знімає» "
            "степінь.",
            f"The surprise is S = −log P, so the probability goes the other way: P = {b}^(−S). "
            "A power undoes the log.",
        ),
        say(
            f"Тут −{LOG[base]} P = {number.uk}, тож {LOG[base]} P = −{number.uk}. Яке число "
            f"дає такий логарифм?",
            f"Here −{LOG[base]} P = {number.en}, so {LOG[base]} P = −{number.en}. Which number "
            "has that log?",
        ),
    )
    solution, steps = worked(
        [
            say(f"S = −log P, отже P = {b}^(−S).", f"S = −log P, so P = {b}^(−S)."),
            say(f"P = {b}^(−{number.uk}) ≈ ", f"P = {b}^(−{number.en}) ≈ ")
            + num(float(prob))
            + say(f" — це {frac(prob)}", f" — that is {frac(prob)}"),
        ],
        exact_answer(prob),
    )
    return Built(params, text, hints, solution, steps)


def _count(rng: random.Random, ask: Ask) -> Built:
    base = ask.base
    n = pick(rng, COUNTS)
    measure = math.log(n) / math.log(calc.BASE_VALUES[base])
    shown, number = shown_measure(measure, base)
    p = uniform([str(v) for v in range(1, n + 1)])
    entropy = ask.topic == "entropy"
    params = {
        "kind": "outcomes_from_entropy" if entropy else "outcomes_from_surprisal",
        "p": dist_params(p),
        "base": base,
    }
    what = (
        say("ентропія кубика", "the die's entropy")
        if entropy
        else say("сюрприз від кожної грані", "the surprise of each face")
    )
    text = lines(
        say(
            f"🎲 У чесного кубика всі грані рівноможливі, і {what.uk} — {shown.uk} "
            f"({BASE_NOTE[base].uk}).",
            f"🎲 A fair die has equally likely faces, and {what.en} is {shown.en} "
            f"({BASE_NOTE[base].en}).",
        ),
        "",
        say("Скільки граней у цього кубика?", "How many faces does this die have?"),
        answer_format(params["kind"], float(n)),
    )
    b = POWER_NAME[base]
    idea = (
        say(
            "Коли n результатів рівноможливі, ентропія — це сюрприз кожного: H = log n. "
            f"Отже, n = {b}^H.",
            f"When n outcomes are equally likely, the entropy is the surprise of each: "
            f"H = log n. So n = {b}^H.",
        )
        if entropy
        else say(
            f"Кожна з n граней має P = 1/n, і сюрприз S = −log(1/n) = log n. Отже, n = {b}^S.",
            f"Each of n faces has P = 1/n, and the surprise S = −log(1/n) = log n. So n = {b}^S.",
        )
    )
    hints = (
        idea,
        say(
            f"Тут {LOG[base]} n = {number.uk}. Яке число n дає такий логарифм?",
            f"Here {LOG[base]} n = {number.en}. Which number n has that log?",
        ),
    )
    sign = " ≈ " if abs(measure - round(measure)) > 1e-9 else " = "
    solution, steps = worked(
        [
            say("log n = ", "log n = ") + shown + say(", тож n = ", ", so n = ") + f"{b}^" + number,
            f"n = {b}^" + number + f"{sign}{n}",
        ],
        str(n),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(
    name="inverse",
    slots={("surprisal", 1): 2, ("surprisal", 2): 2, ("entropy", 1): 2, ("entropy", 2): 1},
    make=make,
)

"""Every number on every lesson page is the calculator's, recomputed here independently of the
lessons' own code; no page shows a decimal or a fraction that is not one of them; and the
subtractions of lesson 5 come out exactly as shown."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction as F

import pytest

from bot.features.learn import lessons
from bot.sandbox.html import parse_html
from quiz import calculator
from quiz.numbers import format_number

SIXTH, HALF, THIRD = F(1, 6), F(1, 2), F(1, 3)
FAIR = {str(face): SIXTH for face in range(1, 7)}
WEIRD = {"1": SIXTH, "2": SIXTH, "3": SIXTH, "4": HALF, "5": F(0), "6": F(0)}
MISREAD = {"1": SIXTH, "2": SIXTH, "3": SIXTH, "4": THIRD, "5": SIXTH, "6": F(0)}
NO_FOUR = {"1": F(1, 5), "2": F(1, 5), "3": F(1, 5), "4": F(0), "5": F(1, 5), "6": F(1, 5)}
WORDS = (0.05, 0.2, 0.3, 0.6)


def s(prob: float | F, base: str = "2") -> float:
    return calculator.surprisal(prob, base)


# Per page: (value, significant digits) pairs, and the fractions it may show.
EXPECTED: dict[str, tuple[list[tuple[float, int]], set[str]]] = {
    "1.1": ([(1 / 6, 4), (0.5, 4)], {"1/6", "1/2"}),
    "1.2": ([(1 / 6, 4), (2 / 3, 4)], {"1/6", "1/2", "3/6", "2/3"}),
    "1.3": ([], {"1/2"}),
    "2.1": ([], set()),
    "2.2": ([], {"1/6", "1/2"}),
    "2.3": ([], set()),
    "2.4": ([], {"1/6", "1/36"}),
    "2.5": ([(-s(HALF, "e"), 4)], {"1/2"}),
    "2.6": (
        [(math.e, 4), (1 / s(HALF, "e"), 4)]
        + [(s(p), 4) for p in (HALF, SIXTH, F(1, 100))]
        + [(s(p, "e"), 4) for p in (HALF, SIXTH, F(1, 100))],
        {"1/2", "1/6", "1/100"},
    ),
    "2.7": (
        [(0.00005, 4), (-s(0.00005, "e"), 9), (-s(0.00005, "e"), 4), (-100 * s(0.00005, "e"), 4)],
        set(),
    ),
    "3.1": (
        [(s(SIXTH), 4), (calculator.entropy(FAIR), 4), (calculator.entropy(FAIR, "e"), 4)],
        {"1/6"},
    ),
    "3.2": (
        [
            (s(SIXTH), 4),
            (SIXTH * s(SIXTH), 5),
            (0.5, 4),
            (calculator.entropy(WEIRD), 5),
            (calculator.entropy(WEIRD, "e"), 5),
            (calculator.entropy(FAIR), 4),
        ],
        {"1/6", "1/2"},
    ),
    "4.1": (
        [(s(SIXTH), 4), (s(THIRD), 4), (calculator.cross_entropy(WEIRD, MISREAD), 4)],
        {"1/6", "1/3", "1/2"},
    ),
    "4.2": (
        [
            (calculator.entropy(WEIRD), 5),
            (calculator.cross_entropy(WEIRD, MISREAD), 4),
            (calculator.cross_entropy(WEIRD, FAIR), 4),
            (calculator.entropy(MISREAD), 4),
        ],
        set(),
    ),
    "4.3": (
        [
            (calculator.entropy(WEIRD), 5),
            (calculator.entropy(WEIRD, "e"), 5),
            (calculator.cross_entropy(WEIRD, FAIR), 4),
            (calculator.cross_entropy(WEIRD, FAIR, "e"), 4),
            (calculator.cross_entropy(WEIRD, FAIR, "e"), 5),
            (s(HALF, "e"), 5),
        ],
        set(),
    ),
    "4.4": (
        [(q, 4) for q in WORDS]
        + [(s(q, "e"), 4) for q in WORDS]
        + [(math.fsum(s(q, "e") for q in WORDS) / len(WORDS), 3), (s(F(1, 10_000), "e"), 3)],
        set(),
    ),
    "5.1": (  # shown to 4 decimals, so that the subtractions are exact (see below)
        [
            (round(value, 4), 15)
            for value in (
                calculator.cross_entropy(WEIRD, FAIR),
                calculator.entropy(WEIRD),
                calculator.kl_divergence(WEIRD, FAIR),
                calculator.cross_entropy(WEIRD, MISREAD),
                calculator.kl_divergence(WEIRD, MISREAD),
            )
        ],
        set(),
    ),
    "5.2": (
        [(q, 4) for q in (0.1, 0.001, 0.000001)] + [(s(F(1, 10**k)), 4) for k in (1, 3, 6)],
        {"1/2"},
    ),
    "5.3": ([], set()),
}


def body(lang: str, lesson: int, page: int, answer: str | None = None) -> str:
    """The page as the student reads it, without its header (which shows page numbers)."""
    text = parse_html(lessons.caption(lang, lesson, page, answer))[0]
    return text.split("\n", 2)[2]


def decimals(text: str, lang: str) -> list[str]:
    mark = "," if lang == "uk" else r"\."
    return re.findall(rf"−?\d+{mark}\d+", text)


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize(("lesson", "page"), lessons.all_pages())
def test_the_numbers_on_a_page_are_the_calculators_and_nothing_else(
    lang: str, lesson: int, page: int
) -> None:
    values, fractions = EXPECTED[f"{lesson}.{page}"]
    shown = {format_number(float(value), lang, digits) for value, digits in values}
    for answer in lessons.states(lesson, page):
        text = body(lang, lesson, page, answer)
        if answer is None:
            for number in shown:
                assert number in text, (lesson, page, number)
        for number in decimals(text, lang):
            assert number in shown, f"{lesson}.{page}: {number} is not the calculator's"
        for fraction in re.findall(r"\d+/\d+", text):
            assert fraction in fractions, f"{lesson}.{page}: the fraction {fraction}"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_lesson_5s_subtractions_are_exact_as_shown(lang: str) -> None:
    text = body(lang, 5, 1)
    mark = "," if lang == "uk" else "."
    number = rf"(\d+\{mark}\d+)" if mark == "." else rf"(\d+{mark}\d+)"
    found = re.findall(rf"D = {number} − {number} = {number}", text)
    cases = [(FAIR, found[0]), (MISREAD, found[1])]
    assert len(found) == 2
    for belief, (ce, h, kl) in cases:
        ce_d, h_d, kl_d = (Decimal(x.replace(",", ".")) for x in (ce, h, kl))
        assert ce_d - h_d == kl_d, f"{ce} − {h} ≠ {kl}"
        assert ce_d == round(Decimal(calculator.cross_entropy(WEIRD, belief)), 4)
        assert h_d == round(Decimal(calculator.entropy(WEIRD)), 4)
        assert kl_d == round(Decimal(calculator.kl_divergence(WEIRD, belief)), 4)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_slips_of_the_old_lessons_are_gone(lang: str) -> None:
    everything = "\n".join(
        body(lang, n, p, answer) for n, p in lessons.all_pages() for answer in lessons.states(n, p)
    )
    assert "−log 0 =" not in everything and "log 0" in everything  # a limit, not a value
    assert ("щодругого" if lang == "uk" else "every other roll") not in everything
    # H(p, q) ≠ H(q) in the cross-entropy example: a belief that is not uniform.
    assert calculator.cross_entropy(WEIRD, MISREAD) != pytest.approx(calculator.entropy(MISREAD))
    # "for the same number of outcomes", and the loss is an average per word.
    assert ("та сама" if lang == "uk" else "same number of") in body(lang, 3, 2)
    assert ("на слово" if lang == "uk" else "per word") in body(lang, 4, 4)
    # Bits are defined (2.6) before any page speaks of them.
    unit = "біт" if lang == "uk" else "bit"
    first = next(
        (n, p) for n, p in lessons.all_pages() if unit in body(lang, n, p).replace("−log", "")
    )
    assert first == (2, 6)

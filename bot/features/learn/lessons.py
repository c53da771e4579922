"""The five lessons of the talk, bottom-up: probability → surprise → entropy → cross-entropy →
KL divergence. Each page is a text template from `bot.texts.learn` whose numbers are computed
here with `quiz.calculator` and formatted with `quiz.numbers.format_number`, so a lesson can
never disagree with the quiz that grades the student."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from bot.texts import t
from quiz import calculator
from quiz.numbers import format_number

FAIR_DIE: dict[str, Fraction] = {str(face): Fraction(1, 6) for face in range(1, 7)}
# The talk's weird die: faces 1, 2, 3, 4, 4, 4 — the value 4 on three faces.
WEIRD_DIE: dict[str, Fraction] = {
    "1": Fraction(1, 6),
    "2": Fraction(1, 6),
    "3": Fraction(1, 6),
    "4": Fraction(1, 2),
    "5": Fraction(0),
    "6": Fraction(0),
}
COIN: dict[str, Fraction] = {"heads": Fraction(1, 2), "tails": Fraction(1, 2)}
# A belief that rules the four out completely (lesson 5): q(4) = 0 while p(4) = 1/2.
NO_FOUR_BELIEF: dict[str, Fraction] = {
    face: (Fraction(0) if face == "4" else Fraction(1, 5)) for face in FAIR_DIE
}
TINY = 0.00005  # the talk's example of a tiny probability
TINY_COUNT = 100  # how many tiny probabilities we multiply to show the underflow


def _fraction(value: Fraction | float) -> str:
    """An exact probability as a school fraction: 1/6, 1/2, 0, 1."""
    fraction = Fraction(value).limit_denominator(1000)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    return f"{fraction.numerator}/{fraction.denominator}"


def _numbers(lang: str) -> Callable[[float], str]:
    return lambda value: format_number(float(value), lang)


def _probability_intro(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    p_face = calculator.event_probability(FAIR_DIE, ["1"])
    p_even = calculator.event_probability(FAIR_DIE, ["2", "4", "6"])
    return {
        "p_face": _fraction(p_face),
        "p_face_dec": n(p_face),
        "p_even": _fraction(p_even),
        "p_even_dec": n(p_even),
    }


def _weird_die(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    p_one = calculator.event_probability(WEIRD_DIE, ["1"])
    p_four = calculator.event_probability(WEIRD_DIE, ["4"])
    p_five = calculator.event_probability(WEIRD_DIE, ["5"])
    p_total = calculator.event_probability(WEIRD_DIE, list(WEIRD_DIE))
    p_gt2 = calculator.event_probability(WEIRD_DIE, ["3", "4"])
    return {
        "p_one": _fraction(p_one),
        "p_one_dec": n(p_one),
        "p_four": _fraction(p_four),
        "p_four_dec": n(p_four),
        "p_five": _fraction(p_five),
        "p_total": _fraction(p_total),
        "p_gt2": _fraction(p_gt2),
        "p_gt2_dec": n(p_gt2),
    }


def _surprise(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    return {
        "s_certain": n(calculator.surprisal(1)),
        "s_face": n(calculator.surprisal(Fraction(1, 6))),
        "s_four": n(calculator.surprisal(WEIRD_DIE["4"])),
        "s_one": n(calculator.surprisal(WEIRD_DIE["1"])),
    }


def _why_log(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    ln_tiny = -calculator.surprisal(TINY, "e")
    # The float product really underflows to 0.0: this is the computer's answer, not ours.
    product = math.prod([TINY] * TINY_COUNT)
    return {
        "tiny": n(TINY),
        "count": str(TINY_COUNT),
        "product": n(product),
        "ln_tiny": n(ln_tiny),
        "ln_many": n(-calculator.surprisal(TINY, "e") * TINY_COUNT),
    }


def _bits(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    two_heads = calculator.event_probability(
        {"HH": Fraction(1, 4), "HT": Fraction(1, 4), "TH": Fraction(1, 4), "TT": Fraction(1, 4)},
        ["HH"],
    )
    return {
        "e": n(math.e),
        "coin_bits": n(calculator.surprisal(COIN["heads"], 2)),
        "two_heads": _fraction(two_heads),
        "two_heads_bits": n(calculator.surprisal(two_heads, 2)),
        "coin_nats": n(calculator.surprisal(COIN["heads"], "e")),
    }


def _entropy_fair(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    return {
        "s_face": n(calculator.surprisal(Fraction(1, 6))),
        "h_fair": n(calculator.entropy(FAIR_DIE)),
    }


def _entropy_weird(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    s_one = calculator.surprisal(WEIRD_DIE["1"])
    s_four = calculator.surprisal(WEIRD_DIE["4"])
    return {
        "s_one": n(s_one),
        "s_four": n(s_four),
        "c_one": n(float(WEIRD_DIE["1"]) * s_one),
        "c_four": n(float(WEIRD_DIE["4"]) * s_four),
        "h_weird": n(calculator.entropy(WEIRD_DIE)),
        "h_fair": n(calculator.entropy(FAIR_DIE)),
    }


def _cross_entropy(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    return {
        "s_belief": n(calculator.surprisal(FAIR_DIE["4"])),
        "ce": n(calculator.cross_entropy(WEIRD_DIE, FAIR_DIE)),
        "h_weird": n(calculator.entropy(WEIRD_DIE)),
    }


def _chatgpt(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    good, bad = 0.5, 0.01
    return {
        "q_good": n(good),
        "s_good": n(calculator.surprisal(good)),
        "q_bad": n(bad),
        "s_bad": n(calculator.surprisal(bad)),
    }


def _kl(lang: str) -> dict[str, str]:
    n = _numbers(lang)
    return {
        "ce": n(calculator.cross_entropy(WEIRD_DIE, FAIR_DIE)),
        "h_weird": n(calculator.entropy(WEIRD_DIE)),
        "kl": n(calculator.kl_divergence(WEIRD_DIE, FAIR_DIE)),
    }


def _kl_infinite(lang: str) -> dict[str, str]:
    return {"inf": format_number(calculator.kl_divergence(WEIRD_DIE, NO_FOUR_BELIEF), lang)}


@dataclass(frozen=True)
class Lesson:
    number: int
    topic: str  # the quiz topic its "Try a question" button asks about
    pages: tuple[Callable[[str], dict[str, str]], ...]


LESSONS: tuple[Lesson, ...] = (
    Lesson(1, "probability", (_probability_intro, _weird_die)),
    Lesson(2, "surprisal", (_surprise, _why_log, _bits)),
    Lesson(3, "entropy", (_entropy_fair, _entropy_weird)),
    Lesson(4, "cross_entropy", (_cross_entropy, _chatgpt)),
    Lesson(5, "kl_divergence", (_kl, _kl_infinite)),
)
LESSON_COUNT = len(LESSONS)


def lesson(number: int) -> Lesson | None:
    """Lesson 1..5, or None for anything else (the number may come from forged data)."""
    if 1 <= number <= LESSON_COUNT:
        return LESSONS[number - 1]
    return None


def lesson_for(text: str) -> Lesson | None:
    """Find a lesson by number ("2") or topic name ("entropy", "kl"), as typed after /learn."""
    key = text.strip().lower().replace("-", "_")
    if key.isdigit() and len(key) <= 2:
        return lesson(int(key))
    aliases = {"surprise": "surprisal", "kl": "kl_divergence", "ce": "cross_entropy"}
    key = aliases.get(key, key)
    return next((item for item in LESSONS if item.topic == key), None)


def title(lang: str, number: int) -> str:
    return t(lang, f"learn.title.{number}")


def render_page(lang: str, number: int, page: int) -> str:
    """The HTML of one page: a header, the page body with computed numbers, and on the very
    last page a closing line."""
    item = lesson(number)
    if item is None or not 1 <= page <= len(item.pages):
        raise ValueError(f"no page {page} in lesson {number}")
    header = t(
        lang,
        "learn.header",
        lesson=number,
        lessons=LESSON_COUNT,
        title=title(lang, number),
        page=page,
        pages=len(item.pages),
    )
    body = t(lang, f"learn.{number}.{page}", **item.pages[page - 1](lang))
    text = f"{header}\n\n{body}"
    if number == LESSON_COUNT and page == len(item.pages):
        text += "\n\n" + t(lang, "learn.the_end")
    return text


def neighbours(number: int, page: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(previous, next) page positions across lesson boundaries; None at either end."""
    item = LESSONS[number - 1]
    if page > 1:
        previous: tuple[int, int] | None = (number, page - 1)
    elif number > 1:
        previous = (number - 1, len(LESSONS[number - 2].pages))
    else:
        previous = None
    if page < len(item.pages):
        following: tuple[int, int] | None = (number, page + 1)
    elif number < LESSON_COUNT:
        following = (number + 1, 1)
    else:
        following = None
    return previous, following

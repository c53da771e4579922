"""The five lessons of the talk, page by page: probability → surprise → entropy →
cross-entropy → Kullback–Leibler (KL) divergence, the fair die and the weird die 1, 2, 3, 4, 4, 4.

A page is a text from `bot.texts.learn` (its numbers filled in here from `maths`, formatted
with `quiz.numbers.format_number`) and a picture from `pictures`. Lesson 2 reasons surprise
out with the student: four of its pages ask a question with answer buttons, and each answer
gets a short why before the next page; together they arrive at S(p) = −log p.

Each lesson ends with two questions from the question bank on its topic (see `check`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from bot.features.learn import maths
from bot.features.learn.maths import FAIR, MISREAD, NO_FOUR, WEIRD
from bot.texts import t
from quiz import glossary
from quiz.numbers import format_number, plural_form

CHECK_QUESTIONS = 2  # bank questions at the end of every lesson


class Fmt:
    """Numbers as a page shows them, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def num(self, value: float | Fraction, digits: int = 4) -> str:
        """`digits` significant digits, the language's decimal mark."""
        return format_number(float(value), self.lang, digits)

    def fixed(self, value: float, places: int = 4) -> str:
        """Rounded to `places` decimals (trailing zeros dropped), so that sums and differences
        of shown numbers come out exactly as shown."""
        return format_number(round(value, places), self.lang, 15)

    def whole(self, value: int) -> str:
        """A whole number with thousands grouped: 10 000 (uk, a no-break space), 10,000 (en)."""
        grouped = f"{value:,}"
        return grouped.replace(",", "\u00a0") if self.lang == "uk" else grouped

    @staticmethod
    def frac(value: Fraction | float) -> str:
        """An exact probability as a school fraction: 1/6, 1/2, 0, 1."""
        fraction = Fraction(value).limit_denominator(10**6)
        if fraction.denominator == 1:
            return str(fraction.numerator)
        return f"{fraction.numerator}/{fraction.denominator}"

    def unit(self, shown: str, unit: str) -> str:
        """A shown number with its unit in the form that agrees with it: 1 біт, 2,585 біта."""
        forms = t(self.lang, f"learn.unit.{unit}").split("|")
        return f"{shown} {plural_form(shown, self.lang, forms)}"

    def bits(self, value: float, digits: int = 4) -> str:
        return self.unit(self.num(value, digits), "bit")

    def nats(self, value: float, digits: int = 4) -> str:
        return self.unit(self.num(value, digits), "nat")


Numbers = Callable[[Fmt], dict[str, str]]


@dataclass(frozen=True)
class Question:
    """A question of the derivation: answer ids (button order) and the right one."""

    answers: tuple[str, ...]
    right: str


@dataclass(frozen=True)
class Page:
    """`key` names the texts (`learn.<key>`, and for a question `learn.<key>.q`,
    `learn.<key>.a.<answer>`, `learn.<key>.why.<answer>`) and `picture` the picture;
    `answered_picture` is shown once the question is answered."""

    key: str
    numbers: Numbers
    picture: str
    question: Question | None = None
    answered_picture: str | None = None


@dataclass(frozen=True)
class Lesson:
    number: int
    topic: str  # the quiz topic of its two closing questions
    pages: tuple[Page, ...]


# ---------------------------------------------------------------- lesson 1: probability


def _fair_die(f: Fmt) -> dict[str, str]:
    p_face = maths.probability(FAIR, "1")
    p_even = maths.probability(FAIR, "2", "4", "6")
    return {
        "p_face": f.frac(p_face),
        "p_face_dec": f.num(p_face),
        "p_even": f.frac(p_even),
        "p_even_dec": f.num(p_even),
        "even_faces": str(len([v for v in ("2", "4", "6") if FAIR[v]])),
        "faces": str(len(maths.FAIR_FACES)),
    }


def _weird_die(f: Fmt) -> dict[str, str]:
    p_one = maths.probability(WEIRD, "1")
    p_four = maths.probability(WEIRD, "4")
    p_more_than_two = maths.probability(WEIRD, "3", "4", "5", "6")
    return {
        "p_one": f.frac(p_one),
        "p_one_dec": f.num(p_one),
        "p_four": f.frac(p_four),
        "p_five": f.frac(maths.probability(WEIRD, "5")),
        "p_total": f.frac(maths.probability(WEIRD, *maths.VALUES)),
        "p_gt2": f.frac(p_more_than_two),
        "p_gt2_dec": f.num(p_more_than_two),
        "fours": str(maths.faces_showing(maths.WEIRD_FACES, 4)),
        "faces": str(len(maths.WEIRD_FACES)),
    }


def _distributions(f: Fmt) -> dict[str, str]:
    p_four = maths.probability(WEIRD, "4")
    return {
        "p_four": f.frac(p_four),
        "rolls": f.whole(maths.ROLLS),
        "fours_expected": f.num(p_four * maths.ROLLS),
    }


# ---------------------------------------------------------------- lesson 2: surprise


def _question_negative(f: Fmt) -> dict[str, str]:
    return {}


def _question_rarer(f: Fmt) -> dict[str, str]:
    return {
        "p_one": f.frac(maths.probability(WEIRD, "1")),
        "p_four": f.frac(maths.probability(WEIRD, "4")),
    }


def _question_certain(f: Fmt) -> dict[str, str]:
    return {"p_sure": f.frac(maths.probability(FAIR, *maths.VALUES))}


def _question_two_rolls(f: Fmt) -> dict[str, str]:
    p_six = maths.probability(FAIR, "6")
    return {"p_six": f.frac(p_six), "p_two_sixes": f.frac(p_six * p_six)}


def _minus_log(f: Fmt) -> dict[str, str]:
    half = maths.MARKED[0]
    return {"half": f.frac(half), "ln_half": f.num(maths.ln(half))}


def _curve(f: Fmt) -> dict[str, str]:
    values: dict[str, str] = {
        "e": f.num(math.e),
        "bits_per_nat": f.num(1 / maths.ln2()),
    }
    for name, p in zip(("half", "sixth", "hundredth"), maths.MARKED, strict=True):
        values[name] = f.frac(p)
        values[f"{name}_bits"] = f.bits(maths.surprise(p))
        values[f"{name}_nats"] = f.nats(maths.surprise(p, "e"))
    return values


def _underflow(f: Fmt) -> dict[str, str]:
    products = maths.underflow_products()
    return {
        "tiny": f.num(maths.TINY),
        "count": str(maths.TINY_COUNT),
        "product": f.num(products[-1]),
        "zero_at": str(maths.first_zero(products)),
        "ln_tiny": f.num(maths.ln(maths.TINY), 9),
        "ln_tiny_short": f.num(maths.ln(maths.TINY)),
        "ln_many": f.num(maths.log_sums()[-1]),
    }


# ---------------------------------------------------------------- lesson 3: entropy


def _entropy_fair(f: Fmt) -> dict[str, str]:
    p_face = maths.probability(FAIR, "1")
    s_face = maths.surprise(p_face)
    return {
        "p_face": f.frac(p_face),
        "faces": str(len(maths.FAIR_FACES)),
        "s_face": f.bits(s_face),
        "s_face_num": f.num(s_face),
        "h_fair": f.bits(maths.entropy(FAIR)),
        "h_fair_nats": f.nats(maths.entropy(FAIR, "e")),
    }


def _entropy_weird(f: Fmt) -> dict[str, str]:
    p_one = maths.probability(WEIRD, "1")
    p_four = maths.probability(WEIRD, "4")
    s_one, s_four = maths.surprise(p_one), maths.surprise(p_four)
    return {
        "p_one": f.frac(p_one),
        "p_four": f.frac(p_four),
        "s_one": f.bits(s_one),
        "s_one_num": f.num(s_one),
        "s_four": f.bits(s_four),
        "s_four_num": f.num(s_four),
        "c_one": f.num(float(p_one) * s_one, 5),
        "c_four": f.num(float(p_four) * s_four),
        "ones": str(len([v for v in WEIRD if WEIRD[v] == p_one])),
        "h_weird": f.bits(maths.entropy(WEIRD), 5),
        "h_weird_nats": f.nats(maths.entropy(WEIRD, "e"), 5),
        "h_fair": f.bits(maths.entropy(FAIR)),
    }


# ---------------------------------------------------------------- lesson 4: cross-entropy


def _belief(f: Fmt) -> dict[str, str]:
    p_one, p_four = maths.probability(WEIRD, "1"), maths.probability(WEIRD, "4")
    q_one, q_four = maths.probability(MISREAD, "1"), maths.probability(MISREAD, "4")
    return {
        "p_one": f.frac(p_one),
        "p_four": f.frac(p_four),
        "q_one": f.frac(q_one),
        "q_four": f.frac(q_four),
        "ones": str(len([v for v in WEIRD if WEIRD[v] == p_one])),
        "s_q_one": f.num(maths.surprise(q_one)),
        "s_q_four": f.num(maths.surprise(q_four)),
        "s_q_one_bits": f.bits(maths.surprise(q_one)),
        "s_q_four_bits": f.bits(maths.surprise(q_four)),
        "ce": f.bits(maths.cross_entropy(WEIRD, MISREAD)),
    }


def _three_beliefs(f: Fmt) -> dict[str, str]:
    return {
        "h": f.bits(maths.entropy(WEIRD), 5),
        "ce_misread": f.bits(maths.cross_entropy(WEIRD, MISREAD)),
        "ce_fair": f.bits(maths.cross_entropy(WEIRD, FAIR)),
        "h_q": f.bits(maths.entropy(MISREAD)),
        "faces": str(len(maths.FAIR_FACES)),
    }


def _bits_and_nats(f: Fmt) -> dict[str, str]:
    h_bits, h_nats = maths.entropy(WEIRD), maths.entropy(WEIRD, "e")
    ln6 = maths.cross_entropy(WEIRD, FAIR, "e")  # a fair-die belief costs ln 6 nats
    ln2 = maths.ln2()
    return {
        "h_bits": f.bits(h_bits, 5),
        "h_bits_num": f.num(h_bits, 5),
        "h_nats": f.nats(h_nats, 5),
        "h_nats_num": f.num(h_nats, 5),
        "ce_bits": f.bits(maths.cross_entropy(WEIRD, FAIR)),
        "ce_nats": f.nats(ln6),
        "ln6": f.num(ln6, 5),
        "ln6_short": f.num(ln6),
        "faces": str(len(maths.FAIR_FACES)),
        "ln2": f.num(ln2, 5),
    }


def _language_model(f: Fmt) -> dict[str, str]:
    surprises = maths.word_surprises()
    values = {f"q{i}": f.num(q) for i, q in enumerate(maths.WORD_PROBABILITIES, start=1)}
    values.update({f"s{i}": f.num(s) for i, s in enumerate(surprises, start=1)})
    values.update(
        words=str(len(surprises)),
        loss=f.nats(maths.average(surprises), 3),
        vocab=f.whole(maths.VOCABULARY),
        loss_untrained=f.nats(maths.untrained_loss(), 3),
    )
    return values


# ---------------------------------------------------------------- lesson 5: KL divergence


def _kl(f: Fmt) -> dict[str, str]:
    return {
        "h": f.fixed(maths.entropy(WEIRD)),
        "ce_fair": f.fixed(maths.cross_entropy(WEIRD, FAIR)),
        "kl_fair": f.unit(f.fixed(maths.kl(WEIRD, FAIR)), "bit"),
        "ce_misread": f.fixed(maths.cross_entropy(WEIRD, MISREAD)),
        "kl_misread": f.unit(f.fixed(maths.kl(WEIRD, MISREAD)), "bit"),
    }


def _limit(f: Fmt) -> dict[str, str]:
    values = {"p_four": f.frac(maths.probability(WEIRD, "4"))}
    for i, q in enumerate(maths.TOWARDS_ZERO, start=1):
        values[f"q{i}"] = f.num(q)
        values[f"s{i}"] = f.bits(maths.surprise(q))
    values["inf"] = f.num(maths.kl(WEIRD, NO_FOUR))
    return values


def _path(f: Fmt) -> dict[str, str]:
    return {}


# ---------------------------------------------------------------- the lessons

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        1,
        "probability",
        (
            Page("1.1", _fair_die, "fair_die"),
            Page("1.2", _weird_die, "weird_die"),
            Page("1.3", _distributions, "distributions"),
        ),
    ),
    Lesson(
        2,
        "surprisal",
        (
            Page(
                "2.1",
                _question_negative,
                "rules_0",
                Question(("yes", "no"), "no"),
                "rules_1",
            ),
            Page(
                "2.2",
                _question_rarer,
                "rules_1",
                Question(("one", "four", "same"), "one"),
                "rules_2",
            ),
            Page(
                "2.3",
                _question_certain,
                "rules_2",
                Question(("zero", "little", "lot"), "zero"),
                "rules_3",
            ),
            Page(
                "2.4",
                _question_two_rolls,
                "rules_3",
                Question(("add", "multiply"), "add"),
                "rules_4",
            ),
            Page("2.5", _minus_log, "rules_done"),
            Page("2.6", _curve, "curve"),
            Page("2.7", _underflow, "underflow"),
        ),
    ),
    Lesson(
        3,
        "entropy",
        (
            Page("3.1", _entropy_fair, "entropy_card"),
            Page("3.2", _entropy_weird, "entropies"),
        ),
    ),
    Lesson(
        4,
        "cross_entropy",
        (
            Page("4.1", _belief, "belief"),
            Page("4.2", _three_beliefs, "gap"),
            Page("4.3", _bits_and_nats, "units"),
            Page("4.4", _language_model, "words"),
        ),
    ),
    Lesson(
        5,
        "kl_divergence",
        (
            Page("5.1", _kl, "gap_kl"),
            Page("5.2", _limit, "limit"),
            Page("5.3", _path, "path"),
        ),
    ),
)
LESSON_COUNT = len(LESSONS)
MENU_PICTURE = "path"


def lesson(number: int) -> Lesson | None:
    """Lesson 1..5, or None for anything else (the number may come from forged data)."""
    if 1 <= number <= LESSON_COUNT:
        return LESSONS[number - 1]
    return None


def page_of(number: int, page: int) -> Page | None:
    item = lesson(number)
    if item is None or not 1 <= page <= len(item.pages):
        return None
    return item.pages[page - 1]


def lesson_for(text: str) -> Lesson | None:
    """Find a lesson by number ("2") or topic name ("entropy", "kl"), as typed after /learn."""
    key = text.strip().lower().replace("-", "_")
    if key.isdigit() and len(key) <= 2:
        return lesson(int(key))
    aliases = {"surprise": "surprisal", "kl": "kl_divergence", "ce": "cross_entropy"}
    key = aliases.get(key, key)
    return next((item for item in LESSONS if item.topic == key), None)


def title(lang: str, number: int) -> str:
    """A lesson's title: the glossary's name of its topic (one name per idea)."""
    item = lesson(number)
    if item is None:
        raise ValueError(f"no lesson {number}")
    return glossary.topic_name(item.topic, lang)


def all_pages() -> list[tuple[int, int]]:
    """Every (lesson, page) position in reading order."""
    return [(item.number, index) for item in LESSONS for index in range(1, len(item.pages) + 1)]


def states(number: int, page: int) -> list[str | None]:
    """What a page can show: None (as first shown), then each answer of its question."""
    found = page_of(number, page)
    if found is None:
        raise ValueError(f"no page {page} in lesson {number}")
    return [None, *(found.question.answers if found.question is not None else ())]


def numbers(lang: str, number: int, page: int) -> dict[str, str]:
    found = page_of(number, page)
    if found is None:
        raise ValueError(f"no page {page} in lesson {number}")
    return found.numbers(Fmt(lang))


def caption(lang: str, number: int, page: int, answer: str | None = None) -> str:
    """The HTML caption of a page: a header, then the page. A question page shows the intro
    and the question until it is answered, then the question, the answer and its why."""
    found = page_of(number, page)
    item = lesson(number)
    if found is None or item is None:
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
    values = found.numbers(Fmt(lang))
    key = f"learn.{found.key}"
    if found.question is None:
        return f"{header}\n\n{t(lang, key, **values)}"
    question = t(lang, f"{key}.q", **values)
    if answer is None:
        return f"{header}\n\n{t(lang, key, **values)}\n\n{question}"
    if answer not in found.question.answers:
        raise ValueError(f"no answer {answer!r} on page {found.key}")
    chosen = t(lang, "learn.your_answer", answer=t(lang, f"{key}.a.{answer}"))
    why = t(lang, f"{key}.why.{answer}", **values)
    return f"{header}\n\n{question}\n\n{chosen}\n{why}"


def picture_of(number: int, page: int, answer: str | None = None) -> str:
    found = page_of(number, page)
    if found is None:
        raise ValueError(f"no page {page} in lesson {number}")
    if answer is not None and found.answered_picture is not None:
        return found.answered_picture
    return found.picture


def neighbours(number: int, page: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(previous, next) page positions across lesson boundaries; None at either end."""
    positions = all_pages()
    index = positions.index((number, page))
    previous = positions[index - 1] if index > 0 else None
    following = positions[index + 1] if index + 1 < len(positions) else None
    return previous, following


def is_last_page(number: int, page: int) -> bool:
    item = lesson(number)
    return item is not None and page == len(item.pages)

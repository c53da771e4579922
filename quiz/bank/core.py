"""What every question family is made of: bilingual texts, number formatting, the answer's format
line, and the two types a family deals in (`Family`, `Built`).

A family draws its numbers from the seeded `random.Random` it is given and then writes the
question in both languages at once (`Bi`): the draw never depends on the language, so the two
languages of one seed are translations of each other, and the give-away guard sees both texts.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quiz import calculator as calc
from quiz.glossary import term
from quiz.numbers import format_number
from quiz.precision import phrase, precision_for

F = Fraction


# --------------------------------------------------------------------------- bilingual text


@dataclass(frozen=True, slots=True)
class Bi:
    """A text in Ukrainian and English."""

    uk: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.uk

    def __add__(self, other: Bi | str) -> Bi:
        if isinstance(other, str):
            return Bi(self.uk + other, self.en + other)
        return Bi(self.uk + other.uk, self.en + other.en)

    def __radd__(self, other: str) -> Bi:
        return Bi(other + self.uk, other + self.en)

    def map(self, change: Callable[[str], str]) -> Bi:
        return Bi(change(self.uk), change(self.en))


def say(uk: str, en: str) -> Bi:
    return Bi(uk, en)


def same(text: str) -> Bi:
    return Bi(text, text)


def join(separator: Bi | str, parts: Iterable[Bi | str]) -> Bi:
    sep_uk, sep_en = (separator.uk, separator.en) if isinstance(separator, Bi) else (separator,) * 2
    uk: list[str] = []
    en: list[str] = []
    for part in parts:
        if isinstance(part, Bi):
            uk.append(part.uk)
            en.append(part.en)
        else:
            uk.append(part)
            en.append(part)
    return Bi(sep_uk.join(uk), sep_en.join(en))


def lines(*parts: Bi | str | None) -> Bi:
    """The parts one per line; None parts are left out."""
    return join("\n", [part for part in parts if part is not None])


def numbered(steps: Sequence[Bi | str]) -> Bi:
    """'1) …' '2) …': the steps of a worked solution."""
    texts = [step if isinstance(step, Bi) else same(step) for step in steps]
    return Bi(
        "\n".join(f"{i}) {text.uk}" for i, text in enumerate(texts, 1)),
        "\n".join(f"{i}) {text.en}" for i, text in enumerate(texts, 1)),
    )


def worked(steps: Sequence[Bi | str], answer: Bi | str) -> tuple[Bi, int]:
    """A worked solution: numbered steps, then the answer line; and how many steps it took."""
    return lines(numbered(steps), ANSWER + ": " + answer), len(steps)


ANSWER = Bi("Відповідь", "Answer")
# The last line of a question answered with a button (a printed sheet replaces it).
CHOOSE = Bi("Обери відповідь кнопкою.", "Choose the answer with a button.")


# --------------------------------------------------------------------------- numbers


@functools.lru_cache(maxsize=4096)
def num(value: float) -> Bi:
    """A number for people: 2,585 / 2.585 (4 significant digits, see `format_number`). Cached:
    a question shows its answer and the terms of its sum several times, and 0,5 or 1 often."""
    en = format_number(value, "en")
    return Bi(en.replace(".", ","), en)  # `format_number`'s Ukrainian: the same, with a comma


def approx(value: float) -> Bi:
    """'= 0,5' when that is exact, '≈ 0,1667' otherwise."""
    shown = num(value)
    return _sign(value, shown) + shown


def _sign(value: float, shown: Bi) -> str:
    """'= ' when `shown` (`num(value)`) is exactly `value`, else '≈ '."""
    exact = math.isclose(float(shown.en.replace("−", "-")), value, rel_tol=1e-12, abs_tol=1e-15)
    return "= " if exact else "≈ "


def frac(value: Fraction | int) -> str:
    """'1/6', '3' (the same in both languages)."""
    if type(value) is not Fraction:
        value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def exact_answer(value: Fraction) -> Bi:
    """A probability as an answer line shows it: '1/6 ≈ 0,1667', '1/4 = 0,25'."""
    return frac(value) + " " + approx(float(value))


def fraction_step(numerator: int, denominator: int) -> str:
    """'P = 3/6 = 1/2' (or just 'P = 1/6' when it does not reduce)."""
    raw = f"{numerator}/{denominator}"
    reduced = frac(Fraction(numerator, denominator))
    return f"P = {raw}" if raw == reduced else f"P = {raw} = {reduced}"


def with_unit(value: float, base: str) -> Bi:
    """'2,585 біта' / '2.585 bits' (the noun agrees with the number)."""
    return _with_unit(num(value), base)


def _with_unit(shown: Bi, base: str) -> Bi:
    return Bi(
        f"{shown.uk} {calc.unit_name(base, 'uk', shown.uk)}",
        f"{shown.en} {calc.unit_name(base, 'en', shown.en)}",
    )


def result(value: float, base: str | None) -> Bi:
    """'= 1 біт' / '≈ 2,585 біта' (or without a unit for a probability)."""
    shown = num(value)
    return _sign(value, shown) + (_with_unit(shown, base) if base else shown)


LOG = {"2": "log₂", "e": "ln", "10": "lg"}


def log_of(x: Fraction | int, base: str) -> str:
    """'log₂ 6', 'ln(3/2)'."""
    if type(x) is not Fraction:
        x = Fraction(x)
    sign = LOG[base]
    return f"{sign} {x.numerator}" if x.denominator == 1 else f"{sign}({frac(x)})"


def times(count: int, body: str) -> str:
    return body if count == 1 else f"{count} · {body}"


# --------------------------------------------------------------------------- standard phrases

UNIT_PHRASE = {
    "2": say("у бітах (логарифм за основою 2)", "in bits (log base 2)"),
    "e": say("у натах (натуральний логарифм ln, основа e)", "in nats (natural log ln, base e)"),
    "10": say("у гартлі (логарифм за основою 10)", "in hartleys (log base 10)"),
}


def entropy_ask(trial: Bi, base: str) -> Bi:
    """'Яка ентропія H — середній сюрприз за один кидок? Дай відповідь у бітах (…).'"""
    return say(
        f"Яка ентропія H — середній сюрприз {trial.uk}? Дай відповідь {UNIT_PHRASE[base].uk}.",
        f"What is the entropy H, the average surprise {trial.en}? Give it {UNIT_PHRASE[base].en}.",
    )


UNIT_IN = {
    "2": say("у бітах", "in bits"),
    "e": say("у натах", "in nats"),
    "10": say("у гартлі", "in hartleys"),
}
UNITS = {"2": say("біти", "bits"), "e": say("нати", "nats"), "10": say("гартлі", "hartleys")}


def answer_format(kind: str, answer: float, *, fraction: bool = False) -> Bi:
    """The short line under a question that says how to give the answer and how precisely.
    It shows no example number, so it can never show the answer (not even on paper)."""
    precision = precision_for(kind, answer)
    if precision == "exact":
        return say("Відповідь — ціле число.", "The answer is a whole number.")
    how = Bi(phrase(precision, "uk"), phrase(precision, "en"))
    if fraction:
        return say(
            f"Відповідь — звичайний дріб або десятковий, округлений {how.uk}.",
            f"Answer with a fraction or a decimal rounded {how.en}.",
        )
    return say(
        f"Відповідь округли {how.uk} (або впиши точний вираз).",
        f"Round your answer {how.en} (or type an exact expression).",
    )


def name(concept: str, case: str = "nominative") -> Bi:
    """The glossary's term in both languages ("accusative": знайди перехресну ентропію)."""
    return Bi(term(concept, "uk", case), term(concept, "en"))


# --------------------------------------------------------------------------- families


@dataclass(frozen=True, slots=True)
class Ask:
    """What a family is asked for: a topic at a level, with answers in `base`
    (families without a logarithm ignore it)."""

    topic: str
    level: int
    base: str


@dataclass(frozen=True)
class Built:
    """One question as a family wrote it, in both languages.

    `params` alone determine the answer (see `quiz.questions` for every kind's formula).
    `hints`: at least two — the idea, then the first step with this question's numbers.
    `steps`: how many computation steps the worked solution takes (a level-3 question takes
    more than any level-1 question of its topic). `options`: the answer buttons of a question
    that is only answered by choosing (the answer is then the index of the right one).
    """

    params: dict[str, Any]
    text: Bi
    hints: tuple[Bi, ...]
    solution: Bi
    steps: int
    options: tuple[Bi, ...] | None = None


Make = Callable[[random.Random, Ask], Built]


@dataclass(frozen=True)
class Family:
    """A kind of question: where it is asked (`slots`: (topic, level) → how often, relative to
    the other families of that slot) and how to make one."""

    name: str
    slots: Mapping[tuple[str, int], int]
    make: Make


# --------------------------------------------------------------------------- small draws


def pick(rng: random.Random, options: Sequence[Any]) -> Any:
    return options[rng.randrange(len(options))]


def uniform(outcomes: Sequence[str]) -> dict[str, Fraction]:
    return dict.fromkeys(outcomes, F(1, len(outcomes)))  # one Fraction for all: it is immutable


def counted(items: Sequence[str], outcomes: Sequence[str]) -> dict[str, Fraction]:
    """The distribution of equally likely `items` over `outcomes` (zeros included)."""
    return {o: F(items.count(o), len(items)) for o in outcomes}


def dist_params(p: Mapping[str, Fraction]) -> dict[str, str]:
    return calc.distribution_to_params(p)


def group(pairs: Sequence[tuple[str, Any]]) -> list[tuple[list[str], Any]]:
    """Outcomes with equal keys together, in first-seen order (each group with its first key)."""
    groups: dict[Any, tuple[list[str], Any]] = {}
    for outcome, key in pairs:
        plain = _plain(key)
        if plain in groups:
            groups[plain][0].append(outcome)
        else:
            groups[plain] = ([outcome], key)
    return list(groups.values())


def _plain(key: Any) -> Any:
    """A key that is equal exactly when `key` is, hashed faster: a fraction (or a whole number)
    as its (numerator, denominator) — hashing a `Fraction` takes a modular inverse."""
    kind = type(key)
    if kind is Fraction or kind is int:
        return (key.numerator, key.denominator)
    if kind is tuple:
        return tuple(_plain(part) for part in key)
    return key


# --------------------------------------------------------------------------- an event's P or −log P

PROBABILITY_IDEA = say(
    "Ймовірність — це частка рівноможливих результатів, що підходять: скільки підходить, "
    "поділити на скільки їх усього.",
    "A probability is the share of equally likely results that fit: how many fit, divided by "
    "how many there are.",
)


def surprise_idea(base: str) -> Bi:
    return say(
        f"Сюрприз — це −{LOG[base]} P: спершу знайди ймовірність P події, а тоді візьми "
        "логарифм зі знаком мінус. Що рідша подія, то більший сюрприз.",
        f"The surprise is −{LOG[base]} P: first find the probability P of the event, then "
        "take its log with a minus sign. The rarer the event, the bigger the surprise.",
    )


def event_question(
    ask: Ask,
    *,
    intro: Bi,
    clause: Bi,
    p: Mapping[str, Fraction],
    event: Sequence[str],
    prob: Fraction,
    counting: Sequence[Bi | str],
    tip: Bi,
) -> Built:
    """A question on one event: its probability (topic "probability") or its surprise.
    `counting` are the solution steps that find P, ending with "P = …"; `tip` is the second
    hint of the probability question (with this question's numbers, without the answer)."""
    params: dict[str, Any] = {
        "kind": "probability" if ask.topic == "probability" else "surprisal",
        "p": dist_params(p),
        "event": list(event),
    }
    if ask.topic == "probability":
        text = lines(
            intro,
            "",
            say(f"Яка ймовірність, що {clause.uk}?", f"What is the probability that {clause.en}?"),
            answer_format("probability", float(prob), fraction=True),
        )
        steps = [*counting[:-1], counting[-1] + " " + approx(float(prob))]
        solution, count = worked(steps, exact_answer(prob))
        return Built(params, text, (PROBABILITY_IDEA, tip), solution, count)
    base = ask.base
    params["base"] = base
    value = calc.surprisal(prob, base)
    text = lines(
        intro,
        "",
        say(
            f"Наскільки ти здивуєшся, якщо {clause.uk}? Знайди сюрприз −{LOG[base]} P "
            f"{UNIT_PHRASE[base].uk}.",
            f"How surprised are you if {clause.en}? Find the surprise −{LOG[base]} P "
            f"{UNIT_PHRASE[base].en}.",
        ),
        answer_format("surprisal", value),
    )
    hints = (
        surprise_idea(base),
        join(" ", [*counting[:-1], say(f"Отже, P = {frac(prob)}.", f"So P = {frac(prob)}.")]),
        say("Пам'ятай: −log P = log(1/P).", "Remember: −log P = log(1/P)."),
    )
    surprise = (
        say("Сюрприз", "Surprise")
        + f" = −{LOG[base]}({frac(prob)}) = {log_of(1 / prob, base)} "
        + result(value, base)
    )
    solution, count = worked([*counting, surprise], with_unit(value, base))
    return Built(params, text, hints, solution, count)


def entropy_question(
    intro: Bi, trial: Bi, p: Mapping[str, Fraction], base: str
) -> tuple[dict[str, Any], Bi, float]:
    """(params, text, answer) of "what is the entropy of this, per `trial`?"."""
    answer = calc.entropy_of_checked(p, base)
    params = {"kind": "entropy", "p": dist_params(p), "base": base}
    text = lines(intro, "", entropy_ask(trial, base), answer_format("entropy", answer))
    return params, text, answer

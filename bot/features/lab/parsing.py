"""Reading what a student types after /lab into a true distribution p, an optional belief q
and a log base. Three ways to write one side:

- faces of a die (or any object): `1 2 3 4 4 4`, `H T T` → each value's count / number of faces;
- probabilities in order: `0.5 0.25 0.25`, `1/2 1/4 1/4`, `50% 25% 25%` (they must add up to 1);
- named probabilities: `sun=0.7 rain=0.3`.

`truth | belief` compares two sides; `base=2|e|10` anywhere picks the unit. Work is bounded: at
most `MAX_TEXT` characters, `MAX_OUTCOMES` outcomes, labels of `MAX_LABEL` characters, and the
number parser is `quiz.answers.parse_answer` (itself capped) behind a few exact forms of our own.
Errors are `LabError`s naming a text key of `bot.texts.lab` and its values.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

from quiz.answers import AnswerError, parse_answer
from quiz.numbers import split_numbers

MAX_TEXT = 200
MAX_OUTCOMES = 20
MAX_LABEL = 8
MAX_DENOMINATOR = 10**6  # typed decimals like 0.333333 stay readable as fractions
SUM_TOLERANCE = Fraction(1, 10**9)

_BASE_OPTION = re.compile(r"(?:^|\s)(?:base|основа)\s*=\s*(\S*)", re.IGNORECASE)
_BASES = {"2": "2", "e": "e", "10": "10", "ln": "e"}
_FRACTION = re.compile(r"^(\d{1,9})/(\d{1,9})$")
_DECIMAL = re.compile(r"^\d{1,9}(?:[.,]\d{1,12})?$")
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d{1,9})?)\s?%$")
_LABEL_PUNCTUATION = set("_-+*#'’!?")


class LabError(ValueError):
    """A friendly refusal: `key` is a text key in `bot.texts.lab`, `values` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Side:
    """One side of the input: a distribution in the order the student wrote it."""

    dist: dict[str, Fraction]
    named: bool  # False for probabilities given only by position (outcomes "1", "2", …)
    faces: tuple[str, ...] = field(default=())  # the faces as typed, when given as faces


@dataclass(frozen=True)
class LabInput:
    truth: dict[str, Fraction]
    belief: dict[str, Fraction] | None
    base: str
    faces: tuple[str, ...] = ()


def parse_lab(text: str) -> LabInput:
    """The whole argument of /lab → a checked LabInput, or a LabError."""
    if len(text) > MAX_TEXT:
        raise LabError("lab.err.too_long", limit=MAX_TEXT)
    base, rest = _take_base(text)
    parts = rest.replace("｜", "|").split("|")
    if len(parts) > 2:
        raise LabError("lab.err.two_bars")
    if not parts[0].strip():
        raise LabError("lab.err.empty" if len(parts) == 1 else "lab.err.empty_truth")
    truth = _parse_side(parts[0])
    if len(parts) == 1:
        return LabInput(truth.dist, None, base, truth.faces)
    if not parts[1].strip():
        raise LabError("lab.err.empty_belief")
    belief = _parse_side(parts[1])
    truth, belief = _zeros_and_ones_as_probabilities(truth, belief)
    p, q = _align(truth, belief)
    return LabInput(p, q, base, truth.faces)


def _take_base(text: str) -> tuple[str, str]:
    matches = list(_BASE_OPTION.finditer(text))
    if not matches:
        return "2", text
    if len(matches) > 1:
        raise LabError("lab.err.base")
    value = matches[0].group(1).strip().lower()
    if value not in _BASES:
        raise LabError("lab.err.base")
    rest = text[: matches[0].start()] + " " + text[matches[0].end() :]
    return _BASES[value], rest


def _parse_side(text: str) -> Side:
    tokens = split_numbers(text)
    if len(tokens) > MAX_OUTCOMES:
        raise LabError("lab.err.too_many", count=len(tokens), limit=MAX_OUTCOMES)
    if any("=" in token for token in tokens):
        return _named_probabilities(tokens)
    if any(_looks_like_probability(token) for token in tokens):
        return _positional_probabilities(tokens)
    return _faces(tokens)


def _looks_like_probability(token: str) -> bool:
    """`1/6`, `0.5`, `25%`, `½` are probabilities; `4`, `e` or `H` are faces of a die."""
    if token.isdigit() or not any(unicodedata.category(ch) in ("Nd", "No") for ch in token):
        return False
    try:
        _number(token)
    except LabError:
        return False
    return True


def _number(token: str) -> Fraction:
    """An exact probability from one token; exact forms first, then the quiz's answer parser
    (so `½`, `2^-1` and `1e-3` work too)."""
    token = token.replace("−", "-")
    if match := _FRACTION.match(token):
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if denominator == 0:
            raise LabError("lab.err.not_number", token=token)
        return Fraction(numerator, denominator)
    if _DECIMAL.match(token):
        return Fraction(token.replace(",", "."))
    if match := _PERCENT.match(token):
        return Fraction(match.group(1).replace(",", ".")) / 100
    try:
        value = parse_answer(token)
    except AnswerError:
        raise LabError("lab.err.not_number", token=token) from None
    if not math.isfinite(value):
        raise LabError("lab.err.not_number", token=token)
    return Fraction(value).limit_denominator(MAX_DENOMINATOR)


def _probability(token: str) -> Fraction:
    value = _number(token)
    if value < 0:
        raise LabError("lab.err.negative", token=token)
    if value > 1:
        raise LabError("lab.err.above_one", token=token)
    return value


def _check_label(label: str) -> str:
    if len(label) > MAX_LABEL:
        raise LabError("lab.err.long_label", label=label[:MAX_LABEL] + "…", limit=MAX_LABEL)
    for ch in label:
        if not (
            ch.isalnum() or ch in _LABEL_PUNCTUATION or unicodedata.category(ch) in ("So", "Sk")
        ):
            raise LabError("lab.err.bad_label", label=label)
    return label


def _faces(tokens: list[str]) -> Side:
    counts: dict[str, int] = {}
    for token in tokens:
        label = _check_label(token)
        counts[label] = counts.get(label, 0) + 1
    total = len(tokens)
    dist = {label: Fraction(count, total) for label, count in counts.items()}
    return Side(dist, named=True, faces=tuple(tokens))


def _positional_probabilities(tokens: list[str]) -> Side:
    dist = {str(index): _probability(token) for index, token in enumerate(tokens, start=1)}
    _check_sum(dist)
    return Side(dist, named=False)


def _named_probabilities(tokens: list[str]) -> Side:
    dist: dict[str, Fraction] = {}
    for token in tokens:
        label, sep, value = token.partition("=")
        if not sep or not label or not value:
            raise LabError("lab.err.named", token=token)
        label = _check_label(label)
        if label in dist:
            raise LabError("lab.err.duplicate", label=label)
        dist[label] = _probability(value)
    _check_sum(dist)
    return Side(dist, named=True)


def _check_sum(dist: dict[str, Fraction]) -> None:
    total = sum(dist.values(), Fraction(0))
    if abs(total - 1) > SUM_TOLERANCE:
        raise LabError("lab.err.sum", total=float(total))


def _zeros_and_ones_as_probabilities(truth: Side, belief: Side) -> tuple[Side, Side]:
    """`½ ½ | 1 0` means the belief (1, 0), not a coin with faces "1" and "0": next to
    probabilities, a side of only 0s and 1s of the same length is read as probabilities."""

    def reread(side: Side, other: Side) -> Side:
        if (
            side.faces
            and not other.named
            and len(side.faces) == len(other.dist)
            and set(side.faces) <= {"0", "1"}
        ):
            return _positional_probabilities(list(side.faces))
        return side

    return reread(truth, belief), reread(belief, truth)


def _align(truth: Side, belief: Side) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    """Put p and q over the same outcomes. Probabilities given only by position borrow the
    names of the other side when the counts match (`H T | 0.9 0.1`); an outcome one side
    does not mention has probability 0 there."""
    p, q = truth.dist, belief.dist
    if not truth.named and not belief.named and len(p) != len(q):
        raise LabError("lab.err.count_mismatch", truth=len(p), belief=len(q))
    if not belief.named and truth.named and len(q) == len(p):
        q = dict(zip(p, q.values(), strict=True))
    elif not truth.named and belief.named and len(p) == len(q):
        p = dict(zip(q, p.values(), strict=True))
    outcomes = list(dict.fromkeys([*p, *q]))
    if len(outcomes) > MAX_OUTCOMES:
        raise LabError("lab.err.too_many", count=len(outcomes), limit=MAX_OUTCOMES)
    zero = Fraction(0)
    return (
        {outcome: p.get(outcome, zero) for outcome in outcomes},
        {outcome: q.get(outcome, zero) for outcome in outcomes},
    )

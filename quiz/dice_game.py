"""Be the model: the maths of the dice game, pure and exact.

Telegram's own 🎲 decides a value 1–6 (each with probability 1/6). Our die has six faces, and
the value says which face came up: on the talk's weird die 1, 2, 3, 4, 4, 4 the values 5 and 6
both show a 4. So the truth p is the die's distribution over the values it shows, and a
player's belief q spreads probability over the numbers 1–6. Each roll costs the player the
surprise −log q(face); averaged over many rolls that is the cross-entropy H(p, q), never less
than the entropy H(p), and the gap is the Kullback–Leibler divergence D(p‖q).

>>> from fractions import Fraction as F
>>> WEIRD_DIE.face(6)
4
>>> round(roll_surprise(FAIR_BELIEF, 4, "2"), 3)
2.585
>>> roll_surprise({**FAIR_BELIEF, 4: F(0), 5: F(1, 3)}, 4, "2")
inf
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from quiz import calculator
from quiz.answers import AnswerError, parse_answer
from quiz.numbers import split_numbers

NUMBERS: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
"""What a belief is about: the numbers a face of a six-sided die can show."""

Belief = dict[int, Fraction]

MAX_BELIEF_TEXT = 120  # a phone keyboard line; six fractions fit easily
MAX_WEIGHT = 1000
MAX_DENOMINATOR = 10**6  # typed decimals like 0.1667 stay readable as fractions
PROBABILITY_SLACK = Fraction(1, 100)  # 0.33 0.33 0.34 is fine; 0.3 0.3 0.3 is not
_INTEGER = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class Die:
    """Six faces, in the order of Telegram's dice values 1–6."""

    key: str
    faces: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.faces) != 6 or any(face not in NUMBERS for face in self.faces):
            raise ValueError(f"a die has six faces, each 1–6, got {self.faces!r}")

    def face(self, value: int) -> int:
        """The face shown when Telegram's dice says `value`."""
        if isinstance(value, bool) or value not in NUMBERS:
            raise ValueError(f"a dice value is 1–6, got {value!r}")
        return self.faces[value - 1]

    def distribution(self) -> Belief:
        """p over the numbers 1–6: each face counts 1/6 (numbers not on the die get 0)."""
        return {number: Fraction(self.faces.count(number), 6) for number in NUMBERS}

    @property
    def possible(self) -> tuple[int, ...]:
        """The numbers this die can show, in order."""
        return tuple(sorted(set(self.faces)))

    def describe(self) -> str:
        """`1, 2, 3, 4, 4, 4` — the faces as the talk writes them."""
        return ", ".join(str(face) for face in sorted(self.faces))


WEIRD_DIE = Die("weird", (1, 2, 3, 4, 4, 4))

# Weird dice a mystery game draws from; their faces stay hidden until the game ends. One is
# an ordinary die on purpose: a good model must not assume every die is weird.
MYSTERY_DICE: tuple[Die, ...] = (
    Die("even", (2, 2, 4, 4, 6, 6)),
    Die("ones", (1, 1, 1, 1, 5, 6)),
    Die("sixes", (1, 2, 3, 6, 6, 6)),
    Die("fair", (1, 2, 3, 4, 5, 6)),
)

DICE: dict[str, Die] = {die.key: die for die in (WEIRD_DIE, *MYSTERY_DICE)}


def die_by_key(key: str) -> Die:
    try:
        return DICE[key]
    except KeyError:
        raise ValueError(f"unknown die {key!r}") from None


def mystery_die(seed: int) -> Die:
    """A mystery die chosen by `seed` (the caller draws the seed and stores the die)."""
    return MYSTERY_DICE[random.Random(seed).randrange(len(MYSTERY_DICE))]


# ---------------------------------------------------------------- beliefs

FAIR_BELIEF: Belief = {number: Fraction(1, 6) for number in NUMBERS}
FOUR_LIKELY: Belief = {number: Fraction(1, 10) for number in NUMBERS} | {4: Fraction(1, 2)}
WEIRD_BELIEF: Belief = WEIRD_DIE.distribution()
ALL_ON_FOUR: Belief = {number: Fraction(0) for number in NUMBERS} | {4: Fraction(1)}

PRESETS: dict[str, Belief] = {
    "fair": FAIR_BELIEF,
    "four": FOUR_LIKELY,
    "weird": WEIRD_BELIEF,
    "allfour": ALL_ON_FOUR,
}


class BeliefError(ValueError):
    """A belief we cannot read: `code` names the problem (the bot words it for a child),
    `values` fill in its details."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class ParsedBelief:
    q: Belief
    weights: bool  # True when whole-number weights were scaled to probabilities


def check_belief(q: Mapping[int, Fraction]) -> Belief:
    """`q` as a belief over 1–6 (exact, summing to 1), or a ValueError."""
    if set(q) != set(NUMBERS):
        raise ValueError(f"a belief gives every number 1–6 a probability, got {sorted(q)}")
    belief = {number: Fraction(q[number]) for number in NUMBERS}
    calculator.check_distribution(belief, "q")
    return belief


def belief_to_params(q: Mapping[int, Fraction]) -> dict[str, str]:
    """The JSON form `{"1": "1/6", …}` of a belief."""
    return calculator.distribution_to_params(check_belief(q))


def belief_from_params(params: Mapping[str, str]) -> Belief:
    q = calculator.parse_distribution(params, "q")
    return check_belief({int(number): prob for number, prob in q.items()})


def parse_belief(text: str) -> ParsedBelief:
    """What a player types: one number per face, starting at 1, separated by spaces.

    Whole numbers are weights (`1 1 1 3` → 1/6, 1/6, 1/6, 1/2); anything else is a
    probability (`1/6 1/6 1/6 1/2`, `0,5`, `25%`), and those must add up to 1. Numbers not
    mentioned get 0 (`1 1 1 3` says nothing about 5 and 6).

    >>> parse_belief("1 1 1 3").q[4], parse_belief("1 1 1 3").q[6]
    (Fraction(1, 2), Fraction(0, 1))
    >>> parse_belief("1/6 1/6 1/6 1/2").weights
    False
    """
    if len(text) > MAX_BELIEF_TEXT:
        raise BeliefError("too_long", limit=MAX_BELIEF_TEXT)
    tokens = split_numbers(text)
    if not 2 <= len(tokens) <= len(NUMBERS):
        raise BeliefError("count", count=len(tokens))
    values = [_non_negative(token) for token in tokens]
    weights = all(_INTEGER.match(token) for token in tokens)
    total = sum(values, Fraction(0))
    if total == 0:
        raise BeliefError("all_zero")
    if not weights and abs(total - 1) > PROBABILITY_SLACK:
        raise BeliefError("sum", total=float(total))
    values += [Fraction(0)] * (len(NUMBERS) - len(values))
    # Probabilities within the slack are rounded ones (0,33 0,33 0,34): scaling keeps q exact.
    q = {number: value / total for number, value in zip(NUMBERS, values, strict=True)}
    return ParsedBelief(q=q, weights=weights)


def _non_negative(token: str) -> Fraction:
    try:
        value = parse_answer(token)
    except AnswerError:
        raise BeliefError("not_number", token=token) from None
    if not math.isfinite(value):
        raise BeliefError("not_number", token=token)
    if value < 0:
        raise BeliefError("negative", token=token)
    if value > MAX_WEIGHT:
        raise BeliefError("too_big", token=token, limit=MAX_WEIGHT)
    return Fraction(value).limit_denominator(MAX_DENOMINATOR)


def zero_faces(q: Mapping[int, Fraction], possible: Iterable[int] = NUMBERS) -> list[int]:
    """The numbers in `possible` to which `q` gives probability 0: each one, if it comes up,
    costs an infinite surprise."""
    return [number for number in possible if q[number] == 0]


# ---------------------------------------------------------------- rolls and scores


def roll_surprise(q: Mapping[int, Fraction], face: int, base: str = "2") -> float:
    """−log q(face) in `base`: the price of the belief for one roll (∞ when q(face) = 0)."""
    if face not in q:
        raise ValueError(f"the belief says nothing about face {face!r}")
    prob = q[face]
    return math.inf if prob == 0 else calculator.surprisal(prob, base)


def running_averages(surprises: Sequence[float]) -> list[float]:
    """The average surprise after each roll (∞ from the first infinite one on).

    >>> running_averages([1.0, 3.0, 2.0])
    [1.0, 2.0, 2.0]
    """
    averages = []
    total = 0.0
    for count, surprise in enumerate(surprises, start=1):
        total += surprise
        averages.append(total / count)
    return averages


def total_surprise(surprises: Iterable[float]) -> float:
    """The log score of a player: the sum of their surprises (lower is better)."""
    values = list(surprises)
    return math.fsum(values) if all(math.isfinite(s) for s in values) else math.inf


@dataclass(frozen=True)
class Verdict:
    """What a belief costs on a die, on average: H(p), H(p, q) and their gap D(p‖q)."""

    entropy: float
    cross_entropy: float
    kl: float


def verdict(die: Die, q: Mapping[int, Fraction], base: str = "2") -> Verdict:
    p = die.distribution()
    belief = check_belief(q)
    return Verdict(
        entropy=calculator.entropy(p, base),
        cross_entropy=calculator.cross_entropy(p, belief, base),
        kl=calculator.kl_divergence(p, belief, base),
    )


def simulate_faces(die: Die, count: int, seed: int) -> list[int]:
    """`count` rolls of `die` as a fair 🎲 would make them (each value 1–6 equally likely)."""
    if not 0 <= count <= 1_000_000:
        raise ValueError(f"simulate between 0 and 1 000 000 rolls, not {count}")
    rng = random.Random(seed)
    return [die.face(rng.randint(1, 6)) for _ in range(count)]

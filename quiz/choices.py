"""Multiple choice for numeric questions: the right value among the classic wrong ones.

`numeric_choices(params, answer, lang, seed)` gives the option labels (as shown on buttons) and the
index of the right one. Distractors come from the grader's mistake diagnoses, in the grader's
order (`quiz.grading.mistakes`: the concept slips such as p and q swapped or entropy for
cross-entropy, then the right number in another base, a lost minus, the probability instead of its
surprise…); when a question has fewer than three such mistakes, plausible slips of size fill the
rest (twice or half the answer). Every label is checked with the grader itself: the right one is
graded right, each distractor wrong, all labels are distinct, at most `MAX_LABEL` characters.
The order depends only on the seed and the values, never on the language.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from quiz.precision import WHOLE_KINDS, precision_for, round_half_up, rounded_text

MAX_LABEL = 100
OPTIONS = 4  # the right answer and three distractors, when there are enough
PROBABILITY_KINDS = frozenset(
    {
        "probability",
        "conditional_probability",
        "at_least_once",
        "draws_probability",
        "probability_from_surprisal",
    }
)

Mistake = tuple[str, float]
LabelGrader = Callable[[str], bool]  # is this label graded right?


def nice_fraction(value: float, limit: int = 1000) -> Fraction | None:
    """The fraction a float is, when it is one with a small denominator (0.1666… → 1/6)."""
    if not math.isfinite(value):
        return None
    guess = Fraction(value).limit_denominator(limit)
    return guess if abs(float(guess) - value) <= 1e-12 * max(1.0, abs(value)) else None


def label_for(
    kind: str | None, value: float, lang: str, precision: str | None = None
) -> str | None:
    """How `value` is written on a button: an exact fraction for probabilities when it is one,
    else the number rounded as the question asks (decimal comma in Ukrainian). Every label of
    a question shares the precision of its right answer (`precision`), so no button stands
    out by its number of digits; a count (of faces, of outcomes) is a whole number of at least
    1, and a value that is not one is not a count: None."""
    if kind in PROBABILITY_KINDS:
        exact = nice_fraction(value)
        if exact is not None and exact.denominator != 1 and 0 < exact < 1:
            return f"{exact.numerator}/{exact.denominator}"
    if kind in WHOLE_KINDS:
        whole = round_half_up(value, 0)
        return str(int(whole)) if whole >= 1 else None
    return rounded_text(value, precision or precision_for(kind, value), lang)


def _fillers(kind: str | None, answer: float) -> list[Mistake]:
    """Wrong values of the right size, for questions with few diagnosable mistakes."""
    if kind in PROBABILITY_KINDS:
        candidates = [answer / 2, 1 - answer / 2, (1 + answer) / 2, answer * 3 / 2]
        return [("filler", v) for v in candidates if 0 < v < 1]
    candidates = [answer * 2, answer / 2, answer + 1, answer * 3 / 2]
    if answer > 1:
        candidates.append(answer - 1)
    return [("filler", v) for v in candidates]


def numeric_choices(
    params: Mapping[str, Any],
    answer: float,
    lang: str,
    seed: int,
    mistakes: list[Mistake],
    graded_right: LabelGrader,
) -> tuple[tuple[str, ...], int]:
    """(labels, index of the right label) for a numeric question."""
    kind = params.get("kind")
    precision = precision_for(kind, answer)
    right = label_for(kind, answer, lang, precision)
    assert right is not None  # the right answer of a count is a whole number
    picked: list[tuple[str, float]] = []
    seen = {right}
    codes: set[str] = set()
    for code, value in [*mistakes, *_fillers(kind, answer)]:
        if len(picked) == OPTIONS - 1:
            break
        if not math.isfinite(value) or (code in codes and code != "filler"):
            continue  # one button per kind of mistake: three different slips to choose from
        label = label_for(kind, value, lang, precision)
        if label is None or label in seen or len(label) > MAX_LABEL or graded_right(label):
            continue
        seen.add(label)
        codes.add(code)
        picked.append((label, value))
    # Shuffle by position and value only, so both languages put the same value in the same place.
    order = list(range(len(picked) + 1))
    random.Random(f"choices:{seed}:{answer!r}").shuffle(order)
    labels = [right, *(label for label, _ in picked)]
    return tuple(labels[i] for i in order), order.index(0)

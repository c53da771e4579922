"""How precise an answer must be: every question states it, and the grader holds it to exactly that.

A precision is one of four codes:
- ``"dp2"``: rounded to hundredths (до сотих) — answers of 0,1 and more;
- ``"dp3"``: rounded to thousandths (до тисячних) — answers from 0,01 to 0,1;
- ``"sf3"``: three significant figures — smaller answers, where hundredths would say 0;
- ``"exact"``: the exact value (a whole number of faces, say).

`precision_for(kind, value)` picks it from the answer, so a stored question is graded by the same
rule it was asked with. An answer is right when it lies within half a unit of the last place the
question asks for (`tolerance`): rounded, not cut off. Exact forms (1/6, log2(6), 0,1(6)) are
always within it.

>>> precision_for("entropy", 2.584962500721156), precision_for("kl_divergence", 0.0425)
('dp2', 'dp3')
>>> rounded_text(1 / 6, "dp2", "uk"), rounded_text(0.0042468, "sf3", "en")
('0,17', '0.00425')
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PRECISIONS: tuple[str, ...] = ("dp2", "dp3", "sf3", "exact")

# Kinds whose answer is a whole number (a count of faces or outcomes): exact only.
WHOLE_KINDS: frozenset[str] = frozenset({"outcomes_from_entropy", "outcomes_from_surprisal"})
# Kinds answered by pressing a button: no number at all.
CHOICE_KINDS: frozenset[str] = frozenset({"concept", "compare_cross_entropy"})

_EXACT_REL = 1e-9

# "Відповідь округли {phrase}." / "Round your answer {phrase}."
PHRASES: dict[str, dict[str, str]] = {
    "uk": {
        "dp2": "до сотих",
        "dp3": "до тисячних",
        "sf3": "до трьох значущих цифр",
        "exact": "точно",
    },
    "en": {
        "dp2": "to 2 decimal places",
        "dp3": "to 3 decimal places",
        "sf3": "to 3 significant figures",
        "exact": "exactly",
    },
}


def precision_for(kind: str | None, value: float) -> str:
    """The precision a question of `kind` with answer `value` asks for."""
    if kind in WHOLE_KINDS:
        return "exact"
    size = abs(value)
    if size >= 0.1 or size == 0 or not math.isfinite(size):
        return "dp2"
    if size >= 0.01:
        return "dp3"
    return "sf3"


def tolerance(precision: str, truth: float) -> float:
    """How far a right answer may lie from `truth`: half a unit of the last place asked for."""
    if precision == "dp2":
        step = 0.01
    elif precision == "dp3":
        step = 0.001
    elif precision == "sf3" and truth != 0 and math.isfinite(truth):
        step = 10.0 ** (math.floor(math.log10(abs(truth))) - 2)
    else:
        return _EXACT_REL * max(1.0, abs(truth))
    # a hair over half a step, so the school rounding of an exact half (0,125 → 0,13) passes
    return step / 2 * (1 + 1e-9) + 1e-15


def places(precision: str, truth: float) -> int | None:
    """Decimal places a rounded answer shows (None for "exact")."""
    if precision == "dp2":
        return 2
    if precision == "dp3":
        return 3
    if precision == "sf3":
        if truth == 0 or not math.isfinite(truth):
            return 3
        return max(0, 2 - math.floor(math.log10(abs(truth))))
    return None


def round_half_up(value: float | Fraction, digits: int) -> Decimal:
    """School rounding: 0,125 → 0,13 (Python's round() would give 0,12)."""
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(repr(float(value)))
    )
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def rounded_text(value: float | Fraction, precision: str, lang: str) -> str:
    """`value` rounded as the question asks, trailing zeros dropped, in the language's style
    (decimal comma and Unicode minus in Ukrainian)."""
    digits = places(precision, float(value))
    if digits is None:
        digits = 6
    text = format(round_half_up(value, digits), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "uk":
        text = text.replace(".", ",")
        if text.startswith("-"):
            text = "−" + text[1:]
    return text


# SPEC §2's floor under every stated precision: within 1 % of the truth, or the truth rounded to
# two or more significant digits, is right (2,6 for log₂ 6 asked to hundredths).
SPEC_RELATIVE = 0.01


def spec_accepts(value: float, truth: float, decimals: int | None, sig_digits: int | None) -> bool:
    """Is `value` (typed with `decimals` places and `sig_digits` significant digits, None for
    an exact form) right by SPEC §2's rule: within 1 % of `truth`, or `truth` rounded (school
    rounding) to the places typed with at least two significant digits?"""
    if truth == 0 or not math.isfinite(truth):
        return False
    if abs(value - truth) <= SPEC_RELATIVE * abs(truth):
        return True
    if decimals is None or (sig_digits or 0) < 2:
        return False
    rounded = float(round_half_up(truth, decimals))
    return abs(rounded - value) <= 1e-12 * max(1.0, abs(value))


def phrase(precision: str, lang: str) -> str:
    """ "до сотих" / "to 2 decimal places"."""
    return PHRASES["en" if lang == "en" else "uk"][precision]

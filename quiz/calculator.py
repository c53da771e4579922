"""The arithmetic of surprise: probability, surprisal, entropy, cross-entropy, KL divergence.

A *distribution* is a mapping outcome → probability, each probability a `Fraction`, an
`int` or a `float`. Outcomes may be anything hashable (the question bank uses strings).
A *base* is ``2``, ``10``, ``math.e`` or one of the strings ``"2"``, ``"10"``, ``"e"``;
the matching units are bits, hartleys and nats.

>>> from fractions import Fraction as F
>>> die = {face: F(1, 6) for face in "123456"}
>>> event_probability(die, ["2", "4", "6"])
Fraction(1, 2)
>>> round(entropy(die), 3)
2.585
>>> weird = {"1": F(1, 6), "2": F(1, 6), "3": F(1, 6), "4": F(1, 2), "5": F(0), "6": F(0)}
>>> surprisal(weird["4"])
1.0
>>> round(entropy(weird), 4), round(cross_entropy(weird, die), 4)
(1.7925, 2.585)
>>> round(kl_divergence(weird, die), 4)
0.7925
>>> round(surprisal(0.00005, "e"), 8)  # the talk's example: ln(0.00005) = −9.90348755
9.90348755

Invalid input raises `ValueError` with a message that names the offending outcome.
Probabilities are checked to sum to 1 within `SUM_TOLERANCE`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeAlias

from quiz.numbers import plural_form

Number: TypeAlias = Fraction | int | float
Base: TypeAlias = int | float | str
Distribution: TypeAlias = Mapping[Hashable, Number]

SUM_TOLERANCE = 1e-9
_EXACT_TOLERANCE = Fraction(1, 10**9)

BASES: tuple[str, ...] = ("2", "e", "10")
"""The canonical base names, in teaching order (bits first)."""

BASE_VALUES: dict[str, float] = {"2": 2.0, "e": math.e, "10": 10.0}

_LOGS = {"2": math.log2, "e": math.log, "10": math.log10}

# Caps for parse_fraction: params come from our own generator or the database, but a
# corrupted row must fail fast rather than build a gigantic Fraction.
_MAX_FRACTION_TEXT = 64


# --------------------------------------------------------------------------- bases and logs


def normalise_base(base: Base) -> str:
    """The canonical name of a log base: ``"2"``, ``"e"`` or ``"10"``.

    >>> normalise_base(2), normalise_base(math.e), normalise_base(" 10 "), normalise_base("E")
    ('2', 'e', '10', 'e')
    >>> normalise_base(3)
    Traceback (most recent call last):
    ...
    ValueError: unknown log base 3: use 2, e or 10
    """
    if isinstance(base, str):
        name = base.strip().lower()
        if name in _LOGS:
            return name
    elif isinstance(base, int | float) and not isinstance(base, bool):
        if base == 2:
            return "2"
        if base == 10:
            return "10"
        if base == math.e:
            return "e"
    raise ValueError(f"unknown log base {base!r}: use 2, e or 10")


def log_in_base(x: Number, base: Base = 2) -> float:
    """``log_base(x)`` for ``x > 0``; exact fractions too small for a float still work.

    >>> log_in_base(8, 2), log_in_base(100, "10"), log_in_base(1, "e")
    (3.0, 2.0, 0.0)
    >>> round(log_in_base(Fraction(1, 6), 2), 6)
    -2.584963
    >>> log_in_base(Fraction(1, 10**400), 10)
    -400.0
    """
    log = _LOGS[normalise_base(base)]
    if type(x) is Fraction:  # the usual case, checked by its numerator's sign
        if x.numerator > 0:
            return _log_positive(x, log)
        raise ValueError(f"log is defined only for positive numbers, got {_show(x)}")
    _check_real(x, "the number under the log")
    if not x > 0:
        raise ValueError(f"log is defined only for positive numbers, got {_show(x)}")
    as_float = float(x)
    if as_float > 0 and not math.isinf(as_float):
        return log(as_float)
    # Exact but outside float range: split the fraction, logs of big ints are exact enough.
    exact = Fraction(x)
    return log(exact.numerator) - log(exact.denominator)


# --------------------------------------------------------------------------- validation


def _show(value: object) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return repr(value)


def _check_real(value: object, what: str) -> None:
    kind = type(value)
    if kind is Fraction or kind is int:  # without `isinstance`: Fraction's is an ABC's, slow
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    if isinstance(value, bool) or not isinstance(value, Fraction | int | float):
        raise ValueError(f"{what} must be a number (Fraction, int or float), got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")


def _is_exact(values: Iterable[Number]) -> bool:
    return all(type(v) is Fraction or isinstance(v, Fraction | int) for v in values)


def _total(values: list[Number]) -> Number:
    if _is_exact(values):
        return exact_sum(values)
    return math.fsum(float(v) for v in values)


def exact_sum(values: Iterable[Fraction | int]) -> Fraction:
    """The exact sum of fractions over their common denominator: one reduction instead of one
    per addition (a two-dice distribution has 36 terms).

    >>> exact_sum([Fraction(1, 6), Fraction(1, 3), 1])
    Fraction(3, 2)
    """
    terms = [v if type(v) is Fraction else Fraction(v) for v in values]
    if not terms:
        return Fraction(0)
    common = math.lcm(*(v.denominator for v in terms))
    return Fraction(sum(v.numerator * (common // v.denominator) for v in terms), common)


def check_distribution(p: Distribution, name: str = "p") -> None:
    """Raise `ValueError` unless `p` is a non-empty mapping of non-negative numbers summing to 1.

    >>> check_distribution({"H": Fraction(1, 2), "T": Fraction(1, 3)})
    Traceback (most recent call last):
    ...
    ValueError: the probabilities of p add up to 5/6, not 1
    """
    if not isinstance(p, Mapping):
        raise ValueError(f"{name} must be a mapping outcome → probability, got {type(p).__name__}")
    if not p:
        raise ValueError(f"{name} has no outcomes")
    values = list(p.values())
    if all(type(prob) is Fraction for prob in values) and _sums_to_one(values):
        return  # the usual case: exact, none negative, summing to 1 (checked in whole numbers)
    for outcome, prob in p.items():
        if type(prob) is not Fraction:  # exact fractions are real numbers: skip the slow checks
            _check_real(prob, f"the probability of {outcome!r} in {name}")
        if prob.numerator < 0 if type(prob) is Fraction else prob < 0:
            raise ValueError(f"the probability of {outcome!r} in {name} is negative: {_show(prob)}")
    total = _total(values)
    tolerance = _EXACT_TOLERANCE if isinstance(total, Fraction) else SUM_TOLERANCE
    if abs(total - 1) > tolerance:
        raise ValueError(f"the probabilities of {name} add up to {_show(total)}, not 1")


def _sums_to_one(values: list[Fraction]) -> bool:
    """Are these fractions all ≥ 0 with a sum of exactly 1? In whole numbers over the common
    denominator: no `Fraction` is built (a distribution is checked on every computation)."""
    if any(v.numerator < 0 for v in values):
        return False
    common = math.lcm(*(v.denominator for v in values))
    return sum(v.numerator * (common // v.denominator) for v in values) == common


def _check_same_outcomes(p: Distribution, q: Distribution) -> None:
    only_p = [o for o in p if o not in q]
    only_q = [o for o in q if o not in p]
    if only_p or only_q:
        parts = []
        if only_p:
            parts.append(f"missing from q: {', '.join(map(repr, only_p))}")
        if only_q:
            parts.append(f"missing from p: {', '.join(map(repr, only_q))}")
        raise ValueError("p and q must have the same outcomes (" + "; ".join(parts) + ")")


# --------------------------------------------------------------------------- the five quantities


def event_probability(p: Distribution, event: Iterable[Hashable]) -> Fraction | float:
    """The probability of an event: the sum of ``p`` over the outcomes in ``event``.

    Exact (a `Fraction`) when every probability is a `Fraction` or an `int`. Repeated
    outcomes in ``event`` count once; an empty event has probability 0.

    >>> die = {face: Fraction(1, 6) for face in "123456"}
    >>> event_probability(die, ["5", "6"])
    Fraction(1, 3)
    >>> event_probability({"rain": 0.3, "dry": 0.7}, ["rain"])
    0.3
    >>> event_probability({"H": Fraction(1, 2), "T": Fraction(1, 2)}, ["E"])
    Traceback (most recent call last):
    ...
    ValueError: the event mentions 'E', which is not an outcome of p (outcomes: 'H', 'T')
    """
    check_distribution(p)
    return event_probability_of_checked(p, event)


def event_probability_of_checked(p: Distribution, event: Iterable[Hashable]) -> Fraction | float:
    """`event_probability` of a `p` that has passed `check_distribution` (a distribution the
    question bank built, or one `parse_distribution` returned): it is not checked again."""
    if isinstance(event, str | bytes) or not isinstance(event, Iterable):
        raise ValueError(f"event must be a collection of outcomes, e.g. ['4'], got {event!r}")
    outcomes = list(dict.fromkeys(event))
    for outcome in outcomes:
        if outcome not in p:
            known = ", ".join(map(repr, p))
            raise ValueError(
                f"the event mentions {outcome!r}, which is not an outcome of p (outcomes: {known})"
            )
    chosen = [p[o] for o in outcomes]
    if _is_exact(p.values()):
        return exact_sum(chosen)
    return math.fsum(float(v) for v in chosen)


def surprisal(prob: Number, base: Base = 2) -> float:
    """The surprise of seeing an outcome of probability ``prob``: ``−log_base(prob)``.

    >>> surprisal(Fraction(1, 2)), surprisal(1), surprisal(Fraction(1, 100), 10)
    (1.0, 0.0, 2.0)
    >>> surprisal(0)
    Traceback (most recent call last):
    ...
    ValueError: surprisal needs a probability in (0, 1], got 0
    """
    if type(prob) is Fraction:  # the usual case: 0 < a/b ≤ 1 is 0 < a ≤ b
        in_range = 0 < prob.numerator <= prob.denominator
    else:
        _check_real(prob, "the probability")
        in_range = 0 < prob <= 1
    if not in_range:
        raise ValueError(f"surprisal needs a probability in (0, 1], got {_show(prob)}")
    return 0.0 - log_in_base(prob, base)  # 0.0 − … turns −0.0 into 0.0


def entropy(p: Distribution, base: Base = 2) -> float:
    """Expected surprise: ``H(p) = Σ p(x)·(−log p(x))``; outcomes with p(x) = 0 add nothing.

    >>> entropy({"H": 0.5, "T": 0.5}), entropy({"H": 1, "T": 0})
    (1.0, 0.0)
    """
    check_distribution(p)
    return entropy_of_checked(p, base)


def entropy_of_checked(p: Distribution, base: Base = 2) -> float:
    """`entropy` of a `p` that has passed `check_distribution`: it is not checked again."""
    name = normalise_base(base)
    values = list(p.values())
    if all(type(px) is Fraction for px in values):
        return _exact_entropy(tuple((px.numerator, px.denominator) for px in values), name)
    log = _LOGS[name]
    terms = [float(px) * -_log_positive(px, log) for px in values if px != 0]
    return math.fsum(terms) + 0.0


# Exact distributions recur (a fair die, the weird die, the same belief asked again), and a
# question computes its answer twice (to write it, then from its params): the exact cases are
# cached, keyed by whole numbers (hashing a Fraction takes a modular inverse). They compute as
# the general code does on the same fractions (float(a/b) is a / b), so the floats are the same.


@functools.lru_cache(maxsize=4096)
def _exact_entropy(p: tuple[tuple[int, int], ...], base: str) -> float:
    log = _LOGS[base]
    terms = [n / d * -_log_of_whole(n, d, log) for n, d in p if n != 0]
    return math.fsum(terms) + 0.0


def _exact_pairs(p: Distribution, q: Distribution) -> tuple[tuple[int, int, int, int], ...] | None:
    """(p numerator, p denominator, q numerator, q denominator) per outcome of `p`, when every
    probability is a `Fraction`; else None."""
    pairs = []
    for outcome, px in p.items():
        qx = q[outcome]
        if type(px) is not Fraction or type(qx) is not Fraction:
            return None
        pairs.append((px.numerator, px.denominator, qx.numerator, qx.denominator))
    return tuple(pairs)


@functools.lru_cache(maxsize=4096)
def _exact_pair_sum(pairs: tuple[tuple[int, int, int, int], ...], base: str, kl: bool) -> float:
    """H(p, q) (or D(p‖q) when `kl`) of exact distributions given as `_exact_pairs`."""
    log = _LOGS[base]
    terms = []
    for pn, pd, qn, qd in pairs:
        if pn == 0:
            continue
        if qn == 0:
            return math.inf
        if kl:
            terms.append(pn / pd * _log_of_whole(pn * qd, pd * qn, log))
        else:
            terms.append(pn / pd * -_log_of_whole(qn, qd, log))
    return max(0.0, math.fsum(terms)) if kl else math.fsum(terms) + 0.0


def _log_of_whole(top: int, bottom: int, log: Callable[[float], float]) -> float:
    """`_log_positive(Fraction(top, bottom), log)` for positive whole numbers, without building
    the Fraction: the float of a quotient of whole numbers is the correctly rounded one, reduced
    or not."""
    as_float = top / bottom
    if as_float > 0 and not math.isinf(as_float):
        return log(as_float)
    return _log_positive(Fraction(top, bottom), log)  # beyond float range: exact logs


def _log_positive(x: Number, log: Callable[[float], float]) -> float:
    """`log(x)` for an `x` already checked to be positive (as `log_in_base`, minus the checks
    a validated distribution has passed)."""
    as_float = float(x)
    if as_float > 0 and not math.isinf(as_float):
        return log(as_float)
    exact = Fraction(x)
    return log(exact.numerator) - log(exact.denominator)


def _check_pair(p: Distribution, q: Distribution) -> None:
    """What cross-entropy and KL divergence both require of their distributions (the `…_of_checked`
    functions then compare their outcomes and the base)."""
    check_distribution(p, "p")
    check_distribution(q, "q")


def cross_entropy(p: Distribution, q: Distribution, base: Base = 2) -> float:
    """Expected surprise of someone who believes ``q`` while the truth is ``p``:
    ``H(p, q) = Σ p(x)·(−log q(x))``. `math.inf` if q(x) = 0 where p(x) > 0.

    >>> coin = {"H": Fraction(1, 2), "T": Fraction(1, 2)}
    >>> cross_entropy(coin, {"H": Fraction(1, 4), "T": Fraction(3, 4)}) > entropy(coin)
    True
    >>> cross_entropy(coin, {"H": 1, "T": 0})
    inf
    """
    _check_pair(p, q)
    return cross_entropy_of_checked(p, q, base)


def cross_entropy_of_checked(p: Distribution, q: Distribution, base: Base = 2) -> float:
    """`cross_entropy` of a `p` and a `q` that have passed `check_distribution` (the bank's own
    distributions, or `parse_distribution`'s): only their outcomes are compared."""
    return _pair_sum(p, q, base, kl=False)


def _pair_sum(p: Distribution, q: Distribution, base: Base, *, kl: bool) -> float:
    """H(p, q), or D(p‖q) when `kl`, of checked distributions."""
    _check_same_outcomes(p, q)
    name = normalise_base(base)
    pairs = _exact_pairs(p, q)
    if pairs is not None:
        return _exact_pair_sum(pairs, name, kl)
    log = _LOGS[name]
    terms = []
    for outcome, px in p.items():
        if px == 0:
            continue
        qx = q[outcome]
        if qx == 0:
            return math.inf
        if not kl:
            terms.append(float(px) * -_log_positive(qx, log))
            continue
        # log of the ratio, not a difference of logs: exact fractions give an exact ratio,
        # so p == q yields exactly 0 instead of rounding noise.
        if _is_exact((px, qx)):
            ratio: Number = Fraction(px) / Fraction(qx)
        else:
            ratio = float(px) / float(qx)
        terms.append(float(px) * _log_positive(ratio, log))
    # Gibbs' inequality makes the true D(p‖q) ≥ 0; a tiny negative sum is only rounding.
    return max(0.0, math.fsum(terms)) if kl else math.fsum(terms) + 0.0


def kl_divergence(p: Distribution, q: Distribution, base: Base = 2) -> float:
    """The extra surprise wrong beliefs cost: ``D(p‖q) = Σ p(x)·log(p(x)/q(x)) = H(p, q) − H(p)``.
    Zero exactly when ``p == q``; `math.inf` if q(x) = 0 where p(x) > 0.

    >>> kl_divergence({"H": 0.5, "T": 0.5}, {"H": 0.5, "T": 0.5})
    0.0
    >>> round(kl_divergence({"H": 0.5, "T": 0.5}, {"H": 0.25, "T": 0.75}), 4)
    0.2075
    """
    _check_pair(p, q)
    return kl_divergence_of_checked(p, q, base)


def kl_divergence_of_checked(p: Distribution, q: Distribution, base: Base = 2) -> float:
    """`kl_divergence` of a `p` and a `q` that have passed `check_distribution` (the bank's own
    distributions, or `parse_distribution`'s): only their outcomes are compared."""
    return _pair_sum(p, q, base, kl=True)


# --------------------------------------------------------------------------- params helpers


def parse_fraction(text: str) -> Fraction:
    """An exact fraction from a params string such as ``"1/6"``, ``"1"`` or ``"0.25"``.

    >>> parse_fraction("1/6"), parse_fraction(" 3 / 4 ")
    (Fraction(1, 6), Fraction(3, 4))
    """
    if not isinstance(text, str):
        raise ValueError(f"a probability in params must be a string like '1/6', got {text!r}")
    if len(text) > _MAX_FRACTION_TEXT:
        raise ValueError(f"the fraction {text[:20]!r}… is too long")
    return _parsed_fraction(text)


@functools.lru_cache(maxsize=4096)
def _parsed_fraction(text: str) -> Fraction:
    """`parse_fraction` of a short string; cached, as params repeat the same few ("1/6")."""
    cleaned = text.replace(" ", "")
    numerator, slash, denominator = cleaned.partition("/")
    if slash and numerator.isdigit() and denominator.isdigit() and denominator.strip("0"):
        return Fraction(int(numerator), int(denominator))  # the usual "a/b": no regex needed
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a fraction like '1/6'") from None
    return value


def format_fraction(value: Number) -> str:
    """The params form of an exact probability: always ``"a/b"``.

    >>> format_fraction(Fraction(1, 6)), format_fraction(1), format_fraction(Fraction(2, 4))
    ('1/6', '1/1', '1/2')
    """
    exact = value if type(value) is Fraction else Fraction(value)
    return f"{exact.numerator}/{exact.denominator}"


def parse_distribution(params: Mapping[str, str], name: str = "p") -> dict[str, Fraction]:
    """A checked distribution from params ``{outcome: "a/b"}``.

    >>> parse_distribution({"H": "1/2", "T": "1/2"})
    {'H': Fraction(1, 2), 'T': Fraction(1, 2)}
    """
    if not isinstance(params, Mapping):
        raise ValueError(f"{name} must be a mapping outcome → 'a/b', got {params!r}")
    items = tuple(params.items())
    if all(type(outcome) is str and type(prob) is str for outcome, prob in items):
        return dict(_parsed_distribution(items, name))  # a copy: the caller may change it
    return _checked_distribution(items, name)


@functools.lru_cache(maxsize=4096)
def _parsed_distribution(items: tuple[tuple[str, str], ...], name: str) -> dict[str, Fraction]:
    """`parse_distribution` of strings, cached: the bank's distributions recur (a fair die,
    the weird die…) and every answer recomputed from params parses them."""
    return _checked_distribution(items, name)


def _checked_distribution(items: Iterable[tuple[Any, Any]], name: str) -> dict[str, Fraction]:
    dist = {str(outcome): parse_fraction(prob) for outcome, prob in items}
    check_distribution(dist, name)
    return dist


def distribution_to_params(p: Distribution) -> dict[str, str]:
    """The JSON-friendly params form ``{outcome: "a/b"}`` of an exact distribution.

    >>> distribution_to_params({1: Fraction(1, 2), 2: Fraction(1, 2)})
    {'1': '1/2', '2': '1/2'}
    """
    return {str(outcome): format_fraction(prob) for outcome, prob in p.items()}


# --------------------------------------------------------------------------- units


UNIT_NAMES: dict[str, dict[str, str]] = {
    # the plural label used in headings and phrases such as "answer in bits"
    "uk": {"2": "біти", "e": "нати", "10": "гартлі"},
    "en": {"2": "bits", "e": "nats", "10": "hartleys"},
}

UNIT_IN: dict[str, dict[str, str]] = {
    # "in <unit>", ready to drop into a sentence
    "uk": {"2": "у бітах", "e": "у натах", "10": "у гартлі"},
    "en": {"2": "in bits", "e": "in nats", "10": "in hartleys"},
}

# Ukrainian agreement with a number: (one, few, many, fractional). 1 біт, 2 біти, 5 бітів,
# 2,5 біта; "гартлі" does not decline.
_UK_FORMS = {
    "2": ("біт", "біти", "бітів", "біта"),
    "e": ("нат", "нати", "натів", "ната"),
    "10": ("гартлі", "гартлі", "гартлі", "гартлі"),
}
_EN_FORMS = {"2": ("bit", "bits"), "e": ("nat", "nats"), "10": ("hartley", "hartleys")}


def unit_name(base: Base, lang: str = "uk", count: float | str | None = None) -> str:
    """The unit of a base, agreeing with ``count`` if given (a number or its formatted text).

    >>> unit_name(2, "en"), unit_name("e", "uk"), unit_name(10, "en", 1)
    ('bits', 'нати', 'hartley')
    >>> [unit_name(2, "uk", n) for n in (1, 3, 5, 21, 12, "2,585")]
    ['біт', 'біти', 'бітів', 'біт', 'бітів', 'біта']
    """
    name = normalise_base(base)
    if lang not in UNIT_NAMES:
        raise ValueError(f"unknown language {lang!r}: use 'uk' or 'en'")
    if count is None:
        return UNIT_NAMES[lang][name]
    forms = _EN_FORMS[name] if lang == "en" else _UK_FORMS[name]
    return plural_form(count, lang, forms)

"""Every kind of question and its formula over the params keys (documented in `quiz.questions`).

`answer_from_params(params)` recomputes an answer from params alone, with `quiz.calculator`;
exact fractions stay exact until the final float. Each distribution is checked once, when it is
parsed from the params (`_p`); the computations then take it as checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from quiz import calculator as calc

# The true option of each conceptual fact (params "fact"); a question lists its options in
# params "options" and its answer is the index of the true one.
FACT_ANSWERS: dict[str, str] = {
    "sure_event_surprise": "zero",
    "rarer_event_surprise": "larger",
    "independent_surprises": "add",
    "why_add_logs": "underflow",
    "max_entropy": "all_equal",
    "constant_die_entropy": "zero",
    "cross_entropy_vs_entropy": "never_less",
    "kl_zero": "p_equals_q",
    "kl_negative": "never",
    "kl_symmetric": "not_always",
    "belief_zero": "infinite",
}

# The options of compare_cross_entropy, in order.
COMPARE_OPTIONS: tuple[str, ...] = ("entropy", "cross_entropy", "equal")


def _p(params: Mapping[str, Any], key: str = "p") -> dict[str, Fraction]:
    if key not in params:
        raise ValueError(f"params need {key!r}: a distribution {{outcome: 'a/b'}}")
    return calc.parse_distribution(params[key], key)


def _outcomes(params: Mapping[str, Any], key: str) -> list[str]:
    value = params.get(key)
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"params need {key!r}: a non-empty list of outcomes")
    return [str(o) for o in value]


def _base(params: Mapping[str, Any]) -> str:
    return calc.normalise_base(params.get("base", ""))


def _event_probability(params: Mapping[str, Any], key: str = "event") -> Fraction:
    prob = calc.event_probability_of_checked(_p(params), _outcomes(params, key))
    return Fraction(prob)


def _whole(params: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = params.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"params need {key!r}: a whole number from {low} to {high}")
    return value


def _probabilities(params: Mapping[str, Any]) -> list[Fraction]:
    probs = params.get("probs")
    if not isinstance(probs, list | tuple) or not probs or len(probs) > 50:
        raise ValueError("params need 'probs': a list of 1 to 50 probabilities 'a/b'")
    values = [calc.parse_fraction(str(v)) for v in probs]
    if any(not 0 < v <= 1 for v in values):
        raise ValueError("every probability in 'probs' must be in (0, 1]")
    return values


# --------------------------------------------------------------------------- the formulas


def probability(params: Mapping[str, Any]) -> float:
    return float(_event_probability(params))


def surprisal(params: Mapping[str, Any]) -> float:
    return calc.surprisal(_event_probability(params), _base(params))


def entropy(params: Mapping[str, Any]) -> float:
    return calc.entropy_of_checked(_p(params), _base(params))


def cross_entropy(params: Mapping[str, Any]) -> float:
    return calc.cross_entropy_of_checked(_p(params), _p(params, "q"), _base(params))


def kl_divergence(params: Mapping[str, Any]) -> float:
    return calc.kl_divergence_of_checked(_p(params), _p(params, "q"), _base(params))


def conditional_probability(params: Mapping[str, Any]) -> float:
    p = _p(params)
    event, given = set(_outcomes(params, "event")), _outcomes(params, "given")
    p_given = Fraction(calc.event_probability_of_checked(p, given))
    if p_given == 0:
        raise ValueError("the condition 'given' has probability 0")
    both = Fraction(calc.event_probability_of_checked(p, [o for o in given if o in event]))
    return float(both / p_given)


def at_least_once(params: Mapping[str, Any]) -> float:
    n = _whole(params, "n", 1, 100)
    return float(1 - (1 - _event_probability(params)) ** n)


def sequence_probability(params: Mapping[str, Any]) -> float:
    p = _p(params)
    product = Fraction(1)
    for outcome in _outcomes(params, "sequence"):
        product *= Fraction(calc.event_probability_of_checked(p, [outcome]))
    return float(product)


def draws_probability(params: Mapping[str, Any]) -> float:
    counts = params.get("counts")
    if not isinstance(counts, Mapping) or not counts:
        raise ValueError("params need 'counts': {colour: how many}")
    left = {str(c): _count(n) for c, n in counts.items()}
    product = Fraction(1)
    for colour in _outcomes(params, "sequence"):
        if colour not in left:
            raise ValueError(f"the sequence names {colour!r}, which is not in 'counts'")
        total = sum(left.values())
        if total == 0:
            raise ValueError("more draws than marbles")
        product *= Fraction(left[colour], total)
        left[colour] = max(0, left[colour] - 1)  # drawn without putting it back
    return float(product)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise ValueError(f"a count must be a whole number from 0 to 1000, got {value!r}")
    return value


def sequence_surprisal(params: Mapping[str, Any]) -> float:
    p, base = _p(params), _base(params)
    return math.fsum(
        calc.surprisal(calc.event_probability_of_checked(p, [o]), base)
        for o in _outcomes(params, "sequence")
    )


def probability_from_surprisal(params: Mapping[str, Any]) -> float:
    return float(_event_probability(params))


def outcomes_from_surprisal(params: Mapping[str, Any]) -> float:
    p = _p(params)
    first = next(iter(p.values()))
    if any(v != first for v in p.values()):
        raise ValueError("outcomes_from_surprisal needs equally likely outcomes")
    return float(1 / first)


def outcomes_from_entropy(params: Mapping[str, Any]) -> float:
    p, base = _p(params), _base(params)
    return calc.BASE_VALUES[base] ** calc.entropy_of_checked(p, base)


def convert_units(params: Mapping[str, Any]) -> float:
    value = calc.parse_fraction(str(params.get("value", "")))
    source, target = calc.normalise_base(params.get("from", "")), _base(params)
    return float(value) * math.log(calc.BASE_VALUES[source]) / math.log(calc.BASE_VALUES[target])


def sentence_surprisal(params: Mapping[str, Any]) -> float:
    base = _base(params)
    return math.fsum(calc.surprisal(v, base) for v in _probabilities(params))


def sentence_cross_entropy(params: Mapping[str, Any]) -> float:
    probs = _probabilities(params)
    return sentence_surprisal(params) / len(probs)


def compare_cross_entropy(params: Mapping[str, Any]) -> float:
    p, q, base = _p(params), _p(params, "q"), _base(params)
    gap = calc.cross_entropy_of_checked(p, q, base) - calc.entropy_of_checked(p, base)
    if abs(gap) <= 1e-12:
        return float(COMPARE_OPTIONS.index("equal"))
    return float(COMPARE_OPTIONS.index("cross_entropy" if gap > 0 else "entropy"))


def concept(params: Mapping[str, Any]) -> float:
    fact = params.get("fact")
    if fact not in FACT_ANSWERS:
        raise ValueError(f"unknown fact {fact!r}")
    options = params.get("options")
    if not isinstance(options, list | tuple) or FACT_ANSWERS[fact] not in options:
        raise ValueError(f"the options of {fact!r} must include {FACT_ANSWERS[fact]!r}")
    return float(list(options).index(FACT_ANSWERS[fact]))


FORMULAS: dict[str, Callable[[Mapping[str, Any]], float]] = {
    "probability": probability,
    "surprisal": surprisal,
    "entropy": entropy,
    "cross_entropy": cross_entropy,
    "kl_divergence": kl_divergence,
    "conditional_probability": conditional_probability,
    "at_least_once": at_least_once,
    "sequence_probability": sequence_probability,
    "draws_probability": draws_probability,
    "sequence_surprisal": sequence_surprisal,
    "probability_from_surprisal": probability_from_surprisal,
    "outcomes_from_surprisal": outcomes_from_surprisal,
    "outcomes_from_entropy": outcomes_from_entropy,
    "convert_units": convert_units,
    "sentence_surprisal": sentence_surprisal,
    "sentence_cross_entropy": sentence_cross_entropy,
    "compare_cross_entropy": compare_cross_entropy,
    "concept": concept,
}
KINDS: tuple[str, ...] = tuple(FORMULAS)


def answer_from_params(params: Mapping[str, Any]) -> float:
    """Recompute a question's answer from its params alone (formulas in `quiz.questions`)."""
    if not isinstance(params, Mapping):
        raise ValueError("params must be a mapping")
    kind = params.get("kind")
    formula = FORMULAS.get(kind) if isinstance(kind, str) else None
    if formula is None:
        raise ValueError(f"unknown question kind {kind!r}: use one of {', '.join(KINDS)}")
    return formula(params)

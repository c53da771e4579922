"""The worked sums of entropy, cross-entropy and KL divergence, one line per group of outcomes
with equal probabilities (so a die with three 4s is one line, not three)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.core import Bi, frac, group, join, log_of, num, result, say


def _names(outcomes: Sequence[str], labels: Mapping[str, Bi] | None) -> Bi:
    if labels is None:
        return join(", ", outcomes)
    return join(", ", [labels[o] for o in outcomes])


def _times(count: int, body: str) -> str:
    return body if count == 1 else f"{count} · {body}"


def entropy_lines(
    p: Mapping[str, Fraction], base: str, labels: Mapping[str, Bi] | None = None
) -> list[Bi]:
    """'4 (p = 1/2): 1/2 · log₂ 2 = 0,5' per group of equal p; the zero ones add nothing."""
    lines: list[Bi] = []
    for outcomes, prob in group([(o, v) for o, v in p.items() if v > 0]):
        term = len(outcomes) * float(prob) * calc.surprisal(prob, base)
        body = f"{frac(prob)} · {log_of(1 / prob, base)}"
        lines.append(
            _names(outcomes, labels)
            + f" (p = {frac(prob)}): {_times(len(outcomes), body)} "
            + _approx_plain(term)
        )
    return lines


def cross_entropy_lines(
    p: Mapping[str, Fraction],
    q: Mapping[str, Fraction],
    base: str,
    labels: Mapping[str, Bi] | None = None,
) -> list[Bi]:
    """'4 (p = 1/2, q = 1/6): 1/2 · log₂ 6 ≈ 1,292' per group of equal (p, q)."""
    lines: list[Bi] = []
    for outcomes, (pv, qv) in group([(o, (p[o], q[o])) for o in p if p[o] > 0]):
        term = len(outcomes) * float(pv) * calc.surprisal(qv, base)
        body = f"{frac(pv)} · {log_of(1 / qv, base)}"
        lines.append(
            _names(outcomes, labels)
            + f" (p = {frac(pv)}, q = {frac(qv)}): {_times(len(outcomes), body)} "
            + _approx_plain(term)
        )
    return lines


def kl_lines(
    p: Mapping[str, Fraction],
    q: Mapping[str, Fraction],
    base: str,
    labels: Mapping[str, Bi] | None = None,
) -> list[Bi]:
    """'4 (p = 1/2, q = 1/6): 1/2 · log₂((1/2)/(1/6)) = 1/2 · log₂ 3 ≈ 0,7925' per group."""
    lines: list[Bi] = []
    for outcomes, (pv, qv) in group([(o, (p[o], q[o])) for o in p if p[o] > 0]):
        ratio = pv / qv
        head = _names(outcomes, labels) + f" (p = {frac(pv)}, q = {frac(qv)}): "
        if ratio == 1:
            lines.append(head + say("p = q, тож внесок 0", "p = q, so it adds 0"))
            continue
        term = len(outcomes) * float(pv) * calc.log_in_base(ratio, base)
        body = f"{frac(pv)} · {log_of(ratio, base)}"
        lines.append(head + f"{_times(len(outcomes), body)} " + _approx_plain(term))
    return lines


def total_line(label: str, value: float, base: str, parts: Sequence[float]) -> Bi:
    """'H = 0,5 + 1,292 ≈ 1,792 біта'."""
    summed = join(" + ", [num(v) for v in parts]).map(lambda t: t.replace("+ −", "− "))
    if len(parts) == 1:
        return say(f"{label} ", f"{label} ") + result(value, base)
    return say(f"{label} = ", f"{label} = ") + summed + " " + result(value, base)


def entropy_parts(p: Mapping[str, Fraction], base: str) -> list[float]:
    return [
        len(outcomes) * float(prob) * calc.surprisal(prob, base)
        for outcomes, prob in group([(o, v) for o, v in p.items() if v > 0])
    ]


def cross_entropy_parts(
    p: Mapping[str, Fraction], q: Mapping[str, Fraction], base: str
) -> list[float]:
    return [
        len(outcomes) * float(pv) * calc.surprisal(qv, base)
        for outcomes, (pv, qv) in group([(o, (p[o], q[o])) for o in p if p[o] > 0])
    ]


def kl_parts(p: Mapping[str, Fraction], q: Mapping[str, Fraction], base: str) -> list[float]:
    return [
        len(outcomes) * float(pv) * calc.log_in_base(pv / qv, base)
        for outcomes, (pv, qv) in group([(o, (p[o], q[o])) for o in p if p[o] > 0])
    ]


def _approx_plain(value: float) -> Bi:
    shown = num(value)
    exact = math.isclose(float(shown.en.replace("−", "-")), value, rel_tol=1e-12, abs_tol=1e-15)
    return ("= " if exact else "≈ ") + shown

"""The worked sums of entropy, cross-entropy and KL divergence, one line per group of outcomes
with equal probabilities (so a die with three 4s is one line, not three)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.core import Bi, approx, frac, group, join, log_of, num, result, say


@dataclass(frozen=True)
class Term:
    """One group's share of a sum: its outcomes, their p (and q), its value and how it is
    written ('2 · 1/6 · log₂ 6'; None when it is 0 because p = q in a KL sum)."""

    outcomes: list[str]
    p: Fraction
    q: Fraction | None
    value: float
    body: str | None


def _times(count: int, body: str) -> str:
    return body if count == 1 else f"{count} · {body}"


def terms(
    kind: str, p: Mapping[str, Fraction], q: Mapping[str, Fraction] | None, base: str
) -> list[Term]:
    """The grouped terms of H(p) (`kind` "entropy"), H(p, q) ("cross_entropy") or D(p‖q)
    ("kl_divergence"); outcomes with p = 0 add nothing and are left out."""
    keyed = [(o, (p[o], q[o] if q is not None else None)) for o in p if p[o] > 0]
    out = []
    for outcomes, (pv, qv) in group(keyed):
        n = len(outcomes)
        if kind == "entropy":
            value = n * float(pv) * calc.surprisal(pv, base)
            body: str | None = _times(n, f"{frac(pv)} · {log_of(1 / pv, base)}")
        elif kind == "cross_entropy":
            assert qv is not None
            value = n * float(pv) * calc.surprisal(qv, base)
            body = _times(n, f"{frac(pv)} · {log_of(1 / qv, base)}")
        else:
            assert qv is not None
            ratio = pv / qv
            value = n * float(pv) * calc.log_in_base(ratio, base)
            body = None if ratio == 1 else _times(n, f"{frac(pv)} · {log_of(ratio, base)}")
        out.append(Term(outcomes, pv, qv, value, body))
    return out


def term_lines(found: Sequence[Term], labels: Mapping[str, Bi] | None = None) -> list[Bi]:
    """'4 (p = 1/2, q = 1/6): 1/2 · log₂ 3 ≈ 0,7925' — one line per term."""
    lines = []
    for term in found:
        names = join(", ", [labels[o] if labels else o for o in term.outcomes])
        given = f"p = {frac(term.p)}" + (f", q = {frac(term.q)}" if term.q is not None else "")
        head = names + f" ({given}): "
        if term.body is None:
            lines.append(head + say("p = q, тож внесок 0", "p = q, so it adds 0"))
        else:
            lines.append(head + f"{term.body} " + approx(term.value))
    return lines


def total_line(label: str, value: float, base: str, found: Sequence[Term]) -> Bi:
    """'H = 0,5 + 1,292 ≈ 1,792 біта'."""
    parts = [term.value for term in found]
    if len(parts) == 1:
        return say(f"{label} ", f"{label} ") + result(value, base)
    summed = join(" + ", [num(v) for v in parts]).map(lambda t: t.replace("+ −", "− "))
    return say(f"{label} = ", f"{label} = ") + summed + " " + result(value, base)

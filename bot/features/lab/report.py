"""What the lab shows: every outcome's probability and surprise, the entropy, and with a
belief also the cross-entropy and the KL divergence. All numbers come from `quiz.calculator`
and are formatted with `quiz.numbers.format_number`; labels typed by the student are escaped."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from fractions import Fraction

from bot.features.lab.parsing import LabInput
from bot.texts import t
from quiz import calculator
from quiz.numbers import format_number

# The second unit shown next to the chosen one, so bits and nats can be compared.
_ALSO = {"2": "e", "e": "2", "10": "2"}


@dataclass(frozen=True)
class ChartData:
    labels: list[str]
    truth: list[float]  # −log p per outcome (nan where p = 0)
    belief: list[float] | None  # −log q per outcome (inf where q = 0)
    caption: str
    ylabel: str
    truth_legend: str
    belief_legend: str


def _probability(value: Fraction, lang: str) -> str:
    """`1/6 ≈ 0,1667`; a plain `1/2` when its decimal adds nothing new."""
    fraction = value.limit_denominator(10**6)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    exact = f"{fraction.numerator}/{fraction.denominator}"
    decimal = format_number(float(fraction), lang)
    sign = "=" if Fraction(decimal.replace(",", ".").replace("−", "-")) == fraction else "≈"
    return f"{exact} {sign} {decimal}"


def _unit(base: str, lang: str, shown: str) -> str:
    """The unit agreeing with the shown number; none after ∞ (infinitely many of no unit)."""
    if shown in ("∞", "−∞"):
        return ""
    return calculator.unit_name(base, lang, shown)


def render(spec: LabInput, lang: str, echo: str) -> str:
    """The lab's answer as HTML, well under Telegram's 4096 characters for ≤ 20 outcomes."""
    base = spec.base
    lines = [
        t(lang, "lab.title", units=calculator.UNIT_IN[lang][base]),
        t(lang, "lab.echo", spec=html.escape(echo)),
        "",
    ]
    if spec.belief is None:
        lines += _truth_rows(spec, lang)
    else:
        lines += _belief_rows(spec, lang)
    return "\n".join(lines)


def _truth_rows(spec: LabInput, lang: str) -> list[str]:
    base, also = spec.base, _ALSO[spec.base]
    lines = [t(lang, "lab.section.truth")]
    for outcome, prob in spec.truth.items():
        label = html.escape(outcome)
        if prob == 0:
            lines.append(t(lang, "lab.row.never", label=label))
            continue
        s = format_number(calculator.surprisal(prob, base), lang)
        s2 = format_number(calculator.surprisal(prob, also), lang)
        lines.append(
            t(
                lang,
                "lab.row.also",
                label=label,
                p=_probability(prob, lang),
                s=s,
                unit=_unit(base, lang, s),
                s2=s2,
                unit2=_unit(also, lang, s2),
            )
        )
    if spec.faces:
        lines.append(t(lang, "lab.faces", count=len(spec.faces)))
    h = format_number(calculator.entropy(spec.truth, base), lang)
    lines += ["", t(lang, "lab.entropy", h=h, unit=_unit(base, lang, h))]
    possible = sum(1 for prob in spec.truth.values() if prob > 0)
    if possible > 1:
        hmax = format_number(calculator.log_in_base(possible, base), lang)
        lines.append(
            t(lang, "lab.entropy.max", n=possible, hmax=hmax, unit=_unit(base, lang, hmax))
        )
    return lines


def _belief_rows(spec: LabInput, lang: str) -> list[str]:
    assert spec.belief is not None
    base = spec.base
    p, q = spec.truth, spec.belief
    lines = [t(lang, "lab.section.both")]
    for outcome in p:
        label = html.escape(outcome)
        q_text = _probability(q[outcome], lang)
        if p[outcome] == 0:
            lines.append(t(lang, "lab.row.both_never", label=label, q=q_text))
            continue
        s = format_number(_belief_surprise(q[outcome], base), lang)
        lines.append(
            t(lang, "lab.row.both", label=label, p=_probability(p[outcome], lang), q=q_text, s=s)
        )
    h = format_number(calculator.entropy(p, base), lang)
    ce_value = calculator.cross_entropy(p, q, base)
    kl_value = calculator.kl_divergence(p, q, base)
    ce = format_number(ce_value, lang)
    kl = format_number(kl_value, lang)
    lines += [
        "",
        t(lang, "lab.entropy.both", h=h, unit=_unit(base, lang, h)),
        t(lang, "lab.cross_entropy", ce=ce, unit=_unit(base, lang, ce)),
        t(lang, "lab.kl", kl=kl, unit=_unit(base, lang, kl)),
    ]
    if math.isinf(kl_value):
        outcome = next(o for o in p if p[o] > 0 and q[o] == 0)
        lines += [
            "",
            t(
                lang,
                "lab.infinite",
                label=html.escape(outcome),
                p=_probability(p[outcome], lang),
            ),
        ]
    elif kl_value == 0:
        lines += ["", t(lang, "lab.kl.zero")]
    return lines


def _belief_surprise(prob: Fraction, base: str) -> float:
    return math.inf if prob == 0 else calculator.surprisal(prob, base)


def chart_data(spec: LabInput, lang: str) -> ChartData:
    """The numbers behind the bar chart, computed here so the chart code only draws."""
    units = calculator.UNIT_NAMES[lang][spec.base]
    truth = [
        calculator.surprisal(prob, spec.base) if prob > 0 else math.nan
        for prob in spec.truth.values()
    ]
    belief = None
    if spec.belief is not None:
        belief = [_belief_surprise(prob, spec.base) for prob in spec.belief.values()]
    return ChartData(
        labels=list(spec.truth),
        truth=truth,
        belief=belief,
        caption=t(lang, "lab.chart_caption", units=calculator.UNIT_IN[lang][spec.base]),
        ylabel=t(lang, "lab.chart.ylabel", units=units),
        truth_legend=t(lang, "lab.chart.truth"),
        belief_legend=t(lang, "lab.chart.belief"),
    )

"""Grade a student's answer: generous about notation, precise about mistakes.

`grade(question, text) -> Verdict`

Correct (SPEC §2), checked in this order:
- the value is within 1 % of the true answer (`REL_TOLERANCE`), which covers every exact form
  (`1/6`, `16,7%`, `-log2(1/6)`, `log(6, 2)`…) and sensible roundings such as `2,58`;
- or the answer is one decimal literal with at least 2 significant digits that is a rounding of the
  true answer at the precision typed (1/6 → `0,17` and `0,167` are right, `0,2` and `0,16` are not);
- when the true answer is 0 (KL divergence of identical distributions) relative tolerance means
  nothing, so `|value| ≤ ABS_TOLERANCE` is right instead.

Not correct: if the value matches a *classic mistake* (within the same tolerance) the verdict names
it in `diagnosis` and explains it in `feedback`; the right answer always wins, and an alternative
closer than `INDISTINGUISHABLE` (2.5 %) to the right answer is never used, so a value that misses
both cannot be blamed on the wrong mistake. For the die 1,2,3,4,4,4 the entropy is 1.7925 bits and
"a fair die in nats" is ln 6 = 1.7918: `1,79` is simply right. When the same question is asked in
nats (1.2425), `1,79` fits two mistakes equally well (bits instead of nats, or a fair die in nats):
the first in the list below becomes `diagnosis` and `feedback` explains both.

Diagnoses (stable codes; "in another base" means bits/nats/hartleys):
- ``other_base``: the right number in another log base;
- ``lost_minus``: the negative of the answer (typed log p instead of −log p);
- ``lost_minus_other_base``: both at once (e.g. `ln(1/6)` for a question in bits);
- ``probability_not_surprise``: P(event) typed where its surprise was asked;
- ``forgot_log``: 1/P typed where −log P was asked;
- ``surprise_not_probability``: −log P typed where P was asked;
- ``percent_without_sign``: 100·P typed for a probability (16,7 instead of 16,7 % or 0,167);
- ``complement``: 1 − P, the probability of the opposite event;
- ``uniform``: the entropy of equally likely outcomes, ignoring the real probabilities;
- ``swapped_p_q``: H(q, p) for H(p, q), or D(q‖p) for D(p‖q);
- ``entropy_not_cross_entropy``: H(p) typed for H(p, q);
- ``kl_not_cross_entropy``: D(p‖q) typed for H(p, q);
- ``cross_entropy_not_kl``: H(p, q) typed for D(p‖q);
- ``rounding``: within 10 % and typed as a number rounded too coarsely or cut off;
- ``near_miss``: within 10 % otherwise.
`near_miss` (the flag) is true for any wrong answer within 10 % of the right one.

Unreadable text: `correct=False, value=None, error=<the parser's message>`; the bot doesn't count
it as a wrong answer. Feedback is short and warm; the bot adds the right answer and the worked
solution itself.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from quiz.answers import AnswerError, parse_answer_details
from quiz.calculator import UNIT_IN, UNIT_NAMES

REL_TOLERANCE = 0.01
NEAR_MISS = 0.10
ABS_TOLERANCE = 0.005  # when the right answer is 0
ABS_NEAR_MISS = 0.05
INDISTINGUISHABLE = 0.025

_LN = {"2": math.log(2), "e": 1.0, "10": math.log(10)}
_UNIT_OF_BASE = {"2": "bit", "e": "nat", "10": "hartley"}


class Gradable(Protocol):
    """What `grade` needs from a `quiz.questions.Question`."""

    @property
    def answer(self) -> float: ...
    @property
    def lang(self) -> str: ...
    @property
    def params(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Verdict:
    correct: bool
    value: float | None
    error: str | None
    feedback: str
    diagnosis: str | None = None
    near_miss: bool = False


# code → (Ukrainian, English); placeholders: {unit_in} "у натах", {asked_in} "у бітах",
# {asked_base} "2", {unit} "нати", {asked_unit} "біти".
FEEDBACK: dict[str, tuple[str, str]] = {
    "correct": ("Правильно! 🎉", "Correct! 🎉"),
    "correct_unit": (
        "Правильно! 🎉 Тільки одиниці тут — {asked_unit}.",
        "Correct! 🎉 Just note the unit here is {asked_unit}.",
    ),
    "wrong": (
        "Не зовсім. Подивись розв'язок — і вперед до наступної!",
        "Not quite. Have a look at the solution, then on to the next one!",
    ),
    "other_base": (
        "Майже! Це відповідь {unit_in}, а питають {asked_in}: "
        "бери логарифм за основою {asked_base}.",
        "Almost! That is the answer {unit_in}; the question asks {asked_in}, "
        "so use log base {asked_base}.",
    ),
    "lost_minus": (
        "Майже! Загубився мінус: log p від'ємний, тому сюрприз −log p — додатний.",
        "Almost! A minus sign got lost: log p is negative, so the surprise −log p is positive.",
    ),
    "lost_minus_other_base": (
        "Дві дрібниці: загубився мінус (сюрприз — це −log p), "
        "і це {unit_in}, а питають {asked_in}.",
        "Two small slips: a lost minus sign (surprise is −log p), and that is {unit_in} "
        "while the question asks {asked_in}.",
    ),
    "lost_minus_sum": (
        "Майже! Загубився мінус перед сумою: log p від'ємні, тому −Σ p·log p — додатне.",
        "Almost! The minus before the sum got lost: each log p is negative, "
        "so −Σ p·log p is positive.",
    ),
    "lost_minus_kl": (
        "Майже, але знак не той: KL-дивергенція ніколи не буває від'ємною. "
        "Перевір дріб: D = Σ p·log(p/q).",
        "Almost, but the sign is off: KL divergence is never negative. "
        "Check the fraction: D = Σ p·log(p/q).",
    ),
    "probability_not_surprise": (
        "Це ймовірність події, а питають її сюрприз: −log p {asked_in}.",
        "That is the event's probability; the question asks for its surprise, −log p {asked_in}.",
    ),
    "forgot_log": (
        "Це 1/p. Сюрприз — логарифм від нього: log(1/p) за основою {asked_base}.",
        "That is 1/p. The surprise is its logarithm: log(1/p) in base {asked_base}.",
    ),
    "surprise_not_probability": (
        "Це сюрприз −log p, а питають саму ймовірність: частку сприятливих випадків.",
        "That is the surprise −log p; the question asks for the probability itself.",
    ),
    "percent_without_sign": (
        "Схоже на відсотки! Додай знак % або запиши частку від 1, наприклад 0,5.",
        "Looks like a percentage! Add the % sign or write it as a fraction of 1, like 0.5.",
    ),
    "complement": (
        "Це ймовірність протилежної події. Перевір, які результати входять у подію.",
        "That is the probability of the opposite event. Check which outcomes are in the event.",
    ),
    "uniform": (
        "Так було б, якби всі результати були однаково ймовірні. "
        "Тут імовірності різні — врахуй їх.",
        "That would be right if all outcomes were equally likely. Here they are not — weigh them.",
    ),
    "swapped_p_q": (
        "Схоже, p і q помінялися місцями: ваги — справжні ймовірності p, а під логарифмом — q.",
        "Looks like p and q swapped places: the weights are the true p, the log is of q.",
    ),
    "entropy_not_cross_entropy": (
        "Це ентропія H(p) — без переконання q. У перехресній ентропії під логарифмом q.",
        "That is the entropy H(p), which ignores the belief q. Cross-entropy takes the log of q.",
    ),
    "kl_not_cross_entropy": (
        "Це KL-дивергенція — лише зайвий сюрприз. Перехресна ентропія = H(p) + KL.",
        "That is the KL divergence — only the extra surprise. Cross-entropy = H(p) + KL.",
    ),
    "cross_entropy_not_kl": (
        "Це перехресна ентропія H(p, q). KL — це лише зайве: H(p, q) − H(p).",
        "That is the cross-entropy H(p, q). KL is only the extra part: H(p, q) − H(p).",
    ),
    "rounding": (
        "Дуже близько! Перевір округлення: залиш щонайменше дві значущі цифри, як 0,17.",
        "Very close! Check your rounding: keep at least two significant digits, like 0.17.",
    ),
    "near_miss": (
        "Близько, але ще не точно. Перевір округлення й обчислення.",
        "Close, but not quite. Check your rounding and arithmetic.",
    ),
}


def grade(question: Gradable, text: str) -> Verdict:
    """Check `text` against `question.answer`; see the module docstring for the policy."""
    lang = "en" if question.lang == "en" else "uk"
    try:
        parsed = parse_answer_details(text)
    except AnswerError as error:
        message = error.message(lang)
        return Verdict(correct=False, value=None, error=message, feedback=message)
    value = parsed.value
    truth = float(question.answer)
    params = question.params
    base = params.get("base")
    if _matches(value, truth, parsed.sig_digits):
        key = "correct"
        if parsed.unit is not None and base in _UNIT_OF_BASE and parsed.unit != _UNIT_OF_BASE[base]:
            key = "correct_unit"
        return Verdict(True, value, None, _say(key, lang, base, None))
    near = _near(value, truth)
    matched: dict[str, str | None] = {}  # diagnosis → the base of its alternative, in order
    for code, alternative, alt_base in _alternatives(params, truth):
        if (
            code not in matched
            and _distinct(alternative, truth)
            and _matches(value, alternative, parsed.sig_digits)
        ):
            matched[code] = alt_base
    if matched:
        kind = params.get("kind")
        (code, alt_base), *rest = matched.items()
        feedback = _say(_FEEDBACK_FOR.get((code, kind), code), lang, base, alt_base)
        if rest:  # the number fits two mistakes equally well: say both, blame neither alone
            second, second_base = rest[0]
            also = _say(_FEEDBACK_FOR.get((second, kind), second), lang, base, second_base)
            feedback += "\n" + _OR[lang] + _without_interjection(also)
        return Verdict(False, value, None, feedback, code, near)
    if near:
        code = "rounding" if _coarse_or_cut(value, truth, parsed.sig_digits) else "near_miss"
        return Verdict(False, value, None, _say(code, lang, base, None), code, True)
    return Verdict(False, value, None, _say("wrong", lang, base, None))


# --------------------------------------------------------------------------- tolerance


def _matches(value: float, target: float, sig_digits: int | None) -> bool:
    if target == 0:
        return abs(value) <= ABS_TOLERANCE
    if abs(value - target) <= REL_TOLERANCE * abs(target) * (1 + 1e-9):
        return True
    return _rounding_of(value, target, sig_digits)


def _rounding_of(value: float, target: float, sig_digits: int | None) -> bool:
    """Is `value` (typed with `sig_digits` ≥ 2 significant digits) a rounding of `target`?"""
    if sig_digits is None or sig_digits < 2 or value == 0:
        return False
    half_step = 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - sig_digits + 1)
    return abs(target - value) <= half_step * (1 + 1e-9)


def _near(value: float, truth: float) -> bool:
    if truth == 0:
        return abs(value) <= ABS_NEAR_MISS
    return abs(value - truth) <= NEAR_MISS * abs(truth)


def _distinct(alternative: float, truth: float) -> bool:
    if not math.isfinite(alternative):
        return False
    if truth == 0:
        return abs(alternative) > 2.5 * ABS_TOLERANCE
    return abs(alternative - truth) > INDISTINGUISHABLE * abs(truth)


def _coarse_or_cut(value: float, truth: float, sig_digits: int | None) -> bool:
    """A typed number that is the truth rounded to 1 digit, or cut off instead of rounded."""
    if sig_digits is None or value == 0:
        return False
    step = 10.0 ** (math.floor(math.log10(abs(value))) - sig_digits + 1)
    if sig_digits == 1 and abs(truth - value) <= step / 2 * (1 + 1e-9):
        return True
    return value * truth > 0 and abs(value) <= abs(truth) < abs(value) + step


# --------------------------------------------------------------------------- mistakes


Alternative = tuple[str, float, str | None]  # (diagnosis, value, the base it is in)


def _alternatives(params: Mapping[str, Any], truth: float) -> Iterable[Alternative]:
    """Classic wrong answers for this question: unit and sign slips first, then the kind's own."""
    kind = params.get("kind")
    base = params.get("base")
    if base in _LN:
        # the right number with the wrong unit or sign comes first: the most common slips
        nats = truth * _LN[base]
        others = [other for other in _LN if other != base]
        for other in others:
            yield ("other_base", nats / _LN[other], other)
        yield ("lost_minus", -truth, None)
        for other in others:
            yield ("lost_minus_other_base", -nats / _LN[other], other)
    specific = _SPECIFIC.get(str(kind))
    if specific is not None:
        # params we can't read give no diagnosis, never a crash
        with contextlib.suppress(KeyError, TypeError, ValueError, ZeroDivisionError):
            yield from specific(params, base)


def _fraction(text: Any) -> float:
    numerator, slash, denominator = str(text).partition("/")
    if slash:
        return int(numerator) / int(denominator)
    return float(numerator)


def _distribution(params: Mapping[str, Any], key: str) -> dict[str, float]:
    return {str(outcome): _fraction(prob) for outcome, prob in params[key].items()}


def _event_probability(params: Mapping[str, Any]) -> float:
    p = _distribution(params, "p")
    return sum(p[str(outcome)] for outcome in set(map(str, params["event"])))


def _entropy_nats(p: Mapping[str, float]) -> float:
    return -sum(x * math.log(x) for x in p.values() if x > 0)


def _cross_entropy_nats(p: Mapping[str, float], q: Mapping[str, float]) -> float:
    total = 0.0
    for outcome, weight in p.items():
        if weight > 0:
            belief = q.get(outcome, 0.0)
            if belief <= 0:
                return math.inf
            total -= weight * math.log(belief)
    return total


def _in(base: str | None, nats: float) -> float:
    return nats / _LN[base] if base in _LN else math.nan


def _probability_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    prob = _event_probability(params)
    yield ("percent_without_sign", 100 * prob, None)
    yield ("complement", 1 - prob, None)
    if prob > 0:
        for in_base in ("2", "e", "10"):
            yield ("surprise_not_probability", -math.log(prob) / _LN[in_base], in_base)


def _surprisal_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    prob = _event_probability(params)
    yield ("probability_not_surprise", prob, None)
    yield ("probability_not_surprise", 100 * prob, None)
    if prob > 0:
        yield ("forgot_log", 1 / prob, None)


def _entropy_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p = _distribution(params, "p")
    possible = sum(1 for x in p.values() if x > 0)
    for count in sorted({possible, len(p)}):
        if count > 1:
            for in_base in ("2", "e", "10"):
                yield ("uniform", math.log(count) / _LN[in_base], in_base)


def _cross_entropy_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p, q = _distribution(params, "p"), _distribution(params, "q")
    cross = _cross_entropy_nats(p, q)
    entropy = _entropy_nats(p)
    yield ("swapped_p_q", _in(base, _cross_entropy_nats(q, p)), None)
    yield ("entropy_not_cross_entropy", _in(base, entropy), None)
    yield ("kl_not_cross_entropy", _in(base, cross - entropy), None)


def _kl_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p, q = _distribution(params, "p"), _distribution(params, "q")
    cross = _cross_entropy_nats(p, q)
    yield ("swapped_p_q", _in(base, _cross_entropy_nats(q, p) - _entropy_nats(q)), None)
    yield ("cross_entropy_not_kl", _in(base, cross), None)


# A diagnosis explained in words that fit the question (the code stays the same).
_FEEDBACK_FOR: dict[tuple[str, Any], str] = {
    ("lost_minus", "entropy"): "lost_minus_sum",
    ("lost_minus", "cross_entropy"): "lost_minus_sum",
    ("lost_minus", "kl_divergence"): "lost_minus_kl",
}

_SPECIFIC: dict[str, Callable[[Mapping[str, Any], str | None], Iterable[Alternative]]] = {
    "probability": _probability_mistakes,
    "surprisal": _surprisal_mistakes,
    "entropy": _entropy_mistakes,
    "cross_entropy": _cross_entropy_mistakes,
    "kl_divergence": _kl_mistakes,
}


# --------------------------------------------------------------------------- words


_OR = {"uk": "Або ж: ", "en": "Or maybe: "}


def _without_interjection(text: str) -> str:
    """ "Almost! That is…" → "That is…", for the second of two possible explanations."""
    head, mark, rest = text.partition("! ")
    return rest if mark and len(head) <= 20 and rest else text


def _say(key: str, lang: str, base: str | None, alt_base: str | None) -> str:
    uk, en = FEEDBACK[key]
    template = en if lang == "en" else uk
    if "{" not in template:
        return template
    asked = base if base in _LN else "2"
    other = alt_base if alt_base in _LN else asked
    return template.format(
        unit_in=UNIT_IN[lang][other],
        asked_in=UNIT_IN[lang][asked],
        asked_base=asked,
        unit=UNIT_NAMES[lang][other],
        asked_unit=UNIT_NAMES[lang][asked],
    )

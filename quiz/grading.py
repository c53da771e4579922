"""Grade a student's answer: generous about notation, exact about precision, true about mistakes.

`grade(question, text) -> Verdict`

**Right** is what the question asks for (`quiz.precision`): every question states how precisely to
answer ("до сотих", "to 3 significant figures", "a whole number"), and an answer is right when it
lies within half a unit of that last place — any exact form (`1/6`, `0,1(6)`, `log2(6)`, `ln6/ln2`),
any correct rounding at that precision or finer (`0,17`, `0,167` for 1/6 asked to hundredths).
Cut-off digits are not a rounding (`0,16` for 1/6 is "you cut the digits instead of rounding"), and
a coarser rounding than asked is "round to hundredths" — both only when that is what happened.
Under every stated precision lies SPEC §2's floor: an answer within 1 % of the truth, or the
truth rounded to two or more significant digits (`2,6` for log₂ 6), is right all the same, with
a word about the rounding the question asked for (`correct_rounding`).

**A pressed answer button** (the exact label of `question.choices`) is right when it is the label
at `question.correct_choice`; a wrong numeric label gets the diagnosis of its number. Questions that
are only answered by choosing (conceptual ones) ask for a button when something else is typed.

**Diagnoses** (stable codes) are given only when their claim is true of this question and this
number: the number must be (a rounding of) exactly the value the diagnosis names, that value must
differ from the right answer by more than `INDISTINGUISHABLE`, and a claim that needs a condition
("the probabilities here differ") is made only when the condition holds. When several fit, the one
about the concept (entropy vs cross-entropy, p and q swapped) comes first, then units and signs;
a second one is added after "Or maybe:". The right answer always wins over any diagnosis.

Concept: ``probability_not_surprise``, ``forgot_log``, ``surprise_not_probability``,
``percent_without_sign``, ``complement``, ``uniform``, ``swapped_p_q``, ``belief_entropy`` (H(q)
for H(p, q)), ``entropy_not_cross_entropy``, ``kl_not_cross_entropy``, ``cross_entropy_not_kl``,
``entropy_not_kl``, ``unconditional``, ``joint_not_conditional``, ``reversed_condition``,
``never_not_at_least_once``, ``added_probabilities``, ``one_roll``, ``every_time``,
``with_replacement``, ``product_not_surprise``, ``one_term``, ``average_not_total``,
``total_not_average``, ``surprise_not_probability_inverse``, ``power_other_base``,
``probability_not_count``, ``times_not_power``, ``inverted_conversion``.
Units and signs: ``other_base``, ``lost_minus``, ``lost_minus_other_base``.
Precision: ``truncated``, ``rounding``; else ``near_miss`` (within 10 %).
`near_miss` (the flag) is true for any wrong answer within 10 % of the right one.

Unreadable text: `correct=False, value=None, error=<the parser's message>`; the bot doesn't count it
as a try. Feedback is short, warm and never contains the answer (the bot may show it afterwards).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol

from quiz.answers import AnswerError, ParsedAnswer, parse_answer_details
from quiz.calculator import UNIT_IN, UNIT_NAMES, exact_sum, parse_fraction
from quiz.precision import (
    CHOICE_KINDS,
    WHOLE_KINDS,
    phrase,
    places,
    precision_for,
    round_half_up,
    spec_accepts,
    tolerance,
)

NEAR_MISS = 0.10
ABS_NEAR_MISS = 0.05  # when the right answer is 0
INDISTINGUISHABLE = 0.025
MISTAKE_TOLERANCE = 0.01  # a mistake's value typed to about 1 % is recognised

_LN = {"2": math.log(2), "e": 1.0, "10": math.log(10)}
_UNIT_OF_BASE = {"2": "bit", "e": "nat", "10": "hartley"}
# Kinds whose answer is a sum of −log p: the unit and sign slips apply.
LOG_KINDS = frozenset(
    {
        "surprisal",
        "entropy",
        "cross_entropy",
        "kl_divergence",
        "sequence_surprisal",
        "sentence_surprisal",
        "sentence_cross_entropy",
    }
)


class Gradable(Protocol):
    """What `grade` needs from a `quiz.questions.Question` (`choices` and `correct_choice`
    are read when present)."""

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
# {asked_base} "2", {asked_unit} "біти", {precision} "до сотих".
FEEDBACK: dict[str, tuple[str, str]] = {
    "correct": ("Правильно! 🎉", "Correct! 🎉"),
    "correct_unit": (
        "Правильно! 🎉 Тільки одиниці тут — {asked_unit}.",
        "Correct! 🎉 Just note the unit here is {asked_unit}.",
    ),
    "correct_rounding": (
        "Зараховано! 🎉 Але наступного разу округли {precision}, як просить питання.",
        "Counted as right! 🎉 Next time round {precision}, as the question asks.",
    ),
    "wrong": (
        "Не зовсім. Спробуй розібратися крок за кроком.",
        "Not quite. Try working through it step by step.",
    ),
    "wrong_choice": (
        "Не зовсім. Подумай ще раз — підказка допоможе.",
        "Not quite. Think again — a hint may help.",
    ),
    "press_button": (
        "Тут відповідь — одна з кнопок під питанням. Натисни ту, яку вважаєш правильною 👇",
        "The answer here is one of the buttons under the question. Press the one you choose 👇",
    ),
    # ---- units and signs
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
    "lost_minus_cross": (
        "Майже! Загубився мінус перед сумою: log q від'ємні, тому H(p, q) = −Σ p·log q — додатне.",
        "Almost! The minus before the sum got lost: each log q is negative, "
        "so H(p, q) = −Σ p·log q is positive.",
    ),
    "lost_minus_kl": (
        "Майже, але знак не той: дивергенція Кульбака–Лейблера (KL) ніколи не буває від'ємною. "
        "Перевір дріб: D(p‖q) = Σ p·log(p/q).",
        "Almost, but the sign is off: the Kullback–Leibler (KL) divergence is never negative. "
        "Check the fraction: D(p‖q) = Σ p·log(p/q).",
    ),
    # ---- probability and surprise
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
    "unconditional": (
        "Це ймовірність без умови. Але відомо, що умова справдилася: рахуй лише серед "
        "результатів, які їй відповідають.",
        "That is the probability without the condition. We know the condition holds: count "
        "only among the results that meet it.",
    ),
    "joint_not_conditional": (
        "Це ймовірність, що справдяться обидві події, серед усіх результатів. Поділи її "
        "на ймовірність умови.",
        "That is the chance of both events among all results. Divide it by the probability "
        "of the condition.",
    ),
    "reversed_condition": (
        "Схоже, подію й умову переплутано місцями: P(A | B) і P(B | A) — різні речі.",
        "It looks like the event and the condition swapped places: P(A | B) and P(B | A) differ.",
    ),
    "never_not_at_least_once": (
        "Це ймовірність, що подія не станеться жодного разу. «Хоча б раз» — протилежна "
        "подія: 1 мінус це.",
        "That is the chance the event never happens. “At least once” is the opposite event: "
        "1 minus that.",
    ),
    "added_probabilities": (
        "Ймовірності кидків тут не додаються: так кидки, де подія стається двічі, "
        "рахуються кілька разів. Спробуй через протилежну подію.",
        "The rolls' probabilities don't add up here: rolls where it happens twice get counted "
        "more than once. Try the opposite event.",
    ),
    "one_roll": (
        "Це ймовірність для одного кидка, а кидків тут кілька.",
        "That is the probability for one roll; here there are several.",
    ),
    "every_time": (
        "Це ймовірність, що подія станеться щоразу. А питають «хоча б раз».",
        "That is the chance it happens every time. The question asks for “at least once”.",
    ),
    "added_probabilities_sequence": (
        "Щоб усе справдилося разом, незалежні ймовірності множать, а не додають.",
        "For everything to happen together, independent probabilities multiply, not add.",
    ),
    "with_replacement": (
        "Так було б, якби кульку повертали назад. Але її не повертають: після першої "
        "в мішечку на одну кульку менше.",
        "That would be right if the marble went back in. It doesn't: after the first draw "
        "there is one marble fewer.",
    ),
    "product_not_surprise": (
        "Це ймовірність усієї послідовності. Сюрприз — це −log від неї, тобто сума сюрпризів.",
        "That is the probability of the whole sequence. The surprise is −log of it, that is "
        "the sum of the surprises.",
    ),
    "one_term": (
        "Це сюрприз лише одного кроку. Додай сюрпризи всіх кроків.",
        "That is the surprise of one step only. Add up the surprises of all steps.",
    ),
    "average_not_total": (
        "Це середній сюрприз на крок. А питають загальний: суму.",
        "That is the average surprise per step. The question asks for the total: the sum.",
    ),
    "total_not_average": (
        "Це загальний сюрприз усіх слів. А питають середній на одне слово: поділи на "
        "кількість слів.",
        "That is the total surprise of all the words. The question asks for the average "
        "per word: divide by the number of words.",
    ),
    "surprise_not_probability_inverse": (
        "Це 1/P. Ймовірність — навпаки: {asked_base} у степені «мінус сюрприз».",
        "That is 1/P. The probability is the other way round: {asked_base} to the power "
        "of minus the surprise.",
    ),
    "power_other_base": (
        "Схоже, у степінь піднесено не ту основу: тут одиниці — {asked_unit}, тож основа "
        "{asked_base}.",
        "It looks like the wrong base was raised to the power: the unit here is {asked_unit}, "
        "so the base is {asked_base}.",
    ),
    "probability_not_count": (
        "Це ймовірність одного результату. А питають, скільки їх усього: 1/P.",
        "That is the probability of one outcome. The question asks how many there are: 1/P.",
    ),
    "times_not_power": (
        "Тут треба не множити, а підносити до степеня: кількість = {asked_base} у степені H.",
        "Don't multiply here, raise to a power: the count is {asked_base} to the power H.",
    ),
    "inverted_conversion": (
        "Переведено у зворотний бік: помнож на ln старої основи й поділи на ln нової.",
        "Converted the wrong way round: multiply by ln of the old base, divide by ln of the "
        "new one.",
    ),
    # ---- entropy, cross-entropy, KL
    "uniform": (
        "Так було б, якби всі результати були однаково ймовірні. "
        "Тут імовірності різні — врахуй їх.",
        "That would be right if all outcomes were equally likely. Here they are not — weigh them.",
    ),
    "swapped_p_q": (
        "Схоже, p і q помінялися місцями: ваги — справжні ймовірності p, а під логарифмом — "
        "твоя думка q.",
        "Looks like p and q swapped places: the weights are the true p, and the log is of "
        "the belief q.",
    ),
    "swapped_p_q_kl": (
        "Схоже, p і q помінялися місцями: D(p‖q) = Σ p·log(p/q) — ваги p, а q у знаменнику.",
        "Looks like p and q swapped places: D(p‖q) = Σ p·log(p/q) — weights p, and q in the "
        "denominator.",
    ),
    "belief_entropy": (
        "Це H(q) — ентропія твоєї думки q. У перехресній ентропії ваги — справжні p: "
        "H(p, q) = −Σ p·log q.",
        "That is H(q), the entropy of the belief q. In cross-entropy the weights are the true p: "
        "H(p, q) = −Σ p·log q.",
    ),
    "entropy_not_cross_entropy": (
        "Це ентропія H(p) — без думки q. У перехресній ентропії під логарифмом q.",
        "That is the entropy H(p), which ignores the belief q. Cross-entropy takes the log of q.",
    ),
    "kl_not_cross_entropy": (
        "Це лише зайвий сюрприз, D(p‖q). Перехресна ентропія — це H(p) + D(p‖q).",
        "That is only the extra surprise, D(p‖q). Cross-entropy is H(p) + D(p‖q).",
    ),
    "cross_entropy_not_kl": (
        "Це перехресна ентропія H(p, q). А D(p‖q) — лише зайве: H(p, q) − H(p).",
        "That is the cross-entropy H(p, q). D(p‖q) is only the extra part: H(p, q) − H(p).",
    ),
    "entropy_not_kl": (
        "Це ентропія H(p). А D(p‖q) — зайвий сюрприз понад неї: H(p, q) − H(p).",
        "That is the entropy H(p). D(p‖q) is the extra surprise on top of it: H(p, q) − H(p).",
    ),
    # ---- precision
    "truncated": (
        "Майже! Схоже, зайві цифри просто відкинуто, а треба округлити {precision}: "
        "якщо наступна цифра 5 або більша, останню збільш на 1.",
        "Almost! It looks like the extra digits were cut off; round {precision} instead: "
        "if the next digit is 5 or more, the last one goes up by 1.",
    ),
    "rounding": (
        "Майже! Перевір округлення: відповідь потрібна {precision}.",
        "Almost! Check your rounding: the answer is needed {precision}.",
    ),
    "near_miss": (
        "Близько, але ще не точно. Перевір обчислення й округлення ({precision}).",
        "Close, but not quite. Check your arithmetic and rounding ({precision}).",
    ),
}

# A diagnosis explained in words that fit the question's kind (the code stays the same).
_FEEDBACK_FOR: dict[tuple[str, Any], str] = {
    ("lost_minus", "entropy"): "lost_minus_sum",
    ("lost_minus", "cross_entropy"): "lost_minus_cross",
    ("lost_minus", "sentence_cross_entropy"): "lost_minus_sum",
    ("lost_minus", "kl_divergence"): "lost_minus_kl",
    ("swapped_p_q", "kl_divergence"): "swapped_p_q_kl",
    ("added_probabilities", "sequence_probability"): "added_probabilities_sequence",
}


def grade(question: Gradable, text: str) -> Verdict:
    """Check `text` (typed, or the label of a pressed answer button) against the question."""
    lang = "en" if question.lang == "en" else "uk"
    params = question.params
    kind = params.get("kind")
    choices = getattr(question, "choices", None)
    if choices:
        index = choice_index(choices, text)
        if index is not None:
            return _graded_choice(question, choices[index], index, lang)
    if kind in CHOICE_KINDS:
        message = _say("press_button", lang, params, question.answer)
        return Verdict(False, None, message, message)
    try:
        parsed = parse_answer_details(text, lang)
    except AnswerError as error:
        message = error.message(lang)
        return Verdict(correct=False, value=None, error=message, feedback=message)
    return _graded_number(question, parsed, lang)


def choice_index(choices: Sequence[str], text: str) -> int | None:
    """The index of the label `text` is (spaces and letter case aside), else None."""
    wanted = " ".join(str(text).split()).casefold()
    for index, label in enumerate(choices):
        if " ".join(label.split()).casefold() == wanted:
            return index
    return None


def _graded_choice(question: Gradable, label: str, index: int, lang: str) -> Verdict:
    params = question.params
    right = index == getattr(question, "correct_choice", None)
    value = None
    if params.get("kind") not in CHOICE_KINDS:
        with contextlib.suppress(AnswerError):
            parsed = parse_answer_details(label, lang)
            value = parsed.value
            if not right:
                verdict = _graded_number(question, parsed, lang, never_right=True)
                if verdict.diagnosis is not None:
                    return verdict
    if right:
        return Verdict(True, value, None, _say("correct", lang, params, question.answer))
    return Verdict(False, value, None, _say("wrong_choice", lang, params, question.answer))


# --------------------------------------------------------------------------- numbers


def _graded_number(
    question: Gradable, parsed: ParsedAnswer, lang: str, *, never_right: bool = False
) -> Verdict:
    value = parsed.value
    truth = float(question.answer)
    params = question.params
    kind = params.get("kind")
    base = params.get("base")
    precision = precision_for(kind, truth)
    if not never_right and abs(value - truth) <= tolerance(precision, truth):
        key = "correct"
        if parsed.unit is not None and base in _UNIT_OF_BASE and parsed.unit != _UNIT_OF_BASE[base]:
            key = "correct_unit"
        return Verdict(True, value, None, _say(key, lang, params, truth))
    if not never_right and _right_by_spec(value, truth, parsed, kind):
        return Verdict(True, value, None, _say("correct_rounding", lang, params, truth))
    near = _near(value, truth)
    matched: dict[str, str | None] = {}  # diagnosis → the base of its alternative, in order
    for code, alternative, alt_base in _alternatives(params, truth):
        if (
            code not in matched
            and _distinct(alternative, truth)
            and _close(value, alternative, parsed)
        ):
            matched[code] = alt_base
    if matched:
        (code, alt_base), *rest = matched.items()
        feedback = _say(_FEEDBACK_FOR.get((code, kind), code), lang, params, truth, alt_base)
        if rest:  # the number fits two mistakes equally well: say both, blame neither alone
            second, second_base = rest[0]
            also = _say(_FEEDBACK_FOR.get((second, kind), second), lang, params, truth, second_base)
            feedback += "\n" + _OR[lang] + _without_interjection(also)
        return Verdict(False, value, None, feedback, code, near)
    code = _precision_slip(value, truth, precision, parsed)
    if code is None and near:
        code = "near_miss"
    if code is not None:
        return Verdict(False, value, None, _say(code, lang, params, truth), code, near)
    return Verdict(False, value, None, _say("wrong", lang, params, truth))


def _right_by_spec(value: float, truth: float, parsed: ParsedAnswer, kind: str | None) -> bool:
    """SPEC §2's acceptance under any stated precision (`quiz.precision.spec_accepts`). A count
    (of faces, of outcomes) stays a whole number: 19,8 faces is not an answer."""
    if kind in WHOLE_KINDS:
        return False
    return spec_accepts(value, truth, parsed.decimals, parsed.sig_digits)


def _near(value: float, truth: float) -> bool:
    if truth == 0:
        return abs(value) <= ABS_NEAR_MISS
    return abs(value - truth) <= NEAR_MISS * abs(truth)


def _distinct(alternative: float, truth: float) -> bool:
    if not math.isfinite(alternative):
        return False
    if truth == 0:
        return abs(alternative) > 0.0125
    return abs(alternative - truth) > INDISTINGUISHABLE * abs(truth)


def _close(value: float, target: float, parsed: ParsedAnswer) -> bool:
    """Is `value` the mistake's value `target`, typed exactly, to about 1 %, or rounded (school
    rounding) to the decimal places typed — with at least two significant digits?"""
    if abs(value - target) <= max(
        tolerance(precision_for(None, target), target), MISTAKE_TOLERANCE * abs(target)
    ):
        return True
    if parsed.decimals is None or (parsed.sig_digits or 0) < 2 or not math.isfinite(target):
        return False
    rounded = float(round_half_up(target, parsed.decimals))
    return abs(rounded - value) <= 1e-12 * max(1.0, abs(value))


def _precision_slip(value: float, truth: float, precision: str, parsed: ParsedAnswer) -> str | None:
    """'truncated' when the typed number is the answer with its digits cut off, 'rounding'
    when it is a right rounding but coarser than asked; None otherwise."""
    typed = parsed.decimals
    if typed is None or truth == 0 or value * truth <= 0:
        return None
    asked = places(precision, truth)
    step = 10.0**-typed
    rounded_right = abs(value - truth) <= step / 2 * (1 + 1e-9)
    if asked is not None and typed < asked and rounded_right:
        return "rounding"
    if abs(value) <= abs(truth) < abs(value) + step * (1 - 1e-12) and not rounded_right:
        return "truncated"
    return None


# --------------------------------------------------------------------------- mistakes


Alternative = tuple[str, float, str | None]  # (diagnosis, value, the base it is in)


def mistakes(params: Mapping[str, Any], answer: float) -> list[tuple[str, float]]:
    """The classic wrong answers of a question that differ from its answer, in the order the
    grader tries them (the concept first): the distractors of a multiple-choice question."""
    found: list[tuple[str, float]] = []
    for code, value, _ in _alternatives(params, answer):
        if _distinct(value, answer) and all(
            abs(value - other) > 1e-9 * max(1.0, abs(other)) for _, other in found
        ):
            found.append((code, value))
    return found


def _alternatives(params: Mapping[str, Any], truth: float) -> Iterable[Alternative]:
    """Classic wrong answers for this question: the kind's own (the concept) first, then unit
    and sign slips."""
    kind = params.get("kind")
    base = params.get("base")
    specific = _SPECIFIC.get(str(kind))
    if specific is not None:
        # params we can't read give no diagnosis, never a crash
        with contextlib.suppress(KeyError, TypeError, ValueError, ZeroDivisionError):
            yield from list(specific(params, base))
    if base in _LN and (kind in LOG_KINDS or kind == "convert_units"):
        nats = truth * _LN[base]
        others = [other for other in _LN if other != base]
        if kind == "convert_units":
            # the given number itself is "the answer in the other unit" only for its own unit
            source = str(params.get("from"))
            others = [source] if source in _LN and source != base else []
        for other in others:
            yield ("other_base", nats / _LN[other], other)
        if kind in LOG_KINDS:
            yield ("lost_minus", -truth, None)
            for other in others:
                yield ("lost_minus_other_base", -nats / _LN[other], other)


def _fraction(text: Any) -> Fraction:
    return parse_fraction(str(text))


def _distribution(params: Mapping[str, Any], key: str = "p") -> dict[str, Fraction]:
    return {str(outcome): _fraction(prob) for outcome, prob in params[key].items()}


def _event(params: Mapping[str, Any], key: str = "event") -> Fraction:
    p = _distribution(params)
    return exact_sum(p[str(o)] for o in set(map(str, params[key])))


def _entropy_nats(p: Mapping[str, Fraction]) -> float:
    return -math.fsum(float(x) * math.log(x) for x in p.values() if x > 0)


def _cross_entropy_nats(p: Mapping[str, Fraction], q: Mapping[str, Fraction]) -> float:
    total = 0.0
    for outcome, weight in p.items():
        if weight > 0:
            belief = q.get(outcome, Fraction(0))
            if belief <= 0:
                return math.inf
            total -= float(weight) * math.log(belief)
    return total


def _in(base: str | None, nats: float) -> float:
    return nats / _LN[base] if base in _LN else math.nan


def _probability_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    prob = _event(params)
    yield ("complement", float(1 - prob), None)
    if 0 < prob < 1:
        for in_base in ("2", "e", "10"):
            yield ("surprise_not_probability", -math.log(prob) / _LN[in_base], in_base)
    yield ("percent_without_sign", 100 * float(prob), None)


def _surprisal_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    prob = _event(params)
    yield ("probability_not_surprise", float(prob), None)
    yield ("probability_not_surprise", 100 * float(prob), None)
    if prob > 0:
        yield ("forgot_log", float(1 / prob), None)


def _is_uniform(values: Iterable[Fraction]) -> bool:
    return len(set(values)) <= 1


def _entropy_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    """'As if all outcomes were equally likely' — said only where they are not, and only in the
    asked base (in another base that number is a unit slip, not this one)."""
    p = _distribution(params)
    possible = [x for x in p.values() if x > 0]
    if not _is_uniform(p.values()) and len(p) > 1:
        yield ("uniform", _in(base, math.log(len(p))), None)
    if not _is_uniform(possible) and len(possible) > 1:
        yield ("uniform", _in(base, math.log(len(possible))), None)


def _cross_entropy_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p, q = _distribution(params), _distribution(params, "q")
    cross = _cross_entropy_nats(p, q)
    entropy = _entropy_nats(p)
    yield ("swapped_p_q", _in(base, _cross_entropy_nats(q, p)), None)
    yield ("belief_entropy", _in(base, _entropy_nats(q)), None)
    yield ("entropy_not_cross_entropy", _in(base, entropy), None)
    yield ("kl_not_cross_entropy", _in(base, cross - entropy), None)


def _kl_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p, q = _distribution(params), _distribution(params, "q")
    cross = _cross_entropy_nats(p, q)
    yield ("swapped_p_q", _in(base, _cross_entropy_nats(q, p) - _entropy_nats(q)), None)
    yield ("cross_entropy_not_kl", _in(base, cross), None)
    yield ("entropy_not_kl", _in(base, _entropy_nats(p)), None)


def _conditional_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p = _distribution(params)
    event, given = set(map(str, params["event"])), set(map(str, params["given"]))
    p_event = exact_sum(p[o] for o in event)
    both = exact_sum(p[o] for o in event & given)
    yield ("unconditional", float(p_event), None)
    yield ("joint_not_conditional", float(both), None)
    if p_event > 0:
        yield ("reversed_condition", float(both / p_event), None)


def _at_least_once_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    prob, n = _event(params), int(params["n"])
    yield ("never_not_at_least_once", float((1 - prob) ** n), None)
    yield ("added_probabilities", float(n * prob), None)
    yield ("every_time", float(prob**n), None)
    yield ("one_roll", float(prob), None)


def _sequence_probability_mistakes(
    params: Mapping[str, Any], base: str | None
) -> Iterable[Alternative]:
    p = _distribution(params)
    sequence = [str(o) for o in params["sequence"]]
    yield ("added_probabilities", float(exact_sum(p[o] for o in sequence)), None)


def _draws_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    counts = {str(c): int(n) for c, n in params["counts"].items()}
    total = sum(counts.values())
    product = Fraction(1)
    for colour in params["sequence"]:
        product *= Fraction(counts[str(colour)], total)
    yield ("with_replacement", float(product), None)


def _terms_mistakes(terms: Sequence[float], total: float, average: bool) -> Iterable[Alternative]:
    if average:
        yield ("total_not_average", total * len(terms), None)
    else:
        yield ("average_not_total", total / len(terms), None)
        for term in dict.fromkeys(terms):
            yield ("one_term", term, None)


def _sequence_surprisal_mistakes(
    params: Mapping[str, Any], base: str | None
) -> Iterable[Alternative]:
    p = _distribution(params)
    sequence = [str(o) for o in params["sequence"]]
    product = math.prod(float(p[o]) for o in sequence)
    yield ("product_not_surprise", product, None)
    terms = [_in(base, -math.log(p[o])) for o in sequence]
    yield from _terms_mistakes(terms, math.fsum(terms), average=False)


def _sentence_mistakes(
    average: bool,
) -> Callable[[Mapping[str, Any], str | None], Iterable[Alternative]]:
    def mistakes_of(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
        probs = [_fraction(v) for v in params["probs"]]
        if not average:
            yield ("product_not_surprise", math.prod(float(v) for v in probs), None)
        terms = [_in(base, -math.log(v)) for v in probs]
        yield from _terms_mistakes(
            terms, math.fsum(terms) / (len(terms) if average else 1), average
        )

    return mistakes_of


def _inverse_surprise_mistakes(
    params: Mapping[str, Any], base: str | None
) -> Iterable[Alternative]:
    prob = _event(params)
    surprise = -math.log(prob) / _LN[str(base)]
    yield ("surprise_not_probability_inverse", float(1 / prob), None)
    for other, ln in _LN.items():
        if other != base:
            yield ("power_other_base", math.exp(-surprise * ln), other)


def _count_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    p = _distribution(params)
    n = len(p)
    yield ("probability_not_count", 1 / n, None)
    measure = math.log(n) / _LN[str(base)]  # the entropy or surprise the question shows
    numeric_base = {"2": 2.0, "e": math.e, "10": 10.0}[str(base)]
    yield ("times_not_power", numeric_base * measure, None)
    for other, ln in _LN.items():
        if other != base:
            yield ("power_other_base", math.exp(measure * ln), other)


def _conversion_mistakes(params: Mapping[str, Any], base: str | None) -> Iterable[Alternative]:
    value = float(_fraction(params["value"]))
    source = str(params["from"])
    yield ("inverted_conversion", value * _LN[str(base)] / _LN[source], None)


_SPECIFIC: dict[str, Callable[[Mapping[str, Any], str | None], Iterable[Alternative]]] = {
    "probability": _probability_mistakes,
    "surprisal": _surprisal_mistakes,
    "entropy": _entropy_mistakes,
    "cross_entropy": _cross_entropy_mistakes,
    "kl_divergence": _kl_mistakes,
    "conditional_probability": _conditional_mistakes,
    "at_least_once": _at_least_once_mistakes,
    "sequence_probability": _sequence_probability_mistakes,
    "draws_probability": _draws_mistakes,
    "sequence_surprisal": _sequence_surprisal_mistakes,
    "sentence_surprisal": _sentence_mistakes(average=False),
    "sentence_cross_entropy": _sentence_mistakes(average=True),
    "probability_from_surprisal": _inverse_surprise_mistakes,
    "outcomes_from_surprisal": _count_mistakes,
    "outcomes_from_entropy": _count_mistakes,
    "convert_units": _conversion_mistakes,
}


# --------------------------------------------------------------------------- words


_OR = {"uk": "Або ж: ", "en": "Or maybe: "}


def _without_interjection(text: str) -> str:
    """ "Almost! That is…" → "That is…", for the second of two possible explanations."""
    head, mark, rest = text.partition("! ")
    return rest if mark and len(head) <= 20 and rest else text


def _say(
    key: str,
    lang: str,
    params: Mapping[str, Any],
    truth: float,
    alt_base: str | None = None,
) -> str:
    uk, en = FEEDBACK[key]
    template = en if lang == "en" else uk
    if "{" not in template:
        return template
    base = params.get("base")
    asked = base if base in _LN else "2"
    other = alt_base if alt_base in _LN else asked
    return template.format(
        unit_in=UNIT_IN[lang][other],
        asked_in=UNIT_IN[lang][asked],
        asked_base=asked,
        asked_unit=UNIT_NAMES[lang][asked],
        precision=phrase(precision_for(params.get("kind"), truth), lang),
    )

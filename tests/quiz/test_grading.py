"""The grader accepts any honest form of the right answer at the precision the question states,
and names a mistake only when that is the mistake."""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pytest

from quiz import calculator as calc
from quiz.answers import AnswerError, parse_answer
from quiz.bank.kinds import answer_from_params
from quiz.grading import FEEDBACK, Verdict, grade, mistakes
from quiz.numbers import format_number
from quiz.precision import precision_for, rounded_text
from quiz.questions import LEVELS, TOPICS, generate

LANGS = ("uk", "en")


@dataclass(frozen=True)
class Q:
    """Just what the grader reads from a question."""

    params: dict[str, Any]
    lang: str = "uk"
    choices: tuple[str, ...] | None = None
    correct_choice: int | None = None
    answer: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answer", answer_from_params(self.params))


def dist(*pairs: tuple[str, str]) -> dict[str, str]:
    return dict(pairs)


FAIR = {str(v): "1/6" for v in range(1, 7)}
WEIRD = {"1": "1/6", "2": "1/6", "3": "1/6", "4": "1/2", "5": "0/1", "6": "0/1"}
FOUR_LIKELY = {"1": "2/15", "2": "2/15", "3": "2/15", "4": "1/3", "5": "2/15", "6": "2/15"}

P16 = {"kind": "probability", "p": FAIR, "event": ["6"]}
P136 = {"kind": "probability", "p": {"a": "1/36", "b": "35/36"}, "event": ["a"]}
S6 = {"kind": "surprisal", "p": FAIR, "event": ["6"], "base": "2"}
H_WEIRD = {"kind": "entropy", "p": WEIRD, "base": "2"}
H_WEIRD_NATS = {"kind": "entropy", "p": WEIRD, "base": "e"}
CE = {"kind": "cross_entropy", "p": WEIRD, "q": FOUR_LIKELY, "base": "2"}
CE_SWAP = {
    "kind": "cross_entropy",
    "p": {"a": "1/2", "b": "1/3", "c": "1/6"},
    "q": {"a": "1/6", "b": "1/6", "c": "2/3"},
    "base": "2",
}
KL = {"kind": "kl_divergence", "p": WEIRD, "q": FAIR, "base": "2"}
CE_TALK = {"kind": "cross_entropy", "p": WEIRD, "q": FAIR, "base": "2"}
KL_SMALL = {
    "kind": "kl_divergence",
    "p": {"h": "1/2", "t": "1/2"},
    "q": {"h": "2/5", "t": "3/5"},
    "base": "2",
}
CONDITIONAL = {
    "kind": "conditional_probability",
    "p": FAIR,
    "event": ["2", "4", "6"],
    "given": ["4", "5", "6"],
}
AT_LEAST_ONCE = {"kind": "at_least_once", "p": FAIR, "event": ["6"], "n": 3}


def value(kind: str, params: dict[str, Any]) -> float:
    return answer_from_params({**params, "kind": kind})


# (params, what the student types, the expected verdict: "right", a diagnosis code,
#  "wrong" (no diagnosis) or "error:<parser code>")
TABLE: list[tuple[dict[str, Any], str, str]] = [
    # a probability of 1/6, asked to hundredths
    (P16, "1/6", "right"),
    (P16, "⅙", "right"),
    (P16, "1:6", "right"),
    (P16, "0,17", "right"),
    (P16, "0.17", "right"),
    (P16, "0,167", "right"),
    (P16, "0,1667", "right"),
    (P16, "0,1(6)", "right"),  # a repeating decimal is exact
    (P16, "16,7%", "right"),
    (P16, "17 %", "right"),
    (P16, "1/6 (0,17)", "right"),  # a remark in brackets that agrees
    (P16, "0,16", "truncated"),  # cut, not rounded
    (P16, "0,2", "rounding"),  # a right rounding, but to tenths
    (P16, "0,17 (17%)", "right"),  # the remark says the same in per cent
    (P16, "16,7", "percent_without_sign"),
    (P16, "5/6", "complement"),
    (P16, "2,58", "surprise_not_probability"),
    (P16, "0,5", "wrong"),
    (P16, "2(1/6)", "error:number_bracket"),  # never an implicit product
    (P16, "0,5 (50%)", "wrong"),  # read as 0,5, not as 0,25
    (P16, "abc", "error:unknown_word"),
    # 1/36 is asked to thousandths
    (P136, "0,028", "right"),
    (P136, "0,02(7)", "right"),
    (P136, "1/36", "right"),
    (P136, "0,027", "truncated"),
    (P136, "0,03", "rounding"),
    # the surprise of a face of a fair die, in bits: log₂ 6 = 2,58496…
    (S6, "log2(6)", "right"),
    (S6, "log_2 6", "right"),
    (S6, "log₂6", "right"),
    (S6, "-log2(1/6)", "right"),
    (S6, "ln6/ln2", "right"),
    (S6, "log(6; 2)", "right"),
    (S6, "log(6, 2)", "right"),  # comma and space: a separator, even in Ukrainian
    (S6, "log(6,2)", "error:ambiguous_log"),  # log₂6 or ln 6,2? asked back, not guessed
    (S6, "2,58", "right"),
    (S6, "2,585", "right"),
    (S6, "2,58 біта", "right"),
    (S6, "2,585 (log2 6)", "right"),
    # 2,58496 to hundredths is 2,58; but SPEC §2 counts anything within 1 % and any right
    # rounding to two significant digits — right, with a word about the rounding asked for
    (S6, "2,59", "counted"),
    (S6, "2,6", "counted"),
    (S6, "2,57", "counted"),
    (S6, "2,55", "near_miss"),  # 1,4 % off
    (S6, "2,5", "truncated"),
    (S6, "1,79", "other_base"),  # ln 6
    (S6, "ln 6", "other_base"),
    (S6, "lg 6", "other_base"),
    (S6, "-2,585", "lost_minus"),
    (S6, "log2(1/6)", "lost_minus"),
    (S6, "ln(1/6)", "lost_minus_other_base"),
    (S6, "1/6", "probability_not_surprise"),
    (S6, "6", "forgot_log"),
    (S6, "7", "wrong"),
    # the talk's weird die 1, 2, 3, 4, 4, 4: H = 1,7925 bits, and ln 6 = 1,7918 is right too
    (H_WEIRD, "1,79", "right"),
    (H_WEIRD, "ln 6", "right"),
    (H_WEIRD, "log2(6)", "uniform"),  # as if all six values were equally likely
    (H_WEIRD, "2", "uniform"),  # as if the four values on it were equally likely
    (H_WEIRD, "-1,79", "lost_minus"),
    (H_WEIRD, "1,2425", "other_base"),
    (H_WEIRD, "1,774", "near_miss"),
    (H_WEIRD_NATS, "1,24", "right"),
    (H_WEIRD_NATS, "1,79", "uniform"),  # ln 6 here; and H in bits — the concept comes first
    # cross-entropy of the weird die against "4 is likely" (a belief that is not uniform)
    (CE, repr(value("cross_entropy", CE)), "right"),
    (CE, repr(value("entropy", {"p": FOUR_LIKELY, "base": "2"})), "belief_entropy"),
    (CE, "1,79", "entropy_not_cross_entropy"),
    (CE, repr(value("kl_divergence", CE)), "kl_not_cross_entropy"),
    (
        CE_SWAP,
        repr(value("cross_entropy", {**CE_SWAP, "p": CE_SWAP["q"], "q": CE_SWAP["p"]})),
        "swapped_p_q",
    ),
    # the talk's example: the weird die believed fair, H(p, q) = log₂ 6 bits; 1,79 is H(p) in bits
    # (and also ln 6, H(p, q) in nats): the concept is named first, the unit second
    (CE_TALK, "1,79", "entropy_not_cross_entropy"),
    # KL divergence of the weird die from a fair die: 0,7925 bits
    (KL, "0,79", "right"),
    (KL, "log2(3)/2", "right"),
    (KL, "2,585", "cross_entropy_not_kl"),
    (KL, "1,79", "entropy_not_kl"),
    (KL, "-0,79", "lost_minus"),
    # a small KL divergence, 0,0294…, is asked to thousandths
    (KL_SMALL, "0,029", "right"),
    (KL_SMALL, "0,0294", "right"),
    (KL_SMALL, "0,03", "rounding"),
    # P(even | more than 3) = 2/3
    (CONDITIONAL, "2/3", "right"),
    (CONDITIONAL, "0,67", "right"),
    (CONDITIONAL, "1/2", "unconditional"),
    (CONDITIONAL, "1/3", "joint_not_conditional"),
    # at least one 6 in three rolls: 91/216
    (AT_LEAST_ONCE, "91/216", "right"),
    (AT_LEAST_ONCE, "0,42", "right"),
    (AT_LEAST_ONCE, "1/2", "added_probabilities"),
    (AT_LEAST_ONCE, "125/216", "never_not_at_least_once"),
    (AT_LEAST_ONCE, "1/216", "every_time"),
    (AT_LEAST_ONCE, "1/6", "one_roll"),
]


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(("params", "text", "expected"), TABLE)
def test_student_inputs_get_the_expected_verdict(
    params: dict[str, Any], text: str, expected: str
) -> None:
    verdict = grade(Q(params), text)
    if expected == "right":
        assert verdict.correct and verdict.diagnosis is None and verdict.error is None, verdict
    elif expected.startswith("error:"):
        assert not verdict.correct and verdict.value is None and verdict.error, verdict
        with pytest.raises(AnswerError) as caught:
            parse_answer(text, "uk")
        assert caught.value.code == expected.removeprefix("error:")
    elif expected == "counted":
        assert verdict.correct and verdict.diagnosis is None, verdict
        assert verdict.feedback == FEEDBACK["correct_rounding"][0].format(precision="до сотих")
    elif expected == "wrong":
        assert not verdict.correct and verdict.diagnosis is None and verdict.error is None, verdict
    else:
        assert not verdict.correct and verdict.diagnosis == expected, verdict


def test_the_ambiguous_log_shows_both_readings_in_the_feedback() -> None:
    verdict = grade(Q(S6), "log(6,2)")
    assert "логарифм 6 за основою 2" in verdict.feedback and "ln 6,2" in verdict.feedback
    # English uses a decimal point, so there the comma can only separate the base
    assert grade(Q(S6, lang="en"), "log(6,2)").correct


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_never_contains_the_answer(lang: str) -> None:
    for params, text, _ in TABLE:
        question = Q(params, lang=lang)
        verdict = grade(question, text)
        if not verdict.correct:
            for shown in (
                format_number(question.answer, lang),
                rounded_text(question.answer, precision_for(params["kind"], question.answer), lang),
            ):
                assert shown not in verdict.feedback or len(shown) == 1, (text, verdict.feedback)


def test_a_cut_answer_is_told_to_round_in_the_question_s_precision() -> None:
    uk = grade(Q(P16), "0,16")
    en = grade(Q(P16, lang="en"), "0.16")
    assert "округлити до сотих" in uk.feedback and "відкинуто" in uk.feedback
    assert "round to 2 decimal places" in en.feedback and "cut off" in en.feedback
    assert "до тисячних" in grade(Q(P136), "0,03").feedback


@pytest.mark.parametrize("lang", LANGS)
def test_the_right_number_in_another_base_names_both_units(lang: str) -> None:
    verdict = grade(Q(H_WEIRD_NATS, lang=lang), "1,7925" if lang == "uk" else "1.7925")
    # 1,7925 is H in bits, and (to 1 %) ln 6, the uniform answer in nats: both explained
    assert verdict.diagnosis == "uniform"
    second = verdict.feedback.split("\n")[1]
    assert (
        ("у бітах" in second and "у натах" in second)
        if lang == "uk"
        else ("in bits" in second and "in nats" in second)
    )
    clean = grade(Q(S6, lang=lang), "lg 6")
    assert clean.diagnosis == "other_base" and "\n" not in clean.feedback
    assert ("гартлі" in clean.feedback) if lang == "uk" else ("hartleys" in clean.feedback)


def test_in_the_talk_s_example_the_concept_comes_before_the_unit() -> None:
    verdict = grade(Q(CE_TALK, lang="en"), "1.79")
    first, second = verdict.feedback.split("\n")
    assert "entropy H(p)" in first and second.startswith("Or maybe: ") and "in nats" in second


def test_uniform_is_never_said_of_equally_likely_outcomes() -> None:
    """The old bug: a fair die's entropy answered in another base was also told "here the
    probabilities differ"."""
    fair = Q({"kind": "entropy", "p": FAIR, "base": "2"})
    verdict = grade(fair, "ln 6")
    assert verdict.diagnosis == "other_base" and "\n" not in verdict.feedback
    assert all(code != "uniform" for code, _ in mistakes(fair.params, fair.answer))


def test_the_lost_minus_of_a_cross_entropy_shows_its_own_formula() -> None:
    verdict = grade(Q(CE), repr(-value("cross_entropy", CE)))
    assert verdict.diagnosis == "lost_minus" and "−Σ p·log q" in verdict.feedback
    kl = grade(Q(KL_SMALL, lang="en"), "-0.0294")
    assert kl.diagnosis == "lost_minus" and "never negative" in kl.feedback


def test_the_swapped_kl_says_where_q_goes() -> None:
    swapped = value("kl_divergence", {**KL_SMALL, "p": KL_SMALL["q"], "q": KL_SMALL["p"]})
    params = {**KL_SMALL, "q": {"h": "1/5", "t": "4/5"}}
    swapped = value("kl_divergence", {**params, "p": params["q"], "q": params["p"]})
    verdict = grade(Q(params, lang="en"), repr(swapped))
    assert verdict.diagnosis == "swapped_p_q"
    assert "denominator" in verdict.feedback and "the log is of q" not in verdict.feedback


def test_a_unit_word_for_another_base_is_noted_kindly_when_the_number_is_right() -> None:
    verdict = grade(Q(S6, lang="en"), "2.585 nats")
    assert verdict.correct and "bits" in verdict.feedback


def test_a_true_answer_of_zero_uses_the_stated_precision() -> None:
    same = Q({"kind": "kl_divergence", "p": FAIR, "q": FAIR, "base": "2"})
    assert same.answer == 0
    for text in ("0", "0,0", "0,001", "-0", "log2(1)"):
        assert grade(same, text).correct, text
    wrong = grade(same, "0,5")
    assert not wrong.correct and not wrong.near_miss
    assert grade(same, "0,02").near_miss
    # p = q: "swapped" and "lost minus" equal the truth and are never blamed
    assert grade(same, "0,5").diagnosis is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", ["abc", "", "1/0", "log2(", "((((((((((((((((((((((((((1"])
def test_unreadable_text_gets_the_parser_message_not_a_wrong_mark(text: str, lang: str) -> None:
    question = generate("entropy", 1, seed=1, lang=lang)
    verdict = grade(question, text)
    assert verdict.correct is False and verdict.value is None and verdict.diagnosis is None
    with pytest.raises(AnswerError) as caught:
        parse_answer(text, lang)
    assert verdict.error == caught.value.message(lang) == verdict.feedback


# --------------------------------------------------------------------------- answer buttons


def test_a_pressed_label_is_graded_by_its_place() -> None:
    for topic, level, lang in itertools.product(TOPICS, LEVELS, LANGS):
        for seed in range(15):
            question = generate(topic, level, seed=seed, lang=lang, choices=True)
            assert question.choices is not None and 2 <= len(question.choices) <= 10
            for index, label in enumerate(question.choices):
                verdict = grade(question, label)
                assert verdict.correct is (index == question.correct_choice), (label, verdict)
                assert verdict.error is None


def test_a_wrong_numeric_label_names_its_mistake() -> None:
    named = 0
    for seed in range(30):
        question = generate("surprisal", 1, seed=seed, lang="uk", choices=True)
        if question.params["kind"] != "surprisal":
            continue
        for index, label in enumerate(question.choices or ()):
            verdict = grade(question, label)
            if index != question.correct_choice and verdict.diagnosis is not None:
                assert verdict.diagnosis != "near_miss"
                named += 1
    assert named >= 20


def test_a_conceptual_question_asks_for_a_button_when_something_else_is_typed() -> None:
    question = next(
        q
        for seed in range(200)
        if (q := generate("kl_divergence", 1, seed=seed, lang="uk")).params["kind"] == "concept"
    )
    typed = grade(question, "0")
    assert not typed.correct and typed.error == FEEDBACK["press_button"][0] and typed.value is None
    label = question.choices[question.correct_choice]
    assert grade(question, f"  {label.upper()} ").correct  # spaces and letter case aside
    wrong = next(i for i in range(len(question.choices)) if i != question.correct_choice)
    assert grade(question, question.choices[wrong]).feedback == FEEDBACK["wrong_choice"][0]


# --------------------------------------------------------------------------- every question


@pytest.mark.parametrize("key", sorted(FEEDBACK))
def test_every_feedback_exists_in_both_languages(key: str) -> None:
    uk, en = FEEDBACK[key]
    assert uk and en and uk != en
    assert any("а" <= ch <= "я" or ch in "іїєґ" for ch in uk.lower())
    assert not any("а" <= ch <= "я" for ch in en.lower())
    assert len(uk) < 200 and len(en) < 200
    assert {part for part in uk.split("{")[1:]} == {part for part in en.split("{")[1:]} or (
        {p.split("}")[0] for p in uk.split("{")[1:]} == {p.split("}")[0] for p in en.split("{")[1:]}
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("level", LEVELS)
def test_the_exact_answer_is_right_for_every_topic_and_level(
    topic: str, level: int, lang: str
) -> None:
    question = generate(topic, level, seed=11, lang=lang)
    text = (
        question.choices[question.correct_choice]
        if question.params["kind"] in ("concept", "compare_cross_entropy")
        else repr(question.answer)
    )
    verdict = grade(question, text)
    assert verdict.correct and verdict.diagnosis is None and verdict.error is None
    assert verdict.feedback == FEEDBACK["correct"][LANGS.index(lang)]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_generated_answer_is_accepted_as_shown_and_as_asked(topic: str) -> None:
    """The number the bot shows (format_number) and the rounding the question asks for are
    right, for 40 seeds; a number 30 % off is not."""
    for level, lang, seed in itertools.product(LEVELS, LANGS, range(40)):
        question = generate(topic, level, seed=seed, lang=lang)
        if question.params["kind"] in ("concept", "compare_cross_entropy"):
            continue
        precision = precision_for(question.params["kind"], question.answer)
        for text in (
            format_number(question.answer, lang),
            rounded_text(question.answer, precision, lang),
            f"{question.answer:.6f}",
        ):
            verdict = grade(question, text)
            assert verdict.correct and verdict.diagnosis is None, (question.family, text)
        assert not grade(question, f"{question.answer * 1.3 + 0.2:.4f}").correct


def test_mistakes_are_distinct_from_the_answer_and_from_each_other() -> None:
    for topic, level in itertools.product(TOPICS, LEVELS):
        for seed in range(20):
            question = generate(topic, level, seed=seed)
            found = mistakes(question.params, question.answer)
            values = [v for _, v in found]
            assert all(math.isfinite(v) for v in values)
            assert all(abs(v - question.answer) > 0.02 * abs(question.answer) for v in values)
            assert len(values) == len(set(values))


def test_a_question_rebuilt_with_stored_params_grades_by_them() -> None:
    question = generate("probability", 1, seed=4)
    stored = dataclasses.replace(question, params=P16, answer=answer_from_params(P16), choices=None)
    assert grade(stored, "1/6").correct
    assert isinstance(grade(stored, "0,16"), Verdict)
    assert calc.event_probability(
        {o: Fraction(v) for o, v in P16["p"].items()}, P16["event"]
    ) == Fraction(1, 6)

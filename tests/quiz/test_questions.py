"""quiz.questions: every topic × level × 40 seeds × both languages is right, readable and stable."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import pytest

from quiz import calculator as calc
from quiz.questions import (
    LANGS,
    LEVELS,
    TOPICS,
    Question,
    answer_from_params,
    generate,
)

SEEDS = range(40)
ALL = [(t, lvl) for t in TOPICS for lvl in LEVELS]
LOG_KINDS = ("surprisal", "entropy", "cross_entropy", "kl_divergence")

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
RUSSIAN_ONLY = re.compile(r"[ЫыЭэЪъЁё]")
ENGLISH_UNITS = re.compile(r"\b(bits?|nats?|hartleys?)\b", re.IGNORECASE)
UNIT_IN_TEXT = {
    "uk": {"2": "у бітах", "e": "у натах", "10": "у гартлі"},
    "en": {"2": "in bits", "e": "in nats", "10": "in hartleys"},
}
BASE_IN_TEXT = {
    "uk": {"2": "основою 2", "e": "основа e", "10": "основою 10"},
    "en": {"2": "base 2", "e": "base e", "10": "base 10"},
}


def every_question():
    for topic, level in ALL:
        for lang in LANGS:
            for seed in SEEDS:
                yield generate(topic, level, seed=seed, lang=lang)


QUESTIONS = list(every_question())


def recompute(params: dict) -> float:
    """The answer from params, straight from the calculator (independent of answer_from_params)."""
    p = {o: Fraction(v) for o, v in params["p"].items()}
    kind = params["kind"]
    if kind == "probability":
        return float(calc.event_probability(p, params["event"]))
    if kind == "surprisal":
        return calc.surprisal(calc.event_probability(p, params["event"]), params["base"])
    if kind == "entropy":
        return calc.entropy(p, params["base"])
    q = {o: Fraction(v) for o, v in params["q"].items()}
    if kind == "cross_entropy":
        return calc.cross_entropy(p, q, params["base"])
    assert kind == "kl_divergence"
    return calc.kl_divergence(p, q, params["base"])


def test_the_sweep_covers_every_topic_level_language_and_seed() -> None:
    assert len(QUESTIONS) == len(TOPICS) * len(LEVELS) * len(LANGS) * len(SEEDS)
    assert TOPICS == ("probability", "surprisal", "entropy", "cross_entropy", "kl_divergence")


def test_the_answer_is_what_the_calculator_says_about_the_params() -> None:
    for q in QUESTIONS:
        params = json.loads(json.dumps(q.params))  # what the database stores
        assert params == q.params
        assert q.answer == recompute(params), (q.topic, q.level, q.seed)
        assert q.answer == answer_from_params(params)


def test_params_follow_the_contract() -> None:
    for q in QUESTIONS:
        params = q.params
        assert params["kind"] == q.topic
        assert all(isinstance(o, str) for o in params["p"])
        assert all(re.fullmatch(r"\d+/\d+", v) for v in params["p"].values())
        expected_keys = {"kind", "p"}
        if q.topic in ("probability", "surprisal"):
            expected_keys.add("event")
            assert params["event"] and all(o in params["p"] for o in params["event"])
        if q.topic in ("cross_entropy", "kl_divergence"):
            expected_keys.add("q")
            assert set(params["q"]) == set(params["p"])
        if q.topic in LOG_KINDS:
            expected_keys.add("base")
            assert params["base"] in ("2", "e", "10") and q.base == params["base"]
        else:
            assert q.base is None and q.unit is None
        assert set(params) == expected_keys


def test_no_answer_is_infinite_nan_or_trivial() -> None:
    for q in QUESTIONS:
        assert math.isfinite(q.answer), (q.topic, q.level, q.seed)
        if q.topic == "probability":
            assert 0 < q.answer < 1
        elif q.topic in ("surprisal", "entropy", "cross_entropy", "kl_divergence"):
            assert q.answer > 0


def test_beliefs_never_rule_out_what_can_happen() -> None:
    for q in QUESTIONS:
        if "q" in q.params:
            for outcome, prob in q.params["p"].items():
                if Fraction(prob) > 0:
                    assert Fraction(q.params["q"][outcome]) > 0


def test_texts_fit_a_telegram_message() -> None:
    for q in QUESTIONS:
        for part in (q.text, q.hint, q.solution):
            assert 0 < len(part) <= 4096


def test_texts_are_plain_text_without_markup() -> None:
    for q in QUESTIONS:
        for part in (q.text, q.hint, q.solution):
            assert "<" not in part and ">" not in part and "&" not in part


def test_ukrainian_is_ukrainian_and_english_is_english() -> None:
    for q in QUESTIONS:
        parts = (q.text, q.hint, q.solution)
        if q.lang == "uk":
            assert all(CYRILLIC.search(part) for part in parts)
            assert not any(RUSSIAN_ONLY.search(part) for part in parts)
            assert not any(ENGLISH_UNITS.search(part) for part in parts), q.text
            # numbers with a decimal part use a comma in Ukrainian
            assert not re.search(r"\d\.\d", q.text + q.solution), q.solution
        else:
            assert not any(CYRILLIC.search(part) for part in parts), q.text
            assert not re.search(r"\d,\d", q.solution), q.solution


def test_every_log_question_names_its_base_and_unit() -> None:
    for q in QUESTIONS:
        if q.topic not in LOG_KINDS:
            continue
        base = q.params["base"]
        assert UNIT_IN_TEXT[q.lang][base] in q.text
        assert BASE_IN_TEXT[q.lang][base] in q.text
        assert calc.unit_name(base, "en") == q.unit


def test_probability_questions_say_how_to_type_the_answer() -> None:
    for q in QUESTIONS:
        if q.topic == "probability":
            assert ("дріб" if q.lang == "uk" else "fraction") in q.text


def test_the_solution_ends_with_the_answer_in_its_unit() -> None:
    for q in QUESTIONS:
        last_line = q.solution.strip().splitlines()[-1]
        if q.topic == "kl_divergence":
            last_line = q.solution.strip().splitlines()[-2]  # the last line is the check
        shown = format_like_solution(q.answer, q.lang)
        assert shown in last_line, (q.solution, shown)
        if q.topic in LOG_KINDS:
            assert calc.unit_name(q.params["base"], q.lang, shown) in last_line


def format_like_solution(value: float, lang: str) -> str:
    from quiz.numbers import format_number

    return format_number(value, lang)


def test_hints_nudge_without_giving_the_answer() -> None:
    for q in QUESTIONS:
        assert format_like_solution(q.answer, q.lang) not in q.hint or q.answer in (1.0, 2.0)


@pytest.mark.parametrize(("topic", "level"), ALL)
def test_at_least_eight_distinct_questions_per_topic_and_level(topic: str, level: int) -> None:
    for lang in LANGS:
        texts = {generate(topic, level, seed=s, lang=lang).text for s in SEEDS}
        params = {json.dumps(generate(topic, level, seed=s).params, sort_keys=True) for s in SEEDS}
        assert len(texts) >= 8 and len(params) >= 8, (topic, level, len(texts), len(params))


def test_the_same_inputs_give_the_same_question() -> None:
    for topic, level in ALL:
        for seed in (0, 7, 123456789, -5):
            for base in (None, 2, "e", "10"):
                a = generate(topic, level, seed=seed, lang="en", base=base)
                b = generate(topic, level, seed=seed, lang="en", base=base)
                assert a == b


def test_the_two_languages_of_one_seed_ask_the_same_question() -> None:
    for topic, level in ALL:
        for seed in SEEDS:
            uk = generate(topic, level, seed=seed, lang="uk")
            en = generate(topic, level, seed=seed, lang="en")
            assert uk.params == en.params and uk.answer == en.answer


def test_an_explicit_base_changes_only_the_base() -> None:
    for topic in LOG_KINDS:
        for level in LEVELS:
            for seed in range(10):
                default = generate(topic, level, seed=seed)
                for base, name in ((2, "2"), (math.e, "e"), ("10", "10")):
                    q = generate(topic, level, seed=seed, base=base)
                    assert q.params["base"] == name and q.base == name
                    assert {k: v for k, v in q.params.items() if k != "base"} == {
                        k: v for k, v in default.params.items() if k != "base"
                    }
                    assert UNIT_IN_TEXT["uk"][name] in q.text


def test_the_default_base_is_bits_on_levels_one_and_two_and_recorded() -> None:
    for topic in LOG_KINDS:
        for level in (1, 2):
            assert all(generate(topic, level, seed=s).params["base"] == "2" for s in SEEDS)
        level3 = {generate(topic, 3, seed=s).params["base"] for s in SEEDS}
        assert "2" in level3 and len(level3) >= 2


def test_probability_questions_carry_no_base() -> None:
    q = generate("probability", 2, seed=1, base="e")
    assert "base" not in q.params and q.base is None


def test_a_missing_seed_is_drawn_and_recorded() -> None:
    q = generate("entropy", 2)
    assert isinstance(q.seed, int)
    assert generate("entropy", 2, seed=q.seed) == q
    assert len({generate("surprisal", 3).seed for _ in range(20)}) > 1


def test_questions_are_frozen_and_do_not_share_params() -> None:
    q = generate("kl_divergence", 2, seed=3)
    assert isinstance(q, Question)
    with pytest.raises(AttributeError):
        q.answer = 0  # type: ignore[misc]
    q.params["p"]["1"] = "1/1"
    assert generate("kl_divergence", 2, seed=3).params != q.params


def test_questions_can_be_kept_in_sets() -> None:
    questions = {generate("entropy", 1, seed=s % 5, lang="en") for s in range(20)}
    assert len(questions) == 5


def test_the_weird_die_of_level_two_has_two_to_four_fours() -> None:
    for q in QUESTIONS:
        if q.level == 2:
            assert Fraction(q.params["p"]["4"]) in (Fraction(2, 6), Fraction(3, 6), Fraction(4, 6))
            assert len(q.params["p"]) == 6


def test_level_three_uses_two_dice_and_other_objects() -> None:
    words = {
        q.text.split("\n", 1)[0]
        for q in QUESTIONS
        if q.level == 3 and q.lang == "en" and q.topic == "probability"
    }
    text = " ".join(words)
    for thing in ("two fair dice", "spinner", "marbles", "weather"):
        assert thing in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"topic": "logarithms"}, "unknown topic"),
        ({"topic": "entropy", "level": 4}, "unknown level"),
        ({"topic": "entropy", "level": 0}, "unknown level"),
        ({"topic": "entropy", "level": True}, "unknown level"),
        ({"topic": "entropy", "lang": "ru"}, "unknown language"),
        ({"topic": "entropy", "base": 3}, "unknown log base"),
        ({"topic": "entropy", "base": "two"}, "unknown log base"),
        ({"topic": "entropy", "seed": "7"}, "seed must be an integer"),
        ({"topic": "entropy", "seed": 1.5}, "seed must be an integer"),
    ],
)
def test_invalid_arguments_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(**kwargs)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "magic", "p": {"a": "1/1"}}, "unknown question kind"),
        ({"kind": "probability", "p": {"a": "1/1"}}, "'event'"),
        ({"kind": "entropy", "p": {"a": "1/2"}, "base": "2"}, "add up to 1/2"),
        ({"kind": "entropy", "p": {"a": "1/1"}, "base": "3"}, "unknown log base"),
        ({"kind": "surprisal", "p": {"a": "1/1"}, "event": ["b"], "base": "2"}, "not an outcome"),
        ({"kind": "cross_entropy", "p": {"a": "1/1"}, "q": {"b": "1/1"}, "base": "2"}, "same"),
    ],
)
def test_answer_from_params_refuses_broken_params(params: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        answer_from_params(params)


def test_worked_examples_from_the_talk() -> None:
    weird = {"1": "1/6", "2": "1/6", "3": "1/6", "4": "1/2", "5": "0/1", "6": "0/1"}
    fair = {str(v): "1/6" for v in range(1, 7)}
    assert answer_from_params({"kind": "entropy", "p": weird, "base": "2"}) == pytest.approx(
        1.7925, abs=1e-4
    )
    assert answer_from_params(
        {"kind": "surprisal", "p": weird, "event": ["4"], "base": "2"}
    ) == pytest.approx(1.0)
    assert answer_from_params(
        {"kind": "kl_divergence", "p": weird, "q": fair, "base": "2"}
    ) == pytest.approx(0.7925, abs=1e-4)


# What each single-die question says, as a predicate written independently of the generator.
DIE_CLAUSES = {
    "you roll a 6": lambda v: v == 6,
    "you roll a 4": lambda v: v == 4,
    "you roll a 1": lambda v: v == 1,
    "you roll anything but a 4": lambda v: v != 4,
    "you roll an even number": lambda v: v % 2 == 0,
    "you roll an odd number": lambda v: v % 2 == 1,
    "you roll more than 3": lambda v: v > 3,
    "you roll more than 4": lambda v: v > 4,
    "you roll at most 2": lambda v: v <= 2,
    "you roll less than 5": lambda v: v < 5,
    "you roll a 1 or a 6": lambda v: v in (1, 6),
    "you roll a prime number (2, 3 or 5)": lambda v: v in (2, 3, 5),
    "you roll a multiple of 3": lambda v: v % 3 == 0,
}


def test_die_events_are_exactly_what_the_text_says() -> None:
    checked = 0
    for q in QUESTIONS:
        if q.lang != "en" or q.level == 3 or q.topic not in ("probability", "surprisal"):
            continue
        clause = next(
            (c for c in DIE_CLAUSES if f"if {c}?" in q.text or f"that {c}?" in q.text), None
        )
        if clause is None:
            assert "coin" in q.text, q.text
            continue
        if clause == "you roll a prime number (2, 3 or 5)":
            assert max(int(o) for o in q.params["p"]) <= 6  # 7 would be prime too
        expected = [o for o in q.params["p"] if DIE_CLAUSES[clause](int(o))]
        assert q.params["event"] == expected, (q.text, q.params["event"])
        checked += 1
    assert checked > 100


def test_the_docstring_examples_hold() -> None:
    import doctest

    import quiz.questions

    result = doctest.testmod(quiz.questions)
    assert result.attempted >= 4 and result.failed == 0

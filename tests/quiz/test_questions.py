"""quiz.questions: every topic × level × 40 seeds × both languages is right, readable and stable.

The `Question` contract (SPEC §2 and contract v2): params alone determine the answer, recomputed
here straight from the calculator for every kind; both languages of a seed are one question; an
explicit base changes only the base."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import pytest

from quiz import calculator as calc
from quiz.bank.kinds import FACT_ANSWERS
from quiz.numbers import format_number
from quiz.precision import precision_for, rounded_text
from quiz.questions import (
    KINDS,
    LANGS,
    LEVELS,
    TOPICS,
    UNIT_KINDS,
    Question,
    answer_from_params,
    answer_text,
    generate,
)

SEEDS = range(40)
ALL = [(t, lvl) for t in TOPICS for lvl in LEVELS]
CHOICE_KINDS = ("concept", "compare_cross_entropy")
PROBABILITY_KINDS = (
    "probability",
    "conditional_probability",
    "at_least_once",
    "sequence_probability",
    "draws_probability",
    "probability_from_surprisal",
)

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


def fractions(mapping: dict[str, str]) -> dict[str, Fraction]:
    return {o: Fraction(v) for o, v in mapping.items()}


def recompute(params: dict) -> float:
    """The answer from params, straight from the calculator (independent of answer_from_params),
    one formula per kind as documented in quiz.questions."""
    kind = params["kind"]
    base = params.get("base")
    if kind in ("sentence_surprisal", "sentence_cross_entropy"):
        surprises = [calc.surprisal(Fraction(v), base) for v in params["probs"]]
        total = math.fsum(surprises)
        return total if kind == "sentence_surprisal" else total / len(surprises)
    if kind == "convert_units":
        value = float(Fraction(params["value"]))
        return value * math.log(calc.BASE_VALUES[params["from"]]) / math.log(calc.BASE_VALUES[base])
    if kind == "draws_probability":
        left = dict(params["counts"])
        product = Fraction(1)
        for colour in params["sequence"]:
            product *= Fraction(left[colour], sum(left.values()))
            left[colour] -= 1
        return float(product)
    if kind == "concept":
        return float(params["options"].index(FACT_ANSWERS[params["fact"]]))
    p = fractions(params["p"])
    if kind in ("probability", "probability_from_surprisal"):
        return float(calc.event_probability(p, params["event"]))
    if kind == "surprisal":
        return calc.surprisal(calc.event_probability(p, params["event"]), base)
    if kind == "entropy":
        return calc.entropy(p, base)
    if kind == "conditional_probability":
        given = Fraction(calc.event_probability(p, params["given"]))
        both = [o for o in params["given"] if o in params["event"]]
        return float(Fraction(calc.event_probability(p, both)) / given)
    if kind == "at_least_once":
        once = Fraction(calc.event_probability(p, params["event"]))
        return float(1 - (1 - once) ** params["n"])
    if kind == "sequence_probability":
        return float(math.prod((p[o] for o in params["sequence"]), start=Fraction(1)))
    if kind == "sequence_surprisal":
        return math.fsum(calc.surprisal(p[o], base) for o in params["sequence"])
    if kind in ("outcomes_from_surprisal", "outcomes_from_entropy"):
        return calc.BASE_VALUES[base] ** calc.entropy(p, base)
    q = fractions(params["q"])
    if kind == "cross_entropy":
        return calc.cross_entropy(p, q, base)
    if kind == "kl_divergence":
        return calc.kl_divergence(p, q, base)
    assert kind == "compare_cross_entropy"
    gap = calc.cross_entropy(p, q, base) - calc.entropy(p, base)
    return 2.0 if abs(gap) < 1e-12 else (1.0 if gap > 0 else 0.0)


def test_the_sweep_covers_every_topic_level_language_and_seed() -> None:
    assert len(QUESTIONS) == len(TOPICS) * len(LEVELS) * len(LANGS) * len(SEEDS)
    assert TOPICS == ("probability", "surprisal", "entropy", "cross_entropy", "kl_divergence")


def test_the_answer_is_what_the_calculator_says_about_the_params() -> None:
    kinds = set()
    for q in QUESTIONS:
        params = json.loads(json.dumps(q.params))  # what the database stores
        assert params == q.params
        assert q.answer == pytest.approx(recompute(params), rel=1e-12), (q.family, q.seed)
        assert q.answer == answer_from_params(params)
        kinds.add(params["kind"])
    assert kinds == set(KINDS)  # the sweep meets every kind


def test_params_follow_the_contract() -> None:
    for q in QUESTIONS:
        params = q.params
        assert params["kind"] in KINDS
        for key in ("p", "q"):
            if key in params:
                assert all(isinstance(o, str) for o in params[key])
                assert all(re.fullmatch(r"\d+/\d+", v) for v in params[key].values())
        if "q" in params:
            assert set(params["q"]) == set(params["p"])
        for key in ("event", "given", "sequence"):
            if key in params and "p" in params:
                assert params[key] and all(o in params["p"] for o in params[key]), q.family
        if "base" in params:
            assert params["base"] in ("2", "e", "10")
        if params["kind"] in UNIT_KINDS:
            assert q.base == params["base"] and q.unit == calc.unit_name(q.base, "en")
        else:
            assert q.base is None and q.unit is None


def test_no_answer_is_infinite_nan_or_trivial() -> None:
    for q in QUESTIONS:
        assert math.isfinite(q.answer), (q.family, q.seed)
        kind = q.params["kind"]
        if kind in PROBABILITY_KINDS:
            assert 0 < q.answer < 1, (q.family, q.answer)
        elif kind in CHOICE_KINDS:
            assert q.answer == q.correct_choice
        else:
            assert q.answer > 0, (q.family, q.answer)


def test_beliefs_never_rule_out_what_can_happen() -> None:
    for q in QUESTIONS:
        if "q" in q.params:
            for outcome, prob in q.params["p"].items():
                if Fraction(prob) > 0:
                    assert Fraction(q.params["q"][outcome]) > 0


def test_texts_fit_a_telegram_message() -> None:
    for q in QUESTIONS:
        for part in (q.text, q.solution, *q.hints):
            assert 0 < len(part) <= 4096


def test_texts_are_plain_text_without_markup() -> None:
    for q in QUESTIONS:
        for part in (q.text, q.solution, *q.hints, *(q.choices or ())):
            assert "<" not in part and ">" not in part and "&" not in part


def test_ukrainian_is_ukrainian_and_english_is_english() -> None:
    for q in QUESTIONS:
        parts = (q.text, q.solution, *q.hints)
        if q.lang == "uk":
            assert all(CYRILLIC.search(part) for part in parts), q.family
            assert not any(RUSSIAN_ONLY.search(part) for part in parts)
            assert not any(ENGLISH_UNITS.search(part) for part in parts), q.text
            # numbers with a decimal part use a comma in Ukrainian
            assert not re.search(r"\d\.\d", q.text + q.solution), q.solution
        else:
            assert not any(CYRILLIC.search(part) for part in parts), q.text
            assert not re.search(r"\d,\d", q.text + q.solution), q.solution


def test_every_answer_in_a_unit_names_its_base_and_unit() -> None:
    for q in QUESTIONS:
        if q.base is None:
            continue
        assert UNIT_IN_TEXT[q.lang][q.base] in q.text, q.text
        assert BASE_IN_TEXT[q.lang][q.base] in q.text, q.text


def test_every_question_with_a_log_says_which_log() -> None:
    for q in QUESTIONS:
        if "base" in q.params and q.params["kind"] not in CHOICE_KINDS:
            assert BASE_IN_TEXT[q.lang][q.params["base"]] in q.text, q.text


def test_every_question_says_how_precisely_to_answer() -> None:
    words = {
        "uk": ("до сотих", "до тисячних", "до трьох значущих цифр", "ціле число", "кнопкою"),
        "en": (
            "2 decimal places",
            "3 decimal places",
            "3 significant figures",
            "whole number",
            "button",
        ),
    }
    for q in QUESTIONS:
        assert any(word in q.text for word in words[q.lang]), q.text


def test_probability_questions_say_how_to_type_the_answer() -> None:
    for q in QUESTIONS:
        if q.params["kind"] in PROBABILITY_KINDS:
            assert ("дріб" if q.lang == "uk" else "fraction") in q.text


def test_the_solution_ends_with_the_answer() -> None:
    for q in QUESTIONS:
        last_line = q.solution.strip().splitlines()[-1]
        if q.params["kind"] == "sequence_surprisal" and q.level == 3:
            last_line = q.solution.strip().splitlines()[-2]  # then a note on why logs add
        if q.choices is not None and q.params["kind"] in CHOICE_KINDS:
            assert last_line.endswith(q.choices[q.correct_choice])
            continue
        shown = format_number(q.answer, q.lang)
        assert shown in last_line, (q.solution, shown)
        if q.base is not None:
            assert calc.unit_name(q.base, q.lang, shown) in last_line


def test_answer_text_is_what_a_person_reads() -> None:
    q = generate("probability", 1, seed=1, lang="uk")
    assert answer_text(q).startswith(f"{Fraction(q.answer).limit_denominator(1000)}")
    log = next(q for q in QUESTIONS if q.base == "2" and q.lang == "uk")
    # rounded as the question asks (hundredths here), with ≈ when that is not the exact value
    shown = rounded_text(log.answer, precision_for(log.params["kind"], log.answer), "uk")
    unit = calc.unit_name("2", "uk", shown)
    assert answer_text(log) in (f"{shown} {unit}", f"≈ {shown} {unit}")
    sixth = next(q for q in QUESTIONS if q.base is None and abs(q.answer - 1 / 6) < 1e-12)
    assert answer_text(sixth) == "1/6 ≈ 0,17"
    concept = next(q for q in QUESTIONS if q.params["kind"] == "concept")
    assert answer_text(concept) == concept.choices[concept.correct_choice]


def test_hints_come_in_steps() -> None:
    for q in QUESTIONS:
        assert len(q.hints) >= 2 and q.hint == q.hints[0]
        assert len(set(q.hints)) == len(q.hints)
        # the second hint works with this question's own numbers (a conceptual question has
        # none: its second hint is a concrete thing to try instead)
        if q.params["kind"] != "concept":
            assert re.search(r"\d", q.hints[1]), (q.family, q.hints[1])


def test_the_same_inputs_give_the_same_question() -> None:
    for topic, level in ALL:
        for seed in (0, 7, 123456789, -5):
            for base in (None, 2, "e", "10"):
                for choices in (False, True):
                    a = generate(topic, level, seed=seed, lang="en", base=base, choices=choices)
                    b = generate(topic, level, seed=seed, lang="en", base=base, choices=choices)
                    assert a == b and a.choices == b.choices


def test_the_two_languages_of_one_seed_ask_the_same_question() -> None:
    for topic, level in ALL:
        for seed in SEEDS:
            uk = generate(topic, level, seed=seed, lang="uk", choices=True)
            en = generate(topic, level, seed=seed, lang="en", choices=True)
            assert uk.params == en.params and uk.answer == en.answer
            assert uk.family == en.family and uk.steps == en.steps
            assert uk.correct_choice == en.correct_choice and len(uk.choices) == len(en.choices)
            assert len(uk.hints) == len(en.hints)


def test_an_explicit_base_changes_only_the_base() -> None:
    for topic in TOPICS:
        for level in LEVELS:
            for seed in range(10):
                default = generate(topic, level, seed=seed)
                for base, name in ((2, "2"), (math.e, "e"), ("10", "10")):
                    q = generate(topic, level, seed=seed, base=base)
                    assert q.family == default.family
                    if "base" not in default.params:
                        assert q.params == default.params
                        continue
                    assert q.params["base"] == name
                    # a unit conversion starts from another unit than the one it asks for
                    ignored = {"base", "from"}
                    assert {k: v for k, v in q.params.items() if k not in ignored} == {
                        k: v for k, v in default.params.items() if k not in ignored
                    }
                    if q.base is not None:
                        assert UNIT_IN_TEXT["uk"][name] in q.text


def test_the_default_base_is_bits_on_levels_one_and_two_and_recorded() -> None:
    for topic in TOPICS[1:]:
        for level in (1, 2):
            for s in SEEDS:
                params = generate(topic, level, seed=s).params
                assert params.get("base", "2") == "2"
        level3 = {generate(topic, 3, seed=s).params.get("base") for s in SEEDS} - {None}
        assert "2" in level3 and len(level3) >= 2


def test_probability_questions_carry_no_base() -> None:
    for seed in range(20):
        q = generate("probability", 2, seed=seed, base="e")
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


def test_the_weird_die_of_level_two_has_the_value_4_on_two_or_more_faces() -> None:
    checked = 0
    for q in QUESTIONS:
        match = re.search(r"A weird die with (\d+) faces\. They show: ([\d, ]+)\.", q.text)
        if q.level == 2 and match:
            faces = [int(v) for v in match.group(2).split(", ")]
            assert len(faces) == int(match.group(1)) and faces.count(4) >= 2
            checked += 1
    assert checked > 50


def test_level_three_uses_two_dice_sentences_and_other_objects() -> None:
    text = " ".join(q.text for q in QUESTIONS if q.level == 3 and q.lang == "en")
    for thing in (
        "two fair dice",
        "spinner",
        "marbles",
        "weather",
        "language model",
        "at least once",
        "without looking, keep it out",
    ):
        assert thing in text, thing


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
        ({"kind": "at_least_once", "p": {"a": "1/1"}, "event": ["a"], "n": 0}, "'n'"),
        (
            {"kind": "conditional_probability", "p": {"a": "1/2", "b": "1/2"}, "event": ["a"]},
            "'given'",
        ),
        (
            {"kind": "draws_probability", "counts": {"red": 1}, "sequence": ["red", "red"]},
            "more draws",
        ),
        ({"kind": "sentence_surprisal", "probs": ["0/1"], "base": "2"}, "in \\(0, 1\\]"),
        ({"kind": "concept", "fact": "kl_zero", "options": ["always"]}, "must include"),
        ({"kind": "outcomes_from_entropy", "p": {"a": "1/1"}}, "unknown log base"),
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
    # the talk's log(0.00005) = −9.90348755, as a probability from its surprise in nats
    assert answer_from_params(
        {"kind": "sentence_surprisal", "probs": ["1/20000"], "base": "e"}
    ) == pytest.approx(9.90348755, abs=1e-8)


def _die_predicate(clause: str):
    """What an English die clause says, read independently of the generator."""
    patterns = [
        (r"you roll (?:a|an) (\d+)$", lambda k: lambda v: v == k),
        (r"you roll anything but (?:a|an) (\d+)$", lambda k: lambda v: v != k),
        (r"you roll more than (\d+)$", lambda k: lambda v: v > k),
        (r"you roll at most (\d+)$", lambda k: lambda v: v <= k),
        (r"you roll at least (\d+)$", lambda k: lambda v: v >= k),
        (r"you roll a multiple of (\d+)$", lambda k: lambda v: v % k == 0),
    ]
    for pattern, make in patterns:
        match = re.fullmatch(pattern, clause)
        if match:
            return make(int(match.group(1)))
    if clause == "you roll an even number":
        return lambda v: v % 2 == 0
    if clause == "you roll an odd number":
        return lambda v: v % 2 == 1
    match = re.fullmatch(r"you roll a number from (\d+) to (\d+)", clause)
    if match:
        a, b = int(match.group(1)), int(match.group(2))
        return lambda v: a <= v <= b
    match = re.fullmatch(r"you roll (?:a|an) (\d+) or (?:a|an) (\d+)", clause)
    assert match, clause
    a, b = int(match.group(1)), int(match.group(2))
    return lambda v: v in (a, b)


def test_die_events_are_exactly_what_the_text_says() -> None:
    checked = 0
    for q in QUESTIONS:
        if q.lang != "en" or q.family != "die_event":
            continue
        match = re.search(r"(?:probability that|surprised are you if) (.+?)\?", q.text)
        assert match, q.text
        test = _die_predicate(match.group(1))
        expected = [o for o in q.params["p"] if test(int(o))]
        assert q.params["event"] == expected, (q.text, q.params["event"])
        checked += 1
    assert checked > 60


def test_the_docstring_examples_hold() -> None:
    import doctest

    import quiz.glossary
    import quiz.precision
    import quiz.questions

    for module in (quiz.questions, quiz.glossary, quiz.precision):
        result = doctest.testmod(module)
        assert result.attempted >= 2 and result.failed == 0, module.__name__

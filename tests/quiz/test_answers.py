"""What a student may type, and what they are told when we can't read it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.answers import (
    MAX_LENGTH,
    MESSAGES,
    AnswerError,
    parse_answer,
    parse_answer_details,
)

LOG2_6 = math.log2(6)

ACCEPTED: list[tuple[str, float]] = [
    # plain numbers, decimal point or comma
    ("0.5", 0.5),
    ("0,5", 0.5),
    ("  0,5  ", 0.5),
    (".5", 0.5),
    ("2", 2.0),
    ("2,585", 2.585),
    ("0,17", 0.17),
    ("1e-3", 0.001),
    ("2.5E2", 250.0),
    ("0,5.", 0.5),  # a sentence-ending full stop
    # signs: hyphen, Unicode minus, dashes
    ("-0.5", -0.5),
    ("−0.5", -0.5),
    ("–0,5", -0.5),
    ("— 0,5", -0.5),
    ("+0,5", 0.5),
    ("--1", 1.0),
    # fractions and division signs
    ("1/6", 1 / 6),
    ("1 / 6", 1 / 6),
    ("6÷3", 2.0),
    ("6:3", 2.0),
    ("1⁄6", 1 / 6),
    ("½", 0.5),
    ("⅓", 1 / 3),
    ("¼", 0.25),
    ("⅙", 1 / 6),
    ("⅛", 0.125),
    ("1½", 1.5),
    ("-⅙", -1 / 6),
    ("５/６", 5 / 6),  # full-width digits from some keyboards
    # percent
    ("16,7%", 0.167),
    ("50 %", 0.5),
    ("50％", 0.5),
    # products and powers
    ("3·2", 6.0),
    ("3×2", 6.0),
    ("3*2", 6.0),
    ("3x2", 6.0),
    ("3 х 2", 6.0),  # Cyrillic х
    ("2^-1", 0.5),
    ("2^−1", 0.5),
    ("2**3", 8.0),
    ("2⁻¹", 0.5),
    ("2²", 4.0),
    ("-2^2", -4.0),
    ("2^3^2", 512.0),
    ("(1/2)^3", 0.125),
    ("1 - 1/6", 5 / 6),
    ("1/2 + 1/4", 0.75),
    # logarithms
    ("log2(6)", LOG2_6),
    ("log2 6", LOG2_6),
    ("Log2(6)", LOG2_6),
    ("log_2 6", LOG2_6),
    ("log_2(6)", LOG2_6),
    ("log_{2} 6", LOG2_6),
    ("log₂6", LOG2_6),
    ("log₂(6)", LOG2_6),
    ("log(6, 2)", LOG2_6),
    ("log(6; 2)", LOG2_6),
    ("log 2(6)", LOG2_6),  # a space after log: still log base 2
    ("log 2 (1/6)", -LOG2_6),
    ("log2\u2061(6)", LOG2_6),  # an invisible "function application" from a copied formula
    ("log(6,2)", LOG2_6),  # no space: the comma separates value and base
    ("log(1/6,2)", -LOG2_6),
    ("log(0,5)", math.log(0.5)),  # 0 can't be a log's value: decimal comma
    ("log(2,05)", math.log(2.05)),  # a base never starts with 0: decimal comma
    ("log(2,5, 2)", math.log2(2.5)),  # an explicit separator: the digit comma is decimal
    ("ln(6,2)", math.log(6.2)),  # ln takes one argument
    ("log2(6,5)", math.log2(6.5)),
    ("ln 2", math.log(2)),
    ("LN2", math.log(2)),
    ("log 2", math.log(2)),  # log alone is the natural log
    ("lg 100", 2.0),
    ("log10(100)", 2.0),
    ("log_e 8", math.log(8)),
    ("-log2(1/6)", LOG2_6),
    ("−log₂(1/6)", LOG2_6),
    ("-log2 1/6", LOG2_6),  # a bare fraction is the argument
    ("log2(6)^2", LOG2_6**2),
    ("ln2/ln3", math.log(2) / math.log(3)),
    ("ln2·3", 3 * math.log(2)),
    ("1/2·log2(2) + 1/2·log2(2)", 1.0),
    ("-(1/2·log2(1/2) + 1/2·log2(1/2))", 1.0),
    # implicit multiplication where it is unambiguous
    ("2ln2", 2 * math.log(2)),
    ("2 log2(3)", 2 * math.log2(3)),
    ("2π", 2 * math.pi),
    ("(1/2)(1/3)", 1 / 6),
    # repeating decimals are exact (Ukrainian schools write the period in brackets)
    ("0,1(6)", 1 / 6),
    ("0,(3)", 1 / 3),
    ("0.(3)", 1 / 3),
    ("0,8(3)", 5 / 6),
    ("0,(142857)", 1 / 7),
    ("-0,1(6)", -1 / 6),
    ("2,5(8)", 2 + 53 / 90),
    # a closing bracket that restates the answer is a remark, not a factor
    ("0,5 (50%)", 0.5),
    ("1/6 (0,17)", 1 / 6),
    ("0,17 (1/6)", 0.17),
    ("3 біти (log2 8)", 3.0),
    # roots and constants
    ("sqrt(2)", math.sqrt(2)),
    ("√2", math.sqrt(2)),
    ("√(1/4)", 0.5),
    ("e", math.e),
    ("е", math.e),  # the Cyrillic letter on a Ukrainian keyboard
    ("pi", math.pi),
    ("π", math.pi),
    ("exp(1)", math.e),
    ("e^-1", 1 / math.e),
    # units, prefixes
    ("2,585 біт", 2.585),
    ("2.585 bits", 2.585),
    ("1 біт", 1.0),
    ("5 бітів", 5.0),
    ("1,79 нат", 1.79),
    ("0,78 hartleys", 0.78),
    ("log2(6) біти", LOG2_6),
    ("= 0,5", 0.5),
    ("≈ 0.17", 0.17),
    ("H = 1,79", 1.79),
    ("1/6 ≈ 0,17", 0.17),  # the part after the last sign is the answer
    ("1/6 =", 1 / 6),  # ... or the last part that isn't empty
]

REJECTED: list[tuple[str, str]] = [
    ("", "empty"),
    ("   ", "empty"),
    ("=", "empty"),
    ("abc", "unknown_word"),
    ("y", "unknown_word"),
    ("x", "syntax"),
    ("не знаю", "unknown_word"),
    ("@", "bad_char"),
    ("2 & 3", "bad_char"),
    ("2 3", "two_numbers"),
    ("1 000", "two_numbers"),
    ("(1", "unbalanced"),
    ("1)", "unbalanced"),
    ("log2(6", "unbalanced"),
    ("2+", "missing_number"),
    ("-", "missing_number"),
    ("log2", "missing_number"),
    ("log26", "missing_number"),  # base 26 with nothing to take the log of
    ("біт", "missing_number"),
    ("2 біт 3", "syntax"),
    ("*2", "syntax"),
    ("0, 5", "syntax"),
    ("1/0", "div_zero"),
    ("1/(1-1)", "div_zero"),
    ("0^-1", "div_zero"),
    ("log2(0)", "log_domain"),
    ("log(-1)", "log_domain"),
    ("ln(1-1)", "log_domain"),
    ("log_1 5", "log_base"),
    ("log(6, 1)", "log_base"),
    ("log(6, -2)", "log_base"),
    ("sqrt(-1)", "sqrt_negative"),
    ("√-4", "sqrt_negative"),
    ("9^9^9^9", "too_big"),
    ("1e999999", "too_big"),
    ("10^200", "too_big"),
    ("exp(1000)", "too_big"),
    ("9" * 150, "too_big"),
    ("(-8)^(1/3)", "not_real"),
    ("log(6, 2, 3)", "arguments"),
    ("2(1/6)", "number_bracket"),  # never an implicit product after a number
    ("1(6)", "number_bracket"),
    ("0,5 (25%)", "number_bracket"),  # a remark that disagrees is not silently multiplied
    ("2 (3) + 1", "number_bracket"),
    ("1" * (MAX_LENGTH + 1), "too_long"),
    ("(" * 30 + "1" + ")" * 30, "too_deep"),
    ("2^" * 40 + "1", "too_deep"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms_give_their_value(text: str, expected: float) -> None:
    assert parse_answer(text) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(("text", "code"), REJECTED)
def test_unreadable_answers_raise_answer_error_with_a_code(text: str, code: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(text)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


def test_the_table_is_big_enough() -> None:
    assert len(ACCEPTED) + len(REJECTED) >= 80
    codes = {code for _, code in REJECTED} | {"ambiguous_log"}  # that one needs lang="uk"
    assert codes == set(MESSAGES)  # every code is exercised


@pytest.mark.parametrize("text", ["log(2,5)", "log(6,2)", "Log(1,5)", "log (2,5)"])
def test_in_ukrainian_a_digit_comma_inside_log_is_refused_as_ambiguous(text: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(text, "uk")
    assert caught.value.code == "ambiguous_log"
    whole, decimals = text.split("(")[1].rstrip(")").split(",")
    message = caught.value.message("uk")
    # both readings are shown, and how to write each of them
    assert f"логарифм {whole} за основою {decimals}" in message
    assert f"ln {whole},{decimals}" in message
    assert f"log({whole}; {decimals})" in message
    # the same text is read the international way without a language, or in English
    assert parse_answer(text, "en") == pytest.approx(math.log(float(whole), float(decimals)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("log(2; 5)", math.log(2, 5)),
        ("log(2, 5)", math.log(2, 5)),  # a comma and a space: a separator in any language
        ("ln 2,5", math.log(2.5)),
        ("ln(2,5)", math.log(2.5)),
        ("log(2,5; 10)", math.log10(2.5)),
        ("log(0,5)", math.log(0.5)),  # 0 cannot be a log's value: only one reading
        ("log2(6,5)", math.log2(6.5)),
        ("0,1(6)", 1 / 6),
    ],
)
def test_in_ukrainian_clear_forms_are_read(text: str, expected: float) -> None:
    assert parse_answer(text, "uk") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_a_ukrainian_and_an_english_message(code: str) -> None:
    error = AnswerError(code, "abc")
    uk, en = error.message("uk"), error.message("en")
    assert uk and en and uk != en
    assert any("а" <= ch <= "я" or ch in "іїєґ" for ch in uk.lower())
    assert not any("а" <= ch <= "я" for ch in en.lower())
    assert str(error) == en
    assert "{" not in uk and "{" not in en


def test_a_message_tells_what_to_type_instead() -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer("abc")
    assert caught.value.message("uk") == (
        "Я не зрозумів «abc». Напиши число, наприклад 0,5 або 1/6 чи log2(6)."
    )
    assert "0.5" in caught.value.message("en")


def test_a_long_quote_is_shortened_in_the_message() -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer("абвгдежзийклмнопрстуфхцчшщ")
    assert len(caught.value.detail) <= 20


def test_details_tell_how_the_answer_was_written() -> None:
    assert parse_answer_details("1/6").fraction
    assert parse_answer_details("⅙").fraction
    assert not parse_answer_details("0,17").fraction
    assert not parse_answer_details("1,5/6").fraction
    assert parse_answer_details("16,7%").percent
    assert not parse_answer_details("0,167").percent
    assert parse_answer_details("0,17").sig_digits == 2
    assert parse_answer_details("−0,170").sig_digits == 3
    assert parse_answer_details("16,7 %").sig_digits == 3
    assert parse_answer_details("2,585 біт").sig_digits == 4
    assert parse_answer_details("log2(6)").sig_digits is None
    assert parse_answer_details("2,585 біт").unit == "bit"
    assert parse_answer_details("1,79 nats").unit == "nat"
    assert parse_answer_details("0,78 гартлі").unit == "hartley"
    assert parse_answer_details("0,78").unit is None
    assert parse_answer_details("0,17").decimals == 2
    assert parse_answer_details("16,7%").decimals == 3  # 0,167
    assert parse_answer_details("1e-3").decimals == 3
    assert parse_answer_details("3").decimals == 0
    assert parse_answer_details("0,1(6)").decimals is None  # exact
    assert parse_answer_details("0,1(6)").sig_digits is None
    assert parse_answer_details("1/6").decimals is None


def test_minus_zero_reads_as_zero() -> None:
    value = parse_answer("-0")
    assert value == 0 and math.copysign(1, value) == 1


_PIECES = [
    *"0123456789.,+-*/^()%:÷·×−√½⅙₂²⁻ eπ=≈;_{}x",
    "log", "ln", "lg", "sqrt", "exp", "log2", "log_2", "біт", "nats",
    "9^9", "1e999", "1e-999", "((", "))", "^-", "0,",
]  # fmt: skip


def _check_total(text: str) -> None:
    try:
        value = parse_answer(text)
    except AnswerError as error:
        assert error.code in MESSAGES
    else:
        assert isinstance(value, float) and math.isfinite(value)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_fuzz_expression_like_text_gives_a_finite_float_or_answer_error(text: str) -> None:
    _check_total(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_fuzz_any_text_gives_a_finite_float_or_answer_error(text: str) -> None:
    _check_total(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=120), st.sampled_from(["(", "-(", "√(", "2^(", "ln("]))
def test_fuzz_deep_nesting_is_refused_politely(depth: int, opener: str) -> None:
    _check_total(opener * depth + "2" + ")" * depth)


@pytest.mark.parametrize(
    "text",
    ["9^9^9^9", "1e999999", "10^10^10", "2**2**2**2**2**2", "e^e^e^e^e", "(-1)^0.5", "1e308*10"],
)
def test_huge_and_impossible_values_end_as_answer_error(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_answer(text)


def test_a_megabyte_is_refused_fast() -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer("1" * 1_000_000)
    assert caught.value.code == "too_long"

"""/lab: a student types a die or a distribution and sees its surprises, entropy,
cross-entropy and KL divergence; bad input gets a kind refusal — through the real bot."""

from __future__ import annotations

import string
from fractions import Fraction

import pytest

from bot.features.lab import report
from bot.features.lab.parsing import LabError, parse_lab
from bot.sandbox.html import parse_html
from bot.texts import lab as lab_texts
from bot.texts import t
from quiz import calculator
from quiz.numbers import format_number
from tests.fakes import BotHarness, SentMessage

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FAIR = {str(face): Fraction(1, 6) for face in range(1, 7)}
WEIRD = {"1": Fraction(1, 6), "2": Fraction(1, 6), "3": Fraction(1, 6), "4": Fraction(1, 2)}
WEIRD6 = {**WEIRD, "5": Fraction(0), "6": Fraction(0)}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def texts(replies: list[SentMessage]) -> list[SentMessage]:
    return [message for message in replies if message.kind == "text"]


# ---------------------------------------------------------------- through the bot


async def test_lab_without_arguments_explains_and_offers_presets(harness: BotHarness) -> None:
    student = harness.user(3001, "Оля", language_code="uk")
    replies = await student.say("/lab")
    assert len(replies) == 1
    assert "/lab 1 2 3 4 4 4" in replies[0].text
    assert replies[0].callback_data == [
        "lab:p:fair",
        "lab:p:weird",
        "lab:p:coin",
        "lab:p:weird_fair",
    ]


async def test_the_weird_die_shows_fractions_surprises_and_entropy(harness: BotHarness) -> None:
    student = harness.user(3002, "Максим", language_code="uk")
    replies = await student.say("/lab 1 2 3 4 4 4")
    report = texts(replies)[0]
    s_one = format_number(calculator.surprisal(Fraction(1, 6)), "uk")
    nats_four = format_number(calculator.surprisal(Fraction(1, 2), "e"), "uk")
    h = format_number(calculator.entropy(WEIRD), "uk")
    assert f"p = 1/6 ≈ 0,1667 → S = {s_one} біта" in report.text
    assert f"p = 1/2 = 0,5 → S = 1 біт = {nats_four} ната" in report.text
    assert f"H(p) = {h} біта" in report.text
    assert "5:" not in report.text  # only values that are on the die
    chart = [message for message in replies if message.kind == "photo"]
    assert chart and chart[0].file_bytes is not None and chart[0].file_bytes.startswith(PNG_MAGIC)


async def test_truth_and_belief_give_cross_entropy_and_kl(harness: BotHarness) -> None:
    student = harness.user(3003, "Sam", language_code="en")
    report = texts(await student.say("/lab 1 2 3 4 4 4 | 1 2 3 4 5 6"))[0]
    ce = format_number(calculator.cross_entropy(WEIRD6, FAIR), "en")
    kl = format_number(calculator.kl_divergence(WEIRD6, FAIR), "en")
    h = format_number(calculator.entropy(WEIRD6), "en")
    assert (ce, kl, h) == ("2.585", "0.7925", "1.792")
    assert f"H(p) = {h} bits" in report.text
    assert f"H(p, q) = {ce} bits" in report.text
    assert f"D(p‖q) = {kl} bits" in report.text
    assert "5: p = 0, q = 1/6" in report.text


async def test_a_belief_that_rules_out_what_happens_is_infinitely_surprised(
    harness: BotHarness,
) -> None:
    student = harness.user(3004, "Ірина", language_code="uk")
    report = texts(await student.say("/lab 1 2 3 4 4 4 | 1 2 3 5 5 6"))[0]
    assert "D(p‖q) = ∞" in report.text
    assert "«4»" in report.text and "нескінченний" in report.text


FORMS = [
    ("0.5 0.25 0.25", "H(p) = 1,5 біта"),
    ("1/2 1/4 1/4", "H(p) = 1,5 біта"),
    ("50% 25% 25%", "H(p) = 1,5 біта"),
    ("0,5; 0,25; 0,25", "H(p) = 1,5 біта"),
    ("1/2 1/2 base=e", "H(p) = 0,6931 ната"),
    ("base=10 1/2 1/2", "H(p) = 0,301 гартлі"),
    ("сонце=0,7 дощ=0,3", "сонце: p = 7/10 = 0,7"),
    ("H T | 0.9 0.1", "H(p, q) = 1,737 біта"),
]


async def test_probabilities_in_every_usual_form(harness: BotHarness) -> None:
    student = harness.user(3005, "Богдан", language_code="uk")
    for argument, expected in FORMS:
        report = texts(await student.say(f"/lab {argument}"))[0]
        assert expected in report.text, argument


REFUSALS: list[tuple[str, str, dict[str, object]]] = [
    (" ".join(["1"] * 21), "lab.err.too_many", {"count": 21, "limit": 20}),
    ("0.5 0.4", "lab.err.sum", {"total": "0,9"}),
    ("1/3 1/3 1/4", "lab.err.sum", {"total": "0,9167"}),
    ("$$$ %%%", "lab.err.bad_label", {"label": "$$$"}),
    ("0.5 0.6 -0.1", "lab.err.negative", {"token": "-0.1"}),
    ("0.5 1.5", "lab.err.above_one", {"token": "1.5"}),
    ("abcdefghijk 1", "lab.err.long_label", {"label": "abcdefgh…", "limit": 8}),
    ("1 2 | 3 4 | 5 6", "lab.err.two_bars", {}),
    ("1 2 base=3", "lab.err.base", {}),
    ("0.5 0.5 | 0.2 0.3 0.5", "lab.err.count_mismatch", {"truth": 2, "belief": 3}),
    ("1 2 |", "lab.err.empty_belief", {}),
    ("0.5 0.5x 0", "lab.err.not_number", {"token": "0.5x"}),
]


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_bad_input_gets_a_kind_refusal_in_the_users_language(
    harness: BotHarness, lang: str
) -> None:
    student = harness.user(3006, "Тарас", language_code=lang)
    for argument, key, values in REFUSALS:
        if lang == "en" and key == "lab.err.sum":
            values = {"total": str(values["total"]).replace(",", ".")}
        replies = await student.say(f"/lab {argument}")
        assert [message.kind for message in replies] == ["text"], argument
        assert replies[0].text == t(lang, key, **values), argument


async def test_five_thousand_characters_are_refused_without_work(harness: BotHarness) -> None:
    student = harness.user(3007, "Nina", language_code="en")
    replies = await student.say("/lab " + "1 " * 2500)
    assert [message.text for message in replies] == [t("en", "lab.err.too_long", limit=200)]


async def test_labels_are_escaped_not_interpreted(harness: BotHarness) -> None:
    student = harness.user(3008, "Leo", language_code="en")
    report = texts(await student.say("/lab <b>x a&b"))
    # "<b>x" is not a valid label (no brackets), so it is refused, quoted safely.
    assert report[0].text == t("en", "lab.err.bad_label", label="<b>x")
    report = texts(await student.say("/lab 🍎 🍐 🍐"))[0]
    assert "🍎: p = 1/3" in report.text and "🍐: p = 2/3" in report.text


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_preset_buttons_run_the_lab(harness: BotHarness, lang: str) -> None:
    student = harness.user(3009, "Оксана", language_code=lang)
    howto = (await student.say("/lab"))[0]
    report = texts(await student.press(howto, "lab:p:weird_fair"))[0]
    kl = format_number(calculator.kl_divergence(WEIRD6, FAIR), lang)
    assert f"D(p‖q) = {kl}" in report.text
    coin = texts(await student.press(howto, "lab:p:coin"))[0]
    assert t(lang, "lab.coin_faces").split()[0] in coin.text
    assert student.current(howto.message_id).text == howto.text  # type: ignore[union-attr]


async def test_forged_lab_buttons_are_answered_kindly(harness: BotHarness) -> None:
    student = harness.user(3010, "Марко", language_code="uk")
    howto = (await student.say("/lab"))[0]
    for forged in ("lab:p:nonsense", "lab:x", "lab:p:", "lab:" + "z" * 60):
        assert await student.press_data(howto.message_id, forged) == []
        assert student.last_answer is not None
        assert student.last_answer.get("text") == t("uk", "lab.stale_button")


async def test_plain_text_is_never_taken_by_the_lab(harness: BotHarness) -> None:
    """After /lab the student's next plain message is not read as lab input."""
    student = harness.user(3011, "Ліза", language_code="uk")
    await student.say("/lab")
    replies = await student.say("1 2 3 4 4 4")
    assert all("Лабораторія" not in message.text for message in replies)


# ---------------------------------------------------------------- the parser itself


def test_parser_reads_faces_in_the_order_typed() -> None:
    spec = parse_lab("4 4 1 2 3 4")
    assert list(spec.truth) == ["4", "1", "2", "3"]
    assert spec.truth["4"] == Fraction(1, 2)
    assert spec.belief is None and spec.base == "2"


def test_parser_aligns_truth_and_belief_over_all_outcomes() -> None:
    spec = parse_lab("1 2 3 4 4 4 | 1 2 3 4 5 6")
    assert spec.truth == WEIRD6
    assert spec.belief == FAIR


def test_positional_probabilities_borrow_the_other_sides_names() -> None:
    spec = parse_lab("H T | 0.9 0.1")
    assert spec.belief == {"H": Fraction(9, 10), "T": Fraction(1, 10)}
    spec = parse_lab("½ ½ | 1 0")  # 0s and 1s beside probabilities are probabilities
    assert spec.belief == {"1": Fraction(1), "2": Fraction(0)}


def test_every_refusal_is_a_lab_error_with_a_text_key() -> None:
    for text in ("", "| 1", "1 | 2 | 3", "0.9", "x" * 201, "a=1 a=0", "a= b=1"):
        with pytest.raises(LabError) as caught:
            parse_lab(text)
        assert caught.value.key.startswith("lab.err.")
        assert t("uk", caught.value.key, **{k: str(v) for k, v in caught.value.values.items()})


def test_the_longest_report_fits_one_telegram_message() -> None:
    """The most a 200-character input can ask for: 20 outcomes with 8-character names, alone
    or as a truth and a belief that share none (so every row and the ∞ note are shown)."""
    names = [f"{chr(0x410 + i)}bcdefg{i % 10}" for i in range(20)]
    inputs = [" ".join(names), " ".join(names[:10]) + " | " + " ".join(names[10:])]
    for lang in ("uk", "en"):
        for text in inputs:
            assert len(text) <= 200
            rendered = report.render(parse_lab(text), lang, text)
            assert len(parse_html(rendered)[0]) <= 4096


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_lab_text_is_valid_telegram_html(lang: str) -> None:
    catalog = lab_texts.UK if lang == "uk" else lab_texts.EN
    for key in catalog:
        filled = t(lang, key, **dict.fromkeys(placeholders(catalog[key]), "x"))
        parse_html(filled)  # raises on markup Telegram would refuse

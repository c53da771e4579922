"""/learn: five lessons a student pages through by editing one message, in Ukrainian and
English, with every number computed by the calculator — through the real bot."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bot.features.learn import lessons
from bot.sandbox.html import parse_html
from bot.texts import t
from quiz import calculator
from quiz.numbers import format_number
from tests.fakes import BotHarness, Chat, SentMessage

FAIR = {str(face): Fraction(1, 6) for face in range(1, 7)}
WEIRD = {"1": Fraction(1, 6), "2": Fraction(1, 6), "3": Fraction(1, 6), "4": Fraction(1, 2)}
WEIRD6 = {**WEIRD, "5": Fraction(0), "6": Fraction(0)}
TOTAL_PAGES = sum(len(item.pages) for item in lessons.LESSONS)


def header(lang: str, lesson: int, page: int) -> str:
    """The first line of a lesson page as the student sees it (HTML parsed away)."""
    return (
        t(
            lang,
            "learn.header",
            lesson=lesson,
            lessons=5,
            title=t(lang, f"learn.title.{lesson}"),
            page=page,
            pages=len(lessons.LESSONS[lesson - 1].pages),
        )
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("<i>", "")
        .replace("</i>", "")
    )


async def open_lesson(student: Chat, lesson: int) -> SentMessage:
    menu = (await student.say("/learn"))[-1]
    edited = await student.press(menu, f"l:{lesson}:1")
    assert len(edited) == 1 and edited[0].edited and edited[0].message_id == menu.message_id
    return edited[0]


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_learn_shows_a_menu_of_the_five_lessons(harness: BotHarness, lang: str) -> None:
    student = harness.user(2001, "Оля", language_code=lang)
    replies = await student.say("/learn")
    assert len(replies) == 1
    menu = replies[0]
    assert menu.parse_mode == "HTML"
    assert menu.callback_data == ["l:1:1", "l:2:1", "l:3:1", "l:4:1", "l:5:1"]
    for number in range(1, 6):
        assert t(lang, f"learn.title.{number}") in menu.text


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_next_walks_every_page_by_editing_one_message_and_back_returns(
    harness: BotHarness, lang: str
) -> None:
    student = harness.user(2002, "Максим", language_code=lang)
    page = await open_lesson(student, 1)
    seen = [page.text.splitlines()[0]]
    while t(lang, "learn.btn.next") in page.labels:
        replies = await student.press(page, t(lang, "learn.btn.next"))
        assert len(replies) == 1, "a page turn edits the lesson message, it sends nothing new"
        assert replies[0].edited and replies[0].message_id == page.message_id
        page = replies[0]
        assert len(page.source) <= 4096
        seen.append(page.text.splitlines()[0])
    expected = [
        header(lang, item.number, number)
        for item in lessons.LESSONS
        for number in range(1, len(item.pages) + 1)
    ]
    assert seen == expected and len(seen) == TOTAL_PAGES
    assert t(lang, "learn.the_end") in page.text  # the last page says what to do next

    back = await student.press(page, t(lang, "learn.btn.back"))
    assert back[0].text.splitlines()[0] == header(lang, 5, 1)
    # Back across a lesson boundary: lesson 2's first page → lesson 1's last page.
    await student.press_data(back[0].message_id, "l:2:1")
    previous = await student.press(back[0].message_id, t(lang, "learn.btn.back"))
    assert previous[0].text.splitlines()[0] == header(lang, 1, 2)


async def test_ukrainian_numbers_come_from_the_calculator_with_a_decimal_comma(
    harness: BotHarness,
) -> None:
    student = harness.user(2003, "Ірина", language_code="uk")
    entropy_page = await open_lesson(student, 3)
    weird_page = (await student.press(entropy_page, t("uk", "learn.btn.next")))[0]
    h_fair = format_number(calculator.entropy(FAIR), "uk")
    h_weird = format_number(calculator.entropy(WEIRD), "uk")
    assert h_fair == "2,585" and h_weird == "1,792"
    assert f"{h_fair} біта" in entropy_page.text
    assert f"{h_weird} біта" in weird_page.text

    kl_page = (await student.press_data(weird_page.message_id, "l:5:1"))[0]
    kl = format_number(calculator.kl_divergence(WEIRD6, FAIR), "uk")
    ce = format_number(calculator.cross_entropy(WEIRD6, FAIR), "uk")
    assert kl == "0,7925"
    assert f"{ce} − {h_weird}" in kl_page.text and f"{kl} біта" in kl_page.text

    why_log = (await student.press_data(kl_page.message_id, "l:2:2"))[0]
    ln_tiny = format_number(-calculator.surprisal(0.00005, "e"), "uk")
    assert ln_tiny == "−9,903"
    assert f"ln(0,00005) ≈ {ln_tiny}" in why_log.text

    bits = (await student.press_data(why_log.message_id, "l:2:3"))[0]
    assert f"= {format_number(calculator.surprisal(Fraction(1, 2)), 'uk')} біт" in bits.text


async def test_english_lessons_use_a_decimal_point(harness: BotHarness) -> None:
    student = harness.user(2004, "Sam", language_code="en")
    page = await open_lesson(student, 4)
    ce = format_number(calculator.cross_entropy(WEIRD6, FAIR), "en")
    assert ce == "2.585"
    assert f"H(p, q) = −Σ p(x) · log q(x) = {ce} bits" in page.text
    assert "1.792 bits" in page.text
    chatgpt = (await student.press(page, "Next ▶"))[0]
    assert "ChatGPT" in chatgpt.text
    assert f"{format_number(calculator.surprisal(0.01), 'en')} bits" in chatgpt.text
    infinite = (await student.press_data(chatgpt.message_id, "l:5:2"))[0]
    assert "−log 0 = ∞" in infinite.text


async def test_learn_with_a_topic_or_number_opens_that_lesson(harness: BotHarness) -> None:
    student = harness.user(2005, "Nina", language_code="en")
    replies = await student.say("/learn entropy")
    assert replies[-1].text.splitlines()[0] == header("en", 3, 1)
    replies = await student.say("/learn 5")
    assert replies[-1].text.splitlines()[0] == header("en", 5, 1)
    replies = await student.say("/learn 42")
    assert replies[0].text == t("en", "learn.unknown_lesson", lessons=5)
    assert replies[-1].callback_data[0] == "l:1:1"  # and the menu to choose from


FORGED = [
    "l:9:1",
    "l:1:9",
    "l:0:1",
    "l:1:0",
    "l:abc",
    "l:try:8",
    "l:1:1:1",
    "l:menu:x",
    "l:" + "9" * 60,
]


async def test_forged_lesson_buttons_get_a_kind_answer_and_change_nothing(
    harness: BotHarness,
) -> None:
    student = harness.user(2006, "Тарас", language_code="uk")
    menu = (await student.say("/learn"))[-1]
    for forged in FORGED:
        replies = await student.press_data(menu.message_id, forged)
        assert replies == [], forged
        assert student.last_answer is not None, forged
        assert student.last_answer.get("text") == t("uk", "learn.stale_button"), forged
    assert student.current(menu.message_id).text == menu.text  # type: ignore[union-attr]


async def test_menu_button_returns_to_the_lesson_list(harness: BotHarness) -> None:
    student = harness.user(2007, "Ліза", language_code="uk")
    page = await open_lesson(student, 2)
    replies = await student.press(page, t("uk", "learn.btn.menu"))
    assert replies[0].message_id == page.message_id
    assert replies[0].callback_data == ["l:1:1", "l:2:1", "l:3:1", "l:4:1", "l:5:1"]


async def test_try_a_question_asks_one_on_the_lessons_topic(harness: BotHarness) -> None:
    student = harness.user(2008, "Богдан", language_code="uk")
    page = await open_lesson(student, 3)
    replies = await student.press(page, t("uk", "learn.btn.try"))
    new = [message for message in replies if not message.edited]
    assert new, "pressing Try sends a question"
    assert "ентропі" in new[-1].text.lower()
    # The lesson message itself is untouched, so the student can come back to it.
    assert student.current(page.message_id).text == page.text  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_page_is_valid_telegram_html_within_the_limit(lang: str) -> None:
    for item in lessons.LESSONS:
        for page in range(1, len(item.pages) + 1):
            text, _entities = parse_html(lessons.render_page(lang, item.number, page))
            assert len(text) <= 4096
    parse_html(t(lang, "learn.menu"))

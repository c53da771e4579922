"""/learn through the real bot: five lessons after the talk, each page a picture with its text
as the caption, flipped by editing one message; lesson 2 reasons out −log p with answer
buttons; every lesson ends with two bank questions; the page reached survives a restart."""

from __future__ import annotations

import pytest

from bot.features.learn import lessons, pictures
from bot.features.learn.handlers import FILE_IDS
from bot.sandbox.html import parse_html
from bot.texts import t
from db.models import LessonProgress, User
from quiz import glossary
from tests.fakes import BotHarness, Chat, SentMessage
from tests.student_steps import (
    assert_wire_clean,
    open_question,
    open_row,
    right_text,
    stored_attempts,
    wrong_text,
)

PAGES = lessons.all_pages()
MENU_DATA = ["l:1:1", "l:2:1", "l:3:1", "l:4:1", "l:5:1"]
CAPTION_BUDGET = 900  # characters of text a page may have: it must fit a phone screen


def header(lang: str, lesson: int, page: int) -> str:
    """The first line of a page as the student sees it (HTML parsed away)."""
    return parse_html(lessons.caption(lang, lesson, page))[0].splitlines()[0]


def plain(html: str) -> str:
    return parse_html(html)[0]


async def open_page(student: Chat, lesson: int, page: int = 1) -> SentMessage:
    """/learn, then a press that opens the page (the menu the first time)."""
    shown = (await student.say("/learn"))[-1]
    edited = await student.press_data(shown.message_id, f"l:{lesson}:{page}")
    assert len(edited) == 1 and edited[0].edited
    return edited[0]


def assert_page(
    message: SentMessage, lang: str, lesson: int, page: int, answer: str | None
) -> None:
    """The message shows this page: its picture, its caption within the budget."""
    assert message.kind == "photo"
    assert message.file_bytes == pictures.render(lessons.picture_of(lesson, page, answer), lang)
    assert message.text == plain(lessons.caption(lang, lesson, page, answer))
    assert len(message.text) <= CAPTION_BUDGET, (lesson, page, answer, len(message.text))
    assert message.parse_mode == "HTML"


# ---------------------------------------------------------------- the menu and the pages


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_the_first_learn_shows_the_menu_as_a_picture_with_five_lessons(
    harness: BotHarness, lang: str
) -> None:
    student = harness.user(2001, "Оля", language_code=lang)
    replies = await student.say("/learn")
    assert len(replies) == 1
    menu = replies[0]
    assert menu.kind == "photo" and menu.file_bytes == pictures.render("path", lang)
    assert menu.text == plain(t(lang, "learn.menu"))
    assert menu.callback_data == MENU_DATA
    for number in range(1, 6):
        assert (
            glossary.topic_name(lessons.LESSONS[number - 1].topic, lang) in menu.labels[number - 1]
        )


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_every_page_fits_a_phone_has_its_picture_and_turns_by_editing_one_message(
    harness: BotHarness, lang: str
) -> None:
    """Read all five lessons with Next, answering lesson 2's questions on the way."""
    student = harness.user(2002, "Максим", language_code=lang)
    message = await open_page(student, 1)
    seen = []
    while True:
        lesson, page = next(
            (n, p) for n, p in PAGES if message.text.splitlines()[0] == header(lang, n, p)
        )
        found = lessons.page_of(lesson, page)
        assert found is not None
        assert_page(message, lang, lesson, page, None)
        seen.append((lesson, page))
        if found.question is not None:
            assert t(lang, "learn.btn.next") not in message.labels, "answer first, then go on"
            label = t(lang, f"learn.{found.key}.a.{found.question.right}")
            answered = await student.press(message, label)
            assert len(answered) == 1 and answered[0].message_id == message.message_id
            message = answered[0]
            assert_page(message, lang, lesson, page, found.question.right)
        if t(lang, "learn.btn.next") not in message.labels:
            break
        replies = await student.press(message, t(lang, "learn.btn.next"))
        assert len(replies) == 1, "a page turn edits the lesson message, it sends nothing new"
        assert replies[0].message_id == message.message_id
        assert replies[0].method == "editMessageMedia"
        message = replies[0]
    assert seen == PAGES and len(seen) == 19
    # The last page hands over to the game and to practice.
    assert "/game" in message.text and "/quiz" in message.text
    assert "q:topics" in message.callback_data
    assert_wire_clean(harness)


async def test_back_crosses_lesson_boundaries_and_the_menu_button_returns(
    harness: BotHarness,
) -> None:
    student = harness.user(2003, "Ліза", language_code="uk")
    page = await open_page(student, 3)
    back = (await student.press(page, t("uk", "learn.btn.back")))[0]
    assert back.text.splitlines()[0] == header("uk", 2, 7)
    menu = (await student.press(back, t("uk", "learn.btn.menu")))[0]
    assert menu.message_id == page.message_id and menu.file_bytes == pictures.render("path", "uk")
    resume = t("uk", "learn.btn.resume", lesson=2, page=7)
    assert menu.labels[0] == resume and menu.callback_data[1:] == MENU_DATA


# ---------------------------------------------------------------- lesson 2: −log p reasoned out

DERIVATION = [(n, p) for n, p in PAGES if lessons.page_of(n, p).question is not None]  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_every_answer_of_the_derivation_gets_its_why_and_reveals_the_rule(
    harness: BotHarness, lang: str
) -> None:
    assert DERIVATION == [(2, 1), (2, 2), (2, 3), (2, 4)]
    student = harness.user(2004, "Тарас", language_code=lang)
    message = await open_page(student, 2)
    for lesson, page in DERIVATION:
        found = lessons.page_of(lesson, page)
        assert found is not None and found.question is not None
        for answer in found.question.answers:
            unanswered = plain(lessons.caption(lang, lesson, page))
            if student.current(message.message_id).text != unanswered:  # type: ignore[union-attr]
                await student.press_data(message.message_id, f"l:{lesson}:{page}")
            shown = student.current(message.message_id)
            assert shown is not None and shown.text == unanswered
            assert shown.file_bytes == pictures.render(f"rules_{page - 1}", lang)
            label = t(lang, f"learn.{found.key}.a.{answer}")
            assert label in shown.labels
            answered = (await student.press(shown, label))[0]
            why = plain(
                t(lang, f"learn.{found.key}.why.{answer}", **lessons.numbers(lang, 2, page))
            )
            assert why in answered.text and label in answered.text
            assert answered.text.count("✅") == (answer == found.question.right)
            # Right or not, the rule is found now: its card gains a line.
            assert answered.file_bytes == pictures.render(f"rules_{page}", lang)
            assert t(lang, "learn.btn.next") in answered.labels
            message = answered
    conclusion = (await student.press(message, t(lang, "learn.btn.next")))[0]
    assert "S(p) = −log p" in conclusion.text
    assert conclusion.file_bytes == pictures.render("rules_done", lang)


async def test_the_derivation_arrives_at_minus_log_p_and_says_why_the_minus(
    harness: BotHarness,
) -> None:
    student = harness.user(2005, "Ірина", language_code="uk")
    conclusion = await open_page(student, 2, 5)
    text = conclusion.text
    assert "правило 1 каже S ≥ 0" in text and "знаком мінус" in text
    assert "ln(1/2) ≈ −0,6931" in text  # a logarithm of p < 1 is negative: hence the minus
    assert "log(a · b) = log a + log b" in text  # rule 4: only a logarithm turns × into +


# ---------------------------------------------------------------- the pictures


async def test_pictures_are_uploaded_once_then_sent_by_file_id(harness: BotHarness) -> None:
    first = harness.user(2006, "Аня", language_code="uk")
    second = harness.user(2007, "Богдан", language_code="uk")
    await open_page(first, 3, 2)
    uploads = [call for call in harness.sandbox.calls_to("editMessageMedia") if call.files]
    assert len(uploads) == 1
    page = await open_page(second, 3, 2)
    last = harness.sandbox.calls_to("editMessageMedia")[-1]
    assert last.files == {}, "the second student gets the picture Telegram already has"
    assert page.file_bytes == pictures.render("entropies", "uk")


async def test_a_file_id_telegram_no_longer_knows_is_replaced_by_an_upload(
    harness: BotHarness,
) -> None:
    student = harness.user(2016, "Віка", language_code="uk")
    menu = (await student.say("/learn"))[-1]
    harness.app.bot_data[FILE_IDS][("fair_die", "uk")] = "AgADforgotten"
    page = (await student.press(menu, "l:1:1"))[0]
    assert_page(page, "uk", 1, 1, None)
    refused = [c for c in harness.sandbox.calls_to("editMessageMedia") if c.status == 400]
    assert len(refused) == 1 and "file identifier" in (refused[0].error or "")
    assert harness.app.bot_data[FILE_IDS][("fair_die", "uk")] != "AgADforgotten"
    # A new message is not needed: the same lesson message shows the page.
    assert page.message_id == menu.message_id


# ---------------------------------------------------------------- resume and /learn <lesson>


async def test_learn_resumes_at_the_page_reached_after_a_restart(harness: BotHarness) -> None:
    student = harness.user(2008, "Назар", language_code="uk")
    page = await open_page(student, 3)
    await student.press(page, t("uk", "learn.btn.next"))
    await harness.restart()
    replies = await student.say("/learn")
    assert len(replies) == 1 and not replies[0].edited
    assert_page(replies[0], "uk", 3, 2, None)
    async with harness.db.session() as session:
        row = await session.get(LessonProgress, student.id)
    assert row is not None and (row.lesson, row.page) == (3, 2)


async def test_learn_with_a_topic_or_number_opens_that_lesson(harness: BotHarness) -> None:
    student = harness.user(2009, "Nina", language_code="en")
    replies = await student.say("/learn entropy")
    assert replies[-1].text.splitlines()[0] == header("en", 3, 1)
    replies = await student.say("/learn 5")
    assert replies[-1].text.splitlines()[0] == header("en", 5, 1)
    replies = await student.say("/learn 42")
    assert replies[0].text == t("en", "learn.unknown_lesson", lessons=5)
    assert replies[-1].callback_data[-5:] == MENU_DATA  # and the menu to choose from


FORGED = [
    "l:9:1",
    "l:1:9",
    "l:0:1",
    "l:2:8",
    "l:abc",
    "l:1:1:1",
    "l:menu:x",
    "l:a:2:1:maybe",  # no such answer
    "l:a:1:1:yes",  # a page without a question
    "l:a:2:1:" + "n" * 40,
    "l:check:6",
    "l:check:x",
    "l:" + "9" * 60,
]


async def test_forged_lesson_buttons_get_a_kind_answer_and_change_nothing(
    harness: BotHarness,
) -> None:
    student = harness.user(2010, "Тарас", language_code="uk")
    menu = (await student.say("/learn"))[-1]
    for forged in FORGED:
        replies = await student.press_data(menu.message_id, forged)
        assert replies == [], forged
        assert student.last_answer is not None, forged
        assert student.last_answer.get("text") == t("uk", "learn.stale_button"), forged
    assert student.current(menu.message_id).text == menu.text  # type: ignore[union-attr]


async def test_an_old_text_lesson_message_gets_a_fresh_page(harness: BotHarness) -> None:
    """A press on a text message (the note after a lesson's questions, or a lesson page of
    an older version of the bot) sends the page as a new photo and keeps the text."""
    student = harness.user(2011, "Ола", language_code="uk")
    await student.say("/start")
    note = student.last
    replies = await student.press_data(note.message_id, "l:1:2")
    assert len(replies) == 1 and not replies[0].edited
    assert_page(replies[0], "uk", 1, 2, None)
    assert student.current(note.message_id).text == note.text  # type: ignore[union-attr]


# ---------------------------------------------------------------- the closing questions


async def answer_open_question(harness: BotHarness, student: Chat, *, right: bool) -> None:
    """Answer as a student would: a number, or the label of a choice button."""
    question = await open_question(harness, student.id, student.language_code or "uk")
    assert question is not None
    await student.say(right_text(question) if right else wrong_text(question))


@pytest.mark.parametrize("restart_between", [False, True])
async def test_a_lesson_ends_with_two_bank_questions_then_the_next_lesson(
    harness: BotHarness, restart_between: bool
) -> None:
    student = harness.user(2012, "Софія", language_code="uk")
    last_page = await open_page(student, 1, 3)
    asked = await student.press(last_page, t("uk", "learn.btn.check"))
    assert t("uk", "learn.check.start", title="Ймовірність").split("<b>")[0] in asked[0].text
    first = await open_row(harness, student.id)
    assert first is not None and first.topic == "probability"
    if restart_between:  # the check under way is remembered across a restart
        await harness.restart()

    await answer_open_question(harness, student, right=True)
    second = await open_row(harness, student.id)
    assert second is not None and second.topic == "probability" and second.seed != first.seed
    assert plain(t("uk", "learn.check.second", title="Ймовірність")) in [
        m.text for m in student.messages
    ]

    await answer_open_question(harness, student, right=False)  # a first try: still open
    assert (await open_row(harness, student.id)) is not None
    await answer_open_question(harness, student, right=False)  # the second try closes it
    done = student.last
    assert done.text == plain(
        t("uk", "learn.check.done", lesson=1, title="Ймовірність", next=2, next_title="Сюрприз")
    )
    attempts = await stored_attempts(harness, student.id)
    assert [(a.seed, a.correct) for a in attempts] == [
        (first.seed, True),
        (second.seed, False),
        (second.seed, False),
    ]

    # On to lesson 2: a new lesson message (the note stays), and the menu marks lesson 1.
    opened = await student.press(done, "l:2:1")
    assert len(opened) == 1 and not opened[0].edited
    assert_page(opened[0], "uk", 2, 1, None)
    menu = (await student.press(opened[0], t("uk", "learn.btn.menu")))[0]
    assert t("uk", "learn.btn.lesson_done", number=1, title="Ймовірність") in menu.labels
    assert t("uk", "learn.btn.lesson", number=2, title="Сюрприз") in menu.labels
    assert_wire_clean(harness)


async def test_the_last_lesson_hands_over_to_the_game_and_practice(harness: BotHarness) -> None:
    student = harness.user(2013, "Kate", language_code="en")
    last_page = await open_page(student, 5, 3)
    await student.press(last_page, t("en", "learn.btn.check"))
    assert (await open_row(harness, student.id)).topic == "kl_divergence"  # type: ignore[union-attr]
    await student.say("/skip")  # a skipped question counts as answered
    row = await open_row(harness, student.id)
    assert row is not None and row.topic == "kl_divergence"
    await student.say("/skip")
    done = student.last
    assert "/game" in done.text and "/quiz" in done.text
    topics = await student.press(done, t("en", "learn.btn.practice"))
    assert topics[-1].callback_data[0] == "q:topic:probability"


async def test_a_closing_question_replaced_by_free_practice_drops_the_check_quietly(
    harness: BotHarness,
) -> None:
    """After the first closing question the student takes «Next question» on its feedback
    instead of the lesson's second question: the check is dropped, nothing is said."""
    student = harness.user(2014, "Петро", language_code="uk")
    last_page = await open_page(student, 3, 2)
    await student.press(last_page, t("uk", "learn.btn.check"))
    await answer_open_question(harness, student, right=True)
    feedback = next(m for m in reversed(student.messages) if "q:next:entropy" in m.callback_data)
    await student.press(feedback, "q:next:entropy")
    await answer_open_question(harness, student, right=True)  # the free question
    texts = [m.text for m in student.messages]
    second = plain(t("uk", "learn.check.second", title="Ентропія"))
    assert texts.count(second) == 1  # asked once, after the first answer
    assert not any(text.startswith("🎉") for text in texts), "no lesson is finished"
    async with harness.db.session() as session:
        row = await session.get(LessonProgress, student.id)
    assert row is not None and row.check_seed is None and row.finished == 0


async def test_forgetting_a_student_forgets_where_they_were(harness: BotHarness) -> None:
    """The progress row hangs on the user row (ON DELETE CASCADE), as /forget_me expects."""
    student = harness.user(2015, "Марко", language_code="uk")
    await open_page(student, 4, 2)
    async with harness.db.session() as session:
        user = await session.get(User, student.id)
        assert user is not None and await session.get(LessonProgress, student.id) is not None
        await session.delete(user)
        await session.commit()
    async with harness.db.session() as session:
        assert await session.get(LessonProgress, student.id) is None

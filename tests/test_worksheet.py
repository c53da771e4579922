"""/worksheet: a teacher prints a PDF of questions for their own class, with an answers page —
through the real bot. Students are refused kindly; one teacher cannot print for another's class."""

from __future__ import annotations

import io
import re
import string

import pypdf

from bot.features.worksheet import content
from bot.sandbox.html import parse_html
from bot.texts import t
from bot.texts import worksheet as worksheet_texts
from db.models import Class
from quiz.questions import answer_text
from tests.conftest import MakeHarness
from tests.fakes import ADMIN_ID, BotHarness, Chat, SentMessage

TEACHER_B = ADMIN_ID + 1
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


async def add_class(
    h: BotHarness, teacher_id: int, code: str, name: str = "7-Б", base: str = "2"
) -> None:
    async with h.db.session() as session:
        session.add(Class(code=code, name=name, teacher_id=teacher_id, base=base))
        await session.commit()


async def meet(chat: Chat) -> None:
    """The user's first message creates their row (classes point at it)."""
    await chat.say("/worksheet")


def pdf_pages(message: SentMessage) -> list[str]:
    assert message.kind == "document" and message.file_bytes is not None
    assert message.file_bytes.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(message.file_bytes))
    return [page.extract_text() for page in reader.pages]


def documents(replies: list[SentMessage]) -> list[SentMessage]:
    return [message for message in replies if message.kind == "document"]


async def test_a_student_is_told_worksheets_are_for_teachers(harness: BotHarness) -> None:
    student = harness.user(4001, "Оля", language_code="uk")
    for command in ("/worksheet", "/worksheet ABCD2345 entropy 5"):
        replies = await student.say(command)
        assert [message.text for message in replies] == [t("uk", "ws.teachers_only")]


async def test_a_student_pressing_a_worksheet_button_is_refused(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    student = harness.user(4002, "Максим", language_code="uk")
    menu = (await student.say("/lab"))[0]  # any bot message to press on
    assert await student.press_data(menu.message_id, "ws:n:ABCD2345:entropy:5") == []
    assert student.last_answer is not None
    assert student.last_answer.get("text") == t("uk", "ws.teachers_only")


async def test_a_teacher_gets_a_printable_pdf_with_an_answers_page(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345", name="7-Б <фізмат>")
    replies = await teacher.say("/worksheet abcd2345 entropy 5 seed=777")
    [document] = documents(replies)
    assert document.filename == "worksheet-ABCD2345-entropy.pdf"
    assert len(document.text) <= 1024 and "777" in document.text
    assert "7-Б <фізмат>" in document.text  # escaped for HTML, shown as typed
    assert " · 5 завдань · " in document.text

    pages = pdf_pages(document)
    assert len(pages) >= 2
    questions, answers = "\n".join(pages[:-1]), pages[-1]
    assert "Клас: 7-Б <фізмат> (ABCD2345)" in questions
    assert CYRILLIC.search(questions) and "ентропі" in questions.lower()
    for number in range(1, 6):
        assert f"{number}. " in questions
    assert answers.startswith(t("uk", "ws.pdf.answers_title"))
    # The answers page shows exactly the answers of the questions printed, in order.
    sheet = content.build(
        class_name="7-Б <фізмат>",
        class_code="ABCD2345",
        base="2",
        lang="uk",
        topic="entropy",
        count=5,
        seed=777,
    )
    for item in sheet.items:
        assert f"{item.number}. Відповідь: {item.answer_text}" in answers
        assert answer_text(item.question) in item.answer_text
    assert "6. Відповідь" not in answers
    assert "варіант 777" in pages[0]


async def test_the_same_seed_prints_the_same_sheet(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    first = pdf_pages(documents(await teacher.say("/worksheet ABCD2345 mixed 10 seed=42"))[0])
    again = pdf_pages(documents(await teacher.say("/worksheet ABCD2345 mixed 10 seed=42"))[0])
    other = pdf_pages(documents(await teacher.say("/worksheet ABCD2345 mixed 10 seed=43"))[0])
    assert first == again
    assert first != other


async def test_the_class_base_and_the_teachers_language_are_used(harness: BotHarness) -> None:
    teacher = harness.teacher(language_code="en")
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "NATS2345", name="Year 8", base="e")
    [document] = documents(await teacher.say("/worksheet NATS2345 cross-entropy 4"))
    assert document.filename == "worksheet-NATS2345-cross_entropy.pdf"
    assert " · 4 questions · " in document.text
    pages = pdf_pages(document)
    text = "\n".join(pages)
    assert "Worksheet: Cross-entropy" in pages[0]
    assert "in nats" in text
    answers = pages[-1]
    assert "nats" in answers and "bits" not in answers
    assert not CYRILLIC.search(text.replace("Вчителька", ""))


async def test_teacher_b_cannot_print_for_teacher_a_class(make_harness: MakeHarness) -> None:
    async with make_harness(ADMIN_IDS=f"{ADMIN_ID},{TEACHER_B}") as h:
        teacher_a = h.teacher()
        teacher_b = h.user(TEACHER_B, "Петро", language_code="uk")
        await meet(teacher_a)
        await meet(teacher_b)
        await add_class(h, ADMIN_ID, "AAAA2345", name="Клас А")
        await add_class(h, TEACHER_B, "BBBB2345", name="Клас Б")

        replies = await teacher_b.say("/worksheet AAAA2345 entropy 5")
        assert documents(replies) == []
        assert replies[0].text == t("uk", "ws.not_your_class", code="AAAA2345")
        assert replies[0].callback_data == ["ws:c:BBBB2345"]  # only B's own class to choose

        # Forged dialog buttons naming A's class do nothing either.
        for forged in ("ws:c:AAAA2345", "ws:t:AAAA2345:entropy", "ws:n:AAAA2345:entropy:5"):
            assert await teacher_b.press_data(replies[0].message_id, forged) == []
            assert teacher_b.last_answer is not None
            assert teacher_b.last_answer.get("text") == t("uk", "ws.stale_button")


async def test_missing_arguments_start_a_guided_dialog(harness: BotHarness) -> None:
    teacher = harness.teacher()
    first = await teacher.say("/worksheet")
    assert [message.text for message in first] == [
        t("uk", "ws.no_classes").replace("<i>", "").replace("</i>", "")
    ]
    await add_class(harness, ADMIN_ID, "ABCD2345", name="7-А")
    await add_class(harness, ADMIN_ID, "EFGH2345", name="8-В")

    pick_class = (await teacher.say("/worksheet"))[0]
    assert pick_class.callback_data == ["ws:c:ABCD2345", "ws:c:EFGH2345"]
    pick_topic = (await teacher.press(pick_class, "8-В"))[0]
    assert pick_topic.edited and pick_topic.message_id == pick_class.message_id
    assert "ws:t:EFGH2345:mixed" in pick_topic.callback_data
    pick_count = (await teacher.press(pick_topic, t("uk", "topic.probability")))[0]
    assert [label for label in pick_count.labels] == ["5", "10", "15", "20"]
    replies = await teacher.press(pick_count, "5")
    [document] = documents(replies)
    assert document.filename == "worksheet-EFGH2345-probability.pdf"
    answers = pdf_pages(document)[-1]
    assert "5. Відповідь" in answers and "6. Відповідь" not in answers
    # The finished dialog loses its buttons: a second tap cannot print again.
    assert teacher.current(pick_class.message_id).buttons == []  # type: ignore[union-attr]


ENTROPY = t("uk", "topic.entropy")


RE_ASKS: list[tuple[str, str, dict[str, object], str | None]] = [
    ("ABCD2345", "ws.pick_topic", {"name": "7-Б"}, "ws:t:ABCD2345:entropy"),
    (
        "ABCD2345 astrology 5",
        "ws.bad_topic",
        {"value": "astrology"},
        "ws:t:ABCD2345:kl_divergence",
    ),
    (
        "ABCD2345 entropy",
        "ws.pick_count",
        {"name": "7-Б", "topic": ENTROPY},
        "ws:n:ABCD2345:entropy:10",
    ),
    ("ABCD2345 entropy 41", "ws.bad_count", {"limit": 40}, "ws:n:ABCD2345:entropy:5"),
    ("ABCD2345 entropy 0", "ws.bad_count", {"limit": 40}, "ws:n:ABCD2345:entropy:20"),
    ("ABCD2345 entropy lots", "ws.bad_count", {"limit": 40}, "ws:n:ABCD2345:entropy:15"),
    ("NOPE<b> entropy 5", "ws.not_your_class", {"code": "NOPE<b>"}, "ws:c:ABCD2345"),
    ("ABCD2345 entropy 5 seed=x", "ws.bad_seed", {}, None),
]


async def test_wrong_or_missing_arguments_ask_again_with_buttons(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    for arguments, key, values, button in RE_ASKS:
        replies = await teacher.say(f"/worksheet {arguments}")
        assert documents(replies) == [], arguments
        assert [message.text for message in replies] == [t("uk", key, **values)], arguments
        if button is not None:
            assert button in replies[0].callback_data, arguments


async def test_forty_questions_fit_and_keep_their_numbers(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    [document] = documents(await teacher.say("/worksheet ABCD2345 mixed 40"))
    pages = pdf_pages(document)
    text = "\n".join(pages)
    for number in (1, 20, 40):
        assert f"{number}. Відповідь:" in text
    assert len(pages) < 40  # several questions per page, not one each


def test_worksheet_topics_accept_what_teachers_type() -> None:
    assert content.normalise_topic("KL") == "kl_divergence"
    assert content.normalise_topic("cross-entropy") == "cross_entropy"
    assert content.normalise_topic("Surprise") == "surprisal"
    assert content.normalise_topic("mixed") == "mixed"
    assert content.normalise_topic("astrology") is None
    assert [content.level_for(i, 6) for i in range(6)] == [1, 1, 2, 2, 3, 3]


def test_every_worksheet_message_is_valid_telegram_html() -> None:
    for lang, catalog in (("uk", worksheet_texts.UK), ("en", worksheet_texts.EN)):
        for key, template in catalog.items():
            if key.startswith("ws.pdf."):
                continue  # printed in the PDF, not sent to Telegram
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            parse_html(t(lang, key, **dict.fromkeys(names, "x")))

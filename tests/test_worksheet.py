"""/worksheet: a teacher prints typeset worksheets for their own class — a named variant per
student in one PDF, the key in another — through the real bot. Students are refused kindly; one
teacher cannot print for another's class."""

from __future__ import annotations

import io
import re
import string

import pypdf
from sqlalchemy import select

from bot.features.worksheet import content
from bot.sandbox.html import parse_html
from bot.texts import t
from bot.texts import worksheet as worksheet_texts
from db.models import Class, Membership, User, Worksheet, WorksheetVariant
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


async def add_students(h: BotHarness, code: str, names: list[tuple[int, str, str]]) -> None:
    """Students with first and last names in the class `code`."""
    async with h.db.session() as session:
        klass = await session.scalar(select(Class).where(Class.code == code))
        assert klass is not None
        session.add_all(
            User(id=user_id, first_name=first, last_name=last) for user_id, first, last in names
        )
        await session.flush()
        session.add_all(Membership(class_id=klass.id, user_id=user_id) for user_id, _, _ in names)
        await session.commit()


STUDENTS = [(7001, "Олена", "Коваль"), (7002, "Тарас", "Бойко"), (7003, "Ґанна", "Їжак")]
NAMES = ["Олена Коваль", "Тарас Бойко", "Ґанна Їжак"]
KEY_ENTRY = re.compile(r"(?<![\d,])(\d{1,2})\.\s(.*?)(?=\s\d{1,2}\.\s|$)")
TASK_NUMBER = re.compile(r"^(\d{1,2})\.\s", re.MULTILINE)


def tasks_per_page(pages: list[str]) -> list[list[int]]:
    """The task numbers on each page. A task's text wrapped so that a line starts with a number
    and a full stop ("…відрізняються на\n3. Яка…") looks like a task number too; the tasks run
    1, 2, 3… in order, so only the next expected number counts."""
    expected = 1
    found: list[list[int]] = []
    for page in pages:
        numbers = []
        for match in TASK_NUMBER.findall(page):
            if int(match) == expected:
                numbers.append(expected)
                expected += 1
        found.append(numbers)
    return found


TYPING_HINTS = ("log2(6)", "як 1/6", "like 1/6", "як 0,17", "Відповідь: дріб", "Answer as")


def page_sets(pages: list[str]) -> dict[str, list[str]]:
    """The pages of each student, by the name at the foot of every page."""
    sets: dict[str, list[str]] = {}
    for page in pages:
        [name] = [name for name in NAMES if name in page]
        sets.setdefault(name, []).append(page)
    return sets


async def printed(h: BotHarness, teacher: Chat, command: str) -> tuple[SentMessage, SentMessage]:
    sheets, key = documents(await teacher.say(command))
    return sheets, key


async def test_every_student_gets_their_own_named_variant_and_the_key_is_separate(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345", name="7-Б <фізмат>")
    await add_students(harness, "ABCD2345", STUDENTS)
    sheets, key = await printed(harness, teacher, "/worksheet abcd2345 mixed 10 seed=777")

    async with harness.db.session() as session:
        sheet = await session.scalar(select(Worksheet))
        variants = list(await session.scalars(select(WorksheetVariant)))
    assert sheet is not None and (sheet.topic, sheet.count, sheet.seed) == ("mixed", 10, 777)
    assert sheet.code in sheets.text and "7-Б <фізмат>" in sheets.text
    assert sheet.code in key.text and len(sheets.text) <= 1024 and len(key.text) <= 1024
    assert sheets.filename is not None and sheets.filename.startswith("7-B-fizmat_mixed_")
    assert key.filename is not None and key.filename.endswith(".pdf") and "_key_" in key.filename

    pages = pdf_pages(sheets)
    sets = page_sets(pages)
    # One page-set each, in register order (surname: Бойко, Їжак, Коваль).
    assert list(sets) == ["Тарас Бойко", "Ґанна Їжак", "Олена Коваль"]
    for name, own in sets.items():
        numbers = [n for page in tasks_per_page(own) for n in page]
        assert numbers == list(range(1, 11)), name
        for page, on_page in zip(own, tasks_per_page(own), strict=True):
            assert sheet.code in page and name in page  # on every page, in case pages part
            assert 1 <= len(on_page) <= 6
            assert not any(hint in page for hint in TYPING_HINTS), page
    assert "7-Б <фізмат>" in pages[0] and CYRILLIC.search(pages[0])

    # The key: each student's section has the answers the question bank gives for the
    # variant stored for them, in order; the sheets have none of them.
    key_text = "\n".join(pdf_pages(key))
    split = re.split(f"({'|'.join(NAMES)})", key_text)[1:]  # name, section, name, section…
    sections = dict(zip(split[::2], split[1::2], strict=True))
    assert list(sections) == list(sets)  # the key follows the sheets' order
    by_student = {variant.user_id: variant for variant in variants}
    for user_id, first, last in STUDENTS:
        variant = by_student[user_id]
        assert variant.seed == content.student_seed(777, user_id)
        items = content.build_items(topic="mixed", count=10, seed=variant.seed, lang="uk", base="2")
        assert [stored["params"] for stored in variant.items] == [
            item.question.params for item in items
        ]
        entries = dict(KEY_ENTRY.findall(" ".join(sections[f"{first} {last}"].split())))
        assert list(entries) == [str(item.number) for item in items]
        for item in items:
            # a typeset fraction 7/8 comes out of the PDF's text as "7 8"
            in_pdf = re.sub(r"(\d)/(\d)", r"\1 \2", item.answer_text)
            assert in_pdf in entries[str(item.number)], (item.number, entries)
    assert len({variant.seed for variant in variants}) == 3  # three different variants
    assert len({str(variant.items) for variant in variants}) == 3


async def test_the_same_seed_prints_the_same_variants_again(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    await add_students(harness, "ABCD2345", STUDENTS[:2])
    first, first_key = await printed(harness, teacher, "/worksheet ABCD2345 entropy 5 seed=42")
    again, again_key = await printed(harness, teacher, "/worksheet ABCD2345 entropy 5 seed=42")
    other, _ = await printed(harness, teacher, "/worksheet ABCD2345 entropy 5 seed=43")
    async with harness.db.session() as session:
        codes = list(await session.scalars(select(Worksheet.code).order_by(Worksheet.id)))
    assert len(set(codes)) == 3  # each print has its own code …

    def without_code(message: SentMessage, code: str) -> list[str]:
        return [page.replace(code, "CODE") for page in pdf_pages(message)]

    # … and otherwise the same pages for the same seed.
    assert without_code(first, codes[0]) == without_code(again, codes[1])
    assert without_code(first_key, codes[0]) == without_code(again_key, codes[1])
    assert without_code(first, codes[0]) != without_code(other, codes[2])


async def test_a_class_without_students_gets_one_sheet_without_a_name(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    sheets, key = await printed(harness, teacher, "/worksheet ABCD2345 probability 5")
    assert "ще немає учнів" in sheets.text
    pages = pdf_pages(sheets)
    # One page-set (how many pages five tasks take depends on the drawn tasks' lengths):
    # its numbering starts once, and its first page has the blank name line.
    page = t("uk", "ws.pdf.page")
    assert sum(f"{page} 1 /" in text for text in pages) == 1
    assert t("uk", "ws.pdf.name") in pages[0]
    assert t("uk", "ws.pdf.no_name") in pdf_pages(key)[0]


async def test_the_class_base_and_the_teachers_language_are_used(harness: BotHarness) -> None:
    teacher = harness.teacher(language_code="en")
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "NATS2345", name="Year 8", base="e")
    await add_students(harness, "NATS2345", [(7101, "Amy", "Stone")])
    sheets, key = await printed(harness, teacher, "/worksheet NATS2345 cross-entropy 4")
    assert sheets.filename is not None and sheets.filename.startswith("Year-8_cross-entropy_")
    assert " · 4 questions · " in sheets.text
    text = "\n".join(pdf_pages(sheets))
    assert "Cross-entropy: worksheet" in text and "Amy Stone" in text
    assert "in nats" in text and "ln" in text  # the reminder formulas in the class's base
    answers = "\n".join(pdf_pages(key))
    assert "nats" in answers and "bits" not in answers
    assert not CYRILLIC.search(text + answers)


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
    sheets, key = documents(replies)
    assert sheets.filename is not None and sheets.filename.startswith("8-V_probability_")
    assert key.filename is not None and key.filename.startswith("8-V_probability_key_")
    key_text = "\n".join(pdf_pages(key))
    assert "5." in key_text and "6." not in key_text
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


async def test_forty_questions_keep_their_numbers_and_at_most_six_a_page(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    await add_students(harness, "ABCD2345", STUDENTS[:1])
    sheets, key = await printed(harness, teacher, "/worksheet ABCD2345 mixed 40")
    pages = pdf_pages(sheets)
    per_page = [len(numbers) for numbers in tasks_per_page(pages)]
    assert sum(per_page) == 40 and max(per_page) <= 6
    assert len(pages) <= 12  # several tasks a page, with room to write
    key_text = "\n".join(pdf_pages(key))
    assert all(f"{number}." in key_text for number in (1, 20, 40))


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


async def test_a_class_larger_than_one_typesetting_group_keeps_every_student_in_order(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    await meet(teacher)
    await add_class(harness, ADMIN_ID, "ABCD2345")
    people = [(7200 + i, "Учень", f"Номер{i:02d}") for i in range(11)]
    await add_students(harness, "ABCD2345", people)
    sheets, _ = await printed(harness, teacher, "/worksheet ABCD2345 probability 4")
    pages = pdf_pages(sheets)
    names = [f"{first} {last}" for _, first, last in people]
    owners = [next(name for name in names if name in page) for page in pages]
    assert list(dict.fromkeys(owners)) == [f"Учень Номер{i:02d}" for i in range(11)]
    assert len(pages) == 11  # four tasks fit on each student's one page

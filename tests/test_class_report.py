"""The class report: a text table split into pages, a heatmap PNG and a CSV file, checked
against attempts made through the real answering flow and attempts stored directly."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlalchemy import event

from bot.features.student import service
from bot.features.student.service import rebuild_question
from bot.features.teacher.reports import (
    CSV_KEYS,
    PAGE_SIZE,
    build_report,
    render_page,
    topic_line,
    visible_length,
)
from bot.texts import t
from db.models import Class, OpenQuestion, User
from db.repositories import attempts, classes, users
from db.repositories import mastery as mastery_repo
from db.repositories.classes import TopicStats
from quiz.mastery import (
    LevelState,
    TopicState,
    Try,
    record,
    record_question,
    record_try,
    topic_mastery,
)
from quiz.numbers import format_percent
from quiz.questions import TOPICS, answer_from_params, generate
from tests.fakes import BotHarness
from tests.fakes.harness import Chat
from tests.student_steps import FixedSeeds, plain, right_text, seeds_of, wrong_text
from tests.test_teacher import PNG_MAGIC, MovableClock, class_row, create_class

KYIV = ZoneInfo("Europe/Kyiv")
HEADER_KEYS = CSV_KEYS


def parse_csv(data: bytes, lang: str = "uk") -> list[dict[str, str]]:
    """The CSV as Excel would read it: UTF-8 with a BOM, `;` in Ukrainian, `,` in English."""
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read Cyrillic as UTF-8"
    text = data[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "uk" else ","))
    header = [t(lang, f"teacher.csv.{key}") for key in HEADER_KEYS]
    assert rows[0] == header
    return [dict(zip(HEADER_KEYS, row, strict=True)) for row in rows[1:]]


def by_student_topic(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(row["name"], row["topic"]): row for row in rows}


async def answer_open_question(h: BotHarness, student: Chat, *, right: bool) -> str:
    """Answer the open question right or wrong (typed, or a button's label); what was sent."""
    async with h.db.session() as session:
        row = await session.get(OpenQuestion, student.id)
    assert row is not None, "the student has no open question"
    question = rebuild_question(row, "uk")
    text = (
        right_text(question)
        if right
        else "999"
        if question.choices is None
        else (wrong_text(question))
    )
    await student.say(text)
    return text


async def mastery_of(h: BotHarness, user_id: int, topic: str) -> float:
    """The one number per topic, read the one way every view reads it."""
    async with h.db.session() as session:
        state = await mastery_repo.topic_of(session, user_id, topic)
    value = topic_mastery(state)
    assert value is not None
    return value


def report_parts(replies: list) -> tuple:  # type: ignore[type-arg]
    kinds = [r.kind for r in replies]
    assert kinds == ["photo", "document", "text"], kinds
    return replies[0], replies[1], replies[2]


async def test_report_matches_answers_given_through_the_bot(make_harness, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Typed questions (a wrong first try leaves them open): fair-die entropy, die events.
    fair = seeds_of("entropy", 1, "fair_entropy")
    events = seeds_of("probability", 1, "die_event")
    surprise = seeds_of("surprisal", 1, "die_event")
    monkeypatch.setattr(service, "secrets", FixedSeeds(*fair[:2], events[0], surprise[0]))
    clock = MovableClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    async with make_harness(clock=clock) as h:
        teacher = h.teacher()
        code = await create_class(teacher, "7-Б")
        olena = h.user(2001, "Олена", last_name="Коваль")
        taras = h.user(2002, "Тарас", last_name="<b>Бондар</b>")
        for student in (olena, taras):
            await student.say(f"/join {code}")

        await olena.say("/quiz entropy")
        await answer_open_question(h, olena, right=True)
        clock.advance(minutes=5)
        await olena.say("/quiz entropy")
        wrong = await answer_open_question(h, olena, right=False)  # a first try: still open
        last_entropy = clock.now
        clock.advance(minutes=5)
        await olena.say("/quiz probability")  # replaces it: closed as wrong
        await answer_open_question(h, olena, right=True)
        await taras.say("/quiz surprisal")
        await taras.say("/skip")

        photo, document, table = report_parts(await teacher.say(f"/class {code}"))

        assert photo.file_bytes is not None and photo.file_bytes.startswith(PNG_MAGIC)
        with Image.open(io.BytesIO(photo.file_bytes)) as image:
            assert image.format == "PNG" and image.width >= 600 and image.height >= 200
            image.verify()
        assert "7-Б" in photo.text and len(photo.text) <= 1024
        assert document.filename is not None and document.filename.endswith(".csv")
        assert document.file_bytes is not None
        rows = parse_csv(document.file_bytes)
        assert len(rows) == 2 * len(TOPICS)  # one row per student × topic
        cells = by_student_topic(rows)
        entropy = cells[("Олена Коваль", t("uk", "topic.entropy"))]
        assert entropy["student_id"] == str(olena.id)
        assert (entropy["attempts"], entropy["correct"], entropy["accuracy"]) == ("2", "1", "50")
        # right; then a wrong try, left for a new question (closed on that try)
        state = record_question(TopicState(), 1, [Try(True)], clock.now)
        state = record(record_try(state, 1, Try(False)), 1, None, clock.now)
        expected = topic_mastery(state)
        assert expected is not None
        assert await mastery_of(h, olena.id, "entropy") == expected
        assert entropy["mastery"] == str(round(expected * 100))
        assert entropy["level"] == "1"
        assert entropy["last"] == last_entropy.astimezone(KYIV).strftime("%Y-%m-%d %H:%M")
        assert entropy["last"] == "2026-11-27 11:05"  # Kyiv is UTC+2 in November
        probability = cells[("Олена Коваль", t("uk", "topic.probability"))]
        assert (probability["attempts"], probability["correct"]) == ("1", "1")
        assert probability["accuracy"] == "100"
        skipped = cells[("Тарас <b>Бондар</b>", t("uk", "topic.surprisal"))]
        assert (skipped["attempts"], skipped["correct"], skipped["accuracy"]) == ("1", "0", "0")
        assert skipped["mastery"] == str(round(await mastery_of(h, taras.id, "surprisal") * 100))
        untried = cells[("Тарас <b>Бондар</b>", t("uk", "topic.kl_divergence"))]
        assert (untried["attempts"], untried["accuracy"], untried["last"]) == ("0", "", "")

        entropy_stats = TopicStats(olena.id, "entropy", 2, 1, 0, None, expected, 1)
        assert plain(topic_line(entropy_stats, "entropy", "uk")) in table.text
        assert format_percent(0.5, "uk") in plain(topic_line(entropy_stats, "entropy", "uk"))
        assert "Тарас <b>Бондар</b>" in table.text  # shown as typed, not as markup
        assert "&lt;b&gt;" in table.source and "<b>Бондар" not in table.source
        assert len(table.source) <= 4096

        answers = await teacher.press(table, "Олена")
        view = answers[-1]
        assert view.edited and view.message_id == table.message_id
        assert view.text.count("✅") == 2 and view.text.count("❌") == 1
        assert wrong in view.text
        back = await teacher.press(view, t("uk", "teacher.btn.back"))
        assert back[-1].text == table.text


async def test_the_student_view_shows_question_typed_answer_and_diagnosis(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a question about one roll of a die, whose lost minus sign the grader names
    monkeypatch.setattr(service, "secrets", FixedSeeds(seeds_of("surprisal", 1, "die_event")[0]))
    teacher = harness.teacher("Teacher", "en")
    code = await create_class(teacher, "Year 9")
    student = harness.user(2001, "Ann", "en")
    await student.say(f"/join {code}")
    await student.say("/quiz surprisal")
    async with harness.db.session() as session:
        row = await session.get(OpenQuestion, student.id)
    assert row is not None
    question = generate(row.topic, row.level, row.seed, "en", row.base)
    typed = f"-{answer_from_params(row.params):.4f}"
    await student.say(typed)  # the classic lost minus sign
    _, _, table = report_parts(await teacher.say(f"/class {code}"))
    view = (await teacher.press(table, "Ann"))[-1]
    asking = next(line for line in question.text.splitlines() if "?" in line)
    assert asking.strip()[:40] in view.text
    assert "❌" in view.text and typed in view.text  # exactly what they typed
    async with harness.db.session() as session:
        diagnosed = (await classes.recent_attempts(session, student.id))[0]
    assert diagnosed.diagnosis is not None
    assert f"💬 {diagnosed.feedback.splitlines()[0]}"[:60] in view.text


async def seed_class(
    h: BotHarness, teacher_id: int, size: int, first_id: int = 5000
) -> tuple[str, dict[int, int]]:
    """A class of `size` students with attempts stored straight through the repositories;
    returns the code and each student's number of right answers in entropy."""
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    right: dict[int, int] = {}
    async with h.db.session() as session:
        klass = await classes.create_class(
            session, teacher_id=teacher_id, name="Великий клас", timezone="Europe/Kyiv", now=now
        )
        for i in range(size):
            user_id = first_id + i
            name = f"Учень{i:02d} " + "Ж" * 120  # names as long as Telegram allows
            await users.upsert_from_profile(session, users.Profile(user_id, name))
            await classes.join(session, klass.id, user_id, now=now)
            right[user_id] = i % 4
            for k in range(3):
                await attempts.put_open_question(
                    session, user_id=user_id, topic="entropy", level=1, seed=k, lang="uk",
                    base="2", params={"kind": "entropy"}, asked_at=now,
                )  # fmt: skip
                question = await attempts.get_open_question(session, user_id)
                assert question is not None
                await attempts.record_attempt(
                    session, question, text=str(k), value=float(k), correct=k < i % 4,
                    answered_at=now + timedelta(minutes=k),
                )  # fmt: skip
            state = TopicState(levels={1: LevelState(p=(i % 10) / 10, answers=3)})
            await mastery_repo.save_topic(session, user_id, "entropy", state, level=1, now=now)
        await session.commit()
    return klass.code, right


async def test_a_large_class_pages_by_buttons_and_every_message_fits(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await teacher.say("/start")
    size = 2 * PAGE_SIZE + 3
    code, right = await seed_class(harness, teacher.id, size)

    photo, document, table = report_parts(await teacher.say(f"/class {code}"))
    assert photo.file_bytes is not None and photo.file_bytes.startswith(PNG_MAGIC)
    rows = parse_csv(document.file_bytes)  # type: ignore[arg-type]
    entropy = [r for r in rows if r["topic"] == t("uk", "topic.entropy")]
    assert len(rows) == size * len(TOPICS) and len(entropy) == size
    for row in entropy:
        user_id = int(row["student_id"])
        assert row["attempts"] == "3"
        assert row["correct"] == str(right[user_id])
        assert row["accuracy"] == str(round(100 * right[user_id] / 3))
        # level 1 at p = (i % 10)/10, levels 2 and 3 untried (at the prior 0.2): the mean
        level_one = ((user_id - 5000) % 10) / 10
        assert row["mastery"] == str(round(100 * (level_one + 0.4) / 3))
        assert row["last"] == "2026-11-20 14:02"
        assert len(row["name"]) > 120  # the CSV keeps full names

    assert "1/3" in table.text and len(table.source) <= 4096
    student_buttons = [d for d in table.callback_data if d.startswith("t:stu:")]
    assert len(student_buttons) == PAGE_SIZE
    assert all(len(d.encode()) <= 64 for d in table.callback_data)

    second = (await teacher.press(table, "▶️"))[-1]
    assert second.edited and "2/3" in second.text and "11. Учень10" in second.text
    third = (await teacher.press(second, "▶️"))[-1]
    assert "3/3" in third.text and third.text.count("Учень") == 3
    assert "▶️" not in third.labels and "◀️" in third.labels
    class_id = (await class_row(harness, code)).id
    beyond = await teacher.press_data(third.message_id, f"t:rep:{class_id}:99")
    assert beyond == [] or "3/3" in beyond[-1].text  # past the end shows the last page
    for message in teacher.messages:
        assert len(message.source) <= 4096 and len(message.text) <= 4096


async def test_an_empty_class_gets_its_join_link_instead_of_a_report(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "Новий")
    replies = await teacher.say(f"/class {code}")
    assert [r.kind for r in replies] == ["text"]
    assert f"?start=c_{code}" in replies[0].text


async def test_report_from_the_class_picker_in_english(harness: BotHarness) -> None:
    teacher = harness.teacher("Teacher", "en")
    code = await create_class(teacher, "Year 9")
    student = harness.user(2001, "Ann", "en")
    await student.say(f"/join {code}")
    await student.say("/quiz entropy")
    await student.say("/skip")

    picker = await teacher.say("/class")
    assert picker[-1].text == t("en", "teacher.pick_class")
    _photo, document, table = report_parts(await teacher.press(picker[-1], code))
    rows = parse_csv(document.file_bytes, "en")  # type: ignore[arg-type]
    ann = by_student_topic(rows)[("Ann", "Entropy")]
    assert (ann["attempts"], ann["correct"], ann["accuracy"]) == ("1", "0", "0")
    # one skip: level 1 at p 0.17, levels 2 and 3 at the prior 0.2 → (0.17 + 0.4) / 3
    assert "Entropy · L1 — mastery 19% · accuracy 0% (1)" in table.text


async def test_the_report_reads_the_whole_class_in_a_fixed_number_of_queries(
    harness: BotHarness,
) -> None:
    """No query per student: the statistics of 5 and of 40 students take the same queries."""
    teacher = harness.teacher()
    await teacher.say("/start")
    small, _ = await seed_class(harness, teacher.id, 5, first_id=5000)
    large, _ = await seed_class(harness, teacher.id, 40, first_id=6000)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = harness.db.engine.sync_engine
    counts = []
    event.listen(engine, "before_cursor_execute", count)
    try:
        for code, size in ((small, 5), (large, 40)):
            klass = await class_row(harness, code)
            async with harness.db.session() as session:
                statements.clear()
                students = await classes.class_students(session, klass.id)
                stats = await classes.class_topic_stats(session, klass.id)
                counts.append(len(statements))
            assert len(students) == size and len(stats) == size
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert counts[0] == counts[1] <= 3


def test_a_page_that_would_overflow_keeps_every_student() -> None:
    """Forty topics (a future question bank) would not fit ten full blocks into one message:
    every student still appears, with their summary line."""
    klass = Class(id=1, code="ABCDEFGH", name="<Клас>" * 10, timezone="Europe/Kyiv")
    students = [User(id=i, first_name="Ж" * 128, last_name="<&>" * 40) for i in range(PAGE_SIZE)]
    stats = {
        (user.id, f"topic_{k:02d}_" + "x" * 20): TopicStats(user.id, f"t{k}", 99, 50, 1, None, 0.5)
        for user in students
        for k in range(40)
    }
    report = build_report(klass, students, stats)
    text = render_page(report, 0, "uk")
    assert visible_length(text) <= 4096
    for number in range(1, PAGE_SIZE + 1):
        assert f"<b>{number}. " in text


async def test_names_that_look_like_formulas_stay_text_in_the_csv(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    sly = harness.user(2001, '=HYPERLINK("http://evil.example","Оцінки")')
    await sly.say(f"/join {code}")
    _, document, _ = report_parts(await teacher.say(f"/class {code}"))
    names = {row["name"] for row in parse_csv(document.file_bytes)}  # type: ignore[arg-type]
    assert names == {"'" + '=HYPERLINK("http://evil.example","Оцінки")'}

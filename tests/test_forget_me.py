"""/forget_me deletes everything stored about the person who asks, after a confirm button:
checked generically over every table the models define (tables added later are checked too),
and nothing of anyone else's is touched. A teacher with active classes is refused until the
classes are archived; then the archived classes go with them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Column, Integer, Table, func, select

from bot.sandbox import SentMessage
from bot.texts import t
from db.models import (
    Base,
    Class,
    Invite,
    Membership,
    OpenQuestion,
    User,
    Worksheet,
    WorksheetVariant,
)
from db.repositories import privacy
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.fakes.harness import Chat
from tests.group_steps import Group
from tests.homework_helpers import Clock, Student, kyiv, make_class
from tests.student_steps import open_question, typed
from tests.test_teacher import create_class, new_teacher

# Columns that hold a person's (or their private chat's) id, whatever table they are in.
PERSON_COLUMN = re.compile(r"^(user|student|chat|teacher|from|sender|owner)(_id)?$|_by$")
YARYNA, TARAS = Student(3001, "Ярина", "uk"), Student(3002, "Тарас", "uk")
STUDENT_DATA = (
    "users.id",
    "attempts.user_id",
    "level_mastery.user_id",
    "topic_levels.user_id",
    "review_reminders.user_id",
    "open_questions.user_id",
    "memberships.user_id",
    "homework_progress.user_id",
    "reminders.user_id",
    "worksheet_variants.user_id",
)


def person_columns() -> Iterator[tuple[Table, Column[int]]]:
    """Every integer column of every table that names a person or points at users.id."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            points_at_users = any(fk.column.table.name == "users" for fk in column.foreign_keys)
            named_so = bool(PERSON_COLUMN.search(column.name)) or (
                table.name == "users" and column.name == "id"
            )
            if isinstance(column.type, Integer) and (points_at_users or named_so):
                yield table, column


async def rows_about(h: BotHarness, person_id: int, *, inbox: bool = False) -> dict[str, int]:
    """table.column → how many rows hold `person_id` there (only the non-zero ones). The
    inbox (ids of every update received, kept 48 h) grows with each message the person sends,
    so it is left out unless `inbox`."""
    found: dict[str, int] = {}
    async with h.db.session() as session:
        for table, column in person_columns():
            if table.name == "inbox_updates" and not inbox:
                continue
            count = await session.scalar(
                select(func.count()).select_from(table).where(column == person_id)
            )
            if count:
                found[f"{table.name}.{column.name}"] = int(count)
    return found


def test_the_generic_check_covers_every_table_with_a_person_in_it() -> None:
    """So that the checks below cannot pass by looking nowhere."""
    checked = {f"{table.name}.{column.name}" for table, column in person_columns()}
    for expected in (*STUDENT_DATA, "classes.teacher_id", "invites.created_by", "invites.used_by"):
        assert expected in checked


def test_tables_listed_without_a_foreign_key_exist() -> None:
    for table, column in privacy.UNLINKED_USER_COLUMNS:
        assert column in Base.metadata.tables[table].c, (table, column)


async def offer(chat: Chat) -> SentMessage:
    [message] = await chat.say("/forget_me")
    return message


async def busy_student(h: BotHarness, clock: Clock) -> Chat:
    """Yaryna, in a class with Taras, with answers, mastery, an open question, homework
    progress, reminders waiting, a review nudge, a chosen language and a dialog open in
    memory."""
    class_ = await make_class(h, [YARYNA, TARAS], now=clock.now)
    async with h.db.session() as session:  # a printed worksheet with a variant for each
        sheet = Worksheet(code="WS2345AB", class_id=class_.id, topic="entropy", count=3,
                          lang="uk", base="2", seed=7, created_at=clock.now)  # fmt: skip
        session.add(sheet)
        await session.flush()
        session.add_all(
            WorksheetVariant(worksheet_id=sheet.id, user_id=s.id, position=n, seed=n, items=[])
            for n, s in enumerate((YARYNA, TARAS), start=1)
        )
        await session.commit()
    teacher = h.teacher()
    await teacher.say(f"/assign {class_.code} probability 3 01.12 18:00")
    yaryna = h.user(YARYNA.id, YARYNA.name)
    for student in (yaryna, h.user(TARAS.id, TARAS.name)):
        for _ in range(2):
            await student.say("/quiz probability")
            question = await open_question(h, student.id)
            assert question is not None
            await student.say(typed(question.answer, "uk"))
        await student.say("/quiz entropy")  # left open
    await yaryna.say("/lang uk")
    await yaryna.say("/remind 18:00")  # a daily review nudge
    await yaryna.say("/join")  # a dialog waiting for a code, in the bot's memory
    return yaryna


async def test_a_student_deletes_everything_after_confirming_and_others_keep_theirs(
    make_harness: MakeHarness,
) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        yaryna = await busy_student(h, clock)
        about_yaryna = await rows_about(h, YARYNA.id)
        for column in STUDENT_DATA:
            assert about_yaryna.get(column), column  # the test starts with all of it stored
        about_taras = await rows_about(h, TARAS.id)
        assert h.app.user_data.get(YARYNA.id)

        message = await offer(yaryna)
        assert t("uk", "forget.item.answers", count=2) in message.source
        assert t("uk", "forget.item.classes", count=1) in message.source
        assert t("uk", "forget.item.homework", count=1) in message.source
        assert t("uk", "forget.item.worksheets", count=1) in message.source
        assert await rows_about(h, YARYNA.id) == about_yaryna  # nothing before the yes
        [done] = await yaryna.press(message, t("uk", "forget.yes"))

        assert done.source.startswith(t("uk", "forget.done"))
        assert t("uk", "forget.item.answers", count=2) in done.source
        assert done.buttons == []
        assert await rows_about(h, YARYNA.id, inbox=True) == {}
        assert not h.app.user_data.get(YARYNA.id)
        assert await rows_about(h, TARAS.id) == about_taras
        # Writing again starts from a clean slate.
        [hello, *_] = await yaryna.say("/start")
        assert "Ярина" in hello.text
        [progress, *_] = await yaryna.say("/homework")
        assert progress.source == t("uk", "hw.none")
        assert set(await rows_about(h, YARYNA.id)) == {"users.id"}
        # The inbox keeps the ids of the two new messages (not their texts) for 48 hours.
        assert await rows_about(h, YARYNA.id, inbox=True) == {
            "users.id": 1,
            "inbox_updates.user_id": 2,
            "inbox_updates.chat_id": 2,
        }


async def test_keep_deletes_nothing_and_an_old_offer_expires(make_harness: MakeHarness) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        yaryna = await busy_student(h, clock)
        before = await rows_about(h, YARYNA.id)
        message = await offer(yaryna)
        [kept] = await yaryna.press(message, t("uk", "forget.no"))
        assert kept.source == t("uk", "forget.kept") and kept.buttons == []
        assert await rows_about(h, YARYNA.id) == before

        stale = await offer(yaryna)
        clock.advance(minutes=11)
        [expired] = await yaryna.press(stale, t("uk", "forget.yes"))
        assert expired.source == t("uk", "forget.expired")
        assert await rows_about(h, YARYNA.id) == before


@pytest.mark.parametrize("data", ["fm:yes", "fm:yes:abc", "fm:yes:-5", "fm:maybe", "fm:yes:1:2"])
async def test_forged_confirm_buttons_delete_nothing(make_harness: MakeHarness, data: str) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        yaryna = await busy_student(h, clock)
        before = await rows_about(h, YARYNA.id)
        message = await offer(yaryna)
        assert await yaryna.press_data(message.message_id, data) == []
        future = f"fm:yes:{int((clock.now + timedelta(hours=1)).timestamp())}"
        await yaryna.press_data(message.message_id, future)
        assert await rows_about(h, YARYNA.id) == before


async def test_a_teacher_with_active_classes_is_refused_until_they_are_archived(
    harness: BotHarness,
) -> None:
    admin = harness.teacher("Адмін")
    teacher = await new_teacher(harness, admin, 1001, "Вчителька")
    code = await create_class(teacher, "7-Б")
    student = harness.user(YARYNA.id, YARYNA.name)
    await student.say(f"/join {code}")
    await student.say("/quiz probability")
    before = await rows_about(harness, teacher.id)

    [refused] = await teacher.say("/forget_me")
    assert "7-Б" in refused.text and refused.buttons == []
    assert await rows_about(harness, teacher.id) == before

    async with harness.db.session() as session:
        class_ = await session.scalar(select(Class).where(Class.code == code))
        assert class_ is not None
    page = (await teacher.say(f"/class {code}"))[-1]
    [confirm] = await teacher.press(page, t("uk", "teacher.btn.archive"))
    await teacher.press(confirm, t("uk", "teacher.btn.archive_yes"))
    message = await offer(teacher)
    assert t("uk", "forget.item.archived_classes", count=1) in message.source
    assert t("uk", "forget.teacher") in message.source
    assert t("uk", "forget.item.invitations", count=1) in message.source
    await teacher.press(message, t("uk", "forget.yes"))

    assert await rows_about(harness, teacher.id) == {}
    async with harness.db.session() as session:
        assert await session.get(Class, class_.id) is None  # the archived class went too
        assert await session.scalar(select(func.count()).select_from(Membership)) == 0
        # The student keeps their own data; the admin keeps theirs (an invitation they made
        # and the teacher used is gone with the teacher).
        assert await session.get(User, YARYNA.id) is not None
        assert await session.get(User, admin.id) is not None
        assert await session.scalar(select(func.count()).select_from(Invite)) == 0
        assert await session.get(OpenQuestion, YARYNA.id) is not None
    # Becoming a teacher again takes a new invitation.
    [reply] = await teacher.say("/newclass Знову")
    assert reply.text == t("uk", "teacher.only_teachers")


async def test_forget_me_in_a_group_points_to_the_private_chat(harness: BotHarness) -> None:
    student = harness.user(YARYNA.id, YARYNA.name)
    await student.say("/start")
    before = await rows_about(harness, YARYNA.id)
    replies = await Group(harness).say(student, "/forget_me")
    assert [r.text.split(":")[0] for r in replies] == [
        t("uk", "group.private_only", link="").split(":")[0]
    ]
    assert await rows_about(harness, YARYNA.id) == before

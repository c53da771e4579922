"""A teacher removes a student from a class and archives a class, with buttons in the class
report, each asking first; every press re-checks the role and the class owner. A removed
student leaves the report and gets no more notices or reminders, but keeps their answers; an
archived class refuses /join and /assign and gets no reminders, and its report stays open."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.features.homework import jobs
from bot.sandbox import SentMessage
from bot.texts import t
from db.models import Attempt, Class, Homework, Membership, Reminder
from db.repositories import classes as class_repo
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.fakes.harness import Chat
from tests.homework_helpers import Clock, Student, kyiv, make_class
from tests.student_steps import open_question, typed
from tests.test_roles import GONE, ONLY_TEACHERS, open_school

YARYNA, TARAS = Student(3001, "Ярина", "uk"), Student(3002, "Тарас", "uk")
NOT_MEMBER = t("uk", "teacher.report.not_member")


async def members(h: BotHarness, class_id: int) -> set[int]:
    async with h.db.session() as session:
        rows = await session.scalars(
            select(Membership.user_id).where(Membership.class_id == class_id)
        )
        return set(rows)


async def archived_at(h: BotHarness, class_id: int) -> object:
    async with h.db.session() as session:
        klass = await session.get(Class, class_id)
        assert klass is not None
        return klass.archived_at


async def answer_once(h: BotHarness, student: Chat) -> None:
    await student.say("/quiz probability")
    question = await open_question(h, student.id)
    assert question is not None
    await student.say(typed(question.answer, "uk"))


async def report_page(teacher: Chat, code: str) -> SentMessage:
    """The table page of /class (the message with the buttons)."""
    replies = await teacher.say(f"/class {code}")
    assert [r.kind for r in replies] == ["photo", "document", "text"]
    return replies[-1]


async def open_student(teacher: Chat, page: SentMessage, name: str) -> SentMessage:
    [view] = await teacher.press(page, name)
    return view


# ---------------------------------------------------------------- removing a student


async def test_a_teacher_removes_a_student_after_confirming_and_their_answers_stay(
    harness: BotHarness,
) -> None:
    class_ = await make_class(harness, [YARYNA, TARAS])
    yaryna = harness.user(YARYNA.id, YARYNA.name)
    await answer_once(harness, yaryna)
    teacher = harness.teacher()
    page = await report_page(teacher, class_.code)
    view = await open_student(teacher, page, "Ярина")

    [confirm] = await teacher.press(view, t("uk", "teacher.btn.remove"))
    assert "Ярина" in confirm.text and "7-А" in confirm.text
    assert await members(harness, class_.id) == {YARYNA.id, TARAS.id}  # not before the yes
    [done] = await teacher.press(confirm, t("uk", "teacher.btn.remove_yes"))

    assert done.source == t("uk", "teacher.remove.done", student="Ярина", name="7-А")
    assert await members(harness, class_.id) == {TARAS.id}
    async with harness.db.session() as session:
        kept = await session.scalar(
            select(func.count()).select_from(Attempt).where(Attempt.user_id == YARYNA.id)
        )
    assert kept == 1  # her answers are hers
    # Back to the report: she is gone from the page, the chart's student list and the CSV.
    [back] = await teacher.press(done, t("uk", "teacher.btn.back"))
    assert "Ярина" not in back.text and "Тарас" in back.text
    replies = await teacher.say(f"/class {class_.code}")
    assert all("Ярина" not in r.text for r in replies)
    assert b"\xd0\xaf\xd1\x80\xd0\xb8\xd0\xbd\xd0\xb0" not in (replies[1].file_bytes or b"")
    # A second press of the old yes finds her gone and changes nothing.
    assert await teacher.press_data(confirm.message_id, confirm.callback_data[0]) == []
    assert teacher.last_answer is not None and teacher.last_answer["text"] == NOT_MEMBER


async def test_keeping_the_student_goes_back_to_their_answers(harness: BotHarness) -> None:
    class_ = await make_class(harness, [YARYNA, TARAS])
    teacher = harness.teacher()
    view = await open_student(teacher, await report_page(teacher, class_.code), "Тарас")
    [confirm] = await teacher.press(view, t("uk", "teacher.btn.remove"))
    [again] = await teacher.press(confirm, t("uk", "teacher.btn.keep"))
    assert again.text == view.text
    assert await members(harness, class_.id) == {YARYNA.id, TARAS.id}


async def test_a_removed_student_gets_no_more_notices_or_reminders(
    make_harness: MakeHarness,
) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, REMINDER_OFFSETS="24h,2h") as h:
        class_ = await make_class(h, [YARYNA, TARAS], now=clock.now)
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 3 01.12 18:00")
        assert len(h.sandbox.messages(YARYNA.id)) == 1  # the notice, before she was removed
        view = await open_student(teacher, await report_page(teacher, class_.code), "Ярина")
        [confirm] = await teacher.press(view, t("uk", "teacher.btn.remove"))
        await teacher.press(confirm, t("uk", "teacher.btn.remove_yes"))

        clock.set_local("2026-11-30 18:30")  # past the 24 h reminder
        await jobs.run_due(h.app, clock.now)
        assert len(h.sandbox.messages(YARYNA.id)) == 1
        assert len(h.sandbox.messages(TARAS.id)) == 2  # the notice and the reminder
        await teacher.say(f"/assign {class_.code} probability 2 03.12 18:00")
        assert len(h.sandbox.messages(YARYNA.id)) == 1  # no notice of new homework either
        [listing] = await h.user(YARYNA.id, YARYNA.name).say("/homework")
        assert listing.source == t("uk", "hw.none")


# ---------------------------------------------------------------- archiving a class


async def test_an_archived_class_refuses_joining_and_homework_but_its_report_stays(
    make_harness: MakeHarness,
) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [YARYNA], now=clock.now)
        active = await make_class(h, [], name="8-Б", now=clock.now)
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 3 01.12 18:00")
        page = await report_page(teacher, class_.code)

        [confirm] = await teacher.press(page, t("uk", "teacher.btn.archive"))
        assert confirm.source == t("uk", "teacher.archive.confirm", name="7-А")
        assert await archived_at(h, class_.id) is None  # not before the yes
        [done] = await teacher.press(confirm, t("uk", "teacher.btn.archive_yes"))
        assert done.source == t("uk", "teacher.archive.done", name="7-А")
        assert await archived_at(h, class_.id) == clock.now

        # /classes: listed last, under the archive heading, still a button.
        [listing] = await teacher.say("/classes")
        assert listing.text.index("8-Б") < listing.text.index("Архів") < listing.text.index("7-А")
        assert listing.buttons[-1][0][0].startswith("🗄 7-А")
        # Joining and setting homework are refused; the /assign picker leaves it out.
        newcomer = h.user(3050, "Остап")
        [refused] = await newcomer.say(f"/join {class_.code}")
        assert refused.source == t("uk", "teacher.join.archived", name="7-А")
        assert await members(h, class_.id) == {YARYNA.id}
        [no_homework] = await teacher.say(f"/assign {class_.code} probability 2 03.12 18:00")
        assert no_homework.source == t("uk", "hw.archived", name="7-А")
        [picker] = await teacher.say("/assign")
        assert [label for row in picker.buttons for label, _ in row] == [f"8-Б · {active.code}"]
        async with h.db.session() as session:
            homeworks = await session.scalar(select(func.count()).select_from(Homework))
        assert homeworks == 1
        # No reminders and no summary for it.
        clock.set_local("2026-11-30 18:30")
        report = await jobs.run_due(h.app, clock.now)
        assert report.sent == 0 and len(h.sandbox.messages(YARYNA.id)) == 1
        async with h.db.session() as session:
            reasons = set(await session.scalars(select(Reminder.last_error)))
        assert "class archived" in reasons
        clock.set_local("2026-12-02 10:00")
        teacher_before = len(teacher.messages)
        await jobs.run_due(h.app, clock.now)
        assert len(teacher.messages) == teacher_before
        # The report still opens, says it is archived, and offers to restore it.
        page = await report_page(teacher, class_.code)
        assert t("uk", "teacher.archive.note") in page.source
        [restored] = await teacher.press(page, t("uk", "teacher.btn.restore"))
        assert restored.source == t("uk", "teacher.archive.restored", name="7-А")
        assert await archived_at(h, class_.id) is None
        [joined] = await newcomer.say(f"/join {class_.code}")
        assert joined.source == t("uk", "teacher.join.done", name="7-А")
        assert active.archived_at is None


async def test_an_empty_class_can_be_archived_too(harness: BotHarness) -> None:
    class_ = await make_class(harness, [])
    teacher = harness.teacher()
    [empty] = await teacher.say(f"/class {class_.code}")
    [confirm] = await teacher.press(empty, t("uk", "teacher.btn.archive"))
    await teacher.press(confirm, t("uk", "teacher.btn.archive_yes"))
    assert await archived_at(harness, class_.id) is not None


# ---------------------------------------------------------------- who may press


def admin_buttons(class_id: int, student_id: int) -> list[str]:
    return [
        f"t:rm:{class_id}:{student_id}:0",
        f"t:rmy:{class_id}:{student_id}:0",
        f"t:arc:{class_id}",
        f"t:arcy:{class_id}",
        f"t:unarc:{class_id}",
    ]


async def state(h: BotHarness, class_id: int) -> tuple[object, ...]:
    return (await members(h, class_id), await archived_at(h, class_id))


async def test_students_and_other_teachers_cannot_remove_or_archive(
    harness: BotHarness,
) -> None:
    school = await open_school(harness)
    before = await state(harness, school.class_a)
    joined = school.student.messages[-1]
    for data in admin_buttons(school.class_a, school.student.id):
        assert await school.student.press_data(joined.message_id, data) == [], data
        assert school.student.last_answer["text"] == ONLY_TEACHERS, data  # type: ignore[index]
    listing, _qr = await school.teacher_b.say("/newclass Клас Б")
    for data in admin_buttons(school.class_a, school.student.id):
        # Another teacher's class answers exactly like one that does not exist.
        assert await school.teacher_b.press_data(listing.message_id, data) == [], data
        assert school.teacher_b.last_answer["text"] == GONE, data  # type: ignore[index]
        missing = data.replace(f":{school.class_a}", ":987654", 1)
        assert await school.teacher_b.press_data(listing.message_id, missing) == [], data
        assert school.teacher_b.last_answer["text"] == GONE, data  # type: ignore[index]
    assert await state(harness, school.class_a) == before


@pytest.mark.parametrize(
    "data",
    ["t:rm:{c}", "t:rm:{c}:x:0", "t:rmy:{c}:{s}", "t:rmy:{c}:{s}:0:0", "t:rmy:{c}:-1:0",
     "t:rmy:{c}:99999999999999999999:0", "t:rmy:{c}:9223372036854775808:0", "t:arcy:x",
     "t:rmy:{c}:2999:0", "t:rm:{c}:2999:0"],
)  # fmt: skip
async def test_forged_remove_buttons_change_nothing(harness: BotHarness, data: str) -> None:
    school = await open_school(harness)
    stranger = harness.user(2999, "Чужий")
    await stranger.say("/start")
    [menu] = await school.teacher_a.say("/classes")
    before = await state(harness, school.class_a)
    forged = data.format(c=school.class_a, s=school.student.id)
    assert await school.teacher_a.press_data(menu.message_id, forged) == []
    assert school.teacher_a.last_answer is not None
    assert school.teacher_a.last_answer.get("text") in (
        NOT_MEMBER,
        t("uk", "teacher.stale_button"),
    )
    assert await state(harness, school.class_a) == before


def test_the_longest_button_data_fits_telegrams_64_bytes() -> None:
    biggest_class, biggest_user, page = 2**31 - 1, 2**63 - 1, 999
    for data in admin_buttons(biggest_class, biggest_user):
        assert len(f"{data}:{page}".encode()) <= 64, data


async def test_repository_functions_for_the_dashboard(harness: BotHarness) -> None:
    class_ = await make_class(harness, [YARYNA])
    async with harness.db.session() as session:
        assert await class_repo.remove_student(session, class_.id, YARYNA.id) is True
        assert await class_repo.remove_student(session, class_.id, YARYNA.id) is False
        assert await class_repo.remove_student(session, 2**40, YARYNA.id) is False
        assert await class_repo.archive_class(session, class_.id) is True
        assert await class_repo.archive_class(session, class_.id) is False
        assert await class_repo.restore_class(session, class_.id) is True
        assert await class_repo.restore_class(session, class_.id) is False
        assert await class_repo.archive_class(session, 2**40) is False
        await session.commit()
    assert await members(harness, class_.id) == set()

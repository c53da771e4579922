"""Reminders: stored rows, claimed atomically, sent once per offset to students who have not
finished, never in quiet hours, caught up after a restart, safe with two bot processes."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.app import build_application
from bot.config import parse_quiet_hours
from bot.features.homework import schedule
from bot.features.homework.jobs import CLAIM_TIMEOUT, run_due
from db.models import Class, Homework, Membership, Reminder, User
from db.repositories import classes, reminders, users
from db.repositories import homework as homework_repo
from db.repositories import outbox as outbox_repo
from db.session import Database
from tests.fakes.databases import database_url
from tests.homework_helpers import KYIV, Clock, Student, kyiv, make_class, roster

OLENA = Student(1001, "Олена", "uk")
TARAS = Student(1002, "Тарас", "uk")
JOHN = Student(1003, "John", "en")
QUIET = "21:00-08:00"


async def rows_of(h, homework_id: int) -> list[Reminder]:  # type: ignore[no-untyped-def]
    async with h.db.session() as session:
        return await reminders.for_homework(session, homework_id)


async def assign(h, code: str, due: str, topic: str = "entropy", count: int = 2) -> int:  # type: ignore[no-untyped-def]
    replies = await h.teacher().say(f"/assign {code} {topic} {count} {due}")
    assert any("задано" in r.text for r in replies), [r.text for r in replies]
    async with h.db.session() as session:
        return int(await session.scalar(select(func.max(Homework.id))))


def reminders_to(h, student: Student) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        m.text
        for m in h.sandbox.messages(student.id)
        if "Нагадування" in m.text or "reminder" in m.text
    ]


# --- planning (pure) -----------------------------------------------------------------------


def test_one_reminder_per_offset_before_the_due_time() -> None:
    due = kyiv("2026-12-01 18:00")
    planned = schedule.plan_reminders(
        due, (timedelta(hours=24), timedelta(hours=2)), now=kyiv("2026-11-27 10:00"),
        quiet=None, tz=KYIV,
    )  # fmt: skip
    assert [(p.offset_seconds, p.due_at) for p in planned] == [
        (86400, kyiv("2026-11-30 18:00")),
        (7200, kyiv("2026-12-01 16:00")),
    ]
    # An offset whose time has passed when the homework is set is not created.
    late = schedule.plan_reminders(
        due, (timedelta(hours=24), timedelta(hours=2)), now=kyiv("2026-12-01 09:00"),
        quiet=None, tz=KYIV,
    )  # fmt: skip
    assert [p.offset_seconds for p in late] == [7200]


def test_quiet_hours_across_midnight_move_a_reminder_to_the_morning() -> None:
    quiet = parse_quiet_hours(QUIET)
    assert schedule.in_quiet_hours(kyiv("2026-12-01 23:30"), quiet, KYIV)
    assert schedule.in_quiet_hours(kyiv("2026-12-02 07:59"), quiet, KYIV)
    assert not schedule.in_quiet_hours(kyiv("2026-12-02 08:00"), quiet, KYIV)
    assert not schedule.in_quiet_hours(kyiv("2026-12-01 20:59"), quiet, KYIV)
    assert schedule.out_of_quiet_hours(kyiv("2026-12-01 23:30"), quiet, KYIV) == kyiv(
        "2026-12-02 08:00"
    )
    assert schedule.out_of_quiet_hours(kyiv("2026-12-02 03:00"), quiet, KYIV) == kyiv(
        "2026-12-02 08:00"
    )
    # Due 23:30: the 24h reminder (23:30 the day before) goes out at 08:00 on the due day;
    # the 2h one (21:30) would fall in quiet hours until after the due time, so it is dropped.
    planned = schedule.plan_reminders(
        kyiv("2026-12-02 23:30"), (timedelta(hours=24), timedelta(hours=2)),
        now=kyiv("2026-11-27 10:00"), quiet=quiet, tz=KYIV,
    )  # fmt: skip
    assert [(p.offset_seconds, p.due_at) for p in planned] == [(86400, kyiv("2026-12-02 08:00"))]
    # A daytime window works too.
    assert schedule.in_quiet_hours(kyiv("2026-12-01 13:00"), parse_quiet_hours("12:00-14:00"), KYIV)


# --- through the bot ----------------------------------------------------------------------


async def test_reminders_go_out_once_per_offset_and_skip_finished_students(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        class_ = await make_class(h, [OLENA, TARAS, JOHN])
        homework_id = await assign(h, class_.code, "2026-11-29 18:00", count=1)

        clock.set_local("2026-11-28 17:59")
        await run_due(h.app, clock())
        assert reminders_to(h, OLENA) == []

        clock.set_local("2026-11-28 18:00")
        report = await run_due(h.app, clock())
        assert report.sent == 3
        [first] = reminders_to(h, OLENA)
        assert "0/1" in first and "29.11.2026 18:00" in first
        assert len(reminders_to(h, JOHN)) == 1
        assert "reminder" in reminders_to(h, JOHN)[0]

        # Taras finishes; the 2h reminder then goes to Olena and John only.
        async with h.db.session() as session:
            await homework_repo.record_correct_answer(
                session, user_id=TARAS.id, topic="entropy", answered_at=clock()
            )
            await session.commit()
        clock.set_local("2026-11-29 16:00")
        report = await run_due(h.app, clock())
        assert (report.sent, report.skipped) == (2, 1)
        assert len(reminders_to(h, OLENA)) == 2
        assert len(reminders_to(h, TARAS)) == 1
        for _ in range(3):
            await run_due(h.app, clock.advance(minutes=1))
        assert len(reminders_to(h, OLENA)) == 2
        statuses = sorted(
            (r.user_id, r.offset_seconds, r.status)
            for r in await rows_of(h, homework_id)
            if r.kind == "reminder"
        )
        assert statuses == [
            (OLENA.id, 7200, "sent"), (OLENA.id, 86400, "sent"),
            (TARAS.id, 7200, "skipped"), (TARAS.id, 86400, "sent"),
            (JOHN.id, 7200, "sent"), (JOHN.id, 86400, "sent"),
        ]  # fmt: skip


async def test_a_reminder_at_2330_kyiv_goes_out_at_0800(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        class_ = await make_class(h, [OLENA])
        homework_id = await assign(h, class_.code, "2026-11-29 23:30")
        [row] = [r for r in await rows_of(h, homework_id) if r.kind == "reminder"]
        assert (row.offset_seconds, row.due_at) == (86400, kyiv("2026-11-29 08:00"))

        clock.set_local("2026-11-28 23:30")
        await run_due(h.app, clock())
        clock.set_local("2026-11-29 07:59")
        await run_due(h.app, clock())
        assert reminders_to(h, OLENA) == []
        clock.set_local("2026-11-29 08:00")
        await run_due(h.app, clock())
        assert len(reminders_to(h, OLENA)) == 1


async def test_quiet_hours_are_checked_again_when_sending(make_harness) -> None:  # type: ignore[no-untyped-def]
    """The bot was down at 20:00 and the job first runs at 22:10: the reminder waits for
    08:00 instead of waking the student."""
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        class_ = await make_class(h, [OLENA])
        homework_id = await assign(h, class_.code, "2026-11-29 20:00")
        clock.set_local("2026-11-28 22:10")
        report = await run_due(h.app, clock())
        assert (report.sent, report.deferred) == (0, 1)
        [row] = [r for r in await rows_of(h, homework_id) if r.offset_seconds == 86400]
        assert (row.status, row.due_at) == ("pending", kyiv("2026-11-29 08:00"))
        clock.set_local("2026-11-29 08:00")
        assert (await run_due(h.app, clock())).sent == 1


async def test_missed_reminders_are_sent_once_after_a_restart(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        first = await assign(h, class_.code, "2026-11-29 18:00")
        past_due = await assign(h, class_.code, "2026-11-28 12:00", topic="kl")
        await h.stop()
        # Down from Friday until Sunday 17:00: both reminders of `first` fell due (24h and 2h),
        # and `past_due` is already past its due time.
        clock.set_local("2026-11-29 17:00")
        await h.start()
        before = len(h.teacher().messages)
        await run_due(h.app, clock())
        # One message per student for `first` (the latest one), none for `past_due`,
        # whose summary goes to the teacher instead.
        assert len(reminders_to(h, OLENA)) == 1 and len(reminders_to(h, TARAS)) == 1
        statuses = {
            (r.offset_seconds, r.status) for r in await rows_of(h, first) if r.kind == "reminder"
        }
        assert statuses == {(7200, "sent"), (86400, "skipped")}
        assert {r.status for r in await rows_of(h, past_due) if r.kind == "reminder"} == {"skipped"}
        assert [m.kind for m in h.teacher().messages[before:]] == ["text", "document"]
        await h.restart()
        assert (await run_due(h.app, clock.advance(minutes=1))).sent == 0


async def test_the_job_runs_by_itself_when_jobs_are_started(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, start_jobs=True, REMINDER_POLL_SECONDS=0.05) as h:
        class_ = await make_class(h, [OLENA])
        await assign(h, class_.code, "2026-11-28 11:00")
        assert h.app.job_queue is not None and h.app.job_queue.get_jobs_by_name(
            "homework-reminders"
        )
        clock.set_local("2026-11-27 11:00")
        for _ in range(200):
            if reminders_to(h, OLENA):
                break
            await asyncio.sleep(0.02)
        assert len(reminders_to(h, OLENA)) == 1


async def test_two_processes_on_one_database_send_each_reminder_once(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    students = roster(120)
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, students)
        async with h.db.session() as session:
            work = await homework_repo.create(
                session, class_id=class_.id, topic="entropy", count=3,
                due_at=kyiv("2026-11-30 18:00"), created_at=clock(),
            )  # fmt: skip
            await reminders.add_many(
                session,
                [
                    reminders.NewReminder(
                        work.id, s.id, "reminder", offset, kyiv("2026-11-28 12:00")
                    )
                    for s in students
                    for offset in (86400, 7200)
                ],
            )
            await session.commit()
        assert h.settings is not None
        other = build_application(
            h.settings, Database(h.settings.database_url), clock=clock, start_jobs=False
        )
        await other.initialize()
        try:
            clock.set_local("2026-11-28 12:00")
            one, two = await asyncio.gather(run_due(h.app, clock()), run_due(other, clock()))
        finally:
            await other.shutdown()
            await other.bot_data["db"].dispose()
        # Each student had two rows due at once: one message each, the other row skipped.
        assert one.sent + two.sent == len(students)
        for student in students:
            assert len(h.sandbox.messages(student.id)) == 1, student
        statuses = [r.status for r in await rows_of(h, work.id)]
        assert statuses.count("sent") == len(students)
        assert statuses.count("skipped") == len(students)


async def test_concurrent_claims_never_overlap(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two Database objects (two processes) claiming the same due rows over and over."""
    url = database_url(tmp_path, "claims")
    first, second = Database(url), Database(url)
    await first.migrate()
    now = kyiv("2026-11-28 12:00")
    try:
        async with first.session() as session:
            session.add(
                User(id=1, first_name="T", role="teacher", is_admin=False, unreachable=False)
            )
            session.add_all(
                User(id=100 + i, first_name="S", role="student", is_admin=False, unreachable=False)
                for i in range(300)
            )
            await session.flush()
            session.add(
                Class(
                    id=1, code="ABCDEFGH", name="c", teacher_id=1, timezone="Europe/Kyiv", base="2"
                )
            )
            await session.flush()
            session.add_all(Membership(class_id=1, user_id=100 + i) for i in range(300))
            session.add(
                Homework(id=1, class_id=1, topic="entropy", count=1, due_at=now + timedelta(days=1))
            )
            await session.flush()
            await reminders.add_many(
                session, [reminders.NewReminder(1, 100 + i, "reminder", 0, now) for i in range(300)]
            )
            await session.commit()

        async def claim_all(database: Database, name: str) -> list[int]:
            got: list[int] = []
            for n in range(100):
                async with database.session() as session:
                    rows = await reminders.claim_due(
                        session, worker=f"{name}-{n}", now=now,
                        stale_before=now - CLAIM_TIMEOUT, limit=7,
                    )  # fmt: skip
                if not rows:
                    break
                got.extend(row.id for row in rows)
                await asyncio.sleep(0)
            return got

        a, b, c = await asyncio.gather(
            claim_all(first, "a"), claim_all(second, "b"), claim_all(first, "c")
        )
        assert len(a) + len(b) + len(c) == 300
        assert len(set(a) | set(b) | set(c)) == 300
    finally:
        await first.dispose()
        await second.dispose()


async def test_stale_claims_are_taken_over_and_handed_over_messages_survive_a_crash(
    make_harness,
) -> None:  # type: ignore[no-untyped-def]
    """A process claimed two reminders and died: one still only claimed, the other already
    handed to the outbox (its message committed, not yet sent). After the restart the outbox
    sends the handed-over one; the claimed one is taken over once its claim is stale. Each
    student gets exactly one message."""
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        async with h.db.session() as session:
            work = await homework_repo.create(
                session, class_id=class_.id, topic="entropy", count=3,
                due_at=kyiv("2026-11-30 18:00"), created_at=clock(),
            )  # fmt: skip
            await reminders.add_many(
                session,
                [
                    reminders.NewReminder(work.id, s.id, "reminder", 7200, clock())
                    for s in (OLENA, TARAS)
                ],
            )
            await session.commit()
        assert h.settings is not None
        dead = Database(h.settings.database_url)  # the other process, nobody sending for it
        try:
            async with dead.writer() as session:
                [_olena_row, taras_row] = await reminders.claim_due(
                    session, worker="dead", now=clock(), stale_before=clock() - CLAIM_TIMEOUT,
                    limit=10,
                )  # fmt: skip
                assert await reminders.hand_over(session, taras_row.id, "dead", at=clock())
                outbox_repo.add(session, chat_id=TARAS.id, user_id=TARAS.id, text="Нагадування")
                await session.commit()
        finally:
            await dead.dispose()
        await h.restart()  # the outbox resumes what the dead process owed
        await h.idle()
        assert reminders_to(h, TARAS) == ["Нагадування"]
        # Olena's claim is not stale yet: nobody touches it.
        assert (await run_due(h.app, clock.advance(minutes=5))).sent == 0
        report = await run_due(h.app, clock.advance(minutes=6))
        assert report.sent == 1
        assert len(h.sandbox.messages(OLENA.id)) == 1
        assert len(h.sandbox.messages(TARAS.id)) == 1
        by_user = {r.user_id: r.status for r in await rows_of(h, work.id)}
        assert by_user == {OLENA.id: "sent", TARAS.id: "sent"}
        async with h.db.session() as session:
            assert await outbox_repo.pending(session) == []


async def test_429_is_waited_out_and_403_marks_the_student_unreachable(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS, JOHN])
        homework_id = await assign(h, class_.code, "2026-11-29 18:00")
        h.sandbox.fail_next("sendMessage", status=429, retry_after=1, chat_id=OLENA.id)
        h.sandbox.block(TARAS.id)
        calls_before = len([c for c in h.sandbox.calls if c.params.get("chat_id") == TARAS.id])
        clock.set_local("2026-11-28 18:00")
        report = await run_due(h.app, clock())
        assert report.sent == 2 and report.retries == 1
        assert report.blocked == [TARAS.id]
        assert len(reminders_to(h, OLENA)) == 1
        taras_calls = [c for c in h.sandbox.calls if c.params.get("chat_id") == TARAS.id]
        assert len(taras_calls) == calls_before + 1  # no retry after 403
        async with h.db.session() as session:
            taras = await users.get(session, TARAS.id)
            assert taras is not None and taras.unreachable
        rows = {(r.user_id, r.offset_seconds): r for r in await rows_of(h, homework_id)}
        assert rows[(TARAS.id, 86400)].status == "failed"
        assert "blocked" in (rows[(TARAS.id, 86400)].last_error or "")
        assert rows[(OLENA.id, 86400)].status == "sent"
        # The 2h reminder is not even tried for an unreachable student.
        clock.set_local("2026-11-29 16:00")
        await run_due(h.app, clock())
        assert rows[(TARAS.id, 7200)].id in {
            r.id for r in await rows_of(h, homework_id) if r.status == "skipped"
        }


async def test_a_student_who_left_the_class_is_not_reminded(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        homework_id = await assign(h, class_.code, "2026-11-29 18:00")
        async with h.db.session() as session:
            await classes.remove_student(session, class_.id, TARAS.id)
            await session.commit()
        clock.set_local("2026-11-28 18:00")
        await run_due(h.app, clock())
        assert len(reminders_to(h, OLENA)) == 1 and reminders_to(h, TARAS) == []
        [row] = [
            r
            for r in await rows_of(h, homework_id)
            if r.user_id == TARAS.id and r.offset_seconds == 86400
        ]
        assert (row.status, row.last_error) == ("skipped", "no longer in the class")

"""/remind HH:MM|off: an opt-in daily nudge when reviews are due — never without opt-in, at
most once a day, never in quiet hours, caught up after downtime, one process or two."""

from __future__ import annotations

from datetime import timedelta

from bot.features.remind.handlers import parse_time
from bot.features.remind.jobs import run_due
from bot.texts import count_phrase, t
from db.models import ReviewReminder
from db.repositories import mastery as mastery_repo
from db.repositories import nudges, users
from quiz.mastery import TopicState, Try, record
from tests.fakes import BotHarness
from tests.homework_helpers import Clock, Student, kyiv, open_private_chat
from tests.student_steps import open_row, plain

QUIET = "21:00-08:00"
OLENA = Student(6001, "Олена", "uk")
JOHN = Student(6002, "John", "en")


async def give_due_reviews(
    h: BotHarness, student: Student, *, mastered: str, count: int = 1
) -> None:
    """`count` topics whose level 1 the student mastered at `mastered` (Kyiv time): each a
    review card due two days later."""
    at = kyiv(mastered)
    async with h.db.session() as session:
        await users.upsert_from_profile(
            session, users.Profile(student.id, student.name, language_code=student.lang)
        )
        for topic in ("probability", "surprisal", "entropy")[:count]:
            state = TopicState()
            for _ in range(3):
                state = record(state, 1, Try(True), at)
            await mastery_repo.save_topic(session, student.id, topic, state, level=1, now=at)
        await session.commit()
    open_private_chat(h, student)


async def opt_in(h: BotHarness, student: Student, at: str) -> None:
    """`/remind <at>`, stored straight through the repository."""
    hours, minutes = (int(part) for part in at.split(":"))
    async with h.db.session() as session:
        await nudges.set_time(
            session, student.id, hours * 60 + minutes, now=kyiv("2026-12-01 09:00")
        )
        await session.commit()


def nudges_to(h: BotHarness, student: Student) -> list[str]:
    nudge = t(student.lang, "remind.nudge", reviews="").split(":")[0]
    return [m.text for m in h.sandbox.messages(student.id) if m.text.startswith(nudge)]


async def test_no_nudge_without_opting_in(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-03 18:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00")
        for moment in ("2026-12-03 18:00", "2026-12-03 20:59", "2026-12-04 12:00"):
            report = await run_due(h.app, clock.set_local(moment))
            assert report.sent == 0
        assert h.sandbox.messages(OLENA.id) == []


async def test_one_nudge_a_day_at_the_chosen_time_when_reviews_are_due(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-03 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00", count=2)
        olena = h.user(OLENA.id, OLENA.name, OLENA.lang)
        [done] = await olena.say("/remind 18:00")
        assert plain(t("uk", "remind.set", time="18:00")) == done.text

        assert (await run_due(h.app, clock.set_local("2026-12-03 17:59"))).sent == 0
        assert (await run_due(h.app, clock.set_local("2026-12-03 18:00"))).sent == 1
        for moment in ("2026-12-03 18:00", "2026-12-03 18:30", "2026-12-03 20:59"):
            assert (await run_due(h.app, clock.set_local(moment))).sent == 0
        [nudge] = nudges_to(h, OLENA)
        reviews = count_phrase("uk", 2, "n.review")
        assert plain(t("uk", "remind.nudge", reviews=reviews)) == nudge

        # The next day, reviews still due: one more.
        assert (await run_due(h.app, clock.set_local("2026-12-04 18:00"))).sent == 1
        assert (await run_due(h.app, clock.set_local("2026-12-04 19:00"))).sent == 0
        assert len(nudges_to(h, OLENA)) == 2

        # Its button starts the review.
        message = h.sandbox.messages(OLENA.id)[-1]
        [review] = await olena.press(message, t("uk", "button.go_reviews"))
        assert plain(t("uk", "question.review")) in review.text
        row = await open_row(h, OLENA.id)
        assert row is not None and row.mode == "review"


async def test_no_nudge_while_nothing_is_due_then_one_the_same_day(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-02 09:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, JOHN, mastered="2026-12-01 19:30")  # due 12-03 19:30
        john = h.user(JOHN.id, JOHN.name, JOHN.lang)
        await john.say("/remind 18:00")
        assert (await run_due(h.app, clock.set_local("2026-12-02 18:00"))).sent == 0
        assert (await run_due(h.app, clock.set_local("2026-12-03 18:00"))).sent == 0
        assert (await run_due(h.app, clock.set_local("2026-12-03 19:30"))).sent == 1
        [nudge] = nudges_to(h, JOHN)
        assert "1 review" in nudge


async def test_never_in_quiet_hours(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-03 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00")
        olena = h.user(OLENA.id, OLENA.name, OLENA.lang)
        [refused] = await olena.say("/remind 22:30")
        assert plain(t("uk", "remind.quiet", time="22:30", quiet="21:00–08:00")) in refused.text
        assert all(label != "22:30" for label in refused.labels)
        async with h.db.session() as session:
            assert await nudges.time_of(session, OLENA.id) is None
        [done] = await olena.say("/remind 20:30")
        assert "20:30" in done.text

        # The bot was down from 20:00 until 21:15: no nudge at night, none in the morning
        # before 20:30; then one.
        for moment in ("2026-12-03 21:15", "2026-12-03 23:59", "2026-12-04 07:59"):
            assert (await run_due(h.app, clock.set_local(moment))).sent == 0
        assert (await run_due(h.app, clock.set_local("2026-12-04 08:00"))).sent == 0
        assert (await run_due(h.app, clock.set_local("2026-12-04 20:30"))).sent == 1
        assert len(nudges_to(h, OLENA)) == 1


async def test_off_stops_nudges_and_the_dialog_offers_times(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-03 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00")
        olena = h.user(OLENA.id, OLENA.name, OLENA.lang)
        [choose] = await olena.say("/remind")
        assert plain(t("uk", "remind.current_off")) in choose.text
        assert "18:00" in choose.labels and t("uk", "button.remind_off") in choose.labels
        [done] = await olena.press(choose, "18:00")
        assert "18:00" in done.text
        [off] = await olena.say("/remind off")
        assert off.text == plain(t("uk", "remind.off"))
        [again] = await olena.say("/remind вимкнути")
        assert again.text == plain(t("uk", "remind.was_off"))
        assert (await run_due(h.app, clock.set_local("2026-12-03 18:00"))).sent == 0
        [bad] = await olena.say("/remind 25:99")
        assert "25:99" in bad.text and "18:00" in bad.labels
        for forged in ("r:set:99999", "r:set:1440", "r:set:-5", "r:off:x", "r:boom"):
            assert await olena.press_data(choose.message_id, forged) == []
            assert olena.last_answer is not None
            assert olena.last_answer.get("text") == t("uk", "fallback.stale_button")
        async with h.db.session() as session:
            assert await nudges.time_of(session, OLENA.id) is None


async def test_two_processes_send_one_nudge(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Two bot processes on one database run the job at the same moment: one nudge."""
    import asyncio

    from bot.app import build_application
    from db.session import Database
    from tests.fakes.databases import database_url

    clock = Clock(kyiv("2026-12-03 18:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00")
        await opt_in(h, OLENA, "17:00")
        assert h.settings is not None
        other_db = Database(database_url(h.tmp_path))
        other = build_application(h.settings, other_db, clock=clock, start_jobs=False)
        await other.initialize()
        try:
            reports = await asyncio.gather(run_due(h.app, clock.now), run_due(other, clock.now))
        finally:
            await other.shutdown()
            await other_db.dispose()
        assert sum(report.sent for report in reports) == 1
        assert len(nudges_to(h, OLENA)) == 1
        async with h.db.session() as session:
            row = await session.get(ReviewReminder, OLENA.id)
            assert row is not None and row.last_sent_on == clock.now.date()


async def test_a_blocked_student_is_marked_and_skipped(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-12-03 18:00"))
    async with make_harness(clock=clock, QUIET_HOURS=QUIET) as h:
        await give_due_reviews(h, OLENA, mastered="2026-12-01 10:00")
        await opt_in(h, OLENA, "18:00")
        h.sandbox.block(OLENA.id)
        report = await run_due(h.app, clock.now)
        assert report.blocked == [OLENA.id]
        async with h.db.session() as session:
            user = await users.get(session, OLENA.id)
            assert user is not None and user.unreachable
        assert (await run_due(h.app, clock.now + timedelta(days=1))).sent == 0


def test_times_are_read_as_a_student_types_them() -> None:
    assert parse_time("18:00") == 18 * 60
    assert parse_time(" 8:05 ") == 8 * 60 + 5
    assert parse_time("18.30") == 18 * 60 + 30
    assert parse_time("7") == 7 * 60
    assert parse_time("１８:００") == 18 * 60  # full-width digits from some keyboards
    for bad in ("24:00", "18:60", "18:0", "six", "", "1" * 500, "−1", "18:00:00"):
        assert parse_time(bad) is None, bad

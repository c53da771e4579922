"""Homework from a teacher's phone: /assign (arguments or a guided dialog), the students'
notices, /homework, /homeworks and the summary at the due time."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.features.homework import schedule, service
from bot.features.homework.jobs import run_due
from bot.features.student.service import rebuild_question
from bot.texts import t
from db.models import Class, Homework, OpenQuestion, User
from db.repositories import homework as homework_repo
from db.repositories import reminders, users
from tests.homework_helpers import KYIV, Clock, Student, kyiv, make_class, roster
from tests.student_steps import right_text

OLENA = Student(1001, "Олена", "uk")
TARAS = Student(1002, "Тарас", "uk")
JOHN = Student(1003, "John", "en")


async def homeworks_in(h, class_id: int) -> list[Homework]:  # type: ignore[no-untyped-def]
    async with h.db.session() as session:
        return await homework_repo.of_class(session, class_id)


def test_topics_are_understood_in_both_languages() -> None:
    assert service.resolve_topic("entropy") == "entropy"
    assert service.resolve_topic("Cross-entropy") == "cross_entropy"
    assert service.resolve_topic("крос-ентропія") == "cross_entropy"
    assert service.resolve_topic("KL") == "kl_divergence"
    assert service.resolve_topic("mixed") == "mixed"
    assert service.resolve_topic("Ентропія") == "entropy"
    assert service.resolve_topic("cooking") is None
    args = service.split_assign_args(["ab3k7qxz", "cross", "entropy", "5", "01.12", "18:00"])
    assert (args.code, args.topic, args.count, args.due_text) == (
        "AB3K7QXZ",
        "cross_entropy",
        5,
        "01.12 18:00",
    )


# --- /assign ----------------------------------------------------------------------------


async def test_assign_stores_homework_and_tells_every_student_once(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS, JOHN])
        teacher = h.teacher()
        replies = await teacher.say(f"/assign {class_.code} entropy 5 2026-12-01 18:00")

        assert "01.12.2026 18:00" in replies[0].text
        assert "3" in replies[0].text  # students to notify
        assert "3 з 3" in replies[-1].text  # and how it went
        [homework] = await homeworks_in(h, class_.id)
        assert (homework.topic, homework.count) == ("entropy", 5)
        assert homework.due_at == kyiv("2026-12-01 18:00")
        for student, words in ((OLENA, "Нова домашка"), (JOHN, "New homework")):
            [notice] = h.sandbox.messages(student.id)
            assert words in notice.text
            assert notice.callback_data == [f"hw:start:{homework.id}"]
        async with h.db.session() as session:
            rows = await reminders.for_homework(session, homework.id)
        notices = [r for r in rows if r.kind == "assigned"]
        assert {r.status for r in notices} == {"sent"}
        assert len(notices) == 3
        # One reminder per student × offset (24h and 2h before the due time).
        kept = sorted((r.user_id, r.offset_seconds, r.due_at) for r in rows if r.kind == "reminder")
        assert kept == sorted(
            (s.id, hours * 3600, kyiv("2026-12-01 18:00") - timedelta(hours=hours))
            for s in (OLENA, TARAS, JOHN)
            for hours in (24, 2)
        )
        # Running the job again sends nothing more.
        await run_due(h.app, clock())
        assert len(h.sandbox.messages(OLENA.id)) == 1


async def test_numbers_in_the_teachers_texts_agree_with_their_nouns(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS, JOHN])
        empty = await make_class(h, [], name="8-Б")
        teacher = h.teacher()
        replies = await teacher.say(f"/assign {class_.code} entropy 3 2026-12-01 18:00")
        assert "тема «Ентропія», 3 правильні відповіді, до 01.12.2026 18:00" in replies[0].text
        [step] = await teacher.say(f"/assign {class_.code} kl 1")
        assert "1 задача.\n" in step.text
        [step] = await teacher.say(f"/assign {class_.code} kl 21")
        assert "21 задача.\n" in step.text
        # A class without students: no "finished 0 of 0", just "(no students)".
        await teacher.say(f"/assign {empty.code} entropy 5 2026-12-01 18:00")
        [report] = await teacher.say(f"/homeworks {empty.code}")
        assert "0 з 0" not in report.text and "(учнів немає)" in report.text


def test_a_summary_of_a_class_without_students_says_so() -> None:
    homework = Homework(id=7, class_id=1, topic="entropy", count=5, due_at=kyiv("2026-12-01 18:00"))
    class_ = Class(id=1, code="AB3K7QXZ", name="7-А", teacher_id=1)
    [text] = service.summary("uk", homework, class_, [], KYIV).texts
    assert text.endswith("У класі немає учнів.") and "0 з 0" not in text
    [text] = service.summary("en", homework, class_, [], KYIV).texts
    assert text.endswith("The class has no students.")


async def test_a_due_time_in_the_past_is_refused(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA])
        replies = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-11-26 18:00")
        assert "минув" in replies[0].text
        assert replies[-1].labels == ["Завтра 18:00", "Через 3 дні, 18:00", "Через тиждень, 18:00"]
        assert await homeworks_in(h, class_.id) == []
        assert h.sandbox.messages(OLENA.id) == []


async def test_the_guided_dialog_sets_homework_with_buttons(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA], name="8-Б")
        teacher = h.teacher()
        [question] = await teacher.say("/assign")
        assert "8-Б" in question.labels[0]
        [step] = await teacher.press(question, "8-Б")
        assert step.edited and "Яка тема" in step.text
        [step] = await teacher.press(step, "Ентропія")
        [step] = await teacher.press(step, "3")
        assert "До коли" in step.text
        replies = await teacher.press(step, "Завтра 18:00")
        assert any("Домашку задано" in r.text for r in replies)
        [homework] = await homeworks_in(h, class_.id)
        assert (homework.topic, homework.count) == ("entropy", 3)
        assert homework.due_at == kyiv("2026-11-28 18:00")
        assert len(h.sandbox.messages(OLENA.id)) == 1


async def test_the_dialog_reads_a_typed_due_time_and_explains_what_it_cannot_read(
    make_harness,  # type: ignore[no-untyped-def]
) -> None:
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA])
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} kl 4")
        # Not a date: the dialog says so with examples (not the quiz's "no open question").
        [reply] = await teacher.say("0,5")
        assert reply.text.startswith(t("uk", "hw.due_format"))
        assert "завтра 18:00" in reply.text and "1 грудня 18:00" in reply.text
        assert reply.labels == ["Завтра 18:00", "Через 3 дні, 18:00", "Через тиждень, 18:00"]
        assert t("uk", "answer.no_question") not in reply.text
        assert await homeworks_in(h, class_.id) == []
        replies = await teacher.say("03.12 08:30")
        assert any("Домашку задано" in r.text for r in replies)
        [homework] = await homeworks_in(h, class_.id)
        assert (homework.topic, homework.count) == ("kl_divergence", 4)
        assert homework.due_at == kyiv("2026-12-03 08:30")
        # The dialog is over: another date is just text now.
        await teacher.say("04.12 08:30")
        assert len(await homeworks_in(h, class_.id)) == 1


async def test_wrong_arguments_start_the_dialog_at_the_right_step(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        class_ = await make_class(h, [OLENA])
        teacher = h.teacher()
        [reply] = await teacher.say("/assign NOPE1234 entropy 5 01.12 18:00")
        assert "NOPE1234" in reply.text and reply.callback_data == [f"hw:a:c:{class_.code}"]
        [reply] = await teacher.say(f"/assign {class_.code} cooking")
        assert "cooking" in reply.text and len(reply.callback_data) == 6
        [reply] = await teacher.say(f"/assign {class_.code} entropy 500")
        assert "від 1 до 50" in reply.text
        assert reply.labels == ["3", "5", "10", "15", "20"]


async def test_only_the_owner_can_assign_even_with_forged_buttons(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        class_ = await make_class(h, [OLENA])
        student = h.user(OLENA.id, OLENA.name)
        [reply] = await student.say(f"/assign {class_.code} entropy 5 01.12 18:00")
        reply_text = reply.text
        assert "лише вчителі" in reply_text
        [reply] = await student.say(f"/homeworks {class_.code}")
        assert "лише вчителі" in reply.text
        other = h.user(777, "Інша вчителька")
        async with h.db.session() as session:
            await users.upsert_from_profile(session, users.Profile(777, "Інша вчителька"))
            await users.make_teacher(session, 777)
            await session.commit()
        [reply] = await other.say(f"/assign {class_.code} entropy 5 01.12 18:00")
        assert "немає класів" in reply.text
        await other.press_data(reply.message_id, f"hw:a:d:{class_.code}:entropy:5:t18")
        await student.press_data(reply.message_id, f"hw:a:d:{class_.code}:entropy:5:t18")
        assert await homeworks_in(h, class_.id) == []
        # Olena got three refusals and no homework notice.
        assert [m.text for m in h.sandbox.messages(OLENA.id)] == [reply_text] * 3


async def test_assigning_in_quiet_hours_tells_the_students_in_the_morning(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 22:15"))
    async with make_harness(clock=clock, QUIET_HOURS="21:00-08:00") as h:
        class_ = await make_class(h, [OLENA])
        [reply] = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-11-30 18:00")
        assert "28.11.2026 08:00" in reply.text
        assert h.sandbox.messages(OLENA.id) == []
        clock.set_local("2026-11-28 07:59")
        await run_due(h.app, clock())
        assert h.sandbox.messages(OLENA.id) == []
        clock.set_local("2026-11-28 08:00")
        await run_due(h.app, clock())
        [notice] = h.sandbox.messages(OLENA.id)
        assert "Нова домашка" in notice.text


# --- students ---------------------------------------------------------------------------


async def test_homework_shows_progress_and_celebrates_finishing(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        await h.teacher().say(f"/assign {class_.code} entropy 3 2026-12-01 18:00")
        [homework] = await homeworks_in(h, class_.id)
        olena = h.user(OLENA.id, OLENA.name)
        [listing] = await olena.say("/homework")
        assert "0/3" in listing.text and "01.12.2026 18:00" in listing.text
        assert listing.callback_data == [f"hw:start:{homework.id}"]

        async with h.db.session() as session:
            for minute in (1, 2):
                await homework_repo.record_correct_answer(
                    session,
                    user_id=OLENA.id,
                    topic="entropy",
                    answered_at=clock() + timedelta(minutes=minute),
                )
            await session.commit()
        [listing] = await olena.say("/homework")
        assert "2/3" in listing.text
        async with h.db.session() as session:
            [step] = await homework_repo.record_correct_answer(
                session, user_id=OLENA.id, topic="entropy", answered_at=clock() + timedelta(3)
            )
            await session.commit()
        assert step.just_finished and (step.done, step.count) == (3, 3)
        [listing] = await olena.say("/homework")
        assert "✅" in listing.text and "3/3" in listing.text
        [reply] = await olena.press_data(listing.message_id, f"hw:start:{homework.id}")
        assert "вже виконано" in reply.text


async def test_start_homework_checks_membership(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        class_ = await make_class(h, [OLENA])
        await h.teacher().say(f"/assign {class_.code} entropy 3 01.12 18:00")
        [homework] = await homeworks_in(h, class_.id)
        stranger = h.user(4242, "Хтось")
        [reply] = await stranger.say("/homework")
        assert "поки немає" in reply.text
        [reply] = await stranger.press_data(reply.message_id, f"hw:start:{homework.id}")
        assert "не для тебе" in reply.text
        [reply] = await stranger.press_data(reply.message_id, "hw:start:99999")
        assert "немає" in reply.text
        [reply] = await stranger.press_data(reply.message_id, "hw:start:../../etc")
        assert "немає" in reply.text


async def test_start_homework_asks_a_question_of_its_topic(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        class_ = await make_class(h, [OLENA])
        await h.teacher().say(f"/assign {class_.code} entropy 3 01.12 18:00")
        olena = h.user(OLENA.id, OLENA.name)
        [notice] = h.sandbox.messages(OLENA.id)
        replies = await olena.press(notice, "Почати домашку")
        assert replies and "Ентропія" in replies[-1].text


# --- the teacher watches ------------------------------------------------------------------


async def test_homeworks_lists_each_student_and_when_they_finished(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} surprisal 2 2026-12-01 18:00")
        async with h.db.session() as session:
            for minutes in (30, 45):
                await homework_repo.record_correct_answer(
                    session,
                    user_id=OLENA.id,
                    topic="surprisal",
                    answered_at=clock() + timedelta(minutes=minutes),
                )
            await session.commit()
        [report] = await teacher.say(f"/homeworks {class_.code}")
        assert "✅ Олена: 2/2, 27.11.2026 10:45" in report.text
        assert "⏳ Тарас: 0/2" in report.text
        assert "виконали 1 з 2" in report.text
        [picker] = await teacher.say("/homeworks")
        [report] = await teacher.press(picker, class_.code)
        assert "Олена" in report.text


def test_long_reports_are_split_to_fit_telegram() -> None:
    lines = [
        f"⏳ Учень {i:03d} з дуже довгим прізвищем Котляревський-Шевченко: 0/5" for i in range(300)
    ]
    chunks = service.split_lines(lines)
    assert len(chunks) > 1
    assert all(len(chunk) <= 4096 for chunk in chunks)
    assert "\n".join(chunks).split("\n") == lines


async def test_a_big_class_report_arrives_in_several_messages(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, roster(300))
        async with h.db.session() as session:
            await homework_repo.create(
                session,
                class_id=class_.id,
                topic="entropy",
                count=5,
                due_at=kyiv("2026-12-01 18:00"),
                created_at=clock(),
            )
            await session.commit()
        replies = await h.teacher().say(f"/homeworks {class_.code}")
        assert len(replies) >= 2
        text = "\n".join(r.text for r in replies)
        assert all(f"Учень {i:03d}: 0/5" in text for i in range(300))


async def test_at_the_due_time_the_teacher_gets_one_summary_with_a_csv(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS, JOHN])
        h.sandbox.block(JOHN.id)
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 1 2026-11-28 18:00")
        async with h.db.session() as session:
            await homework_repo.record_correct_answer(
                session, user_id=OLENA.id, topic="entropy", answered_at=clock() + timedelta(hours=1)
            )
            await session.commit()
        before = len(teacher.messages)
        clock.set_local("2026-11-28 17:59")
        await run_due(h.app, clock())
        summary_texts = [m for m in teacher.messages[before:] if "Термін домашки" in m.text]
        assert summary_texts == []

        clock.set_local("2026-11-28 18:00")
        await run_due(h.app, clock())
        new = teacher.messages[before:]
        text = next(m for m in new if m.kind == "text" and "Термін домашки минув" in m.text).text
        assert "Виконали: 1 з 3" in text
        assert "✅ Виконали: Олена\n" in text
        assert "⏳ Не виконали: Тарас (0/1)\n" in text
        assert "🚫 Недосяжні (заблокували бота): John (0/1)" in text
        [sheet] = [m for m in new if m.kind == "document"]
        assert sheet.file_bytes is not None and sheet.file_bytes.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(sheet.file_bytes.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "учень"
        by_name = {row[0]: row for row in rows[1:]}
        assert by_name["Олена"][2:4] == ["1", "1"] and by_name["Олена"][5] == "виконав"
        assert by_name["Тарас"][5] == "не виконав"
        assert by_name["John"][5] == "недосяжний"

        await run_due(h.app, clock() + timedelta(hours=1))
        await h.restart()
        await run_due(h.app, clock() + timedelta(hours=2))
        assert len(teacher.messages) == before + len(new)


def test_the_dates_shown_use_the_class_time_zone() -> None:
    moment = datetime(2026, 12, 1, 16, 0, tzinfo=ZoneInfo("UTC"))
    assert schedule.format_local(moment, KYIV) == "01.12.2026 18:00"


def test_a_summary_of_a_big_class_splits_between_names() -> None:
    homework = Homework(id=7, class_id=1, topic="entropy", count=5, due_at=kyiv("2026-12-01 18:00"))
    class_ = Class(id=1, code="AB3K7QXZ", name="7-А & <друзі>", teacher_id=1)
    rows = [
        homework_repo.StudentProgress(
            User(
                id=i,
                first_name=f"Іван&Марія <{i:03d}> Котляревський-Шевченко",
                unreachable=i % 7 == 0,
            ),
            i % 5,
            kyiv("2026-11-30 12:00") if i % 3 == 0 else None,
        )
        for i in range(300)
    ]
    result = service.summary("uk", homework, class_, rows, KYIV)
    assert len(result.texts) > 1
    assert all(len(text) <= 4096 for text in result.texts)
    joined = "\n".join(result.texts)
    assert "&amp;" in joined and "<0" not in joined  # names are escaped, never cut mid-entity
    assert all(f"&lt;{i:03d}&gt;" in joined for i in range(300))
    rows_back = list(csv.reader(io.StringIO(result.csv_bytes.decode("utf-8-sig")), delimiter=";"))
    assert len(rows_back) == 301


async def test_no_notice_when_quiet_hours_last_until_the_due_time(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 22:15"))
    async with make_harness(clock=clock, QUIET_HOURS="21:00-08:00") as h:
        class_ = await make_class(h, [OLENA])
        [reply] = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-11-28 07:00")
        assert "/homework" in reply.text
        await run_due(h.app, kyiv("2026-11-28 06:59"))
        assert h.sandbox.messages(OLENA.id) == []
        [homework] = await homeworks_in(h, class_.id)
        async with h.db.session() as session:
            assert await reminders.for_homework(session, homework.id) == []


async def test_a_summary_due_at_night_waits_for_the_morning(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, QUIET_HOURS="21:00-08:00") as h:
        class_ = await make_class(h, [OLENA])
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 5 2026-11-27 22:00")
        before = len(teacher.messages)
        await run_due(h.app, kyiv("2026-11-27 22:00"))
        await run_due(h.app, kyiv("2026-11-28 07:59"))
        assert len(teacher.messages) == before
        await run_due(h.app, kyiv("2026-11-28 08:00"))
        assert [m.kind for m in teacher.messages[before:]] == ["text", "document"]


async def test_a_student_does_the_homework_from_the_notice_to_the_celebration(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA])
        await h.teacher().say(f"/assign {class_.code} surprisal 2 2026-12-01 18:00")
        olena = h.user(OLENA.id, OLENA.name)
        [notice] = h.sandbox.messages(OLENA.id)
        replies = await olena.press(notice, "Почати домашку")
        feedback: list[str] = []
        for _ in range(2):
            async with h.db.session() as session:
                row = await session.get(OpenQuestion, OLENA.id)
                assert row is not None and row.homework_id is not None
                assert row.topic == "surprisal"
                question = rebuild_question(row, "uk")
            replies = await olena.say(right_text(question))
            feedback.append("\n".join(r.text for r in replies))
            if len(feedback) == 1:
                replies = await olena.press(replies[-1], replies[-1].labels[0])
        assert "1/2" in feedback[0]
        assert "🎉" in feedback[1] and "2/2" in feedback[1]
        [listing] = await olena.say("/homework")
        assert "✅" in listing.text


async def test_a_double_tap_on_a_due_button_sets_homework_once(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        class_ = await make_class(h, [OLENA])
        teacher = h.teacher()
        [step] = await teacher.say(f"/assign {class_.code} entropy 3")
        data = step.callback_data[0]
        await teacher.press_data(step.message_id, data)
        replies = await teacher.press_data(step.message_id, data)
        assert "неактуальний" in replies[-1].text
        assert len(await homeworks_in(h, class_.id)) == 1
        assert len(h.sandbox.messages(OLENA.id)) == 1

"""Every update is stored before Telegram is told it arrived and handled once; every reply that
reports a stored result is sent until Telegram takes it, in the chat's order; errors say
honestly whether anything was saved. (Crashes of the real process: test_crash_recovery.py.)"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.texts import t
from db.models import Class, Homework, InboxUpdate, OutboxMessage, User
from db.repositories import inbox as inbox_repo
from db.repositories import outbox as outbox_repo
from db.repositories import users
from db.session import Database
from quiz.questions import Question
from tests.fakes import BotHarness, Chat
from tests.homework_helpers import Clock, Student, kyiv, make_class
from tests.student_steps import assert_wire_clean, open_question, right_text, stored_attempts

OLENA = Student(1001, "Олена", "uk")
TARAS = Student(1002, "Тарас", "uk")


async def count(h: BotHarness, model: Any) -> int:
    async with h.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def inbox_rows(h: BotHarness) -> dict[int, InboxUpdate]:
    async with h.db.session() as session:
        rows = await session.scalars(select(InboxUpdate))
        return {row.update_id: row for row in rows}


async def quiz(h: BotHarness, student: Chat, topic: str) -> Question:
    """The student asks for a question; returns it as the bot will grade it."""
    await student.say(f"/quiz {topic}")
    question = await open_question(h, student.id)
    assert question is not None
    return question


def verdicts(messages: list[Any]) -> list[str]:
    return [m.text for m in messages if m.text.startswith(("✅", "❌"))]


# ---------------------------------------------------------------- the inbox


async def test_every_update_is_stored_and_marked_done_with_its_effects(
    harness: BotHarness,
) -> None:
    student = harness.user(2001, "Оксана", language_code="uk")
    question = await quiz(harness, student, "probability")
    await student.say(right_text(question))
    answer_id = harness.sandbox.last_update_id

    rows = await inbox_rows(harness)
    assert sorted(rows) == [answer_id - 1, answer_id]
    row = rows[answer_id]
    assert (row.chat_id, row.user_id) == (student.id, student.id)
    assert row.done_at is not None and row.payload is None  # done: the texts are gone
    [attempt] = await stored_attempts(harness, student.id)
    # The "done" mark came with the attempt, in its transaction (not a second one later).
    assert abs((row.done_at - attempt.created_at).total_seconds()) < 60
    async with harness.db.session() as session:
        assert await outbox_repo.pending(session) == []  # the feedback was sent and cleared


async def test_an_update_delivered_twice_before_and_after_a_restart_changes_nothing(
    make_harness: Any,
) -> None:
    """Telegram delivers an update again when its offset was never confirmed (the bot stored
    or even handled it, then died). A typed answer, /newclass and /assign, each delivered a
    second time while the bot runs and a third time after a restart: one attempt, one class,
    one homework, one notice per student, and no second reply."""
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [OLENA, TARAS])
        teacher = h.teacher()
        student = h.user(2002, "Марко", language_code="uk")

        question = await quiz(h, student, "entropy")
        await student.say(right_text(question))
        answer = h.sandbox.last_update_id
        await teacher.say("/newclass 8-Б")
        newclass = h.sandbox.last_update_id
        await teacher.say(f"/assign {class_.code} entropy 3 2026-12-01 18:00")
        assign = h.sandbox.last_update_id
        sent_before = {chat: len(h.sandbox.messages(chat)) for chat in (student.id, teacher.id)}
        notices_before = {s.id: len(h.sandbox.messages(s.id)) for s in (OLENA, TARAS)}
        assert notices_before == {OLENA.id: 1, TARAS.id: 1}

        for update_id in (answer, newclass, assign):
            h.sandbox.redeliver(update_id)
        await h.idle()
        await h.stop()
        for update_id in (answer, newclass, assign):
            h.sandbox.redeliver(update_id)
        await h.start()
        await h.idle()

        for update_id in (answer, newclass, assign):
            assert h.sandbox.deliveries[update_id] == 3
        assert len(await stored_attempts(h, student.id)) == 1
        assert await count(h, Class) == 2  # the class of make_class and 8-Б
        assert await count(h, Homework) == 1
        assert {s.id: len(h.sandbox.messages(s.id)) for s in (OLENA, TARAS)} == notices_before
        assert {c: len(h.sandbox.messages(c)) for c in sent_before} == sent_before
        assert_wire_clean(h)


async def test_stored_updates_a_crash_left_unhandled_are_handled_at_start_in_chat_order(
    harness: BotHarness,
) -> None:
    """The bot stored (and confirmed) updates, then died before handling them: the next start
    handles them, oldest first in each chat, before anything new."""
    first, second = harness.user(2003, "Ія", "uk"), harness.user(2004, "Bob", "en")
    await first.say("/start")
    await second.say("/start")
    await harness.stop()
    stored = Database(harness.settings.database_url)  # type: ignore[union-attr]
    base = harness.sandbox.last_update_id + 100
    texts = {first.id: ["/help", "/quiz probability", "/cancel"], second.id: ["/cancel", "/help"]}
    updates = []
    for n, (chat, text) in enumerate(
        [(first.id, "/help"), (second.id, "/cancel"), (first.id, "/quiz probability"),
         (second.id, "/help"), (first.id, "/cancel")]
    ):  # fmt: skip
        raw = {
            "update_id": base + n,
            "message": {
                "message_id": 900 + n,
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private", "first_name": "X"},
                "from": {"id": chat, "is_bot": False, "first_name": "X"},
                "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
            },
        }
        updates.append(inbox_repo.NewUpdate(base + n, chat, chat, raw))
    try:
        async with stored.writer() as session:
            assert await inbox_repo.store(session, updates) == {u.update_id for u in updates}
            await session.commit()
    finally:
        await stored.dispose()
    before = {chat: len(harness.sandbox.messages(chat)) for chat in texts}

    await harness.start()
    await harness.idle()

    first_replies = harness.sandbox.messages(first.id)[before[first.id] :]
    assert [m.source.splitlines()[0] for m in first_replies] == [
        t("uk", "help.text").splitlines()[0],
        first_replies[1].source.splitlines()[0],  # the question…
        t("uk", "cancel.done"),  # …put away by the /cancel stored after it
    ]
    assert first_replies[1].labels == [t("uk", "button.hint"), t("uk", "button.skip")]
    second_replies = harness.sandbox.messages(second.id)[before[second.id] :]
    assert [m.source.splitlines()[0] for m in second_replies] == [
        t("en", "cancel.none"),
        t("en", "help.text").splitlines()[0],
    ]
    rows = await inbox_rows(harness)
    assert all(rows[u.update_id].done_at is not None for u in updates)


async def test_an_update_the_framework_cannot_parse_is_logged_once_and_skipped(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.inbox")
    broken = harness.sandbox.send_update(
        {"message": {"message_id": 1, "chat": {"id": 2005, "type": "private"}, "text": "hi"}}
    )  # no date, no sender: PTB cannot build a Message
    await harness.idle()
    student = harness.user(2005, "Лев", language_code="uk")
    assert await student.say("/help")  # the bot goes on

    assert harness.sandbox.deliveries[broken] == 1  # fetched once, never again
    assert harness.sandbox.unconfirmed_updates == 0
    warnings = [r.getMessage() for r in caplog.records if "cannot be parsed" in r.getMessage()]
    assert warnings == [f"update {broken} cannot be parsed (KeyError); skipped"]
    row = (await inbox_rows(harness))[broken]
    assert row.done_at is not None


# ---------------------------------------------------------------- the outbox


async def test_a_six_second_outage_delays_every_verdict_but_loses_none_and_keeps_order(
    harness: BotHarness,
) -> None:
    """sendMessage answers 502 for 6 s while 10 students answer, ask for the next question
    (both replies go through the outbox) and ask for /help (sent directly): after the outage
    every chat gets its verdict, its question and its help, in that order."""
    students = [harness.user(2100 + n, f"Учень {n}", language_code="uk") for n in range(10)]
    answers = {}
    for student in students:
        question = await quiz(harness, student, "probability")
        answers[student.id] = right_text(question)
    before = {s.id: len(s.messages) for s in students}

    harness.sandbox.outage("sendMessage", seconds=6)
    outage_ends = time.monotonic() + 6
    for student in students:
        harness.sandbox.send_text(student.id, answers[student.id])
        harness.sandbox.send_text(student.id, "/quiz probability")
        harness.sandbox.send_text(student.id, "/help")
    await harness.idle(timeout=60)

    refused = [c for c in harness.sandbox.calls_to("sendMessage") if c.status == 502]
    assert refused, "the outage did not happen"
    help_first_line = t("uk", "help.text").splitlines()[0]
    for student in students:
        new = student.messages[before[student.id] :]
        assert len(new) == 3, [m.text[:40] for m in new]
        verdict, question, help_text = new
        assert verdict.text.startswith("✅"), verdict.text
        assert question.labels == [t("uk", "button.hint"), t("uk", "button.skip")]
        assert help_text.source.splitlines()[0] == help_first_line
        [attempt] = await stored_attempts(harness, student.id)
        assert attempt.correct
    delivered = [
        c
        for c in harness.sandbox.calls_to("sendMessage")
        if c.status == 200 and str(c.params.get("text", "")).startswith("✅")
    ]
    assert len(delivered) == 10 and all(c.at >= outage_ends for c in delivered)
    async with harness.db.session() as session:
        assert await outbox_repo.pending(session) == []


async def test_replies_still_owed_at_a_stop_are_sent_after_the_start(
    harness: BotHarness,
) -> None:
    student = harness.user(2006, "Софія", language_code="uk")
    question = await quiz(harness, student, "surprisal")
    harness.sandbox.outage("sendMessage", seconds=8)
    outage_ends = time.monotonic() + 8
    harness.sandbox.send_text(student.id, right_text(question))
    for _ in range(400):  # the attempt is stored; its verdict waits in the outbox
        if await stored_attempts(harness, student.id):
            break
        await asyncio.sleep(0.01)
    await harness.stop()  # gives the retrying send a moment, then leaves it in the table
    assert harness.settings is not None
    stopped = Database(harness.settings.database_url)
    try:
        async with stopped.session() as session:
            assert len(await outbox_repo.pending(session)) == 1
    finally:
        await stopped.dispose()
    assert verdicts(student.messages) == []
    await asyncio.sleep(max(0.0, outage_ends - time.monotonic()))

    await harness.start()
    await harness.idle()

    assert len(verdicts(student.messages)) == 1
    assert len(await stored_attempts(harness, student.id)) == 1


async def test_a_student_who_blocked_the_bot_is_marked_unreachable_and_not_retried(
    harness: BotHarness,
) -> None:
    student = harness.user(2007, "Ніна", language_code="uk")
    question = await quiz(harness, student, "entropy")
    harness.sandbox.block(student.id)
    calls_before = len(harness.sandbox.calls_to("sendMessage"))
    await student.say(right_text(question))

    assert len(harness.sandbox.calls_to("sendMessage")) == calls_before + 1  # one try, 403
    assert len(await stored_attempts(harness, student.id)) == 1
    async with harness.db.session() as session:
        user = await users.get(session, student.id)
        assert user is not None and user.unreachable
        [row] = (await session.scalars(select(OutboxMessage))).all()
        assert row.status == "failed" and "blocked" in (row.last_error or "")


# ---------------------------------------------------------------- honest errors


def _failing_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    async def save_then_fail(update: Update, context: Any) -> None:
        async with context.db.writer() as session:
            await users.set_language(session, update.effective_user.id, "en")
            await session.commit()
        raise RuntimeError("a bug after the commit")

    async def fail_at_once(update: Update, context: Any) -> None:
        raise RuntimeError("a bug before anything was stored")

    app.add_handler(MessageHandler(filters.Regex("^save then fail$"), save_then_fail), group=-3)
    app.add_handler(MessageHandler(filters.Regex("^fail at once$"), fail_at_once), group=-3)


async def test_the_apology_says_whether_the_message_was_saved_in_the_users_language(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness.on_build(_failing_handlers)
    mia = harness.user(2008, "Mia Secretname", language_code="en")
    oles = harness.user(2009, "Олесь Таємний", language_code="uk")

    replies = await mia.say("fail at once")
    assert t("en", "error.not_saved") in [m.text for m in replies]
    replies = await oles.say("fail at once")
    assert t("uk", "error.not_saved") in [m.text for m in replies]
    replies = await oles.say("save then fail")
    assert t("uk", "error.saved") in [m.text for m in replies]  # the /lang-like write stuck
    async with harness.db.session() as session:
        user = await users.get(session, oles.id)
        assert user is not None and user.language == "en"

    errors = [r for r in caplog.records if r.levelno >= logging.INFO]
    failures = [r.getMessage() for r in errors if "failed with RuntimeError" in r.getMessage()]
    assert len(failures) == 3
    assert f"in chat {oles.id} failed with RuntimeError; its effects were saved" in failures[-1]
    for record in errors:  # names and texts only ever at DEBUG
        shown = record.getMessage() + (record.exc_text or "")
        for secret in ("Secretname", "Таємний", "save then fail", "fail at once"):
            assert secret not in shown, record.getMessage()
    assert await oles.say("/help")  # and the bot keeps answering


async def test_stored_rows_older_than_the_retention_are_pruned(harness: BotHarness) -> None:
    student = harness.user(2010, "Ганна", language_code="uk")
    await student.say("/help")
    inbox = harness.app.bot_data["inbox"]
    assert await inbox.prune() == (0, 0)  # a fresh done row stays
    async with harness.db.writer() as session:
        row = await session.get(InboxUpdate, harness.sandbox.last_update_id)
        assert row is not None and row.done_at is not None
        row.done_at -= inbox_repo.RETENTION
        failed = outbox_repo.add(session, chat_id=student.id, user_id=student.id, text="x")
        failed.status, failed.failed_at = "failed", row.done_at
        await session.commit()
    assert await inbox.prune() == (1, 1)
    assert await count(harness, User) == 1

"""Sending what the database says is owed: homework notices, reminders and due-time summaries.

`run_due(application, now)` is the whole job; the JobQueue only calls it every
REMINDER_POLL_SECONDS (and once at start, which is the catch-up after downtime). The JobQueue
itself holds nothing that matters: every decision is made from, and recorded in, the database,
so two bot processes on one database, or a restart at any moment, send nothing twice.

A message that is due is handed to the outbox (bulk priority, paced) in the same transaction
that marks its reminder sent, and so is a summary with the claim on it: the outbox delivers
it, retrying and after a restart too. `run_due` waits for those deliveries to report on them."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import outbox
from bot.config import Settings
from bot.delivery import BLOCKED, SENT, DeliveryReport, Outcome, Outgoing
from bot.features.homework import keyboards, schedule, service
from db.models import Class, Homework, OutboxMessage, Reminder, User, utcnow
from db.repositories import homework as homework_repo
from db.repositories import reminders, users
from db.session import Database

log = logging.getLogger(__name__)

BATCH = 200
MAX_BATCHES = 50  # per run: 10 000 messages; the next run continues
CLAIM_TIMEOUT = timedelta(minutes=10)  # a claim older than this belongs to a dead process
JOB_NAME = "homework-reminders"


def worker_token() -> str:
    """Unique per claim, so a worker only ever picks up the rows it claimed itself."""
    return f"{socket.gethostname()[:24]}:{os.getpid()}:{secrets.token_hex(6)}"


@dataclass
class _Plan:
    outgoing: list[Outgoing] = field(default_factory=list)
    skip: list[tuple[int, str]] = field(default_factory=list)
    defer: list[tuple[int, datetime]] = field(default_factory=list)


@dataclass
class _Facts:
    homeworks: dict[int, tuple[Homework, Class] | None] = field(default_factory=dict)
    users: dict[int, User | None] = field(default_factory=dict)
    progress: dict[tuple[int, int], tuple[int, bool]] = field(default_factory=dict)
    member: dict[tuple[int, int], bool] = field(default_factory=dict)


async def _load_facts(session: Any, rows: list[Reminder]) -> _Facts:
    facts = _Facts()
    for row in rows:
        if row.homework_id not in facts.homeworks:
            facts.homeworks[row.homework_id] = await homework_repo.get_with_class(
                session, row.homework_id
            )
        if row.user_id not in facts.users:
            facts.users[row.user_id] = await users.get(session, row.user_id)
        key = (row.homework_id, row.user_id)
        if key not in facts.progress:
            facts.progress[key] = await homework_repo.progress_of(session, *key)
        found = facts.homeworks[row.homework_id]
        if found is not None and key not in facts.member:
            facts.member[key] = await homework_repo.is_member(session, found[1].id, row.user_id)
    return facts


def _plan(rows: list[Reminder], facts: _Facts, settings: Settings, now: datetime) -> _Plan:
    """Decide for each claimed row: send it, skip it (and why), or give it back for later."""
    plan = _Plan()
    # When several messages of one homework to one student are due together (the bot was
    # down), the student gets one: the notice if it is among them, else the latest reminder.
    keep: dict[tuple[int, int], Reminder] = {}
    for row in rows:
        key = (row.homework_id, row.user_id)
        best = keep.get(key)
        if best is None or _rank(row) < _rank(best):
            keep[key] = row
    for row in rows:
        found = facts.homeworks.get(row.homework_id)
        user = facts.users.get(row.user_id)
        if found is None or user is None:
            plan.skip.append((row.id, "homework or student deleted"))
            continue
        homework, class_ = found
        done, finished = facts.progress[(row.homework_id, row.user_id)]
        zone = service.class_zone(class_, settings)
        if keep[(row.homework_id, row.user_id)] is not row:
            plan.skip.append((row.id, "superseded by a later message"))
        elif homework.due_at <= now:
            plan.skip.append((row.id, "homework already due"))
        elif class_.archived:
            plan.skip.append((row.id, "class archived"))
        elif not facts.member.get((row.homework_id, row.user_id), False):
            plan.skip.append((row.id, "no longer in the class"))
        elif finished:
            plan.skip.append((row.id, "finished"))
        elif user.unreachable:
            plan.skip.append((row.id, "unreachable"))
        elif schedule.in_quiet_hours(now, settings.quiet_hours, zone):
            later = schedule.out_of_quiet_hours(now, settings.quiet_hours, zone)
            if later >= homework.due_at:
                plan.skip.append((row.id, "quiet hours until due"))
            else:
                plan.defer.append((row.id, later))
        else:
            plan.outgoing.append(_message(row, homework, class_, user, zone, done, settings))
    return plan


def _rank(row: Reminder) -> tuple[int, int]:
    return (0 if row.kind == reminders.ASSIGNED else 1, row.offset_seconds)


def _message(
    row: Reminder,
    homework: Homework,
    class_: Class,
    user: User,
    zone: ZoneInfo,
    done: int,
    settings: Settings,
) -> Outgoing:
    lang = service.user_lang(user, settings)
    if row.kind == reminders.ASSIGNED:
        text = service.student_notice(lang, homework, class_, zone)
    else:
        text = service.student_reminder(lang, homework, class_, zone, min(done, homework.count))
    markup = keyboards.start_button(lang, homework.id, started=done > 0)
    return Outgoing(key=row.id, chat_id=user.id, text=text, reply_markup=markup)


async def run_due(
    application: Any, now: datetime, *, homework_id: int | None = None
) -> DeliveryReport:
    """Send every notice and reminder due at `now` (only this homework's, if given), then
    the summaries of homework that has fallen due. Safe to run in several processes at once."""
    settings: Settings = application.bot_data["settings"]
    database: Database = application.bot_data["db"]
    report = DeliveryReport()
    stale_before = now - CLAIM_TIMEOUT
    for _ in range(MAX_BATCHES):
        worker = worker_token()
        async with database.session() as session:
            rows = await reminders.claim_due(
                session,
                worker=worker,
                now=now,
                stale_before=stale_before,
                limit=BATCH,
                homework_id=homework_id,
            )
            if not rows:
                break
            facts = await _load_facts(session, rows)
        plan = _plan(rows, facts, settings, now)
        await _settle(database, worker, plan, report)
        handed = await _hand_over(database, worker, plan.outgoing, now)
        await _wait_for_delivery(application, handed, report)
        if len(rows) < BATCH:
            break
    if homework_id is None:
        await send_summaries(application, now, report)
    return report


async def _settle(database: Database, worker: str, plan: _Plan, report: DeliveryReport) -> None:
    async with database.session() as session:
        for reminder_id, reason in plan.skip:
            await reminders.skip(session, reminder_id, worker, reason)
            report.skipped += 1
        for reminder_id, later in plan.defer:
            await reminders.release(session, reminder_id, worker, due_at=later)
            report.deferred += 1


async def _hand_over(
    database: Database, worker: str, outgoing: list[Outgoing], now: datetime
) -> dict[int, OutboxMessage]:
    """Mark the reminders sent and put their messages into the outbox, in one transaction;
    returns the outbox row of each reminder (a reminder whose claim was lost gets none)."""
    handed: dict[int, OutboxMessage] = {}
    if not outgoing:
        return handed
    async with database.writer() as session:
        for item in outgoing:
            if await reminders.hand_over(session, item.key, worker, at=now):
                handed[item.key] = outbox.enqueue(
                    session,
                    item.chat_id,
                    item.text,
                    reply_markup=item.reply_markup,
                    priority=outbox.BULK,
                )
        await session.commit()
    return handed


async def _wait_for_delivery(
    application: Any, handed: dict[int, OutboxMessage], report: DeliveryReport
) -> None:
    """Wait for the outbox to deliver the handed-over messages; count them, and record on the
    reminder why one could not be delivered (the outbox has already marked a student who
    blocked the bot unreachable)."""
    if not handed:
        return
    database: Database = application.bot_data["db"]
    outcomes = await outbox.sender_of(application).outcomes([row.id for row in handed.values()])
    for reminder_id, row in handed.items():
        outcome = outcomes.get(row.id)
        if outcome is None:  # the bot is stopping: the row stays in the outbox for next time
            continue
        count_outcome(report, row.chat_id, outcome)
        if outcome.status != SENT:
            async with database.writer() as session:
                await reminders.delivery_failed(
                    session,
                    reminder_id,
                    error=outcome.error or outcome.status,
                    attempts=outcome.attempts,
                )


def count_outcome(report: DeliveryReport, chat_id: int, outcome: Outcome) -> None:
    """Add one outbox delivery's outcome to a run's report (the /remind nudges use it too)."""
    report.retries += outcome.retries
    if outcome.status == SENT:
        report.sent += 1
        return
    report.failed += 1
    if outcome.status == BLOCKED:
        report.blocked.append(chat_id)


async def send_summaries(application: Any, now: datetime, report: DeliveryReport) -> None:
    """Each homework that has fallen due gets one summary to its teacher (claimed atomically,
    in the transaction that puts it into the outbox, so exactly one process sends it), held
    back while it is quiet hours in the class."""
    settings: Settings = application.bot_data["settings"]
    database: Database = application.bot_data["db"]
    async with database.session() as session:
        due_ids = await homework_repo.due_for_summary(session, now)
    for homework_id in due_ids:
        async with database.session() as session:
            found = await homework_repo.get_with_class(session, homework_id)
            if found is None:
                continue
            homework, class_ = found
            zone = service.class_zone(class_, settings)
            if schedule.in_quiet_hours(now, settings.quiet_hours, zone):
                continue
            teacher = await users.get(session, class_.teacher_id)
            rows = await homework_repo.progress_of_class(session, homework)
        lang = service.user_lang(teacher, settings)
        result = service.summary(lang, homework, class_, rows, zone)
        async with database.writer() as session:
            if not await homework_repo.claim_summary(session, homework_id, now):
                continue
            await reminders.skip_for_homework(session, homework_id, "homework already due")
            if class_.archived:  # its teacher closed the class: no summaries any more
                await session.commit()
                continue
            # In this order: the text comes before its spreadsheet (the outbox keeps a
            # chat's order).
            queued = [
                outbox.enqueue(session, class_.teacher_id, text, priority=outbox.BULK)
                for text in result.texts
            ]
            queued.append(
                outbox.enqueue(
                    session,
                    class_.teacher_id,
                    result.caption,
                    document=(result.csv_name, result.csv_bytes),
                    priority=outbox.BULK,
                )
            )
            await session.commit()
        outcomes = await outbox.sender_of(application).outcomes([row.id for row in queued])
        for outcome in outcomes.values():
            count_outcome(report, class_.teacher_id, outcome)
        if any(outcome.status != SENT for outcome in outcomes.values()):
            log.warning("summary of homework %s could not be delivered fully", homework_id)


Run = Callable[[Any, datetime], Awaitable[object]]


def poll(application: Any, name: str, run: Run) -> None:
    """Call `run(application, now)` at once (the catch-up after downtime), then every
    REMINDER_POLL_SECONDS: one run at a time per process (a tick that finds the previous run
    still going skips), a failed run logged and tried again at the next tick. Other features'
    periodic sends (the /remind nudges) use it too."""
    settings: Settings = application.bot_data["settings"]
    if application.job_queue is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]): %s is off", name)
        return
    lock = asyncio.Lock()

    async def tick(context: Any) -> None:
        if lock.locked():
            return
        async with lock:
            clock = application.bot_data.get("clock", utcnow)
            try:
                await run(application, clock())
            except Exception:  # the next tick tries again; the database still holds everything
                log.exception("the periodic job %s failed", name)

    application.job_queue.run_repeating(
        tick, interval=settings.reminder_poll_seconds, first=0, name=name
    )


def start(application: Any) -> None:
    """Homework notices, reminders and summaries, polled."""
    poll(application, JOB_NAME, run_due)

"""Sending what the database says is owed: homework notices, reminders and due-time summaries.

`run_due(application, now)` is the whole job; the JobQueue only calls it every
REMINDER_POLL_SECONDS (and once at start, which is the catch-up after downtime). The JobQueue
itself holds nothing that matters: every decision is made from, and recorded in, the database,
so two bot processes on one database, or a restart at any moment, send nothing twice."""

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

from bot.config import Settings
from bot.delivery import (
    BLOCKED,
    LOST,
    SENT,
    DeliveryReport,
    Outcome,
    Outgoing,
    deliver,
    pacer_for,
)
from bot.features.homework import keyboards, schedule, service
from db.models import Class, Homework, Reminder, User, utcnow
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
    async with database.session() as session:
        interrupted = await reminders.fail_interrupted(session, stale_before=stale_before)
    if interrupted:
        log.warning("%d reminders were interrupted mid-send by a dead process", interrupted)
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
        report.add(await _send(application, worker, plan.outgoing))
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


async def _send(application: Any, worker: str, outgoing: list[Outgoing]) -> DeliveryReport:
    if not outgoing:
        return DeliveryReport()
    database: Database = application.bot_data["db"]
    clock = application.bot_data.get("clock", utcnow)

    async def before(item: Outgoing) -> bool:
        async with database.session() as session:
            return await reminders.start_sending(session, item.key, worker)

    async def after(item: Outgoing, outcome: Outcome) -> None:
        if outcome.status == LOST:
            return
        async with database.session() as session:
            if outcome.status == BLOCKED:
                await users.mark_unreachable(session, [item.chat_id])
                await session.commit()
            status = reminders.SENT if outcome.status == SENT else reminders.FAILED
            await reminders.finish(
                session,
                item.key,
                worker,
                status=status,
                at=clock(),
                error=outcome.error,
                attempts=outcome.attempts,
            )

    return await deliver(
        application.bot, pacer_for(application), outgoing, before=before, after=after
    )


async def send_summaries(application: Any, now: datetime, report: DeliveryReport) -> None:
    """Each homework that has fallen due gets one summary to its teacher (claimed atomically,
    so exactly one process sends it), held back while it is quiet hours in the class."""
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
            if not await homework_repo.claim_summary(session, homework_id, now):
                continue
            await reminders.skip_for_homework(session, homework_id, "homework already due")
            await session.commit()
            if class_.archived:
                continue  # its teacher closed the class: no summaries any more
            teacher = await users.get(session, class_.teacher_id)
            rows = await homework_repo.progress_of_class(session, homework)
        lang = service.user_lang(teacher, settings)
        result = service.summary(lang, homework, class_, rows, zone)
        items = [
            Outgoing(key=homework_id, chat_id=class_.teacher_id, text=text) for text in result.texts
        ]
        items.append(
            Outgoing(
                key=homework_id,
                chat_id=class_.teacher_id,
                text=result.caption,
                document=(result.csv_name, result.csv_bytes),
            )
        )
        # One after another: the text must come before its spreadsheet.
        sent = await deliver(application.bot, pacer_for(application), items, workers=1)
        if sent.failed:
            log.warning("summary of homework %s could not be delivered fully", homework_id)
        report.add(sent)


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

"""Sending today's review nudges: `run_due(application, now)` is the whole job, polled with
the homework reminders' machinery (`bot.features.homework.jobs.poll`). Every decision comes
from the database: a nudge is claimed for the day (`db.repositories.nudges.claim`) in the same
transaction that hands it to the outbox (bulk priority, paced like homework reminders), so a
restart or a second bot process never sends one twice in a day, and the outbox delivers it,
retrying, after a restart too (a student who blocked the bot is marked unreachable there)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import outbox
from bot.config import Settings
from bot.delivery import DeliveryReport
from bot.features.homework import schedule
from bot.features.homework.jobs import count_outcome, poll
from bot.features.homework.service import user_lang
from bot.texts import count_phrase, t
from db.models import OutboxMessage
from db.repositories import nudges
from db.session import Database

JOB_NAME = "review-nudges"
BATCH = 200
MAX_BATCHES = 50  # per run: 10 000 nudges; the next run continues


def start(application: Any) -> None:
    poll(application, JOB_NAME, run_due)


async def run_due(application: Any, now: datetime) -> DeliveryReport:
    """Send every nudge owed at `now` (none during quiet hours) and wait for their delivery."""
    settings: Settings = application.bot_data["settings"]
    database: Database = application.bot_data["db"]
    report = DeliveryReport()
    tz = settings.tz
    if schedule.in_quiet_hours(now, settings.quiet_hours, tz):
        return report
    local = now.astimezone(tz)
    today, minute = local.date(), local.hour * 60 + local.minute
    for _ in range(MAX_BATCHES):
        async with database.session() as session:
            owed = await nudges.owed(session, now=now, today=today, minute=minute, limit=BATCH)
        handed: list[OutboxMessage] = []
        async with database.writer() as session:
            for student in owed:
                if await nudges.claim(session, student.user.id, today):
                    handed.append(_enqueue(session, student, settings))
            await session.commit()
        outcomes = await outbox.sender_of(application).outcomes([row.id for row in handed])
        for row in handed:
            outcome = outcomes.get(row.id)
            if outcome is not None:  # None: the bot is stopping; the outbox keeps the row
                count_outcome(report, row.chat_id, outcome)
        if len(owed) < BATCH:
            break
    return report


def _enqueue(session: Any, student: nudges.Owed, settings: Settings) -> OutboxMessage:
    lang = user_lang(student.user, settings)
    text = t(lang, "remind.nudge", reviews=count_phrase(lang, student.due_reviews, "n.review"))
    button = InlineKeyboardButton(t(lang, "button.go_reviews"), callback_data="q:go")
    return outbox.enqueue(
        session,
        student.user.id,
        text,
        reply_markup=InlineKeyboardMarkup([[button]]),
        priority=outbox.BULK,
    )

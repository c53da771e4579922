"""Sending today's review nudges: `run_due(application, now)` is the whole job, polled with
the homework reminders' machinery (`bot.features.homework.jobs.poll`) and sent through the same
paced delivery (`bot.delivery`). Every decision comes from the database, and each nudge is
claimed there just before it is sent, so a restart or a second bot process sends none twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import Settings
from bot.delivery import BLOCKED, DeliveryReport, Outcome, Outgoing, deliver, pacer_for
from bot.features.homework import schedule
from bot.features.homework.jobs import poll
from bot.features.homework.service import user_lang
from bot.texts import count_phrase, t
from db.repositories import nudges, users
from db.session import Database

JOB_NAME = "review-nudges"
BATCH = 200
MAX_BATCHES = 50  # per run: 10 000 nudges; the next run continues


def start(application: Any) -> None:
    poll(application, JOB_NAME, run_due)


async def run_due(application: Any, now: datetime) -> DeliveryReport:
    """Send every nudge owed at `now` (none during quiet hours)."""
    settings: Settings = application.bot_data["settings"]
    database: Database = application.bot_data["db"]
    report = DeliveryReport()
    tz = settings.tz
    if schedule.in_quiet_hours(now, settings.quiet_hours, tz):
        return report
    local = now.astimezone(tz)
    today, minute = local.date(), local.hour * 60 + local.minute

    async def before(item: Outgoing) -> bool:
        async with database.session() as session:
            return await nudges.claim(session, item.key, today)

    async def after(item: Outgoing, outcome: Outcome) -> None:
        if outcome.status == BLOCKED:
            async with database.session() as session:
                await users.mark_unreachable(session, [item.chat_id])
                await session.commit()

    for _ in range(MAX_BATCHES):
        async with database.session() as session:
            owed = await nudges.owed(session, now=now, today=today, minute=minute, limit=BATCH)
        items = [_message(student, settings) for student in owed]
        if items:
            sent = await deliver(
                application.bot, pacer_for(application), items, before=before, after=after
            )
            report.add(sent)
        if len(owed) < BATCH:
            break
    return report


def _message(student: nudges.Owed, settings: Settings) -> Outgoing:
    lang = user_lang(student.user, settings)
    text = t(lang, "remind.nudge", reviews=count_phrase(lang, student.due_reviews, "n.review"))
    button = InlineKeyboardButton(t(lang, "button.go_reviews"), callback_data="q:go")
    return Outgoing(
        key=student.user.id,
        chat_id=student.user.id,
        text=text,
        reply_markup=InlineKeyboardMarkup([[button]]),
    )

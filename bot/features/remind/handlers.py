"""/remind and its buttons (`r:set:<minute>`, `r:off`)."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import QuizContext, Visitor
from bot.features.homework import schedule
from bot.features.remind import jobs
from bot.features.student.service import queue_html, quote_user_text, send_html, writing
from bot.texts import t
from db.repositories import nudges

MAX_ARGUMENT = 32
SUGGESTED = ("16:00", "17:00", "18:00", "19:00", "20:00")
OFF_WORDS = {"off", "no", "stop", "none", "вимк", "вимкнути", "вимкни", "ні", "стоп", "0"}
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("remind", on_remind, filters=filters.UpdateType.MESSAGE))
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^r:"))


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start the nudge job (its first run is the catch-up after downtime)."""
    if application.bot_data.get("start_jobs", True):
        jobs.start(application)


def parse_time(text: str) -> int | None:
    """`18:00`, `8:05`, `18.30` or `18` → minutes past midnight; None for anything else."""
    match = _TIME.match(text.strip()[:MAX_ARGUMENT])
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def in_quiet_hours(context: QuizContext, minute: int) -> bool:
    """Is this wall-clock time inside QUIET_HOURS (in TIMEZONE)?"""
    settings = context.settings
    today = context.now.astimezone(settings.tz).date()
    moment = datetime.combine(today, time(minute // 60, minute % 60), tzinfo=settings.tz)
    return schedule.in_quiet_hours(moment, settings.quiet_hours, settings.tz)


def quiet_text(context: QuizContext) -> str:
    quiet = context.settings.quiet_hours
    if quiet is None:
        return ""
    return f"{quiet[0].strftime('%H:%M')}–{quiet[1].strftime('%H:%M')}"


def choose_keyboard(context: QuizContext, lang: str) -> InlineKeyboardMarkup:
    times = [
        minute
        for minute in (parse_time(text) for text in SUGGESTED)
        if minute is not None and not in_quiet_hours(context, minute)
    ]
    buttons = [InlineKeyboardButton(clock_text(m), callback_data=f"r:set:{m}") for m in times]
    off = InlineKeyboardButton(t(lang, "button.remind_off"), callback_data="r:off")
    return InlineKeyboardMarkup([buttons, [off]] if buttons else [[off]])


async def on_remind(update: Update, context: QuizContext) -> None:
    if update.effective_chat is None or context.visitor is None:
        return
    chat_id, visitor = update.effective_chat.id, context.visitor
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await _show_choice(context, chat_id, visitor)
    elif wanted.lower() in OFF_WORDS:
        await _turn_off(context, chat_id, visitor)
    else:
        minute = parse_time(wanted)
        if minute is None:
            text = t(visitor.lang, "remind.bad_time", value=quote_user_text(wanted))
            await send_html(context, chat_id, text, choose_keyboard(context, visitor.lang))
        else:
            await _set(context, chat_id, visitor, minute)


async def on_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    if query is None or update.effective_chat is None or context.visitor is None:
        if query is not None:
            await query.answer()
        return
    chat_id, visitor = update.effective_chat.id, context.visitor
    action, _, rest = (query.data or "").removeprefix("r:").partition(":")
    minute = int(rest) if action == "set" and rest.isascii() and rest.isdigit() else None
    if action == "off" and not rest:
        await query.answer()
        await _turn_off(context, chat_id, visitor)
    elif minute is not None and len(rest) <= 4 and minute < nudges.MINUTES_PER_DAY:
        await query.answer()
        await _set(context, chat_id, visitor, minute)
    else:
        await query.answer(t(visitor.lang, "fallback.stale_button"))


async def _show_choice(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    async with context.db.session() as session:
        minute = await nudges.time_of(session, visitor.id)
    lang = visitor.lang
    lines = [t(lang, "remind.choose")]
    lines.append(
        t(lang, "remind.current", time=clock_text(minute))
        if minute is not None
        else t(lang, "remind.current_off")
    )
    if context.settings.quiet_hours is not None:
        lines.append(t(lang, "remind.quiet_note", quiet=quiet_text(context)))
    await send_html(context, chat_id, "\n\n".join(lines), choose_keyboard(context, lang))


async def _set(context: QuizContext, chat_id: int, visitor: Visitor, minute: int) -> None:
    lang = visitor.lang
    if in_quiet_hours(context, minute):
        text = t(lang, "remind.quiet", time=clock_text(minute), quiet=quiet_text(context))
        await send_html(context, chat_id, text, choose_keyboard(context, lang))
        return
    async with writing(context) as session:
        await nudges.set_time(session, visitor.id, minute, now=context.now)
        queue_html(session, chat_id, t(lang, "remind.set", time=clock_text(minute)))
        await session.commit()


async def _turn_off(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    async with writing(context) as session:
        was_on = await nudges.turn_off(session, visitor.id)
        queue_html(session, chat_id, t(visitor.lang, "remind.off" if was_on else "remind.was_off"))
        await session.commit()

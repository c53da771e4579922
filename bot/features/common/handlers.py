"""Loading the visitor before any handler runs, last-resort replies, and the error handler."""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.context import QuizContext, Visitor
from bot.texts import t
from db.repositories import users

log = logging.getLogger(__name__)


async def load_visitor(update: object, context: QuizContext) -> None:
    """Create or refresh the sender in the database and put them on the context."""
    if not isinstance(update, Update) or update.effective_user is None:
        return
    tg_user = update.effective_user
    profile = users.Profile(
        id=tg_user.id,
        first_name=tg_user.first_name or "",
        last_name=tg_user.last_name,
        username=tg_user.username,
        language_code=tg_user.language_code,
    )
    async with context.db.session() as session:
        user = await users.upsert_from_profile(
            session, profile, admin_ids=context.settings.admin_ids
        )
        lang = users.resolve_language(user, context.settings.default_language)
        context.visitor = Visitor.from_user(user, lang)
        await session.commit()


def register_first(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, load_visitor), group=-1)


def register_last(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Fallbacks after every feature: filled in by the student-path work."""


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Menus for everyone: filled in by the student-path work."""


async def on_error(update: object, context: QuizContext) -> None:
    """Log the failure with its update, and tell the user what happened and what to do."""
    log.error("Error while handling update %r", update, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = context.lang
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await context.bot.send_message(
            update.effective_chat.id, html.escape(t(lang, "error.generic"))
        )
    except Exception:  # the error handler itself must never raise
        log.exception("Could not tell the user about the error")

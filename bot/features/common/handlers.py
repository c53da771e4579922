"""The guard and the visitor loader before any handler runs, last-resort replies (in groups:
a pointer to the private chat), and the error handler."""

from __future__ import annotations

import contextlib
import html
import logging
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import chats, menus
from bot.context import QuizContext, Visitor, current_visitor, remember_visitor
from bot.texts import t
from db.repositories import inbox, users

log = logging.getLogger(__name__)

# Before every other group: the teacher feature resets its dialogs in group -2, and nothing
# may run, let alone store or send, for an update the guard refuses.
GUARD_GROUP = -100
TEACHER_COMMANDS = frozenset(name for name, _ in menus.TEACHER_COMMANDS + menus.ADMIN_COMMANDS)


async def guard(update: object, context: QuizContext) -> None:
    """Stop updates that come from no person, and private chats that cannot be real (see
    `bot.chats.refusal`): no handler runs, nothing is stored or sent. Logged with ids only."""
    if not isinstance(update, Update):
        return
    reason = chats.refusal(update)
    if reason is None:
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    user_id = update.effective_user.id if update.effective_user else None
    if reason == chats.FORGED_PRIVATE_CHAT:
        log.warning(
            "Refused update %s: private chat %s but sender %s", update.update_id, chat_id, user_id
        )
    else:
        log.debug("Ignored update %s in chat %s: %s", update.update_id, chat_id, reason)
    raise ApplicationHandlerStop


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
    admin_ids = context.settings.admin_ids
    default = context.settings.default_language
    known_users = context.db.known_users
    claimed_users = context.db.claimed_users
    # Most updates come from a known, unchanged user: remembered (SQLite), read with the
    # update's claim (PostgreSQL), or one read.
    known = known_users.get(profile.id) if known_users is not None else None
    if claimed_users is not None:
        known = claimed_users.take(update.update_id, profile.id)
    if known is not None and not users.needs_refresh(known, profile, admin_ids=admin_ids):
        context.visitor = Visitor.from_user(known, users.resolve_language(known, default))
        remember_visitor(context.visitor)
        return
    generation = known_users.generation if known_users is not None else 0
    async with context.db.session() as session:
        inbox.unrelated(session)  # a profile refresh, not what handling the update stored
        user = await users.get(session, profile.id)
        if user is None or users.needs_refresh(user, profile, admin_ids=admin_ids):
            user = await users.upsert_from_profile(session, profile, admin_ids=admin_ids)
            await session.commit()
            generation = known_users.generation if known_users is not None else 0
        if known_users is not None:
            known_users.remember(user, generation)
        context.visitor = Visitor.from_user(user, users.resolve_language(user, default))
        remember_visitor(context.visitor)


def register_first(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, guard), group=GUARD_GROUP)
    application.add_handler(TypeHandler(Update, load_visitor), group=-1)


def register_last(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Fallbacks after every feature, so that nothing a user sends goes unanswered: unknown
    commands, edited messages, stickers/photos/voice/empty messages, and buttons no feature
    recognised (stale or forged) get a short, kind reply. In a group, a command for us that no
    feature handles there (all of them, unless a feature registers a group command) gets a
    pointer to the private chat."""
    private = chats.PRIVATE
    new_command = filters.COMMAND & filters.UpdateType.MESSAGE
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, on_edited_message)
    )
    application.add_handler(MessageHandler(new_command & chats.GROUPS, on_group_command))
    application.add_handler(MessageHandler(new_command & private, on_unknown_command))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & private, on_other_message))
    application.add_handler(CallbackQueryHandler(on_unknown_button))


async def _reply(update: Update, context: QuizContext, text: str) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, parse_mode="HTML")


async def on_unknown_command(update: Update, context: QuizContext) -> None:
    text = update.effective_message.text if update.effective_message else ""
    command = (text or "").split(maxsplit=1)[0] if text else "/"
    command = html.escape(command[:64])
    await _reply(update, context, t(context.lang, "fallback.unknown_command", command=command))


async def on_group_command(update: Update, context: QuizContext) -> None:
    """A command in a group: one line pointing to the private chat, where names, answers and
    reports are safe from the rest of the group. Commands for other bots are not ours."""
    message = update.effective_message
    username = context.bot.username
    if message is None or not chats.addressed_to_us(message.text, username):
        return
    command, _ = chats.command_of(message.text)
    key = "group.teacher_private" if command in TEACHER_COMMANDS else "group.private_only"
    link = chats.private_chat_link(username)
    await context.bot.send_message(
        message.chat_id,
        t(context.lang, key, link=link),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def on_edited_message(update: Update, context: QuizContext) -> None:
    await _reply(update, context, t(context.lang, "fallback.edited"))


async def on_other_message(update: Update, context: QuizContext) -> None:
    """Stickers, photos, voice, locations… and empty texts: we read typed answers only."""
    message = update.effective_message
    key = (
        "fallback.empty"
        if message is not None and message.text is not None
        else "fallback.non_text"
    )
    await _reply(update, context, t(context.lang, key))


async def on_unknown_button(update: Update, context: QuizContext) -> None:
    """A press no feature recognised: an old message's button, or forged data. The spinner
    stops with a short note; nothing else happens."""
    if update.callback_query is not None:
        await update.callback_query.answer(t(context.lang, "fallback.stale_button"))


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The student command menu for everyone, in Ukrainian, English and the default language."""
    settings = application.bot_data["settings"]
    try:
        await menus.set_default_menus(application.bot, settings.default_language)
    except TelegramError:  # a menu is a convenience: the bot works without one
        log.warning("Could not set the command menus", exc_info=True)


async def on_error(update: object, context: QuizContext) -> None:
    """Log the failure with ids and the error type (the update itself only at DEBUG: it holds
    names and texts), and tell the user, in their language, whether what they sent was
    saved: it was if handling it committed (that commit marked the update done)."""
    handling = inbox.current()
    if isinstance(context.error, inbox.LostClaim):
        # Another replica took this update over and answers it; nothing here was saved.
        log.warning("update %s: %s", context.error.update_id, context.error)
        return
    saved = handling is not None and handling.done
    update_id = update.update_id if isinstance(update, Update) else None
    chat = update.effective_chat if isinstance(update, Update) else None
    error = context.error
    log.error(
        "update %s in chat %s failed with %s; %s",
        update_id,
        chat.id if chat is not None else None,
        type(error).__name__,
        "its effects were saved" if saved else "nothing of it was saved",
        exc_info=error,
    )
    log.debug("the update that failed: %r", update)
    if not isinstance(update, Update) or chat is None:
        return
    lang = _language(update, context)
    if update.callback_query is not None:
        # The failed handler may already have answered the press; Telegram refuses a second
        # answer, and that refusal must not stop the apology below.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        text = t(lang, "error.saved" if saved else "error.not_saved")
        await context.bot.send_message(chat.id, html.escape(text))
    except Exception:  # the error handler itself must never raise
        log.warning("could not tell chat %s about the error", chat.id, exc_info=True)


def _language(update: Update, context: QuizContext) -> str:
    """The visitor's language; before the visitor is loaded (or if loading failed), what
    Telegram says about the sender."""
    if context.visitor is not None or current_visitor() is not None:
        return context.lang
    sender = update.effective_user
    code = sender.language_code if sender is not None else None
    return users.language_from_code(code, context.settings.default_language)

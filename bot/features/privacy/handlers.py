"""/forget_me: a person deletes everything the bot stores about them, after seeing what it
is and pressing a confirm button (or Keep). A teacher who still teaches active classes is
refused — their classes and their students' homework would go too — and told to archive them
first; after that, their archived classes are deleted with them.

Buttons: `fm:yes:<unix seconds of the offer>` (valid for CONFIRM_TTL) and `fm:no`. Only the
presser's own data is ever touched: in a private chat the presser is the chat (the guard in
bot.features.common refuses anything else), and the data carry no user id."""

from __future__ import annotations

import contextlib
import html
import logging
import re
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot import menus
from bot.context import QuizContext, Visitor
from bot.features.teacher.handlers import forget_teacher_menu
from bot.texts import t
from db.repositories import privacy

log = logging.getLogger(__name__)

CALLBACK_PATTERN = r"^fm:"
CONFIRM_TTL = timedelta(minutes=10)
MAX_LISTED_CLASSES = 10
_YES = re.compile(r"^fm:yes:(\d{1,12})$")


def confirm_keyboard(lang: str, offered_at: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "forget.yes"), callback_data=f"fm:yes:{offered_at}"),
                InlineKeyboardButton(t(lang, "forget.no"), callback_data="fm:no"),
            ]
        ]
    )


def describe(data: privacy.UserData, lang: str) -> str:
    """What is stored, one bullet per kind of data (the profile always)."""
    lines = [t(lang, "forget.item.profile")]
    counted = (
        ("forget.item.answers", data.answers),
        ("forget.item.topics", data.topics),
        ("forget.item.classes", data.classes),
        ("forget.item.homework", data.homework),
        ("forget.item.worksheets", data.worksheets),
        ("forget.item.games", data.games),
        ("forget.item.invitations", data.invitations),
        ("forget.item.archived_classes", data.archived_classes),
    )
    lines += [t(lang, key, count=count) for key, count in counted if count]
    return "\n".join(lines)


async def _send(
    context: QuizContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    await context.bot.send_message(
        chat_id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def forget_me_command(update: Update, context: QuizContext) -> None:
    visitor, chat = context.visitor, update.effective_chat
    if visitor is None or chat is None:
        return
    lang = visitor.lang
    async with context.db.session() as session:
        data = await privacy.summarize(session, visitor.id)
    if data is None:  # cannot happen after the visitor loader, but nothing is stored then
        await _send(context, chat.id, t(lang, "forget.done_nothing"))
        return
    if data.active_classes:
        await _send(context, chat.id, _still_teaching(data.active_classes, lang))
        return
    parts = [t(lang, "forget.ask"), describe(data, lang), t(lang, "forget.warning")]
    if data.teaches or visitor.is_teacher:
        parts.append(t(lang, "forget.teacher_admin" if visitor.is_admin else "forget.teacher"))
    offered_at = int(context.now.timestamp())
    await _send(context, chat.id, "\n\n".join(parts), confirm_keyboard(lang, offered_at))


def _still_teaching(classes: tuple[str, ...], lang: str) -> str:
    shown = [f"• {html.escape(name)}" for name in classes[:MAX_LISTED_CLASSES]]
    if len(classes) > MAX_LISTED_CLASSES:
        shown.append("…")
    return t(lang, "forget.still_teaching", classes="\n".join(shown))


async def forget_me_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    visitor, chat = context.visitor, update.effective_chat
    if query is None or visitor is None or chat is None:
        return
    lang = visitor.lang
    if query.data == "fm:no":
        await query.answer()
        await _edit(update, t(lang, "forget.kept"))
        return
    match = _YES.match(query.data or "")
    if match is None:
        await query.answer(t(lang, "fallback.stale_button"))
        return
    age = context.now.timestamp() - int(match.group(1))
    if not 0 <= age <= CONFIRM_TTL.total_seconds():
        await query.answer(t(lang, "forget.expired"), show_alert=True)
        await _edit(update, t(lang, "forget.expired"))
        return
    await _forget(update, context, visitor, chat.id)


async def _forget(update: Update, context: QuizContext, visitor: Visitor, chat_id: int) -> None:
    """Delete and commit first; only then say so."""
    query = update.callback_query
    assert query is not None
    lang = visitor.lang
    try:
        async with context.db.session() as session:
            deleted = await privacy.forget_user(session, visitor.id)
            await session.commit()
    except privacy.StillTeaching as refused:  # a class was created after the offer
        await query.answer()
        await _edit(update, _still_teaching(refused.classes, lang))
        return
    await query.answer()
    _forget_in_memory(context, visitor.id, chat_id)
    with contextlib.suppress(TelegramError):  # a menu of their own (after /lang, or a teacher's)
        await menus.remove_chat_menu(context.bot, chat_id)
    if deleted is None:
        await _edit(update, t(lang, "forget.done_nothing"))
        return
    log.info("A user deleted their data (update %s)", update.update_id)
    text = "\n\n".join([t(lang, "forget.done"), describe(deleted, lang), t(lang, "forget.after")])
    await _edit(update, text)


def _forget_in_memory(context: QuizContext, user_id: int, chat_id: int) -> None:
    """What this process keeps about them between updates: dialog states, the menu cache."""
    context.application.drop_user_data(user_id)
    context.application.drop_chat_data(chat_id)
    forget_teacher_menu(context, user_id)
    # Later handlers of this update (the teacher menu keeper) must not act for a user who
    # no longer exists.
    context.visitor = None


async def _edit(update: Update, text: str) -> None:
    """Replace the offer (and its buttons) with the outcome."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise

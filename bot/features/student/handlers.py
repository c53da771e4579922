"""Telegram handlers of the student feature: they read the update, check who is asking and
call `service`. Only new messages are handled here (edits go to the common fallback), and
plain text counts as an answer only in a private chat."""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot import chats, menus
from bot.context import QuizContext, Visitor
from bot.features.student import keyboards, service
from bot.texts import LANGUAGES, t
from db.repositories import users

log = logging.getLogger(__name__)

# Private chats only: in a group the common fallback points to the private chat.
NEW_MESSAGES = filters.UpdateType.MESSAGE & chats.PRIVATE
PRIVATE_TEXT = filters.TEXT & ~filters.COMMAND & NEW_MESSAGES


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Commands first, then the answer handler, then this feature's buttons (`q:`)."""
    commands = {
        "start": on_start,
        "help": on_help,
        "lang": on_lang,
        "quiz": on_quiz,
        "hint": on_hint,
        "skip": on_skip,
        "cancel": on_cancel,
        "progress": on_progress,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGES))
    application.add_handler(MessageHandler(PRIVATE_TEXT, on_text))
    application.add_handler(chats.PrivateCallbackQueryHandler(on_button, pattern=r"^q:"))


def _who(update: Update, context: QuizContext) -> tuple[int, Visitor] | None:
    """The chat to answer in and the visitor (loaded in group -1); None for updates with
    neither, such as channel posts."""
    if update.effective_chat is None or context.visitor is None:
        return None
    return update.effective_chat.id, context.visitor


# ---------------------------------------------------------------- commands


async def on_start(update: Update, context: QuizContext) -> None:
    """Plain /start, and /start with a payload nobody else recognised (teacher and homework
    links are taken by their features' handlers, registered before this one)."""
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    lang = visitor.lang
    name = service.quote_user_text(visitor.first_name, cap=64)
    hello = t(lang, "start.hello", name=name) if name else t(lang, "start.hello_anonymous")
    parts = [hello]
    if context.args:
        parts.append(t(lang, "start.unknown_payload"))
    parts.append(t(lang, "start.body"))
    await service.send_html(context, chat_id, "\n\n".join(parts), keyboards.start_keyboard(lang))


async def on_help(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    await service.send_html(context, chat_id, help_text(visitor))


def help_text(visitor: Visitor) -> str:
    """The student help, and for teachers their own commands too (admins: the invite)."""
    parts = [t(visitor.lang, "help.text")]
    if visitor.is_teacher:
        teacher = t(visitor.lang, "help.teacher")
        if visitor.is_admin:
            teacher += "\n" + t(visitor.lang, "help.admin")
        parts.append(teacher)
    return "\n\n".join(parts)


async def on_lang(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    wanted = (context.args or [""])[0].strip().lower()
    if wanted in LANGUAGES:
        await _set_language(context, chat_id, visitor, wanted)
        return
    if wanted:
        text = t(
            visitor.lang,
            "lang.unknown",
            value=service.quote_user_text(" ".join(context.args or [])),
        )
    else:
        text = t(visitor.lang, "lang.choose")
    await service.send_html(context, chat_id, text, keyboards.language_keyboard(visitor.lang))


async def _set_language(context: QuizContext, chat_id: int, visitor: Visitor, lang: str) -> None:
    async with service.writing(context) as session:
        await users.set_language(session, visitor.id, lang)
        service.queue_html(session, chat_id, t(lang, "lang.set"))
        await session.commit()
    # Telegram shows the default menu in the language of the phone; after /lang the student
    # should see it in the language they chose, so this chat gets a menu of its own.
    if visitor.is_teacher:
        await menus.set_teacher_menu(context.bot, chat_id, lang, admin=visitor.is_admin)
    else:
        await menus.set_student_menu(context.bot, chat_id, lang)


async def on_quiz(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    wanted = " ".join(context.args or [])
    if not wanted.strip():  # due reviews first, then the next step on the path
        await service.offer_or_ask_next(context, chat_id, visitor)
        return
    topic = service.resolve_topic(wanted)
    if topic is None:
        text = t(visitor.lang, "quiz.unknown_topic", value=service.quote_user_text(wanted))
        await service.send_html(context, chat_id, text, keyboards.topics_keyboard(visitor.lang))
        return
    await service.ask_question(context, chat_id, visitor, topic)


async def on_hint(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    if not await service.hint(context, chat_id, visitor):
        await service.send_html(context, chat_id, t(visitor.lang, "hint.none"))


async def on_skip(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    if not await service.skip(context, chat_id, visitor):
        await service.send_html(context, chat_id, t(visitor.lang, "skip.none"))


async def on_cancel(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    await service.cancel(context, chat_id, visitor)


async def on_progress(update: Update, context: QuizContext) -> None:
    who = _who(update, context)
    if who is None:
        return
    chat_id, visitor = who
    await service.progress(context, chat_id, visitor)


async def on_text(update: Update, context: QuizContext) -> None:
    """A plain text message in a private chat: an answer to the open question."""
    who = _who(update, context)
    if who is None or update.message is None:
        return
    chat_id, visitor = who
    await service.answer(context, chat_id, visitor, update.message.text or "")


# ---------------------------------------------------------------- buttons


async def on_button(update: Update, context: QuizContext) -> None:
    """`q:<action>[:<args>]`. Data is never trusted: seeds must name the open question,
    topics and languages must be known, homework must be the student's own."""
    query = update.callback_query
    if query is None:
        return
    who = _who(update, context)
    if who is None:  # a button on an inline message: nothing of ours
        await query.answer()
        return
    chat_id, visitor = who
    action, _, rest = (query.data or "").removeprefix("q:").partition(":")
    handled = await _dispatch(context, query, chat_id, visitor, action, rest)
    if not handled:
        await query.answer(t(visitor.lang, "fallback.stale_button"))


async def _dispatch(
    context: QuizContext,
    query: CallbackQuery,
    chat_id: int,
    visitor: Visitor,
    action: str,
    rest: str,
) -> bool:
    """Carry out one button press; False when the button is stale or forged."""
    if action == "c":
        seed_text, _, index_text = rest.partition(":")
        seed, index = _int_or_none(seed_text), _int_or_none(index_text)
        if seed is None or index is None:
            return False
        if not await service.choose(context, chat_id, visitor, seed, index):
            return False
        await query.answer()
        return True
    if action in ("hint", "skip"):
        seed = _int_or_none(rest)
        if seed is None:
            return False
        do = service.hint if action == "hint" else service.skip
        if not await do(context, chat_id, visitor, seed):
            return False
        await query.answer()
        return True
    if action == "resume":
        seed = _int_or_none(rest)
        if seed is None or not await service.resume(context, chat_id, visitor, seed):
            return False
        await query.answer()
        return True
    if action in ("go", "fresh") and not rest:
        await query.answer()
        if action == "go":
            await service.offer_or_ask_next(context, chat_id, visitor)
        else:
            await service.ask_next(context, chat_id, visitor)
        return True
    if action == "next":
        topic, _, homework = rest.partition(":")
        if topic not in (*service.questions.TOPICS, keyboards.MIXED):
            return False
        homework_id = await service.checked_homework(context, visitor, _int_or_none(homework))
        await query.answer()
        await service.ask_question(context, chat_id, visitor, topic, homework_id=homework_id)
        return True
    if action == "topic" and rest in (*service.questions.TOPICS, keyboards.MIXED):
        await query.answer()
        await service.ask_question(context, chat_id, visitor, rest)
        return True
    if action == "topics" and not rest:
        await query.answer()
        await service.send_html(
            context,
            chat_id,
            t(visitor.lang, "quiz.choose_topic"),
            keyboards.topics_keyboard(visitor.lang),
        )
        return True
    if action == "lang" and rest in LANGUAGES:
        await query.answer()
        await _set_language(context, chat_id, visitor, rest)
        return True
    if action == "help" and not rest:
        await query.answer()
        await service.send_html(context, chat_id, help_text(visitor))
        return True
    if action == "progress" and not rest:
        await query.answer()
        await service.progress(context, chat_id, visitor)
        return True
    return False


def _int_or_none(text: str) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > 12:  # not "-1", "1_0", "²"
        return None
    return int(text)

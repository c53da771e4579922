"""Telegram handlers: /assign (with its guided dialog), /homework, /homeworks, `hw:` buttons.

Callback data is never trusted: every press re-checks the role, the class owner or the
membership before doing anything."""

from __future__ import annotations

import contextlib
import html
import logging
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import chats, outbox
from bot.context import QuizContext, Visitor
from bot.features.homework import dates, jobs, keyboards, schedule, service
from bot.features.homework.service import AssignArgs
from bot.features.student.service import ask_question
from bot.texts import count_phrase, t
from db.models import Class
from db.repositories import classes as classes_repo
from db.repositories import homework as homework_repo
from db.repositories import users as users_repo

log = logging.getLogger(__name__)

DIALOG = "hw_assign"  # user_data key: the /assign dialog waiting for a typed due time
USED_DIALOGS = "hw_used_dialogs"  # user_data key: dialog messages that already set homework
MAX_USED_DIALOGS = 20
DIALOG_TTL = 15 * 60  # seconds; an abandoned dialog must not eat a later quiz answer


# --- helpers -----------------------------------------------------------------------------


async def _reply(
    update: Update,
    context: QuizContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = False,
) -> None:
    """Edit the message whose button was pressed (the dialog stays in one message), else
    send a new one."""
    query = update.callback_query
    if edit and query is not None and isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        except BadRequest as error:  # "message is not modified" or too old to edit
            log.debug("could not edit, sending anew: %s", error)
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_message(
            chat.id, text, parse_mode=ParseMode.HTML, reply_markup=markup
        )


def _teacher(context: QuizContext) -> Visitor | None:
    visitor = context.visitor
    return visitor if visitor is not None and visitor.is_teacher else None


async def _owned_class(context: QuizContext, code: str, teacher: Visitor) -> Class | None:
    async with context.db.session() as session:
        return await classes_repo.get_owned_class(session, code[:32], teacher.id)


async def _classes_of(
    context: QuizContext, teacher: Visitor, *, active_only: bool = False
) -> list[Class]:
    async with context.db.session() as session:
        return await homework_repo.classes_taught(session, teacher.id, active_only=active_only)


def _clear_dialog(context: QuizContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(DIALOG, None)


# --- /assign -----------------------------------------------------------------------------


async def assign_command(update: Update, context: QuizContext) -> None:
    teacher = _teacher(context)
    if teacher is None:
        await _reply(update, context, t(context.lang, "hw.teachers_only"))
        return
    _clear_dialog(context)
    args = service.split_assign_args(list(context.args or []))
    await _continue_assign(update, context, teacher, args)


async def _continue_assign(
    update: Update, context: QuizContext, teacher: Visitor, args: AssignArgs, *, edit: bool = False
) -> None:
    """Ask for the first thing still missing, or set the homework when nothing is."""
    lang = teacher.lang
    class_ = await _owned_class(context, args.code, teacher) if args.code else None
    if class_ is None:
        await _ask_class(update, context, teacher, unknown=args.code, edit=edit)
        return
    name = html.escape(class_.name)
    if class_.archived:
        await _reply(update, context, t(lang, "hw.archived", name=name), edit=edit)
        return
    if args.topic is None:
        text = t(lang, "hw.pick_topic", name=name)
        if args.bad_topic:
            text = t(lang, "hw.unknown_topic", value=html.escape(args.bad_topic)) + "\n" + text
        await _reply(update, context, text, keyboards.topics(lang, class_.code), edit=edit)
        return
    topic = service.topic_name(lang, args.topic)
    if args.count is None:
        text = t(lang, "hw.pick_count", name=name, topic=topic)
        if args.bad_count:
            text = t(lang, "hw.bad_count", max=homework_repo.MAX_COUNT) + "\n" + text
        await _reply(update, context, text, keyboards.counts(class_.code, args.topic), edit=edit)
        return
    zone = service.class_zone(class_, context.settings)
    if args.due_text is None:
        await _ask_due(update, context, class_, args, edit=edit)
        return
    try:
        due_at = dates.parse_due(args.due_text, zone, context.now)
    except dates.DueError as error:
        # One reply: what was wrong, then the question again with its examples and buttons.
        await _ask_due(update, context, class_, args, problem=t(lang, error.key))
        return
    await _create(update, context, teacher, class_, args.topic, args.count, due_at)


async def _ask_class(
    update: Update,
    context: QuizContext,
    teacher: Visitor,
    *,
    unknown: str | None,
    edit: bool = False,
) -> None:
    lang = teacher.lang
    owned = await _classes_of(context, teacher, active_only=True)
    if not owned:
        await _reply(update, context, t(lang, "hw.no_classes"), edit=edit)
        return
    text = t(lang, "hw.pick_class")
    if unknown:
        text = t(lang, "hw.unknown_class", code=html.escape(unknown[:32]))
    await _reply(update, context, text, keyboards.classes(owned, "a:c"), edit=edit)


async def _ask_due(
    update: Update,
    context: QuizContext,
    class_: Class,
    args: AssignArgs,
    *,
    edit: bool = False,
    problem: str | None = None,
) -> None:
    """Quick buttons, or a typed date: remember the dialog so the next text is read as one.
    `problem` says what was wrong with the date typed before."""
    assert args.topic is not None and args.count is not None
    lang = context.lang
    zone = service.class_zone(class_, context.settings)
    if context.user_data is not None:
        context.user_data[DIALOG] = {
            "code": class_.code,
            "topic": args.topic,
            "count": args.count,
            "at": time.monotonic(),
        }
    text = t(
        lang,
        "hw.pick_due",
        name=html.escape(class_.name),
        topic=service.topic_name(lang, args.topic),
        tasks=count_phrase(lang, args.count, "n.task"),
        tz=zone.key,
    )
    if problem is not None:
        text = f"{problem}\n\n{text}"
    markup = keyboards.due_times(lang, class_.code, args.topic, args.count)
    await _reply(update, context, text, markup, edit=edit)


async def _create(
    update: Update,
    context: QuizContext,
    teacher: Visitor,
    class_: Class,
    topic: str,
    count: int,
    due_at: Any,
) -> None:
    """Store the homework with the message telling the teacher (one transaction), then notify
    the class (paced) and say how it went."""
    _clear_dialog(context)
    chat = update.effective_chat
    if chat is None:
        return
    lang = teacher.lang
    now = context.now
    zone = service.class_zone(class_, context.settings)
    async with context.db.writer() as session:
        result = await service.assign(
            session,
            context.settings,
            class_=class_,
            topic=topic,
            count=count,
            due_at=due_at,
            now=now,
        )
        outbox.enqueue(session, chat.id, _assigned_text(lang, result, due_at, now, zone))
        await session.commit()
    if result.students == 0 or result.notice_at > now or result.notice_at >= due_at:
        return
    report = await jobs.run_due(context.application, now, homework_id=result.homework.id)
    lines = [t(lang, "hw.notified", sent=report.sent, total=result.students)]
    if report.blocked:
        async with context.db.session() as session:
            names = [
                users_repo.display_name(user)
                for user_id in report.blocked
                if (user := await users_repo.get(session, user_id)) is not None
            ]
        first, *rest = service.name_lines(names)
        lines.extend([t(lang, "hw.notified_blocked", names=first), *rest])
    for chunk in service.split_lines(lines):
        await _reply(update, context, chunk)


def _assigned_text(
    lang: str, result: service.Assigned, due_at: datetime, now: datetime, zone: ZoneInfo
) -> str:
    class_ = result.class_
    if result.students == 0:
        notice = t(lang, "hw.notice_none")
    elif result.notice_at >= due_at:
        notice = t(lang, "hw.notice_never", students=result.students)
    elif result.notice_at > now:
        notice = t(
            lang,
            "hw.notice_later",
            students=result.students,
            at=schedule.format_local(result.notice_at, zone),
        )
    else:
        notice = t(lang, "hw.notice_now", students=result.students)
    return t(
        lang,
        "hw.assigned",
        name=html.escape(class_.name),
        topic=service.topic_name(lang, result.homework.topic),
        answers=count_phrase(lang, result.homework.count, "n.right_answer"),
        due=schedule.format_local(due_at, zone),
        tz=zone.key,
        notice=notice,
    )


async def dialog_text(update: Update, context: QuizContext) -> None:
    """A typed due time for the /assign dialog (the filter let only that through)."""
    teacher = _teacher(context)
    state = (context.user_data or {}).get(DIALOG)
    message = update.effective_message
    if teacher is None or state is None or message is None or not message.text:
        return
    args = AssignArgs(
        code=state["code"], topic=state["topic"], count=state["count"], due_text=message.text
    )
    await _continue_assign(update, context, teacher, args)


def _awaiting_due(application: Application[Any, Any, Any, Any, Any, Any]) -> filters.MessageFilter:
    """Any plain text from someone whose /assign dialog waits for a due time: what it cannot
    read gets the dialog's own answer with examples (never a quiz reply about no question).
    The dialog ends with a due time, /cancel, any other command, or after DIALOG_TTL."""

    class AwaitingDue(filters.MessageFilter):
        def filter(self, message: Message) -> bool:
            if message.from_user is None or not message.text:
                return False
            state = application.user_data.get(message.from_user.id, {}).get(DIALOG)
            return state is not None and time.monotonic() - state["at"] < DIALOG_TTL

    return AwaitingDue(name="awaiting_due")


async def forget_dialog(update: Update, context: QuizContext) -> None:
    """Any other command abandons a waiting /assign dialog (runs in group 1, after group 0)."""
    _clear_dialog(context)


# --- buttons -----------------------------------------------------------------------------


async def on_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    parts = query.data[:64].split(":")
    await query.answer()
    if parts[:2] == ["hw", "start"] and len(parts) == 3:
        await start_homework(update, context, parts[2])
    elif parts[:2] == ["hw", "l"] and len(parts) == 3:
        await _report(update, context, parts[2], edit=True)
    elif parts[:2] == ["hw", "a"] and len(parts) >= 4:
        await _assign_button(update, context, parts[2], parts[3:])


async def _assign_button(update: Update, context: QuizContext, step: str, rest: list[str]) -> None:
    teacher = _teacher(context)
    if teacher is None:
        await _reply(update, context, t(context.lang, "hw.teachers_only"))
        return
    _clear_dialog(context)
    code = rest[0]
    topic = service.resolve_topic(rest[1]) if len(rest) > 1 else None
    count = service.parse_count(rest[2]) if len(rest) > 2 else None
    expected = {"c": 1, "t": 2, "n": 3, "d": 4}.get(step)
    if expected is None or len(rest) != expected or (expected > 1 and topic is None):
        await _reply(update, context, t(teacher.lang, "hw.expired"))
        return
    if expected > 2 and count is None:
        await _reply(update, context, t(teacher.lang, "hw.expired"))
        return
    if step != "d":
        args = AssignArgs(code=code, topic=topic, count=count)
        await _continue_assign(update, context, teacher, args, edit=True)
        return
    class_ = await _owned_class(context, code, teacher)
    if class_ is None or topic is None or count is None:
        await _ask_class(update, context, teacher, unknown=None, edit=True)
        return
    if class_.archived:
        name = html.escape(class_.name)
        await _reply(update, context, t(teacher.lang, "hw.archived", name=name), edit=True)
        return
    zone = service.class_zone(class_, context.settings)
    try:
        due_at = schedule.quick_due(rest[3], zone, context.now)
    except dates.DueError as error:
        await _reply(update, context, t(teacher.lang, error.key))
        return
    message = update.callback_query.message if update.callback_query else None
    if isinstance(message, Message):
        # A double tap sends two presses before the buttons disappear: one homework only.
        store = context.user_data if context.user_data is not None else {}
        used: list[int] = store.setdefault(USED_DIALOGS, [])
        if message.message_id in used:
            await _reply(update, context, t(teacher.lang, "hw.expired"))
            return
        used[:] = [*used[-(MAX_USED_DIALOGS - 1) :], message.message_id]
        with contextlib.suppress(BadRequest):
            await message.edit_reply_markup(None)
    await _create(update, context, teacher, class_, topic, count, due_at)


# --- students ----------------------------------------------------------------------------


async def homework_command(update: Update, context: QuizContext) -> None:
    visitor = context.visitor
    if visitor is None:
        return
    async with context.db.session() as session:
        items = await homework_repo.for_student(session, visitor.id)
    if not items:
        await _reply(update, context, t(visitor.lang, "hw.none"))
        return
    now = context.now
    text = service.student_list(visitor.lang, items, context.settings, now)
    open_ones = sorted(service.open_items(items), key=lambda item: item.homework.due_at)
    markup = keyboards.continue_buttons(
        visitor.lang, [(item.homework.id, item.homework.topic) for item in open_ones]
    )
    await _reply(update, context, text, markup)


async def start_homework(update: Update, context: QuizContext, raw_id: str) -> None:
    """ "Start homework" / "Continue": only for a member of the class, only while unfinished."""
    visitor = context.visitor
    chat = update.effective_chat
    if visitor is None or chat is None:
        return
    lang = visitor.lang
    if not raw_id.isdigit() or len(raw_id) > 12:
        await _reply(update, context, t(lang, "hw.gone"))
        return
    homework_id = int(raw_id)
    async with context.db.session() as session:
        found = await homework_repo.get_with_class(session, homework_id)
        member = found is not None and await homework_repo.is_member(
            session, found[1].id, visitor.id
        )
        _done, finished = await homework_repo.progress_of(session, homework_id, visitor.id)
    if found is None:
        await _reply(update, context, t(lang, "hw.gone"))
        return
    if not member:
        await _reply(update, context, t(lang, "hw.not_member"))
        return
    if finished:
        await _reply(update, context, t(lang, "hw.already_done"))
        return
    await ask_question(context, chat.id, visitor, found[0].topic, homework_id=homework_id)


# --- /homeworks --------------------------------------------------------------------------


async def homeworks_command(update: Update, context: QuizContext) -> None:
    teacher = _teacher(context)
    if teacher is None:
        await _reply(update, context, t(context.lang, "hw.teachers_only"))
        return
    code = (context.args or [""])[0] if context.args else ""
    await _report(update, context, code)


async def _report(update: Update, context: QuizContext, code: str, *, edit: bool = False) -> None:
    teacher = _teacher(context)
    if teacher is None:
        await _reply(update, context, t(context.lang, "hw.teachers_only"))
        return
    lang = teacher.lang
    class_ = await _owned_class(context, code, teacher) if code else None
    if class_ is None:
        owned = await _classes_of(context, teacher)
        if not owned:
            await _reply(update, context, t(lang, "hw.no_classes"))
            return
        text = t(lang, "hw.report_pick")
        if code:
            text = t(lang, "hw.unknown_class", code=html.escape(code[:32]))
        await _reply(update, context, text, keyboards.classes(owned, "l"), edit=edit)
        return
    async with context.db.session() as session:
        homeworks = await homework_repo.of_class(session, class_.id)
        sections = [(hw, await homework_repo.progress_of_class(session, hw)) for hw in homeworks]
    if not homeworks:
        await _reply(
            update,
            context,
            t(lang, "hw.report_none", name=html.escape(class_.name), code=class_.code),
        )
        return
    zone = service.class_zone(class_, context.settings)
    for chunk in service.class_report(lang, class_, sections, zone):
        await _reply(update, context, chunk)


# --- wiring ------------------------------------------------------------------------------


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # Private chats only: progress lists carry names (in a group the common fallback points
    # to the private chat), and a due time typed in a group must not set homework.
    private = chats.PRIVATE
    application.add_handler(CommandHandler("assign", assign_command, filters=private))
    application.add_handler(CommandHandler("homework", homework_command, filters=private))
    application.add_handler(CommandHandler("homeworks", homeworks_command, filters=private))
    application.add_handler(chats.PrivateCallbackQueryHandler(on_button, pattern=r"^hw:"))
    awaited = filters.TEXT & ~filters.COMMAND & private & _awaiting_due(application)
    application.add_handler(MessageHandler(awaited, dialog_text))
    application.add_handler(
        MessageHandler(filters.COMMAND & ~filters.Regex(r"^/assign(@\w+)?(\s|$)"), forget_dialog),
        group=1,
    )


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start the reminder job (its first run is the catch-up after downtime)."""
    if application.bot_data.get("start_jobs", True):
        jobs.start(application)

"""Teacher commands and buttons: classes, joining them, invitations and the class report.

Every teacher command and every button press checks the role that the visitor loader read
from the database for this very update, and every class id that comes back in callback data
is looked up again together with the presser's id: buttons are never trusted."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import html
import logging
import re
import time
from collections.abc import Callable, Coroutine
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import (
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest

from bot import menus, outbox
from bot.context import QuizContext
from bot.delivery import FAILED, Outcome, Outgoing, send_with_retries
from bot.features.teacher import charts, dialogs, keyboards, reports, views
from bot.features.teacher.service import (
    INVITE_PREFIX,
    JOIN_PREFIX,
    MAX_CLASSES,
    MAX_NAME,
    clean_name,
    invite_link,
    join_link,
    looks_like_code,
    normalize_code,
    parse_settings_args,
    shorten,
)
from bot.render.filenames import file_name
from bot.texts import count_phrase, t
from db.models import Class
from db.repositories import classes, invites, users

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
MENUS_SET = "teacher.menus_set"  # bot_data: {user_id: (lang, admin)} menus set this run

Handler = Callable[[Update, QuizContext], Coroutine[Any, Any, None]]

_CALLBACK = re.compile(r"^t:([a-z]{1,8})(?::([0-9A-Za-z:]{1,60}))?$")
_INT = re.compile(r"^\d{1,19}$")


# ---------------------------------------------------------------- small helpers


def owe(
    session: AsyncSession, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """`say`, through the outbox: for a reply that reports what `session` stores (it is sent
    once the session commits)."""
    outbox.enqueue(session, chat_id, text, reply_markup=markup)


async def say(
    context: QuizContext,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    return await context.bot.send_message(
        chat_id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
        link_preview_options=NO_PREVIEW,
    )


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed message; pressing the button of the page already shown is fine."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def command_argument(update: Update) -> str:
    """Everything after the command word, as typed (names may contain spaces)."""
    text = (update.message.text if update.message else None) or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _bot_username(context: QuizContext) -> str:
    return context.bot.username


def teachers_only(handler: Handler) -> Handler:
    """A kind refusal for everyone who is not a teacher (by the role in the database)."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: QuizContext) -> None:
        visitor = context.visitor
        if visitor is None or not visitor.is_teacher or update.effective_chat is None:
            if update.effective_chat is not None:
                await say(
                    context, update.effective_chat.id, t(context.lang, "teacher.only_teachers")
                )
            return
        await handler(update, context)

    return guarded


def _chat_id(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


def _user_id(context: QuizContext) -> int:
    assert context.visitor is not None
    return context.visitor.id


async def _picker_or_none(
    context: QuizContext, chat_id: int, action: str, lead: str | None = None
) -> None:
    """Offer the teacher's classes as buttons under `lead`, or say there are none yet
    (after `lead`, when there is one)."""
    async with context.db.session() as session:
        owned = await classes.list_teacher_classes(session, _user_id(context))
    lang = context.lang
    if not owned:
        none_yet = t(lang, "teacher.no_classes")
        await say(context, chat_id, f"{lead}\n\n{none_yet}" if lead else none_yet)
        return
    await say(
        context,
        chat_id,
        lead or t(lang, "teacher.pick_class"),
        keyboards.class_picker(owned, action),
    )


async def _unknown_class(context: QuizContext, chat_id: int, code: str, action: str) -> None:
    """The same reply for someone else's class and for a code that does not exist."""
    shown = html.escape(shorten(code, 20))
    await _picker_or_none(context, chat_id, action, t(context.lang, "teacher.no_class", code=shown))


# ---------------------------------------------------------------- /newclass


@teachers_only
async def newclass(update: Update, context: QuizContext) -> None:
    name = clean_name(command_argument(update))
    if not name:
        dialogs.open_dialog(context, dialogs.NEWCLASS)
        lang = context.lang
        await say(
            context, _chat_id(update), t(lang, "teacher.newclass.ask"), keyboards.cancel(lang)
        )
        return
    await create_class(update, context, name)


async def create_class(update: Update, context: QuizContext, name: str) -> None:
    """The class and the message with its code and link in one transaction; the QR picture
    follows in a second one (it is drawn outside the write turn, and the code and the link
    are already in the message if it never comes)."""
    chat_id, lang, teacher_id = _chat_id(update), context.lang, _user_id(context)
    async with context.db.writer() as session:
        full = await classes.count_teacher_classes(session, teacher_id) >= MAX_CLASSES
        klass = None
        if not full:
            klass = await classes.create_class(
                session,
                teacher_id=teacher_id,
                name=name,
                timezone=context.settings.timezone,
                base="2",
                now=context.now,
            )
            text = t(
                lang,
                "teacher.newclass.done",
                name=html.escape(klass.name),
                code=klass.code,
                link=join_link(_bot_username(context), klass.code),
            )
            owe(session, chat_id, text)
            await session.commit()
    if klass is None:
        most = count_phrase(lang, MAX_CLASSES, "n.class")
        await say(context, chat_id, t(lang, "teacher.newclass.too_many", classes=most))
        return
    png, caption = await qr_picture(context, klass)
    async with context.db.writer() as session:
        photo = (file_name(klass.name, "QR", extension="png"), png)
        outbox.enqueue(session, chat_id, caption, photo=photo)
        await session.commit()


async def qr_picture(context: QuizContext, klass: Class) -> tuple[bytes, str]:
    """The class's join QR code as a PNG, drawn in a thread, and its caption."""
    link = join_link(_bot_username(context), klass.code)
    png = await asyncio.to_thread(charts.qr_png, link, klass.name, klass.code, context.lang)
    caption = t(context.lang, "teacher.qr.caption", name=html.escape(klass.name), code=klass.code)
    return png, caption


async def send_qr(context: QuizContext, chat_id: int, klass: Class) -> None:
    png, caption = await qr_picture(context, klass)
    await context.bot.send_photo(
        chat_id,
        InputFile(png, filename=file_name(klass.name, "QR", extension="png")),
        caption=caption,
        parse_mode=ParseMode.HTML,
    )


# ---------------------------------------------------------------- joining a class


async def join_command(update: Update, context: QuizContext) -> None:
    argument = command_argument(update)
    if not argument:
        dialogs.open_dialog(context, dialogs.JOIN)
        lang = context.lang
        await say(context, _chat_id(update), t(lang, "teacher.join.ask"), keyboards.cancel(lang))
        return
    await join_class(update, context, argument)


async def join_class(update: Update, context: QuizContext, typed: str, tries: int = 0) -> None:
    """Put the visitor into the class with this code, whatever form the code came in. An
    unknown code asks for the code again (a few times, with a Cancel button), since a
    mistyped letter is the usual cause."""
    chat_id, lang = _chat_id(update), context.lang
    code = normalize_code(typed)
    user_id = _user_id(context)
    async with context.db.writer() as session:
        klass = await classes.find_by_code(session, code) if looks_like_code(code) else None
        if klass is not None and klass.teacher_id != user_id and not klass.archived:
            joined = await classes.join(session, klass.id, user_id, now=context.now)
            key = "teacher.join.done" if joined else "teacher.join.already"
            owe(session, chat_id, t(lang, key, name=html.escape(klass.name)))
            await session.commit()
            return
    if klass is None:
        shown = html.escape(shorten(code or typed, 20))
        markup = None
        if tries < dialogs.MAX_TRIES:
            dialogs.open_dialog(context, dialogs.JOIN, tries=tries + 1)
            markup = keyboards.cancel(lang)
        await say(context, chat_id, t(lang, "teacher.join.unknown", code=shown), markup)
        return
    key = "teacher.join.own" if klass.teacher_id == user_id else "teacher.join.archived"
    await say(context, chat_id, t(lang, key, name=html.escape(klass.name)))


# ---------------------------------------------------------------- /start with a payload


async def start_with_payload(update: Update, context: QuizContext) -> None:
    """`/start c_<code>` joins a class; `/start t_<token>` redeems a teacher invitation."""
    payload = command_argument(update).split()[0][:64]
    if payload.startswith(JOIN_PREFIX):
        await join_class(update, context, payload)
    elif payload.startswith(INVITE_PREFIX):
        await redeem_invite(update, context, payload[len(INVITE_PREFIX) :])


async def redeem_invite(update: Update, context: QuizContext, token: str) -> None:
    chat_id, lang = _chat_id(update), context.lang
    visitor = context.visitor
    assert visitor is not None
    if visitor.is_teacher:
        # Do not spend an invitation on someone who needs none: it may be meant for a colleague.
        await say(context, chat_id, t(lang, "teacher.invite.already"))
        return
    async with context.db.writer() as session:
        outcome = await invites.redeem(session, token, user_id=visitor.id, now=context.now)
        owe(session, chat_id, t(lang, f"teacher.invite.{outcome.value}"))
        await session.commit()
    if outcome is invites.Redeemed.OK:
        await menus.set_teacher_menu(context.bot, chat_id, lang, admin=visitor.is_admin)
        _remember_menu(context, visitor.id, lang, visitor.is_admin)


# ---------------------------------------------------------------- /invite_teacher


@teachers_only
async def invite_teacher(update: Update, context: QuizContext) -> None:
    chat_id, lang = _chat_id(update), context.lang
    visitor = context.visitor
    assert visitor is not None
    if not visitor.is_admin:
        await say(context, chat_id, t(lang, "teacher.only_admins"))
        return
    async with context.db.session() as session:
        token, expires_at = await invites.create(session, created_by=visitor.id, now=context.now)
        await session.commit()
    zone = context.settings.tz
    await say(
        context,
        chat_id,
        t(
            lang,
            "teacher.invite.created",
            link=invite_link(_bot_username(context), token),
            expires=expires_at.astimezone(zone).strftime("%d.%m.%Y %H:%M"),
            tz=context.settings.timezone,
        ),
    )


# ---------------------------------------------------------------- /classes


@teachers_only
async def list_classes(update: Update, context: QuizContext) -> None:
    chat_id, lang = _chat_id(update), context.lang
    async with context.db.session() as session:
        owned = await classes.list_teacher_classes(session, _user_id(context))
    if not owned:
        await say(context, chat_id, t(lang, "teacher.no_classes"))
        return

    def line(c: classes.ClassSummary) -> str:
        name = html.escape(c.name)
        return t(
            lang, "teacher.classes.line", name=name, code=c.code, students=c.students, base=c.base
        )

    archived = [line(c) for c in owned if c.archived]
    lines = [t(lang, "teacher.classes.title"), *(line(c) for c in owned if not c.archived)]
    if archived:  # listed last, under their own heading (owned comes sorted that way)
        lines += [t(lang, "teacher.classes.archived_title"), *archived]
    lines.append(t(lang, "teacher.classes.hint"))
    text = "\n".join(lines)
    if reports.visible_length(text) > reports.MAX_TEXT:
        # Dozens of long names: the buttons below carry every class anyway.
        text = "\n".join([lines[0], lines[-1]])
    markup = keyboards.with_dashboard(
        keyboards.class_picker(owned, "cls"),
        context.settings.webapp_url,
        t(lang, "teacher.btn.dashboard_all"),
    )
    await say(context, chat_id, text, markup)


# ---------------------------------------------------------------- /class (the report)


@teachers_only
async def class_report(update: Update, context: QuizContext) -> None:
    chat_id = _chat_id(update)
    argument = command_argument(update)
    if not argument:
        await _picker_or_none(context, chat_id, "full")
        return
    code = normalize_code(argument)
    async with context.db.session() as session:
        klass = await classes.get_owned_class(session, code, _user_id(context))
    if klass is None:
        await _unknown_class(context, chat_id, code, "full")
        return
    await send_full_report(context, chat_id, klass)


async def send_full_report(context: QuizContext, chat_id: int, klass: Class) -> None:
    """The heatmap, the CSV, then the first page of the table (its buttons end up last, at
    the bottom of the phone screen where the thumb is); for a class bigger than the chart,
    the table comes before the CSV, which takes longer to write. Only the charted students
    are read as a report; the CSV streams the whole class; both render in threads."""
    lang = context.lang
    async with context.db.session() as session:
        report = await views.read_report(session, klass, limit=charts.MAX_CHART_STUDENTS)
    name = html.escape(klass.name)
    if not report.size:
        link = join_link(_bot_username(context), klass.code)
        text = t(lang, "teacher.report.empty", name=name, code=klass.code, link=link)
        await say(context, chat_id, text, keyboards.archive_state(klass.id, klass.archived, lang))
        return
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    png = await asyncio.to_thread(charts.heatmap_png, report, lang)
    caption = t(lang, "teacher.report.chart_caption", name=name)
    big = report.size > charts.MAX_CHART_STUDENTS
    if big:
        caption += t(
            lang,
            "teacher.report.chart_truncated",
            students=count_phrase(lang, charts.MAX_CHART_STUDENTS, "n.student"),
        )
    today = context.now.astimezone(context.settings.tz).date()
    await context.bot.send_photo(
        chat_id,
        InputFile(png, filename=file_name(klass.name, day=today, extension="png")),
        caption=caption,
        parse_mode=ParseMode.HTML,
    )
    page = reports.render_page(report, 0, lang)
    if big:
        # More students than the chart shows (a whole school, maybe): the table comes at
        # once; the file with every student follows when it is written, in a task of its
        # own, so that the teacher's next button (▶) does not wait for it.
        await say(context, chat_id, page, report_keyboard(context, report, 0))
        context.application.create_task(
            send_report_csv(context, chat_id, klass, today), name=f"class {klass.id} CSV"
        )
        return
    await send_report_csv(context, chat_id, klass, today)
    await say(context, chat_id, page, report_keyboard(context, report, 0))


async def send_report_csv(context: QuizContext, chat_id: int, klass: Class, day: date) -> None:
    """The class as a CSV file (streamed from the database and written in threads). Telegram's
    hiccups (5xx, timeouts, 429) are retried for as long as the outbox retries a reply; if
    the file cannot be made or sent, the teacher is told so and what to do, instead of
    waiting for a file that never comes. A big class's file is sent from a task of its own,
    which nobody awaits: it must never fail silently. (Not stored in the outbox: a
    10,000-student file is ~4 MB, and the bot would hold it twice at its memory peak.)"""
    lang = context.lang
    caption = t(lang, "teacher.report.csv_caption", name=html.escape(klass.name))
    try:
        async with context.db.session() as session:
            table = await views.report_csv(session, klass, lang)
        document = (file_name(klass.name, day=day, extension="csv"), table)
        item = Outgoing(0, chat_id, caption, document=document)
        deadline = time.monotonic() + outbox.GIVE_UP_AFTER
        outcome = await send_with_retries(context.bot, None, item, deadline=deadline)
    except Exception:
        log.exception("the CSV of class %s could not be made", klass.id)
        outcome = Outcome(FAILED, 0)
    if outcome.status != FAILED:
        return  # sent, or the teacher has blocked the bot
    sorry = t(lang, "teacher.report.csv_failed", name=html.escape(klass.name), code=klass.code)
    with contextlib.suppress(Exception):  # nothing more to do if even this fails
        await say(context, chat_id, sorry)


def report_keyboard(
    context: QuizContext, report: reports.ClassReport, page: int
) -> InlineKeyboardMarkup | None:
    """A page's student buttons and paging, then the button that opens the dashboard."""
    return keyboards.with_dashboard(
        keyboards.report_page(report, page, context.lang),
        context.settings.webapp_url,
        t(context.lang, "teacher.btn.dashboard"),
        **{"class": report.code},
    )


# ---------------------------------------------------------------- /settings


@teachers_only
async def settings_command(update: Update, context: QuizContext) -> None:
    chat_id, lang = _chat_id(update), context.lang
    code, base, base_given = parse_settings_args(command_argument(update).split())
    if not code:
        await _picker_or_none(context, chat_id, "set")
        return
    async with context.db.writer() as session:
        klass = await classes.get_owned_class(session, code, _user_id(context))
        if klass is not None and base is not None:
            await classes.set_base(session, klass.id, base)
            text = t(lang, "teacher.settings.done", name=html.escape(klass.name), base=base)
            owe(session, chat_id, text)
            await session.commit()
            return
    if klass is None:
        await _unknown_class(context, chat_id, code, "set")
        return
    key = "teacher.settings.bad_base" if base_given else "teacher.settings.pick_base"
    text = t(lang, key, name=html.escape(klass.name), base=klass.base)
    await say(context, chat_id, text, keyboards.base_picker(klass.id, klass.base, lang))


# ---------------------------------------------------------------- dialogs


async def dialog_input(update: Update, context: QuizContext) -> None:
    """The text a teacher or student typed after we asked for a class name or code."""
    assert update.message is not None and update.message.text is not None
    kind, tries = dialogs.close_dialog(context)
    text = update.message.text
    lang = context.lang
    if kind == dialogs.NEWCLASS:
        visitor = context.visitor
        if visitor is None or not visitor.is_teacher:  # lost the role meanwhile
            await say(context, _chat_id(update), t(lang, "teacher.only_teachers"))
            return
        name = clean_name(text)
        if not name:
            dialogs.open_dialog(context, dialogs.NEWCLASS)
            await say(
                context,
                _chat_id(update),
                t(lang, "teacher.newclass.empty", limit=MAX_NAME),
                keyboards.cancel(lang),
            )
            return
        await create_class(update, context, name)
    elif kind == dialogs.JOIN:
        await join_class(update, context, text, tries)


async def dialog_cancel(update: Update, context: QuizContext) -> None:
    dialogs.close_dialog(context)
    await say(context, _chat_id(update), t(context.lang, "teacher.cancelled"))


async def forget_dialog(update: Update, context: QuizContext) -> None:
    """Any other command ends an open dialog, so that text typed later (an answer to /quiz)
    is not taken for a class name."""
    dialogs.close_dialog(context)


# ---------------------------------------------------------------- buttons


async def button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    assert query is not None
    lang = context.lang
    match = _CALLBACK.match(query.data or "")
    if match is None:
        await query.answer(t(lang, "teacher.stale_button"))
        return
    action, args = match.group(1), (match.group(2) or "").split(":")
    if action == "x":
        await _cancel_button(update, context)
        return
    visitor = context.visitor
    if visitor is None or not visitor.is_teacher:
        await query.answer(t(lang, "teacher.only_teachers"), show_alert=True)
        return
    handler = _BUTTONS.get(action)
    if handler is None or not args or not _INT.match(args[0]):
        await query.answer(t(lang, "teacher.stale_button"))
        return
    async with context.db.session() as session:
        klass = await classes.get_owned_class_by_id(session, int(args[0]), visitor.id)
    if klass is None:
        # Someone else's class, a deleted one, or a made-up id: all look the same.
        await query.answer(t(lang, "teacher.gone"), show_alert=True)
        return
    await handler(update, context, klass, args[1:])


async def _cancel_button(update: Update, context: QuizContext) -> None:
    """Cancel on a question of ours: close the dialog; on an old question whose dialog has
    already ended, just take the button away."""
    query = update.callback_query
    assert query is not None
    kind, _ = dialogs.close_dialog(context)
    if kind is None:
        await query.answer(t(context.lang, "teacher.stale_button"))
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(reply_markup=None)
        return
    await query.answer()
    await edit(update, t(context.lang, "teacher.cancelled"))


ButtonHandler = Callable[[Update, QuizContext, Class, list[str]], Coroutine[Any, Any, None]]


async def _open_card(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    await update.callback_query.answer()  # type: ignore[union-attr]
    async with context.db.session() as session:
        students = await classes.count_students(session, klass.id)
    lang = context.lang
    text = t(
        lang,
        "teacher.card",
        name=html.escape(klass.name),
        code=klass.code,
        link=join_link(_bot_username(context), klass.code),
        students=students,
        base=klass.base,
    )
    if klass.archived:
        text += "\n\n" + t(lang, "teacher.archive.note")
    await say(context, _chat_id(update), text, keyboards.class_card(klass.id, lang))


async def _full_report(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    await update.callback_query.answer()  # type: ignore[union-attr]
    await send_full_report(context, _chat_id(update), klass)


async def _report_page(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    query = update.callback_query
    assert query is not None
    lang = context.lang
    numbers = await _int_args(update, context, args, 1)
    if numbers is None:
        return
    async with context.db.session() as session:
        # A page past the end (students left, or a forged number) shows the last one.
        report = await views.read_report_page(session, klass, numbers[0])
    page = min(numbers[0], report.pages - 1)
    await query.answer()
    if not report.size:
        link = join_link(_bot_username(context), klass.code)
        text = t(
            lang, "teacher.report.empty", name=html.escape(klass.name), code=klass.code, link=link
        )
        await edit(update, text, keyboards.archive_state(klass.id, klass.archived, lang))
        return
    await edit(
        update,
        reports.render_page(report, page, context.lang),
        report_keyboard(context, report, page),
    )


async def _int_args(
    update: Update, context: QuizContext, args: list[str], count: int
) -> list[int] | None:
    """Exactly `count` whole numbers after the class id, or None after telling the presser
    the button is stale (forged data never gets further)."""
    if len(args) != count or not all(_INT.match(a) for a in args):
        await update.callback_query.answer(t(context.lang, "teacher.stale_button"))  # type: ignore[union-attr]
        return None
    return [int(a) for a in args]


async def _member_args(
    update: Update, context: QuizContext, klass: Class, args: list[str]
) -> tuple[int, int, str] | None:
    """`<student>:<page>` of a member of the class → (student id, page, their name); None
    after answering the press when the data is junk or the student is not in the class."""
    numbers = await _int_args(update, context, args, 2)
    if numbers is None:
        return None
    student_id, page = numbers
    async with context.db.session() as session:
        member = await classes.is_member(session, klass.id, student_id)
        student = await users.get(session, student_id) if member else None
    if student is None:
        note = t(context.lang, "teacher.report.not_member")
        await update.callback_query.answer(note, show_alert=True)  # type: ignore[union-attr]
        return None
    return student_id, page, users.display_name(student)


async def _student(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    query = update.callback_query
    assert query is not None
    lang = context.lang
    member = await _member_args(update, context, klass, args)
    if member is None:
        return
    student_id, page, name = member
    async with context.db.session() as session:
        lines = await views.read_attempts(session, student_id, lang, limit=reports.RECENT_ATTEMPTS)
    parts = reports.render_student(name, klass.name, lines, lang, klass.timezone)
    await query.answer()
    under = keyboards.with_dashboard(
        keyboards.student_view(klass.id, student_id, page, lang),
        context.settings.webapp_url,
        t(lang, "teacher.btn.dashboard"),
        **{"class": klass.code, "student": student_id},
    )
    # The first part takes the place of the report page; longer histories continue below,
    # and the buttons (back, remove, the dashboard) are under the last part.
    await edit(update, parts[0], under if len(parts) == 1 else None)
    for number, part in enumerate(parts[1:], start=2):
        await say(context, _chat_id(update), part, under if number == len(parts) else None)


# ---------------------------------------------------------------- removing a student, archiving


async def _remove(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    """`t:rm:<class>:<student>:<page>`: ask before removing the student."""
    query = update.callback_query
    assert query is not None
    lang = context.lang
    member = await _member_args(update, context, klass, args)
    if member is None:
        return
    student_id, page, name = member
    await query.answer()
    text = t(
        lang,
        "teacher.remove.confirm",
        student=html.escape(shorten(name, reports.MAX_SHOWN_NAME)),
        name=html.escape(klass.name),
    )
    yes, no = f"t:rmy:{klass.id}:{student_id}:{page}", f"t:stu:{klass.id}:{student_id}:{page}"
    await edit(update, text, keyboards.confirm(lang, "teacher.btn.remove_yes", yes, no))


async def _remove_confirmed(
    update: Update, context: QuizContext, klass: Class, args: list[str]
) -> None:
    """`t:rmy:<class>:<student>:<page>`: remove them (a second press finds them gone)."""
    query = update.callback_query
    assert query is not None
    lang = context.lang
    member = await _member_args(update, context, klass, args)
    if member is None:
        return
    student_id, page, name = member
    async with context.db.session() as session:
        removed = await classes.remove_student(session, klass.id, student_id)
        await session.commit()
    if not removed:  # a second press a moment ago took them out
        await query.answer(t(lang, "teacher.report.not_member"), show_alert=True)
        return
    await query.answer()
    text = t(
        lang,
        "teacher.remove.done",
        student=html.escape(shorten(name, reports.MAX_SHOWN_NAME)),
        name=html.escape(klass.name),
    )
    await edit(update, text, keyboards.back_to_page(klass.id, page, lang))


async def _archive(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    """`t:arc:<class>`: ask before archiving."""
    query = update.callback_query
    assert query is not None
    lang = context.lang
    await query.answer()
    name = html.escape(klass.name)
    if klass.archived:  # an old button: say how things are
        await edit(
            update,
            t(lang, "teacher.archive.done", name=name),
            keyboards.archive_state(klass.id, True, lang),
        )
        return
    yes, no = f"t:arcy:{klass.id}", f"t:rep:{klass.id}:0"
    text = t(lang, "teacher.archive.confirm", name=name)
    await edit(update, text, keyboards.confirm(lang, "teacher.btn.archive_yes", yes, no))


async def _archive_confirmed(
    update: Update, context: QuizContext, klass: Class, args: list[str]
) -> None:
    """`t:arcy:<class>`: archive it; the message then offers to restore it."""
    lang = context.lang
    async with context.db.session() as session:
        await classes.archive_class(session, klass.id, now=context.now)
        await session.commit()
    await update.callback_query.answer()  # type: ignore[union-attr]
    text = t(lang, "teacher.archive.done", name=html.escape(klass.name))
    await edit(update, text, keyboards.archive_state(klass.id, True, lang))


async def _restore(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    """`t:unarc:<class>`: make it active again (nothing is lost, so no question asked)."""
    lang = context.lang
    async with context.db.session() as session:
        await classes.restore_class(session, klass.id)
        await session.commit()
    await update.callback_query.answer()  # type: ignore[union-attr]
    text = t(lang, "teacher.archive.restored", name=html.escape(klass.name))
    await edit(update, text, keyboards.back_to_page(klass.id, 0, lang))


async def _qr(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    await update.callback_query.answer()  # type: ignore[union-attr]
    await send_qr(context, _chat_id(update), klass)


async def _pick_base(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    await update.callback_query.answer()  # type: ignore[union-attr]
    lang = context.lang
    text = t(lang, "teacher.settings.pick_base", name=html.escape(klass.name), base=klass.base)
    await say(context, _chat_id(update), text, keyboards.base_picker(klass.id, klass.base, lang))


async def _set_base(update: Update, context: QuizContext, klass: Class, args: list[str]) -> None:
    query = update.callback_query
    assert query is not None
    lang = context.lang
    if len(args) != 1 or args[0] not in keyboards.BASES:
        await query.answer(t(lang, "teacher.stale_button"))
        return
    async with context.db.session() as session:
        await classes.set_base(session, klass.id, args[0])
        await session.commit()
    await query.answer()
    await edit(update, t(lang, "teacher.settings.done", name=html.escape(klass.name), base=args[0]))


_BUTTONS: dict[str, ButtonHandler] = {
    "cls": _open_card,
    "full": _full_report,
    "rep": _report_page,
    "stu": _student,
    "qr": _qr,
    "set": _pick_base,
    "base": _set_base,
    "rm": _remove,
    "rmy": _remove_confirmed,
    "arc": _archive,
    "arcy": _archive_confirmed,
    "unarc": _restore,
}


# ---------------------------------------------------------------- the teacher menu


def _remember_menu(context: QuizContext, user_id: int, lang: str, admin: bool) -> None:
    context.bot_data.setdefault(MENUS_SET, {})[user_id] = (lang, admin)


def forget_teacher_menu(context: QuizContext, user_id: int) -> None:
    """Forget that this process set the user's menu (they deleted their data)."""
    context.bot_data.get(MENUS_SET, {}).pop(user_id, None)


async def keep_teacher_menu(update: object, context: QuizContext) -> None:
    """After each update: a teacher whose menu this process has not set yet (an admin's first
    contact, a restart) or set in another language (after /lang) gets it now."""
    visitor = context.visitor
    if visitor is None or not visitor.is_teacher:
        return
    wanted = (visitor.lang, visitor.is_admin)
    if context.bot_data.get(MENUS_SET, {}).get(visitor.id) == wanted:
        return
    _remember_menu(context, visitor.id, *wanted)
    await menus.set_teacher_menu(context.bot, visitor.id, visitor.lang, admin=visitor.is_admin)

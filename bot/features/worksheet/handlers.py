"""/worksheet <code> <topic> <count> [seed=N]: printable worksheets for a teacher's own class —
one PDF with a named variant for every student, and the answer key as a second PDF.
Missing or wrong arguments start a short dialog with buttons — class, then topic, then count —
whose state lives entirely in the callback data (`ws:c:<code>`, `ws:t:<code>:<topic>`,
`ws:n:<code>:<topic>:<count>`). Every step re-checks that the presser is a teacher and that
the class is theirs: callback data can be forged."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from dataclasses import dataclass

from sqlalchemy import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatAction, ParseMode

from bot.context import QuizContext
from bot.features.student.service import writing
from bot.features.worksheet import content
from bot.features.worksheet.render import render_key, render_sheets
from bot.render.filenames import file_name
from bot.texts import count_phrase, t
from db.models import Class
from db.repositories import classes as classes_repo
from db.repositories import users as users_repo
from db.repositories import worksheets as worksheets_repo
from db.repositories.classes import get_owned_class

log = logging.getLogger(__name__)

CALLBACK_PATTERN = r"^ws:"
MAX_ARGUMENTS_TEXT = 120
MAX_CLASS_BUTTONS = 30
CAPTION_NAME_CHARS = 60
_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")
_SEED = re.compile(r"^(?:seed|варіант)=(\d{1,9})$", re.IGNORECASE)
_CLASS_DATA = re.compile(r"^ws:c:([A-Z0-9]{1,16})$")
_TOPIC_DATA = re.compile(r"^ws:t:([A-Z0-9]{1,16}):([a-z_]{1,16})$")
_COUNT_DATA = re.compile(r"^ws:n:([A-Z0-9]{1,16}):([a-z_]{1,16}):(\d{1,2})$")


@dataclass(frozen=True)
class ClassInfo:
    id: int
    code: str
    name: str
    base: str


def topic_name(lang: str, topic: str) -> str:
    return t(lang, f"topic.{topic}")


# ---------------------------------------------------------------- keyboards


def class_keyboard(classes: list[ClassInfo]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"{info.name[:40]} · {info.code}", callback_data=f"ws:c:{info.code}"
                )
            ]
            for info in classes[:MAX_CLASS_BUTTONS]
        ]
    )


def topic_keyboard(lang: str, code: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(topic_name(lang, topic), callback_data=f"ws:t:{code}:{topic}")
        for topic in content.WORKSHEET_TOPICS
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def count_keyboard(code: str, topic: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(str(count), callback_data=f"ws:n:{code}:{topic}:{count}")
                for count in content.COUNT_CHOICES
            ]
        ]
    )


# ---------------------------------------------------------------- database


async def _teacher_classes(context: QuizContext, teacher_id: int) -> list[ClassInfo]:
    async with context.db.session() as session:
        rows = await session.execute(
            select(Class.id, Class.code, Class.name, Class.base)
            .where(Class.teacher_id == teacher_id)
            .order_by(Class.created_at, Class.id)
        )
        return [ClassInfo(id_, code, name, base) for id_, code, name, base in rows]


async def _owned(context: QuizContext, code: str, teacher_id: int) -> ClassInfo | None:
    async with context.db.session() as session:
        klass = await get_owned_class(session, code, teacher_id)
        return None if klass is None else ClassInfo(klass.id, klass.code, klass.name, klass.base)


# ---------------------------------------------------------------- the command


async def worksheet_command(update: Update, context: QuizContext) -> None:
    message = update.effective_message
    chat = update.effective_chat
    visitor = context.visitor
    if message is None or chat is None or visitor is None:
        return
    lang = context.lang
    if not visitor.is_teacher:
        await message.reply_text(t(lang, "ws.teachers_only"), parse_mode=ParseMode.HTML)
        return
    text = " ".join(context.args or [])
    args = text[:MAX_ARGUMENTS_TEXT].split()
    seed: int | None = None
    if args and args[-1].lower().startswith(("seed=", "варіант=")):
        match = _SEED.match(args.pop())
        if match is None:
            await message.reply_text(t(lang, "ws.bad_seed"), parse_mode=ParseMode.HTML)
            return
        seed = int(match.group(1))

    if not args:
        await _ask_class(context, chat.id, visitor.id, lang, t(lang, "ws.pick_class"))
        return
    code = args[0]
    info = await _owned(context, code, visitor.id) if _CODE.match(code) else None
    if info is None:
        intro = t(lang, "ws.not_your_class", code=html.escape(code[:16]))
        await _ask_class(context, chat.id, visitor.id, lang, intro)
        return
    if len(args) < 2:
        await _ask_topic(context, chat.id, lang, info, t(lang, "ws.pick_topic", name=_name(info)))
        return
    topic = content.normalise_topic(args[1])
    if topic is None:
        intro = t(lang, "ws.bad_topic", value=html.escape(args[1][:32]))
        await _ask_topic(context, chat.id, lang, info, intro)
        return
    count = _count(args[2]) if len(args) >= 3 else None
    if count is None:
        key = "ws.pick_count" if len(args) < 3 else "ws.bad_count"
        intro = t(
            lang,
            key,
            name=_name(info),
            topic=topic_name(lang, topic),
            limit=content.MAX_COUNT,
        )
        await context.bot.send_message(
            chat.id, intro, parse_mode=ParseMode.HTML, reply_markup=count_keyboard(info.code, topic)
        )
        return
    await send_worksheet(context, chat.id, lang, info, topic, count, seed)


def _count(text: str) -> int | None:
    if not text.isdigit() or len(text) > 3:
        return None
    count = int(text)
    return count if 1 <= count <= content.MAX_COUNT else None


def _name(info: ClassInfo) -> str:
    return html.escape(info.name)


async def _ask_class(
    context: QuizContext, chat_id: int, teacher_id: int, lang: str, intro: str
) -> None:
    classes = await _teacher_classes(context, teacher_id)
    if not classes:
        await context.bot.send_message(chat_id, t(lang, "ws.no_classes"), parse_mode=ParseMode.HTML)
        return
    await context.bot.send_message(
        chat_id, intro, parse_mode=ParseMode.HTML, reply_markup=class_keyboard(classes)
    )


async def _ask_topic(
    context: QuizContext, chat_id: int, lang: str, info: ClassInfo, intro: str
) -> None:
    await context.bot.send_message(
        chat_id, intro, parse_mode=ParseMode.HTML, reply_markup=topic_keyboard(lang, info.code)
    )


# ---------------------------------------------------------------- the buttons


async def worksheet_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    chat = update.effective_chat
    visitor = context.visitor
    if query is None or chat is None or visitor is None:
        return
    lang = context.lang
    if not visitor.is_teacher:
        await query.answer(t(lang, "ws.teachers_only"), show_alert=True)
        return
    data = query.data or ""
    code, topic, count = _parse_data(data)
    info = await _owned(context, code, visitor.id) if code else None
    if info is None or (topic is not None and topic not in content.WORKSHEET_TOPICS):
        await query.answer(t(lang, "ws.stale_button"), show_alert=True)
        return
    if topic is None:
        await query.answer()
        await query.edit_message_text(
            t(lang, "ws.pick_topic", name=_name(info)),
            parse_mode=ParseMode.HTML,
            reply_markup=topic_keyboard(lang, info.code),
        )
        return
    if count is None:
        await query.answer()
        await query.edit_message_text(
            t(lang, "ws.pick_count", name=_name(info), topic=topic_name(lang, topic)),
            parse_mode=ParseMode.HTML,
            reply_markup=count_keyboard(info.code, topic),
        )
        return
    if not 1 <= count <= content.MAX_COUNT:
        await query.answer(t(lang, "ws.stale_button"), show_alert=True)
        return
    await query.answer()
    # The dialog is finished: take the buttons away so a second tap cannot print twice.
    await query.edit_message_reply_markup(reply_markup=None)
    await send_worksheet(context, chat.id, lang, info, topic, count, None)


def _parse_data(data: str) -> tuple[str | None, str | None, int | None]:
    """(code, topic, count) from our callback data; (None, None, None) for anything else."""
    if match := _CLASS_DATA.match(data):
        return match.group(1), None, None
    if match := _TOPIC_DATA.match(data):
        return match.group(1), match.group(2), None
    if match := _COUNT_DATA.match(data):
        return match.group(1), match.group(2), int(match.group(3))
    return None, None, None


# ---------------------------------------------------------------- the PDFs


async def _roster(context: QuizContext, class_id: int) -> list[tuple[int, str]]:
    """(id, name) of the class's students in the class register's order."""
    async with context.db.session() as session:
        students = await classes_repo.class_students(session, class_id)
    return [(user.id, users_repo.display_name(user)) for user in students]


def _variants(
    roster: list[tuple[int, str]], *, topic: str, count: int, seed: int, lang: str, base: str
) -> tuple[content.Variant, ...]:
    """One variant per student (their own seed); one without a name for an empty class."""
    people: list[tuple[int | None, str]] = [*roster] or [(None, "")]
    variants = []
    for student_id, name in people:
        variant_seed = seed if student_id is None else content.student_seed(seed, student_id)
        items = content.build_items(
            topic=topic, count=count, seed=variant_seed, lang=lang, base=base
        )
        variants.append(content.Variant(student_id, name, variant_seed, items))
    return tuple(variants)


async def send_worksheet(
    context: QuizContext,
    chat_id: int,
    lang: str,
    info: ClassInfo,
    topic: str,
    count: int,
    seed: int | None,
) -> None:
    """Make every student's variant, store the print (its code is what /check asks for),
    typeset the sheets and the key in a thread, then send them as two files."""
    seed = content.new_seed() if seed is None else seed
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    roster = await _roster(context, info.id)
    variants = await asyncio.to_thread(
        _variants, roster, topic=topic, count=count, seed=seed, lang=lang, base=info.base
    )
    async with writing(context) as session:
        stored = await worksheets_repo.create_sheet(
            session,
            class_id=info.id,
            topic=topic,
            count=count,
            lang=lang,
            base=info.base,
            seed=seed,
            variants=[
                worksheets_repo.NewVariant(
                    user_id=variant.student_id,
                    position=position,
                    seed=variant.seed,
                    items=content.stored_items(variant.items),
                )
                for position, variant in enumerate(variants, start=1)
                if variant.student_id is not None
            ],
            now=context.now,
        )
        sheet_code = stored.code
        await session.commit()
    sheet = content.Worksheet(info.name, info.code, sheet_code, topic, lang, variants)
    sheets_pdf = await asyncio.to_thread(render_sheets, sheet, info.base)
    key_pdf = await asyncio.to_thread(render_key, sheet, info.base)
    today = context.now.astimezone(context.settings.tz).date()
    values = {
        "name": html.escape(info.name[:CAPTION_NAME_CHARS]),
        "topic": topic_name(lang, topic),
        "topic_key": topic,
        "count": count,
        "questions": count_phrase(lang, count, "n.question"),
        "seed": seed,
        "code": info.code,
        "sheet": sheet_code,
        "students": count_phrase(lang, len(roster), "n.student"),
    }
    caption_key = "ws.caption" if roster else "ws.caption_no_students"
    await context.bot.send_document(
        chat_id,
        InputFile(sheets_pdf, filename=file_name(info.name, topic, day=today, extension="pdf")),
        caption=t(lang, caption_key, **values),
        parse_mode=ParseMode.HTML,
    )
    await context.bot.send_document(
        chat_id,
        InputFile(key_pdf, filename=file_name(info.name, topic, "key", day=today, extension="pdf")),
        caption=t(lang, "ws.key_caption", **values),
        parse_mode=ParseMode.HTML,
    )

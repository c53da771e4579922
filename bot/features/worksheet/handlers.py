"""/worksheet <code> <topic> <count> [seed=N]: a printable PDF for a teacher's own class.
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
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode

from bot.context import QuizContext
from bot.features.worksheet import content
from bot.features.worksheet.pdf import render_pdf, topic_name
from bot.texts import count_phrase, t
from db.models import Class
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
    code: str
    name: str
    base: str


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
            select(Class.code, Class.name, Class.base)
            .where(Class.teacher_id == teacher_id)
            .order_by(Class.created_at, Class.id)
        )
        return [ClassInfo(code, name, base) for code, name, base in rows]


async def _owned(context: QuizContext, code: str, teacher_id: int) -> ClassInfo | None:
    async with context.db.session() as session:
        klass = await get_owned_class(session, code, teacher_id)
        return None if klass is None else ClassInfo(klass.code, klass.name, klass.base)


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


# ---------------------------------------------------------------- the PDF


async def send_worksheet(
    context: QuizContext,
    chat_id: int,
    lang: str,
    info: ClassInfo,
    topic: str,
    count: int,
    seed: int | None,
) -> None:
    """Generate the questions and draw the PDF in a thread (both are CPU work), then send it."""
    seed = content.new_seed() if seed is None else seed
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    sheet_seed = seed

    def make() -> bytes:
        sheet = content.build(
            class_name=info.name,
            class_code=info.code,
            base=info.base,
            lang=lang,
            topic=topic,
            count=count,
            seed=sheet_seed,
        )
        return render_pdf(sheet)

    pdf = await asyncio.to_thread(make)
    caption = t(
        lang,
        "ws.caption",
        name=html.escape(info.name[:CAPTION_NAME_CHARS]),
        topic=topic_name(lang, topic),
        topic_key=topic,
        count=count,
        questions=count_phrase(lang, count, "n.question"),
        seed=seed,
        code=info.code,
    )
    await context.bot.send_document(
        chat_id,
        pdf,
        filename=f"worksheet-{info.code}-{topic}.pdf",
        caption=caption,
        parse_mode=ParseMode.HTML,
    )

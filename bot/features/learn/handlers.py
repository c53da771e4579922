"""/learn: a lesson is one message that the student pages through; every button edits it in
place (editMessageText), so the chat stays tidy. Callback data: `l:<lesson>:<page>`,
`l:menu`, `l:try:<lesson>` — all parsed strictly, since anyone can forge callback data."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import QuizContext
from bot.features.learn import lessons
from bot.features.student.service import ask_question
from bot.texts import t

log = logging.getLogger(__name__)

CALLBACK_PATTERN = r"^l:"
_PAGE = re.compile(r"^l:([1-9]):([1-9])$")
_TRY = re.compile(r"^l:try:([1-9])$")
MAX_ARGUMENT = 40  # "/learn entropy" needs a word, not an essay


def page_data(number: int, page: int) -> str:
    return f"l:{number}:{page}"


def menu_keyboard(lang: str) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                t(
                    lang,
                    "learn.btn.lesson",
                    number=item.number,
                    title=lessons.title(lang, item.number),
                ),
                callback_data=page_data(item.number, 1),
            )
        ]
        for item in lessons.LESSONS
    ]
    return InlineKeyboardMarkup(rows)


def page_keyboard(lang: str, number: int, page: int) -> InlineKeyboardMarkup:
    previous, following = lessons.neighbours(number, page)
    navigation: list[InlineKeyboardButton] = []
    if previous is not None:
        navigation.append(
            InlineKeyboardButton(t(lang, "learn.btn.back"), callback_data=page_data(*previous))
        )
    if following is not None:
        navigation.append(
            InlineKeyboardButton(t(lang, "learn.btn.next"), callback_data=page_data(*following))
        )
    rows = [
        navigation,
        [InlineKeyboardButton(t(lang, "learn.btn.try"), callback_data=f"l:try:{number}")],
        [InlineKeyboardButton(t(lang, "learn.btn.menu"), callback_data="l:menu")],
    ]
    return InlineKeyboardMarkup([row for row in rows if row])


async def learn_command(update: Update, context: QuizContext) -> None:
    """`/learn` shows the menu; `/learn 3` or `/learn entropy` opens that lesson directly."""
    message = update.effective_message
    if message is None:
        return
    lang = context.lang
    argument = " ".join(context.args or [])[: MAX_ARGUMENT + 1]
    if argument:
        item = lessons.lesson_for(argument) if len(argument) <= MAX_ARGUMENT else None
        if item is not None:
            await message.reply_text(
                lessons.render_page(lang, item.number, 1),
                parse_mode=ParseMode.HTML,
                reply_markup=page_keyboard(lang, item.number, 1),
            )
            return
        await message.reply_text(
            t(lang, "learn.unknown_lesson", lessons=lessons.LESSON_COUNT),
            parse_mode=ParseMode.HTML,
        )
    await message.reply_text(
        t(lang, "learn.menu"), parse_mode=ParseMode.HTML, reply_markup=menu_keyboard(lang)
    )


async def learn_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = context.lang
    data = query.data or ""
    if data == "l:menu":
        await query.answer()
        await _show(update, context, t(lang, "learn.menu"), menu_keyboard(lang))
        return
    if match := _TRY.match(data):
        item = lessons.lesson(int(match.group(1)))
        if item is not None:
            await query.answer()
            await _try_question(update, context, item)
            return
    if match := _PAGE.match(data):
        number, page = int(match.group(1)), int(match.group(2))
        item = lessons.lesson(number)
        if item is not None and page <= len(item.pages):
            await query.answer()
            await _show(
                update,
                context,
                lessons.render_page(lang, number, page),
                page_keyboard(lang, number, page),
            )
            return
    # Forged, stale or from an older version of the bot: say so kindly, change nothing.
    await query.answer(t(lang, "learn.stale_button"), show_alert=True)


async def _show(
    update: Update, context: QuizContext, text: str, keyboard: InlineKeyboardMarkup
) -> None:
    """Edit the lesson message in place; if Telegram cannot edit it (too old, deleted), send a
    fresh one so the button still does something."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except BadRequest as error:
        if "not modified" in str(error).lower():
            return  # a double tap on the same button: the page is already shown
        log.info("Could not edit a lesson message (%s); sending a new one", error)
        chat = update.effective_chat
        if chat is not None:
            await context.bot.send_message(
                chat.id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard
            )


async def _try_question(update: Update, context: QuizContext, item: lessons.Lesson) -> None:
    """Hand over to the quiz: a question on this lesson's topic, as /quiz <topic> would ask."""
    chat = update.effective_chat
    if chat is None or context.visitor is None:
        return
    await ask_question(context, chat.id, context.visitor, item.topic)

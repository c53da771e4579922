"""/lab: the surprise laboratory. Only the /lab command and the lab's own buttons (`lab:p:<preset>`)
reach it — never plain text, which belongs to an open quiz question."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode

from bot.context import QuizContext
from bot.features.lab import report
from bot.features.lab.parsing import MAX_LABEL, MAX_OUTCOMES, LabError, parse_lab
from bot.render.charts import surprise_bars
from bot.texts import t
from quiz.numbers import format_number

log = logging.getLogger(__name__)

CALLBACK_PATTERN = r"^lab:"
# Ready examples: callback name → the text a student would type after /lab (the coin's faces
# come from the texts, so they read naturally in each language).
PRESETS: dict[str, str] = {
    "fair": "1 2 3 4 5 6",
    "weird": "1 2 3 4 4 4",
    "coin": "",
    "weird_fair": "1 2 3 4 4 4 | 1 2 3 4 5 6",
}


def preset_text(name: str, lang: str) -> str:
    return t(lang, "lab.coin_faces") if name == "coin" else PRESETS[name]


def presets_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "lab.preset.fair"), callback_data="lab:p:fair"),
                InlineKeyboardButton(t(lang, "lab.preset.weird"), callback_data="lab:p:weird"),
            ],
            [InlineKeyboardButton(t(lang, "lab.preset.coin"), callback_data="lab:p:coin")],
            [
                InlineKeyboardButton(
                    t(lang, "lab.preset.weird_fair"), callback_data="lab:p:weird_fair"
                )
            ],
        ]
    )


def _command_argument(update: Update) -> str:
    """The raw text after `/lab` (context.args would lose the student's own spacing, and a
    `|` glued to a number must survive)."""
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    _command, _space, rest = text.partition(" ")
    if not rest:
        _command, _newline, rest = text.partition("\n")
    return rest.strip()


async def lab_command(update: Update, context: QuizContext) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    lang = context.lang
    argument = _command_argument(update)
    if not argument:
        await message.reply_text(
            t(lang, "lab.howto", outcomes=MAX_OUTCOMES, label=MAX_LABEL),
            parse_mode=ParseMode.HTML,
            reply_markup=presets_keyboard(lang),
        )
        return
    await run_lab(context, chat.id, argument, lang)


async def lab_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    lang = context.lang
    data = query.data or ""
    action, _sep, name = data.removeprefix("lab:").partition(":")
    if action != "p" or name not in PRESETS:
        await query.answer(t(lang, "lab.stale_button"), show_alert=True)
        return
    await query.answer()
    await run_lab(context, chat.id, preset_text(name, lang), lang)


async def run_lab(context: QuizContext, chat_id: int, argument: str, lang: str) -> None:
    """Parse, answer with the numbers, then (a nice extra) a bar chart of the surprises."""
    try:
        spec = parse_lab(argument)
    except LabError as error:
        await context.bot.send_message(chat_id, _error_text(error, lang), parse_mode=ParseMode.HTML)
        return
    await context.bot.send_message(
        chat_id, report.render(spec, lang, argument), parse_mode=ParseMode.HTML
    )
    data = report.chart_data(spec, lang)
    try:
        await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
        png = await asyncio.to_thread(
            surprise_bars,
            data.labels,
            data.truth,
            data.belief,
            ylabel=data.ylabel,
            truth_legend=data.truth_legend,
            belief_legend=data.belief_legend,
        )
    except Exception:  # the numbers are already sent; a chart failure must not hide them
        log.exception("Could not draw the lab chart")
        return
    await context.bot.send_photo(chat_id, png, caption=data.caption, filename="lab.png")


def _error_text(error: LabError, lang: str) -> str:
    values: dict[str, object] = {}
    for key, value in error.values.items():
        if isinstance(value, float):
            values[key] = format_number(value, lang)
        elif isinstance(value, str):
            values[key] = html.escape(value)
        else:
            values[key] = value
    return t(lang, error.key, **values)

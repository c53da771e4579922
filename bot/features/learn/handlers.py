"""/learn: a lesson page is one photo message — the page's picture with the page as its
caption — that the student flips through; every button edits it in place
(editMessageMedia), so the chat stays tidy. The page a student sees is stored, and /learn
opens it again, after a restart too.

Callback data, parsed strictly (anyone can forge it):
- `l:menu`                       the list of lessons
- `l:<lesson>:<page>`            a page
- `l:a:<lesson>:<page>:<answer>` an answer to one of lesson 2's questions
- `l:check:<lesson>`             the lesson's two closing questions (see `check`)
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import QuizContext
from bot.features.learn import check, lessons, pictures
from bot.features.student.service import writing
from bot.texts import t
from db.repositories import lessons as progress

log = logging.getLogger(__name__)

CALLBACK_PATTERN = r"^l:"
_PAGE = re.compile(r"^l:([1-9]):([1-9])$")
_ANSWER = re.compile(r"^l:a:([1-9]):([1-9]):([a-z]{1,12})$")
_CHECK = re.compile(r"^l:check:([1-9])$")
MAX_ARGUMENT = 40  # "/learn entropy" needs a word, not an essay
FILE_IDS = "learn.file_ids"  # bot_data: (picture, lang) → the file_id Telegram gave it
SHORT_ANSWERS = 24  # answer labels up to this many characters in all share one row


def page_data(number: int, page: int) -> str:
    return f"l:{number}:{page}"


# ---------------------------------------------------------------- keyboards


def menu_keyboard(
    lang: str, finished: set[int], resume: tuple[int, int] | None
) -> InlineKeyboardMarkup:
    rows = []
    if resume is not None and resume != (1, 1):
        label = t(lang, "learn.btn.resume", lesson=resume[0], page=resume[1])
        rows.append([InlineKeyboardButton(label, callback_data=page_data(*resume))])
    for item in lessons.LESSONS:
        key = "learn.btn.lesson_done" if item.number in finished else "learn.btn.lesson"
        label = t(lang, key, number=item.number, title=lessons.title(lang, item.number))
        rows.append([InlineKeyboardButton(label, callback_data=page_data(item.number, 1))])
    return InlineKeyboardMarkup(rows)


def page_keyboard(
    lang: str, number: int, page: int, answer: str | None = None
) -> InlineKeyboardMarkup:
    found = lessons.page_of(number, page)
    assert found is not None
    previous, following = lessons.neighbours(number, page)
    rows: list[list[InlineKeyboardButton]] = []
    asking = found.question is not None and answer is None
    if asking:
        assert found.question is not None
        answers = [
            InlineKeyboardButton(
                t(lang, f"learn.{found.key}.a.{choice}"),
                callback_data=f"l:a:{number}:{page}:{choice}",
            )
            for choice in found.question.answers
        ]
        if sum(len(button.text) for button in answers) <= SHORT_ANSWERS:
            rows.append(answers)
        else:
            rows.extend([button] for button in answers)
    navigation = []
    if previous is not None:
        navigation.append(
            InlineKeyboardButton(t(lang, "learn.btn.back"), callback_data=page_data(*previous))
        )
    if following is not None and not asking:
        navigation.append(
            InlineKeyboardButton(t(lang, "learn.btn.next"), callback_data=page_data(*following))
        )
    rows.append(navigation)
    if lessons.is_last_page(number, page):
        rows.append(
            [InlineKeyboardButton(t(lang, "learn.btn.check"), callback_data=f"l:check:{number}")]
        )
        if following is None:
            rows.append([check.practice_button(lang)])
    rows.append([InlineKeyboardButton(t(lang, "learn.btn.menu"), callback_data="l:menu")])
    return InlineKeyboardMarkup([row for row in rows if row])


# ---------------------------------------------------------------- a screen


@dataclass(frozen=True)
class Screen:
    """What one lesson message shows: a picture (by name), a caption and buttons."""

    picture: str
    caption: str
    keyboard: InlineKeyboardMarkup


def page_screen(lang: str, number: int, page: int, answer: str | None = None) -> Screen:
    return Screen(
        lessons.picture_of(number, page, answer),
        lessons.caption(lang, number, page, answer),
        page_keyboard(lang, number, page, answer),
    )


async def menu_screen(context: QuizContext, lang: str) -> Screen:
    row = None
    if context.visitor is not None:
        async with context.db.session() as session:
            row = await progress.get(session, context.visitor.id)
    resume = (row.lesson, row.page) if row is not None else None
    keyboard = menu_keyboard(lang, progress.finished_lessons(row), resume)
    return Screen(lessons.MENU_PICTURE, t(lang, "learn.menu"), keyboard)


async def _photo(context: QuizContext, picture: str, lang: str) -> str | bytes:
    """The picture as Telegram already has it (a file_id), else its PNG (drawn in a thread)."""
    known: dict[tuple[str, str], str] = context.bot_data.setdefault(FILE_IDS, {})
    file_id = known.get((picture, lang))
    if file_id is not None:
        return file_id
    return await pictures.picture(picture, lang)


def _remember(context: QuizContext, picture: str, lang: str, message: Message | bool) -> None:
    if isinstance(message, Message) and message.photo:
        context.bot_data.setdefault(FILE_IDS, {})[(picture, lang)] = message.photo[-1].file_id


def _forget(context: QuizContext, picture: str, lang: str) -> None:
    context.bot_data.setdefault(FILE_IDS, {}).pop((picture, lang), None)


async def send_screen(context: QuizContext, chat_id: int, lang: str, screen: Screen) -> None:
    """A new lesson message."""
    for attempt in range(2):
        photo = await _photo(context, screen.picture, lang)
        try:
            message = await context.bot.send_photo(
                chat_id,
                photo,
                caption=screen.caption,
                parse_mode=ParseMode.HTML,
                reply_markup=screen.keyboard,
                filename=f"{screen.picture}.png",
            )
        except BadRequest as error:
            if attempt == 0 and isinstance(photo, str) and _bad_file(error):
                _forget(context, screen.picture, lang)  # the file_id went stale: upload again
                continue
            raise
        _remember(context, screen.picture, lang, message)
        return


async def show_screen(update: Update, context: QuizContext, lang: str, screen: Screen) -> None:
    """Turn the pressed lesson message into `screen`; when it cannot be edited (too old,
    deleted, or a text message such as the note after a lesson's questions), send a new one."""
    query = update.callback_query
    assert query is not None
    message = query.message
    if isinstance(message, Message) and message.photo:
        for attempt in range(2):
            photo = await _photo(context, screen.picture, lang)
            media = InputMediaPhoto(
                photo,
                caption=screen.caption,
                parse_mode=ParseMode.HTML,
                filename=f"{screen.picture}.png",
            )
            try:
                edited = await query.edit_message_media(media, reply_markup=screen.keyboard)
            except BadRequest as error:
                if "not modified" in str(error).lower():
                    return  # a double tap: the screen is already shown
                if attempt == 0 and isinstance(photo, str) and _bad_file(error):
                    _forget(context, screen.picture, lang)
                    continue
                log.info("Could not edit a lesson message (%s); sending a new one", error)
                break
            _remember(context, screen.picture, lang, edited)
            return
    chat = update.effective_chat
    if chat is not None:
        await send_screen(context, chat.id, lang, screen)


def _bad_file(error: BadRequest) -> bool:
    text = str(error).lower()
    return "file identifier" in text or "file_id" in text or "type of file" in text


# ---------------------------------------------------------------- handlers


async def _remember_position(context: QuizContext, number: int, page: int) -> None:
    """Store the page first, then show it: /learn resumes here, after a restart too."""
    if context.visitor is None:
        return
    async with writing(context) as session:
        await progress.save_position(session, context.visitor.id, number, page, context.now)
        await session.commit()


async def learn_command(update: Update, context: QuizContext) -> None:
    """`/learn` opens the page the student stopped at (the menu the first time);
    `/learn 3` or `/learn entropy` opens that lesson."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = context.lang
    argument = " ".join(context.args or [])[: MAX_ARGUMENT + 1]
    if argument:
        item = lessons.lesson_for(argument) if len(argument) <= MAX_ARGUMENT else None
        if item is not None:
            await _remember_position(context, item.number, 1)
            await send_screen(context, chat.id, lang, page_screen(lang, item.number, 1))
            return
        await context.bot.send_message(
            chat.id,
            t(lang, "learn.unknown_lesson", lessons=lessons.LESSON_COUNT),
            parse_mode=ParseMode.HTML,
        )
        await send_screen(context, chat.id, lang, await menu_screen(context, lang))
        return
    position = await _stored_position(context)
    if position is None:
        await send_screen(context, chat.id, lang, await menu_screen(context, lang))
        return
    await send_screen(context, chat.id, lang, page_screen(lang, *position))


async def _stored_position(context: QuizContext) -> tuple[int, int] | None:
    if context.visitor is None:
        return None
    async with context.db.session() as session:
        row = await progress.get(session, context.visitor.id)
    if row is None or lessons.page_of(row.lesson, row.page) is None:
        return None  # never opened a lesson, or a page that no longer exists
    return row.lesson, row.page


async def learn_button(update: Update, context: QuizContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = context.lang
    data = query.data or ""
    if data == "l:menu":
        await query.answer()
        await show_screen(update, context, lang, await menu_screen(context, lang))
        return
    if match := _PAGE.match(data):
        number, page = int(match.group(1)), int(match.group(2))
        if lessons.page_of(number, page) is not None:
            await query.answer()
            await _remember_position(context, number, page)
            await show_screen(update, context, lang, page_screen(lang, number, page))
            return
    if match := _ANSWER.match(data):
        number, page, answer = int(match.group(1)), int(match.group(2)), match.group(3)
        found = lessons.page_of(number, page)
        if found is not None and found.question is not None and answer in found.question.answers:
            await query.answer()
            await _remember_position(context, number, page)
            await show_screen(update, context, lang, page_screen(lang, number, page, answer))
            return
    if match := _CHECK.match(data):
        item = lessons.lesson(int(match.group(1)))
        chat = update.effective_chat
        if item is not None and chat is not None and context.visitor is not None:
            await query.answer()
            await check.start(context, chat.id, context.visitor, item)
            return
    # Forged, stale or from an older version of the bot: say so kindly, change nothing.
    await query.answer(t(lang, "learn.stale_button"), show_alert=True)

"""The two closing questions of a lesson: bank questions on the lesson's topic, asked through
the student feature's own `ask_question`, so they are stored, graded and counted in mastery
exactly like /quiz questions.

The student answers as always (a typed answer, /skip, or whatever buttons the question has);
`after_answer` runs after the student feature has handled the update (a later handler group)
and moves on once the check question is closed *with an attempt*: then comes the second
question, and after it a note that the lesson is finished, with the way on. If the question
was closed without an attempt (/cancel) or replaced by another (/quiz, Next question), the
check is dropped quietly — the student chose to do something else.

Which students have a check under way is kept in memory (loaded at start), so the hook costs
other students' answers nothing."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot.context import QuizContext, Visitor
from bot.features.learn import lessons
from bot.features.student.service import ask_question, queue_html, send_html, writing
from bot.texts import t
from db.repositories import attempts
from db.repositories import lessons as progress

CHECKING = "learn.checking"  # bot_data: ids of students with closing questions under way


def practice_button(lang: str) -> InlineKeyboardButton:
    """Practice after the lessons: the student feature's topic list."""
    return InlineKeyboardButton(t(lang, "learn.btn.practice"), callback_data="q:topics")


def _checking(context: QuizContext) -> set[int]:
    return context.bot_data.setdefault(CHECKING, set())


async def load(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    database = application.bot_data["db"]
    async with database.session() as session:
        application.bot_data[CHECKING] = await progress.users_checking(session)


async def _open_seed(context: QuizContext, user_id: int) -> int | None:
    async with context.db.session() as session:
        row = await attempts.get_open_question(session, user_id)
    return row.seed if row is not None else None


async def start(context: QuizContext, chat_id: int, visitor: Visitor, item: lessons.Lesson) -> None:
    """Ask the first closing question of `item` and remember it."""
    await _ask(context, chat_id, visitor, item, first=True)


async def _ask(
    context: QuizContext, chat_id: int, visitor: Visitor, item: lessons.Lesson, *, first: bool
) -> None:
    """A closing question through the quiz's own `ask_question`, then its seed remembered
    (it is what tells this question from any other the student may open later)."""
    lang = visitor.lang
    intro = "learn.check.start" if first else "learn.check.second"
    await send_html(context, chat_id, t(lang, intro, title=lessons.title(lang, item.number)))
    await ask_question(context, chat_id, visitor, item.topic)
    seed = await _open_seed(context, visitor.id)
    if seed is None:
        return
    async with writing(context) as session:
        if first:
            await progress.start_check(session, visitor.id, item.number, seed, context.now)
        else:
            await progress.next_check_question(session, visitor.id, seed, context.now)
        await session.commit()
    _checking(context).add(visitor.id)


async def after_answer(update: Update, context: QuizContext) -> None:
    """After any message or quiz button of a student with a check under way: if its
    question is answered, go on (second question, or the lesson is finished)."""
    visitor, chat = context.visitor, update.effective_chat
    if visitor is None or chat is None or visitor.id not in _checking(context):
        return
    now = context.now
    async with writing(context) as session:
        row = await progress.get(session, visitor.id)
        if row is None or row.check_seed is None or row.check_lesson is None:
            _checking(context).discard(visitor.id)
            return
        open_question = await attempts.get_open_question(session, visitor.id)
        if open_question is not None and open_question.seed == row.check_seed:
            return  # still answering it (an unparsed answer, a hint, a second try)
        number = row.check_lesson
        if not await progress.attempted(session, visitor.id, row.check_seed):
            await progress.finish_check(session, row, None, now)  # cancelled or replaced
            await session.commit()
            _checking(context).discard(visitor.id)
            return
        answered = await progress.count_check_answer(session, row, now)
        finished = answered >= lessons.CHECK_QUESTIONS
        if finished:
            # The note reports what is stored: it goes through the outbox with it.
            await progress.finish_check(session, row, number, now)
            queue_html(session, chat.id, *_lesson_finished(visitor.lang, number))
        await session.commit()
    if finished:
        _checking(context).discard(visitor.id)
        return
    item = lessons.lesson(number)
    if item is not None:
        await _ask(context, chat.id, visitor, item, first=False)


def _lesson_finished(lang: str, number: int) -> tuple[str, InlineKeyboardMarkup]:
    """The note after a lesson's closing questions, and the way on."""
    menu = InlineKeyboardButton(t(lang, "learn.btn.menu"), callback_data="l:menu")
    following = lessons.lesson(number + 1)
    if following is None:
        keyboard = InlineKeyboardMarkup([[practice_button(lang)], [menu]])
        return t(lang, "learn.check.done_last"), keyboard
    text = t(
        lang,
        "learn.check.done",
        lesson=number,
        title=lessons.title(lang, number),
        next=following.number,
        next_title=lessons.title(lang, following.number),
    )
    go_on = InlineKeyboardButton(
        t(
            lang,
            "learn.btn.next_lesson",
            number=following.number,
            title=lessons.title(lang, following.number),
        ),
        callback_data=f"l:{following.number}:1",
    )
    return text, InlineKeyboardMarkup([[go_on], [menu]])

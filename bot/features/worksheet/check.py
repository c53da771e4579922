"""/check <sheet code>: a student types the answers of a paper worksheet and gets them graded
against their own variant (the one printed with their name).

Policies:
- Answers come one by one in a short dialog (the bot asks for the next unchecked task), or all
  at once as a numbered list (`1) 0,5 2) 1/6 …`), also right after the code in /check itself.
- Each task is graded once, like a handed-in paper: its answer is stored as an attempt (so it
  shows in /progress and the class report, and moves the mastery of its topic × level) before
  the feedback is sent, and typing it again only shows what was checked. `-` skips a task (stored as
  skipped). Text the answer parser cannot read is not an answer: nothing is stored, the
  student is told why and may type it again.
- Wrong answers get the grader's feedback and the right answer: the paper is already written.
- A code that is unknown, or a sheet printed without the student's name, gets a friendly
  reply; nothing about other students or classes is shown.
- The dialog lives in `user_data` (a moment; a restart loses only the question "which task
  next", which /check answers again), ends when the sheet is done, on any other command, or
  after DIALOG_TTL."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot import chats
from bot.context import QuizContext, Visitor
from bot.features.student.service import quote_user_text, rebuild_question, send_html, writing
from bot.features.worksheet import answer_list
from bot.features.worksheet.content import CHOICE_LETTERS, choices_of
from bot.texts import t
from db.models import Worksheet, WorksheetVariant
from db.repositories import mastery as mastery_repo
from db.repositories import worksheets as worksheets_repo
from quiz.grading import choice_index, grade
from quiz.mastery import BKT, Try
from quiz.precision import CHOICE_KINDS
from quiz.questions import Question, answer_text

DIALOG = "ws.check"
# "/check K7QX3D" and what follows it, line breaks kept (a list of answers may follow).
_COMMAND = re.compile(r"^/check(?:@\w+)?\s+(\S+)\s*(.*)$", re.DOTALL | re.IGNORECASE)
DIALOG_TTL = timedelta(minutes=30)
MAX_FEEDBACK = 160  # characters of the grader's feedback per task in a list reply


@dataclass(frozen=True)
class PrintedTask:
    """A task as stored with the variant (the shape `rebuild_question` takes)."""

    topic: str
    level: int
    seed: int
    base: str | None
    params: dict[str, Any]


@dataclass(frozen=True)
class Result:
    number: int
    line: str  # what the student is told about this task


# ---------------------------------------------------------------- the dialog state


def _open(context: QuizContext, worksheet_id: int | None) -> None:
    """Wait for the sheet code (`worksheet_id` None) or for answers to that sheet."""
    context.user_data[DIALOG] = {"sheet": worksheet_id, "until": context.now + DIALOG_TTL}


def _close(context: QuizContext) -> None:
    context.user_data.pop(DIALOG, None)


def _waiting(application: Application[Any, Any, Any, Any, Any, Any]) -> filters.MessageFilter:
    """Plain text in a private chat from a student whose /check dialog is open."""

    class Waiting(filters.MessageFilter):
        def filter(self, message: Message) -> bool:
            if message.from_user is None or message.chat.type != ChatType.PRIVATE:
                return False
            state = application.user_data.get(message.from_user.id, {}).get(DIALOG)
            return state is not None and application.bot_data["clock"]() < state["until"]

    return Waiting(name="check_dialog")


# ---------------------------------------------------------------- handlers


async def check_command(update: Update, context: QuizContext) -> None:
    visitor, chat = context.visitor, update.effective_chat
    if visitor is None or chat is None:
        return
    text = " ".join(context.args or [])[: answer_list.MAX_TEXT]
    if not text.strip():
        _open(context, None)
        await send_html(context, chat.id, t(visitor.lang, "check.ask_code"))
        return
    raw = (update.effective_message.text or "") if update.effective_message else ""
    found = _COMMAND.match(raw[: answer_list.MAX_TEXT])
    code_text, answers = (found.group(1), found.group(2)) if found else (text, "")
    await _with_code(context, chat.id, visitor, code_text, answers)


async def dialog_text(update: Update, context: QuizContext) -> None:
    visitor, chat, message = context.visitor, update.effective_chat, update.effective_message
    state = context.user_data.get(DIALOG) if context.user_data is not None else None
    if visitor is None or chat is None or message is None or state is None:
        return
    text = (message.text or "")[: answer_list.MAX_TEXT]
    if state["sheet"] is None:
        code_text, _, answers = text.strip().partition(" ")
        await _with_code(context, chat.id, visitor, code_text, answers)
        return
    async with context.db.session() as session:
        sheet = await session.get(Worksheet, state["sheet"])
        variant = sheet and await worksheets_repo.variant_of(session, sheet.id, visitor.id)
    if sheet is None or variant is None:
        _close(context)
        await send_html(context, chat.id, t(visitor.lang, "check.unknown", code="—"))
        return
    await _answers(context, chat.id, visitor, sheet, variant, text)


async def forget_dialog(update: Update, context: QuizContext) -> None:
    """Any other command ends the /check dialog (runs in group 1, after group 0)."""
    if context.user_data is not None:
        _close(context)


# ---------------------------------------------------------------- the sheet


async def _with_code(
    context: QuizContext, chat_id: int, visitor: Visitor, code_text: str, answers: str
) -> None:
    lang = visitor.lang
    code = worksheets_repo.normalise_sheet_code(code_text)
    async with context.db.session() as session:
        sheet = await worksheets_repo.find_sheet(session, code) if code else None
        variant = sheet and await worksheets_repo.variant_of(session, sheet.id, visitor.id)
    shown = quote_user_text(code_text, 16)
    if sheet is None:
        _open(context, None)  # let them type the code again
        await send_html(context, chat_id, t(lang, "check.unknown", code=shown))
        return
    if variant is None:
        _close(context)
        await send_html(context, chat_id, t(lang, "check.not_yours", code=sheet.code))
        return
    if answers.strip():
        await _answers(context, chat_id, visitor, sheet, variant, answers)
        return
    async with context.db.session() as session:
        done = await worksheets_repo.checked(session, sheet.id, visitor.id)
    intro = t(
        lang,
        "check.intro",
        code=sheet.code,
        topic=t(lang, f"topic.{sheet.topic}"),
        count=len(variant.items),
        done=len(done),
    )
    await _next_or_finish(context, chat_id, visitor, sheet, variant, [intro])


async def _answers(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    sheet: Worksheet,
    variant: WorksheetVariant,
    text: str,
) -> None:
    """Grade what was typed: a numbered list, answers in order, or the next task's answer."""
    count = len(variant.items)
    async with context.db.session() as session:
        done = set(await worksheets_repo.checked(session, sheet.id, visitor.id))
    open_numbers = [number for number in range(1, count + 1) if number not in done]
    given = answer_list.numbered(text, count)
    if given is None:
        in_order = answer_list.in_order(text)
        given = dict(zip(open_numbers, in_order, strict=False))  # extra lines are ignored
    if not given:
        await _next_or_finish(context, chat_id, visitor, sheet, variant, [])
        return
    lines = [await _grade_one(context, visitor, sheet, variant, n, given[n], done) for n in given]
    await _next_or_finish(context, chat_id, visitor, sheet, variant, [r.line for r in lines])


async def _grade_one(
    context: QuizContext,
    visitor: Visitor,
    sheet: Worksheet,
    variant: WorksheetVariant,
    number: int,
    text: str,
    done: set[int],
) -> Result:
    lang = visitor.lang
    if number in done:
        return Result(number, t(lang, "check.already", number=number))
    item = variant.items[number - 1]
    question = rebuild_question(
        PrintedTask(item["topic"], item["level"], item["seed"], sheet.base, item["params"]), lang
    )
    right = _right_answer(question, lang)
    skipped = answer_list.is_skip(text)
    typed = text if skipped else _chosen_label(question, text, lang)
    if typed is None:  # a task with options answered with neither a letter nor an option
        letters = CHOICE_LETTERS.get(lang, CHOICE_LETTERS["en"])[: len(choices_of(question))]
        error = t(lang, "check.letter", letters=", ".join(letters))
        return Result(number, t(lang, "check.unreadable", number=number, error=error))
    verdict = None if skipped else grade(question, typed)
    if verdict is not None and verdict.error is not None:
        error = html.escape(verdict.error)
        return Result(number, t(lang, "check.unreadable", number=number, error=error))
    answer = worksheets_repo.PaperAnswer(
        number=number,
        item=item,
        text=text,
        value=verdict.value if verdict else None,
        correct=bool(verdict and verdict.correct),
        skipped=skipped,
        diagnosis=verdict.diagnosis if verdict else None,
        feedback=verdict.feedback if verdict else None,
    )
    now = context.now
    async with writing(context) as session:
        await worksheets_repo.record_paper_answer(
            session, worksheet=sheet, user_id=visitor.id, lang=lang, answer=answer, now=now
        )
        await _update_mastery(session, visitor.id, item, question, correct=answer.correct, now=now)
        await session.commit()
    done.add(number)
    if skipped:
        return Result(number, t(lang, "check.skipped", number=number, answer=right))
    assert verdict is not None
    if verdict.correct:
        return Result(number, t(lang, "check.right", number=number))
    feedback = html.escape(verdict.feedback[:MAX_FEEDBACK])
    return Result(number, t(lang, "check.wrong", number=number, feedback=feedback, answer=right))


async def _update_mastery(
    session: AsyncSession,
    user_id: int,
    item: dict[str, Any],
    question: Question,
    *,
    correct: bool,
    now: Any,
) -> None:
    """A paper answer is a question closed with one try, without help (a skip: a wrong try),
    like a chat answer: `quiz.mastery.record`."""
    model = BKT.for_question(len(choices_of(question)) or None)
    await mastery_repo.record_question(
        session, user_id, item["topic"], int(item["level"]), Try(correct), now, model=model
    )


def _chosen_label(question: Question, text: str, lang: str) -> str | None:
    """`Б` or `b)` on a multiple-choice task means that option's label; anything else is
    graded as typed — except on a task answered only by choosing, where text that is neither a
    letter nor an option is None (the student is asked for a letter)."""
    choices = choices_of(question)
    letter = text.strip().rstrip(").").upper()
    for letters in (CHOICE_LETTERS.get(lang, ""), *CHOICE_LETTERS.values()):
        index = letters.find(letter) if len(letter) == 1 else -1
        if 0 <= index < len(choices):
            return choices[index]
    if question.params.get("kind") in CHOICE_KINDS and choice_index(choices, text) is None:
        return None
    return text


def _right_answer(question: Question, lang: str) -> str:
    choices = choices_of(question)
    correct = getattr(question, "correct_choice", None)
    if choices and correct is not None:
        return html.escape(choices[correct])
    return html.escape(answer_text(question))


async def _next_or_finish(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    sheet: Worksheet,
    variant: WorksheetVariant,
    lines: list[str],
) -> None:
    """Reply with `lines`, then ask for the next unchecked task, or sum the sheet up."""
    lang = visitor.lang
    async with context.db.session() as session:
        done = await worksheets_repo.checked(session, sheet.id, visitor.id)
    count = len(variant.items)
    remaining = [number for number in range(1, count + 1) if number not in done]
    if remaining:
        _open(context, sheet.id)
        lines.append(t(lang, "check.next", number=remaining[0], count=count))
    else:
        _close(context)
        right = sum(1 for attempt in done.values() if attempt.correct)
        lines.append(t(lang, "check.finished", code=sheet.code, right=right, count=count))
    for chunk in _chunks(lines):
        await send_html(context, chat_id, chunk)


def _chunks(lines: list[str], limit: int = 3500) -> list[str]:
    """Lines joined into messages under Telegram's limit (40 tasks of feedback can exceed it)."""
    chunks: list[str] = []
    for line in lines:
        if chunks and len(chunks[-1]) + len(line) + 1 <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return chunks


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # Private chats only: in a group the common fallback points to the private chat, and text
    # typed there is never taken for answers.
    application.add_handler(CommandHandler("check", check_command, filters=chats.PRIVATE))
    waiting = filters.TEXT & ~filters.COMMAND & chats.PRIVATE & _waiting(application)
    application.add_handler(MessageHandler(waiting, dialog_text))
    application.add_handler(
        MessageHandler(filters.COMMAND & ~filters.Regex(r"^/check(@\w+)?(\s|$)"), forget_dialog),
        group=1,
    )

"""What a student does, as functions of (context, chat, visitor): ask a question, grade an
answer, give a hint, skip, cancel, show progress. Handlers parse updates and call these;
other features call `ask_question` (the homework feature starts homework questions with it).

Every function stores first, then replies: a reply that reports what was stored (feedback,
the next question, a hint counted, a skip) is queued in the outbox in the same transaction
(`queue_html`), so it goes out exactly when the result is stored, and after a crash too.
Transactions are short (no network I/O while one is open): SQLite has a single writer.

Unparseable answers (`grade(...).error`) are not attempts: nothing is stored, the question
stays open, and the student gets the parser's message. They are logged at INFO without the text
(DEBUG has it, capped)."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
import random
import secrets
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup
from telegram.constants import MessageLimit, ParseMode

from bot import outbox
from bot.context import QuizContext, Visitor
from bot.features.student import keyboards
from bot.features.student.charts import ChartData, progress_chart
from bot.texts import t
from db.models import OpenQuestion
from db.repositories import attempts, homework
from quiz import mastery as mastery_rules
from quiz import questions
from quiz.grading import Verdict, grade
from quiz.numbers import format_number, format_percent

log = logging.getLogger(__name__)

MIXED = keyboards.MIXED
SEED_RANGE = 2**31  # seeds fit any integer column and keep callback data short
CHART_DAYS = 14
ECHO_CAP = 40  # characters of a student's own text we quote back


# ---------------------------------------------------------------- small helpers


@asynccontextmanager
async def writing(context: QuizContext) -> AsyncIterator[AsyncSession]:
    """A session for a short unit of work that writes, in this process's turn
    (`Database.writer`). Never send a message while holding one."""
    async with context.db.writer() as session:
        yield session


def topic_name(lang: str, topic: str) -> str:
    return t(lang, f"topic.{topic}")


def quote_user_text(text: str, cap: int = ECHO_CAP) -> str:
    """A user's text made safe to show inside our HTML: invisible and control characters
    (RTL marks, zero-width joiners, NULs) removed, capped, escaped."""
    visible = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")
    visible = " ".join(visible.split())
    if len(visible) > cap:
        visible = visible[: cap - 1] + "…"
    return html.escape(visible)


def fit_message(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> str:
    """Telegram refuses texts over 4096 characters; cut long ones. Only our own solutions
    can be that long and they come last, after every tag is closed, so the cut lands in plain
    escaped text (and never inside an escape)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    ampersand = cut.rfind("&", max(0, len(cut) - 10))
    if ampersand != -1 and ";" not in cut[ampersand:]:
        cut = cut[:ampersand]  # never leave half an escape like "&am"
    return cut + "…"


def resolve_topic(text: str) -> str | None:
    """A topic from what a student typed after /quiz: its key (`cross_entropy`,
    `cross-entropy`), its name in either language (`ентропія`), or a short alias (`kl`)."""
    wanted = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
    if not wanted or len(wanted) > 40:
        return None
    for topic in (*questions.TOPICS, MIXED):
        names = {topic.replace("_", " ")}
        for lang in ("uk", "en"):
            names.add(" ".join(topic_name(lang, topic).lower().replace("-", " ").split()))
        if wanted in names or wanted in _ALIASES.get(topic, ()):
            return topic
    return None


_ALIASES: dict[str, tuple[str, ...]] = {
    "probability": ("p", "prob", "ймовірності"),
    # older or other names a student may still type (the bot itself says only the glossary's)
    "surprisal": ("surprise", "несподіваність", "несподіванка", "здивування"),
    "entropy": ("h",),
    "cross_entropy": ("ce", "crossentropy", "кросентропія", "крос ентропія"),
    "kl_divergence": ("kl", "kl divergence", "kld", "kl дивергенція", "дивергенція"),
    MIXED: ("random", "all", "мікс", "впереміш", "усе", "все"),
}


async def send_html(
    context: QuizContext, chat_id: int, text: str, reply_markup: object | None = None
) -> int:
    message = await context.bot.send_message(
        chat_id,
        fit_message(text),
        parse_mode=ParseMode.HTML,
        reply_markup=reply_markup,  # type: ignore[arg-type]
        disable_web_page_preview=True,
    )
    return message.message_id


def queue_html(
    session: AsyncSession, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """`send_html`, but through the outbox: sent once `session` commits (see `bot.outbox`)."""
    outbox.enqueue(session, chat_id, fit_message(text), reply_markup=reply_markup)


class StoredQuestion(Protocol):
    """What a stored question keeps: an open question, or a task of a printed worksheet."""

    @property
    def topic(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def base(self) -> str | None: ...
    @property
    def params(self) -> dict[str, Any]: ...


def rebuild_question(row: StoredQuestion, lang: str) -> questions.Question:
    """A stored question again, in the student's current language. The stored params are the
    truth: should the question bank change between versions, the answer still comes from
    the params the student was shown (and answer buttons that belonged to another question
    are dropped)."""
    question = questions.generate(row.topic, row.level, row.seed, lang, row.base)
    if question.params != row.params:
        log.warning("Question bank changed for %s/%s seed %s", row.topic, row.level, row.seed)
        question = dataclasses.replace(
            question,
            params=row.params,
            answer=questions.answer_from_params(row.params),
            choices=None,
            correct_choice=None,
        )
    return question


# ---------------------------------------------------------------- asking


async def ask_question(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    topic: str | None,
    *,
    homework_id: int | None = None,
) -> None:
    """Pose a new question to `visitor` in `chat_id` and make it their open question.

    `topic` is one of `quiz.questions.TOPICS`; `"mixed"` or None picks one (weaker topics
    more often). The level comes from the student's mastery of the topic, the log base from
    their class (`/settings`), else the question bank's default. `homework_id` labels the
    question (and its attempt) as part of that homework; credit for homework is given to any
    right answer on the topic anyway. Replaces any question that was open. Stable API: the
    homework feature calls it."""
    async with writing(context) as session:
        student = await attempts.asking(session, visitor.id)
        if topic not in questions.TOPICS:
            topic = _pick_topic({name: value for name, (value, _) in student.mastery.items()})
        level = student.mastery[topic][1] if topic in student.mastery else 1
        seed = secrets.randbelow(SEED_RANGE)
        question = questions.generate(topic, level, seed, visitor.lang, student.base)
        await attempts.put_open_question(
            session,
            user_id=visitor.id,
            topic=topic,
            level=question.level,
            seed=seed,
            lang=visitor.lang,
            base=student.base,
            params=question.params,
            asked_at=context.now,
            homework_id=homework_id,
        )
        queue_html(
            session,
            chat_id,
            _question_text(visitor.lang, question, homework=homework_id is not None),
            keyboards.question_keyboard(visitor.lang, seed, question.choices),
        )
        await session.commit()


async def checked_homework(
    context: QuizContext, visitor: Visitor, homework_id: int | None
) -> int | None:
    """`homework_id` from button data if it is an unfinished homework of one of the
    visitor's classes; None otherwise."""
    if homework_id is None:
        return None
    async with context.db.session() as session:
        work = await attempts.open_homework(session, homework_id, visitor.id)
    return work.id if work is not None else None


def _pick_topic(mastery: dict[str, float]) -> str:
    """A random topic, weaker ones more likely (a topic never tried counts as weak)."""
    weights = [1.1 - mastery.get(topic, 0.0) for topic in questions.TOPICS]
    return random.choices(questions.TOPICS, weights=weights)[0]


def _question_text(lang: str, question: questions.Question, *, homework: bool) -> str:
    header = t(
        lang, "question.header", topic=topic_name(lang, question.topic), level=question.level
    )
    if homework:
        header = f"{t(lang, 'question.homework')}\n{header}"
    return f"{header}\n\n{html.escape(question.text)}"


# ---------------------------------------------------------------- answering


async def choose(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int, index: int
) -> bool:
    """A pressed answer button: grade its label like a typed answer. False when the button is
    stale (another question is open) or names no answer."""
    async with context.db.session() as session:
        row = await attempts.get_open_question(session, visitor.id)
    if row is None or row.seed != seed:
        return False
    choices = rebuild_question(row, visitor.lang).choices
    if choices is None or not 0 <= index < len(choices):
        return False
    await answer(context, chat_id, visitor, choices[index], seed=seed)
    return True


async def answer(
    context: QuizContext, chat_id: int, visitor: Visitor, text: str, *, seed: int | None = None
) -> None:
    """Grade `text` against the open question; store the attempt and its feedback together.
    With `seed` (an answer button) only if that question is still the open one."""
    lang = visitor.lang
    now = context.now
    async with writing(context) as session:
        found = await attempts.answering(session, visitor.id)
        if found is not None and seed is not None and found.question.seed != seed:
            found = None  # the button's question was answered meanwhile
        if found is not None:
            question = rebuild_question(found.question, lang)
            verdict = grade(question, text)
            if verdict.error is None:
                steps = await _store_answer(session, found, text, verdict, now)
                next_topic, next_homework = await _next_step(session, found.question, steps)
                queue_html(
                    session,
                    chat_id,
                    _feedback_text(lang, text, verdict, question, steps),
                    keyboards.next_keyboard(lang, next_topic, next_homework),
                )
                await session.commit()
                return
    # Nothing was stored: these replies go out directly, after the write turn is given back.
    if found is None:
        await send_html(
            context, chat_id, t(lang, "answer.no_question"), keyboards.begin_keyboard(lang)
        )
        return
    log.info("Unparsed answer from %s", visitor.id)
    log.debug("Unparsed answer from %s: %r", visitor.id, text[:64])
    error = html.escape(verdict.error)
    await send_html(context, chat_id, t(lang, "answer.unparsed", error=error))


def _feedback_text(
    lang: str,
    text: str,
    verdict: Verdict,
    question: questions.Question,
    steps: list[homework.ProgressStep],
) -> str:
    # The grader's feedback is the headline: "✅ Correct! 🎉" or "❌ That is in nats; …".
    mark = "✅" if verdict.correct else "❌"
    lines = [
        f"{mark} {html.escape(verdict.feedback)}",
        t(lang, "feedback.your_answer", answer=_typed(text, verdict.value, lang)),
        t(lang, "feedback.right_answer", answer=html.escape(questions.answer_text(question))),
    ]
    lines.extend(_homework_lines(lang, steps))
    lines.append("")
    lines.append(t(lang, "feedback.solution", solution=html.escape(question.solution)))
    return "\n".join(lines)


def _typed(text: str, value: float | None, lang: str) -> str:
    """What the student typed, and its value when that is not plain to see: `log2(6) = 2,585`."""
    shown = quote_user_text(text)
    if value is None:
        return shown
    number = format_number(value, lang)
    return shown if shown.replace(" ", "") == number else f"{shown} = {number}"


async def _store_answer(
    session: AsyncSession, found: attempts.Answering, text: str, verdict: Verdict, now: datetime
) -> list[homework.ProgressStep]:
    """The attempt, the new mastery, the homework credit, and the question closed: one
    transaction, so that either all of it counts or none of it."""
    steps = await record_answer(session, found, text, verdict, now)
    await attempts.close_open_question(session, found.question.user_id)
    return steps


async def record_answer(
    session: AsyncSession, found: attempts.Answering, text: str, verdict: Verdict, now: datetime
) -> list[homework.ProgressStep]:
    """What one graded answer counts for: the attempt, the new mastery of its topic and the
    homework credit (the caller commits). Stable API: live rounds in class groups store
    their answers with it, so they count in progress and in the class report."""
    row = found.question
    steps: list[homework.ProgressStep] = []
    if verdict.correct and found.in_a_class:  # no class, no homework
        steps = await homework.record_correct_answer(
            session, user_id=row.user_id, topic=row.topic, answered_at=now
        )
    await attempts.record_attempt(
        session,
        row,
        text=text,
        value=verdict.value,
        correct=verdict.correct,
        diagnosis=verdict.diagnosis,
        feedback=verdict.feedback,
        answered_at=now,
    )
    await _update_mastery(session, found, correct=verdict.correct, now=now)
    return steps


async def _update_mastery(
    session: AsyncSession, found: attempts.Answering, *, correct: bool, now: datetime
) -> None:
    row = found.question
    previous = found.mastery.value if found.mastery is not None else 0.0
    value = mastery_rules.update_mastery(previous, correct, row.hints_used or 0)
    level = mastery_rules.next_level(row.level, value)
    await attempts.put_mastery(
        session, user_id=row.user_id, topic=row.topic, value=value, level=level, updated_at=now
    )


async def _next_step(
    session: AsyncSession, row: OpenQuestion, steps: list[homework.ProgressStep]
) -> tuple[str, int | None]:
    """What "Next question" asks: more of the homework this question belonged to (its topic,
    which may be "mixed") until it is finished, else the same topic again."""
    if row.homework_id is None:
        return row.topic, None
    if any(step.homework_id == row.homework_id and step.just_finished for step in steps):
        return row.topic, None
    work = await attempts.open_homework(session, row.homework_id, row.user_id)
    if work is None:
        return row.topic, None
    return work.topic, work.id


def _homework_lines(lang: str, steps: list[homework.ProgressStep]) -> list[str]:
    lines = []
    for step in steps:
        name = topic_name(lang, step.topic)
        if step.just_finished:
            lines.append(t(lang, "feedback.homework_done", topic=name, count=step.count))
        else:
            lines.append(
                t(lang, "feedback.homework_progress", topic=name, done=step.done, count=step.count)
            )
    return lines


# ---------------------------------------------------------------- hint, skip, cancel


async def hint(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int | None = None
) -> bool:
    """Show the hint of the open question and count it. With `seed` (a button press), only
    if that question is still the open one. False when there is no such question."""
    async with writing(context) as session:
        row = await attempts.get_open_question(session, visitor.id)
        if row is None or (seed is not None and row.seed != seed):
            return False
        await attempts.add_hint(session, visitor.id)
        question = rebuild_question(row, visitor.lang)
        queue_html(session, chat_id, t(visitor.lang, "hint.text", hint=html.escape(question.hint)))
        await session.commit()
    return True


async def skip(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int | None = None
) -> bool:
    """Store a skipped attempt, then show the answer and the solution."""
    lang = visitor.lang
    now = context.now
    async with writing(context) as session:
        found = await attempts.answering(session, visitor.id)
        if found is None or (seed is not None and found.question.seed != seed):
            return False
        row = found.question
        question = rebuild_question(row, lang)
        await attempts.record_attempt(
            session, row, text="", value=None, correct=False, skipped=True, answered_at=now
        )
        await _update_mastery(session, found, correct=False, now=now)
        await attempts.close_open_question(session, visitor.id)
        next_topic, next_homework = await _next_step(session, row, [])
        text = "\n".join(
            [
                t(lang, "skip.done", answer=html.escape(questions.answer_text(question))),
                "",
                t(lang, "feedback.solution", solution=html.escape(question.solution)),
            ]
        )
        queue_html(session, chat_id, text, keyboards.next_keyboard(lang, next_topic, next_homework))
        await session.commit()
    return True


async def cancel(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """Put the open question away without counting it."""
    async with writing(context) as session:
        closed = await attempts.close_open_question(session, visitor.id)
        queue_html(session, chat_id, t(visitor.lang, "cancel.done" if closed else "cancel.none"))
        await session.commit()


# ---------------------------------------------------------------- progress


async def progress(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """Per topic: attempts, accuracy, mastery bar; both streaks; then a chart."""
    lang = visitor.lang
    tz = context.settings.tz
    today = context.now.astimezone(tz).date()
    async with context.db.session() as session:
        stats = await attempts.topic_stats(session, visitor.id)
        days = await attempts.correct_days(session, visitor.id, tz)
        in_a_row = await attempts.answer_streak(session, visitor.id)
    if not any(row.attempts for row in stats):
        await send_html(context, chat_id, t(lang, "progress.empty"), keyboards.begin_keyboard(lang))
        return
    lines = [
        t(lang, "progress.title"),
        t(lang, "progress.day_streak", days=attempts.day_streak(days, today)),
        t(lang, "progress.answer_streak", count=in_a_row),
    ]
    by_topic = {row.topic: row for row in stats}
    for topic in questions.TOPICS:
        row = by_topic.get(topic)
        if row is None or not row.attempts:
            continue
        lines.append("")
        lines.append(
            t(
                lang,
                "progress.topic",
                topic=topic_name(lang, topic),
                level=row.level,
                bar=mastery_rules.mastery_bar(row.mastery),
                mastery=format_percent(row.mastery, lang),
                attempts=row.attempts,
                accuracy=format_percent(row.accuracy or 0.0, lang),
            )
        )
    await send_html(context, chat_id, "\n".join(lines), keyboards.begin_keyboard(lang))
    chart = await asyncio.to_thread(progress_chart, _chart_data(lang, by_topic, days, today))
    await context.bot.send_photo(
        chat_id,
        chart,
        caption=t(lang, "progress.chart_caption", days=CHART_DAYS),
        filename="progress.png",
    )


def _chart_data(
    lang: str,
    by_topic: dict[str, attempts.TopicStats],
    days: dict[date, int],
    today: date,
) -> ChartData:
    shown = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    empty = attempts.TopicStats(topic="", attempts=0, correct=0, skipped=0, mastery=0.0, level=1)
    rows = [by_topic.get(topic, empty) for topic in questions.TOPICS]
    return ChartData(
        topic_labels=[topic_name(lang, topic) for topic in questions.TOPICS],
        mastery=[row.mastery for row in rows],
        attempt_labels=[t(lang, "chart.attempts", count=row.attempts) for row in rows],
        days=shown,
        correct_per_day=[days.get(day, 0) for day in shown],
        mastery_title=t(lang, "chart.mastery_title"),
        days_title=t(lang, "chart.days_title"),
    )

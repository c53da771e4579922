"""What a student does, as functions of (context, chat, visitor): ask a question, grade an
answer, give a hint, skip, cancel, show progress. Handlers parse updates and call these;
other features call `ask_question` (the homework feature starts homework questions with it).

Every function stores first, then replies: a reply that reports what was stored (feedback,
the next question, a hint counted, a skip) is queued in the outbox in the same transaction
(`queue_html`), so it goes out exactly when the result is stored, and after a crash too.
Transactions are short (no network I/O while one is open): SQLite has a single writer.

The learning loop (SPEC §6 "Tries", issue 10):
- Two tries. A wrong answer on the first try keeps the question open: the feedback names the
  mistake (the grader's diagnosis) and shows the next hint, never the answer. A second wrong
  answer, Skip, or asking for the solution closes it with the answer and the worked solution.
  Every try is an attempt with its try number. Unparseable text (`grade(...).error`) is never a
  try: nothing is stored, the student gets the parser's message (logged at INFO without the
  text; DEBUG has it, capped).
- Hints climb: each press shows the next (the idea, then the first step with the question's own
  numbers); after the last one the button offers the solution, which closes the question
  without credit.
- A closed question is one observation for mastery (`quiz.mastery.record`): right on the first
  try without hints, right with help (a hint or the second try), or wrong. A question replaced
  after a wrong try (a new /quiz, homework) closes as wrong: that try was seen.
- /cancel puts the question aside (typed text is not an answer meanwhile); /quiz offers it back.
- /quiz without a topic: due reviews first, then the next step on the path.
- Homework: a question answered right counts towards homework on either try, hints or not (the
  hints are there to learn from); one closed by its solution, a skip or two wrong tries does not."""

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
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup
from telegram.constants import MessageLimit, ParseMode

from bot import outbox
from bot.context import QuizContext, Visitor
from bot.features.student import keyboards
from bot.features.student.charts import ChartData, progress_chart
from bot.texts import count_phrase, t
from db.models import OpenQuestion
from db.repositories import attempts, homework
from db.repositories import mastery as mastery_repo
from quiz import mastery as mastery_rules
from quiz import questions
from quiz.grading import Verdict, grade
from quiz.mastery import BKT, TopicState, Try
from quiz.numbers import format_number, format_percent

log = logging.getLogger(__name__)

MIXED = keyboards.MIXED
TOPIC, PATH, REVIEW = "topic", "path", "review"  # how a question was asked (OpenQuestion.mode)
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


def hints_of(question: questions.Question) -> tuple[str, ...]:
    """The question's hints in the order they are shown (the idea, the first step with its
    own numbers, …)."""
    return question.hints or (question.hint,)


def choices_of(question: questions.Question) -> tuple[str, ...]:
    """A multiple-choice question's option labels; empty for a typed answer."""
    return question.choices or ()


def choice_count(question: questions.Question) -> int | None:
    """How many options a multiple-choice question offers (None for a typed answer)."""
    return len(choices_of(question)) or None


def question_markup(
    lang: str,
    question: questions.Question,
    seed: int,
    *,
    hints_shown: int,
    hidden: tuple[int, ...] = (),
) -> InlineKeyboardMarkup:
    """The buttons under a question (or a hint, or a second try's feedback): its options, if
    any, then Hint — or Solution once every hint was shown — and Skip."""
    return keyboards.question_keyboard(
        lang,
        seed,
        solution_next=hints_shown >= len(hints_of(question)),
        choices=choices_of(question),
        hidden=hidden,
    )


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


@dataclasses.dataclass(frozen=True)
class _Pick:
    topic: str
    level: int
    mode: str


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
    more often). The level is the student's level on the topic (`quiz.mastery`), the log base
    their class's (`/settings`), else the question bank's default. `homework_id` labels the
    question (and its attempts) as part of that homework; credit for homework is given to any
    right answer on the topic anyway. Replaces any question that was open. Stable API: the
    homework feature calls it."""
    await _ask(context, chat_id, visitor, topic, homework_id=homework_id)


async def ask_next(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """The guided question (/quiz alone): the most overdue review, else the next step on the
    talk's path, else (everything mastered, nothing due) a topic to keep in practice."""
    await _ask(context, chat_id, visitor, None, guided=True)


async def _ask(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    topic: str | None,
    *,
    homework_id: int | None = None,
    guided: bool = False,
) -> None:
    now = context.now
    async with writing(context) as session:
        student = await attempts.asking(session, visitor.id)
        if student.open_tries:  # a question replaced after a wrong try: settle it first
            await _settle_replaced(session, visitor, now)
            student = await attempts.asking(session, visitor.id)
        pick = await _pick(session, visitor.id, student.topics, topic, now, guided=guided)
        seed = secrets.randbelow(SEED_RANGE)
        question = questions.generate(pick.topic, pick.level, seed, visitor.lang, student.base)
        await attempts.put_open_question(
            session,
            user_id=visitor.id,
            topic=pick.topic,
            level=question.level,
            seed=seed,
            lang=visitor.lang,
            base=student.base,
            params=question.params,
            asked_at=now,
            homework_id=homework_id,
            mode=pick.mode,
        )
        text = _question_text(
            visitor.lang, question, homework=homework_id is not None, mode=pick.mode
        )
        markup = question_markup(visitor.lang, question, seed, hints_shown=0)
        queue_html(session, chat_id, text, markup)
        await session.commit()


async def _pick(
    session: AsyncSession,
    user_id: int,
    topics: dict[str, TopicState],
    topic: str | None,
    now: datetime,
    *,
    guided: bool,
) -> _Pick:
    if guided:
        due = await mastery_repo.due_reviews(session, user_id, now)
        if due:
            return _Pick(due[0].topic, due[0].level, REVIEW)
        step = mastery_rules.next_step(topics)
        if step is not None:
            return _Pick(step[0], step[1], PATH)
    if topic not in questions.TOPICS:
        topic = _pick_topic(topics)
    level = topics.get(topic, TopicState()).level
    return _Pick(topic, level, PATH if guided else TOPIC)


async def _settle_replaced(session: AsyncSession, visitor: Visitor, now: datetime) -> None:
    """A question being replaced after a wrong try closes as wrong: that try was seen."""
    found = await attempts.answering(session, visitor.id)
    if found is not None and (found.question.tries or 0) > 0:
        await _close(session, found, rebuild_question(found.question, visitor.lang), None, now)


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


def _pick_topic(topics: dict[str, TopicState]) -> str:
    """A random topic, weaker ones more likely (a topic never tried counts as weak)."""
    weights = [
        1.1 - (mastery_rules.topic_mastery(topics.get(topic, TopicState())) or 0.0)
        for topic in questions.TOPICS
    ]
    return random.choices(questions.TOPICS, weights=weights)[0]


def _question_text(lang: str, question: questions.Question, *, homework: bool, mode: str) -> str:
    header = t(
        lang, "question.header", topic=topic_name(lang, question.topic), level=question.level
    )
    if mode == REVIEW:
        header = f"{t(lang, 'question.review')}\n{header}"
    if homework:
        header = f"{t(lang, 'question.homework')}\n{header}"
    return f"{header}\n\n{html.escape(question.text)}"


async def offer_or_ask_next(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """/quiz alone: a question left open (or put aside with /cancel) is offered back —
    continue it or take a new one; otherwise the guided question."""
    async with context.db.session() as session:
        row = await attempts.get_open_question(session, visitor.id)
    if row is None:
        await ask_next(context, chat_id, visitor)
        return
    lang = visitor.lang
    text = t(lang, "quiz.open_question", topic=topic_name(lang, row.topic), level=row.level)
    await send_html(context, chat_id, text, keyboards.resume_keyboard(lang, row.seed))


async def resume(context: QuizContext, chat_id: int, visitor: Visitor, seed: int) -> bool:
    """Bring back the open question `seed` (put aside or not): show it again where it was,
    hints and tries included. False when it is no longer the open question."""
    lang = visitor.lang
    async with writing(context) as session:
        row = await attempts.get_open_question(session, visitor.id)
        if row is None or row.seed != seed:
            return False
        await attempts.set_paused(session, visitor.id, False)
        question = rebuild_question(row, lang)
        text = _question_text(lang, question, homework=row.homework_id is not None, mode=row.mode)
        if row.tries:
            text += "\n\n" + t(lang, "try.again")
        markup = question_markup(lang, question, seed, hints_shown=row.hints_used or 0)
        queue_html(session, chat_id, text, markup)
        await session.commit()
    return True


# ---------------------------------------------------------------- closing a question


@dataclasses.dataclass(frozen=True)
class News:
    """What a closed question changed that the student should hear about."""

    topic: str
    mastered: int | None = None  # this level was mastered for the first time
    level: int | None = None  # the level they are asked next, if it changed
    up: bool = True  # …and whether that is up or back down
    opened: str | None = None  # a topic the mastery opened on the path

    def lines(self, lang: str) -> list[str]:
        name = topic_name(lang, self.topic)
        lines = []
        if self.mastered is not None:
            lines.append(t(lang, "news.mastered", topic=name, level=self.mastered))
        if self.level is not None:
            key = "news.level_up" if self.up else "news.level_down"
            lines.append(t(lang, key, level=self.level))
        if self.opened is not None:
            lines.append(t(lang, "news.opened", topic=topic_name(lang, self.opened)))
        return lines


async def _close(
    session: AsyncSession,
    found: attempts.Answering,
    question: questions.Question,
    last: Try | None,
    now: datetime,
) -> News:
    """The closing try (None: left after a wrong try) for mastery and the review card, and the
    question is closed."""
    row = found.question
    model = BKT.for_question(choice_count(question))
    before, after = await mastery_repo.record_question(
        session, row.user_id, row.topic, row.level, last, now, model=model, before=found.topic
    )
    await attempts.close_open_question(session, row.user_id)
    first_mastery = before.at(row.level).mastered_at is None and after.at(row.level).mastered_at
    opened = None
    if first_mastery and row.level == mastery_rules.MIN_LEVEL:
        index = mastery_rules.PATH.index(row.topic) + 1
        opened = mastery_rules.PATH[index] if index < len(mastery_rules.PATH) else None
    return News(
        topic=row.topic,
        mastered=row.level if first_mastery else None,
        level=after.level if after.level != before.level else None,
        up=after.level > before.level,
        opened=opened,
    )


@dataclasses.dataclass(frozen=True)
class Closed:
    """A closed question, for its reply: what changed and what "Next question" asks."""

    news: News
    next_topic: str
    next_homework: int | None
    guided: bool  # asked by /quiz alone: "Next question" goes on along the path
    steps: tuple[homework.ProgressStep, ...] = ()


async def _close_and_plan(
    session: AsyncSession,
    found: attempts.Answering,
    question: questions.Question,
    last: Try | None,
    now: datetime,
    steps: list[homework.ProgressStep],
) -> Closed:
    row = found.question
    news = await _close(session, found, question, last, now)
    next_topic, next_homework = await _next_step(session, row, steps)
    guided = row.mode in (PATH, REVIEW) and row.homework_id is None
    return Closed(news, next_topic, next_homework, guided, tuple(steps))


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


def _next_keyboard(lang: str, closed: Closed) -> InlineKeyboardMarkup:
    return keyboards.next_keyboard(
        lang, closed.next_topic, closed.next_homework, guided=closed.guided
    )


# ---------------------------------------------------------------- answering

MAX_TRIES = 2


@dataclasses.dataclass(frozen=True)
class _Retry:
    """A wrong first try: the question stays open."""

    hint: str | None  # the next hint, shown with the feedback (None when all were shown)
    hint_number: int
    hint_count: int
    hints_shown: int  # with this one


async def choose(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int, index: int
) -> bool:
    """A pressed answer button: grade its label like a typed answer. False when the button is
    stale (another question is open, or it is put aside) or names no answer."""
    return await answer(context, chat_id, visitor, "", pick=(seed, index))


async def answer(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    text: str,
    *,
    pick: tuple[int, int] | None = None,
) -> bool:
    """Grade `text` (or, with `pick` = (seed, index), that option of the open multiple-choice
    question) against the open question, store the try, then give feedback. False only for a
    pick that is stale (another question, an option that does not exist)."""
    lang = visitor.lang
    now = context.now
    async with writing(context) as session:
        found = await attempts.answering(session, visitor.id)
        if pick is not None:
            text = _picked(found, pick, lang) or ""
            if not text:
                return False
        if found is not None and not found.question.paused:
            question = rebuild_question(found.question, lang)
            verdict = grade(question, text)
            if verdict.error is None:
                result = await _store_try(session, found, question, text, verdict, now)
                yours = t(lang, "feedback.your_answer", answer=_typed(text, verdict.value, lang))
                if isinstance(result, _Retry):
                    reply = _retry_reply(
                        lang, question, found.question.seed, text, verdict, yours, result
                    )
                else:
                    reply = _closed_reply(lang, question, verdict, yours, result)
                queue_html(session, chat_id, *reply)
                await session.commit()
                return True
    # Nothing was stored: these replies go out directly, after the write turn is given back.
    if found is None:
        await send_html(
            context, chat_id, t(lang, "answer.no_question"), keyboards.begin_keyboard(lang)
        )
    elif found.question.paused:
        markup = keyboards.resume_keyboard(lang, found.question.seed)
        await send_html(context, chat_id, t(lang, "answer.paused"), markup)
    else:
        log.info("Unparsed answer from %s", visitor.id)
        log.debug("Unparsed answer from %s: %r", visitor.id, text[:64])
        error = html.escape(verdict.error or "")
        await send_html(context, chat_id, t(lang, "answer.unparsed", error=error))
    return True


Reply = tuple[str, InlineKeyboardMarkup]


def _closed_reply(
    lang: str, question: questions.Question, verdict: Verdict, yours: str, closed: Closed
) -> Reply:
    """The grader's feedback as the headline ("✅ Correct! 🎉" or "❌ That is in nats; …"),
    the right answer, homework and level news, the worked solution."""
    mark = "✅" if verdict.correct else "❌"
    lines = [
        f"{mark} {html.escape(verdict.feedback)}",
        yours,
        t(lang, "feedback.right_answer", answer=html.escape(questions.answer_text(question))),
    ]
    lines.extend(_homework_lines(lang, list(closed.steps)))
    lines.extend(closed.news.lines(lang))
    lines.append("")
    lines.append(t(lang, "feedback.solution", solution=html.escape(question.solution)))
    return "\n".join(lines), _next_keyboard(lang, closed)


def _picked(found: attempts.Answering | None, pick: tuple[int, int], lang: str) -> str | None:
    """The label of the option pressed, if it belongs to the open question."""
    seed, index = pick
    if found is None or found.question.seed != seed or found.question.paused:
        return None
    choices = choices_of(rebuild_question(found.question, lang))
    return choices[index] if 0 <= index < len(choices) else None


def _retry_reply(
    lang: str,
    question: questions.Question,
    seed: int,
    text: str,
    verdict: Verdict,
    yours: str,
    retry: _Retry,
) -> Reply:
    """The mistake named, the next hint, and a second try: never the answer (an option that
    was picked is not offered again)."""
    lines = [f"❌ {html.escape(verdict.feedback)}", yours, ""]  # the diagnosis, if there is one
    if retry.hint is not None:
        lines.append(_hint_text(lang, retry.hint, retry.hint_number, retry.hint_count))
        lines.append("")
    lines.append(t(lang, "try.again"))
    tried = tuple(i for i, label in enumerate(choices_of(question)) if label == text.strip())
    markup = question_markup(lang, question, seed, hints_shown=retry.hints_shown, hidden=tried)
    return "\n".join(lines), markup


def _typed(text: str, value: float | None, lang: str) -> str:
    """What the student typed, and its value when that is not plain to see: `log2(6) = 2,585`."""
    shown = quote_user_text(text)
    if value is None:
        return shown
    number = format_number(value, lang)
    return shown if shown.replace(" ", "") == number else f"{shown} = {number}"


def _second_try_allowed(question: questions.Question) -> bool:
    """Two options leave nothing to try again: the second pick would be forced."""
    return choice_count(question) != 2


async def _store_try(
    session: AsyncSession,
    found: attempts.Answering,
    question: questions.Question,
    text: str,
    verdict: Verdict,
    now: datetime,
) -> Closed | _Retry:
    """The try as an attempt with its number; then either the question stays open for a
    second try (with the next hint counted as shown), or it closes: mastery, review card,
    homework credit and the question closed in one transaction, so either all of it counts
    or none of it."""
    row = found.question
    try_number = (row.tries or 0) + 1
    steps = await _store_attempt(session, found, text, verdict, now, try_number=try_number)
    shown = row.hints_used or 0
    attempt = Try(verdict.correct, helped=shown > 0 or try_number > 1)
    if not verdict.correct and try_number < MAX_TRIES and _second_try_allowed(question):
        # The question stays open: the try is evidence now, the question counts when it closes.
        model = BKT.for_question(choice_count(question))
        state = mastery_rules.record_try(found.topic, row.level, attempt, model=model)
        await mastery_repo.save_topic(
            session, row.user_id, row.topic, state, level=row.level, now=now, before=found.topic
        )
        hints = hints_of(question)
        hint = hints[shown] if shown < len(hints) else None
        await attempts.add_wrong_try(session, row.user_id, hint_shown=hint is not None)
        return _Retry(
            hint=hint,
            hint_number=shown + 1,
            hint_count=len(hints),
            hints_shown=shown + (1 if hint is not None else 0),
        )
    return await _close_and_plan(session, found, question, attempt, now, steps)


async def _store_attempt(
    session: AsyncSession,
    found: attempts.Answering,
    text: str,
    verdict: Verdict,
    now: datetime,
    *,
    try_number: int = 1,
) -> list[homework.ProgressStep]:
    """The attempt row, and for a right answer of a class member its homework credit."""
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
        try_number=try_number,
        diagnosis=verdict.diagnosis,
        feedback=verdict.feedback,
        answered_at=now,
    )
    return steps


async def record_answer(
    session: AsyncSession,
    found: attempts.Answering,
    text: str,
    verdict: Verdict,
    now: datetime,
    *,
    choices: int | None = None,
) -> list[homework.ProgressStep]:
    """What one graded answer counts for when it is a whole question with one try (no second
    try, no hints): the attempt, the mastery of its topic × level (`quiz.mastery.record`;
    `choices` options, if it was answered by choosing) and the homework credit. The caller
    commits. Stable API: live rounds in class groups store their answers with it, so they
    count in progress and in the class report."""
    row = found.question
    steps = await _store_attempt(session, found, text, verdict, now)
    await mastery_repo.record_question(
        session,
        row.user_id,
        row.topic,
        row.level,
        Try(verdict.correct),
        now,
        model=BKT.for_question(choices),
        before=found.topic,
    )
    return steps


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


def _hint_text(lang: str, hint: str, number: int, count: int) -> str:
    return t(lang, "hint.text", hint=html.escape(hint), number=number, count=count)


async def hint(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int | None = None
) -> bool:
    """The next hint of the open question, counted; after the last hint, the solution (which
    closes the question without credit). With `seed` (a button press), only if that question
    is still the open one. False when there is no such question (or it is put aside)."""
    lang = visitor.lang
    now = context.now
    async with writing(context) as session:
        found = await attempts.answering(session, visitor.id)
        if found is None or found.question.paused:
            return False
        row = found.question
        if seed is not None and row.seed != seed:
            return False
        question = rebuild_question(row, lang)
        hints = hints_of(question)
        shown = row.hints_used or 0
        if shown < len(hints):
            await attempts.add_hint(session, visitor.id)
            text = _hint_text(lang, hints[shown], shown + 1, len(hints))
            markup = question_markup(lang, question, row.seed, hints_shown=shown + 1)
            queue_html(session, chat_id, text, markup)
        else:
            closed = await _give_up(session, found, question, now)
            queue_html(session, chat_id, *_solution_reply(lang, question, closed, "hint.solution"))
        await session.commit()
    return True


async def _give_up(
    session: AsyncSession, found: attempts.Answering, question: questions.Question, now: datetime
) -> Closed:
    """Skip, or the solution asked for: stored as a skipped try, closed as wrong."""
    row = found.question
    await attempts.record_attempt(
        session,
        row,
        text="",
        value=None,
        correct=False,
        skipped=True,
        try_number=(row.tries or 0) + 1,
        answered_at=now,
    )
    helped = (row.hints_used or 0) > 0 or (row.tries or 0) > 0
    return await _close_and_plan(session, found, question, Try(False, helped), now, [])


def _solution_reply(lang: str, question: questions.Question, closed: Closed, key: str) -> Reply:
    """The answer (after a skip, or asked for after the last hint) and the worked solution."""
    right = html.escape(questions.answer_text(question))
    lines = [t(lang, key, answer=right), *closed.news.lines(lang)]
    lines += ["", t(lang, "feedback.solution", solution=html.escape(question.solution))]
    return "\n".join(lines), _next_keyboard(lang, closed)


async def skip(
    context: QuizContext, chat_id: int, visitor: Visitor, seed: int | None = None
) -> bool:
    """Store a skipped try, then show the answer and the solution."""
    lang = visitor.lang
    now = context.now
    async with writing(context) as session:
        found = await attempts.answering(session, visitor.id)
        if found is None or found.question.paused:
            return False
        if seed is not None and found.question.seed != seed:
            return False
        question = rebuild_question(found.question, lang)
        closed = await _give_up(session, found, question, now)
        queue_html(session, chat_id, *_solution_reply(lang, question, closed, "skip.done"))
        await session.commit()
    return True


async def cancel(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """Put the open question aside without counting it; /quiz offers it back."""
    async with writing(context) as session:
        row = await attempts.get_open_question(session, visitor.id)
        put_aside = row is not None and not row.paused
        if put_aside:
            await attempts.set_paused(session, visitor.id, True)
        queue_html(session, chat_id, t(visitor.lang, "cancel.done" if put_aside else "cancel.none"))
        await session.commit()


# ---------------------------------------------------------------- progress


async def progress(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    """What to do next (with a button that starts it), both streaks, then per topic: level,
    mastery with accuracy beside it, each level; then a chart."""
    lang = visitor.lang
    tz = context.settings.tz
    now = context.now
    today = now.astimezone(tz).date()
    async with context.db.session() as session:
        stats = await attempts.topic_stats(session, visitor.id)
        days = await attempts.correct_days(session, visitor.id, tz)
        in_a_row = await attempts.answer_streak(session, visitor.id)
        due = await mastery_repo.due_reviews(session, visitor.id, now)
        next_review = await mastery_repo.next_review_at(session, visitor.id)
    if not any(row.attempts for row in stats):
        await send_html(context, chat_id, t(lang, "progress.empty"), keyboards.begin_keyboard(lang))
        return
    by_topic = {row.topic: row for row in stats}
    states = {row.topic: row.state for row in stats}
    what_next, button = _what_next(lang, states, len(due), next_review, tz)
    lines = [
        t(lang, "progress.title"),
        what_next,
        "",
        t(lang, "progress.day_streak", days=attempts.day_streak(days, today)),
        t(lang, "progress.answer_streak", count=in_a_row),
    ]
    for topic in questions.TOPICS:
        row = by_topic.get(topic)
        if row is None or not row.attempts:
            continue
        lines.append("")
        lines.append(_topic_lines(lang, row))
    lines += ["", t(lang, "progress.legend")]
    await send_html(context, chat_id, "\n".join(lines), keyboards.progress_keyboard(lang, button))
    chart = await asyncio.to_thread(progress_chart, _chart_data(lang, by_topic, days, today))
    await context.bot.send_photo(
        chat_id,
        chart,
        caption=t(lang, "progress.chart_caption", days=CHART_DAYS),
        filename="progress.png",
    )


def _what_next(
    lang: str,
    states: dict[str, TopicState],
    due: int,
    next_review: datetime | None,
    tz: ZoneInfo,
) -> tuple[str, str]:
    """The line that says what to do next, and the label of the button that starts it."""
    if due:
        reviews = count_phrase(lang, due, "n.review")
        return t(lang, "progress.next_reviews", reviews=reviews), t(lang, "button.go_reviews")
    step = mastery_rules.next_step(states)
    if step is not None:
        text = t(lang, "progress.next_step", topic=topic_name(lang, step[0]), level=step[1])
        return text, t(lang, "button.go_next")
    if next_review is not None:
        when = next_review.astimezone(tz).strftime("%d.%m")
        return t(lang, "progress.all_done_until", when=when), t(lang, "button.go_practice")
    return t(lang, "progress.all_done"), t(lang, "button.go_practice")


def _topic_lines(lang: str, row: attempts.TopicStats) -> str:
    mastery = row.mastery or 0.0
    return t(
        lang,
        "progress.topic",
        topic=topic_name(lang, row.topic),
        level=row.level,
        bar=mastery_rules.mastery_bar(mastery),
        mastery=format_percent(mastery, lang),
        levels=" · ".join(_level_cell(lang, row.state, level) for level in questions.LEVELS),
        attempts=row.attempts,
        accuracy=format_percent(row.accuracy or 0.0, lang),
    )


def _level_cell(lang: str, state: TopicState, level: int) -> str:
    known = state.at(level)
    if known.mastered:
        return t(lang, "progress.level_mastered", level=level)
    if known.answers:
        return t(lang, "progress.level_known", level=level, p=format_percent(known.p, lang))
    reached = level == mastery_rules.MIN_LEVEL or state.at(level - 1).mastered_at is not None
    return t(lang, "progress.level_new" if reached else "progress.level_locked", level=level)


def _bar_label(lang: str, row: attempts.TopicStats | None) -> str:
    """The numbers of /progress's text, named the same way, beside the topic's bar."""
    if row is None or not row.attempts:
        return t(lang, "chart.untried")
    return t(
        lang,
        "chart.topic",
        mastery=format_percent(row.mastery or 0.0, lang),
        accuracy=format_percent(row.accuracy or 0.0, lang),
        attempts=row.attempts,
    )


def _chart_data(
    lang: str,
    by_topic: dict[str, attempts.TopicStats],
    days: dict[date, int],
    today: date,
) -> ChartData:
    shown = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    rows = [by_topic.get(topic) for topic in questions.TOPICS]
    return ChartData(
        topic_labels=[topic_name(lang, topic) for topic in questions.TOPICS],
        mastery=[(row.mastery or 0.0) if row is not None else 0.0 for row in rows],
        bar_labels=[_bar_label(lang, row) for row in rows],
        days=shown,
        correct_per_day=[days.get(day, 0) for day in shown],
        mastery_title=t(lang, "chart.mastery_title"),
        days_title=t(lang, "chart.days_title"),
    )

"""A student's practice: the open question, every attempt (each try of a question is one),
and the statistics shown by /progress (per topic, the streaks, answers per day). Mastery per
topic × level is in `db.repositories.mastery`.

Functions run inside the caller's transaction; the caller commits (store first, then reply)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, case, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Attempt,
    Homework,
    HomeworkProgress,
    LevelMastery,
    Membership,
    OpenQuestion,
    User,
)
from db.repositories.classes import latest_class_base
from db.repositories.dialect import run, upsert, write
from db.repositories.mastery import LEVEL_STATE, masteries, topic_states, with_topic_level
from quiz.mastery import TopicState, topic_mastery

TEXT_CAP = 256  # what we keep of a typed answer; answers longer than this are nonsense anyway
DIAGNOSIS_CAP = 64  # the column width


@dataclass(frozen=True)
class TopicStats:
    """One row of /progress: how a student does on one topic."""

    topic: str
    attempts: int  # tries (each wrong or right answer) and skips
    correct: int
    skipped: int
    mastery: float | None  # quiz.mastery.topic_mastery: the same number in every view
    level: int
    state: TopicState

    @property
    def accuracy(self) -> float | None:
        """Right answers among all attempts (skips count as not right); None before any."""
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class Asking:
    """What posing a question needs to know about a student."""

    topics: dict[str, TopicState]  # per topic answered: the level to ask next, every level
    base: str | None  # the log base of their most recently joined class, if any
    open_tries: int | None = None  # tries on the question open now (None: none is open)


@dataclass(frozen=True)
class Answering:
    """What grading an answer needs: the open question, the student's state on its topic
    and whether they are in any class (no class, no homework to credit)."""

    question: OpenQuestion
    topic: TopicState
    in_a_class: bool


_QUESTION = OpenQuestion.__table__
_USERS = User.__table__
_LEVELS = LevelMastery.__table__
# The student's class base, the tries on their open question and every level they have
# answered at (with each topic's current level): one statement, since every question asked
# pays for it.
_ASKING = (
    select(
        latest_class_base(_USERS.c.id).scalar_subquery().label("base"),
        select(_QUESTION.c.tries)
        .where(_QUESTION.c.user_id == _USERS.c.id)
        .scalar_subquery()
        .label("open_tries"),
        *LEVEL_STATE,
    )
    .select_from(with_topic_level(_USERS.outerjoin(_LEVELS, _LEVELS.c.user_id == _USERS.c.id)))
    .where(_USERS.c.id == bindparam("user_id"))
)


async def asking(session: AsyncSession, user_id: int) -> Asking:
    """What posing a question to `user_id` needs (nothing known of a user not stored)."""
    rows = (await run(session, _ASKING, {"user_id": user_id})).all()
    if not rows:
        return Asking(topics={}, base=None)
    return Asking(topics=topic_states(rows), base=rows[0].base, open_tries=rows[0].open_tries)


# The open question, whether the student is in a class, and every level of the question's
# topic the student has answered at (with the topic's current level): one statement.
_ANSWERING = (
    select(
        _QUESTION,
        exists().where(Membership.user_id == _QUESTION.c.user_id).label("in_a_class"),
        *LEVEL_STATE,
    )
    .select_from(
        with_topic_level(
            _QUESTION.outerjoin(
                _LEVELS,
                and_(
                    _LEVELS.c.user_id == _QUESTION.c.user_id,
                    _LEVELS.c.topic == _QUESTION.c.topic,
                ),
            )
        )
    )
    .where(_QUESTION.c.user_id == bindparam("user_id"))
)


async def answering(session: AsyncSession, user_id: int) -> Answering | None:
    """The open question (also a paused one: the caller decides) with what grading needs."""
    rows = (await run(session, _ANSWERING, {"user_id": user_id})).all()
    if not rows:
        return None
    first = rows[0]._mapping
    question = OpenQuestion(**{column.name: first[column] for column in _QUESTION.columns})
    topic = topic_states(rows).get(question.topic, TopicState())
    return Answering(question=question, topic=topic, in_a_class=bool(first["in_a_class"]))


# ---------------------------------------------------------------- the open question


async def get_open_question(session: AsyncSession, user_id: int) -> OpenQuestion | None:
    # populate_existing: the row may have been replaced by an upsert (Core, which the
    # session's identity map does not see) earlier in this same session.
    return await session.get(OpenQuestion, user_id, populate_existing=True)


async def put_open_question(
    session: AsyncSession,
    *,
    user_id: int,
    topic: str,
    level: int,
    seed: int,
    lang: str,
    base: str | None,
    params: dict[str, Any],
    asked_at: datetime,
    homework_id: int | None = None,
    mode: str = "topic",
) -> None:
    """Make this the student's open question, replacing any other (one at a time): one
    statement, an upsert, because every question asked pays for it."""
    values = {
        "user_id": user_id,
        "topic": topic,
        "level": level,
        "seed": seed,
        "lang": lang,
        "base": base,
        "params": params,
        "message_id": None,
        "hints_used": 0,
        "tries": 0,
        "paused": False,
        "mode": mode,
        "homework_id": homework_id,
        "asked_at": asked_at,
    }
    statement = upsert(session, _QUESTION, ("user_id",), tuple(values)[1:])
    await write(session, statement, values)


_CLOSE = _QUESTION.delete().where(_QUESTION.c.user_id == bindparam("user_id"))


async def close_open_question(session: AsyncSession, user_id: int) -> None:
    """Forget the open question (if there is one)."""
    await write(session, _CLOSE, {"user_id": user_id})


async def add_hint(session: AsyncSession, user_id: int) -> None:
    """Count one more hint shown on the open question."""
    await session.execute(
        update(OpenQuestion)
        .where(OpenQuestion.user_id == user_id)
        .values(hints_used=OpenQuestion.hints_used + 1)
    )


async def add_wrong_try(session: AsyncSession, user_id: int, *, hint_shown: bool) -> None:
    """A wrong first try leaves the question open; its feedback may have shown the next hint."""
    await session.execute(
        update(OpenQuestion)
        .where(OpenQuestion.user_id == user_id)
        .values(
            tries=OpenQuestion.tries + 1,
            hints_used=OpenQuestion.hints_used + (1 if hint_shown else 0),
        )
    )


async def set_paused(session: AsyncSession, user_id: int, paused: bool) -> bool:
    """Put the open question aside (/cancel) or bring it back; True when there was one."""
    result = await session.execute(
        update(OpenQuestion).where(OpenQuestion.user_id == user_id).values(paused=paused)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- attempts


_ATTEMPT = Attempt.__table__.insert()


async def record_attempt(
    session: AsyncSession,
    question: OpenQuestion,
    *,
    text: str,
    value: float | None,
    correct: bool,
    skipped: bool = False,
    try_number: int = 1,
    diagnosis: str | None = None,
    feedback: str | None = None,
    answered_at: datetime,
) -> None:
    """Store one try (or the skip) of `question`, with the time since it was asked."""
    seconds = max(0.0, (answered_at - question.asked_at).total_seconds())
    await write(
        session,
        _ATTEMPT,
        {
            "user_id": question.user_id,
            "topic": question.topic,
            "level": question.level,
            "seed": question.seed,
            "lang": question.lang,
            "base": question.base,
            "params": question.params,
            "text": text[:TEXT_CAP],
            "value": value,
            "correct": correct,
            "skipped": skipped,
            "diagnosis": diagnosis[:DIAGNOSIS_CAP] if diagnosis else None,
            "feedback": feedback,
            "hints_used": question.hints_used or 0,
            "try_number": try_number,
            "seconds": seconds,
            "homework_id": question.homework_id,
            "created_at": answered_at,
        },
    )


async def open_homework(session: AsyncSession, homework_id: int, user_id: int) -> Homework | None:
    """The homework if it is set to one of the student's classes and they have not finished
    it; None otherwise (also for ids taken from forged button data)."""
    stmt = (
        select(Homework)
        .join(Membership, Membership.class_id == Homework.class_id)
        .where(Homework.id == homework_id, Membership.user_id == user_id)
    )
    work = await session.scalar(stmt)
    if work is None:
        return None
    progress = await session.get(HomeworkProgress, (homework_id, user_id))
    if progress is not None and progress.finished_at is not None:
        return None
    return work


# ---------------------------------------------------------------- statistics


async def topic_stats(session: AsyncSession, user_id: int) -> list[TopicStats]:
    """Per topic the student has touched: attempts, right answers, skips, mastery, level."""
    counts = await session.execute(
        select(
            Attempt.topic,
            func.count(Attempt.id),
            func.sum(case((Attempt.correct, 1), else_=0)),
            func.sum(case((Attempt.skipped, 1), else_=0)),
        )
        .where(Attempt.user_id == user_id)
        .group_by(Attempt.topic)
    )
    by_topic: dict[str, tuple[int, int, int]] = {
        topic: (int(total), int(right or 0), int(skips or 0))
        for topic, total, right, skips in counts
    }
    states = (await masteries(session, [user_id])).get(user_id, {})
    stats = []
    for topic in sorted(by_topic.keys() | states.keys()):
        total, right, skips = by_topic.get(topic, (0, 0, 0))
        state = states.get(topic, TopicState())
        stats.append(
            TopicStats(
                topic=topic,
                attempts=total,
                correct=right,
                skipped=skips,
                mastery=topic_mastery(state),
                level=state.level,
                state=state,
            )
        )
    return stats


async def correct_days(
    session: AsyncSession, user_id: int, tz: ZoneInfo, *, since: datetime | None = None
) -> dict[date, int]:
    """Right answers per local calendar day in `tz` (days without any are absent).

    Local days are computed in Python rather than SQL because SQLite knows no time zones
    (Kyiv moves between UTC+2 and UTC+3); a student has at most thousands of rows."""
    stmt = select(Attempt.created_at).where(Attempt.user_id == user_id, Attempt.correct.is_(True))
    if since is not None:
        stmt = stmt.where(Attempt.created_at >= since)
    days: dict[date, int] = {}
    for created_at in await session.scalars(stmt):
        day = created_at.astimezone(tz).date()
        days[day] = days.get(day, 0) + 1
    return days


def day_streak(days: set[date] | dict[date, int], today: date) -> int:
    """Days in a row, ending today, with at least one right answer. A streak that ended
    yesterday is still alive today (the student has until midnight to keep it)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


async def answer_streak(session: AsyncSession, user_id: int) -> int:
    """Right answers in a row, counting back from the latest attempt (a wrong answer or a
    skip breaks it). Attempts are ordered by id: the order in which they were stored."""
    last_miss = await session.scalar(
        select(func.max(Attempt.id)).where(Attempt.user_id == user_id, Attempt.correct.is_(False))
    )
    stmt = select(func.count(Attempt.id)).where(Attempt.user_id == user_id)
    if last_miss is not None:
        stmt = stmt.where(Attempt.id > last_miss)
    return int(await session.scalar(stmt) or 0)

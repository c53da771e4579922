"""A student's practice: the open question, every attempt, per-topic mastery and the
statistics shown by /progress (per topic, the streaks, answers per day).

Functions run inside the caller's transaction; the caller commits (store first, then reply)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Attempt,
    Homework,
    HomeworkProgress,
    Mastery,
    Membership,
    OpenQuestion,
    User,
)
from db.repositories.classes import latest_class_base
from db.repositories.dialect import insert_for as _upsert

TEXT_CAP = 256  # what we keep of a typed answer; answers longer than this are nonsense anyway
DIAGNOSIS_CAP = 64  # the column width


@dataclass(frozen=True)
class TopicStats:
    """One row of /progress: how a student does on one topic."""

    topic: str
    attempts: int  # graded answers and skips
    correct: int
    skipped: int
    mastery: float
    level: int

    @property
    def accuracy(self) -> float | None:
        """Right answers among all attempts (skips count as not right); None before any."""
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class Asking:
    """What posing a question needs to know about a student, read in one query."""

    mastery: dict[str, tuple[float, int]]  # topic → (mastery, level to ask next)
    base: str | None  # the log base of their most recently joined class, if any


@dataclass(frozen=True)
class Answering:
    """What grading an answer needs, read in one query: the open question, the student's
    mastery of its topic (None before the first answer) and whether they are in any class
    (no class, no homework to credit)."""

    question: OpenQuestion
    mastery: Mastery | None
    in_a_class: bool


# Statements are few and combined on purpose: with aiosqlite every statement is several
# round trips to the connection's thread, and a student's every update pays for them.


async def asking(session: AsyncSession, user_id: int) -> Asking:
    stmt = (
        select(
            latest_class_base(user_id).scalar_subquery(),
            Mastery.topic,
            Mastery.value,
            Mastery.level,
        )
        .select_from(User)
        .outerjoin(Mastery, Mastery.user_id == User.id)
        .where(User.id == user_id)
    )
    rows = (await session.execute(stmt)).all()
    base = rows[0][0] if rows else None
    mastery = {topic: (value, level) for _, topic, value, level in rows if topic is not None}
    return Asking(mastery=mastery, base=base)


async def answering(session: AsyncSession, user_id: int) -> Answering | None:
    in_class = exists().where(Membership.user_id == user_id)
    stmt = (
        select(OpenQuestion, Mastery, in_class)
        .outerjoin(
            Mastery,
            and_(Mastery.user_id == OpenQuestion.user_id, Mastery.topic == OpenQuestion.topic),
        )
        .where(OpenQuestion.user_id == user_id)
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    return Answering(question=row[0], mastery=row[1], in_a_class=bool(row[2]))


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
) -> None:
    """Make this the student's open question, replacing any other (one at a time): one
    statement, an upsert, because every question asked pays for it."""
    values = {
        "topic": topic,
        "level": level,
        "seed": seed,
        "lang": lang,
        "base": base,
        "params": params,
        "message_id": None,
        "hints_used": 0,
        "homework_id": homework_id,
        "asked_at": asked_at,
    }
    insert = _upsert(session)(OpenQuestion).values(user_id=user_id, **values)
    await session.execute(
        insert.on_conflict_do_update(index_elements=[OpenQuestion.user_id], set_=values)
    )


async def close_open_question(session: AsyncSession, user_id: int) -> bool:
    """Forget the open question; True when there was one."""
    result = await session.execute(delete(OpenQuestion).where(OpenQuestion.user_id == user_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def add_hint(session: AsyncSession, user_id: int) -> OpenQuestion | None:
    """Count one more hint on the open question; None when no question is open."""
    row = await session.get(OpenQuestion, user_id)
    if row is None:
        return None
    row.hints_used = (row.hints_used or 0) + 1
    await session.flush()
    return row


# ---------------------------------------------------------------- attempts and mastery


async def record_attempt(
    session: AsyncSession,
    question: OpenQuestion,
    *,
    text: str,
    value: float | None,
    correct: bool,
    skipped: bool = False,
    diagnosis: str | None = None,
    feedback: str | None = None,
    answered_at: datetime,
) -> Attempt:
    """Store one answer (or skip) to `question`, with the time it took."""
    seconds = max(0.0, (answered_at - question.asked_at).total_seconds())
    attempt = Attempt(
        user_id=question.user_id,
        topic=question.topic,
        level=question.level,
        seed=question.seed,
        lang=question.lang,
        base=question.base,
        params=question.params,
        text=text[:TEXT_CAP],
        value=value,
        correct=correct,
        skipped=skipped,
        diagnosis=diagnosis[:DIAGNOSIS_CAP] if diagnosis else None,
        feedback=feedback,
        hints_used=question.hints_used or 0,
        seconds=seconds,
        homework_id=question.homework_id,
        created_at=answered_at,
    )
    session.add(attempt)  # flushed with the rest of the transaction
    return attempt


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


async def put_mastery(
    session: AsyncSession,
    *,
    user_id: int,
    topic: str,
    value: float,
    level: int,
    updated_at: datetime,
) -> None:
    """Set the mastery of a topic (the caller computes it with quiz.mastery): one upsert."""
    values = {"value": value, "level": level, "updated_at": updated_at}
    insert = _upsert(session)(Mastery).values(user_id=user_id, topic=topic, **values)
    await session.execute(
        insert.on_conflict_do_update(index_elements=[Mastery.user_id, Mastery.topic], set_=values)
    )


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
    masteries = {
        row.topic: row
        for row in await session.scalars(select(Mastery).where(Mastery.user_id == user_id))
    }
    stats = []
    for topic in sorted(by_topic.keys() | masteries.keys()):
        total, right, skips = by_topic.get(topic, (0, 0, 0))
        row = masteries.get(topic)
        stats.append(
            TopicStats(
                topic=topic,
                attempts=total,
                correct=right,
                skipped=skips,
                mastery=row.value if row is not None else 0.0,
                level=row.level if row is not None else 1,
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

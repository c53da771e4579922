"""The daily review nudge (/remind): who asked for one, who is owed one now, and the claim
that makes it at most one per student per day, even with two bot processes on one database.

Functions run inside the caller's transaction; the caller commits (the claim together with the
outbox row of its message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LevelMastery, ReviewReminder, User
from db.repositories.dialect import insert_for

MINUTES_PER_DAY = 24 * 60


async def set_time(session: AsyncSession, user_id: int, minute: int, *, now: datetime) -> None:
    """Nudge this student at `minute` past local midnight (replacing an earlier choice; a
    nudge already sent today still counts for today)."""
    if not 0 <= minute < MINUTES_PER_DAY:
        raise ValueError("minute must be within a day: 0..1439")
    insert = insert_for(session)(ReviewReminder).values(
        user_id=user_id, minute=minute, created_at=now
    )
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=[ReviewReminder.user_id], set_={"minute": minute}
        )
    )


async def turn_off(session: AsyncSession, user_id: int) -> bool:
    """No more nudges; True when they were on."""
    result = await session.execute(delete(ReviewReminder).where(ReviewReminder.user_id == user_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def time_of(session: AsyncSession, user_id: int) -> int | None:
    """The student's nudge time (minutes past midnight), or None when they are off."""
    return await session.scalar(
        select(ReviewReminder.minute).where(ReviewReminder.user_id == user_id)
    )


@dataclass(frozen=True)
class Owed:
    """A student owed today's nudge: who, in which language, and how many reviews are due."""

    user: User
    due_reviews: int


async def owed(
    session: AsyncSession, *, now: datetime, today: date, minute: int, limit: int
) -> list[Owed]:
    """Students whose nudge time has come today (`minute` is the local time now), who have
    not had one today, can be reached, and have reviews due at `now`."""
    due_counts = (
        select(LevelMastery.user_id, func.count().label("due"))
        .where(LevelMastery.review_due_at <= now)
        .group_by(LevelMastery.user_id)
        .subquery()
    )
    stmt = (
        select(User, due_counts.c.due)
        .join(ReviewReminder, ReviewReminder.user_id == User.id)
        .join(due_counts, due_counts.c.user_id == User.id)
        .where(
            ReviewReminder.minute <= minute,
            _not_sent_on(today),
            User.unreachable.is_(False),
        )
        .order_by(ReviewReminder.minute, User.id)
        .limit(limit)
    )
    return [Owed(user, int(due)) for user, due in await session.execute(stmt)]


def _not_sent_on(today: date) -> ColumnElement[bool]:
    return or_(ReviewReminder.last_sent_on.is_(None), ReviewReminder.last_sent_on < today)


async def claim(session: AsyncSession, user_id: int, today: date) -> bool:
    """Mark today's nudge as taken, if nobody took it yet: one conditional UPDATE (the
    database serialises them). True for the one caller who got it."""
    result = await session.execute(
        update(ReviewReminder)
        .where(ReviewReminder.user_id == user_id, _not_sent_on(today))
        .values(last_sent_on=today)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]

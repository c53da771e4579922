"""Outgoing homework messages (the "assigned" notice and the reminders), claimed atomically.

Life of a row: pending → claimed (by one worker) → sent (handed to the outbox, in the same
transaction as its outbox message) | skipped; claimed → pending again (deferred past quiet
hours). A claimed row whose worker died may be reclaimed after a timeout. Once handed over,
delivery is the outbox's (bot/outbox.py: retried, sent after a restart); if Telegram refuses
it for good, the row becomes failed with the reason. Claims make every message go out once,
even with two bot processes on one database.

Every write here starts its transaction with the write itself, so that SQLite takes the write
lock first (waiting on busy_timeout) instead of failing on a stale read snapshot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Reminder

PENDING, CLAIMED = "pending", "claimed"
SENT, FAILED, SKIPPED = "sent", "failed", "skipped"
ASSIGNED, REMINDER = "assigned", "reminder"
MAX_ERROR = 255


@dataclass(frozen=True)
class NewReminder:
    homework_id: int
    user_id: int
    kind: str
    offset_seconds: int
    due_at: datetime


async def add_many(session: AsyncSession, rows: Sequence[NewReminder]) -> None:
    session.add_all(
        Reminder(
            homework_id=row.homework_id,
            user_id=row.user_id,
            kind=row.kind,
            offset_seconds=row.offset_seconds,
            due_at=row.due_at,
            status=PENDING,
            attempts=0,
        )
        for row in rows
    )
    await session.flush()


# Any constant shared by every bot process on one PostgreSQL database ("SQZ" + 1).
CLAIM_LOCK_KEY = 0x53515A01


def _claimable(now: datetime, stale_before: datetime) -> ColumnElement[bool]:
    """Due, and either waiting or claimed so long ago that its worker must have died."""
    return and_(
        Reminder.due_at <= now,
        or_(
            Reminder.status == PENDING,
            and_(Reminder.status == CLAIMED, Reminder.claimed_at < stale_before),
        ),
    )


async def claim_due(
    session: AsyncSession,
    *,
    worker: str,
    now: datetime,
    stale_before: datetime,
    limit: int,
    homework_id: int | None = None,
) -> list[Reminder]:
    """Claim the due rows of up to `limit` students (with every other due row of the same
    homework × student) for `worker` (a token unique to this run) and return them. Commits.

    A student's due rows are claimed together, never split between workers: the sender
    collapses them into one message (the notice, else the latest reminder), and two workers
    each holding one of them would send two. Claims take turns — SQLite runs one writer at
    a time; on PostgreSQL a transaction-scoped advisory lock does the same — and the UPDATE
    re-checks every row it takes, so no row is ever claimed twice."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK_KEY})
    students = (
        select(Reminder.homework_id, Reminder.user_id)
        .where(_claimable(now, stale_before))
        .order_by(Reminder.due_at, Reminder.id)
        .limit(limit)
    )
    if homework_id is not None:
        students = students.where(Reminder.homework_id == homework_id)
    claim = (
        update(Reminder)
        .where(
            tuple_(Reminder.homework_id, Reminder.user_id).in_(students),
            _claimable(now, stale_before),
        )
        .values(status=CLAIMED, claimed_by=worker, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.execute(claim)
    await session.commit()
    mine = select(Reminder).where(Reminder.claimed_by == worker, Reminder.status == CLAIMED)
    return list((await session.scalars(mine.order_by(Reminder.due_at, Reminder.id))).all())


async def _move(
    session: AsyncSession,
    reminder_id: int,
    worker: str,
    from_status: str,
    *,
    commit: bool = True,
    **values: object,
) -> bool:
    result = await session.execute(
        update(Reminder)
        .where(
            Reminder.id == reminder_id,
            Reminder.claimed_by == worker,
            Reminder.status == from_status,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if commit:
        await session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]


async def hand_over(session: AsyncSession, reminder_id: int, worker: str, *, at: datetime) -> bool:
    """Claimed → sent: its message goes into the outbox in this same transaction (the caller
    adds it and commits). False if the claim was lost (then add nothing)."""
    return await _move(
        session,
        reminder_id,
        worker,
        CLAIMED,
        commit=False,
        status=SENT,
        sent_at=at,
        attempts=Reminder.attempts + 1,
    )


async def delivery_failed(
    session: AsyncSession, reminder_id: int, *, error: str, attempts: int
) -> None:
    """The outbox gave up on this reminder's message (blocked, refused, or too long down).
    Commits."""
    await session.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id)
        .values(status=FAILED, last_error=error[:MAX_ERROR], attempts=attempts)
        .execution_options(synchronize_session=False)
    )
    await session.commit()


async def skip(session: AsyncSession, reminder_id: int, worker: str, reason: str) -> bool:
    return await _move(
        session, reminder_id, worker, CLAIMED, status=SKIPPED, last_error=reason[:MAX_ERROR]
    )


async def release(
    session: AsyncSession, reminder_id: int, worker: str, *, due_at: datetime
) -> bool:
    """Give a claimed row back, due later (quiet hours began while it waited)."""
    return await _move(
        session,
        reminder_id,
        worker,
        CLAIMED,
        status=PENDING,
        due_at=due_at,
        claimed_by=None,
        claimed_at=None,
    )


async def skip_for_homework(session: AsyncSession, homework_id: int, reason: str) -> None:
    """Unclaimed rows of a homework that no longer matter (e.g. it is past due)."""
    await session.execute(
        update(Reminder)
        .where(Reminder.homework_id == homework_id, Reminder.status == PENDING)
        .values(status=SKIPPED, last_error=reason[:MAX_ERROR])
        .execution_options(synchronize_session=False)
    )


async def for_homework(session: AsyncSession, homework_id: int) -> list[Reminder]:
    stmt = select(Reminder).where(Reminder.homework_id == homework_id).order_by(Reminder.id)
    return list((await session.scalars(stmt)).all())


async def count_by_status(session: AsyncSession, homework_id: int) -> dict[str, int]:
    stmt = (
        select(Reminder.status, func.count())
        .where(Reminder.homework_id == homework_id)
        .group_by(Reminder.status)
    )
    return {status: int(count) for status, count in (await session.execute(stmt)).all()}


async def next_pending_at(session: AsyncSession, homework_id: int, kind: str) -> datetime | None:
    stmt = select(func.min(Reminder.due_at)).where(
        Reminder.homework_id == homework_id, Reminder.kind == kind, Reminder.status == PENDING
    )
    return await session.scalar(stmt)

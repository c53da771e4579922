"""A student's way through /learn: the page to resume at, the lessons finished, and the
closing questions under way. Functions run inside the caller's transaction; the caller
commits (store first, then reply)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MAX_BIG_INTEGER, Attempt, LessonProgress


async def get(session: AsyncSession, user_id: int) -> LessonProgress | None:
    return await session.get(LessonProgress, user_id)


async def _row(session: AsyncSession, user_id: int, now: datetime) -> LessonProgress:
    row = await session.get(LessonProgress, user_id)
    if row is None:
        row = LessonProgress(
            user_id=user_id, lesson=1, page=1, finished=0, check_answered=0, updated_at=now
        )
        session.add(row)
    return row


async def save_position(
    session: AsyncSession, user_id: int, lesson: int, page: int, now: datetime
) -> None:
    """The page the student sees now: /learn opens it again next time."""
    row = await _row(session, user_id, now)
    row.lesson, row.page, row.updated_at = lesson, page, now


async def start_check(
    session: AsyncSession, user_id: int, lesson: int, seed: int, now: datetime
) -> None:
    """The first closing question of `lesson` was asked (its seed names it)."""
    row = await _row(session, user_id, now)
    row.check_lesson, row.check_seed, row.check_answered = lesson, seed, 0
    row.updated_at = now


async def next_check_question(
    session: AsyncSession, user_id: int, seed: int, now: datetime
) -> None:
    row = await _row(session, user_id, now)
    row.check_seed, row.updated_at = seed, now


async def count_check_answer(session: AsyncSession, row: LessonProgress, now: datetime) -> int:
    """One more closing question answered; returns how many are answered now."""
    row.check_answered += 1
    row.updated_at = now
    return row.check_answered


async def finish_check(
    session: AsyncSession, row: LessonProgress, lesson: int | None, now: datetime
) -> None:
    """The closing questions are over: `lesson` is finished (None: they were abandoned)."""
    if lesson is not None:
        row.finished |= 1 << (lesson - 1)
    row.check_lesson, row.check_seed, row.check_answered = None, None, 0
    row.updated_at = now


def finished_lessons(row: LessonProgress | None) -> set[int]:
    if row is None:
        return set()
    return {bit + 1 for bit in range(row.finished.bit_length()) if row.finished >> bit & 1}


async def attempted(session: AsyncSession, user_id: int, seed: int) -> bool:
    """Whether the student answered (or skipped) the question with this seed."""
    if not 0 <= seed <= MAX_BIG_INTEGER:
        return False
    query = select(exists().where(Attempt.user_id == user_id, Attempt.seed == seed))
    return bool(await session.scalar(query))


async def users_checking(session: AsyncSession) -> set[int]:
    """Students with closing questions under way (loaded at start, so that the answer hook
    touches the database only for them)."""
    query = select(LessonProgress.user_id).where(LessonProgress.check_seed.is_not(None))
    return set((await session.scalars(query)).all())

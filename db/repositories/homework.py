"""Homework and its progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Homework, HomeworkProgress, Membership

MIXED = "mixed"


@dataclass(frozen=True)
class ProgressStep:
    """One homework that a right answer counted towards."""

    homework_id: int
    topic: str
    done: int
    count: int
    just_finished: bool


async def record_correct_answer(
    session: AsyncSession, *, user_id: int, topic: str, answered_at: datetime
) -> list[ProgressStep]:
    """Count a right answer on `topic` towards every unfinished homework of the student's
    classes that was set before the answer and has this topic (or is mixed). Runs inside
    the caller's transaction, so the attempt and its homework credit commit together."""
    stmt = (
        select(Homework)
        .join(Membership, Membership.class_id == Homework.class_id)
        .where(
            Membership.user_id == user_id,
            Homework.created_at <= answered_at,
            Homework.topic.in_((topic, MIXED)),
        )
        .order_by(Homework.due_at)
    )
    steps: list[ProgressStep] = []
    for homework in await session.scalars(stmt):
        progress = await session.get(HomeworkProgress, (homework.id, user_id))
        if progress is None:
            progress = HomeworkProgress(homework_id=homework.id, user_id=user_id, done=0)
            session.add(progress)
        if progress.finished_at is not None:
            continue
        progress.done = (progress.done or 0) + 1
        finished = progress.done >= homework.count
        if finished:
            progress.finished_at = answered_at
        steps.append(
            ProgressStep(homework.id, homework.topic, progress.done, homework.count, finished)
        )
    await session.flush()
    return steps

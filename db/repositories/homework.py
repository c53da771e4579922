"""Homework and its progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MAX_INTEGER, Class, Homework, HomeworkProgress, Membership, User
from db.repositories.users import register_order

MIXED = "mixed"
MAX_COUNT = 50


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


async def create(
    session: AsyncSession,
    *,
    class_id: int,
    topic: str,
    count: int,
    due_at: datetime,
    created_at: datetime,
) -> Homework:
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be 1..{MAX_COUNT}")
    homework = Homework(
        class_id=class_id, topic=topic, count=count, due_at=due_at, created_at=created_at
    )
    session.add(homework)
    await session.flush()
    return homework


async def get_with_class(session: AsyncSession, homework_id: int) -> tuple[Homework, Class] | None:
    if not 0 < homework_id <= MAX_INTEGER:
        return None  # forged button data
    stmt = (
        select(Homework, Class)
        .join(Class, Class.id == Homework.class_id)
        .where(Homework.id == homework_id)
    )
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], row[1])


async def classes_taught(
    session: AsyncSession, teacher_id: int, *, active_only: bool = False
) -> list[Class]:
    """The teacher's classes, newest first (for the class buttons of the guided dialogs);
    `active_only` leaves out archived ones (no homework can be set for them)."""
    stmt = select(Class).where(Class.teacher_id == teacher_id).order_by(Class.id.desc())
    if active_only:
        stmt = stmt.where(Class.archived_at.is_(None))
    return list((await session.scalars(stmt)).all())


async def student_ids(session: AsyncSession, class_id: int) -> list[int]:
    stmt = (
        select(Membership.user_id)
        .where(Membership.class_id == class_id)
        .order_by(Membership.joined_at, Membership.user_id)
    )
    return list((await session.scalars(stmt)).all())


async def is_member(session: AsyncSession, class_id: int, user_id: int) -> bool:
    return await session.get(Membership, (class_id, user_id)) is not None


@dataclass(frozen=True)
class StudentHomework:
    homework: Homework
    class_: Class
    done: int
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


async def for_student(
    session: AsyncSession, user_id: int, *, limit: int = 30
) -> list[StudentHomework]:
    """Homework of every class the student is in, with their progress, latest due first."""
    stmt = (
        select(Homework, Class, HomeworkProgress)
        .join(Class, Class.id == Homework.class_id)
        .join(Membership, Membership.class_id == Homework.class_id)
        .outerjoin(
            HomeworkProgress,
            (HomeworkProgress.homework_id == Homework.id) & (HomeworkProgress.user_id == user_id),
        )
        .where(Membership.user_id == user_id)
        .order_by(Homework.due_at.desc(), Homework.id.desc())
        .limit(limit)
    )
    found = []
    for homework, class_, progress in (await session.execute(stmt)).all():
        done = progress.done if progress is not None else 0
        finished_at = progress.finished_at if progress is not None else None
        found.append(StudentHomework(homework, class_, done, finished_at))
    return found


async def of_class(session: AsyncSession, class_id: int, *, limit: int = 10) -> list[Homework]:
    """The class's latest homework (by due time), newest first."""
    stmt = (
        select(Homework)
        .where(Homework.class_id == class_id)
        .order_by(Homework.due_at.desc(), Homework.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


@dataclass(frozen=True)
class StudentProgress:
    user: User
    done: int
    finished_at: datetime | None


def _members_with_progress(homework: Homework) -> Select[tuple[User, HomeworkProgress]]:
    """Every current member of the homework's class with their progress row, if any."""
    return (
        select(User, HomeworkProgress)
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(
            HomeworkProgress,
            (HomeworkProgress.user_id == User.id) & (HomeworkProgress.homework_id == homework.id),
        )
        .where(Membership.class_id == homework.class_id)
    )


async def _progress_rows(session: AsyncSession, stmt: Select[Any]) -> list[StudentProgress]:
    return [
        StudentProgress(
            user,
            progress.done if progress is not None else 0,
            progress.finished_at if progress is not None else None,
        )
        for user, progress in (await session.execute(stmt)).all()
    ]


async def progress_of_class(session: AsyncSession, homework: Homework) -> list[StudentProgress]:
    """Every current member of the homework's class with their progress on it, in register
    order (`users.register_order`)."""
    rows = await _progress_rows(session, _members_with_progress(homework))
    return sorted(rows, key=lambda row: register_order(row.user))


@dataclass(frozen=True)
class ClassProgress:
    """How a class stands on one homework: its current members and how many have finished,
    counted in SQL, and the first students of the register with their progress."""

    members: int
    finished: int
    first: list[StudentProgress]  # register order, at most the limit asked for


async def class_progress(session: AsyncSession, homework: Homework, *, limit: int) -> ClassProgress:
    """`progress_of_class` for a page that shows at most `limit` students: two statements,
    whatever the size of the class (a school-sized class is not loaded whole)."""
    counted = _members_with_progress(homework).with_only_columns(
        func.count(), func.count(HomeworkProgress.finished_at)
    )
    members, finished = (await session.execute(counted)).one()
    first = (
        _members_with_progress(homework)
        .order_by(User.sort_key.nulls_first(), User.id)  # the register (users.sort_key)
        .limit(limit)
    )
    rows = await _progress_rows(session, first)
    return ClassProgress(int(members), int(finished), rows)


async def progress_of(session: AsyncSession, homework_id: int, user_id: int) -> tuple[int, bool]:
    """(right answers counted, finished?) of one student on one homework."""
    if not 0 < homework_id <= MAX_INTEGER:
        return 0, False  # forged button data
    stmt = select(HomeworkProgress.done, HomeworkProgress.finished_at).where(
        HomeworkProgress.homework_id == homework_id, HomeworkProgress.user_id == user_id
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        return 0, False
    return int(row[0] or 0), row[1] is not None


async def due_for_summary(session: AsyncSession, now: datetime, *, limit: int = 50) -> list[int]:
    stmt = (
        select(Homework.id)
        .where(Homework.due_at <= now, Homework.summary_sent_at.is_(None))
        .order_by(Homework.due_at)
        .limit(limit)
    )
    return list((await session.scalars(stmt)).all())


async def claim_summary(session: AsyncSession, homework_id: int, now: datetime) -> bool:
    """Take the right to send this homework's summary; exactly one caller ever gets True
    (once it commits: the caller commits, with the summary in the outbox)."""
    result = await session.execute(
        update(Homework)
        .where(Homework.id == homework_id, Homework.summary_sent_at.is_(None))
        .values(summary_sent_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]

"""Classes and memberships, and the grouped statistics behind the class report.

A teacher may remove a student from a class (`remove_student`) and archive a class
(`archive_class`, undone by `restore_class`); both are plain functions over a session so that
the bot and the web dashboard share them. What they mean:
- A removed student is no longer a member: they vanish from the class's reports and homework
  lists, and get none of its homework notices or reminders (the sender checks membership at
  send time). Their attempts and mastery stay theirs; they may join again with the code.
- An archived class keeps its students and its history, and its teacher can still open its
  reports; but nobody can join it, no homework can be set for it, and its students get no
  notices, reminders or due-time summaries for it. It is listed after the active classes."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, case, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    MAX_BIG_INTEGER,
    MAX_INTEGER,
    Attempt,
    Class,
    Membership,
    User,
    utcnow,
)
from db.repositories.mastery import masteries
from db.repositories.users import register_order
from quiz.mastery import TopicState, topic_mastery

# No look-alikes (no 0/O, no 1/I) so a code read off a classroom screen is typed right the
# first time.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
Row = TypeVar("Row")
CODE_LENGTH = 8  # 32**8 ≈ 1.1e12 codes: not guessable by trying
MAX_CODE_TRIES = 20


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def is_code(text: str) -> bool:
    """Whether `text` could be a join code at all (what new_code makes)."""
    return len(text) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in text)


def latest_class_base(user_id: int | ColumnElement[int]) -> Select[tuple[str]]:
    """The log base of the class the student joined most recently (the rule behind every
    question's base), as a statement that can also serve as a subquery (`user_id` a column of
    the enclosing query)."""
    return (
        select(Class.base)
        .join(Membership, Membership.class_id == Class.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.joined_at.desc(), Class.id.desc())
        .limit(1)
    )


async def base_for_student(session: AsyncSession, user_id: int) -> str | None:
    """The log base of the class the student joined most recently, or None when they are
    in no class (then the question bank's default base applies)."""
    return await session.scalar(latest_class_base(user_id))


async def get_owned_class(session: AsyncSession, code: str, teacher_id: int) -> Class | None:
    """The class with this join code if `teacher_id` teaches it; None otherwise, so that a
    teacher cannot tell someone else's class from one that does not exist."""
    code = code.strip().upper()
    if not is_code(code):
        # No class has it, so no query; and PostgreSQL refuses a NUL in a text parameter
        # (teachers type these codes), where SQLite would just find nothing.
        return None
    stmt = select(Class).where(Class.code == code, Class.teacher_id == teacher_id)
    return await session.scalar(stmt)


async def get_owned_class_by_id(
    session: AsyncSession, class_id: int, teacher_id: int
) -> Class | None:
    """Like `get_owned_class`, by id (what buttons carry): None unless `teacher_id` owns it."""
    if not 0 < class_id <= MAX_INTEGER:
        return None  # forged button data
    stmt = select(Class).where(Class.id == class_id, Class.teacher_id == teacher_id)
    return await session.scalar(stmt)


async def find_by_code(session: AsyncSession, code: str) -> Class | None:
    """Any class by its join code (students joining); `code` must already be normalised."""
    return await session.scalar(select(Class).where(Class.code == code))


async def create_class(
    session: AsyncSession,
    *,
    teacher_id: int,
    name: str,
    timezone: str,
    base: str = "2",
    now: datetime,
    code_factory: Callable[[], str] = new_code,
) -> Class:
    """Create a class with a fresh join code, retrying on the (unlikely) collision."""

    def make(code: str) -> Class:
        return Class(
            code=code,
            name=name,
            teacher_id=teacher_id,
            timezone=timezone,
            base=base,
            created_at=now,
        )

    async def taken(code: str) -> bool:
        return await find_by_code(session, code) is not None

    return await add_with_fresh_code(session, make, code_factory, taken)


async def add_with_fresh_code(
    session: AsyncSession,
    make: Callable[[str], Row],
    code_factory: Callable[[], str],
    taken: Callable[[str], Awaitable[bool]] | None = None,
) -> Row:
    """Add the row `make(code)` under a fresh code from `code_factory`, retrying on the
    (unlikely) collision with a unique code. Each try runs in a SAVEPOINT so a
    unique-constraint failure does not spoil the caller's transaction."""
    for _ in range(MAX_CODE_TRIES):
        code = code_factory()
        if taken is not None and await taken(code):
            continue
        row = make(code)
        try:
            async with session.begin_nested():
                session.add(row)
                await session.flush()
        except IntegrityError:
            continue  # someone took this code between our check and our insert
        return row
    raise RuntimeError("could not find a free code")


async def count_teacher_classes(session: AsyncSession, teacher_id: int) -> int:
    stmt = select(func.count()).select_from(Class).where(Class.teacher_id == teacher_id)
    return int(await session.scalar(stmt) or 0)


@dataclass(frozen=True)
class ClassSummary:
    id: int
    code: str
    name: str
    base: str
    students: int
    archived: bool = False


async def list_teacher_classes(session: AsyncSession, teacher_id: int) -> list[ClassSummary]:
    """The teacher's classes, active ones first, each group oldest first, each class with its
    number of students (one query)."""
    archived = Class.archived_at.is_not(None)
    stmt = (
        select(
            Class.id, Class.code, Class.name, Class.base, func.count(Membership.user_id), archived
        )
        .outerjoin(Membership, Membership.class_id == Class.id)
        .where(Class.teacher_id == teacher_id)
        .group_by(Class.id, Class.code, Class.name, Class.base, Class.archived_at)
        .order_by(archived, Class.created_at, Class.id)
    )
    rows = await session.execute(stmt)
    return [ClassSummary(r[0], r[1], r[2], r[3], int(r[4]), bool(r[5])) for r in rows]


async def count_students(session: AsyncSession, class_id: int) -> int:
    stmt = select(func.count()).select_from(Membership).where(Membership.class_id == class_id)
    return int(await session.scalar(stmt) or 0)


async def is_member(session: AsyncSession, class_id: int, user_id: int) -> bool:
    if not (0 < class_id <= MAX_INTEGER and 0 < user_id <= MAX_BIG_INTEGER):
        return False  # forged button data
    return await session.get(Membership, (class_id, user_id)) is not None


async def join(session: AsyncSession, class_id: int, user_id: int, *, now: datetime) -> bool:
    """Add the student to the class. False when they were already in it."""
    if await is_member(session, class_id, user_id):
        return False
    try:
        async with session.begin_nested():
            session.add(Membership(class_id=class_id, user_id=user_id, joined_at=now))
            await session.flush()
    except IntegrityError:
        return False  # the same student joined twice at once: one of them wins
    return True


async def remove_student(session: AsyncSession, class_id: int, student_id: int) -> bool:
    """Take the student out of the class (see the module's docstring for what that means).
    False when they were not in it, or the ids are out of range (forged button data)."""
    if not (0 < class_id <= MAX_INTEGER and 0 < student_id <= MAX_BIG_INTEGER):
        return False
    result = await session.execute(
        delete(Membership).where(Membership.class_id == class_id, Membership.user_id == student_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def archive_class(
    session: AsyncSession, class_id: int, *, now: datetime | None = None
) -> bool:
    """Archive the class (see the module's docstring). False when it is already archived or
    does not exist."""
    return await _set_archived(session, class_id, now or utcnow())


async def restore_class(session: AsyncSession, class_id: int) -> bool:
    """Make an archived class active again. False when it was not archived."""
    return await _set_archived(session, class_id, None)


async def _set_archived(session: AsyncSession, class_id: int, at: datetime | None) -> bool:
    klass = await session.get(Class, class_id) if 0 < class_id <= MAX_INTEGER else None
    if klass is None or klass.archived == (at is not None):
        return False
    klass.archived_at = at
    await session.flush()
    return True


async def set_base(session: AsyncSession, class_id: int, base: str) -> None:
    if base not in ("2", "e", "10"):
        raise ValueError("base must be 2, e or 10")
    klass = await session.get(Class, class_id)
    if klass is not None:
        klass.base = base


async def class_students(session: AsyncSession, class_id: int) -> list[User]:
    """The students of a class in register order (`users.register_order`: surname, then
    first name, in alphabetical order rather than by code point)."""
    stmt = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.class_id == class_id)
    )
    return sorted(await session.scalars(stmt), key=register_order)


@dataclass(frozen=True)
class TopicStats:
    """One student's record on one topic. `attempts` counts every try and skip (a skip counts
    as not correct); `mastery` is `quiz.mastery.topic_mastery`, the number every view shows."""

    user_id: int
    topic: str
    attempts: int
    correct: int
    skipped: int
    last_at: datetime | None
    mastery: float | None
    level: int = 1  # the level the student is asked next

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


async def class_topic_stats(
    session: AsyncSession, class_id: int
) -> dict[tuple[int, str], TopicStats]:
    """Per (student, topic) attempts, right answers, skips, last attempt and mastery for every
    student of the class: a few grouped queries for the whole class, whatever its size."""
    members = select(Membership.user_id).where(Membership.class_id == class_id)
    attempts_stmt = (
        select(
            Attempt.user_id,
            Attempt.topic,
            func.count(Attempt.id),
            func.sum(case((Attempt.correct, 1), else_=0)),
            func.sum(case((Attempt.skipped, 1), else_=0)),
            func.max(Attempt.created_at),
        )
        .where(Attempt.user_id.in_(members))
        .group_by(Attempt.user_id, Attempt.topic)
    )
    states = await masteries(session, members)
    stats: dict[tuple[int, str], TopicStats] = {}
    for user_id, topic, count, correct, skipped, last_at in await session.execute(attempts_stmt):
        state = states.get(user_id, {}).get(topic, TopicState())
        stats[(user_id, topic)] = TopicStats(
            user_id=user_id,
            topic=topic,
            attempts=int(count),
            correct=int(correct or 0),
            skipped=int(skipped or 0),
            last_at=last_at,
            mastery=topic_mastery(state),
            level=state.level,
        )
    for user_id, topics in states.items():
        for topic, state in topics.items():
            if (user_id, topic) not in stats:
                stats[(user_id, topic)] = TopicStats(
                    user_id, topic, 0, 0, 0, None, topic_mastery(state), state.level
                )
    return stats


async def recent_attempts(session: AsyncSession, user_id: int, limit: int = 10) -> list[Attempt]:
    """The student's latest attempts, newest first."""
    stmt = (
        select(Attempt)
        .where(Attempt.user_id == user_id)
        .order_by(Attempt.created_at.desc(), Attempt.id.desc())
        .limit(limit)
    )
    return list(await session.scalars(stmt))


async def student_attempts(
    session: AsyncSession, user_id: int, *, limit: int, offset: int = 0
) -> list[tuple[Attempt, int]]:
    """The student's attempts, newest first, each with its try number: 1 for the first
    answer to a question, 2 for a second answer to the same question (topic, level, seed)."""
    try_number = (
        func.row_number()
        .over(partition_by=(Attempt.topic, Attempt.level, Attempt.seed), order_by=Attempt.id)
        .label("try_number")
    )
    numbered = select(Attempt.id, try_number).where(Attempt.user_id == user_id).subquery()
    stmt = (
        select(Attempt, numbered.c.try_number)
        .join(numbered, numbered.c.id == Attempt.id)
        .order_by(Attempt.created_at.desc(), Attempt.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(attempt, int(number)) for attempt, number in await session.execute(stmt)]


async def count_attempts(session: AsyncSession, user_id: int) -> int:
    stmt = select(func.count()).select_from(Attempt).where(Attempt.user_id == user_id)
    return int(await session.scalar(stmt) or 0)

"""A class report straight from SQL: one statement reads a slice of the class register (in
register order, `users.sort_key`) with every student's per-topic statistics grouped by the
database, so a page of ten students reads ten students' rows whatever the size of the class,
and the whole class streams in register order for a CSV file.

Per (student, topic) it reads what `classes.class_topic_stats` reads, the same numbers:
attempts, right answers, skips, the last attempt, and mastery (`quiz.mastery.mean_mastery` of
the answers and p per level in `level_mastery`, the level to ask next from `topic_levels`)."""

from __future__ import annotations

import operator
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, func, literal_column, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Attempt, LevelMastery, Membership, TopicLevel, User
from db.repositories.classes import TopicStats
from db.repositories.dialect import stream_parts
from quiz.mastery import mean_mastery
from quiz.questions import LEVELS

STREAM_CHUNK = 500  # result rows per step of a streamed report (the loop runs others between)


@dataclass(frozen=True)
class RegisterRow:
    """One student of a class report: their names (for `users.display_name`) and their
    statistics per topic they have touched."""

    id: int
    first_name: str
    last_name: str | None
    username: str | None
    topics: dict[str, TopicStats] = field(default_factory=dict)


@dataclass(frozen=True)
class RegisterSlice:
    """Students `offset`, `offset + 1`, … of the class register, and how many it has."""

    total: int
    offset: int
    students: list[RegisterRow]


def _register(class_id: int, offset: int, limit: int | None, student_id: int | None) -> Any:
    """The slice of the register (with the register's size), as a CTE."""
    stmt = (
        select(
            User.id,
            User.first_name,
            User.last_name,
            User.username,
            User.sort_key,
            func.count().over().label("total"),
        )
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.class_id == class_id)
        .order_by(User.sort_key.nulls_first(), User.id)
    )
    if student_id is not None:
        stmt = stmt.where(User.id == student_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return stmt.cte("register")


def register_statement(
    class_id: int, *, offset: int = 0, limit: int | None = None, student_id: int | None = None
) -> Select[Any]:
    """One statement: students `offset`… (at most `limit`; or one student) of the class in
    register order, each with a row per topic they touched and one row without a topic (so
    that a student who has touched nothing is there too).

    Each student's attempts and level rows are looked up by the student (indexes on
    `user_id`), read once each (UNION ALL) and grouped per (student, topic); the level to ask
    next is then looked up per group. (Joining the register to an already grouped subquery
    instead makes SQLite scan that subquery once per student: quadratic.)"""
    register = _register(class_id, offset, limit, student_id)
    # Only small keys go through the grouping; names and the sort key are looked up after it
    # (grouping by the sort key too makes SQLite's sorter twice as slow).
    names = (register.c.id, register.c.total)
    zero, one, none = literal_column("0"), literal_column("1"), null()
    tried = select(
        *names,
        Attempt.topic.label("topic"),
        one.label("tries"),
        case((Attempt.correct, 1), else_=0).label("right"),
        case((Attempt.skipped, 1), else_=0).label("skips"),
        Attempt.created_at.label("at"),
        none.label("level"),
        none.label("p_known"),
        none.label("answers"),
    ).join(Attempt, Attempt.user_id == register.c.id)
    known = select(
        *names,
        LevelMastery.topic,
        zero,
        zero,
        zero,
        none,
        LevelMastery.level,
        LevelMastery.p_known,
        LevelMastery.answers,
    ).join(LevelMastery, LevelMastery.user_id == register.c.id)
    present = select(*names, none, zero, zero, zero, none, none, none, none)
    facts = union_all(tried, known, present).subquery("facts")
    p_per_level = [
        func.max(case((facts.c.level == level, facts.c.p_known))).label(f"p{level}")
        for level in LEVELS
    ]
    keys = (facts.c.id, facts.c.topic)
    grouped = (
        select(
            *keys,
            func.max(facts.c.total).label("total"),
            func.sum(facts.c.tries).label("tries"),
            func.sum(facts.c.right).label("right"),
            func.sum(facts.c.skips).label("skips"),
            func.max(facts.c.at).label("last_at"),
            func.sum(facts.c.answers).label("answers"),
            *p_per_level,
        )
        .group_by(*keys)
        .subquery("per_topic")
    )
    return (
        select(
            grouped,
            User.first_name,
            User.last_name,
            User.username,
            TopicLevel.level.label("topic_level"),
        )
        .select_from(
            grouped.join(User, User.id == grouped.c.id).outerjoin(
                TopicLevel,
                and_(TopicLevel.user_id == grouped.c.id, TopicLevel.topic == grouped.c.topic),
            )
        )
        .order_by(User.sort_key.nulls_first(), grouped.c.id, grouped.c.topic)
    )


_P_PER_LEVEL = operator.attrgetter(*(f"p{level}" for level in LEVELS))


def _topic_stats(row: Any) -> TopicStats:
    tried = row.answers is not None  # the topic has level rows (it has been answered)
    known = {level: p for level, p in zip(LEVELS, _P_PER_LEVEL(row), strict=True) if p is not None}
    return TopicStats(
        user_id=row.id,
        topic=row.topic,
        attempts=int(row.tries or 0),
        correct=int(row.right or 0),
        skipped=int(row.skips or 0),
        last_at=row.last_at,
        mastery=mean_mastery(int(row.answers), known) if tried else None,
        # the level to ask next: stored once a level has been answered at, else the first
        level=(row.topic_level or 1) if tried else 1,
    )


def group_rows(rows: Iterable[Any]) -> list[RegisterRow]:
    """Rows of `register_statement` (in its order) → one `RegisterRow` per student."""
    grouper = RegisterGrouper()
    return [*grouper.feed(rows), *grouper.finish()]


class RegisterGrouper:
    """Rows of `register_statement` fed part by part (a streamed result) → the students
    whose rows are complete (a student's rows may straddle two parts)."""

    def __init__(self) -> None:
        self._current: RegisterRow | None = None

    def feed(self, rows: Iterable[Any]) -> list[RegisterRow]:
        done: list[RegisterRow] = []
        current = self._current
        for row in rows:
            if current is None or current.id != row.id:
                if current is not None:
                    done.append(current)
                current = RegisterRow(row.id, row.first_name, row.last_name, row.username)
            if row.topic is not None:
                current.topics[row.topic] = _topic_stats(row)
        self._current = current
        return done

    def finish(self) -> list[RegisterRow]:
        last, self._current = self._current, None
        return [] if last is None else [last]


async def register_slice(
    session: AsyncSession,
    class_id: int,
    *,
    offset: int = 0,
    limit: int | None = None,
    student_id: int | None = None,
) -> RegisterSlice:
    """Students `offset`… of the class register (at most `limit`), or just `student_id`."""
    stmt = register_statement(class_id, offset=offset, limit=limit, student_id=student_id)
    rows = (await session.execute(stmt)).all()
    total = int(rows[0].total) if rows else await _size(session, class_id, offset, student_id)
    return RegisterSlice(total, offset, group_rows(rows))


async def _size(session: AsyncSession, class_id: int, offset: int, student_id: int | None) -> int:
    """The register's size when the slice came back empty: 0 unless it began past the end."""
    if not offset or student_id is not None:
        return 0
    stmt = select(func.count()).select_from(Membership).where(Membership.class_id == class_id)
    return int(await session.scalar(stmt) or 0)


async def stream_register(
    session: AsyncSession, class_id: int, chunk: int = STREAM_CHUNK
) -> AsyncIterator[Sequence[Any]]:
    """The whole class's rows of `register_statement`, `chunk` rows at a time (feed them to a
    `RegisterGrouper`, in a thread if you like): one statement whose rows are never all in
    memory at once, and the event loop runs others between parts."""
    async for part in stream_parts(session, register_statement(class_id), chunk):
        yield part

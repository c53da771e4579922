"""A class report straight from SQL: one statement reads a slice of the class register (in
register order, `users.sort_key`) with every student's per-topic statistics grouped by the
database, so a page of ten students reads ten students' rows whatever the size of the class,
and the whole class streams in register order for a CSV file.

Per (student, topic) it reads what `classes.class_topic_stats` reads, the same numbers:
attempts, right answers, skips, the last attempt, and mastery (`quiz.mastery.mean_mastery` of
the answers and p per level in `level_mastery`, the level to ask next from `topic_levels`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, func, literal_column, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Attempt, LevelMastery, Membership, TopicLevel, User
from db.repositories.classes import TopicStats
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


def _per_topic(register: Any) -> Any:
    """Per (student, topic) of the students in `register`: attempts, right answers, skips and
    the last attempt from `attempts`, answers and p per level from `level_mastery`; both
    tables read once each (UNION ALL), then grouped."""
    students = select(register.c.id)
    zero, one = literal_column("0"), literal_column("1")
    tried = select(
        Attempt.user_id.label("user_id"),
        Attempt.topic.label("topic"),
        one.label("tries"),
        case((Attempt.correct, 1), else_=0).label("right"),
        case((Attempt.skipped, 1), else_=0).label("skips"),
        Attempt.created_at.label("at"),
        null().label("level"),
        null().label("p_known"),
        null().label("answers"),
    ).where(Attempt.user_id.in_(students))
    known = select(
        LevelMastery.user_id,
        LevelMastery.topic,
        zero,
        zero,
        zero,
        null(),
        LevelMastery.level,
        LevelMastery.p_known,
        LevelMastery.answers,
    ).where(LevelMastery.user_id.in_(students))
    facts = union_all(tried, known).subquery("facts")
    p_per_level = [
        func.max(case((facts.c.level == level, facts.c.p_known))).label(f"p{level}")
        for level in LEVELS
    ]
    return (
        select(
            facts.c.user_id,
            facts.c.topic,
            func.sum(facts.c.tries).label("tries"),
            func.sum(facts.c.right).label("right"),
            func.sum(facts.c.skips).label("skips"),
            func.max(facts.c.at).label("last_at"),
            func.sum(facts.c.answers).label("answers"),
            *p_per_level,
        )
        .group_by(facts.c.user_id, facts.c.topic)
        .subquery("per_topic")
    )


def register_statement(
    class_id: int, *, offset: int = 0, limit: int | None = None, student_id: int | None = None
) -> Select[Any]:
    """One statement: students `offset`… (at most `limit`; or one student) of the class in
    register order, each with a row per topic they touched (one row with no topic if none),
    in register order."""
    register = _register(class_id, offset, limit, student_id)
    stats = _per_topic(register)
    return (
        select(
            register.c.id,
            register.c.first_name,
            register.c.last_name,
            register.c.username,
            register.c.total,
            stats.c.topic,
            stats.c.tries,
            stats.c.right,
            stats.c.skips,
            stats.c.last_at,
            stats.c.answers,
            *(stats.c[f"p{level}"] for level in LEVELS),
            TopicLevel.level,
        )
        .select_from(
            register.outerjoin(stats, stats.c.user_id == register.c.id).outerjoin(
                TopicLevel,
                and_(TopicLevel.user_id == stats.c.user_id, TopicLevel.topic == stats.c.topic),
            )
        )
        .order_by(register.c.sort_key.nulls_first(), register.c.id)
    )


def _topic_stats(row: Any) -> TopicStats:
    answers = int(row.answers or 0)
    known = {
        level: p for level in LEVELS if (p := row._mapping[f"p{level}"]) is not None
    }  # the levels tried
    return TopicStats(
        user_id=row.id,
        topic=row.topic,
        attempts=int(row.tries or 0),
        correct=int(row.right or 0),
        skipped=int(row.skips or 0),
        last_at=row.last_at,
        mastery=mean_mastery(answers, known) if row.answers is not None else None,
        # the level to ask next: stored once a level has been answered at, else the first
        level=(row.level or 1) if row.answers is not None else 1,
    )


def group_rows(rows: Iterable[Any], into: list[RegisterRow] | None = None) -> list[RegisterRow]:
    """Rows of `register_statement` (in its order) → one `RegisterRow` per student. `into`:
    the rows grouped so far, when a streamed statement arrives in parts (a student's rows
    may straddle two parts)."""
    students = into if into is not None else []
    for row in rows:
        if not students or students[-1].id != row.id:
            students.append(RegisterRow(row.id, row.first_name, row.last_name, row.username))
        if row.topic is not None:
            students[-1].topics[row.topic] = _topic_stats(row)
    return students


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
) -> AsyncIterator[Sequence[RegisterRow]]:
    """The whole class in register order, a few hundred students at a time (every student
    whole): one statement, its rows taken in parts so that a class of thousands never sits
    in memory as objects at once, nor holds the event loop for long."""
    result = await session.stream(register_statement(class_id))
    pending: list[RegisterRow] = []
    async for part in result.partitions(chunk):
        group_rows(part, pending)
        if len(pending) > 1:
            done, pending = pending[:-1], pending[-1:]  # the last may go on in the next part
            yield done
    if pending:
        yield pending

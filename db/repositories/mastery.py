"""Mastery per student × topic × level, the level each topic is at, and review cards.

`masteries` is the one way to read mastery: /progress (text and chart), the class report
(table, heatmap, CSV) and the dashboard all take it from here, and turn a topic into one number
with `quiz.mastery.topic_mastery`, so they all show the same number. The rules that change it
live in `quiz.mastery` (`record`); `save_topic` stores what they computed.

Functions run inside the caller's transaction; the caller commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import FromClause, Join, Row, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LevelMastery, TopicLevel
from db.repositories.dialect import run, upsert, write
from quiz.mastery import BKT, TYPED, LevelState, TopicState, Try, record

Users = Iterable[int] | Select[tuple[int]]


_LEVELS = LevelMastery.__table__
_TOPIC_LEVEL = TopicLevel.__table__
_LEVEL_COLUMNS = ("p_known", "answers", "mastered_at", "card", "review_due_at", "updated_at")


# What every read of mastery selects: a level's stored state and its topic's current level
# (joined by `with_topic_level`); `topic_states` turns such rows into each topic's state.
LEVEL_STATE = (
    _LEVELS.c.topic.label("known_topic"),
    _LEVELS.c.level.label("known_level"),
    _LEVELS.c.p_known,
    _LEVELS.c.answers,
    _LEVELS.c.mastered_at,
    _LEVELS.c.card,
    _TOPIC_LEVEL.c.level.label("topic_level"),
)


def with_topic_level(levels: FromClause) -> Join:
    """`levels` (the level rows, or a join that ends in them) with each row's topic level."""
    return levels.outerjoin(
        _TOPIC_LEVEL,
        and_(_TOPIC_LEVEL.c.user_id == _LEVELS.c.user_id, _TOPIC_LEVEL.c.topic == _LEVELS.c.topic),
    )


def topic_states(rows: Iterable[Row[Any]]) -> dict[str, TopicState]:
    """Per topic, its state from rows selecting `LEVEL_STATE` (a row without a level, from
    an outer join, adds nothing)."""
    levels: dict[str, dict[int, LevelState]] = {}
    current: dict[str, int] = {}
    for row in rows:
        if row.known_level is None:
            continue
        levels.setdefault(row.known_topic, {})[row.known_level] = LevelState(
            p=row.p_known, answers=row.answers, mastered_at=row.mastered_at, card=row.card
        )
        current[row.known_topic] = row.topic_level or 1
    return {topic: TopicState(level=current[topic], levels=at) for topic, at in levels.items()}


async def masteries(
    session: AsyncSession, users: Users, *, topic: str | None = None
) -> dict[int, dict[str, TopicState]]:
    """Per student (ids, or a SELECT of ids such as a class's members), per topic they have
    answered: the level to ask next and every tried level's state. One query, whatever the
    number of students (a topic's level row is written with its first level row)."""
    wanted = users if isinstance(users, Select) else list(users)
    stmt = (
        select(_LEVELS.c.user_id, *LEVEL_STATE)
        .select_from(with_topic_level(_LEVELS))
        .where(_LEVELS.c.user_id.in_(wanted))
    )
    if topic is not None:
        stmt = stmt.where(_LEVELS.c.topic == topic)
    per_user: dict[int, list[Row[Any]]] = {}
    for row in await run(session, stmt):
        per_user.setdefault(row.user_id, []).append(row)
    return {user_id: topic_states(rows) for user_id, rows in per_user.items()}


async def topic_of(session: AsyncSession, user_id: int, topic: str) -> TopicState:
    """One student's state on one topic (a fresh one before any answer)."""
    return (
        (await masteries(session, [user_id], topic=topic)).get(user_id, {}).get(topic, TopicState())
    )


async def save_topic(
    session: AsyncSession,
    user_id: int,
    topic: str,
    state: TopicState,
    *,
    level: int,
    now: datetime,
    before: TopicState | None = None,
) -> None:
    """Store the topic after a question at `level` (the only level `quiz.mastery.record`
    changed) and, when it moved (or is new), the level to ask next: one or two upserts.
    `before`: the topic as it was read, if the caller has it."""
    known = state.at(level)
    values = {
        "user_id": user_id,
        "topic": topic,
        "level": level,
        "p_known": known.p,
        "answers": known.answers,
        "mastered_at": known.mastered_at,
        "card": dict(known.card) if known.card is not None else None,
        "review_due_at": known.review_due_at,
        "updated_at": now,
    }
    keys = ("user_id", "topic", "level")
    await write(session, upsert(session, _LEVELS, keys, _LEVEL_COLUMNS), values)
    if before is not None and before.levels and before.level == state.level:
        return  # its level row exists (written with its first level row) and did not move
    current = {"user_id": user_id, "topic": topic, "level": state.level, "updated_at": now}
    statement = upsert(session, _TOPIC_LEVEL, ("user_id", "topic"), ("level", "updated_at"))
    await write(session, statement, current)


async def record_question(
    session: AsyncSession,
    user_id: int,
    topic: str,
    level: int,
    last: Try | None,
    now: datetime,
    *,
    model: BKT = TYPED,
    before: TopicState | None = None,
) -> tuple[TopicState, TopicState]:
    """A question at `level` closed with the try `last` (`quiz.mastery.record`), stored;
    returns the topic before and after. `before`: the state if the caller has read it."""
    if before is None:
        before = await topic_of(session, user_id, topic)
    after = record(before, level, last, now, model=model)
    await save_topic(session, user_id, topic, after, level=level, now=now, before=before)
    return before, after


@dataclass(frozen=True)
class DueReview:
    topic: str
    level: int
    due_at: datetime


async def due_reviews(session: AsyncSession, user_id: int, now: datetime) -> list[DueReview]:
    """The student's review cards due at `now`, most overdue first."""
    stmt = (
        select(LevelMastery.topic, LevelMastery.level, LevelMastery.review_due_at)
        .where(LevelMastery.user_id == user_id, LevelMastery.review_due_at <= now)
        .order_by(LevelMastery.review_due_at, LevelMastery.topic, LevelMastery.level)
    )
    return [DueReview(topic, level, due) for topic, level, due in await session.execute(stmt)]


async def next_review_at(session: AsyncSession, user_id: int) -> datetime | None:
    """When the student's next review card falls due (None without cards)."""
    return await session.scalar(
        select(func.min(LevelMastery.review_due_at)).where(LevelMastery.user_id == user_id)
    )

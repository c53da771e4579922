"""The inbox: every update Telegram sends is stored, and committed, before Telegram is told it
arrived; handling it marks it done in the same transaction as its effects.

How the "done" mark rides along: while an update is handled, `handling(update_id)` puts a
`Handling` on a context variable. Every session of `db.session.Database` runs
`before_commit`/`after_commit` below, so the first commit made while handling (the attempt,
the class, the homework…) also sets `done_at` of that update — the effects and the mark
commit together or not at all. A session whose commit is not the update's effect (the
visitor's profile refresh before any handler runs) says so with `unrelated(session)`.

An update whose handler wrote nothing is marked done by the caller once the handler has
returned (`mark_done`). An update that is done is never handled again: a crash before the
commit leaves it not done, and the bot handles it after the restart (`not_done`).

Once done, the raw update (names, texts) is cleared; the row itself (ids only) is kept for
`RETENTION` so that a redelivered update is recognised, then `prune` deletes it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from db.models import InboxUpdate, utcnow
from db.repositories import replicas
from db.repositories.dialect import insert_new, run, write_soon

# Telegram keeps an update it has not been told about for 24 hours and may deliver it again
# in that time (the bot stored it, then died before confirming the offset): done rows are
# kept for twice that, so such a redelivery is still recognised and ignored.
RETENTION = timedelta(hours=48)

_UNRELATED = "inbox.unrelated"
_MARKING = "inbox.marking"


@dataclass(frozen=True)
class NewUpdate:
    update_id: int
    chat_id: int | None
    user_id: int | None
    payload: dict[str, Any]


@dataclass
class Handling:
    """The update being handled in this task; `done` once a commit has marked it done.
    `claimed_by`: the replica that claimed it (PostgreSQL); marking it done then also checks
    that the claim is still this replica's."""

    update_id: int
    claimed_by: str | None = None
    done: bool = False


class LostClaim(Exception):
    """Another replica took this update over (this one was taken for dead): the transaction
    that would have marked it done is rolled back, effects and all."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} was taken over by another replica")
        self.update_id = update_id


_current: ContextVar[Handling | None] = ContextVar("inbox_handling", default=None)


@contextmanager
def handling(update_id: int, claimed_by: str | None = None) -> Iterator[Handling]:
    """While handling `update_id`: the first commit (of any session) marks it done."""
    state = Handling(update_id, claimed_by)
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


def current() -> Handling | None:
    """The update this task is handling, if any."""
    return _current.get()


def unrelated(session: AsyncSession) -> None:
    """This session's commits are not the effect of the update being handled."""
    session.info[_UNRELATED] = True


# ---------------------------------------------------------------- session hooks


def before_commit(session: Session) -> None:
    """Add "this update is done" to the first transaction that commits while handling it."""
    state = _current.get()
    if state is None or state.done or session.info.get(_UNRELATED):
        return
    session.info[_MARKING] = state
    if state.claimed_by is None:
        # One process owns the database: nobody else can have marked it, so the mark needs
        # no answer and rides along with the commit's own trip to the database (SQLite).
        write_soon(session, _DONE, _done_parameters(state.update_id))
        return
    # Core, on the session's connection: the mark rides along with every handled update.
    marked = session.connection().execute(
        _DONE_IF_HELD, _done_parameters(state.update_id, state.claimed_by)
    )
    if not marked.rowcount:  # type: ignore[attr-defined]
        # Not marked: another replica holds it now, unless these very effects deleted the
        # row (/forget_me deletes the sender's stored updates, this one included).
        holder = select(InboxUpdate.claimed_by).where(InboxUpdate.update_id == state.update_id)
        if session.execute(holder).first() is not None:
            session.info.pop(_MARKING, None)
            raise LostClaim(state.update_id)


def after_commit(session: Session) -> None:
    state = session.info.pop(_MARKING, None)
    if state is not None:
        state.done = True


def after_rollback(session: Session) -> None:
    session.info.pop(_MARKING, None)


_TABLE = InboxUpdate.__table__
# Built once: the mark comes with every update, and building an UPDATE with its WHERE clause
# anew each time cost ~0.25 ms of CPU (bench/bot_bench.py's profile on PostgreSQL).
_DONE = (
    _TABLE.update()
    .where(_TABLE.c.update_id == bindparam("id_done"), _TABLE.c.done_at.is_(None))
    .values(done_at=bindparam("at_done"), payload=None)
)
_DONE_IF_HELD = _DONE.where(_TABLE.c.claimed_by == bindparam("held_by"))


def _done_parameters(update_id: int, claimed_by: str | None = None) -> dict[str, Any]:
    parameters: dict[str, Any] = {"id_done": update_id, "at_done": utcnow()}
    if claimed_by is not None:
        parameters["held_by"] = claimed_by
    return parameters


# ---------------------------------------------------------------- storing and reading


async def store(session: AsyncSession, updates: Sequence[NewUpdate]) -> set[int]:
    """Insert the updates not stored yet (one statement); returns the ids that were new.
    The caller commits."""
    if not updates:
        return set()
    now = utcnow()
    rows = [
        {
            "update_id": item.update_id,
            "chat_id": item.chat_id,
            "user_id": item.user_id,
            "payload": item.payload,
            "received_at": now,
        }
        for item in updates
    ]
    # Built once, the rows as parameters (SQLAlchemy sends them as one statement): a VALUES
    # clause of this batch's length would be compiled anew for every batch.
    statement = insert_new(session, _TABLE, ("update_id",), "update_id")
    return set((await run(session, statement, rows)).scalars().all())


async def not_done_among(session: AsyncSession, update_ids: Iterable[int]) -> list[InboxUpdate]:
    ids = list(update_ids)
    if not ids:
        return []
    stmt = (
        select(InboxUpdate)
        .where(InboxUpdate.update_id.in_(ids), InboxUpdate.done_at.is_(None))
        .order_by(InboxUpdate.update_id)
    )
    return list((await session.scalars(stmt)).all())


async def not_done(session: AsyncSession) -> list[InboxUpdate]:
    """Every stored update not handled yet, oldest first (what a crash left behind)."""
    stmt = select(InboxUpdate).where(InboxUpdate.done_at.is_(None)).order_by(InboxUpdate.update_id)
    return list((await session.scalars(stmt)).all())


async def mark_done(session: AsyncSession, update_id: int, claimed_by: str | None = None) -> bool:
    """For an update whose handling wrote nothing (or could not even be parsed). False if
    it was done already, or (with `claimed_by`) another replica has taken it over."""
    statement = _DONE if claimed_by is None else _DONE_IF_HELD
    marked = await session.execute(statement, _done_parameters(update_id, claimed_by))
    return bool(marked.rowcount)  # type: ignore[attr-defined]


def chat_key() -> ColumnElement[int]:
    """What orders updates: their chat, else their sender; else each update is its own."""
    return func.coalesce(InboxUpdate.chat_id, InboxUpdate.user_id, -InboxUpdate.update_id)


async def claim_heads(session: AsyncSession, replica_id: str, limit: int) -> list[InboxUpdate]:
    """PostgreSQL: claim for `replica_id` up to `limit` updates, each the oldest not done of
    its chat and held by no live replica, oldest first (`FOR UPDATE SKIP LOCKED`: replicas
    claiming at once never take the same row). A chat's next update becomes claimable once
    this one is done, so each chat is handled in update order, by one replica at a time.
    The caller commits, then handles them."""
    heads = (
        select(func.min(InboxUpdate.update_id))
        .where(InboxUpdate.done_at.is_(None))
        .group_by(chat_key())
    )
    free = (
        select(InboxUpdate.update_id)
        .where(
            InboxUpdate.update_id.in_(heads),
            InboxUpdate.done_at.is_(None),
            replicas.not_held(InboxUpdate.claimed_by),
        )
        .order_by(InboxUpdate.update_id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.scalars(
        update(InboxUpdate)
        .where(InboxUpdate.update_id.in_(free.scalar_subquery()))
        .values(claimed_by=replica_id)
        .returning(InboxUpdate)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed.all(), key=lambda row: row.update_id)


async def prune(session: AsyncSession, *, now: datetime) -> int:
    """Delete rows done longer than RETENTION ago. The caller commits."""
    result = await session.execute(
        delete(InboxUpdate)
        .where(InboxUpdate.done_at.is_not(None), InboxUpdate.done_at < now - RETENTION)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

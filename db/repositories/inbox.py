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

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from db.models import InboxUpdate, utcnow
from db.repositories.dialect import insert_for

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
    """The update being handled in this task; `done` once a commit has marked it done."""

    update_id: int
    done: bool = False


_current: ContextVar[Handling | None] = ContextVar("inbox_handling", default=None)


@contextmanager
def handling(update_id: int) -> Iterator[Handling]:
    """While handling `update_id`: the first commit (of any session) marks it done."""
    state = Handling(update_id)
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
    session.execute(_done_statement(state.update_id, utcnow()))
    session.info[_MARKING] = state


def after_commit(session: Session) -> None:
    state = session.info.pop(_MARKING, None)
    if state is not None:
        state.done = True


def after_rollback(session: Session) -> None:
    session.info.pop(_MARKING, None)


def _done_statement(update_id: int, now: datetime) -> Any:
    return (
        update(InboxUpdate)
        .where(InboxUpdate.update_id == update_id, InboxUpdate.done_at.is_(None))
        .values(done_at=now, payload=None)
        .execution_options(synchronize_session=False)
    )


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
    statement = (
        insert_for(session)(InboxUpdate)
        .values(rows)
        .on_conflict_do_nothing(index_elements=[InboxUpdate.update_id])
        .returning(InboxUpdate.update_id)
    )
    return set((await session.scalars(statement)).all())


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


async def mark_done(session: AsyncSession, update_id: int) -> None:
    """For an update whose handling wrote nothing (or could not even be parsed)."""
    await session.execute(_done_statement(update_id, utcnow()))


async def prune(session: AsyncSession, *, now: datetime) -> int:
    """Delete rows done longer than RETENTION ago. The caller commits."""
    result = await session.execute(
        delete(InboxUpdate)
        .where(InboxUpdate.done_at.is_not(None), InboxUpdate.done_at < now - RETENTION)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

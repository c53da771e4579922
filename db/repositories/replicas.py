"""Replicas: bot processes sharing one PostgreSQL database behind a load balancer.

Each replica has a random id and beats every `HEARTBEAT` (its row in `replicas`, stamped
with the database's clock, so the machines' clocks do not matter). It claims the updates it
handles (`inbox_updates.claimed_by`, see `db.repositories.inbox.claim_heads`) and sends the
outbox rows it wrote (`outbox_messages.owner`). A replica that has not beaten for `LEASE` is
taken for dead: its claims can be taken by others, and a live replica adopts its outbox rows
(`adopt_outbox`). A replica that stops cleanly deletes its row, so the others take over at
once. A replica taken for dead by mistake (stalled for longer than the lease) loses any
update someone else has claimed since: marking it done fails, and its transaction with it."""

from __future__ import annotations

import secrets
import socket
from datetime import timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import OutboxMessage, Replica
from db.repositories.dialect import insert_for

HEARTBEAT = timedelta(seconds=2)
LEASE = timedelta(seconds=10)


def new_id() -> str:
    """Unique per process start: the host, then random bits."""
    return f"{socket.gethostname()[:40]}-{secrets.token_hex(6)}"


def database_now() -> ColumnElement[object]:
    """Now by the database's clock, as the naive UTC our timestamps are stored in."""
    return func.timezone("UTC", func.now())


def alive() -> ColumnElement[bool]:
    return Replica.seen_at > database_now() - LEASE


async def beat(session: AsyncSession, replica_id: str) -> None:
    """This replica is alive (its row created on the first beat). The caller commits."""
    now = database_now()
    statement = (
        insert_for(session)(Replica)
        .values(id=replica_id, started_at=now, seen_at=now)
        .on_conflict_do_update(index_elements=[Replica.id], set_={"seen_at": now})
    )
    await session.execute(statement)


async def leave(session: AsyncSession, replica_id: str) -> None:
    """A clean stop: the others may take over at once. The caller commits."""
    await session.execute(delete(Replica).where(Replica.id == replica_id))


def owned_by_a_live_replica(owner: ColumnElement[str | None]) -> ColumnElement[bool]:
    """`owner` names a replica that is still beating."""
    return owner.in_(select(Replica.id).where(alive()))


def not_held(owner: ColumnElement[str | None]) -> ColumnElement[bool]:
    """Nobody holds it, or whoever did has stopped beating."""
    return or_(owner.is_(None), ~owned_by_a_live_replica(owner))


async def adopt_outbox(session: AsyncSession, replica_id: str) -> list[OutboxMessage]:
    """Take over the pending outbox rows of replicas that stopped beating (or left), in the
    order they were written. The caller commits, then sends them."""
    orphans = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == "pending",
            or_(OutboxMessage.owner.is_(None), OutboxMessage.owner != replica_id),
            not_held(OutboxMessage.owner),
        )
        .with_for_update(skip_locked=True)
    )
    adopted = await session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(orphans.scalar_subquery()))
        .values(owner=replica_id)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    return sorted(adopted.all(), key=lambda row: row.id)


async def forget_departed(session: AsyncSession) -> int:
    """Delete rows of replicas dead for long (a restart gets a new id). The caller commits."""
    result = await session.execute(
        delete(Replica).where(Replica.seen_at < database_now() - LEASE * 100)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""The outbox: messages owed to chats, written in the same transaction as the results they
report. A row is pending until Telegram accepts it (then it is deleted) or the sender gives up
(then it is kept as failed, with the reason, for RETENTION).

Rows added with `add` are inserted when their transaction commits (`insert_added`, from the
session's before-commit hook: one Core INSERT … RETURNING id, not the ORM's unit of work, since
every reply pays for it) and announced once it has committed: `db.session.Database` calls its
outbox listeners (the bot's sender) with them, so they go out at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from db.models import OutboxMessage, utcnow
from db.repositories.dialect import write_soon
from db.repositories.inbox import RETENTION

INTERACTIVE, BULK = 0, 1  # priorities: replies to what a user just did; class-wide sends
MESSAGE, DOCUMENT, PHOTO = "message", "document", "photo"
PENDING, FAILED = "pending", "failed"
MAX_ERROR = 255

_NEW_ROWS = "outbox.new_rows"
_TABLE = OutboxMessage.__table__
_COLUMNS = tuple(column.name for column in _TABLE.columns if column.name != "id")
_INSERT = _TABLE.insert().returning(_TABLE.c.id, sort_by_parameter_order=True)
_INSERT_ONE = _TABLE.insert().returning(_TABLE.c.id)


def add(
    session: AsyncSession,
    *,
    chat_id: int,
    text: str,
    kind: str = MESSAGE,
    parse_mode: str | None = None,
    reply_markup: dict[str, Any] | None = None,
    file_name: str | None = None,
    file_data: bytes | None = None,
    priority: int = INTERACTIVE,
    user_id: int | None = None,
    update_id: int | None = None,
) -> OutboxMessage:
    """Owe `chat_id` this message; it is stored (its `id` set) and sent once the caller
    commits."""
    row = OutboxMessage(
        chat_id=chat_id,
        user_id=user_id,
        priority=priority,
        kind=kind,
        text=text,
        parse_mode=parse_mode,
        reply_markup=reply_markup,
        file_name=file_name,
        file_data=file_data,
        update_id=update_id,
        status=PENDING,
        attempts=0,
        created_at=utcnow(),
        # Sent by the process that wrote it (among replicas sharing PostgreSQL).
        owner=getattr(session.info.get("database"), "replica_id", None),
    )
    session.info.setdefault(_NEW_ROWS, []).append(row)
    return row


def insert_added(session: Session) -> None:
    """Before commit: insert the rows `add`ed in this transaction, in the order they were
    added, and set their ids. What the session holds is flushed first, as the ORM would have
    ordered it (a user created in this transaction before the message owed to them)."""
    rows = [row for row in session.info.get(_NEW_ROWS, ()) if row.id is None]
    if not rows:
        return
    session.flush()
    values = [{name: getattr(row, name) for name in _COLUMNS} for row in rows]
    if len(values) == 1:  # the usual reply: with the commit's trip on SQLite
        write_soon(session, _INSERT_ONE, values[0], _IdSetter(rows[0]))
        return
    ids = session.connection().execute(_INSERT, values).scalars().all()
    for row, row_id in zip(rows, ids, strict=True):
        row.id = row_id


class _IdSetter:
    """Gives a row the id its INSERT … RETURNING returned."""

    def __init__(self, row: OutboxMessage) -> None:
        self.row = row

    def __call__(self, returned: list[Any]) -> None:
        self.row.id = returned[0][0]


def committed_rows(session: Session) -> list[OutboxMessage]:
    """The rows `add`ed in the transaction that just committed (for the after-commit hook)."""
    return session.info.pop(_NEW_ROWS, None) or []


def forget_uncommitted(session: Session) -> None:
    session.info.pop(_NEW_ROWS, None)


async def pending(session: AsyncSession) -> list[OutboxMessage]:
    """Every message still owed, in the order it was written."""
    stmt = select(OutboxMessage).where(OutboxMessage.status == PENDING).order_by(OutboxMessage.id)
    return list((await session.scalars(stmt)).all())


async def delivered(session: AsyncSession, message_ids: Iterable[int]) -> None:
    ids = list(message_ids)
    if ids:
        table = OutboxMessage.__table__
        await session.execute(table.delete().where(table.c.id.in_(ids)))


async def give_up(
    session: AsyncSession, message_id: int, *, error: str, attempts: int, at: datetime
) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(status=FAILED, last_error=error[:MAX_ERROR], attempts=attempts, failed_at=at)
        .execution_options(synchronize_session=False)
    )


async def prune(session: AsyncSession, *, now: datetime) -> int:
    """Delete rows given up on longer than RETENTION ago. The caller commits."""
    result = await session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.status == FAILED, OutboxMessage.failed_at < now - RETENTION)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""What differs between SQLite and PostgreSQL, in one place; and the statements every update
runs, built once.

The hot path (grading an answer, asking the next question, the inbox and outbox bookkeeping)
runs a handful of statements per update. Built once with bind parameters and executed on the
session's connection, a statement skips what costs most of its CPU when built afresh through
the ORM each time: the ORM's compile step and the statement's cache key."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable


def dialect_of(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def insert_for(session: AsyncSession) -> Any:
    """The dialect's INSERT with ON CONFLICT (SQLite and PostgreSQL both have it)."""
    return postgresql.insert if dialect_of(session) == "postgresql" else sqlite.insert


@functools.cache
def _upsert(dialect: str, table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.values({name: bindparam(name) for name in (*keys, *columns)})
    return statement.on_conflict_do_update(
        index_elements=[table.c[name] for name in keys],
        set_={name: statement.excluded[name] for name in columns},
    )


def upsert(session: AsyncSession, table: Table, keys: Sequence[str], columns: Sequence[str]) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET columns, built once per table and dialect;
    run it with every key and column as a parameter (`run(session, statement, values)`)."""
    return _upsert(dialect_of(session), table, tuple(keys), tuple(columns))


async def run(
    session: AsyncSession,
    statement: Executable,
    parameters: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
) -> CursorResult[Any]:
    """Execute a Core statement on the session's connection (in its transaction), after
    flushing what the session holds, as `session.execute` would (autoflush)."""
    if session.new or session.dirty or session.deleted:
        await session.flush()
    connection = await session.connection()
    return await connection.execute(statement, parameters)  # type: ignore[arg-type]

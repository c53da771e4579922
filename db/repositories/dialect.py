"""What differs between SQLite and PostgreSQL, in one place; and the statements every update
runs, built once.

The hot path (grading an answer, asking the next question, the inbox and outbox bookkeeping)
runs a handful of statements per update. Built once with bind parameters and executed on the
session's connection, a statement skips what costs most of its CPU when built afresh through
the ORM each time: the ORM's compile step and the statement's cache key."""

from __future__ import annotations

import collections
import functools
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import aiosqlite
from sqlalchemy import Select, Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from db.sqlite_thread import OneTripConnection, RowsCallback


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


@functools.cache
def _insert_new(dialect: str, table: Table, keys: tuple[str, ...], returning: str) -> Any:
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.on_conflict_do_nothing(index_elements=[table.c[name] for name in keys])
    return statement.returning(table.c[returning])


def insert_new(session: AsyncSession, table: Table, keys: Sequence[str], returning: str) -> Any:
    """INSERT … ON CONFLICT (keys) DO NOTHING RETURNING `returning`, built once per table and
    dialect: run it with a list of rows (`run(session, statement, rows)`, one statement for
    them all); it returns the column of the rows that were new."""
    return _insert_new(dialect_of(session), table, tuple(keys), returning)


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


async def write(
    session: AsyncSession, statement: Executable, parameters: Mapping[str, Any]
) -> None:
    """A write whose outcome the caller does not need (no rows, no row count): on SQLite it
    runs first in the connection's next trip to its thread (`db.sqlite_thread`), not in a
    trip of its own; elsewhere at once. Either way in this transaction, in order."""
    if session.new or session.dirty or session.deleted:
        await session.flush()  # what the ORM holds goes first, as `run` orders it
    connection = await session.connection()
    if not _defer(connection.sync_connection, statement, parameters):
        await connection.execute(statement, parameters)


def write_soon(
    session: Session,
    statement: Executable,
    parameters: Mapping[str, Any],
    on_rows: RowsCallback | None = None,
) -> None:
    """`write` for the session's synchronous hooks (before commit): deferred to the commit's
    trip on SQLite, at once elsewhere; `on_rows` gets the rows of a RETURNING clause."""
    connection = session.connection()
    if _defer(connection, statement, parameters, on_rows):
        return
    result = connection.execute(statement, parameters)
    if on_rows is not None:
        on_rows(list(result.all()))


_Compiled = tuple[Any, str, tuple[str, ...], Mapping[str, Any]]
_COMPILED: dict[tuple[Executable, tuple[str, ...]], _Compiled | None] = {}
_COMPILED_LIMIT = 256  # statements are built once (module constants): a handful in practice


def _defer(
    connection: Connection | None,
    statement: Executable,
    parameters: Mapping[str, Any],
    on_rows: RowsCallback | None = None,
) -> bool:
    """Hand the statement, compiled and its parameters processed as SQLAlchemy would, to the
    SQLite connection's next trip; False when that is not possible (another database, a
    statement needing defaults computed or parameters expanded): then run it as usual."""
    if connection is None:
        return False
    target = getattr(connection.connection.dbapi_connection, "_connection", None)
    if not isinstance(target, OneTripConnection):
        return False
    key = (statement, tuple(parameters))
    if key not in _COMPILED:
        if len(_COMPILED) >= _COMPILED_LIMIT:
            _COMPILED.clear()
        _COMPILED[key] = _compile(connection, statement, key[1])
    compiled = _COMPILED[key]
    if compiled is None:
        return False
    element, sql, positions, processors = compiled
    values = element.construct_params(parameters)
    ordered = [
        processors[name](values[name]) if name in processors else values[name] for name in positions
    ]
    target.defer(sql, ordered, on_rows)
    return True


# Writes to these tables are seen statement by statement (`db.session.Database` forgets the
# users it remembers on any), so they are never deferred.
_WATCHED = frozenset({"users"})


def _compile(connection: Connection, statement: Executable, keys: tuple[str, ...]) -> Any:
    table = getattr(statement, "table", None)
    if table is None or getattr(table, "name", None) in _WATCHED:
        return None
    element = statement.compile(dialect=connection.dialect, column_keys=list(keys))  # type: ignore[attr-defined]
    if (
        not element.positional
        or element.insert_prefetch
        or element.update_prefetch
        or element.literal_execute_params
        or element.post_compile_params
    ):
        return None
    # What DefaultExecutionContext does with a compiled statement's parameters.
    return element, element.string, tuple(element.positiontup), element._bind_processors


async def stream_parts(
    session: AsyncSession, statement: Select[Any], size: int
) -> AsyncIterator[Sequence[Any]]:
    """The rows of a SELECT, `size` at a time, without all of them in memory at once.

    PostgreSQL streams through a server-side cursor. SQLite's connection here fetches every
    row of a statement in one trip to its thread (`db.sqlite_thread`), which for a report of
    a whole school is tens of MB of rows at once; so its rows are fetched part by part from
    the driver's own cursor, and converted as SQLAlchemy would (e.g. times to aware
    datetimes), as named tuples."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        result = await connection.stream(statement)
        async for part in result.partitions(size):
            yield part
        return
    raw = (await connection.get_raw_connection()).driver_connection
    if not isinstance(raw, aiosqlite.Connection) or getattr(raw, "deferred", None):
        result = await connection.stream(statement)  # writes wait for this connection's trip
        async for part in result.partitions(size):
            yield part
        return
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect)
    values = compiled.construct_params()
    arguments = [values[name] for name in compiled.positiontup or ()]
    columns = list(statement.selected_columns)
    convert = [
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
    ]
    row_type = collections.namedtuple("Row", statement.selected_columns.keys(), rename=True)  # type: ignore[misc]
    # Seen by the engine's statement listeners (counters, logs) like any other statement.
    sync = connection.sync_connection
    if sync is not None and sync.dispatch.before_cursor_execute:
        sync.dispatch.before_cursor_execute(sync, None, compiled.string, arguments, None, False)
    cursor = await aiosqlite.Connection.execute(raw, compiled.string, arguments)
    try:
        while rows := await cursor.fetchmany(size):
            yield [
                row_type(*(f(v) if f is not None else v for f, v in zip(convert, row, strict=True)))
                for row in rows
            ]
    finally:
        await cursor.close()

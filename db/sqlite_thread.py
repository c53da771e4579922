"""aiosqlite with one trip to its thread per statement.

aiosqlite runs a SQLite connection in a thread of its own and hands each call to it through a
queue; SQLAlchemy's adapter makes four such calls per statement (create a cursor, execute,
fetch all rows, close the cursor). Each trip costs the event loop a future, a wake-up of the
thread and one of the loop (measured: ~130 µs of CPU per statement for four trips, ~40 µs for
one). Here the cursor is a plain object on the loop's side, and executing a statement runs
execute + fetchall + close together in the connection's thread: one trip. Results are the
same rows SQLite gives; nothing else about aiosqlite changes (transactions, commit, rollback
and the thread itself are its own).

Writes whose outcome the caller does not need at once (the attempt, the mastery upsert, the
update's "done" mark, a reply owed in the outbox: `db.repositories.dialect.write`) need no
trip of their own: `OneTripConnection.defer` keeps them, and they run first in the
connection's next trip — the next statement's, or the commit's — in the order they were
written. A later read in the transaction sees them (they run before it, in the same trip); a
failing one fails that trip, and a commit whose deferred writes fail rolls back.

Used by `db.session.Database` for `sqlite+aiosqlite` URLs through SQLAlchemy's documented
`async_creator` hook."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import make_url

Rows = list[Any]
RowsCallback = Callable[[Rows], None]
# A deferred write: its SQL, its positional parameters, and who wants its rows (RETURNING).
Deferred = tuple[str, Sequence[Any], RowsCallback | None]


class OneTripCursor(aiosqlite.Cursor):
    """A cursor that keeps the rows of its last statement; only `execute`/`executemany`
    go to the connection's thread."""

    def __init__(self, conn: aiosqlite.Connection) -> None:  # no sqlite3 cursor yet
        self.iter_chunk_size = conn._iter_chunk_size
        self._conn = conn
        self._rows: Rows = []
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> OneTripCursor:
        conn = self._conn
        deferred = _take_deferred(conn)
        trip = (conn._conn, deferred, False, sql, parameters or ())
        results, outcome = await conn._execute(_run, *trip)
        _deliver(deferred, results)
        self._keep(*outcome)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> OneTripCursor:
        conn = self._conn
        deferred = _take_deferred(conn)
        trip = (conn._conn, deferred, True, sql, list(parameters))
        results, outcome = await conn._execute(_run, *trip)
        _deliver(deferred, results)
        self._keep(*outcome)
        return self

    def _keep(self, rows: Rows, description: Any, rowcount: int, lastrowid: int | None) -> None:
        self._rows, self._description = rows, description
        self._rowcount, self._lastrowid = rowcount, lastrowid

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Rows:
        size = self._arraysize if size is None else size
        taken, self._rows = self._rows[:size], self._rows[size:]
        return taken

    async def fetchall(self) -> Rows:
        taken, self._rows = self._rows, []
        return taken

    async def close(self) -> None:
        self._rows = []

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    @property
    def description(self) -> Any:
        return self._description


def _run(
    conn: sqlite3.Connection, deferred: list[Deferred], many: bool, sql: str, parameters: Any
) -> tuple[list[Rows | None], tuple[Rows, Any, int, int | None]]:
    """In the connection's thread: the deferred writes, then the statement, all its rows, and
    what the cursor knew."""
    results = _run_deferred(conn, deferred)
    cursor = (conn.executemany if many else conn.execute)(sql, parameters)
    try:
        rows = cursor.fetchall() if cursor.description else []
        return results, (rows, cursor.description, cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


def _run_deferred(conn: sqlite3.Connection, deferred: list[Deferred]) -> list[Rows | None]:
    results: list[Rows | None] = []
    for sql, parameters, on_rows in deferred:
        cursor = conn.execute(sql, parameters)
        try:
            results.append(cursor.fetchall() if on_rows is not None else None)
        finally:
            cursor.close()
    return results


def _commit_after(conn: sqlite3.Connection, deferred: list[Deferred]) -> list[Rows | None]:
    """In the connection's thread: the deferred writes, then COMMIT; if a write fails,
    nothing of the transaction is kept."""
    try:
        results = _run_deferred(conn, deferred)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return results


def _take_deferred(conn: aiosqlite.Connection) -> list[Deferred]:
    if not isinstance(conn, OneTripConnection) or not conn.deferred:
        return []
    deferred, conn.deferred = conn.deferred, []
    return deferred


def _deliver(deferred: list[Deferred], results: list[Rows | None]) -> None:
    for (_, _, on_rows), rows in zip(deferred, results, strict=True):
        if on_rows is not None:
            on_rows(rows or [])


class OneTripConnection(aiosqlite.Connection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deferred: list[Deferred] = []

    @contextmanager
    async def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)

    def defer(self, sql: str, parameters: Sequence[Any], on_rows: RowsCallback | None) -> None:
        """Run this write first in the next trip (see the module docstring); `on_rows` gets
        the rows it returns."""
        self.deferred.append((sql, parameters, on_rows))

    async def commit(self) -> None:
        deferred = _take_deferred(self)
        if not deferred:
            await super().commit()
            return
        _deliver(deferred, await self._execute(_commit_after, self._conn, deferred))

    async def rollback(self) -> None:
        self.deferred = []
        await super().rollback()

    async def close(self) -> None:
        self.deferred = []
        await super().close()


def creator(url: str) -> Callable[[], Any]:
    """SQLAlchemy's `async_creator` for a `sqlite+aiosqlite` URL: a started connection with
    the arguments SQLAlchemy's own aiosqlite dialect would pass to `sqlite3.connect`."""
    args, kwargs = SQLiteDialect_aiosqlite().create_connect_args(make_url(url))

    async def connect() -> OneTripConnection:
        def connector() -> sqlite3.Connection:
            return sqlite3.connect(*args, **kwargs)

        connection = OneTripConnection(connector, iter_chunk_size=64)
        connection._thread.daemon = True  # as SQLAlchemy does for aiosqlite's own
        return await connection

    return connect


__all__: Sequence[str] = ("OneTripConnection", "OneTripCursor", "creator")

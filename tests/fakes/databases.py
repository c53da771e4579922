"""Where a test's database lives.

By default a SQLite file in the test's tmp_path. With `TEST_DATABASE_URL` set to a PostgreSQL
server (`postgresql+asyncpg://user@127.0.0.1:5433/postgres`), every (tmp_path, name) gets a
fresh, empty database of its own on that server, named after a digest of both: asking twice
in one test (a restart, a second process) gives the same database, and no two tests share
one. The bot migrates it on start as in production; `drop_created()` removes them all after
each test (tests/conftest.py)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

ENV = "TEST_DATABASE_URL"

_created: dict[str, URL] = {}  # database name → the server URL it was created from
_lock = threading.Lock()


def server_url() -> URL | None:
    """The PostgreSQL server the tests run on, or None for SQLite."""
    raw = os.environ.get(ENV, "").strip()
    return make_url(raw) if raw else None


def on_postgresql() -> bool:
    return server_url() is not None


def database_url(tmp_path: Path, name: str = "bot") -> str:
    """A database URL for this test: `<tmp_path>/<name>.sqlite3`, or a fresh PostgreSQL
    database when TEST_DATABASE_URL is set."""
    server = server_url()
    if server is None:
        return f"sqlite+aiosqlite:///{tmp_path}/{name}.sqlite3"
    digest = hashlib.sha256(f"{Path(tmp_path).resolve()}/{name}".encode()).hexdigest()[:24]
    database = f"test_{digest}"
    with _lock:
        if database not in _created:
            _run(_recreate(server, database))
            _created[database] = server
    return server.set(database=database).render_as_string(hide_password=False)


def drop_created() -> None:
    """Drop every database `database_url` created (FORCE: a test may leave connections)."""
    with _lock:
        created = list(_created.items())
        _created.clear()
    for database, server in created:
        _run(_execute(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


async def _recreate(server: URL, database: str) -> None:
    # A leftover from an aborted run of the same tmp_path must not leak rows into this one.
    await _execute(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    await _execute(server, f'CREATE DATABASE "{database}" TEMPLATE template0')


async def _execute(server: URL, sql: str) -> None:
    import asyncpg  # the `postgres` extra; only needed when TEST_DATABASE_URL is set

    connection = await asyncpg.connect(
        host=server.host,
        port=server.port,
        user=server.username,
        password=server.password,
        database=server.database or "postgres",
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run on a private event loop in a thread: callers may be sync code or may sit inside
    the test's own running loop (harness settings are built there)."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the caller's thread
            errors.append(error)

    thread = threading.Thread(target=target, name="test-database")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]

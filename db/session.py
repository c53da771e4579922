"""The engine, the session factory and applying migrations on start."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.util import await_only

from db import sqlite_thread
from db.migrations import HEAD_REVISION
from db.models import OutboxMessage
from db.repositories import inbox, outbox, replicas, users

log = logging.getLogger(__name__)

OutboxListener = Callable[[list[OutboxMessage]], None]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# INSERT INTO users / UPDATE users / DELETE FROM users (any quoting); the foreign keys'
# cascades start from a DELETE of the user row, so they are caught too.
_WRITES_USERS = re.compile(
    r'\s*(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?users"?\b', re.IGNORECASE
)
MIGRATION_LOCK_KEY = 0x5157_0001  # any constant bigint of our own: "SQ", migrations


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work while one writer commits; foreign keys are off by default in SQLite;
    # the busy timeout makes a second process wait for a lock instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(url: str) -> Any:
    """Alembic's configuration for our migrations (Alembic is imported only when needed:
    most starts find the database at head and never load its ~10 MB)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


# A connection back in the pool for less than this is taken without a ping (HikariCP's
# "alive bypass window" is 500 ms too). It answered a statement a moment ago; if the server
# has gone since, a new connection would most likely fail as well. Under a class's load the
# pool's connections come back every ~0.1 s, so the pings (~80 µs of CPU each, 2.3 a quiz
# round) are skipped then, and a connection idle for longer is still checked.
PING_AFTER_IDLE_SECONDS = 0.5
_RETURNED_AT = "returned_at"  # in the pool's info of the connection (cleared if replaced)


def _note_return(_dbapi_connection: Any, record: Any) -> None:
    record.info[_RETURNED_AT] = time.monotonic()


def _ping_on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """A connection taken from the pool answers a ping first, or the pool replaces it
    (SQLAlchemy's pessimistic disconnect handling, as `pool_pre_ping` does) — unless it was
    returned less than PING_AFTER_IDLE_SECONDS ago. Pre-ping pings inside a transaction of
    its own (BEGIN, an empty query, ROLLBACK: for PgBouncer's transaction mode, which we do
    not use): three round trips, 4 checkouts a quiz round, ~1 ms of the bot's CPU per round.
    An empty query alone proves the connection as well."""
    returned_at = record.info.get(_RETURNED_AT)
    if returned_at is None or time.monotonic() - returned_at >= PING_AFTER_IDLE_SECONDS:
        _ping(record.driver_connection)


def _ping(driver_connection: Any) -> None:
    try:
        await_only(driver_connection.fetchrow(";"))
    except Exception as exc:  # whatever broke it, a new connection is the cure
        raise DisconnectionError("the database connection did not answer a ping") from exc


def _at_head(connection: Connection) -> bool:
    """The database is at our newest migration already (a plain read of Alembic's own table)."""
    if not inspect(connection).has_table("alembic_version"):
        return False
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return list(versions) == [HEAD_REVISION]


class Turns:
    """Callers take turns, first come first served, except that an urgent one goes before
    the ordinary ones still waiting. This process's database writers take turns so (an urgent
    writer is a tiny bookkeeping write, such as "this message has been delivered": the shorter
    the time between Telegram accepting a message and the outbox recording it, the fewer
    messages a crash in between repeats), and so do senders for Telegram's rate
    (`bot.delivery.Pacer`: replies to students are urgent, class-wide sends are not)."""

    def __init__(self) -> None:
        self._busy = False
        self._waiting: deque[tuple[bool, asyncio.Future[None]]] = deque()

    @asynccontextmanager
    async def turn(self, *, urgent: bool = False) -> AsyncIterator[None]:
        await self._acquire(urgent)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, urgent: bool) -> None:
        if not self._busy and not self._waiting:
            self._busy = True
            return
        entry = (urgent, asyncio.get_running_loop().create_future())
        if urgent:  # behind the urgent writers already waiting, before everyone else
            place = next((n for n, (u, _) in enumerate(self._waiting) if not u), None)
            self._waiting.insert(len(self._waiting) if place is None else place, entry)
        else:
            self._waiting.append(entry)
        try:
            await entry[1]
        except asyncio.CancelledError:
            if entry in self._waiting:
                self._waiting.remove(entry)
            elif entry[1].done() and not entry[1].cancelled():
                self._release()  # the turn was handed over just as we were cancelled
            raise

    def _release(self) -> None:
        while self._waiting:
            _, future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)  # the turn passes on; still busy
                return
        self._busy = False


class QuizSession(Session):
    """The sessions of `Database`: a commit made while an update is handled carries that
    update's "done" mark (`db.repositories.inbox`), and outbox rows are announced to the
    database's listeners once their transaction has committed (`db.repositories.outbox`)."""


def _before_commit(session: Session) -> None:
    inbox.before_commit(session)
    outbox.insert_added(session)


def _after_commit(session: Session) -> None:
    inbox.after_commit(session)
    rows = outbox.committed_rows(session)
    database = session.info.get("database")
    if rows and isinstance(database, Database):
        database.announce_outbox(rows)


def _after_rollback(session: Session) -> None:
    inbox.after_rollback(session)
    outbox.forget_uncommitted(session)


event.listen(QuizSession, "before_commit", _before_commit)
event.listen(QuizSession, "after_commit", _after_commit)
event.listen(QuizSession, "after_rollback", _after_rollback)


class Database:
    """One engine and its session factory; `async with db.session() as s:` for a unit of work,
    `async with db.writer() as s:` for a short one that writes."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        kwargs: dict[str, Any] = {"echo": echo}
        if not _is_sqlite(url):
            # At most 30 connections, as before (10 kept + 20 overflow), but all of them kept:
            # an overflow connection was closed on check-in, so under load every round opened
            # a new one (TLS attempt, login, statements prepared again).
            # A checkout is still checked (a restarted database must not cost an answer), by
            # _ping_on_checkout: one round trip instead of pre-ping's three, and none for a
            # connection that has just come back. Last in, first out: under light load the
            # same few connections stay warm (no pings), the others idle.
            kwargs.update(pool_size=30, max_overflow=0, pool_use_lifo=True)
        else:
            # Every session ends its transaction itself (commit, or rollback on close), so the
            # pool's extra ROLLBACK on check-in is redundant; with aiosqlite each statement is
            # a round trip to the connection's thread, and this one came with every update.
            kwargs.update(pool_reset_on_return=None)
            # One trip to aiosqlite's thread per statement instead of four.
            kwargs.update(async_creator=sqlite_thread.creator(url))
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if not _is_sqlite(url):
            event.listen(self.engine.sync_engine, "checkout", _ping_on_checkout)
            event.listen(self.engine.sync_engine, "checkin", _note_return)
        # SQLite has one bot process: it may remember users' rows between updates, as long as
        # any write to `users` makes it forget them. Replicas on PostgreSQL remember a sender's
        # row only from the claim of their update to its handling (users.ClaimedUsers).
        self.known_users = users.KnownUsers() if _is_sqlite(url) else None
        self.claimed_users = None if _is_sqlite(url) else users.ClaimedUsers()
        if _is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _tune_sqlite)
        event.listen(self.engine.sync_engine, "before_cursor_execute", self._watch_users)
        event.listen(self.engine.sync_engine, "commit", self._users_committed)
        self.sessionmaker = async_sessionmaker(
            self.engine,
            expire_on_commit=False,
            sync_session_class=QuizSession,
            info={"database": self},
        )
        # SQLite has one writer at a time; this process's writers take turns here (FIFO)
        # instead of polling for the file lock with growing sleeps (busy_timeout), which under
        # load costs more than it saves. PostgreSQL needs no turns.
        self._write_turns = Turns() if _is_sqlite(url) else None
        self._outbox_listeners: list[OutboxListener] = []
        # PostgreSQL may be shared by several bot processes (replicas): this one claims
        # updates and owns outbox rows under this id (db.repositories.replicas). A SQLite
        # file has one bot process.
        self.replica_id: str | None = None if _is_sqlite(url) else replicas.new_id()

    def _watch_users(self, connection: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if _WRITES_USERS.match(statement):
            self._forget_users()
            connection.info["wrote_users"] = True

    def _users_committed(self, connection: Connection) -> None:
        if connection.info.pop("wrote_users", False):
            self._forget_users()  # reads made meanwhile saw the old row

    def _forget_users(self) -> None:
        for remembered in (self.known_users, self.claimed_users):
            if remembered is not None:
                remembered.forget_all()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            yield session

    @asynccontextmanager
    async def writer(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """A session for a short unit of work that writes, in this process's turn (`urgent`:
        before the ordinary writers waiting, see `Turns`). Never wait for the network
        while holding one."""
        turns = self._write_turns
        turn = turns.turn(urgent=urgent) if turns is not None else contextlib.nullcontext()
        async with turn, self.sessionmaker() as session:
            yield session

    def on_outbox_commit(self, listener: OutboxListener) -> None:
        """Call `listener(rows)` with the outbox rows of every transaction that commits."""
        self._outbox_listeners.append(listener)

    def announce_outbox(self, rows: list[OutboxMessage]) -> None:
        for listener in self._outbox_listeners:
            try:
                listener(rows)
            except Exception:  # the rows are stored: a restart sends them anyway
                log.exception("an outbox listener failed")

    async def migrate(self) -> None:
        """`alembic upgrade head` on this database, sharing our connection (Alembic's
        documented recipe for asyncio: run the sync command inside `run_sync`).

        On PostgreSQL, bot processes starting together (one database, several machines) take
        turns: a transaction-scoped advisory lock, so the second one finds the schema at head
        instead of failing on a CREATE TABLE the first has just made."""
        async with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            if await connection.run_sync(_at_head):
                return
            await connection.run_sync(self._upgrade_head)

    def _upgrade_head(self, connection: Connection) -> None:
        from alembic import command

        config = alembic_config(self.url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async def dispose(self) -> None:
        await self.engine.dispose()

"""The engine, the session factory and applying migrations on start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
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


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


class Database:
    """One engine and its session factory; `async with db.session() as s:` for a unit of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        kwargs: dict[str, Any] = {"echo": echo}
        if not _is_sqlite(url):
            kwargs.update(pool_pre_ping=True, pool_size=10, max_overflow=20)
        else:
            # Every session ends its transaction itself (commit, or rollback on close), so the
            # pool's extra ROLLBACK on check-in is redundant; with aiosqlite each statement is
            # a round trip to the connection's thread, and this one came with every update.
            kwargs.update(pool_reset_on_return=None)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if _is_sqlite(url):
            event.listen(self.engine.sync_engine, "connect", _tune_sqlite)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            yield session

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
            await connection.run_sync(self._upgrade_head)

    def _upgrade_head(self, connection: Connection) -> None:
        config = alembic_config(self.url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async def dispose(self) -> None:
        await self.engine.dispose()

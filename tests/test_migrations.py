"""The Alembic migrations build exactly the schema the models describe, and undo it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.migrations import HEAD_REVISION
from db.models import Base
from db.session import Database, alembic_config
from tests.fakes.databases import database_url
from tests.test_architecture import modules_loaded_by


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return compare_metadata(context, Base.metadata)


async def test_migrating_an_empty_database_gives_exactly_the_models_schema(
    tmp_path: Path,
) -> None:
    database = Database(database_url(tmp_path, "migrated"))
    try:
        await database.migrate()
        async with database.engine.connect() as connection:
            differences = await connection.run_sync(_differences)
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await database.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables


async def test_migrating_twice_is_harmless_and_downgrade_removes_everything(
    tmp_path: Path,
) -> None:
    url = database_url(tmp_path, "twice")
    database = Database(url)
    try:
        await database.migrate()
        await database.migrate()  # every start runs `upgrade head`

        def downgrade(connection: Connection) -> set[str]:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
            return set(inspect(connection).get_table_names())

        async with database.engine.begin() as connection:
            left = await connection.run_sync(downgrade)
    finally:
        await database.dispose()
    assert left <= {"alembic_version"}


def test_the_head_revision_the_bot_checks_on_start_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert scripts.get_heads() == [HEAD_REVISION]


async def test_a_start_on_a_database_at_head_does_not_load_alembic(tmp_path: Path) -> None:
    """Alembic costs ~10 MB of the bot's memory; a database already at head needs none of it."""
    url = database_url(tmp_path, "at_head")
    database = Database(url)
    try:
        await database.migrate()  # a new database: Alembic builds it
    finally:
        await database.dispose()
    program = (
        "import asyncio\n"
        "from db.session import Database\n"
        f"database = Database({url!r})\n"
        "async def start():\n"
        "    await database.migrate()\n"
        "    await database.dispose()\n"
        "asyncio.run(start())\n"
    )
    loaded = modules_loaded_by(program)
    assert "db" in loaded  # the program ran
    assert "alembic" not in loaded

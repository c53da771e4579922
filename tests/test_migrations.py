"""The Alembic migrations build exactly the schema the models describe, and undo it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.models import Base
from db.session import Database, alembic_config
from tests.fakes.databases import database_url


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

"""The migration that archives classes and ties invitations to users keeps a school's data:
upgrading a database made by the first schema, and downgrading again, loses no class,
membership or homework (a table rebuild on SQLite must not cascade)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from db.session import Database, alembic_config
from tests.fakes.databases import database_url

ROWS = """
INSERT INTO users (id, first_name, role, is_admin, unreachable, created_at, last_seen_at)
VALUES (1, 'Admin', 'teacher', TRUE, FALSE, '2026-01-01', '2026-01-01'),
       (2, 'Olena', 'student', FALSE, FALSE, '2026-01-01', '2026-01-01');
INSERT INTO classes (id, code, name, teacher_id, timezone, base, created_at)
VALUES (1, 'ABCDEFGH', '7-B', 1, 'Europe/Kyiv', '2', '2026-01-01');
INSERT INTO memberships (class_id, user_id, joined_at) VALUES (1, 2, '2026-01-01');
INSERT INTO homeworks (id, class_id, topic, count, due_at, created_at)
VALUES (1, 1, 'entropy', 5, '2026-02-01', '2026-01-01');
INSERT INTO invites (token, created_by, created_at, expires_at, used_by)
VALUES ('kept', 1, '2026-01-01', '2026-01-08', 2),
       ('orphan', 99, '2026-01-01', '2026-01-08', NULL)
"""


def _to(revision: str, url: str, downgrade: bool = False):  # type: ignore[no-untyped-def]
    def run(connection: Connection) -> None:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        (command.downgrade if downgrade else command.upgrade)(config, revision)

    return run


async def _count(database: Database, table: str) -> int:
    async with database.engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_upgrading_and_downgrading_keep_classes_members_and_homework(
    tmp_path: Path,
) -> None:
    url = database_url(tmp_path, "old")
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(_to("0001", url))
            for statement in ROWS.strip().split(";"):
                await connection.execute(text(statement))
        await database.migrate()
        assert await _count(database, "memberships") == 1
        assert await _count(database, "homeworks") == 1
        async with database.engine.connect() as connection:
            tokens = (await connection.execute(text("SELECT token FROM invites"))).scalars()
            assert list(tokens) == ["kept"]  # the one nobody made could not keep its key
            archived = await connection.execute(text("SELECT archived_at FROM classes"))
            assert list(archived.scalars()) == [None]
        async with database.engine.begin() as connection:
            await connection.run_sync(_to("0001", url, downgrade=True))
        assert await _count(database, "classes") == 1
        assert await _count(database, "memberships") == 1
        assert await _count(database, "homeworks") == 1
    finally:
        await database.dispose()

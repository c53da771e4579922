"""What must hold on every database the bot supports, written where SQLite and PostgreSQL
differ: SQLite accepts what PostgreSQL refuses (a NUL in text, an id wider than a column,
a second migration racing the first). The suite runs on PostgreSQL with TEST_DATABASE_URL
(tests/fakes/databases.py); the last test here needs it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.script import ScriptDirectory
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot import config
from bot.config import Settings
from bot.features.student.service import rebuild_question
from db import session as session_module
from db.models import Attempt, Class, Invite, OpenQuestion, User
from db.repositories import homework as homework_repo
from db.session import MIGRATION_LOCK_KEY, Database, alembic_config
from tests.fakes.databases import database_url, on_postgresql
from tests.homework_helpers import Clock, Student, kyiv, make_class
from tests.student_steps import assert_wire_clean, right_text

# Telegram ids need more than 32 bits (they have up to 52 significant bits).
BIG_TEACHER = 7_000_000_001
BIG_STUDENT = 6_999_999_999_999


@pytest.mark.parametrize(
    "command",
    [
        "/class AB\x00CD2345",
        "/homeworks ABCD\x002345",
        "/settings AB\x00CD2345 base=2",
        "/assign AB\x00CD2345 entropy 3 2026-12-01 10:00",
        "/worksheet AB\x00CD2345 entropy 3",
        "/join ABCD\x002345",
        "/start c_ABCD\x002345",
        "/start t_abc\x00def",
    ],
)
async def test_a_nul_character_in_a_code_is_just_an_unknown_code(make_harness, command) -> None:  # type: ignore[no-untyped-def]
    # PostgreSQL refuses a NUL in any text parameter, so such a code must never reach a query.
    async with make_harness() as h:
        teacher = h.teacher()
        await teacher.say("/newclass 7-А")
        replies = await teacher.say(command)
        assert replies
        assert_wire_clean(h)


@pytest.mark.parametrize(
    "data",
    [
        "t:cls:2147483648",  # one past an INTEGER column
        "t:full:99999999999",
        "t:cls:9999999999999999999",  # past BIGINT too
        "t:stu:{class_id}:9999999999999999999:0",
        "hw:start:999999999999",
    ],
)
async def test_forged_ids_past_a_columns_range_are_answered_quietly(make_harness, data) -> None:  # type: ignore[no-untyped-def]
    # PostgreSQL refuses to compare an INTEGER column with 2**31 (SQLite anything past 2**63).
    async with make_harness() as h:
        teacher = h.teacher()
        [created, *_] = await teacher.say("/newclass 7-А")
        async with h.db.session() as session:
            class_id = (await session.scalars(select(Class.id))).one()
        await teacher.press_data(created.message_id, data.format(class_id=class_id))
        assert teacher.last_answer is not None  # the button stops spinning
        assert_wire_clean(h)


async def test_telegram_ids_wider_than_32_bits_go_all_the_way(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    async with make_harness(clock=clock, ADMIN_IDS=str(BIG_TEACHER)) as h:
        teacher = h.user(BIG_TEACHER, "Вчителька", "uk")
        await teacher.say("/newclass 7-Б")
        async with h.db.session() as session:
            [code] = (await session.scalars(select(Class.code))).all()
        olena = h.user(BIG_STUDENT, "Олена", "uk")
        await olena.say(f"/join {code}")
        await teacher.say(f"/assign {code} surprisal 1 2026-12-01 18:00")
        [notice] = h.sandbox.messages(BIG_STUDENT)[-1:]
        await olena.press(notice, "Почати домашку")
        async with h.db.session() as session:
            row = await session.get(OpenQuestion, BIG_STUDENT)
            assert row is not None and row.homework_id is not None
        replies = await olena.say(right_text(rebuild_question(row, "uk")))
        assert "🎉" in "\n".join(r.text for r in replies)
        report = await teacher.say(f"/class {code}")
        assert "Олена" in "\n".join(r.text for r in report)
        [invite] = await teacher.say("/invite_teacher")
        assert invite.text
        async with h.db.session() as session:
            [attempt] = (await session.scalars(select(Attempt))).all()
            assert (attempt.user_id, attempt.correct) == (BIG_STUDENT, True)
            [stored] = (await session.scalars(select(Invite))).all()
            assert stored.created_by == BIG_TEACHER
        assert_wire_clean(h)


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgres://quiz:pw@db.example:5432/quiz",
            "postgresql+asyncpg://quiz:pw@db.example:5432/quiz",
        ),
        ("postgresql://quiz@127.0.0.1/quiz", "postgresql+asyncpg://quiz@127.0.0.1/quiz"),
        ("sqlite:///./data/quiz.sqlite3", "sqlite+aiosqlite:///./data/quiz.sqlite3"),
        ("postgresql+asyncpg://quiz@127.0.0.1/quiz", "postgresql+asyncpg://quiz@127.0.0.1/quiz"),
    ],
)
def test_a_database_url_without_a_driver_gets_the_asyncio_one(
    monkeypatch: pytest.MonkeyPatch, given: str, used: str
) -> None:
    # What hosting providers hand out; SQLAlchemy alone would pick a sync driver we lack.
    monkeypatch.setattr(config, "find_spec", lambda name: object())  # asyncpg installed
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN="1:x", DATABASE_URL=given)  # type: ignore[call-arg]
    assert settings.database_url == used


def test_postgresql_without_asyncpg_installed_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "find_spec", lambda name: None)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, TELEGRAM_BOT_TOKEN="1:x", DATABASE_URL="postgres://q@h/q")  # type: ignore[call-arg]
    assert "DATABASE_URL" in str(caught.value) and ".[postgres]" in str(caught.value)


async def test_a_name_without_a_surname_sorts_first_on_every_backend(make_harness) -> None:  # type: ignore[no-untyped-def]
    # SQLite sorts NULL first and PostgreSQL last; the homework lists must not depend on it.
    async with make_harness() as h:
        class_ = await make_class(h, [Student(5002, "Олена", "uk"), Student(5001, "Олена", "uk")])
        async with h.db.session() as session:
            (await session.get(User, 5001)).last_name = "Коваль"  # type: ignore[union-attr]
            work = await homework_repo.create(
                session, class_id=class_.id, topic="entropy", count=1,
                due_at=kyiv("2030-01-01 10:00"), created_at=kyiv("2026-11-27 10:00"),
            )  # fmt: skip
            await session.commit()
            rows = await homework_repo.progress_of_class(session, work)
        assert [(r.user.first_name, r.user.last_name) for r in rows] == [
            ("Олена", None),
            ("Олена", "Коваль"),
        ]


async def test_times_come_back_as_the_same_instant_in_utc(tmp_path: Path) -> None:
    # Columns are TIMESTAMP WITHOUT TIME ZONE holding UTC: the connection's own time zone
    # (a PostgreSQL server set to local time) must not shift what is stored or read.
    database = Database(database_url(tmp_path, "times"))
    kyiv_summer = datetime(2026, 7, 1, 23, 30, tzinfo=ZoneInfo("Europe/Kyiv"))
    try:
        await database.migrate()
        async with database.session() as session:
            if on_postgresql():
                await session.execute(text("SET TIME ZONE 'America/New_York'"))
            session.add(User(id=1, first_name="Адмін"))  # invites belong to a user
            await session.flush()
            session.add(
                Invite(token="t", created_by=1, created_at=kyiv_summer, expires_at=kyiv_summer)
            )
            await session.commit()
        async with database.session() as session:
            if on_postgresql():
                await session.execute(text("SET TIME ZONE 'Asia/Tokyo'"))
            invite = await session.get(Invite, "t")
            later = await session.scalar(
                select(Invite.token).where(
                    Invite.expires_at > datetime(2026, 7, 1, 20, 29, tzinfo=UTC)
                )
            )
    finally:
        await database.dispose()
    assert invite is not None
    assert invite.created_at == kyiv_summer and invite.created_at.tzinfo is UTC
    assert invite.created_at == datetime(2026, 7, 1, 20, 30, tzinfo=UTC)
    assert later == "t"


@pytest.mark.skipif(not on_postgresql(), reason="PostgreSQL only (TEST_DATABASE_URL)")
async def test_processes_starting_together_migrate_one_after_the_other(tmp_path: Path) -> None:
    # Another process is migrating (it holds the lock): ours waits for it, then finds the
    # schema at head instead of failing on a CREATE TABLE the other has just made.
    url = database_url(tmp_path, "together")
    first, second = Database(url), Database(url)
    lock = text("SELECT pg_advisory_xact_lock(:key)")
    try:
        async with first.engine.begin() as holder:
            await holder.execute(lock, {"key": MIGRATION_LOCK_KEY})
            waiting = asyncio.create_task(second.migrate())
            async with asyncio.timeout(20):
                while not await _someone_waits_for_an_advisory_lock(first):
                    assert not waiting.done(), waiting
                    await asyncio.sleep(0.02)
            await holder.run_sync(first._upgrade_head)  # what first.migrate() does, locked
        async with asyncio.timeout(20):
            await waiting
        async with first.engine.connect() as connection:
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
        assert version == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    finally:
        await first.dispose()
        await second.dispose()


async def _someone_waits_for_an_advisory_lock(database: Database) -> bool:
    async with database.engine.connect() as probe:
        waiting = await probe.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        )
    return bool(waiting)


async def _backend_of(database: Database) -> int:
    async with database.session() as session:
        return int(await session.scalar(text("SELECT pg_backend_pid()")) or 0)


async def _ended_by_the_server(database: Database, backend: int) -> None:
    """The server ends one connection (as a restart or an idle timeout would), and it is gone.
    Asked on a connection outside the database's pool, which would hand back that very one."""
    outside = create_async_engine(database.url, poolclass=NullPool)
    try:
        async with outside.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            async with asyncio.timeout(10):
                while await other.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                    {"pid": backend},
                ):
                    await asyncio.sleep(0.01)
    finally:
        await outside.dispose()


@pytest.mark.skipif(not on_postgresql(), reason="PostgreSQL only (TEST_DATABASE_URL)")
async def test_a_connection_the_server_ended_while_it_idled_is_replaced_unseen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(database_url(tmp_path, "idle"))
    try:
        idle = await _backend_of(database)
        await _ended_by_the_server(database, idle)
        # Back in the pool for longer than the window: it is pinged, found dead, replaced.
        monkeypatch.setattr(session_module, "PING_AFTER_IDLE_SECONDS", 0.0)
        assert await _backend_of(database) not in (0, idle)
    finally:
        await database.dispose()


@pytest.mark.skipif(not on_postgresql(), reason="PostgreSQL only (TEST_DATABASE_URL)")
async def test_a_connection_back_a_moment_ago_is_taken_without_a_ping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The price of skipping the ping: a connection the server ended within the window fails
    # its next statement once (a disconnect, so the pool drops it); the one after that works.
    monkeypatch.setattr(session_module, "PING_AFTER_IDLE_SECONDS", 3600.0)
    database = Database(database_url(tmp_path, "fresh"))
    try:
        recent = await _backend_of(database)
        await _ended_by_the_server(database, recent)
        with pytest.raises(DBAPIError) as failed:
            await _backend_of(database)
        assert failed.value.connection_invalidated
        assert await _backend_of(database) not in (0, recent)
    finally:
        await database.dispose()

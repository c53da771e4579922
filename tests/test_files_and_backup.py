"""The database holds minors' names: its files and backups are readable by their owner only
(0600 in 0700 folders), whatever the umask; files found too open are fixed on start. And
`python -m bot backup` copies the database consistently while students are answering."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox import BotApiSandbox
from db.models import Attempt
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.fakes.databases import on_postgresql
from tests.student_steps import open_question, typed
from tests.test_cli import TOKEN, clean_env, greeted, polling_bot, run_cli, stop

sqlite_only = pytest.mark.skipif(on_postgresql(), reason="about SQLite files on disk")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The common default (files 0644, folders 0755): the bot must not rely on a strict one."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


async def answer_one(h: BotHarness, student_id: int) -> None:
    student = h.user(student_id, f"Учень {student_id}")
    await student.say("/quiz probability")
    question = await open_question(h, student_id)
    assert question is not None
    await student.say(typed(question.answer, "uk"))


async def attempt_ids(h: BotHarness) -> set[int]:
    async with h.db.session() as session:
        return set(await session.scalars(select(Attempt.id)))


def ids_in_copy(path: Path) -> set[int]:
    with sqlite3.connect(path) as copy:
        return {row[0] for row in copy.execute("SELECT id FROM attempts")}


def check_copy(path: Path) -> None:
    """The copy opens on its own, is intact, and is its owner's only."""
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    with sqlite3.connect(path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)


async def run_backup(tmp_path: Path, database: Path, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        *args,
        cwd=tmp_path,
        env=clean_env(tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{database}"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


# ---------------------------------------------------------------- file modes


@sqlite_only
async def test_a_new_database_its_wal_files_and_its_folders_are_private(
    tmp_path: Path, make_harness: MakeHarness, usual_umask: None
) -> None:
    database = tmp_path / "school" / "data" / "quiz.sqlite3"
    async with make_harness(DATABASE_URL=f"sqlite+aiosqlite:///{database}") as h:
        await answer_one(h, 2001)
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.is_file() and shm.is_file()  # WAL mode, while the bot runs
        assert {p.name: mode(p) for p in (database, wal, shm)} == {
            "quiz.sqlite3": 0o600,
            "quiz.sqlite3-wal": 0o600,
            "quiz.sqlite3-shm": 0o600,
        }
    assert mode(database.parent) == 0o700
    assert mode(database.parent.parent) == 0o700  # every folder the bot created


@sqlite_only
async def test_files_found_too_open_are_tightened_on_start_and_it_is_logged(
    tmp_path: Path, make_harness: MakeHarness, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    database = data / "quiz.sqlite3"
    overrides = {"DATABASE_URL": f"sqlite+aiosqlite:///{database}"}
    async with make_harness(overrides) as h:
        await answer_one(h, 2001)
    old_backup = data / "backups" / "quiz-20260101-000000Z.sqlite3"
    old_backup.parent.mkdir()
    old_backup.write_bytes(database.read_bytes())
    for path, too_open in ((data, 0o755), (data / "backups", 0o775), (database, 0o644),
                           (old_backup, 0o664)):  # fmt: skip
        os.chmod(path, too_open)
    caplog.set_level(logging.WARNING, logger="db.files")

    async with make_harness(overrides) as h:
        await answer_one(h, 2002)  # and the bot works as before

    assert mode(data) == 0o700 and mode(data / "backups") == 0o700
    assert mode(database) == 0o600 and mode(old_backup) == 0o600
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "db.files")
    assert f"{database} were 0644, now 0600" in logged
    assert f"{old_backup} were 0664, now 0600" in logged
    assert f"{data} were 0755, now 0700" in logged


async def test_python_m_bot_keeps_its_default_data_folder_private(
    tmp_path: Path, usual_umask: None
) -> None:
    """The real command with the default DATABASE_URL (./data/…), in a fresh folder."""
    data = tmp_path / "data"
    async with (
        BotApiSandbox(token=TOKEN) as sandbox,
        polling_bot(tmp_path, sandbox) as process,
    ):
        await greeted(sandbox)
        running = {p.name: mode(p) for p in data.iterdir()}
        stderr = await stop(process, signal.SIGTERM)
    assert process.returncode == 0, stderr
    assert mode(data) == 0o700
    assert running == {
        "surprise_quiz.sqlite3": 0o600,
        "surprise_quiz.sqlite3-wal": 0o600,
        "surprise_quiz.sqlite3-shm": 0o600,
    }


# ---------------------------------------------------------------- python -m bot backup


@sqlite_only
async def test_a_backup_while_students_answer_is_consistent_and_holds_what_was_committed(
    tmp_path: Path, harness: BotHarness, usual_umask: None
) -> None:
    students = range(2001, 2006)
    for student_id in students:
        await answer_one(harness, student_id)
    stop = asyncio.Event()

    async def keep_answering() -> int:
        rounds = 0
        while not stop.is_set():
            await asyncio.gather(*(answer_one(harness, s) for s in students))
            rounds += 1
        return rounds

    answering = asyncio.create_task(keep_answering())
    committed_before = await attempt_ids(harness)
    target = tmp_path / "copies" / "monday.sqlite3"
    try:
        status, out, err = await run_backup(tmp_path, harness_database(harness), str(target))
        committed_after = await attempt_ids(harness)
    finally:
        stop.set()
        rounds = await answering

    assert status == 0, err
    assert out.strip() == str(target)
    check_copy(target)
    in_copy = ids_in_copy(target)
    assert committed_before <= in_copy <= committed_after
    assert rounds >= 1 and committed_after > committed_before  # they did answer meanwhile
    assert sorted(p.name for p in target.parent.iterdir()) == ["monday.sqlite3"]  # no leftovers


@sqlite_only
async def test_a_backup_without_a_path_goes_to_backups_next_to_the_database(
    tmp_path: Path, harness: BotHarness, usual_umask: None
) -> None:
    await answer_one(harness, 2001)
    database = harness_database(harness)
    status, out, err = await run_backup(tmp_path, database)
    assert status == 0, err
    copy = Path(out.strip())
    assert copy.parent == database.parent / "backups"
    assert copy.name.startswith(database.stem + "-") and copy.suffix == ".sqlite3"
    check_copy(copy)
    assert ids_in_copy(copy) == await attempt_ids(harness)
    # A folder as PATH: the copy goes inside it, named the same way.
    status, out, err = await run_backup(tmp_path, database, str(tmp_path))
    assert status == 0, err
    assert Path(out.strip()).parent == tmp_path


def test_with_postgresql_the_backup_command_points_to_pg_dump(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "backup", DATABASE_URL="postgresql://quiz@db.school.example/quiz")
    assert result.returncode == 2
    assert "pg_dump" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing was created


def test_a_backup_of_a_missing_database_fails_clearly(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = run_cli(tmp_path, "backup", DATABASE_URL=f"sqlite+aiosqlite:///{missing}")
    assert result.returncode == 1
    assert "no database" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists()


def harness_database(h: BotHarness) -> Path:
    assert h.settings is not None
    url = h.settings.database_url
    return Path(url.removeprefix("sqlite+aiosqlite:///"))

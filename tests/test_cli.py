"""`python -m bot` and `python -m bot demo`, run as a person would: in a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox import BotApiSandbox
from db.models import User
from db.session import Database
from tests.fakes.databases import database_url

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "424242:CLI-TEST-TOKEN"


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No TELEGRAM_* or other settings from the developer's shell; the project importable."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": "utf-8",
    }
    env.update(extra)
    return env


def run_cli(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,  # no .env here
        env=clean_env(tmp_path, **env),
        timeout=120,
    )


def test_without_a_token_it_explains_how_to_get_one_and_exits_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path)
    assert result.returncode == 2
    message = result.stderr
    for needed in ("@BotFather", "/newbot", "TELEGRAM_BOT_TOKEN", ".env", "python -m bot demo"):
        assert needed in message
    assert "Не задано TELEGRAM_BOT_TOKEN" in message  # and in Ukrainian
    assert "Traceback" not in message


def test_an_invalid_setting_is_named_in_a_short_message_with_exit_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, DEFAULT_LANGUAGE="fr")
    assert result.returncode == 2
    assert "DEFAULT_LANGUAGE" in result.stderr
    assert "Traceback" not in result.stderr


async def test_settings_come_from_a_dotenv_file_and_a_rejected_token_exits_2(
    tmp_path: Path,
) -> None:
    async with BotApiSandbox(token=TOKEN) as sandbox:
        (tmp_path / ".env").write_text(
            f"TELEGRAM_BOT_TOKEN=111:NOT-THE-RIGHT-ONE\nTELEGRAM_API_URL={sandbox.url}\n"
            f"DATABASE_URL=sqlite+aiosqlite:///{tmp_path}/bot.sqlite3\n",
            encoding="utf-8",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=clean_env(tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(60):
            _, stderr = await process.communicate()
    assert process.returncode == 2
    assert "Telegram did not accept TELEGRAM_BOT_TOKEN" in stderr.decode()
    assert [(call.method, call.status) for call in sandbox.calls] == [("getMe", 401)]


def test_the_demo_runs_a_quiz_from_piped_input(tmp_path: Path) -> None:
    out = tmp_path / "pictures"
    script = "/start\n#1\n#1\n0,5\n/progress\n#99\n:quit\n"
    result = run_cli(tmp_path, "demo", "--out", str(out), stdin=script)
    assert result.returncode == 0, result.stderr
    transcript = result.stdout
    turns = re.split(r"^you> ", transcript, flags=re.MULTILINE)
    said = [turn.splitlines()[0] for turn in turns[1:]]
    assert said == ["/start", "#1", "#1", "0,5", "/progress", "#99", ":quit"]
    start, topics, topic, answer, progress, bad_press, _ = turns[1:]
    assert "bot> " in start and "[#1 " in start
    assert "[#1 " in topics and "[#2 " in topics  # topics as numbered buttons
    assert "?" in topic  # the question
    assert "✅" in answer or "❌" in answer
    saved = [Path(line.split("🖼 ", 1)[1]) for line in progress.splitlines() if "🖼 " in line]
    assert saved and all(path.is_file() and path.parent == out for path in saved)
    assert saved[0].read_bytes().startswith(b"\x89PNG")
    assert "#99" in bad_press.splitlines()[1]  # "there is no button #99"


def test_the_demo_reads_a_script_file_in_english_and_ends_at_its_end(tmp_path: Path) -> None:
    script = tmp_path / "lines.txt"
    script.write_text("/help\n", encoding="utf-8")
    result = run_cli(tmp_path, "demo", "--lang", "en", "--script", str(script), "--out", "o")
    assert result.returncode == 0, result.stderr
    assert "Surprise Quiz demo" in result.stdout
    assert "you> /help" in result.stdout
    assert result.stdout.rstrip().endswith("Bye!")


@contextlib.asynccontextmanager
async def polling_bot(
    tmp_path: Path, sandbox: BotApiSandbox, **env: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bot` in a subprocess, polling `sandbox`; killed on the way out if it is
    still running (a test stops it with `stop`)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=clean_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=sandbox.url,
            TELEGRAM_RATE_LIMIT="0",
            **env,
        ),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(60):
            while sandbox.waiting_pollers == 0:
                assert process.returncode is None
                await asyncio.sleep(0.05)
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def greeted(sandbox: BotApiSandbox, user_id: int = 1001) -> None:
    """A user sends /start; returns once the bot has answered."""
    sandbox.send_text(user_id, "/start", first_name="Олена", language_code="uk")
    async with asyncio.timeout(60):
        while not sandbox.messages(user_id):
            await asyncio.sleep(0.05)


async def stop(process: asyncio.subprocess.Process, stop_signal: signal.Signals) -> str:
    """Send the signal and wait for the exit; returns what the bot wrote to stderr."""
    process.send_signal(stop_signal)
    async with asyncio.timeout(30):
        _, stderr = await process.communicate()
    return stderr.decode()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_the_bot_runs_for_real_and_stops_cleanly_on_a_signal(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    url = database_url(tmp_path)  # SQLite, or PostgreSQL with TEST_DATABASE_URL
    async with (
        BotApiSandbox(token=TOKEN) as sandbox,
        polling_bot(tmp_path, sandbox, DATABASE_URL=url) as process,
    ):
        await greeted(sandbox)
        stderr = await stop(process, stop_signal)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert sandbox.unconfirmed_updates == 0  # the last update was confirmed on the way out
    database = Database(url)
    try:
        async with database.session() as session:
            assert await session.get(User, 1001) is not None  # stored before the greeting
    finally:
        await database.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_with_webhook_url_it_serves_a_webhook_with_the_secret(tmp_path: Path) -> None:
    port = free_port()
    async with BotApiSandbox(token=TOKEN) as sandbox:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=clean_env(
                tmp_path,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=sandbox.url,
                DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/bot.sqlite3",
                TELEGRAM_RATE_LIMIT="0",
                WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
                WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(port),
                WEBHOOK_SECRET="s3cret-Token_1",
            ),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            async with asyncio.timeout(60):
                while sandbox.webhook is None:
                    assert process.returncode is None
                    await asyncio.sleep(0.05)
                sandbox.send_text(1001, "/start", first_name="Taras", language_code="en")
                while not sandbox.messages(1001):
                    await asyncio.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(30):
                _, stderr = await process.communicate()
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert sandbox.webhook["secret_token"] == "s3cret-Token_1"
    assert not sandbox.calls_to("getUpdates")
    assert sandbox.unconfirmed_updates == 0

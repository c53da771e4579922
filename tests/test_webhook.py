"""Webhook mode of the real `python -m bot`, secure by default: no secret, no start; a request
without the right secret header is refused (403) and stores nothing; an update is stored
before Telegram gets its 200."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import Settings
from bot.sandbox import BotApiSandbox
from bot.webhook import SECRET_HEADER
from tests.test_cli import clean_env, free_port, run_cli

TOKEN = "424242:HOOK-TEST-TOKEN"
SECRET = "s3cret-Token_1"
ADMIN = 900001


def test_a_webhook_url_without_a_secret_is_refused_with_exit_2(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_URL="https://bot.example.org/telegram/hook"
    )
    assert result.returncode == 2
    assert "WEBHOOK_SECRET" in result.stderr and "Traceback" not in result.stderr


def test_the_webhook_listens_on_loopback_unless_told_otherwise() -> None:
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN)  # type: ignore[call-arg]
    assert settings.webhook_listen == "127.0.0.1"


@pytest.mark.parametrize("secret", ["has space", "ünïcode", "x" * 257, "semi;colon"])
def test_a_secret_telegram_would_refuse_is_a_settings_error(tmp_path: Path, secret: str) -> None:
    result = run_cli(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        WEBHOOK_URL="https://bot.example.org/hook",
        WEBHOOK_SECRET=secret,
    )
    assert result.returncode == 2
    assert "WEBHOOK_SECRET" in result.stderr


def raw_message(update_id: int, chat_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 500 + update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Mallory"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Admin", "language_code": "uk"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


def stored_ids(database: Path) -> dict[int, bool]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT update_id, done_at IS NOT NULL FROM inbox_updates")
        return {update_id: bool(done) for update_id, done in rows}


async def _running_webhook_bot(
    tmp_path: Path, sandbox: BotApiSandbox, port: int
) -> asyncio.subprocess.Process:
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
            ADMIN_IDS=str(ADMIN),
            WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET=SECRET,
        ),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        while sandbox.webhook is None:
            assert process.returncode is None
            await asyncio.sleep(0.05)
    return process


async def _first_reply(sandbox: BotApiSandbox, chat_id: int, name: str) -> None:
    """The user sends /start the normal way (the sandbox posts it with the secret)."""
    sandbox.send_text(chat_id, "/start", first_name=name, language_code="en")
    async with asyncio.timeout(30):
        while not sandbox.messages(chat_id):
            await asyncio.sleep(0.05)


async def _stop(process: asyncio.subprocess.Process) -> bytes:
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(30):
        _, stderr = await process.communicate()
    return stderr


async def test_a_post_without_the_right_secret_gets_403_and_stores_nothing(
    tmp_path: Path,
) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    async with BotApiSandbox(token=TOKEN) as sandbox:
        process = await _running_webhook_bot(tmp_path, sandbox, port)
        try:
            await _first_reply(sandbox, 1001, "Taras")
            forged = raw_message(10_001, 1001, 1001, "/start")
            async with aiohttp.ClientSession() as http:
                for headers in ({}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}):
                    async with http.post(hook, json=forged, headers=headers) as response:
                        assert response.status == 403
                async with http.get(hook, headers={SECRET_HEADER: SECRET}) as response:
                    assert response.status == 405
            stderr = await _stop(process)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert stored_ids(tmp_path / "bot.sqlite3") == {sandbox.last_update_id: True}
    assert len(sandbox.messages(1001)) == 1  # the real /start only
    assert sandbox.unconfirmed_updates == 0


async def test_a_forged_private_chat_through_the_webhook_gets_nothing_sent(
    tmp_path: Path,
) -> None:
    """With the secret (say it leaked): an update claiming the admin as sender in someone
    else's private chat. Telegram never sends such a thing; the bot must not answer into
    that chat (an /invite_teacher link would make its owner a teacher)."""
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    async with BotApiSandbox(token=TOKEN) as sandbox:
        process = await _running_webhook_bot(tmp_path, sandbox, port)
        try:
            await _first_reply(sandbox, 1002, "Mallory")
            forged = raw_message(20_001, 1002, ADMIN, "/invite_teacher")
            headers = {SECRET_HEADER: SECRET}
            async with (
                aiohttp.ClientSession() as http,
                http.post(hook, json=forged, headers=headers) as response,
            ):
                assert response.status == 200  # stored before the answer…
            assert 20_001 in stored_ids(tmp_path / "bot.sqlite3")
            async with asyncio.timeout(30):  # …and handled
                while not stored_ids(tmp_path / "bot.sqlite3")[20_001]:
                    await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            stderr = await _stop(process)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert len(sandbox.messages(1002)) == 1  # Mallory's own /start reply, nothing more
    assert not [m for m in sandbox.messages(1002) if "t_" in m.text]

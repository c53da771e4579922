"""Shared fixtures. `sandbox` and `bot`: the loopback Bot API server and a bare PTB Bot on it,
for wire-protocol tests. `harness`: the real bot on the loopback Bot API server with default test
settings. `make_harness`: the same with overrides, used as
`async with make_harness(QUIET_HOURS="21:00-08:00", clock=clock) as h: ...`.
With TEST_DATABASE_URL=postgresql+asyncpg://… every test's database is on that PostgreSQL
server instead of SQLite (tests/fakes/databases.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.context import Clock
from tests.fakes import TOKEN, BotApiSandbox, BotHarness
from tests.fakes.databases import drop_created, server_url

MakeHarness = Callable[..., AbstractAsyncContextManager[BotHarness]]


def pytest_report_header() -> str:
    server = server_url()
    where = "SQLite files in tmp_path" if server is None else server.render_as_string()
    return f"test databases: {where}"


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """PostgreSQL only: drop the databases this test created (set up first, so torn down
    last, after the bot and its engine are gone). Nothing to do for SQLite files."""
    yield
    drop_created()


@pytest.fixture
async def sandbox() -> AsyncIterator[BotApiSandbox]:
    """The loopback Bot API server alone, for tests of the wire protocol."""
    async with BotApiSandbox(token=TOKEN) as running:
        yield running


@pytest.fixture
async def bot(sandbox: BotApiSandbox) -> AsyncIterator[Bot]:
    """A bare PTB `Bot` talking to `sandbox` (no Application, no handlers)."""
    async with Bot(
        TOKEN, base_url=f"{sandbox.url}/bot", base_file_url=f"{sandbox.url}/file/bot"
    ) as client:
        yield client


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with BotHarness.running(tmp_path) as running:
        yield running


@pytest.fixture
def make_harness(tmp_path: Path) -> MakeHarness:
    def make(
        settings_overrides: Mapping[str, Any] | None = None,
        *,
        clock: Clock | None = None,
        start_jobs: bool = False,
        **overrides: Any,
    ) -> AbstractAsyncContextManager[BotHarness]:
        merged = {**(settings_overrides or {}), **overrides}
        return BotHarness.running(tmp_path, merged, clock=clock, start_jobs=start_jobs)

    return make

"""Shared fixtures. `harness`: the real bot on the loopback Bot API server with default test
settings. `make_harness`: the same with overrides, used as
`async with make_harness(QUIET_HOURS="21:00-08:00", clock=clock) as h: ...`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest

from bot.context import Clock
from tests.fakes import BotHarness

MakeHarness = Callable[..., AbstractAsyncContextManager[BotHarness]]


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

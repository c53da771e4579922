"""Calling the dashboard's web server of a running harness bot as a Mini App would: with
`Authorization: tma <initData>` signed with the bot's token (as Telegram signs it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiohttp

from bot.features.dashboard.auth import sign_init_data
from bot.features.dashboard.server import page_link, running_server
from db.models import utcnow
from tests.fakes.harness import TOKEN, BotHarness

# Settings that make the harness bot serve the dashboard on any free loopback port.
DASHBOARD_ON = {"WEB_SERVER": "on", "WEB_PORT": 0}


def init_data(
    user_id: int, first_name: str = "Вчителька", *, at: datetime | None = None, lang: str = "uk"
) -> str:
    return sign_init_data(
        TOKEN, user_id=user_id, first_name=first_name, language_code=lang, auth_date=at or utcnow()
    )


def root_url(h: BotHarness) -> str:
    server = running_server(h.app)
    assert server is not None, "the dashboard is not running (WEB_SERVER=on?)"
    return server.url


def app_link(h: BotHarness, data: str, **params: str | int) -> str:
    return page_link(f"{root_url(h)}/app/", data, **params)


async def call(
    h: BotHarness,
    method: str,
    path: str,
    *,
    data: str | None = None,
    authorization: str | None = None,
    json: Any = None,
) -> tuple[int, Any]:
    """(status, body): parsed JSON for /api/, text otherwise. `data` becomes the header
    `tma <data>`; `authorization` sets the header as given."""
    headers = {}
    if data is not None:
        headers["Authorization"] = f"tma {data}"
    if authorization is not None:
        headers["Authorization"] = authorization
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, root_url(h) + path, headers=headers, json=json) as response,
    ):
        if response.content_type == "application/json":
            return response.status, await response.json()
        return response.status, await response.text()

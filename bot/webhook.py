"""The webhook endpoint: Telegram POSTs each update; we answer 200 only once it is stored.

Secure by default: it listens on WEBHOOK_LISTEN (127.0.0.1 unless set; put a TLS proxy in
front), and every request must carry WEBHOOK_SECRET in Telegram's
`X-Telegram-Bot-Api-Secret-Token` header (compared in constant time). A missing or wrong
secret gets 403 and nothing is stored. Any other path or method gets 404/405. A body that is
not JSON gets 400; a JSON update PTB cannot parse is stored, logged, skipped and answered 200
(Telegram would otherwise send it again and again)."""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.inbox import Inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # an update is a few kilobytes at most


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # what Telegram calls (public, https)
    listen: str
    port: int
    path: str  # of `url`, where this server answers
    secret: str


class WebhookServer:
    def __init__(self, inbox: Inbox, config: WebhookConfig) -> None:
        self._inbox = inbox
        self._config = config
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post("/" + self._config.path.lstrip("/"), self._receive)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._config.listen, self._config.port).start()
        log.info("webhook listening on %s:%s", self._config.listen, self._config.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._config.secret.encode()):
            log.warning("webhook request without the right secret refused")
            return web.Response(status=403)
        try:
            update: Any = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400)
        if not isinstance(update, dict):
            return web.Response(status=400)
        await self._inbox.receive([update])  # stored and committed before the 200
        return web.Response(status=200)

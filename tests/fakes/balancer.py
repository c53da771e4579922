"""A small round-robin HTTP load balancer on loopback, as nginx would be in front of replicas.

Each request goes to the next backend in turn. A backend that refuses the connection (it is
down) is skipped and the next one tried, as nginx's `proxy_next_upstream error` does; a
backend that dies while answering makes the request fail with 502, and the caller (Telegram,
here the sandbox's webhook delivery) sends it again."""

from __future__ import annotations

import itertools
from collections import Counter

from aiohttp import ClientConnectorError, ClientError, ClientSession, ClientTimeout, web

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"}
)


class RoundRobinBalancer:
    """`await start()`, then send requests to `url`; `backends` are base URLs
    (`http://127.0.0.1:8001`). `served[backend]` counts the requests each one answered."""

    def __init__(self, backends: list[str], *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.backends = backends
        self.host = host
        self.port = port
        self.served: Counter[str] = Counter()
        self.failed = 0  # requests answered 502
        self._turn = itertools.cycle(range(len(backends)))
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        self._session = ClientSession(timeout=ClientTimeout(total=60), auto_decompress=False)
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> RoundRobinBalancer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        first = next(self._turn)
        for step in range(len(self.backends)):
            backend = self.backends[(first + step) % len(self.backends)]
            try:
                async with self._session.request(
                    request.method, backend + request.rel_url.path_qs, data=body, headers=headers
                ) as answer:
                    content = await answer.read()
                    self.served[backend] += 1
                    kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
                    return web.Response(status=answer.status, body=content, headers=kept)
            except ClientConnectorError:
                continue  # not listening: down, or not up yet; try the next one
            except (ClientError, TimeoutError):
                break  # it took the request and died: the caller must send it again
        self.failed += 1
        return web.Response(status=502, text="Bad Gateway")

"""How python-telegram-bot talks HTTP to the Bot API: through aiohttp instead of httpx.

PTB lets an application bring its own `BaseRequest`; everything else (the Bot methods, their
parameters and JSON, errors, retries, the rate limiter) stays PTB's. Measured against the
loopback Bot API server, an httpx request costs the bot 1.8–3.5 ms of CPU and an aiohttp
one 0.3–0.5 ms (httpx/httpcore's connection pool and its anyio plumbing dominate); a quiz
round makes three or four calls, so this is most of what the bot spends beyond its own work.
aiohttp is already here (the webhook server, the dashboard), so nothing new is installed.

The wire format is the one PTB's own HTTPXRequest sends: form-urlencoded fields whose
non-string values are JSON (`RequestData.json_parameters`), or multipart/form-data with the
files as parts when there are uploads. Timeouts mean what they mean in PTB: connect (and
waiting for a free connection: pool), read, write; an overall deadline bounds them all.
Errors become PTB's: `TimedOut` for timeouts, `NetworkError` for the rest."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_POOL_SIZE = 256


def _chosen(value: object, default: float | None) -> float | None:
    """A timeout passed to `do_request`: DEFAULT_NONE means "ours", None means "none"."""
    if value is BaseRequest.DEFAULT_NONE:
        return default
    return value  # type: ignore[return-value]


def _form(request_data: RequestData) -> aiohttp.FormData:
    """multipart/form-data: the parameters as fields, the files as parts."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` over one `aiohttp.ClientSession` with up to `connection_pool_size`
    connections. Pass one instance to `ApplicationBuilder.request` and another (pool of 1)
    to `get_updates_request`, as PTB does with its own."""

    def __init__(
        self,
        connection_pool_size: int = DEFAULT_POOL_SIZE,
        *,
        connect_timeout: float | None = 5.0,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
                timeout=aiohttp.ClientTimeout(total=None),
                auto_decompress=True,
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = _chosen(read_timeout, self._read_timeout)
        write = _chosen(write_timeout, self._media_write_timeout if files else self._write_timeout)
        connect = _chosen(connect_timeout, self._connect_timeout)
        pool = _chosen(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(
            total=None,
            # aiohttp's `connect` includes waiting for a free connection in the pool.
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        data: Any = None
        if request_data is not None:
            data = _form(request_data) if files else request_data.json_parameters
        parts = (read, write, connect, pool)
        # aiohttp has no write timeout: one deadline for the whole exchange bounds a stalled
        # upload as well.
        deadline = None if any(part is None for part in parts) else sum(parts)  # type: ignore[arg-type]
        try:
            async with (
                asyncio.timeout(deadline),
                session.request(method, url, data=data, timeout=timeout) as response,
            ):
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

"""The bot's HTTP transport (`bot.transport.AiohttpRequest`) speaks the Bot API exactly as
PTB's own HTTPXRequest does: texts, markup and uploads arrive intact, Telegram's errors are
PTB's exceptions, and timeouts and unreachable servers are PTB's TimedOut and NetworkError."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.sandbox import BotApiSandbox
from bot.transport import AiohttpRequest
from tests.test_sandbox import CSV, PNG, TOKEN


def aiohttp_bot(base: str, **timeouts: float) -> Bot:
    return Bot(
        TOKEN,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=AiohttpRequest(8, **timeouts),
        get_updates_request=AiohttpRequest(1, **timeouts),
    )


@pytest.fixture
async def sandbox() -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox(token=TOKEN) as running:
        yield running


@pytest.fixture
async def bot(sandbox: BotApiSandbox) -> AsyncIterator[Bot]:
    async with aiohttp_bot(sandbox.url) as client:
        yield client


async def test_texts_markup_and_updates_travel_intact(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "Привіт 👋 & <друже>")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message.text == "Привіт 👋 & <друже>"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Далі ▶", callback_data="q:next:é")]])
    sent = await bot.send_message(
        1001, "<b>Ентропія</b> = 2,585 біта; 1 + 1 = 2 &amp; 50%", parse_mode="HTML",
        reply_markup=keyboard,
    )  # fmt: skip
    (shown,) = sandbox.messages(1001)
    assert shown.text == sent.text == "Ентропія = 2,585 біта; 1 + 1 = 2 & 50%"
    assert shown.buttons == [[("Далі ▶", "q:next:é")]]


async def test_uploads_arrive_byte_for_byte_with_their_names(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "/progress")
    photo = await bot.send_photo(1001, photo=PNG, caption="<b>Прогрес</b>", parse_mode="HTML")
    document = await bot.send_document(1001, document=CSV, filename="8-А клас.csv")
    await bot.send_media_group(1001, [InputMediaPhoto(PNG), InputMediaPhoto(PNG + b"x")])

    shown = sandbox.messages(1001)
    assert [m.file_bytes for m in shown] == [PNG, CSV, PNG, PNG + b"x"]
    assert shown[0].text == photo.caption == "Прогрес"
    assert document.document.file_name == "8-А клас.csv"
    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == CSV


async def test_telegram_errors_become_ptb_exceptions(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "hi")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "я" * 4097)
    sandbox.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter, match="Retry in 7 seconds"):
        await bot.send_message(1001, "flood")


async def test_a_server_that_does_not_answer_in_time_is_a_timeout() -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        request = AiohttpRequest(1, read_timeout=0.2)
        async with request:
            with pytest.raises(TimedOut):
                await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    finally:
        await runner.cleanup()


async def test_an_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the probe is closed
    request = AiohttpRequest(1)
    async with request:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")

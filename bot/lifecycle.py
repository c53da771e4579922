"""Starting and stopping the bot: `python -m bot` (`serve`), the demo, the tests and the
benchmarks all go through `start_application` / `stop_application`.

The order matters: initialize (getMe) → post_init (migrate, features, the outbox resumes,
stored updates are queued) → the Application starts handling → on PostgreSQL, this replica
beats (adopting dead replicas' outbox rows) and claims stored updates → updates flow in (our
polling loop, or the webhook server after setWebhook) → the janitor prunes old rows. Stopping
is the reverse: no more updates in, no more claims, the queued ones handled, replies in
flight given a moment, the replica leaves, the database closed."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application

from bot.config import Settings
from bot.inbox import INBOX_KEY, POLL_TIMEOUT, inbox_of
from bot.outbox import sender_of
from bot.replicas import duties_of
from bot.webhook import WebhookConfig, WebhookServer

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
WEBHOOK_KEY = "webhook_server"  # in bot_data


async def start_application(
    application: AnyApplication,
    poll_timeout: float = POLL_TIMEOUT,
    *,
    webhook: WebhookConfig | None = None,
) -> None:
    """Start like `run_polling`/`run_webhook` would, with our inbox in front; on failure
    leave nothing running. (A plain PTB Application without our inbox, such as the
    benchmark's echo bot, polls with PTB's own Updater.)"""
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        if INBOX_KEY not in application.bot_data and application.updater is not None:
            await application.updater.start_polling(
                poll_interval=0,
                timeout=poll_timeout,  # type: ignore[arg-type]
                allowed_updates=Update.ALL_TYPES,
            )
            return
        inbox = inbox_of(application)
        await inbox.prune()
        duties = duties_of(application)
        if duties is not None:
            await duties.start()
            inbox.start_claiming()
        if webhook is None:
            # A webhook left set by an earlier run would make getUpdates fail with 409.
            await application.bot.delete_webhook(drop_pending_updates=False)
            inbox.start_polling(poll_timeout)
        else:
            server = WebhookServer(inbox, webhook)
            application.bot_data[WEBHOOK_KEY] = server
            await server.start()
            await application.bot.set_webhook(
                webhook.url,
                secret_token=webhook.secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
        inbox.start_janitor()
    except BaseException:
        await stop_application(application)
        raise


async def stop_application(application: AnyApplication, timeout: float = 20) -> None:
    """No more updates in; the queued ones handled; replies in flight finish (briefly; the
    rest stay in the outbox for the next start); the Application shut down."""
    async with asyncio.timeout(timeout):
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        inbox = application.bot_data.get(INBOX_KEY)
        if inbox is not None:
            await inbox.stop_polling()
            await inbox.stop_janitor()
        server: WebhookServer | None = application.bot_data.pop(WEBHOOK_KEY, None)
        if server is not None:
            await server.stop()
        if inbox is not None:
            await inbox.stop_claiming()
        if application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        if "outbox" in application.bot_data:
            await sender_of(application).stop()
        duties = duties_of(application)
        if duties is not None:
            await duties.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def webhook_config(settings: Settings) -> WebhookConfig | None:
    if not settings.webhook_url:
        return None
    return WebhookConfig(
        url=settings.webhook_url,
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        path=urlsplit(settings.webhook_url).path,
        secret=settings.webhook_secret,
    )


YOUNG_OBJECTS_PER_COLLECTION = 10_000  # CPython's default is 700


def settle_garbage_collector() -> None:
    """Once the bot has started: what it has loaded (the libraries, the question bank, the
    texts: ~210,000 objects the collector tracks) is set aside from the cyclic garbage
    collector (`gc.freeze`), and a collection of young objects waits for 10,000 new ones
    instead of 700. Under a class's load a full collection otherwise walked all of it
    (~145 ms each, one every ~250 rounds) and young ones came 0.65 times a round: 0.9 ms of
    a round's ~9 ms of CPU, 0.07 ms after (bench/bot_bench.py on PostgreSQL, 50 chats × 10).
    Memory is still freed by reference counting at once; only garbage in reference cycles
    waits a little longer."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, older, oldest)


async def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM, then stop cleanly. If Telegram refuses the token while
    running, stop cleanly too and raise that error (the caller exits non-zero)."""
    from bot.app import build_application

    application = build_application(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop.set)
    await start_application(application, webhook=webhook_config(settings))
    settle_garbage_collector()
    inbox = inbox_of(application)
    waiters = [
        asyncio.create_task(stop.wait()),
        asyncio.create_task(inbox.stopped.wait()),
    ]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
        await stop_application(application)
    if inbox.fatal is not None:
        raise inbox.fatal

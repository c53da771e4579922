"""Exactly-once handling of Telegram updates, with python-telegram-bot as the framework.

    Telegram ──getUpdates / webhook POST──▶ Inbox.receive: store the raw updates, COMMIT
                                                 │  (only now is the offset confirmed by the
                                                 │   next getUpdates / the POST answered 200)
                                                 ▼
                            Application.update_queue ──▶ PerChatUpdateProcessor (chat order)
                                                 │
                              Inbox.handle: the handlers run with the update id on a context
                              variable; their first commit also marks the update done
                              (db.repositories.inbox); nothing written → marked done after

- Polling is our own loop (`poll`): PTB's Updater confirms an offset before the updates are
  handled, so a crash lost them. We fetch raw JSON (`do_api_request`), store, then feed PTB.
- An update already stored is fed again only if it is not done and not in flight here; one
  that is done is ignored (a redelivery).
- On start, `replay` feeds what is stored and not done, oldest first, before polling starts:
  the per-chat processor keeps each chat's order.
- An update PTB cannot parse is logged once (its id and the error type) and marked done.
- 401/404 on getUpdates (the token was revoked) is fatal: `fatal` is set, `stopped` fires,
  and `python -m bot` exits non-zero; other errors are retried with backoff.
- Done rows are pruned after `db.repositories.inbox.RETENTION` (48 h), failed outbox rows too.

On PostgreSQL several processes (replicas behind a load balancer, `bot.replicas`) may share
the database, so an update is not fed by the process that stored it but claimed: `receive`
stores and commits (the INSERT … ON CONFLICT DO NOTHING is safe for many writers) and wakes
the claim loop (`start_claiming`), which takes, per chat, the oldest update not done and held
by no live replica (`db.repositories.inbox.claim_heads`, `FOR UPDATE SKIP LOCKED`), and feeds
it; `handle` marks it done in its effects' transaction only while the claim is still this
replica's. A chat's next update is claimable once this one is done, so every chat is handled
in update order by one replica at a time; a dead replica's claims are taken over once its
lease runs out. There is no `replay` then: claiming picks up what a crash left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import (
    Conflict,
    EndPointNotFound,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBUserWarning

from bot.delivery import retry_after_seconds
from db.models import utcnow
from db.repositories import inbox as inbox_repo
from db.repositories import outbox as outbox_repo
from db.repositories import users as users_repo
from db.session import Database

log = logging.getLogger(__name__)

INBOX_KEY = "inbox"  # in bot_data
POLL_TIMEOUT = 10.0  # seconds a long poll waits for updates
READ_MARGIN = 10.0  # seconds past the poll timeout before a silent connection counts as dead
MAX_POLL_BACKOFF = 30.0
PRUNE_EVERY = timedelta(hours=1)
MAX_BATCH = 100
CLAIM_EVERY = 1.0  # seconds between claim rounds when nothing wakes the loop sooner
MAX_CLAIMED = 256  # updates claimed and not yet done here, at most

# We ask for getUpdates through do_api_request on purpose: we need the raw JSON, to store it
# before PTB parses it (and to skip, not lose, an update PTB cannot parse).
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning)


def inbox_of(application: Any) -> Inbox:
    return application.bot_data[INBOX_KEY]


def sender_id(payload: dict[str, Any]) -> int | None:
    """Who sent a raw update (`from` of its message, button press, …; `user` of a poll
    answer or a reaction), read without parsing it; None when it has no sender."""
    for key, value in payload.items():
        if key != "update_id" and isinstance(value, dict):
            sender = value.get("from") or value.get("user")
            if isinstance(sender, dict) and type(sender.get("id")) is int:
                return sender["id"]
            return None
    return None


class Inbox:
    """Stores every update before it is confirmed, feeds PTB, and marks updates done."""

    def __init__(self, application: Any, database: Database) -> None:
        self._application = application
        self._database = database
        self._replica = database.replica_id  # claims are made under it (PostgreSQL)
        self._in_flight: set[int] = set()  # fed here and not yet done
        self._awaiting: set[int] = set()  # stored here, not yet claimed here (claim mode)
        self._claimer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None
        self._offset: int | None = None  # the next update id to ask for; all before are stored
        self._janitor: asyncio.Task[None] | None = None
        self.fatal: BaseException | None = None
        self.stopped = asyncio.Event()  # set when polling ended for good (fatal error)

    # ---------------------------------------------------------------- in

    async def receive(self, raw_updates: list[Any]) -> None:
        """Store these raw updates and commit, then hand the ones to handle to PTB. Returns
        only after the commit: the caller may then confirm them to Telegram."""
        updates = [item for item in (_new_update(raw) for raw in raw_updates) if item]
        if not updates:
            return
        if self._replica is not None:
            await self._store_for_claims(updates)
            return
        async with self._database.writer() as session:
            new = await inbox_repo.store(session, updates)
            await session.commit()
            again = [u.update_id for u in updates if u.update_id not in new]
            again = [update_id for update_id in again if update_id not in self._in_flight]
            # Stored before and still not done (a failed feed, a webhook retry): feed again.
            pending = {row.update_id for row in await inbox_repo.not_done_among(session, again)}
        for item in updates:
            if item.update_id in new or item.update_id in pending:
                await self._feed(item.update_id, item.payload)

    async def _store_for_claims(self, updates: list[inbox_repo.NewUpdate]) -> None:
        """Claim mode: store and commit; the claim loop takes them from the table (whichever
        replica claims a chat first handles it)."""
        async with self._database.writer() as session:
            new = await inbox_repo.store(session, updates)
            await session.commit()
        self._awaiting.update(new)
        self._wake.set()

    async def replay(self) -> int:
        """Feed every stored update that is not done, oldest first (a crash left them)."""
        async with self._database.session() as session:
            rows = await inbox_repo.not_done(session)
        for row in rows:
            if row.update_id not in self._in_flight:
                await self._feed(row.update_id, row.payload or {})
        if rows:
            log.info("%d stored update(s) left unhandled by the last run: handling them", len(rows))
        return len(rows)

    async def _feed(self, update_id: int, payload: dict[str, Any]) -> None:
        try:
            update = Update.de_json(payload, self._application.bot)
        except Exception as error:
            # Logged once and skipped: retrying would fail the same way forever.
            log.warning("update %s cannot be parsed (%s); skipped", update_id, type(error).__name__)
            log.debug("unparsed update %s: %r", update_id, payload)
            await self._mark_done(update_id)
            return
        self._in_flight.add(update_id)
        await self._application.update_queue.put(update)

    # ---------------------------------------------------------------- handling

    async def handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run PTB's handling of `update` so that its first commit marks it done; if nothing
        committed, mark it done once the handlers (and the error handler) have returned."""
        if not isinstance(update, Update):
            await coroutine
            return
        update_id = update.update_id
        with inbox_repo.handling(update_id, self._replica) as state:
            await coroutine  # PTB catches the handlers' errors; a cancellation leaves it not done
        try:
            if not state.done:
                await self._mark_done(update_id)
        finally:
            self._in_flight.discard(update_id)
            if self._database.claimed_users is not None:
                self._database.claimed_users.discard(update_id)  # unused: the guard refused it
            self._wake.set()  # the chat's next update may be claimed now

    async def _mark_done(self, update_id: int) -> None:
        try:
            async with self._database.writer() as session:
                await inbox_repo.mark_done(session, update_id, self._replica)
                await session.commit()
        except Exception:  # it will be handled once more after a restart, nothing worse
            log.exception("could not mark update %s done", update_id)

    # ---------------------------------------------------------------- claiming

    @property
    def claiming(self) -> bool:
        """Updates are claimed from the table (PostgreSQL), not fed as they arrive."""
        return self._replica is not None

    @property
    def busy(self) -> bool:
        """Updates stored here and not yet claimed, or fed here and not yet done."""
        return bool(self._awaiting or self._in_flight)

    def start_claiming(self) -> None:
        if self._replica is not None:
            self._claimer = asyncio.create_task(self._claim_forever(), name="inbox:claim")

    async def stop_claiming(self) -> None:
        task, self._claimer = self._claimer, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _claim_forever(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.claim()
            except Exception:
                log.exception("claiming stored updates failed; trying again")
                await asyncio.sleep(CLAIM_EVERY)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), CLAIM_EVERY)

    async def claim(self) -> int:
        """One claim round: claim what may be handled now and feed it; returns how many."""
        assert self._replica is not None
        room = MAX_CLAIMED - len(self._in_flight)
        if room <= 0:
            return 0
        claimed_users = self._database.claimed_users
        generation = claimed_users.generation if claimed_users is not None else 0
        async with self._database.writer() as session:
            rows = await inbox_repo.claim_heads(session, self._replica, room)
            # The senders' rows come with the claim: one query instead of one per update.
            senders = {row.update_id: sender_id(row.payload or {}) for row in rows}
            found = {user.id: user for user in await users_repo.by_ids(session, senders.values())}
            await session.commit()
            if not rows and self._awaiting:
                # Stored here but handled elsewhere (or already done): no longer ours to wait for.
                waiting = await inbox_repo.not_done_among(session, list(self._awaiting))
                self._awaiting &= {row.update_id for row in waiting if row.claimed_by is None}
        if claimed_users is not None:
            for update_id, user_id in senders.items():
                if user_id in found:
                    claimed_users.remember(update_id, found[user_id], generation)
        for row in rows:
            self._awaiting.discard(row.update_id)
            await self._feed(row.update_id, row.payload or {})
        return len(rows)

    # ---------------------------------------------------------------- polling

    def start_polling(self, timeout: float = POLL_TIMEOUT) -> None:
        self._poller = asyncio.create_task(self._poll(timeout), name="inbox:poll")

    async def _poll(self, timeout: float) -> None:
        bot = self._application.bot
        failures = 0
        while True:
            params: dict[str, Any] = {"timeout": timeout, "allowed_updates": Update.ALL_TYPES}
            if self._offset is not None:
                params["offset"] = self._offset  # confirms everything before it: all stored
            try:
                raw = await bot.do_api_request(
                    "getUpdates", api_kwargs=params, read_timeout=timeout + READ_MARGIN
                )
            except (InvalidToken, EndPointNotFound) as error:
                log.critical(
                    "Telegram refused the bot token on getUpdates (%s): it was revoked or is "
                    "wrong. Stopping; set a valid TELEGRAM_BOT_TOKEN.",
                    type(error).__name__,
                )
                self.fatal = error
                self.stopped.set()
                return
            except RetryAfter as error:
                await asyncio.sleep(retry_after_seconds(error))
                continue
            except (Conflict, TelegramError) as error:
                failures += 1
                wait = min(2.0**failures, MAX_POLL_BACKOFF)
                name = type(error).__name__
                log.warning("getUpdates failed (%s); retrying in %.0f s", name, wait)
                await asyncio.sleep(wait)
                continue
            failures = 0
            updates = raw if isinstance(raw, list) else []
            try:
                await self.receive(updates)
            except Exception:
                # Not confirmed: Telegram sends them again with the next getUpdates.
                log.exception("could not store %d update(s); fetching them again", len(updates))
                await asyncio.sleep(1.0)
                continue
            ids = [u.get("update_id") for u in updates if isinstance(u, dict)]
            ids = [update_id for update_id in ids if _is_id(update_id)]
            if ids:
                self._offset = max(ids) + 1

    async def stop_polling(self) -> None:
        """Stop fetching, and confirm what was stored (as PTB's Updater does on stop), so that
        Telegram does not send it again to the next run."""
        task, self._poller = self._poller, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if self._offset is not None and self.fatal is None:
            with contextlib.suppress(TelegramError):
                await self._application.bot.do_api_request(
                    "getUpdates", api_kwargs={"offset": self._offset, "timeout": 0, "limit": 1}
                )

    # ---------------------------------------------------------------- pruning

    def start_janitor(self) -> None:
        """Prune every PRUNE_EVERY (`start_application` prunes once before updates flow in:
        after a week without updates Telegram numbers them from a random id again)."""
        self._janitor = asyncio.create_task(self._prune_forever(), name="inbox:prune")

    async def _prune_forever(self) -> None:
        while True:
            await asyncio.sleep(PRUNE_EVERY.total_seconds())
            try:
                await self.prune()
            except Exception:
                log.exception("pruning the inbox and outbox failed")

    async def prune(self) -> tuple[int, int]:
        """Delete done updates and given-up messages older than the retention period."""
        now = utcnow()
        async with self._database.writer() as session:
            updates = await inbox_repo.prune(session, now=now)
            messages = await outbox_repo.prune(session, now=now)
            await session.commit()
        return updates, messages

    async def stop_janitor(self) -> None:
        task, self._janitor = self._janitor, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _new_update(raw: object) -> inbox_repo.NewUpdate | None:
    """The row for one raw update; None (logged) for something without an update id."""
    if not isinstance(raw, dict) or not _is_id(raw.get("update_id")):
        log.warning("an update without a valid update_id was ignored")
        return None
    chat_id, user_id = _chat_and_user(raw)
    return inbox_repo.NewUpdate(raw["update_id"], chat_id, user_id, raw)


def _chat_and_user(raw: dict[str, Any]) -> tuple[int | None, int | None]:
    """The chat and the sender of a raw update, whatever its kind (message, callback query,
    member change…), read without parsing it."""
    body = next((value for key, value in raw.items() if key != "update_id"), None)
    if not isinstance(body, dict):
        return None, None
    chat = body.get("chat")
    if not isinstance(chat, dict) and isinstance(body.get("message"), dict):
        chat = body["message"].get("chat")  # a callback query's message
    sender = body.get("from") or body.get("user")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    user_id = sender.get("id") if isinstance(sender, dict) else None
    return (
        chat_id if isinstance(chat_id, int) else None,
        user_id if isinstance(user_id, int) else None,
    )

"""Guaranteed replies. A reply that reports a stored result (answer feedback, the next question,
a new class, homework set, notices, summaries) is written to the outbox in the same
transaction as the result, and sent as soon as that transaction commits:

    async with context.db.writer() as session:
        ...store the result...
        outbox.enqueue(session, chat_id, text, reply_markup=keyboard)
        await session.commit()          # the reply goes out now, and after a crash too

`OutboxSender` sends each chat's messages one after another in the order they were written
(different chats at once), retries 5xx, timeouts and 429 (after `retry_after`) for up to
GIVE_UP_AFTER, marks a user who blocked the bot (403) unreachable, and deletes a row once
Telegram has accepted it. After a restart it sends whatever is still pending.

Delivery is at least once: if the bot dies after Telegram accepted a message but before its
row is deleted, the message is sent again after the restart (the Bot API has no way to ask
whether a message arrived, and a repeated verdict is better than a lost one).

`OrderedRequests` keeps a chat's order for messages sent directly too: a new message to a chat
waits until the outbox has delivered what it owes that chat, so nothing overtakes a reply
still being retried."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery import (
    BLOCKED,
    FAILED,
    MAX_ATTEMPTS,
    MAX_RETRY_AFTER,
    SENT,
    Outcome,
    Outgoing,
    Pacer,
    pacer_for,
    retry_after_seconds,
    send_with_retries,
)
from db.models import OutboxMessage, utcnow
from db.repositories import inbox, users
from db.repositories import outbox as outbox_repo
from db.repositories.outbox import BULK, INTERACTIVE
from db.session import Database

log = logging.getLogger(__name__)

__all__ = ["BULK", "INTERACTIVE", "OrderedRequests", "OutboxSender", "enqueue", "sender_of"]

GIVE_UP_AFTER = 600.0  # seconds of retrying one message before it is logged and dropped
# Messages in flight at once, per priority: bulk sends (a class's notices) never take the
# places that students' replies need.
CONCURRENCY = {INTERACTIVE: 64, BULK: 16}
STOP_GRACE = 5.0  # seconds a clean stop waits for messages in flight
CLEAR_AFTER = 0.05  # seconds deliveries are gathered before their rows are deleted together
SENDER_KEY = "outbox"  # in bot_data


def enqueue(
    session: AsyncSession,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    parse_mode: str | None = ParseMode.HTML,
    priority: int = INTERACTIVE,
    document: tuple[str, bytes] | None = None,
    photo: tuple[str, bytes] | None = None,
) -> OutboxMessage:
    """Owe `chat_id` this message (text, or a document/photo with `text` as its caption); it
    is sent once `session` commits. Link previews are off. Returns the row (its `id` is set
    by the commit), for `OutboxSender.outcomes`."""
    kind, file = outbox_repo.MESSAGE, None
    if document is not None:
        kind, file = outbox_repo.DOCUMENT, document
    elif photo is not None:
        kind, file = outbox_repo.PHOTO, photo
    handling = inbox.current()
    return outbox_repo.add(
        session,
        chat_id=chat_id,
        text=text,
        kind=kind,
        parse_mode=parse_mode,
        reply_markup=reply_markup.to_dict() if reply_markup is not None else None,
        file_name=file[0] if file else None,
        file_data=file[1] if file else None,
        priority=priority,
        # A private chat's id is its user's id; deleting the user deletes what is owed.
        user_id=chat_id if chat_id > 0 else None,
        update_id=handling.update_id if handling is not None else None,
    )


def sender_of(application: Any) -> OutboxSender:
    return application.bot_data[SENDER_KEY]


_sending: contextvars.ContextVar[bool] = contextvars.ContextVar("outbox_sending", default=False)
# The priority of what the current task sends: an outbox worker sets its row's; a handler's
# direct messages are replies (interactive).
_priority: contextvars.ContextVar[int] = contextvars.ContextVar(
    "send_priority", default=INTERACTIVE
)


class OutboxSender:
    """Sends outbox rows: per chat in order, chats concurrently. Rows come from commits in this
    process (`admit`, called by `Database` after commit) and, at start, from the table
    (`resume`)."""

    def __init__(self, application: Any, database: Database) -> None:
        self._application = application
        self._database = database
        self._queues: dict[int, deque[OutboxMessage]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._drained: dict[int, asyncio.Event] = {}
        self._outcomes: dict[int, asyncio.Future[Outcome]] = {}
        self._known: set[int] = set()
        self._slots: dict[int, asyncio.Semaphore] = {}
        self._delivered: list[int] = []  # sent, row not deleted yet
        self._clearing: asyncio.Task[None] | None = None
        database.on_outbox_commit(self.admit)

    # ---------------------------------------------------------------- taking rows in

    async def resume(self) -> int:
        """Send what a previous run left pending; returns how many rows that is."""
        async with self._database.session() as session:
            rows = await outbox_repo.pending(session)
        self.admit(rows)
        if rows:
            log.info("%d outbox message(s) left pending by the last run are being sent", len(rows))
        return len(rows)

    def admit(self, rows: list[OutboxMessage]) -> None:
        """Queue committed rows (in id order) behind what their chats already wait for."""
        loop = asyncio.get_running_loop()
        for row in sorted(rows, key=lambda r: r.id):
            if row.id in self._known or row.status != outbox_repo.PENDING:
                continue
            self._known.add(row.id)
            self._outcomes[row.id] = loop.create_future()
            self._queues.setdefault(row.chat_id, deque()).append(row)
            if row.chat_id not in self._workers:
                self._drained.setdefault(row.chat_id, asyncio.Event()).clear()
                # A fresh context: the worker must not carry the handler's update (its
                # commits are no effect of that update) and marks its own sends.
                self._workers[row.chat_id] = loop.create_task(
                    self._run_chat(row.chat_id),
                    name=f"outbox:{row.chat_id}",
                    context=contextvars.Context(),
                )

    # ---------------------------------------------------------------- waiting

    @property
    def busy(self) -> bool:
        return bool(self._workers) or bool(self._delivered) or self._clearing_runs()

    def _clearing_runs(self) -> bool:
        return self._clearing is not None and not self._clearing.done()

    def owes(self, chat_id: int) -> bool:
        return chat_id in self._workers

    async def wait_drained(self, chat_id: int) -> None:
        """Until everything owed to `chat_id` so far has been sent (or given up on)."""
        while chat_id in self._workers:
            await self._drained[chat_id].wait()

    async def outcomes(self, row_ids: list[int]) -> dict[int, Outcome]:
        """Wait for these rows (admitted in this process) to be sent or given up on, and
        their outcome recorded (a delivered row deleted)."""
        futures = {row_id: self._outcomes[row_id] for row_id in row_ids if row_id in self._outcomes}
        if futures:
            await asyncio.wait(futures.values())
        if self._clearing_runs():
            assert self._clearing is not None
            await asyncio.shield(self._clearing)
        return {row_id: future.result() for row_id, future in futures.items()}

    # ---------------------------------------------------------------- sending

    async def _run_chat(self, chat_id: int) -> None:
        _sending.set(True)
        queue = self._queues[chat_id]
        try:
            while queue:
                row = queue[0]
                outcome = await self._send(row)
                await self._record(row, outcome)
                queue.popleft()
                self._known.discard(row.id)
                future = self._outcomes.pop(row.id, None)
                if future is not None and not future.done():
                    future.set_result(outcome)
        finally:
            del self._workers[chat_id]
            self._queues.pop(chat_id, None)
            self._drained.pop(chat_id).set()

    async def _send(self, row: OutboxMessage) -> Outcome:
        file = (row.file_name or "file", row.file_data or b"")
        item = Outgoing(
            key=row.id,
            chat_id=row.chat_id,
            text=row.text,
            reply_markup=row.reply_markup,
            parse_mode=row.parse_mode,
            document=file if row.kind == outbox_repo.DOCUMENT else None,
            photo=file if row.kind == outbox_repo.PHOTO else None,
            link_preview=False,
        )
        # With TELEGRAM_RATE_LIMIT, every send takes a slot of the application's pacer in
        # OrderedRequests, at this row's priority. Without it, only bulk sends are paced
        # (one a second per chat), here.
        _priority.set(row.priority)
        paced_everywhere = self._application.bot_data["settings"].telegram_rate_limit > 0
        pacer = pacer_for(self._application) if row.priority == BULK else None
        if paced_everywhere:
            pacer = None
        slots = self._slots.setdefault(
            row.priority, asyncio.Semaphore(CONCURRENCY.get(row.priority, CONCURRENCY[BULK]))
        )
        async with slots:
            try:
                return await send_with_retries(
                    self._application.bot,
                    pacer,
                    item,
                    deadline=time.monotonic() + GIVE_UP_AFTER,
                )
            except Exception as error:  # a bug in building the request: never retried
                log.exception("outbox message %s to chat %s could not be sent", row.id, row.chat_id)
                return Outcome(FAILED, 1, f"{type(error).__name__}: {error}")

    async def _record(self, row: OutboxMessage, outcome: Outcome) -> None:
        if outcome.status == SENT:
            self._clear_soon(row.id)
            return
        log.warning(
            "gave up on outbox message %s to chat %s after %d attempt(s): %s",
            row.id,
            row.chat_id,
            outcome.attempts,
            outcome.error,
        )
        try:
            async with self._database.writer(urgent=True) as session:
                if outcome.status == BLOCKED and row.user_id is not None:
                    await users.mark_unreachable(session, [row.user_id])
                await outbox_repo.give_up(
                    session,
                    row.id,
                    error=outcome.error or outcome.status,
                    attempts=outcome.attempts,
                    at=utcnow(),
                )
                await session.commit()
        except Exception:  # the row stays pending: the next start tries it again
            log.exception("could not record the outcome of outbox message %s", row.id)

    def _clear_soon(self, row_id: int) -> None:
        """Delete a delivered row soon (ahead of other writers, see `db.session.Turns`),
        together with every other row delivered meanwhile: one short transaction for many
        (waiting CLEAR_AFTER gathers the deliveries of a busy moment into it), and the time in
        which a crash would repeat a message stays a fraction of a second. The chat's next
        message does not wait for it."""
        self._delivered.append(row_id)
        if not self._clearing_runs():
            self._clearing = asyncio.get_running_loop().create_task(
                self._clear_delivered(), name="outbox:clear", context=contextvars.Context()
            )

    async def _clear_delivered(self) -> None:
        while self._delivered:
            await asyncio.sleep(CLEAR_AFTER)
            try:
                async with self._database.writer(urgent=True) as session:
                    row_ids, self._delivered = self._delivered, []  # all that came meanwhile
                    await outbox_repo.delivered(session, row_ids)
                    await session.commit()
            except Exception:  # they stay pending: a restart sends them once more
                log.exception("could not clear delivered outbox messages")
                return

    # ---------------------------------------------------------------- stopping

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Let messages in flight finish for up to `grace` seconds; the rest stay pending in
        the table for the next start."""
        workers = list(self._workers.values())
        if workers:
            _, late = await asyncio.wait(workers, timeout=grace)
            await _cancel(late)
        if self._clearing is not None:  # what was delivered is recorded, briefly
            _, late = await asyncio.wait([self._clearing], timeout=grace)
            await _cancel(late)
        for future in self._outcomes.values():
            future.cancel()
        self._outcomes.clear()
        self._known.clear()


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task


# Telegram methods that put a new message into a chat: these wait for the chat's outbox.
_NEW_MESSAGE = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendVoice",
        "sendVideoNote",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "sendInvoice",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)


_STALE_QUERY = "query is too old"  # Telegram: "…too old and response timeout expired or…"


class OrderedRequests(BaseRateLimiter[Any]):
    """PTB's hook around every Bot API request (its rate limiter slot):

    - a new message to a chat waits until the outbox has delivered what it owes that chat, so
      a direct reply never overtakes an earlier reply from the outbox;
    - with `pacer` (TELEGRAM_RATE_LIMIT > 0), every new message takes a slot of it, replies to
      students before class-wide sends (`bot.delivery.Pacer`), and a 429 holds every sender
      for `retry_after` and is tried again (up to MAX_ATTEMPTS times);
    - answering a button press that Telegram no longer accepts (already answered, or too old:
      an update handled again after a crash) is a no-op instead of an error, so the handler
      goes on to store what the press asked for."""

    def __init__(self, pacer: Pacer | None = None) -> None:
        self.pacer = pacer
        self.sender: OutboxSender | None = None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        new_message = endpoint in _NEW_MESSAGE and isinstance(chat_id, int)
        if self.sender is not None and new_message and not _sending.get():
            await self.sender.wait_drained(chat_id)  # type: ignore[arg-type]
        try:
            if self.pacer is not None and new_message:
                return await self._paced(callback, args, kwargs, chat_id)  # type: ignore[arg-type]
            return await callback(*args, **kwargs)
        except BadRequest as error:
            if endpoint == "answerCallbackQuery" and _STALE_QUERY in str(error).lower():
                log.debug("press %s could not be answered any more", data.get("callback_query_id"))
                return True
            raise

    async def _paced(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: Any,
        chat_id: int,
    ) -> Any:
        assert self.pacer is not None
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.pacer.slot(chat_id, _priority.get()):
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt >= MAX_ATTEMPTS:
                    raise
                wait = min(retry_after_seconds(error), MAX_RETRY_AFTER)
                log.info("429 for chat %s, every sender waits %.1f s", chat_id, wait)
                self.pacer.hold(wait)  # this send tries again in its next slot

"""Sending many messages within Telegram's limits: about 30 messages a second overall and one
a second per chat.

`Pacer` hands out send slots, replies to students before class-wide sends. With
TELEGRAM_RATE_LIMIT > 0 every message the bot sends takes a slot of the application's pacer
(`bot.outbox.OrderedRequests`, PTB's rate-limiter hook, which also waits out 429s), so a
server enforcing Telegram's limits hardly ever answers 429; with 0 nothing is paced but
class-wide sends, one a second per chat. `send_with_retries` retries 429 (after
`retry_after`), 5xx and timeouts, gives up at once on 403 (the user blocked the bot) and on
400; `deliver` sends a batch through a few workers and reports every outcome to the caller,
who commits it per message."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
import warnings
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from db.repositories.outbox import INTERACTIVE
from db.session import Turns

log = logging.getLogger(__name__)

PER_CHAT_INTERVAL = 1.0  # seconds between two messages to the same private chat
GROUP_INTERVAL = 3.0  # …to the same group: Telegram allows about 20 a minute there
WINDOW = 1.0  # Telegram counts messages per second
EPSILON = 0.005
MAX_ATTEMPTS = 5
MAX_RETRY_AFTER = 120.0  # never park a worker for longer than this on one 429
MAX_BACKOFF = 8.0  # seconds between two tries after a 5xx or a timeout
WORKERS = 16
_PRUNE_AT = 10_000


class Pacer:
    """Send slots within `rate` messages per second overall (0 = no overall limit) and one
    message per `per_chat_interval` per private chat (`group_interval` per group). Shared by
    every sender of one application — replies, notices, reminders, summaries — so together
    they stay within Telegram's limits; an interactive send (a reply to what a student just
    did) takes the next free slot before any bulk send still waiting, so a class notice going
    out never holds a student's feedback up by more than one slot.

    Evenly spacing the sends is not enough: the server counts a message when it handles it,
    somewhere between our request and its answer, and delays vary (a busy server, the network),
    so evenly sent requests can arrive bunched. So a new send also waits until fewer than
    `rate` sends are either still in flight or were answered less than a second ago. Any
    message the server counts within one second of ours was then in flight or answered less
    than a second before ours started, so no one-second window ever holds more than `rate` of
    them, whatever the delays. Per chat the same rule with a limit of one. A send waits for
    its chat's turn before it queues for the overall rate, so a chat that has to wait holds
    up nobody else."""

    def __init__(
        self,
        rate: float,
        *,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        group_interval: float = GROUP_INTERVAL,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.limit = max(1, math.floor(rate * window)) if rate > 0 else 0
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.window = window
        self.per_chat_interval = per_chat_interval
        self.group_interval = group_interval
        self._clock = clock
        self._sleep = sleep
        self._turns = Turns()  # who takes the next overall slot: interactive sends first
        self._released = asyncio.Event()
        self._next_any = 0.0
        self._in_flight = 0
        self._answered: deque[float] = deque()  # when recent sends were answered
        self._chat_free: dict[int, float] = {}  # a chat's next free time; inf while in flight

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int, priority: int = INTERACTIVE) -> AsyncIterator[None]:
        """`async with pacer.slot(chat_id): await send(...)`"""
        await self.acquire(chat_id, priority)
        try:
            yield
        finally:
            self.release(chat_id)

    async def acquire(self, chat_id: int, priority: int = INTERACTIVE) -> None:
        while True:
            await self._chat_turn(chat_id)
            async with self._turns.turn(urgent=priority == INTERACTIVE):
                await self._overall_room()
                now = self._clock()
                if self._chat_free.get(chat_id, 0.0) > now:
                    continue  # another send to this chat went first: its turn again
                self._in_flight += 1
                if self.interval:
                    self._next_any = now + self.interval
                if len(self._chat_free) > _PRUNE_AT:
                    self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}
                self._chat_free[chat_id] = math.inf
                return

    async def _chat_turn(self, chat_id: int) -> None:
        """Until the chat may get another message."""
        while (ready := self._chat_free.get(chat_id, 0.0)) > (now := self._clock()):
            if math.isinf(ready):
                await self._wait_for_release()  # its last message is still in flight
            else:
                await self._sleep(ready - now)

    async def _overall_room(self) -> None:
        """Until a send fits the overall rate."""
        while True:
            now = self._clock()
            while self._answered and self._answered[0] <= now - self.window:
                self._answered.popleft()
            busy = self.limit and self._in_flight + len(self._answered) >= self.limit
            if self._next_any <= now and not busy:
                return
            if busy and not self._answered:
                await self._wait_for_release()  # only an answer can change things
            elif self._next_any > now:
                await self._sleep(self._next_any - now)
            else:  # the oldest answer leaves the window then
                await self._sleep(self._answered[0] + self.window - now + EPSILON)

    def release(self, chat_id: int) -> None:
        """The send to `chat_id` was answered (or failed)."""
        now = self._clock()
        self._in_flight -= 1
        if self.limit:
            self._answered.append(now)
        interval = self.per_chat_interval if chat_id > 0 else self.group_interval
        self._chat_free[chat_id] = now + interval + EPSILON
        self._released.set()

    async def _wait_for_release(self) -> None:
        self._released.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), timeout=self.window)

    def hold(self, seconds: float) -> None:
        """Telegram said "retry after": no slot for anyone before then."""
        self._next_any = max(self._next_any, self._clock() + seconds)


def pacer_for(application: Any) -> Pacer:
    """The application's pacer (tests may put their own in `bot_data["pacer"]`)."""
    pacer = application.bot_data.get("pacer")
    if pacer is None:
        pacer = Pacer(application.bot_data["settings"].telegram_rate_limit)
        application.bot_data["pacer"] = pacer
    return pacer


@dataclass(frozen=True)
class Outgoing:
    """One message to send. `key` is the caller's id for it (e.g. a reminder row)."""

    key: int
    chat_id: int
    text: str
    reply_markup: InlineKeyboardMarkup | dict[str, Any] | None = None  # a dict: as stored
    parse_mode: str | None = "HTML"
    document: tuple[str, bytes] | None = None  # (filename, content): sent with `text` as caption
    photo: tuple[str, bytes] | None = None  # (filename, content): sent with `text` as caption
    link_preview: bool = True


SENT, BLOCKED, FAILED, LOST = "sent", "blocked", "failed", "lost"


@dataclass(frozen=True)
class Outcome:
    status: str  # sent | blocked (403) | failed | lost (the claim was taken: not sent)
    attempts: int
    error: str | None = None
    retries: int = 0  # how many 429s were waited out


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    deferred: int = 0
    retries: int = 0
    blocked: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.skipped += other.skipped
        self.deferred += other.deferred
        self.retries += other.retries
        self.blocked.extend(other.blocked)
        self.seconds += other.seconds


Before = Callable[[Outgoing], Awaitable[bool]]
After = Callable[[Outgoing, Outcome], Awaitable[None]]


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 deprecates the int form; we accept both
        warnings.simplefilter("ignore")
        return _seconds(error.retry_after)


_NO_PREVIEW_DICT = {"is_disabled": True}


# A text goes out as the Bot API's sendMessage with the markup as stored (a dict): the sender
# needs no Message object back, and building and parsing one costs more CPU than the call.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)


async def _send_once(bot: Any, item: Outgoing) -> None:
    markup = item.reply_markup
    if isinstance(markup, dict):
        markup = (
            InlineKeyboardMarkup.de_json(markup, None) if item.document or item.photo else markup
        )
    if item.document is not None or item.photo is not None:
        filename, content = item.document or item.photo  # type: ignore[misc]
        send = bot.send_document if item.document is not None else bot.send_photo
        await send(
            item.chat_id,
            InputFile(content, filename=filename),
            caption=item.text or None,
            parse_mode=item.parse_mode,
            reply_markup=markup,
        )
        return
    parameters: dict[str, Any] = {"chat_id": item.chat_id, "text": item.text}
    if item.parse_mode:
        parameters["parse_mode"] = item.parse_mode
    if markup is not None:
        parameters["reply_markup"] = markup if isinstance(markup, dict) else markup.to_dict()
    if not item.link_preview:
        parameters["link_preview_options"] = _NO_PREVIEW_DICT
    await bot.do_api_request("sendMessage", api_kwargs=parameters)


def backoff(attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): 0.5, 1, 2, 4, 8, 8…"""
    return min(0.5 * 2 ** (attempt - 1), MAX_BACKOFF)


async def send_with_retries(
    bot: Any,
    pacer: Pacer | None,
    item: Outgoing,
    *,
    before: Before | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    deadline: float | None = None,
    report: DeliveryReport | None = None,
) -> Outcome:
    """Send one message in its slot (`pacer=None`: at once). Retries 429 (after
    `retry_after`), 5xx, timeouts and network errors: `max_attempts` times, or with a
    `deadline` (time.monotonic()) until then instead. Gives up at once on 403 (blocked) and
    400 (the same request would fail the same way). `before` runs once, after the first slot
    is granted and just before the first HTTP call (it commits "sending"); if it says no,
    nothing is sent."""
    started = False
    last = "no attempt made"
    retries = 0
    attempt = 0
    while True:
        attempt += 1
        try:
            async with pacer.slot(item.chat_id) if pacer else contextlib.nullcontext():
                if not started:
                    started = True
                    if before is not None and not await before(item):
                        return Outcome(LOST, 0)
                await _send_once(bot, item)
            return Outcome(SENT, attempt, retries=retries)
        except RetryAfter as error:
            wait = min(retry_after_seconds(error), MAX_RETRY_AFTER)
            pause = wait
            if pacer is not None:
                pacer.hold(wait)  # every sender waits, this one in its next slot
                pause = 0.0
            retries += 1
            if report is not None:
                report.retries += 1
            log.info("429 for chat %s, retrying after %.1f s", item.chat_id, wait)
            last = str(error)
        except Forbidden as error:
            return Outcome(BLOCKED, attempt, str(error), retries)
        except BadRequest as error:  # the same request would fail the same way
            return Outcome(FAILED, attempt, str(error), retries)
        except TelegramError as error:  # network trouble, timeouts, 5xx
            wait = pause = backoff(attempt)
            log.warning("send to %s failed (%s), attempt %d", item.chat_id, error, attempt)
            last = str(error)
        if deadline is None and attempt >= max_attempts:
            return Outcome(FAILED, attempt, last, retries)
        if deadline is not None and time.monotonic() + wait > deadline:
            return Outcome(FAILED, attempt, f"gave up: {last}", retries)
        if pause:
            await asyncio.sleep(pause)


async def deliver(
    bot: Any,
    pacer: Pacer,
    items: Sequence[Outgoing],
    *,
    before: Before | None = None,
    after: After | None = None,
    workers: int = WORKERS,
) -> DeliveryReport:
    """Send `items` paced, a few at a time (so that one slow request does not stall the rest),
    calling `after` with each outcome as soon as it is known."""
    report = DeliveryReport()
    started = time.monotonic()
    queue: asyncio.Queue[Outgoing] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                outcome = await send_with_retries(bot, pacer, item, before=before, report=report)
            except Exception as error:  # a database hiccup in `before` must not stop the rest
                log.exception("delivery of %s to %s broke", item.key, item.chat_id)
                outcome = Outcome(FAILED, 1, f"{type(error).__name__}: {error}")
            _count(report, item, outcome)
            if after is not None:
                try:
                    await after(item, outcome)
                except Exception:
                    log.exception("recording the outcome of %s failed", item.key)

    await asyncio.gather(*(worker() for _ in range(max(1, min(workers, len(items))))))
    report.seconds = time.monotonic() - started
    return report


def _count(report: DeliveryReport, item: Outgoing, outcome: Outcome) -> None:
    if outcome.status == SENT:
        report.sent += 1
    elif outcome.status == BLOCKED:
        report.failed += 1
        report.blocked.append(item.chat_id)
    elif outcome.status == FAILED:
        report.failed += 1
    else:
        report.skipped += 1

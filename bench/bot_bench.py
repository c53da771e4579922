"""How fast the real bot answers many students at once, against a bare echo bot as the floor.

    python bench/bot_bench.py                 # 100 chats × 5 answers
    python bench/bot_bench.py --chats 20 --answers 3

Both bots run in this process against their own loopback Bot API server (`bot.sandbox`), with
TELEGRAM_RATE_LIMIT=0 (nothing throttles on loopback). Every chat runs its own loop, all
chats at once; one *round* is two updates and two replies in both cases:

- Surprise Quiz (the real Application: per-chat processor, SQLite on disk, grading): type the
  answer → the feedback arrives (timed: this is the latency), press "Next question" → the
  next question arrives. Answers are right (computed from the question's seed, as a student
  with a calculator would), so each one also writes the attempt, mastery and homework check.
- echo floor: a minimal python-telegram-bot Application with one MessageHandler replying the
  text, default settings (updates one at a time): type a text → its echo (timed), type
  another → its echo.

Throughput is answers per second of wall time over all rounds; latency percentiles are over
the timed halves. CPU is the process's CPU time (every thread: the bot, its SQLite thread, the
loopback server and the driver) over the timed rounds, per answer: the server and the driver do
the same work for every round, so a change in the bot shows up in full in the difference.
The ratio ours/echo ≥ 1 means handling chats concurrently wins back the cost of grading and
storing. Not a test: figures depend on the machine.

Everything shares one process and one event loop, and a loopback round trip costs next to
nothing, so at `--api-latency-ms 0` the echo bot is bound by CPU, not by waiting, and serving
chats one at a time costs it little. `--api-latency-ms 0,20` adds runs where every Bot API
call but getUpdates answers later, like a real trip to api.telegram.org: there the echo bot
waits for each reply in turn while the real bot keeps many chats in flight."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import event
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.config import Settings
from bot.sandbox import BotApiSandbox, SentMessage
from bot.sandbox.runner import start_application, stop_application
from bot.texts import t
from quiz.numbers import format_number
from quiz.questions import TOPICS, generate

TOKEN = "123456:BENCH-TOKEN"
FIRST_USER = 10_000
LEVEL = re.compile(r"(?:рівень|level) (\d)")


class WatchedSandbox(BotApiSandbox):
    """The loopback server, telling a waiting driver the moment its chat gets a message (so
    the driver waits on a future instead of polling the message list)."""

    def __init__(self, *args: Any, latency: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiters: dict[int, asyncio.Future[SentMessage]] = {}
        self.latency = latency

    async def _handle_method(self, request: web.Request) -> web.Response:
        """With `latency`, every call but getUpdates answers that much later, like a real
        round trip to api.telegram.org (the loopback one is a fraction of a millisecond)."""
        if self.latency and request.match_info["method"].lower() != "getupdates":
            await asyncio.sleep(self.latency)
        return await super()._handle_method(request)

    def _snapshot(self, chat: Any, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super()._snapshot(chat, *args, **kwargs)
        waiter = self.waiters.pop(chat.id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(self.messages(chat.id)[-1])

    def expect(self, chat_id: int) -> asyncio.Future[SentMessage]:
        future: asyncio.Future[SentMessage] = asyncio.get_running_loop().create_future()
        self.waiters[chat_id] = future
        return future


class Gate:
    """Chats warm up (their first message and reply), then all start together."""

    def __init__(self, chats: int) -> None:
        self.waiting = chats
        self.all_ready = asyncio.Event()
        self.go = asyncio.Event()

    async def ready(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.all_ready.set()
        await self.go.wait()


@dataclass
class Result:
    name: str
    answers: int
    seconds: float
    latencies: list[float]
    cpu_seconds: float
    database_calls: int | None = None  # SQL statements and commits, for the real bot

    @property
    def rate(self) -> float:
        return self.answers / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def line(self) -> str:
        return (
            f"{self.name:<14} {self.answers:>5} answers in {self.seconds:6.2f} s  "
            f"{self.rate:8.1f} answers/s   latency p50 {self.percentile(0.5) * 1000:7.1f} ms"
            f"  p99 {self.percentile(0.99) * 1000:7.1f} ms"
            f"  CPU {self.cpu_seconds / self.answers * 1000:6.2f} ms/answer"
            + (
                f"  SQL {self.database_calls / self.answers:4.1f}/answer"
                if self.database_calls is not None
                else ""
            )
        )


async def exchange(sandbox: WatchedSandbox, chat_id: int, act: Callable[[], object]) -> SentMessage:
    """Do something as the user and wait for the bot's next message in that chat."""
    future = sandbox.expect(chat_id)
    act()
    return await asyncio.wait_for(future, timeout=120)


# ---------------------------------------------------------------- the real bot


def right_answer(question_message: SentMessage, lang: str) -> str:
    """What a diligent student types: the question is regenerated from its seed (in the
    Hint button), topic and level (in the header), exactly as the bot does."""
    seed = int(question_message.callback_data[0].rsplit(":", 1)[1])
    header = question_message.text.splitlines()[0]
    topic = next(name for name in TOPICS if t(lang, f"topic.{name}") in header)
    level_match = LEVEL.search(header)
    level = int(level_match.group(1)) if level_match else 1
    question = generate(topic, level, seed, lang, None)
    return format_number(question.answer, lang).replace("−", "-")


async def quiz_chat(
    sandbox: WatchedSandbox, chat_id: int, answers: int, start: Gate, lang: str
) -> list[float]:
    sandbox.user(chat_id, f"Student {chat_id}", lang)
    question = await exchange(sandbox, chat_id, lambda: sandbox.send_text(chat_id, "/quiz mixed"))
    await start.ready()
    latencies = []
    for _ in range(answers):
        text = right_answer(question, lang)
        began = time.perf_counter()
        feedback = await exchange(
            sandbox, chat_id, lambda text=text: sandbox.send_text(chat_id, text)
        )
        latencies.append(time.perf_counter() - began)
        if not feedback.text.startswith("✅"):
            raise RuntimeError(f"the bench's answer {text!r} was not right: {feedback.text[:200]}")
        _, next_data = feedback.button(t(lang, "button.next"))
        assert next_data is not None
        question = await exchange(
            sandbox,
            chat_id,
            lambda m=feedback.message_id, d=next_data: sandbox.press(chat_id, m, d),
        )
    return latencies


async def bench_quiz(chats: int, answers: int, workdir: Path, latency: float = 0.0) -> Result:
    sandbox = WatchedSandbox(token=TOKEN, bot_username="surprise_quiz_bench_bot", latency=latency)
    await sandbox.start()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=sandbox.url,
        DATABASE_URL=f"sqlite+aiosqlite:///{workdir}/bench.sqlite3",
        TELEGRAM_RATE_LIMIT=0,
        QUIET_HOURS="off",
        ADMIN_IDS="",
    )
    application = build_application(settings)
    calls = [0]  # every SQL statement and every commit the bot makes

    def count(*_: object) -> None:
        calls[0] += 1

    engine = application.bot_data["db"].engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    event.listen(engine, "commit", count)
    await start_application(application, poll_timeout=5)
    try:
        return await drive(
            "surprise quiz",
            chats,
            answers,
            lambda chat_id, start: quiz_chat(
                sandbox, chat_id, answers, start, ("uk", "en")[chat_id % 2]
            ),
            database_calls=lambda: calls[0],
        )
    finally:
        await stop_application(application)
        await sandbox.stop()


# ---------------------------------------------------------------- the echo floor


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def echo_chat(
    sandbox: WatchedSandbox, chat_id: int, answers: int, start: Gate
) -> list[float]:
    await exchange(sandbox, chat_id, lambda: sandbox.send_text(chat_id, "hello"))
    await start.ready()
    latencies = []
    for n in range(answers):
        began = time.perf_counter()
        await exchange(sandbox, chat_id, lambda n=n: sandbox.send_text(chat_id, f"answer {n}"))
        latencies.append(time.perf_counter() - began)
        await exchange(sandbox, chat_id, lambda: sandbox.send_text(chat_id, "next"))
    return latencies


async def bench_echo(chats: int, answers: int, latency: float = 0.0) -> Result:
    sandbox = WatchedSandbox(token=TOKEN, bot_username="echo_bench_bot", latency=latency)
    await sandbox.start()
    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{sandbox.url}/bot")
        .base_file_url(f"{sandbox.url}/file/bot")
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    await start_application(application, poll_timeout=5)
    try:
        return await drive(
            "echo floor",
            chats,
            answers,
            lambda chat_id, start: echo_chat(sandbox, chat_id, answers, start),
        )
    finally:
        await stop_application(application)
        await sandbox.stop()


# ---------------------------------------------------------------- driving


async def drive(
    name: str,
    chats: int,
    answers: int,
    chat_loop: Callable[[int, Gate], Awaitable[list[float]]],
    database_calls: Callable[[], int] | None = None,
) -> Result:
    """Every chat warms up, then the clock starts and all chats run at once."""
    gate = Gate(chats)
    tasks = [asyncio.create_task(chat_loop(FIRST_USER + n, gate)) for n in range(chats)]
    ready = asyncio.create_task(gate.all_ready.wait())
    await asyncio.wait([ready, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():  # a chat failed during its warm-up
        ready.cancel()
        await asyncio.gather(*tasks)
    calls_began = database_calls() if database_calls else 0
    began, cpu_began = time.perf_counter(), time.process_time()
    gate.go.set()
    latencies = [latency for chat in await asyncio.gather(*tasks) for latency in chat]
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu_began
    calls = database_calls() - calls_began if database_calls else None
    return Result(name, len(latencies), seconds, latencies, cpu_seconds, calls)


async def main(chats: int, answers: int, latencies_ms: list[float]) -> None:
    logging.basicConfig(level=logging.WARNING)
    print(f"{chats} chats × {answers} answers, TELEGRAM_RATE_LIMIT=0, loopback Bot API server")
    for latency_ms in latencies_ms:
        latency = latency_ms / 1000
        with tempfile.TemporaryDirectory() as workdir:
            echo_result = await bench_echo(chats, answers, latency)
            quiz_result = await bench_quiz(chats, answers, Path(workdir), latency)
        print(f"-- API round trip +{latency_ms:g} ms")
        print(quiz_result.line())
        print(echo_result.line())
        ratio = quiz_result.rate / echo_result.rate
        p50 = statistics.median(quiz_result.latencies) / statistics.median(echo_result.latencies)
        print(f"ratio ours/echo: throughput {ratio:.2f} (target ≥ 1.0), p50 latency {p50:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument(
        "--api-latency-ms",
        default="0",
        help="comma-separated extra delays for every Bot API call but getUpdates, e.g. 0,20",
    )
    arguments = parser.parse_args()
    delays = [float(part) for part in arguments.api_latency_ms.split(",") if part.strip()]
    asyncio.run(main(arguments.chats, arguments.answers, delays))

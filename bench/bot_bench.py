"""What a quiz round costs the bot, as a user's server runs it, against a bare echo bot.

    python bench/bot_bench.py                          # 100 chats × 5 rounds, +0 and +20 ms
    python bench/bot_bench.py --chats 20 --answers 3 --api-latency-ms 0
    python bench/bot_bench.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
    python bench/bot_bench.py --repeat 3 --profile /tmp/bot.svg      # py-spy flame graph

Both bots run as their own processes against a loopback Bot API server (`bot.sandbox`) in
this process, with TELEGRAM_RATE_LIMIT=0 (nothing throttles on loopback):

- ours: `python -m bot`, on a throwaway SQLite file (or a fresh PostgreSQL database on the
  server given with --database-url). A *round*: type the answer → the feedback arrives
  (timed: this is the latency); press "Next question" → the next question arrives. Answers
  are right (regenerated from the question's seed, as a student with a calculator would), so
  each one stores the attempt and moves mastery.
- the floor: `bench/echo_bot.py`, python-telegram-bot's echo example (defaults: updates one at
  a time, no database). A round: type a text → its echo (timed), type another → its echo.

Every chat warms up (its first exchange), then all chats run their rounds at once. CPU is the
bot process's own user + system time over the timed rounds (/proc/<pid>/stat, every thread),
per round: the goal of issue 13 is ours ≤ 2 × echo. Beside it: rounds per second of wall
time and feedback latency percentiles. `--api-latency-ms 0,20` answers every Bot API call but
getUpdates that much later, like a real trip to api.telegram.org: CPU per round hardly moves,
but waiting does. The machine is shared: both bots are measured in the same run, `--repeat`
alternates them, and the load average is printed with the figures. Not a test."""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from processes import (
    TOKEN,
    Process,
    Profiler,
    fresh_database,
    load_average,
    start_bot,
    start_echo,
)
from students import Student, WatchedSandbox, percentile, wait_for_polling

FIRST_USER = 10_000


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
    rounds: int
    seconds: float
    latencies: list[float]
    cpu_seconds: float
    loop_cpu_seconds: float  # of it, the main thread's (the event loop)
    sql: dict[str, int] | None = None  # statements, commits, checkouts (--count-sql)

    @property
    def rate(self) -> float:
        return self.rounds / self.seconds

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds / self.rounds * 1000

    def line(self) -> str:
        return (
            f"{self.name:<6} {self.rounds:>5} rounds in {self.seconds:6.2f} s "
            f"{self.rate:7.1f} rounds/s  p50 {percentile(self.latencies, 0.5) * 1000:7.1f} ms"
            f"  p99 {percentile(self.latencies, 0.99) * 1000:7.1f} ms"
            f"  CPU {self.cpu_ms:6.2f} ms/round"
            f" ({self.loop_cpu_seconds / self.rounds * 1000:.2f} on the loop)"
            + (
                "  per round: "
                + ", ".join(f"{n / self.rounds:.1f} {k}" for k, n in self.sql.items())
                if self.sql
                else ""
            )
        )


ChatLoop = Callable[[WatchedSandbox, int, Gate], Awaitable[list[float]]]


async def quiz_chat(sandbox: WatchedSandbox, chat_id: int, gate: Gate, rounds: int) -> list[float]:
    student = Student(sandbox, chat_id, ("uk", "en")[chat_id % 2])
    await student.start_quiz()
    await gate.ready()
    for _ in range(rounds):
        await student.round()
    return student.latencies


async def echo_chat(sandbox: WatchedSandbox, chat_id: int, gate: Gate, rounds: int) -> list[float]:
    def say(text: str) -> Awaitable[object]:
        return sandbox.exchange(chat_id, lambda: sandbox.send_text(chat_id, text))

    sandbox.user(chat_id, f"Student {chat_id}", "uk")
    await say("hello")
    await gate.ready()
    latencies = []
    for n in range(rounds):
        began = time.perf_counter()
        await say(f"answer {n}")
        latencies.append(time.perf_counter() - began)
        await say("next")
    return latencies


async def drive(
    name: str, sandbox: WatchedSandbox, process: Process, chats: int, chat_loop: ChatLoop,
    profile: Path | None = None, count_sql: bool = False,
) -> Result:  # fmt: skip
    """Every chat warms up, then the clock starts and all chats run at once."""
    await wait_for_polling(sandbox, process)
    gate = Gate(chats)
    tasks = [asyncio.create_task(chat_loop(sandbox, FIRST_USER + n, gate)) for n in range(chats)]
    ready = asyncio.create_task(gate.all_ready.wait())
    await asyncio.wait([ready, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():  # a chat failed during its warm-up
        ready.cancel()
        await asyncio.gather(*tasks)
    profiler = Profiler(process.pid, profile) if profile else None
    if profiler:
        await profiler.start()
    sql_began = await process.sql_counts() if count_sql else None
    began, cpu_began, loop_began = time.perf_counter(), process.cpu(), process.loop_cpu()
    gate.go.set()
    latencies = [latency for chat in await asyncio.gather(*tasks) for latency in chat]
    seconds, cpu = time.perf_counter() - began, process.cpu() - cpu_began
    loop_cpu = process.loop_cpu() - loop_began
    sql = None
    if sql_began is not None:
        sql = {k: n - sql_began[k] for k, n in (await process.sql_counts()).items()}
    if profiler:
        await profiler.stop()
    return Result(name, len(latencies), seconds, latencies, cpu, loop_cpu, sql)


async def run_one(
    name: str, chats: int, rounds: int, latency: float, server_url: str | None,
    profile: Path | None = None, count_sql: bool = False,
) -> Result:  # fmt: skip
    sandbox = WatchedSandbox(token=TOKEN, bot_username=f"{name}_bench_bot", latency=latency)
    await sandbox.start()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        async with fresh_database(workdir, server_url if name == "ours" else None) as url:
            if name == "ours":
                process = await start_bot(sandbox.url, url, workdir, count_sql=count_sql)

                async def loop(s: WatchedSandbox, chat_id: int, gate: Gate) -> list[float]:
                    return await quiz_chat(s, chat_id, gate, rounds)
            else:
                process = await start_echo(sandbox.url, workdir)

                async def loop(s: WatchedSandbox, chat_id: int, gate: Gate) -> list[float]:
                    return await echo_chat(s, chat_id, gate, rounds)

            try:
                counting = count_sql and name == "ours"
                return await drive(name, sandbox, process, chats, loop, profile, counting)
            except BaseException:
                process.check_alive()
                raise
            finally:
                await process.stop()
                await sandbox.stop()


async def main(arguments: argparse.Namespace) -> None:
    latencies_ms = [float(part) for part in arguments.api_latency_ms.split(",") if part.strip()]
    backend = "PostgreSQL" if arguments.database_url else "SQLite"
    print(
        f"{arguments.chats} chats × {arguments.answers} rounds, {backend}, TELEGRAM_RATE_LIMIT=0, "
        f"bots as processes; load average {load_average()} at {time.strftime('%H:%M:%S')}"
    )
    for latency_ms in latencies_ms:
        ratios: list[float] = []
        for repeat in range(arguments.repeat):
            results = {}
            for name in ("echo", "ours"):
                profile = arguments.profile if name == "ours" and repeat == 0 else None
                results[name] = await run_one(
                    name,
                    arguments.chats,
                    arguments.answers,
                    latency_ms / 1000,
                    arguments.database_url,
                    Path(profile) if profile and latency_ms == latencies_ms[0] else None,
                    arguments.count_sql,
                )
            ours, echo = results["ours"], results["echo"]
            ratios.append(ours.cpu_ms / echo.cpu_ms)
            print(f"-- API round trip +{latency_ms:g} ms, run {repeat + 1}, load {load_average()}")
            print(ours.line())
            print(echo.line())
            print(
                f"CPU per round ours/echo {ours.cpu_ms / echo.cpu_ms:.2f} (goal ≤ 2), "
                f"rounds/s ours/echo {ours.rate / echo.rate:.2f}"
            )
        if len(ratios) > 1:
            print(f"== +{latency_ms:g} ms: CPU ratio median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--answers", type=int, default=5, help="rounds per chat")
    parser.add_argument("--api-latency-ms", default="0,20", help="comma-separated, e.g. 0,20")
    parser.add_argument("--repeat", type=int, default=1, help="runs of both bots per latency")
    parser.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL server (postgresql+asyncpg://…/postgres): each run gets a fresh "
        "database there; SQLite files otherwise",
    )
    parser.add_argument(
        "--profile",
        default=None,
        help="py-spy profile of ours: an SVG flame graph, or collapsed stacks (.txt)",
    )
    parser.add_argument(
        "--count-sql",
        action="store_true",
        help="run ours through bench/sql_counter.py: SQL statements and commits per round",
    )
    asyncio.run(main(parser.parse_args()))

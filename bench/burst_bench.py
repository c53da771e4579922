"""A whole school at once under Telegram's flood limits: 300 students answering in the same
second, and a class notice to 300 students while others answer.

    python bench/burst_bench.py                      # 300 students, 30 messages/s, 1/s per chat
    python bench/burst_bench.py --students 100 --active 10

The bot runs as its own process (`python -m bot`, its default limiter: TELEGRAM_RATE_LIMIT
unset) against the loopback Bot API server in this process, which enforces Telegram's limits
(`--rate` messages a second overall, one a second per chat; over them → 429 with
retry_after), as api.telegram.org does.

1. Burst: every student has a question open; all of them type the right answer in the same
   instant. The floor is the messages the bot had to send ÷ the rate (300 feedbacks at 30/s:
   10 s): no bot can deliver the last feedback sooner without breaking the limit. Printed:
   the share of sends answered 429 (goal ≤ 1 %), feedbacks lost (goal 0), p50/p99/max
   feedback time and max ÷ floor (goal ≤ 1.15).
2. Notice: `--active` students answer at a student's pace (a round, then `--think` seconds),
   first alone, then while the teacher's /assign notifies the whole class (one message to
   each of the students, paced within the same limits). Printed: their feedback times
   without and with the notice in flight, and how much the notice held a feedback up
   (worst with − median without; goal ≤ 1 s), 429 share, notices delivered exactly once.

The machine is shared: the load average is printed with the figures. Not a test."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from processes import TOKEN, fresh_database, load_average, start_bot
from students import Student, WatchedSandbox, percentile, wait_for_polling

from bot.sandbox import SentMessage

TEACHER = 900_001
FIRST_STUDENT = 10_000
JOIN_CODE = re.compile(r"start=c_([A-Za-z0-9]+)")
NOTICE = "hw:start:"
LOST_AFTER = 180.0  # seconds without the feedback: it is not coming


def is_notice(message: SentMessage) -> bool:
    return not message.edited and any(d and d.startswith(NOTICE) for d in message.callback_data)


def times(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 0.5):6.2f} s  p99 {percentile(values, 0.99):6.2f} s  "
        f"max {max(values):6.2f} s"
    )


async def new_class(sandbox: WatchedSandbox) -> str:
    sandbox.user(TEACHER, "Teacher", "uk")
    reply = await sandbox.exchange(
        TEACHER,
        lambda: sandbox.send_text(TEACHER, "/newclass Burst"),
        lambda m: JOIN_CODE.search(m.text) is not None,
    )
    match = JOIN_CODE.search(reply.text)
    assert match is not None
    return match.group(1)


async def warm_up(students: list[Student], code: str, at_once: int = 40) -> None:
    """Every student joins the class and opens a question (no limits enforced yet)."""
    gate = asyncio.Semaphore(at_once)

    async def one(student: Student) -> None:
        async with gate:
            await student.say(f"/join {code}")
            await student.start_quiz()

    await asyncio.gather(*(one(student) for student in students))


async def burst(sandbox: WatchedSandbox, students: list[Student], rate: float) -> None:
    since = len(sandbox.calls)
    began = time.perf_counter()
    outcomes = await asyncio.gather(
        *(asyncio.wait_for(student.answer(), LOST_AFTER) for student in students),
        return_exceptions=True,
    )
    latencies = [outcome for outcome in outcomes if isinstance(outcome, float)]
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if any(not isinstance(error, TimeoutError) for error in errors):
        raise next(error for error in errors if not isinstance(error, TimeoutError))
    sends = sandbox.count_calls(since=since)
    throttled = sandbox.count_calls(429, since=since)
    delivered = sandbox.count_calls(200, since=since)
    floor = len(students) / rate  # one feedback each
    lost = len(students) - len(latencies)
    print(
        f"burst: {len(students)} answers at once: {sends} send calls ({delivered} messages, "
        f"the feedbacks and what came with them), 429 answers {throttled} "
        f"({throttled / sends:.1%}; goal ≤ 1 %), feedback lost {lost}"
    )
    print(f"  feedback {times(latencies)}   all done after {time.perf_counter() - began:.2f} s")
    print(f"  floor {floor:.2f} s ({len(students)} feedbacks ÷ {rate:g}/s): max ÷ floor "
          f"{max(latencies) / floor:.2f} (goal ≤ 1.15)")  # fmt: skip


async def pace(
    student: Student, stop: asyncio.Event, think: float
) -> list[tuple[float, float, float]]:
    """Rounds at a student's pace until `stop`: (answered at, feedback seconds, feedback at)."""
    done = []
    while not stop.is_set():
        at = time.perf_counter()
        took = await student.answer()
        done.append((at, took, at + took))
        await student.next_question()
        await asyncio.sleep(think)
    return done


async def notice_while_answering(
    sandbox: WatchedSandbox, students: list[Student], code: str, active: int, think: float,
    alone: float,
) -> None:  # fmt: skip
    notified_at: dict[int, list[float]] = {}

    def count(message: SentMessage) -> None:
        if is_notice(message):
            notified_at.setdefault(message.chat_id, []).append(time.perf_counter())

    sandbox.add_listener(count)
    stop = asyncio.Event()
    answering = students[:active]
    rounds = [asyncio.create_task(pace(s, stop, think)) for s in answering]
    await asyncio.sleep(alone)
    since = len(sandbox.calls)
    due = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d 18:00")
    assigned_at = time.perf_counter()
    sandbox.send_text(TEACHER, f"/assign {code} entropy 3 {due}")
    while len(notified_at) < len(students):
        await asyncio.sleep(0.1)
        if time.perf_counter() - assigned_at > 600:
            break
    last_notice = max(at for ats in notified_at.values() for at in ats)
    await asyncio.sleep(think + 1)
    stop.set()
    finished = await asyncio.gather(*rounds)
    done = {s.chat_id: rounds_ for s, rounds_ in zip(answering, finished, strict=True)}
    sandbox.remove_listener(count)
    before = [took for chat in done.values() for at, took, _ in chat if at < assigned_at]
    during = [
        (took, chat_id)
        for chat_id, chat in done.items()
        for at, took, arrived in chat
        if assigned_at <= at <= last_notice
    ]
    # Telegram allows one message a second per chat: a feedback due less than a second after
    # the student's own notice has to wait for the rest of that second.
    after_own_notice = [
        took
        for chat_id, chat in done.items()
        for at, took, arrived in chat
        if any(0 <= arrived - n < 1.0 + took for n in notified_at.get(chat_id, []) if n <= arrived)
        and assigned_at <= at <= last_notice
    ]
    sends = sandbox.count_calls(since=since)
    throttled = sandbox.count_calls(429, since=since)
    twice = sum(1 for ats in notified_at.values() if len(ats) > 1)
    print(
        f"notice: /assign to {len(students)} students took {last_notice - assigned_at:.2f} s; "
        f"{len(notified_at)} notified, {twice} twice; 429 answers {throttled} of {sends} "
        f"({throttled / max(sends, 1):.1%})"
    )
    print(f"  {active} students answering, without the notice: {times(before)} ({len(before)})")
    if during:
        tooks = [took for took, _ in during]
        held = max(tooks) - percentile(before, 0.5)
        print(f"  {active} students answering, notice in flight: {times(tooks)} ({len(tooks)})")
        print(
            f"  the notice held a feedback up by at most {held:.2f} s (goal ≤ 1 s); "
            f"{len(after_own_notice)} feedback(s) came within a second of the student's own "
            f"notice (Telegram's one message a second per chat)"
        )


async def main(arguments: argparse.Namespace) -> None:
    print(
        f"{arguments.students} students, server limits {arguments.rate:g}/s overall and 1/s per "
        f"chat, the bot's default limiter; load average {load_average()} at "
        f"{time.strftime('%H:%M:%S')}"
    )
    sandbox = WatchedSandbox(token=TOKEN, bot_username="burst_bench_bot")
    await sandbox.start()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        async with fresh_database(workdir, arguments.database_url) as url:
            bot = await start_bot(
                sandbox.url, url, workdir, ADMIN_IDS=str(TEACHER), TELEGRAM_RATE_LIMIT=None
            )
            try:
                await wait_for_polling(sandbox, bot)
                code = await new_class(sandbox)
                students = [
                    Student(sandbox, FIRST_STUDENT + n, ("uk", "en")[n % 2])
                    for n in range(arguments.students)
                ]
                await warm_up(students, code)
                sandbox.rate_limit(arguments.rate, 1)
                await asyncio.sleep(1.1)
                await burst(sandbox, students, arguments.rate)
                await asyncio.sleep(2)
                for student in students[: arguments.active]:
                    await student.next_question()
                await asyncio.sleep(1.1)
                await notice_while_answering(
                    sandbox, students, code, arguments.active, arguments.think, arguments.alone
                )
                print(f"load average {load_average()}, bot CPU {bot.cpu():.1f} s in all")
            except BaseException:
                bot.check_alive()
                raise
            finally:
                await bot.stop()
                await sandbox.stop()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--active", type=int, default=10, help="students answering meanwhile")
    parser.add_argument("--think", type=float, default=2.0, help="seconds between their rounds")
    parser.add_argument("--alone", type=float, default=10.0, help="seconds before /assign")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server, or SQLite")
    asyncio.run(main(parser.parse_args()))

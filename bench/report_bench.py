"""A big class's report: how long /class takes, whether other students wait meanwhile, and how
much memory the bot needs for it.

    python bench/report_bench.py                       # classes of 1,000 and 10,000 students
    python bench/report_bench.py --students 2000 --attempts 20

For each class size, a fresh database is seeded directly (bulk inserts: the teacher, a class,
its students with `--attempts` graded answers each across the topics, their mastery), then the
bot runs as its own process (`python -m bot`, TELEGRAM_RATE_LIMIT=0) against the loopback Bot
API server in this process. While `--others` students in other chats answer at a student's
pace, the teacher sends /class <code>, then presses ▶ for the second page, and the CSV file
arrives. Printed: time to the first page of the table (goal ≤ 2 s for 10,000 students), to
the next page and to the file, the other
chats' feedback p50/p99 while the report was made (goal p99 ≤ 0.5 s) and without it, the bot's
RSS at start and its peak (VmHWM, goal ≤ 200 MB). The machine is shared: the load average
is printed with the figures. Not a test."""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from processes import TOKEN, fresh_database, load_average, start_bot
from sqlalchemy import insert, text
from students import Student, WatchedSandbox, percentile, wait_for_polling

from bot.sandbox import SentMessage
from db.models import Attempt, Class, LevelMastery, Membership, TopicLevel, User
from db.session import Database
from quiz.questions import TOPICS

TEACHER = 900_001
FIRST_STUDENT = 1_000_000
FIRST_OTHER = 10_000
CODE = "BENCH234"
CHUNK = 5_000
SURNAMES = ("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Іваненко",
            "Ґудзь", "Єрмоленко", "Мельник", "Savchenko", "Petrenko")  # fmt: skip
NAMES = ("Олена", "Андрій", "Марія", "Іван", "Ярина", "Богдан", "Їжак", "Anna", "Taras")


def is_first_page(message: SentMessage) -> bool:
    return message.kind == "text" and any(
        d and d.startswith("t:stu:") for d in message.callback_data
    )


async def seed(url: str, students: int, attempts: int) -> None:
    """The class as if it had been used for weeks, written in bulk (the bot is not running)."""
    database = Database(url)
    await database.migrate()
    rng = random.Random(13)
    now = datetime.now(UTC)
    teacher = {"id": TEACHER, "first_name": "Teacher", "last_name": None, "role": "teacher"}
    users: list[dict[str, Any]] = [teacher]
    users += [
        {
            "id": FIRST_STUDENT + n,
            "first_name": rng.choice(NAMES),
            "last_name": rng.choice(SURNAMES) + (f"-{n}" if n % 7 == 0 else ""),
            "role": "student",
        }
        for n in range(students)
    ]
    users = [{**user, "language": "uk", "created_at": now, "last_seen_at": now} for user in users]
    async with database.engine.begin() as connection:
        await _insert(connection, User, users)
        await _insert(
            connection,
            Class,
            [
                {
                    "id": 1,
                    "code": CODE,
                    "name": "Школа",
                    "teacher_id": TEACHER,
                    "timezone": "Europe/Kyiv",
                    "base": "2",
                    "created_at": now,
                }
            ],
        )
        members = [
            {"class_id": 1, "user_id": FIRST_STUDENT + n, "joined_at": now} for n in range(students)
        ]
        await _insert(connection, Membership, members)
        rows: list[dict[str, Any]] = []
        levels: list[dict[str, Any]] = []
        topic_levels: list[dict[str, Any]] = []
        for n in range(students):
            user_id = FIRST_STUDENT + n
            tried = rng.sample(TOPICS, k=rng.randint(1, len(TOPICS)))
            answered: dict[tuple[str, int], int] = {}
            for k in range(attempts):
                correct = rng.random() < 0.7
                topic, level = tried[k % len(tried)], 1 + (k // len(tried)) % 3
                answered[(topic, level)] = answered.get((topic, level), 0) + 1
                rows.append(
                    {
                        "user_id": user_id,
                        "topic": topic,
                        "level": level,
                        "seed": rng.randrange(2**31),
                        "lang": "uk",
                        "base": "2",
                        "params": {},
                        "text": "0,5",
                        "value": 0.5,
                        "correct": correct,
                        "skipped": False,
                        "diagnosis": None if correct else "other_base",
                        "feedback": None if correct else "Майже!",
                        "hints_used": 0,
                        "seconds": 30.0,
                        "homework_id": None,
                        "created_at": now - timedelta(minutes=rng.randrange(20_000)),
                    }
                )
            # What the learning loop keeps (quiz.mastery, db.repositories.mastery): p(knows)
            # per topic × level answered at, and the level each topic is at.
            levels += [
                {
                    "user_id": user_id,
                    "topic": topic,
                    "level": level,
                    "p_known": rng.random(),
                    "answers": count,
                    "mastered_at": None,
                    "card": None,
                    "review_due_at": None,
                    "updated_at": now,
                }
                for (topic, level), count in answered.items()
            ]
            topic_levels += [
                {
                    "user_id": user_id,
                    "topic": topic,
                    "level": max(level for (name, level) in answered if name == topic),
                    "updated_at": now,
                }
                for topic in tried
                if any(name == topic for name, _ in answered)
            ]
            if len(rows) >= CHUNK:
                await _insert(connection, Attempt, rows)
                rows = []
        await _insert(connection, Attempt, rows)
        await _insert(connection, LevelMastery, levels)
        await _insert(connection, TopicLevel, topic_levels)
        if connection.dialect.name == "postgresql":
            # Weeks of use: autovacuum has analyzed the tables, so the planner knows their sizes.
            await connection.execute(text("ANALYZE"))
    await database.dispose()


async def _insert(connection: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await connection.execute(insert(model), rows[start : start + CHUNK])


async def pace(student: Student, stop: asyncio.Event) -> list[tuple[float, float]]:
    done = []
    while not stop.is_set():
        at = time.perf_counter()
        took = await student.answer()
        done.append((at, took))
        await student.next_question()
        await asyncio.sleep(0.5)
    return done


async def one_size(arguments: argparse.Namespace, students: int) -> None:
    sandbox = WatchedSandbox(token=TOKEN, bot_username="report_bench_bot")
    await sandbox.start()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        async with fresh_database(workdir, arguments.database_url) as url:
            began = time.perf_counter()
            await seed(url, students, arguments.attempts)
            seeded = time.perf_counter() - began
            bot = await start_bot(sandbox.url, url, workdir, ADMIN_IDS=str(TEACHER))
            try:
                await wait_for_polling(sandbox, bot)
                await measure(sandbox, bot, arguments, students, seeded)
            except BaseException:
                bot.check_alive()
                raise
            finally:
                await bot.stop()
                await sandbox.stop()


async def measure(
    sandbox: WatchedSandbox, bot: Any, arguments: argparse.Namespace, students: int, seeded: float
) -> None:
    others = [Student(sandbox, FIRST_OTHER + n) for n in range(arguments.others)]
    await asyncio.gather(*(student.start_quiz() for student in others))
    sandbox.user(TEACHER, "Teacher", "uk")
    rss_at_start, peak_at_start = bot.rss_mb(), bot.peak_rss_mb()
    stop = asyncio.Event()
    rounds = [asyncio.create_task(pace(student, stop)) for student in others]
    await asyncio.sleep(3)

    asked = time.perf_counter()
    csv_file = sandbox.expect(TEACHER, lambda m: m.kind == "document")
    first = await sandbox.exchange(
        TEACHER, lambda: sandbox.send_text(TEACHER, f"/class {CODE}"), is_first_page
    )
    first_page = time.perf_counter() - asked
    _, forward = first.button("▶️")
    assert forward is not None
    pressed = time.perf_counter()
    await sandbox.exchange(
        TEACHER,
        lambda: sandbox.press(TEACHER, first.message_id, forward),
        lambda m: m.edited and m.message_id == first.message_id,
    )
    next_page = time.perf_counter() - pressed
    # The CSV with every student comes last (for a big class from a task of its own): the
    # memory goal holds through it too.
    csv_bytes = len((await asyncio.wait_for(csv_file, 300)).file_bytes or b"")
    csv_after = time.perf_counter() - asked
    finished = time.perf_counter()
    await asyncio.sleep(1)
    stop.set()
    done = [item for task in await asyncio.gather(*rounds) for item in task]
    during = [took for at, took in done if asked <= at <= finished]
    alone = [took for at, took in done if at < asked]
    print(
        f"{students} students × {arguments.attempts} attempts (seeded in {seeded:.1f} s), "
        f"load {load_average()}"
    )
    print(
        f"  /class → first page {first_page:6.2f} s (goal ≤ 2 s); ▶ → page 2 {next_page:.2f} s;"
        f" the CSV ({csv_bytes / 1e6:.1f} MB) after {csv_after:.2f} s"
    )
    print(
        f"  {arguments.others} other chats: p50 {percentile(during, 0.5):.2f} s, p99 "
        f"{percentile(during, 0.99):.2f} s meanwhile ({len(during)} answers; goal p99 ≤ 0.5 s), "
        f"p50 {percentile(alone, 0.5):.2f} s p99 {percentile(alone, 0.99):.2f} s before"
    )
    print(
        f"  bot RSS {rss_at_start:.0f} MB at start (peak so far {peak_at_start:.0f} MB), "
        f"peak {bot.peak_rss_mb():.0f} MB (goal ≤ 200 MB)"
    )


async def main(arguments: argparse.Namespace) -> None:
    backend = "PostgreSQL" if arguments.database_url else "SQLite"
    print(f"/class on {backend}; load average {load_average()} at {time.strftime('%H:%M:%S')}")
    for students in arguments.students:
        await one_size(arguments, students)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--attempts", type=int, default=20)
    parser.add_argument("--others", type=int, default=10, help="students answering meanwhile")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server, or SQLite")
    asyncio.run(main(parser.parse_args()))

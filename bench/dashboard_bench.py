"""What opening a big class in the dashboard costs the bot's event loop: the class read,
its page rendered and its JSON built, for the whole class and for one slice of the table.

    python bench/dashboard_bench.py                    # a class of 10,000 students
    python bench/dashboard_bench.py --students 2000 --repeat 5

A fresh SQLite database is seeded as bench/report_bench.py seeds it (the teacher, a class,
its students with `--attempts` graded answers each). Then, in this process, the dashboard's
own code reads the class (`teacher.views.read_report`) and builds what the server sends: the
class page's HTML (`dashboard.pages.render`) and the API's JSON (`dashboard.data.class_json`)
— both, where one request sends one of them.
Printed per read: wall time, CPU of this thread (the event loop's, in the bot: every other
chat waits that long) and the sizes sent. "whole" is the class at once (as the dashboard read
it before it came in slices); the slices are the first and the last CLASS_ROWS_PAGE students.
Then `--homeworks` homework (half the class has started each) and the dashboard's homework
block: the class's counts and its first 100 students per homework (`views.read_homework`)
against every member's progress per homework (`homework.progress_of_class`, as the block read
it before). The machine is shared: the load average is printed. Not a test."""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from typing import Any

from processes import load_average
from report_bench import CODE, TEACHER, seed
from sqlalchemy import insert, select

from bot.features.dashboard import data, pages
from bot.features.teacher import views
from db.models import Class, Homework, HomeworkProgress, Membership, utcnow
from db.repositories import classes, homework
from db.session import Database


async def measure(database: Database, klass: Class, label: str, **window: Any) -> None:
    wall, cpu = time.perf_counter(), time.thread_time()
    async with database.session() as session:
        report = await views.read_report(session, klass, **window)
    page = data.ClassPage(klass, report, [], window.get("first", 0))
    html = pages.render(
        "class.html", "uk", page=page, klass=klass, report=report, zone=page.zone, now=None, join=""
    )
    body = json.dumps(data.class_json(page, "uk"))
    print(
        f"  {label:<12} {time.perf_counter() - wall:6.3f} s wall, "
        f"{time.thread_time() - cpu:6.3f} s CPU on the loop's thread; "
        f"{len(report.students):>6} students, HTML {len(html) / 1e6:5.2f} MB, "
        f"JSON {len(body) / 1e6:5.2f} MB"
    )


async def add_homework(database: Database, klass: Class, count: int) -> None:
    async with database.session() as session:
        members = list(
            await session.scalars(select(Membership.user_id).where(Membership.class_id == klass.id))
        )
        for _ in range(count):
            work = Homework(class_id=klass.id, topic="entropy", count=3, due_at=utcnow())
            session.add(work)
            await session.flush()
            started = [{"homework_id": work.id, "user_id": u, "done": 1} for u in members[::2]]
            await session.execute(insert(HomeworkProgress), started)
        await session.commit()


async def measure_homework(database: Database, klass: Class, count: int) -> None:
    for label in ("every member", "first 100"):
        wall, cpu, rows = time.perf_counter(), time.thread_time(), 0
        async with database.session() as session:
            if label == "every member":
                for work in await homework.of_class(session, klass.id, limit=count):
                    rows += len(await homework.progress_of_class(session, work))
            else:
                found = await views.read_homework(session, klass, limit=count)
                rows = sum(len(status.students) for status in found)
        print(
            f"  homework, {label:<12} {time.perf_counter() - wall:6.3f} s wall, "
            f"{time.thread_time() - cpu:6.3f} s CPU on the loop's thread; {rows} rows"
        )


async def main(arguments: argparse.Namespace) -> None:
    workdir = tempfile.mkdtemp(prefix="dashboard-bench-")
    url = f"sqlite+aiosqlite:///{workdir}/bench.sqlite3"
    await seed(url, arguments.students, arguments.attempts)
    database = Database(url)
    try:
        async with database.session() as session:
            klass = await classes.get_owned_class(session, CODE, TEACHER)
        assert klass is not None
        size, rows = arguments.students, data.CLASS_ROWS_PAGE
        print(
            f"a class of {size} students × {arguments.attempts} attempts, SQLite; "
            f"load average {load_average()} at {time.strftime('%H:%M:%S')}"
        )
        for run in range(1, arguments.repeat + 1):
            print(f"-- run {run}")
            await measure(database, klass, "whole")
            await measure(database, klass, "first slice", first=0, limit=rows)
            await measure(database, klass, "last slice", first=max(0, size - rows), limit=rows)
        if arguments.homeworks:
            await add_homework(database, klass, arguments.homeworks)
            for run in range(1, arguments.repeat + 1):
                print(f"-- {arguments.homeworks} homework, run {run}")
                await measure_homework(database, klass, arguments.homeworks)
    finally:
        await database.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--attempts", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--homeworks", type=int, default=10, help="the dashboard shows 10")
    asyncio.run(main(parser.parse_args()))

"""`python -m bot demo --teacher`: a newcomer gets a class of twelve with two weeks of
realistic answers and homework, sees the report at once, and can open the dashboard from
the printed link."""

from __future__ import annotations

import asyncio
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import select

from bot.sandbox.demo_class import DAYS, STUDENTS, seed_demo_class
from db.models import Attempt, HomeworkProgress
from db.repositories import classes
from db.repositories import mastery as mastery_repo
from db.session import Database
from tests.fakes.databases import database_url
from tests.test_cli import clean_env

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


async def test_the_demo_class_has_two_weeks_of_varied_answers_and_homework(tmp_path: Path) -> None:
    database = Database(database_url(tmp_path))
    try:
        await database.migrate()
        demo = await seed_demo_class(database, 1001, now=NOW, teacher_name="Оля")
        async with database.session() as session:
            students = await classes.class_students(session, demo.klass.id)
            rows = list(await session.scalars(select(Attempt)))
            progress = list(await session.scalars(select(HomeworkProgress)))
            mastery = await mastery_repo.masteries(session, [u.id for u in students])
            owned = await classes.get_owned_class(session, demo.klass.code, 1001)
    finally:
        await database.dispose()
    assert owned is not None  # the demo user teaches it
    assert 10 <= len(students) == len(STUDENTS) <= 14
    assert all(user.last_name for user in students)  # names with surnames
    assert [u.last_name for u in students][:4] == ["Бондаренко", "Гаврилюк", "Ґудзь", "Євтушенко"]

    assert len(rows) == demo.answers >= 200
    days = {row.created_at.date() for row in rows}
    assert len(days) >= DAYS - 2 and min(days) >= (NOW - timedelta(days=DAYS)).date()
    assert all(row.created_at <= NOW for row in rows)
    right = [r for r in rows if r.correct]
    wrong = [r for r in rows if not r.correct and not r.skipped]
    assert 0.5 < len(right) / len(rows) < 0.9  # a mix, like a real class
    assert {r.diagnosis for r in wrong} >= {"other_base", "lost_minus"}  # diagnosed mistakes
    assert any(r.skipped for r in rows) and any(r.hints_used for r in rows)
    assert {r.topic for r in rows} == {
        "probability", "surprisal", "entropy", "cross_entropy", "kl_divergence",
    }  # fmt: skip
    assert any("/" in r.text for r in right) and any("log" in r.text for r in right)
    assert {r.user_id for r in rows} == set(demo.student_ids)  # everyone practised
    assert set(mastery) == set(demo.student_ids)

    past, current = demo.homework
    finished_past = [p for p in progress if p.homework_id == past.id and p.finished_at]
    assert 0 < len(finished_past) < len(STUDENTS)  # some did it, some did not
    assert current.due_at > NOW and past.due_at < NOW
    assert current.due_at.astimezone(ZoneInfo("Europe/Kyiv")).hour == 18  # as teachers set it


async def test_the_teacher_demo_shows_the_report_and_a_working_dashboard_link(
    tmp_path: Path,
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "demo",
        "--teacher",
        "--web-port",
        "0",
        "--out",
        str(tmp_path / "out"),
        cwd=tmp_path,
        env=clean_env(tmp_path),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(90):
            while not any("tgWebAppData=" in line for line in lines):
                line = (await process.stdout.readline()).decode()
                assert line, "the demo ended before printing the dashboard link"
                lines.append(line)
            link = next(line.strip() for line in lines if "tgWebAppData=" in line)
            parts = urlsplit(link)
            assert parts.hostname == "127.0.0.1"
            code = parse_qs(parts.query)["class"][0]
            init_data = unquote(parts.fragment.removeprefix("tgWebAppData="))
            api = f"{parts.scheme}://{parts.netloc}/api/classes/{code}"
            async with (
                aiohttp.ClientSession() as session,
                session.get(api, headers={"Authorization": f"tma {init_data}"}) as response,
            ):
                assert response.status == 200
                body = await response.json()
            assert len(body["students"]) == len(STUDENTS)
            assert sum(s["attempts"] for s in body["students"]) > 200
            assert [h["topic"] for h in body["homework"]] == ["entropy", "surprisal"]

            process.stdin.write(b"/class\n#1\n:quit\n")
            await process.stdin.drain()
            process.stdin.close()
            rest, errors = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    transcript = "".join(lines) + rest.decode()
    assert process.returncode == 0, errors.decode()
    assert f"(код {code})" in transcript
    saved = re.findall(r"[🖼📄] (\S+)", transcript)
    assert any(p.endswith(".png") for p in saved) and any(p.endswith(".csv") for p in saved)
    csv_text = Path(next(p for p in saved if p.endswith(".csv"))).read_text(encoding="utf-8-sig")
    first = csv_text.splitlines()[1]
    assert "Тарас Бондаренко" in first  # the register's first name leads the CSV
    assert "учнів: 12" in transcript  # the text report's header
    assert "Traceback" not in errors.decode()

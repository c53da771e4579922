"""Replicas: two real `python -m bot` processes share one PostgreSQL database behind a
round-robin load balancer, the loopback Bot API server posting every update to the balancer's
webhook. One replica is killed with SIGKILL while students answer: every answer is stored and
answered once, in each chat's order, and the survivor finishes what the dead one had claimed
or still owed. Homework notices go out once however many replicas run their jobs."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from bot.sandbox import BotApiSandbox, SentMessage
from db.models import Attempt, InboxUpdate, OutboxMessage
from tests.fakes.balancer import RoundRobinBalancer
from tests.fakes.databases import database_url, on_postgresql
from tests.test_cli import clean_env, free_port
from tests.test_crash_recovery import answered, is_feedback, student, until

pytestmark = pytest.mark.skipif(
    not on_postgresql(),
    reason="replicas share a PostgreSQL database: run with TEST_DATABASE_URL="
    "postgresql+asyncpg://… (CI's PostgreSQL stage, .ci/postgres, does)",
)

TOKEN = "424242:REPLICA-TEST-TOKEN"
SECRET = "replica-test-secret"
STUDENTS = 30
ANSWERS = 5
FIRST_STUDENT = 7000


@dataclass
class Replica:
    """One `python -m bot` serving the webhook on its own port."""

    name: str
    port: int
    process: asyncio.subprocess.Process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def signal(self, number: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(number)


@contextlib.asynccontextmanager
async def replicas(
    tmp_path: Path, sandbox: BotApiSandbox, database: str, count: int = 2, **env: str
) -> AsyncIterator[tuple[RoundRobinBalancer, list[Replica]]]:
    """`count` replicas behind a balancer, the sandbox's webhook set to the balancer; every
    replica is killed on the way out if it still runs."""
    ports = [free_port() for _ in range(count)]
    settings = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": sandbox.url,
        "DATABASE_URL": database,
        "TELEGRAM_RATE_LIMIT": "0",
        "QUIET_HOURS": "off",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_SECRET": SECRET,
    }
    async with RoundRobinBalancer([f"http://127.0.0.1:{port}" for port in ports]) as balancer:
        settings["WEBHOOK_URL"] = f"{balancer.url}/telegram/hook"
        running: list[Replica] = []
        try:
            for number, port in enumerate(ports):
                name = f"replica-{number + 1}"
                log = open(tmp_path / f"{name}.log", "wb")  # noqa: SIM115
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", cwd=tmp_path, stdout=log, stderr=log,
                    env=clean_env(tmp_path, **{**settings, "WEBHOOK_PORT": str(port), **env}),
                )  # fmt: skip
                log.close()
                running.append(Replica(name, port, process))
            await until(lambda: sandbox.webhook is not None)
            yield balancer, running
        finally:
            for replica in running:
                if replica.process.returncode is None:
                    replica.signal(signal.SIGKILL)
                    await replica.process.wait()


async def scalar(database: str, statement: Any) -> Any:
    engine = create_async_engine(database)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(statement)).scalar()
    finally:
        await engine.dispose()


async def rows(database: str, statement: Any) -> list[Any]:
    engine = create_async_engine(database)
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(statement)).all())
    finally:
        await engine.dispose()


def replica_id(tmp_path: Path, replica: Replica) -> str:
    """The id a replica claims and sends under, from its start-up log line."""
    log = (tmp_path / f"{replica.name}.log").read_text(encoding="utf-8")
    found = re.search(r"replica (\S+) started", log)
    assert found is not None, log
    return found.group(1)


async def held_by(database: str, owner: str) -> set[int]:
    """Updates `owner` has claimed and not done."""
    found = await rows(
        database,
        select(InboxUpdate.update_id).where(
            InboxUpdate.claimed_by == owner, InboxUpdate.done_at.is_(None)
        ),
    )
    return {row[0] for row in found}


async def freeze_holding_work(victim: Replica, owner: str, database: str) -> set[int]:
    """SIGSTOP the victim at a moment it holds claimed updates not yet done (so that killing
    it leaves work behind, which the test wants to see taken over); returns them. Thawed
    and tried again a little later otherwise."""
    for _ in range(300):
        victim.signal(signal.SIGSTOP)
        held = await held_by(database, owner)
        if held:
            return held
        victim.signal(signal.SIGCONT)
        await asyncio.sleep(0.02)
    raise AssertionError("the victim never held a claimed update")


def feedback_of(sandbox: BotApiSandbox, chat: int) -> list[str | None]:
    return [answered(m) for m in sandbox.messages(chat) if is_feedback(m)]


async def test_a_replica_killed_mid_load_loses_nothing_and_the_other_finishes_its_work(
    tmp_path: Path,
) -> None:
    database = database_url(tmp_path)
    typed = {
        FIRST_STUDENT + n: [f"{k + 1}/{100 + n}" for k in range(ANSWERS)] for n in range(STUDENTS)
    }
    async with (
        BotApiSandbox(token=TOKEN) as sandbox,
        replicas(tmp_path, sandbox, database) as (balancer, (victim, survivor)),
    ):
        students = asyncio.gather(*(student(sandbox, chat, typed[chat]) for chat in typed))
        try:
            # Mid-load: about a third of the updates in, both replicas at work.
            await until(lambda: min(balancer.served.values(), default=0) >= 50)
            victim_id = replica_id(tmp_path, victim)
            survivor_id = replica_id(tmp_path, survivor)
            left_claims = await freeze_holding_work(victim, victim_id, database)
            victim.signal(signal.SIGKILL)
            await victim.process.wait()
            left_owed = await rows(
                database,
                select(OutboxMessage.chat_id, OutboxMessage.text).where(
                    OutboxMessage.owner == victim_id, OutboxMessage.status == "pending"
                ),
            )
            # A reply Telegram accepted just before the kill, but not recorded as delivered,
            # is sent once more by the survivor (at least once: the Bot API cannot tell).
            repeats = Counter(
                (chat, answered(shown[0]))
                for chat, text in left_owed
                if (shown := [m for m in sandbox.messages(chat) if m.source == text])
                and is_feedback(shown[0])
            )
            await asyncio.wait_for(students, timeout=600)
            await asyncio.sleep(1.0)
            survivor.signal(signal.SIGTERM)
            assert await asyncio.wait_for(survivor.process.wait(), 30) == 0
        finally:
            if not students.done():
                students.cancel()

    stored = await rows(database, select(Attempt.user_id, Attempt.text).order_by(Attempt.id))
    attempts: dict[int, list[str]] = {}
    for user_id, text in stored:
        attempts.setdefault(user_id, []).append(text)
    finished = await rows(
        database,
        select(InboxUpdate.update_id, InboxUpdate.claimed_by).where(
            InboxUpdate.update_id.in_(left_claims)
        ),
    )
    not_done = await scalar(database, select(func.count()).where(InboxUpdate.done_at.is_(None)))
    pending = await scalar(database, select(func.count()).select_from(OutboxMessage))
    log = (tmp_path / "replica-2.log").read_text(encoding="utf-8")
    print(
        f"\nreplicas: {STUDENTS} students × {ANSWERS} answers; balancer served "
        f"{dict(balancer.served)}, 502s {balancer.failed}; the killed replica held "
        f"{len(left_claims)} claimed update(s) and owed {len(left_owed)} message(s)"
    )

    assert attempts == typed  # every answer stored exactly once, in the order typed
    for chat, texts in typed.items():
        got = feedback_of(sandbox, chat)
        assert list(dict.fromkeys(got)) == texts, chat  # each answered, in order
        for text, copies in Counter(got).items():
            assert copies <= 1 + repeats[(chat, text)], (chat, text, copies)
    assert {claimed_by for _, claimed_by in finished} == {survivor_id}  # taken over
    assert (not_done, pending) == (0, 0)
    assert "Traceback" not in log


async def test_homework_notices_go_out_once_with_two_replicas_running_their_jobs(
    tmp_path: Path,
) -> None:
    database = database_url(tmp_path)
    # Enough pupils that their notices (paced at the bulk rate) are still going out when the
    # other replica beats and looks for outbox rows to adopt.
    teacher, pupils = 900_001, [FIRST_STUDENT + n for n in range(60)]
    async with (
        BotApiSandbox(token=TOKEN) as sandbox,
        replicas(
            tmp_path,
            sandbox,
            database,
            ADMIN_IDS=str(teacher),
            REMINDER_POLL_SECONDS="0.5",
            TELEGRAM_RATE_LIMIT="30",
        ) as (balancer, running),
    ):
        sandbox.send_text(teacher, "/newclass 7-Б", first_name="Вчителька", language_code="uk")
        created = await until(lambda: next(iter(_join_codes(sandbox, teacher)), None))
        for pupil in pupils:
            sandbox.send_text(pupil, f"/join {created}", first_name=f"Учень {pupil}")
        await until(lambda: all(sandbox.messages(pupil) for pupil in pupils))
        due = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d 18:00")
        sandbox.send_text(teacher, f"/assign {created} entropy 3 {due}")
        await until(lambda: all(_notices(sandbox, pupil) for pupil in pupils))
        await asyncio.sleep(3)  # both replicas' jobs have run a few times since
        for replica in running:
            replica.signal(signal.SIGTERM)
            assert await asyncio.wait_for(replica.process.wait(), 30) == 0
    assert min(balancer.served.values()) > 0  # both replicas took updates
    assert {pupil: len(_notices(sandbox, pupil)) for pupil in pupils} == dict.fromkeys(pupils, 1)
    # Nothing else twice either: each pupil got the reply to /join and the notice.
    assert {pupil: len(sandbox.messages(pupil)) for pupil in pupils} == dict.fromkeys(pupils, 2)


def _join_codes(sandbox: BotApiSandbox, teacher: int) -> list[str]:
    return [
        found.group(1)
        for message in sandbox.messages(teacher)
        if (found := re.search(r"start=c_([A-Za-z0-9]+)", message.text))
    ]


def _notices(sandbox: BotApiSandbox, chat: int) -> list[SentMessage]:
    return [
        m
        for m in sandbox.messages(chat)
        if not m.edited and any(d.startswith("hw:start:") for d in m.callback_data)
    ]

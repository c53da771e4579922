"""How long it takes to tell a whole class about new homework through a rate-limited server.

    python bench/notify_bench.py                   # 300 students at 30 messages/s
    python bench/notify_bench.py --students 100 --rate 30

The loopback Bot API server (`bot.sandbox`) enforces Telegram's flood limits (`--rate`
messages/s overall, 1/s per chat; over them → 429 retry_after). The real application, with
TELEGRAM_RATE_LIMIT=`--rate` (every send takes a slot of its pacer), sets homework for a
class of `--students` and sends every "assigned" notice the way /assign does: claimed from the
database, paced by `bot.delivery`, each outcome committed. The baseline is the ideal time,
students / rate: nothing can be faster without breaking the limit, so the ratio is ≥ 1 and
the closer to 1 the better (replies to students would go first, but there are none here).
For comparison the script also times the same number of bare paced sends (no database).
Not a test: figures depend on the machine."""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from datetime import UTC, datetime, timedelta

from bot.app import build_application
from bot.config import Settings
from bot.delivery import Outgoing, Pacer, deliver
from bot.features.homework import service
from bot.features.homework.jobs import run_due
from bot.sandbox import BotApiSandbox
from db.models import Membership
from db.repositories import classes, users

TOKEN = "123456:BENCH"
TEACHER = 900001
FIRST_STUDENT = 10_000


async def setup_class(app, sandbox: BotApiSandbox, students: int, now: datetime):  # type: ignore[no-untyped-def]
    database = app.bot_data["db"]
    async with database.session() as session:
        await users.upsert_from_profile(
            session, users.Profile(TEACHER, "Teacher"), admin_ids=frozenset({TEACHER})
        )
        class_ = await classes.create_class(
            session, teacher_id=TEACHER, name="Bench", timezone="Europe/Kyiv", now=now
        )
        for i in range(students):
            await users.upsert_from_profile(
                session, users.Profile(FIRST_STUDENT + i, f"Student {i}", language_code="uk")
            )
        session.add_all(
            Membership(class_id=class_.id, user_id=FIRST_STUDENT + i, joined_at=now)
            for i in range(students)
        )
        await session.commit()
    for i in range(students):
        # The students have started the bot, so it may write to them.
        sandbox._private_chat(sandbox.user(FIRST_STUDENT + i, f"Student {i}", "uk"))
    return class_


async def bench(students: int, rate: float) -> None:
    sandbox = BotApiSandbox(token=TOKEN, bot_username="surprise_quiz_bench_bot")
    await sandbox.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=sandbox.url,
            DATABASE_URL=f"sqlite+aiosqlite:///{folder}/bench.sqlite3",
            TELEGRAM_RATE_LIMIT=rate,
            QUIET_HOURS="off",
            ADMIN_IDS=str(TEACHER),
        )
        app = build_application(settings, start_jobs=False)
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        try:
            now = datetime.now(UTC)
            class_ = await setup_class(app, sandbox, students, now)
            sandbox.rate_limit(per_second=rate, per_chat_per_second=1)

            started = time.perf_counter()
            async with app.bot_data["db"].writer() as session:
                assigned = await service.assign(
                    session, settings, class_=class_, topic="entropy", count=5,
                    due_at=now + timedelta(days=3), now=now,
                )  # fmt: skip
                await session.commit()
            report = await run_due(app, now, homework_id=assigned.homework.id)
            ours = time.perf_counter() - started

            delivered = sum(
                1 for i in range(students) if len(sandbox.messages(FIRST_STUDENT + i)) == 1
            )
            throttled = sum(1 for call in sandbox.calls if call.status == 429)

            sandbox.rate_limit(per_second=rate, per_chat_per_second=1)
            items = [
                Outgoing(key=i, chat_id=FIRST_STUDENT + i, text="plain", parse_mode=None)
                for i in range(students)
            ]
            started = time.perf_counter()
            await deliver(app.bot, Pacer(rate), items)
            bare = time.perf_counter() - started
        finally:
            await app.shutdown()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
            await sandbox.stop()

    ideal = students / rate
    print(f"students: {students}, limit: {rate:g} messages/s overall and 1/s per chat")
    print(
        f"notified: {delivered}/{students} exactly once, sent={report.sent}, "
        f"failed={report.failed}, 429 answers: {throttled}, retries: {report.retries}"
    )
    print(f"ideal (baseline)        : {ideal:6.2f} s")
    print(f"bare paced sends        : {bare:6.2f} s  ratio {bare / ideal:.2f}")
    print(f"homework notices (ours) : {ours:6.2f} s  ratio {ours / ideal:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--rate", type=float, default=30.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(bench(args.students, args.rate))


if __name__ == "__main__":
    main()

"""The sender of every update is loaded before any handler runs. On SQLite the bot is the only
process writing the database, so it remembers users between updates and asks the database
nothing for an unchanged sender — and any write to `users`, whatever wrote it, is seen by
the very next update. (Replicas on PostgreSQL read the row every time.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, update

from bot.texts import t
from db.models import User
from tests.fakes import BotHarness
from tests.fakes.databases import on_postgresql


@contextmanager
def statements(harness: BotHarness) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = harness.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_an_unchanged_sender_costs_no_query_on_sqlite(harness: BotHarness) -> None:
    olena = harness.user(1001, "Олена", "uk")
    await olena.say("/help")
    with statements(harness) as seen:
        await olena.say("/help")
    reads = [s for s in seen if "FROM users" in s]
    assert len(reads) == (1 if on_postgresql() else 0)


async def test_any_write_to_users_is_seen_by_the_next_update(harness: BotHarness) -> None:
    olena = harness.user(1001, "Олена", "uk")
    [reply] = await olena.say("/help")
    assert reply.source.startswith(t("uk", "help.text")[:20])
    async with harness.db.session() as session:  # not through the bot's own code paths
        await session.execute(update(User).where(User.id == 1001).values(language="en"))
        await session.commit()
    [reply] = await olena.say("/help")
    assert reply.source.startswith(t("en", "help.text")[:20])
    async with harness.db.session() as session:
        await session.execute(update(User).where(User.id == 1001).values(role="teacher"))
        await session.commit()
    [reply] = await olena.say("/help")
    assert t("en", "help.teacher")[:20] in reply.source

"""The sender of every update is loaded before any handler runs. On SQLite the bot is the only
process writing the database, so it remembers users between updates and asks the database
nothing for an unchanged sender — and any write to `users`, whatever wrote it, is seen by
the very next update. Replicas on PostgreSQL remember nothing between updates: the sender's row
is read with the claim of their update, in the claim's transaction, for that update alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, update

from bot.texts import t
from db.models import User
from db.repositories.users import ClaimedUsers
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


async def test_on_postgresql_the_senders_row_comes_with_the_claim(harness: BotHarness) -> None:
    if not on_postgresql():
        pytest.skip("claims are for replicas sharing PostgreSQL (TEST_DATABASE_URL)")
    olena = harness.user(1001, "Олена", "uk")
    await olena.say("/help")
    with statements(harness) as seen:
        await olena.say("/help")
    reads = [i for i, s in enumerate(seen) if "FROM users" in s]
    assert len(reads) == 1
    # Right after the claim's UPDATE, in its transaction: no connection checked out for it.
    claim = seen[reads[0] - 1]
    assert claim.lstrip().startswith("UPDATE inbox_updates") and "claimed_by" in claim


def test_a_claimed_row_serves_its_own_update_once_and_nothing_older_than_a_write() -> None:
    claimed = ClaimedUsers()
    olena = User(id=1001, first_name="Олена", role="student", is_admin=False, unreachable=False)
    claimed.remember(7, olena, claimed.generation)
    assert claimed.take(7, 2002) is None  # another sender: not theirs
    claimed.remember(7, olena, claimed.generation)
    known = claimed.take(7, 1001)
    assert known is not None and known.first_name == "Олена"
    assert claimed.take(7, 1001) is None  # once
    before_write = claimed.generation
    claimed.forget_all()  # this process wrote to users meanwhile
    claimed.remember(8, olena, before_write)
    assert claimed.take(8, 1001) is None
    claimed.remember(9, olena, claimed.generation)
    claimed.discard(9)  # the update was done without asking (refused by the guard)
    assert claimed.take(9, 1001) is None

"""The claim rules replicas share (PostgreSQL): each chat's oldest unhandled update is taken
by one replica at a time, the next only once it is done; a replica that stops beating loses
its claims and its outbox rows to the others; a replica that lost a claim cannot mark the
update done, and its transaction is rolled back with everything in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from db.models import Attempt, InboxUpdate, OutboxMessage, Replica, User
from db.repositories import inbox, outbox, replicas
from db.session import Database
from tests.fakes.databases import database_url, on_postgresql

pytestmark = pytest.mark.skipif(
    not on_postgresql(), reason="claims are for replicas sharing PostgreSQL (TEST_DATABASE_URL)"
)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    shared = Database(database_url(tmp_path))
    await shared.migrate()
    yield shared
    await shared.dispose()


async def store(database: Database, *updates: tuple[int, int]) -> None:
    """Updates (update_id, chat_id) as the webhook stores them."""
    async with database.session() as session:
        await inbox.store(
            session,
            [inbox.NewUpdate(u, chat, chat, {"update_id": u}) for u, chat in updates],
        )
        await session.commit()


async def claim(database: Database, replica_id: str, limit: int = 10) -> list[int]:
    async with database.session() as session:
        await replicas.beat(session, replica_id)
        rows = await inbox.claim_heads(session, replica_id, limit)
        await session.commit()
    return [row.update_id for row in rows]


async def done(database: Database, update_id: int, replica_id: str) -> bool:
    async with database.session() as session:
        marked = await inbox.mark_done(session, update_id, replica_id)
        await session.commit()
    return marked


async def test_each_chat_is_handled_in_order_by_one_replica_at_a_time(database: Database) -> None:
    await store(database, (1, 100), (2, 200), (3, 100), (4, 100))
    assert await claim(database, "a") == [1, 2]  # the oldest of each chat
    assert await claim(database, "b") == []  # both chats are taken
    assert await done(database, 1, "a")
    assert await claim(database, "b") == [3]  # chat 100's next, now its turn
    assert await claim(database, "a") == []
    assert not await done(database, 3, "a")  # not a's to mark
    assert await done(database, 3, "b")
    assert await claim(database, "a") == [4]


async def test_a_replica_that_stops_beating_loses_its_claims_and_its_outbox(
    database: Database,
) -> None:
    await store(database, (1, 100), (2, 100))
    assert await claim(database, "dead") == [1]
    async with database.session() as session:
        session.add(User(id=100, first_name="Оля"))
        await session.flush()
        session.add(OutboxMessage(chat_id=100, user_id=100, text="owed", owner="dead"))
        await session.commit()
    assert await claim(database, "alive") == []
    async with database.session() as session:
        assert await replicas.adopt_outbox(session, "alive") == []
        # Its last beat was longer ago than the lease.
        await session.execute(
            update(Replica)
            .where(Replica.id == "dead")
            .values(seen_at=replicas.database_now() - replicas.LEASE * 2)
        )
        await session.commit()
    assert await claim(database, "alive") == [1]
    async with database.session() as session:
        adopted = await replicas.adopt_outbox(session, "alive")
        await session.commit()
    assert [(row.text, row.owner) for row in adopted] == [("owed", "alive")]
    assert not await done(database, 1, "dead")  # too late: it is alive's now


async def test_a_lost_claim_rolls_back_the_effects_that_would_have_marked_it_done(
    database: Database,
) -> None:
    await store(database, (1, 100))
    assert await claim(database, "a") == [1]
    async with database.session() as session:
        session.add(User(id=100, first_name="Оля"))
        await session.commit()
    async with database.session() as session:  # b takes over (a was thought dead)
        await session.execute(
            update(InboxUpdate).where(InboxUpdate.update_id == 1).values(claimed_by="b")
        )
        await session.commit()
    with inbox.handling(1, claimed_by="a"), pytest.raises(inbox.LostClaim):
        async with database.session() as session:
            session.add(
                Attempt(user_id=100, topic="entropy", level=1, seed=1, lang="uk", params={})
            )
            outbox.add(session, chat_id=100, text="feedback")
            await session.commit()
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Attempt)) == 0
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
        assert (await session.get(InboxUpdate, 1)).done_at is None  # type: ignore[union-attr]

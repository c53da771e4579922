"""Writes whose outcome nobody needs at once (`db.repositories.dialect.write`) ride along with
the connection's next trip on SQLite (`db.sqlite_thread`). They keep the guarantees of an
ordinary statement in a transaction: a later read sees them, they run in the order written,
a rollback drops them, and a commit whose deferred write fails keeps nothing of the
transaction. (On PostgreSQL they run at once; the same specification holds.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from db.models import Attempt, OutboxMessage, User, utcnow
from db.repositories import outbox
from db.repositories.dialect import write
from db.session import Database
from tests.fakes.databases import database_url

ATTEMPTS = Attempt.__table__


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(database_url(tmp_path))
    await database.migrate()
    async with database.session() as session:
        session.add(User(id=1, first_name="Олена", role="student", created_at=utcnow()))
        await session.commit()
    yield database
    await database.dispose()


def attempt(number: int, user_id: int = 1) -> dict[str, object]:
    return {
        "user_id": user_id,
        "topic": "entropy",
        "level": 1,
        "seed": number,
        "lang": "uk",
        "base": None,
        "params": {"kind": "entropy", "n": number},
        "text": str(number),
        "value": float(number),
        "correct": True,
        "skipped": False,
        "diagnosis": None,
        "feedback": None,
        "hints_used": 0,
        "try_number": 1,
        "seconds": 1.5,
        "homework_id": None,
        "created_at": utcnow(),
    }


async def stored_seeds(database: Database) -> list[int]:
    async with database.session() as session:
        return list(await session.scalars(select(Attempt.seed).order_by(Attempt.id)))


async def test_a_later_read_in_the_transaction_sees_the_writes_in_order(
    database: Database,
) -> None:
    async with database.writer() as session:
        for number in (3, 1, 2):
            await write(session, ATTEMPTS.insert(), attempt(number))
        seen = list(await session.scalars(select(Attempt.seed).order_by(Attempt.id)))
        assert seen == [3, 1, 2]
        await session.commit()
    assert await stored_seeds(database) == [3, 1, 2]


async def test_written_values_are_stored_as_an_ordinary_statement_stores_them(
    database: Database,
) -> None:
    written = attempt(7)
    async with database.writer() as session:
        await write(session, ATTEMPTS.insert(), written)
        await session.commit()
    async with database.session() as session:
        row = (await session.scalars(select(Attempt))).one()
    assert row.params == {"kind": "entropy", "n": 7}  # JSON, as the column type encodes it
    assert row.correct is True and row.seconds == 1.5
    assert row.created_at == written["created_at"]  # the UTC type's conversion ran


async def test_a_rollback_drops_what_was_written(database: Database) -> None:
    async with database.writer() as session:
        await write(session, ATTEMPTS.insert(), attempt(1))
        await session.rollback()
        await write(session, ATTEMPTS.insert(), attempt(2))
        await session.commit()
    assert await stored_seeds(database) == [2]


async def test_a_commit_whose_write_fails_keeps_nothing(database: Database) -> None:
    async with database.writer() as session:
        owed = outbox.add(session, chat_id=1, text="✅", user_id=1)
        await write(session, ATTEMPTS.insert(), attempt(1))
        with pytest.raises(IntegrityError):  # at the commit on SQLite, at once elsewhere
            await write(session, ATTEMPTS.insert(), attempt(2, user_id=404))  # no such user
            await session.commit()
    assert await stored_seeds(database) == []
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert owed.id is None  # never stored: its transaction failed


async def test_a_reply_owed_gets_its_id_and_is_announced_after_the_commit(
    database: Database,
) -> None:
    announced: list[OutboxMessage] = []
    database.on_outbox_commit(announced.extend)
    async with database.writer() as session:
        await write(session, ATTEMPTS.insert(), attempt(1))
        first = outbox.add(session, chat_id=1, text="перше", user_id=1)
        second = outbox.add(session, chat_id=1, text="друге", user_id=1)
        await session.commit()
    async with database.writer() as session:
        third = outbox.add(session, chat_id=1, text="третє", user_id=1)
        await session.commit()
    assert announced == [first, second, third]
    assert first.id < second.id < third.id
    async with database.session() as session:
        texts = list(await session.scalars(select(OutboxMessage.text).order_by(OutboxMessage.id)))
    assert texts == ["перше", "друге", "третє"]


async def test_a_write_to_users_is_never_deferred_so_remembered_users_are_forgotten(
    database: Database,
) -> None:
    async with database.session() as session:
        olena = await session.get(User, 1)
        assert olena is not None
    known = database.known_users
    if known is not None:  # SQLite: this process remembers users between updates
        known.remember(olena, known.generation)
        assert known.get(1) is not None
    async with database.writer() as session:
        await write(session, update(User).where(User.id == 1), {"language": "en"})
        if known is not None:
            assert known.get(1) is None  # forgotten at the statement, before any commit
        await session.commit()
    async with database.session() as session:
        assert await session.scalar(select(User.language).where(User.id == 1)) == "en"

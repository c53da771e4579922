"""The learning-loop migration keeps existing students' progress: their stored attempts are
replayed into mastery per topic × level (with review cards for mastered levels), an open
question survives, and a downgrade gives back one number per topic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection

from db.migrations.versions import i10_learning_loop as learning_loop
from db.repositories import mastery as mastery_repo
from db.session import Database, alembic_config
from quiz.mastery import Try, replay
from tests.fakes.databases import database_url

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
BEFORE = str(learning_loop.down_revision)  # the schema this migration starts from


def migrate_to(url: str, revision: str, *, down: bool = False) -> Callable[[Connection], None]:
    def run(connection: Connection) -> None:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)

    return run


def naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


OLD_ANSWERS = [  # (user, topic, level, correct, hints, minutes after T0) as the old bot stored them
    (1, "probability", 1, True, 0, 0),
    (1, "probability", 1, True, 0, 1),
    (1, "probability", 1, True, 1, 2),  # right after a hint
    (1, "probability", 1, True, 0, 3),
    (1, "probability", 2, False, 0, 4),
    (1, "entropy", 1, False, 0, 5),
    (2, "surprisal", 1, True, 0, 6),
    (2, "surprisal", 2, True, 0, 7),  # the old rules had moved them up after one answer
]


async def test_old_attempts_are_replayed_into_mastery_per_level(tmp_path: Path) -> None:
    url = database_url(tmp_path, "old")
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(migrate_to(url, BEFORE))
            for user_id in (1, 2, 3):
                await connection.execute(
                    sa.text(
                        "INSERT INTO users (id, first_name, role, is_admin, unreachable, "
                        "created_at, last_seen_at) VALUES (:id, 'S', 'student', false, false, "
                        ":at, :at)"
                    ),
                    {"id": user_id, "at": naive(T0)},
                )
            for n, (user_id, topic, level, correct, hints, minutes) in enumerate(OLD_ANSWERS):
                await connection.execute(
                    sa.text(
                        "INSERT INTO attempts (id, user_id, topic, level, seed, lang, params, "
                        "text, correct, skipped, hints_used, created_at) VALUES (:id, :user, "
                        ":topic, :level, 1, 'uk', '{}', 'x', :correct, false, :hints, :at)"
                    ),
                    {
                        "id": n + 1,
                        "user": user_id,
                        "topic": topic,
                        "level": level,
                        "correct": correct,
                        "hints": hints,
                        "at": naive(T0 + timedelta(minutes=minutes)),
                    },
                )
            for user_id, topic, value, level in [
                (1, "probability", 0.8, 2),
                (2, "surprisal", 0.85, 3),
                (3, "entropy", 0.5, 1),  # a mastery row without attempts: nothing to replay
            ]:
                await connection.execute(
                    sa.text(
                        "INSERT INTO mastery (user_id, topic, value, level, updated_at) "
                        "VALUES (:u, :t, :v, :l, :at)"
                    ),
                    {"u": user_id, "t": topic, "v": value, "l": level, "at": naive(T0)},
                )
            # A paper answer refers to attempt 1: the migration must not lose it (rebuilding
            # `attempts` on SQLite would delete it by its ON DELETE CASCADE).
            for statement in (
                "INSERT INTO classes (id, code, name, teacher_id, timezone, base, created_at) "
                "VALUES (1, 'ABCD2345', '7-А', 3, 'Europe/Kyiv', '2', :at)",
                "INSERT INTO worksheets (id, code, class_id, topic, count, lang, seed, "
                "created_at) VALUES (1, 'K7QX3D', 1, 'probability', 4, 'uk', 1, :at)",
                "INSERT INTO worksheet_answers (worksheet_id, user_id, number, attempt_id, "
                "created_at) VALUES (1, 1, 1, 1, :at)",
            ):
                await connection.execute(sa.text(statement), {"at": naive(T0)})
            await connection.execute(
                sa.text(
                    "INSERT INTO open_questions (user_id, topic, level, seed, lang, params, "
                    "hints_used, asked_at) VALUES (2, 'entropy', 1, 7, 'uk', '{}', 1, :at)"
                ),
                {"at": naive(T0)},
            )

        async with database.engine.begin() as connection:
            await connection.run_sync(migrate_to(url, "head"))

        expected = {
            user_id: replay(
                (topic, level, [Try(correct, hints > 0)], T0 + timedelta(minutes=minutes))
                for uid, topic, level, correct, hints, minutes in OLD_ANSWERS
                if uid == user_id
            )
            for user_id in (1, 2)
        }
        async with database.session() as session:
            found = await mastery_repo.masteries(session, [1, 2, 3])
            open_row = (
                await session.execute(
                    sa.text("SELECT topic, hints_used, tries, paused, mode FROM open_questions")
                )
            ).one()
            tries = (await session.execute(sa.text("SELECT try_number FROM attempts"))).all()
            paper = await session.scalar(sa.text("SELECT count(*) FROM worksheet_answers"))
        assert found == expected
        probability = found[1]["probability"]
        assert probability.level == 2 and probability.at(1).mastered
        assert probability.at(1).review_due_at is not None  # a mastered level is a review card
        assert found[2]["surprisal"].level == 1  # one answer at level 1 is not mastery any more
        assert 3 not in found
        assert tuple(open_row) == ("entropy", 1, 0, False, "topic")
        assert {row[0] for row in tries} == {1} and len(tries) == len(OLD_ANSWERS)
        assert paper == 1

        # Downgrade: one number per topic again, the mean p over its levels.
        async with database.engine.begin() as connection:
            await connection.run_sync(migrate_to(url, BEFORE, down=True))
            old = {
                (user_id, topic): (value, level)
                for user_id, topic, value, level in await connection.execute(
                    sa.text("SELECT user_id, topic, value, level FROM mastery")
                )
            }
        p1 = probability.at(1).p
        p2 = probability.at(2).p
        assert old[(1, "probability")][0] == (p1 + p2 + 0.2) / 3
        assert old[(1, "probability")][1] == 2
        assert set(old) == {(1, "probability"), (1, "entropy"), (2, "surprisal")}
    finally:
        await database.dispose()

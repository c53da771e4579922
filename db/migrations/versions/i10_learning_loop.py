"""the learning loop: mastery per topic × level with review cards, tries, /remind

Replaces the single moving-average `mastery` row per student × topic by Bayesian Knowledge
Tracing per topic × level (`level_mastery`, with the FSRS review card of a mastered level) and
the level each topic is at (`topic_levels`). Existing students keep their progress: their
stored attempts are replayed, oldest first, through the rules of this release
(`quiz.mastery.replay`), which is exactly the state the bot would have built had it always used
them (every old attempt was a whole question: one try, hints counted). The old moving average
itself is dropped: it is not a probability and cannot be turned into one.

Also: `attempts.try_number`, `open_questions.tries / paused / mode` (two tries, /cancel that
keeps the question, reviews), and `review_reminders` (/remind HH:MM).

Revision ID: i10_learning
Revises: i11_play
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from quiz import mastery

revision: str = "i10_learning"  # the branch name; Alembic allows no "-" in ids
down_revision: str | None = "i11_play"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    level_mastery = op.create_table(
        "level_mastery",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("p_known", sa.Float(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("mastered_at", sa.DateTime(), nullable=True),
        sa.Column("card", sa.JSON(), nullable=True),
        sa.Column("review_due_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_level_mastery_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "topic", "level", name=op.f("pk_level_mastery")),
    )
    with op.batch_alter_table("level_mastery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_level_mastery_review_due_at"), ["review_due_at"], unique=False
        )
    topic_levels = op.create_table(
        "topic_levels",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_topic_levels_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "topic", name=op.f("pk_topic_levels")),
    )
    op.create_table(
        "review_reminders",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("last_sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_review_reminders_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_review_reminders")),
    )
    # New NOT NULL columns, filled for existing rows by a server default that stays (the models
    # declare it too). Not a batch rebuild: on SQLite that drops and recreates the table, and
    # dropping `attempts` would cascade to the worksheet answers that refer to it.
    op.add_column(
        "attempts", sa.Column("try_number", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "open_questions", sa.Column("tries", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "open_questions",
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "open_questions",
        sa.Column("mode", sa.String(length=8), nullable=False, server_default="topic"),
    )

    _replay_attempts(level_mastery, topic_levels)
    op.drop_table("mastery")


def _replay_attempts(level_mastery: sa.Table, topic_levels: sa.Table) -> None:
    connection = op.get_bind()
    attempts = sa.table(
        "attempts",
        sa.column("id", sa.Integer()),
        sa.column("user_id", sa.BigInteger()),
        sa.column("topic", sa.String()),
        sa.column("level", sa.Integer()),
        sa.column("correct", sa.Boolean()),
        sa.column("hints_used", sa.Integer()),
        sa.column("created_at", sa.DateTime()),
    )
    closed: dict[int, list[tuple[str, int, list[mastery.Try], datetime]]] = defaultdict(list)
    rows = connection.execute(
        sa.select(
            attempts.c.user_id,
            attempts.c.topic,
            attempts.c.level,
            attempts.c.correct,
            attempts.c.hints_used,
            attempts.c.created_at,
        ).order_by(attempts.c.id)
    )
    for user_id, topic, level, correct, hints_used, created_at in rows:
        if topic not in mastery.PATH or level not in (1, 2, 3):
            continue
        # Each old attempt was a whole question with one try (a skip being a wrong one).
        attempt = mastery.Try(bool(correct), helped=(hints_used or 0) > 0)
        closed[user_id].append((topic, level, [attempt], _aware(created_at)))
    level_rows, topic_rows = [], []
    for user_id, answers in closed.items():
        for topic, state in mastery.replay(answers).items():
            updated_at = _naive(max(at for t, _, _, at in answers if t == topic))
            topic_rows.append(
                {"user_id": user_id, "topic": topic, "level": state.level, "updated_at": updated_at}
            )
            for level, known in state.levels.items():
                level_rows.append(
                    {
                        "user_id": user_id,
                        "topic": topic,
                        "level": level,
                        "p_known": known.p,
                        "answers": known.answers,
                        "mastered_at": _naive(known.mastered_at),
                        "card": known.card,
                        "review_due_at": _naive(known.review_due_at),
                        "updated_at": updated_at,
                    }
                )
    if level_rows:
        op.bulk_insert(level_mastery, level_rows)
    if topic_rows:
        op.bulk_insert(topic_levels, topic_rows)


def _aware(moment: datetime) -> datetime:
    """Stored times are naive UTC (db.models.base.UTCDateTime)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def downgrade() -> None:
    mastery_table = op.create_table(
        "mastery",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_mastery_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "topic", name=op.f("pk_mastery")),
    )
    # The old table had one number per topic: the mean p over levels is the nearest thing.
    connection = op.get_bind()
    levels_table = sa.table(
        "level_mastery",
        sa.column("user_id", sa.BigInteger()),
        sa.column("topic", sa.String()),
        sa.column("level", sa.Integer()),
        sa.column("p_known", sa.Float()),
    )
    current_table = sa.table(
        "topic_levels",
        sa.column("user_id", sa.BigInteger()),
        sa.column("topic", sa.String()),
        sa.column("level", sa.Integer()),
        sa.column("updated_at", sa.DateTime()),
    )
    per_level = connection.execute(sa.select(levels_table)).all()
    current = {
        (user_id, topic): (level, updated_at)
        for user_id, topic, level, updated_at in connection.execute(sa.select(current_table))
    }
    sums: dict[tuple[int, str], float] = defaultdict(float)
    levels: dict[tuple[int, str], set[int]] = defaultdict(set)
    for user_id, topic, level, p_known in per_level:
        sums[(user_id, topic)] += p_known
        levels[(user_id, topic)].add(level)
    old_rows = []
    for key, (level, updated_at) in current.items():
        untried = 3 - len(levels[key])
        value = (sums[key] + untried * mastery.PRIOR) / 3
        old_rows.append(
            {"user_id": key[0], "topic": key[1], "value": value, "level": level,
             "updated_at": updated_at}
        )  # fmt: skip
    if old_rows:
        op.bulk_insert(mastery_table, old_rows)
    # Plain DROP COLUMN (SQLite ≥ 3.35 has it): a batch rebuild of `attempts` would cascade.
    for table, column in [
        ("open_questions", "mode"),
        ("open_questions", "paused"),
        ("open_questions", "tries"),
        ("attempts", "try_number"),
    ]:
        op.drop_column(table, column)
    op.drop_table("review_reminders")
    op.drop_table("topic_levels")
    with op.batch_alter_table("level_mastery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_level_mastery_review_due_at"))
    op.drop_table("level_mastery")

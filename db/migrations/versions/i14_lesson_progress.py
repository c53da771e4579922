"""lesson progress: where each student is in /learn

Revision ID: i14_lessons
Revises: i8a_exactly_once
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i14_lessons"  # the branch name; Alembic refuses "-" in ids
down_revision: str | None = "i8a_exactly_once"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lesson_progress",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("lesson", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Integer(), nullable=False),
        sa.Column("check_lesson", sa.Integer(), nullable=True),
        sa.Column("check_seed", sa.BigInteger(), nullable=True),
        sa.Column("check_answered", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_lesson_progress_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_lesson_progress")),
    )


def downgrade() -> None:
    op.drop_table("lesson_progress")

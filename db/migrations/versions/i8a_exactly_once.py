"""the inbox (updates stored before Telegram is told they arrived) and the outbox (replies
that report stored results, sent until Telegram accepts them)

Revision ID: i8a_exactly_once
Revises: i8b_rights
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i8a_exactly_once"  # the branch name; Alembic refuses "-"
down_revision: str | None = "i8b_rights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox_updates")),
    )
    for column in ("chat_id", "done_at", "user_id"):
        op.create_index(op.f(f"ix_inbox_updates_{column}"), "inbox_updates", [column])
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parse_mode", sa.String(length=16), nullable=True),
        sa.Column("reply_markup", sa.JSON(), nullable=True),
        sa.Column("file_name", sa.String(length=128), nullable=True),
        sa.Column("file_data", sa.LargeBinary(), nullable=True),
        sa.Column("update_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_outbox_messages_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    for column in ("chat_id", "status", "user_id"):
        op.create_index(op.f(f"ix_outbox_messages_{column}"), "outbox_messages", [column])


def downgrade() -> None:
    op.drop_table("outbox_messages")
    op.drop_table("inbox_updates")

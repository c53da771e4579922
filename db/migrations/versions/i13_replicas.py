"""replicas on PostgreSQL: the replica that claimed an update, the one that sends an outbox
row, and a table of live replicas (their heartbeats)

Revision ID: i13_perf
Revises: i10_learning
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i13_perf"  # the branch name; Alembic refuses "-"
down_revision: str | None = "i10_learning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("inbox_updates", sa.Column("claimed_by", sa.String(length=64), nullable=True))
    op.add_column("outbox_messages", sa.Column("owner", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_outbox_messages_owner"), "outbox_messages", ["owner"])
    op.create_table(
        "replicas",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replicas")),
    )
    op.create_index(op.f("ix_replicas_seen_at"), "replicas", ["seen_at"])


def downgrade() -> None:
    op.drop_table("replicas")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index(op.f("ix_outbox_messages_owner"))
        batch.drop_column("owner")
    with op.batch_alter_table("inbox_updates") as batch:
        batch.drop_column("claimed_by")

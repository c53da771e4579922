"""archived classes; invitations belong to users (deleted with them)

Revision ID: i8b_rights
Revises: i12b_worksheets
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i8b_rights"  # the branch name; Alembic refuses "-"
down_revision: str | None = "i12b_worksheets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Invitations whose maker or user is not (or no longer) a user would break the new keys.
    op.execute(
        "DELETE FROM invites WHERE created_by NOT IN (SELECT id FROM users)"
        " OR (used_by IS NOT NULL AND used_by NOT IN (SELECT id FROM users))"
    )
    op.add_column("classes", sa.Column("archived_at", sa.DateTime(), nullable=True))
    # SQLite rebuilds the table to add keys; nothing refers to invites, so that is safe.
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_invites_created_by_users"),
            "users",
            ["created_by"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invites_used_by_users"), "users", ["used_by"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_invites_used_by_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_invites_created_by_users"), type_="foreignkey")
    if op.get_bind().dialect.name == "sqlite":
        # Not a batch rebuild: its DROP TABLE classes would cascade to memberships and homework.
        op.execute("ALTER TABLE classes DROP COLUMN archived_at")
    else:
        op.drop_column("classes", "archived_at")

"""users.sort_key: each user's place in a class register, so that the database sorts and
pages a class report (big classes) instead of Python sorting every student

Revision ID: i13_report
Revises: i13_perf
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.collation import register_key

revision: str = "i13_report"  # the branch name; Alembic refuses "-"
down_revision: str | None = "i13_perf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_USERS = sa.table(
    "users",
    sa.column("id", sa.BigInteger),
    sa.column("first_name", sa.String),
    sa.column("last_name", sa.String),
    sa.column("sort_key", sa.LargeBinary),
)
_BATCH = 1000


def upgrade() -> None:
    op.add_column("users", sa.Column("sort_key", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(_USERS.c.id, _USERS.c.first_name, _USERS.c.last_name))
    keys = [{"uid": uid, "key": register_key(first, last)} for uid, first, last in rows]
    statement = (
        _USERS.update()
        .where(_USERS.c.id == sa.bindparam("uid"))
        .values(sort_key=sa.bindparam("key"))
    )
    for start in range(0, len(keys), _BATCH):
        connection.execute(statement, keys[start : start + _BATCH])
    # Left nullable: making it NOT NULL would rebuild `users` on SQLite, and dropping the old
    # table with foreign keys on would cascade to every table that points at users.


def downgrade() -> None:
    op.drop_column("users", "sort_key")

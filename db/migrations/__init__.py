"""Alembic migrations (`versions/`, one file per change).

`HEAD_REVISION` names the newest one, so a start can see that the database is up to date with
one read, without loading Alembic (tests/test_migrations.py checks it against Alembic's head)."""

HEAD_REVISION = "i13_report"

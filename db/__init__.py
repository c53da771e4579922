"""Storage: SQLAlchemy 2 models, the session factory, repositories and Alembic migrations.

`db` knows SQLAlchemy and `quiz`, never Telegram.
"""

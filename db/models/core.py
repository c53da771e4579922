"""Users, their open question and every attempt (per-level mastery: db/models/learning.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    false,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column

from db.collation import register_key
from db.models.base import Base, utcnow


def _register_key(context: DefaultExecutionContext) -> bytes:
    """The sort key of a user inserted by any INSERT (ORM or Core) that does not give one."""
    row = context.get_current_parameters()
    return register_key(row.get("first_name"), row.get("last_name"))


class User(Base):
    __tablename__ = "users"

    # The Telegram user id; in a private chat it is also the chat id.
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    last_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # Where the user stands in a class register (db.collation.register_key of the names),
    # kept with the names (on insert here, on a change of name by
    # db.repositories.users) so that the database sorts and pages a register itself.
    sort_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=_register_key)
    username: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Chosen with /lang; None means "follow Telegram's language_code".
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    telegram_language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    role: Mapped[str] = mapped_column(String(16), default="student")  # student | teacher
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when Telegram answers 403 (the user blocked the bot); cleared when they write again.
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class OpenQuestion(Base):
    """The one question a student is answering now; it survives restarts."""

    __tablename__ = "open_questions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    lang: Mapped[str] = mapped_column(String(8))
    base: Mapped[str | None] = mapped_column(String(4), nullable=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)  # hints shown: the next is this one
    # Wrong tries so far (a second one closes the question).
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Put aside with /cancel: typed text is not taken as an answer until /quiz brings it back.
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # How it was asked, so that "Next question" goes on the same way: "topic" (chosen, or
    # homework), "path" (/quiz: the next step on the path) or "review" (a due review card).
    mode: Mapped[str] = mapped_column(String(8), default="topic", server_default="topic")
    homework_id: Mapped[int | None] = mapped_column(
        ForeignKey("homeworks.id", ondelete="SET NULL"), nullable=True
    )
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attempt(Base):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(32), index=True)
    level: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    lang: Mapped[str] = mapped_column(String(8))
    base: Mapped[str | None] = mapped_column(String(4), nullable=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text, default="")  # what the student typed (capped)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)  # parsed, if it parsed
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    diagnosis: Mapped[str | None] = mapped_column(String(64), nullable=True)
    feedback: Mapped[str | None] = mapped_column(Text, nullable=True)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    try_number: Mapped[int] = mapped_column(
        Integer, default=1, server_default="1"
    )  # 1 or 2 (a skip: the try it ended)
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    homework_id: Mapped[int | None] = mapped_column(
        ForeignKey("homeworks.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

"""Homework, each student's progress on it, and the reminders (one row per
homework × student × offset) that a periodic job claims atomically."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class Homework(Base):
    __tablename__ = "homeworks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(32))  # a quiz topic or "mixed"
    count: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column()  # UTC
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary_sent_at: Mapped[datetime | None] = mapped_column(nullable=True)


class HomeworkProgress(Base):
    __tablename__ = "homework_progress"

    homework_id: Mapped[int] = mapped_column(
        ForeignKey("homeworks.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    done: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Reminder(Base):
    """An outgoing message owed to a student: the first notice of a homework (kind "assigned")
    or a reminder before its due time (kind "reminder", one per offset)."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("homework_id", "user_id", "kind", "offset_seconds"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    homework_id: Mapped[int] = mapped_column(
        ForeignKey("homeworks.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="reminder")  # assigned | reminder
    offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(index=True)  # UTC, already moved out of quiet hours
    # pending → claimed → sending → sent | failed; claimed → skipped or back to pending
    # (deferred); see db/repositories/reminders.py
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(255), nullable=True)

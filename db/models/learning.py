"""What the learning loop remembers per student: mastery per topic × level (with the review
card of a mastered level), the level each topic is at, and the daily review nudge (/remind).
The rules that compute them are in `quiz.mastery` and `quiz.reviews`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class LevelMastery(Base):
    """One student × topic × level: Bayesian Knowledge Tracing's p(knows) and, once the level
    has been mastered, its FSRS review card."""

    __tablename__ = "level_mastery"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    p_known: Mapped[float] = mapped_column(Float)
    answers: Mapped[int] = mapped_column(Integer, default=0)  # closed questions at this level
    mastered_at: Mapped[datetime | None] = mapped_column(nullable=True)  # the first time
    card: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # fsrs.Card dict
    # The card's due time, as a column so that "who has reviews due" is one indexed query.
    review_due_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class TopicLevel(Base):
    """The level a student is asked next on a topic (moved by the level rules)."""

    __tablename__ = "topic_levels"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the level last moved


class ReviewReminder(Base):
    """A student's opt-in daily nudge (/remind HH:MM): sent at most once per local day, at or
    after `minute` past midnight, when reviews are due. No row: no nudges."""

    __tablename__ = "review_reminders"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    minute: Mapped[int] = mapped_column(Integer)  # 0..1439, wall clock in TIMEZONE
    # The local day of the last nudge; claimed by a conditional UPDATE, so two bot processes
    # never both send one on the same day.
    last_sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

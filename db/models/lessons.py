"""Where each student is in /learn: the page they last saw, the lessons whose closing
questions they finished, and the closing question they are answering now."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class LessonProgress(Base):
    __tablename__ = "lesson_progress"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    lesson: Mapped[int] = mapped_column(Integer, default=1)  # the page /learn resumes at
    page: Mapped[int] = mapped_column(Integer, default=1)
    # Lessons whose two closing questions were answered: bit n−1 for lesson n.
    finished: Mapped[int] = mapped_column(Integer, default=0)
    # The closing questions under way: the lesson, the seed of the question asked (it names
    # the open question) and how many of the lesson's questions were answered already.
    check_lesson: Mapped[int | None] = mapped_column(Integer, nullable=True)
    check_seed: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    check_answered: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

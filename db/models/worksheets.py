"""Printed worksheets: one row per `/worksheet` print (its short code is on every page), one
variant per student with the questions printed for them, and which of them the student has
already checked with `/check` (each task is graded once, like a handed-in paper)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class Worksheet(Base):
    __tablename__ = "worksheets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # printed on each page
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(32))  # a quiz topic or "mixed"
    count: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))  # the language it was printed in
    base: Mapped[str | None] = mapped_column(String(4), nullable=True)
    seed: Mapped[int] = mapped_column(BigInteger)  # the variants' seeds derive from it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WorksheetVariant(Base):
    """The sheet printed with one student's name. `items` holds what each task was, in print
    order: [{"topic", "level", "seed", "params"}], so a later change of the question bank
    cannot change how a printed task is graded."""

    __tablename__ = "worksheet_variants"

    worksheet_id: Mapped[int] = mapped_column(
        ForeignKey("worksheets.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # its place in the printed pile, from 1
    seed: Mapped[int] = mapped_column(BigInteger)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class WorksheetAnswer(Base):
    """A task of a variant that the student has checked: its attempt holds what they typed."""

    __tablename__ = "worksheet_answers"

    worksheet_id: Mapped[int] = mapped_column(
        ForeignKey("worksheets.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)  # the task's number, from 1
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

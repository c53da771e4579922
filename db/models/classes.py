"""Classes, who is in them, and one-time teacher invitations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class Class(Base):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # the join code students type
    name: Mapped[str] = mapped_column(String(128))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Kyiv")
    base: Mapped[str] = mapped_column(String(4), default="2")  # "2" | "e" | "10"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the teacher archives the class: no joining, no new homework, no reminders;
    # its report stays readable. See db/repositories/classes.py.
    archived_at: Mapped[datetime | None] = mapped_column(nullable=True, default=None)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class Membership(Base):
    __tablename__ = "memberships"

    class_id: Mapped[int] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invite(Base):
    """A one-time deep link that makes its first user a teacher."""

    __tablename__ = "invites"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Both are users: deleting one (/forget_me) deletes the invitations they made or used.
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)

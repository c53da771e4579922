"""Classes and memberships."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Class, Membership


async def base_for_student(session: AsyncSession, user_id: int) -> str | None:
    """The log base of the class the student joined most recently, or None when they are
    in no class (then the question bank's default base applies)."""
    stmt = (
        select(Class.base)
        .join(Membership, Membership.class_id == Class.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.joined_at.desc(), Class.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def get_owned_class(session: AsyncSession, code: str, teacher_id: int) -> Class | None:
    """The class with this join code if `teacher_id` teaches it; None otherwise, so that a
    teacher cannot tell someone else's class from one that does not exist."""
    stmt = select(Class).where(Class.code == code.strip().upper(), Class.teacher_id == teacher_id)
    return await session.scalar(stmt)

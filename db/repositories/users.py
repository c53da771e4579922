"""Users: created on first contact, kept up to date with Telegram's profile."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User, utcnow

LANGUAGES = ("uk", "en")


@dataclass(frozen=True)
class Profile:
    """What Telegram tells us about a user on each update."""

    id: int
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


def resolve_language(user: User, default: str) -> str:
    """/lang wins; then Telegram's language_code (uk → uk, en → en); else the default."""
    if user.language in LANGUAGES:
        return user.language
    code = (user.telegram_language or "").lower().split("-")[0]
    return code if code in LANGUAGES else default


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def upsert_from_profile(
    session: AsyncSession, profile: Profile, *, admin_ids: frozenset[int] = frozenset()
) -> User:
    """Create or refresh the user. Admins from ADMIN_IDS are always teachers and admins."""
    user = await session.get(User, profile.id)
    if user is None:
        user = User(id=profile.id, created_at=utcnow())
        session.add(user)
    user.first_name = (profile.first_name or "")[:128]
    user.last_name = (profile.last_name or None) and profile.last_name[:128]
    user.username = (profile.username or None) and profile.username[:64]
    if profile.language_code:
        user.telegram_language = profile.language_code[:16]
    user.last_seen_at = utcnow()
    user.unreachable = False  # they just wrote to us, so they can be reached again
    if user.role is None:
        user.role = "student"
    if user.is_admin is None:
        user.is_admin = False
    if profile.id in admin_ids:
        user.role = "teacher"
        user.is_admin = True
    await session.flush()
    return user


async def set_language(session: AsyncSession, user_id: int, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    user = await session.get(User, user_id)
    if user is not None:
        user.language = language


async def make_teacher(session: AsyncSession, user_id: int) -> None:
    user = await session.get(User, user_id)
    if user is not None:
        user.role = "teacher"


async def mark_unreachable(session: AsyncSession, user_ids: list[int]) -> None:
    if not user_ids:
        return
    result = await session.scalars(select(User).where(User.id.in_(user_ids)))
    for user in result:
        user.unreachable = True


def display_name(user: User) -> str:
    name = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    if name:
        return name
    return f"@{user.username}" if user.username else f"#{user.id}"

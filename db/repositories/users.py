"""Users: created on first contact, kept up to date with Telegram's profile."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapper

from db.collation import collation_key, register_key
from db.models import User, utcnow

__all__ = ["collation_key", "register_key"]  # the register's order lives in db.collation

LANGUAGES = ("uk", "en")


@dataclass(frozen=True)
class Profile:
    """What Telegram tells us about a user on each update."""

    id: int
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


def resolve_language(user: User | Known, default: str) -> str:
    """/lang wins; then Telegram's language_code (uk → uk, en → en); else the default."""
    if user.language in LANGUAGES:
        return user.language
    return language_from_code(user.telegram_language, default)


def language_from_code(language_code: str | None, default: str) -> str:
    """Telegram's language_code (`uk`, `en-GB`…) → one of LANGUAGES, else the default."""
    code = (language_code or "").lower().split("-")[0]
    return code if code in LANGUAGES else default


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


@dataclass(frozen=True)
class Known:
    """A user's row as this process last read or wrote it: what every update needs to know
    about its sender (name, language, role) without a query."""

    id: int
    first_name: str
    last_name: str | None
    username: str | None
    telegram_language: str | None
    language: str | None
    role: str
    is_admin: bool
    unreachable: bool
    last_seen_at: datetime | None

    @classmethod
    def of(cls, user: User) -> Known:
        return cls(
            user.id, user.first_name, user.last_name, user.username, user.telegram_language,
            user.language, user.role, user.is_admin, user.unreachable, user.last_seen_at,
        )  # fmt: skip


class KnownUsers:
    """Users' rows remembered between updates, for a database written by this process alone
    (SQLite): `db.session.Database` forgets them all whenever any statement writes to
    `users` and when that transaction commits, so nothing remembered is ever older than the
    table. A read that began before such a write is not remembered (`generation`)."""

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._known: dict[int, Known] = {}
        self.generation = 0

    def get(self, user_id: int) -> Known | None:
        return self._known.get(user_id)

    def remember(self, user: User, generation: int) -> None:
        if generation != self.generation:
            return  # the table was written since this row was read
        if len(self._known) >= self._size:
            self._known.clear()
        self._known[user.id] = Known.of(user)

    def forget_all(self) -> None:
        self._known.clear()
        self.generation += 1


class ClaimedUsers:
    """PostgreSQL (replicas may share it, so no row is remembered between updates): the
    sender's row read in the transaction that claimed their update (`bot.inbox`), for that
    update alone — one query for a whole claim instead of one per update. Forgotten when the
    update is done, and all at once whenever this process writes to `users` (as KnownUsers)."""

    def __init__(self) -> None:
        self._rows: dict[int, Known] = {}  # by update id
        self.generation = 0

    def remember(self, update_id: int, user: User, generation: int) -> None:
        if generation == self.generation:  # else the table was written since the read
            self._rows[update_id] = Known.of(user)

    def take(self, update_id: int, user_id: int) -> Known | None:
        """The row claimed with `update_id`, if it is `user_id`'s (once)."""
        row = self._rows.pop(update_id, None)
        return row if row is not None and row.id == user_id else None

    def discard(self, update_id: int) -> None:
        self._rows.pop(update_id, None)

    def forget_all(self) -> None:
        self._rows.clear()
        self.generation += 1


async def by_ids(session: AsyncSession, user_ids: Iterable[int | None]) -> list[User]:
    """The rows of these users that exist (None ids are skipped); no query for none."""
    ids = sorted({user_id for user_id in user_ids if user_id is not None})
    if not ids:
        return []
    return list(await session.scalars(select(User).where(User.id.in_(ids))))


# How stale `last_seen_at` may get before an update refreshes it. Every update of every user
# loads the user; writing only when something changed keeps most updates read-only, which
# matters with SQLite's single writer when many students answer at once.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def _changes(
    user: User | Known, profile: Profile, admin_ids: frozenset[int], now: datetime
) -> dict[str, object]:
    """What `profile` would change on `user` (empty when it is up to date)."""
    fields: dict[str, object] = {
        "first_name": (profile.first_name or "")[:128],
        "last_name": (profile.last_name or None) and profile.last_name[:128],
        "username": (profile.username or None) and profile.username[:64],
    }
    if profile.language_code:
        fields["telegram_language"] = profile.language_code[:16]
    if user.unreachable is not False:
        fields["unreachable"] = False  # they just wrote to us, so they can be reached again
    if user.role is None:
        fields["role"] = "student"
    if user.is_admin is None:
        fields["is_admin"] = False
    if profile.id in admin_ids:
        fields.update(role="teacher", is_admin=True)
    changes = {name: value for name, value in fields.items() if getattr(user, name) != value}
    if user.last_seen_at is None or now - user.last_seen_at >= LAST_SEEN_RESOLUTION:
        changes["last_seen_at"] = now
    return changes


def needs_refresh(
    user: User | Known, profile: Profile, *, admin_ids: frozenset[int] = frozenset()
) -> bool:
    """Whether `upsert_from_profile` would write anything for this known user."""
    return bool(_changes(user, profile, admin_ids, utcnow()))


async def upsert_from_profile(
    session: AsyncSession, profile: Profile, *, admin_ids: frozenset[int] = frozenset()
) -> User:
    """Create or refresh the user. Admins from ADMIN_IDS are always teachers and admins.
    Assigns only what changed, so an unchanged user costs a read and no write."""
    now = utcnow()
    user = await session.get(User, profile.id)
    if user is None:
        user = User(id=profile.id, created_at=now, last_seen_at=now, unreachable=False)
        session.add(user)
    for name, value in _changes(user, profile, admin_ids, now).items():
        setattr(user, name, value)
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


class Named(Protocol):
    """A user's row or any row read with the user's names (a class report's student)."""

    id: int
    first_name: str
    last_name: str | None
    username: str | None


def display_name(user: Named) -> str:
    name = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    if name:
        return name
    return f"@{user.username}" if user.username else f"#{user.id}"


def register_order(user: User) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """The order of a class register: by surname, then first name (then id, so that
    namesakes keep a stable order). A student without a surname comes first, where the
    teacher sees them. Every list of a class's students is sorted with this key."""
    return collation_key(user.last_name or ""), collation_key(user.first_name or ""), user.id


def _keep_sort_key(_mapper: Mapper[Any], _connection: Connection, user: User) -> None:
    """A user whose name changed moves in the register (inserts get theirs from the
    column's default, `db.models.core`)."""
    state = inspect(user)
    if any(state.attrs[name].history.has_changes() for name in ("first_name", "last_name")):
        user.sort_key = register_key(user.first_name, user.last_name)


event.listen(User, "before_update", _keep_sort_key)

"""Deleting everything stored about a person (/forget_me, SPEC §6).

Every table that holds something about a user has a foreign key to `users.id` with
ON DELETE CASCADE (SQLite enforces it: db.session turns foreign keys on), so deleting the user
row deletes their attempts, mastery, open question, memberships, homework progress, reminders
and the teacher invitations they made or used — and, for a teacher, the classes they own with
those classes' homework. A table keyed by a Telegram user or chat id *without* such a key (in
a private chat the chat id is the user id) must be listed in UNLINKED_USER_COLUMNS, the one
place that knows about them; their rows are deleted explicitly, in the same transaction.
tests/test_forget_me.py checks every table of `Base.metadata` afterwards, so a table added
later that is neither linked nor listed makes it fail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    MAX_BIG_INTEGER,
    Attempt,
    Base,
    Class,
    Game,
    HomeworkProgress,
    Invite,
    Membership,
    TopicLevel,
    User,
    WorksheetVariant,
)

# (table, column) pairs holding a user's or their private chat's id with no foreign key.
# The inbox stores an update before its sender has a user row (see db/models/messaging.py).
UNLINKED_USER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("inbox_updates", "user_id"),
    ("inbox_updates", "chat_id"),
)


@dataclass(frozen=True)
class UserData:
    """What is stored about one user, counted (what /forget_me shows and then deletes)."""

    answers: int
    topics: int
    classes: int
    homework: int
    worksheets: int
    games: int  # /game and live dice games, with their rolls
    invitations: int
    active_classes: tuple[str, ...]  # names of the classes they teach that are not archived
    archived_classes: int

    @property
    def teaches(self) -> bool:
        return bool(self.active_classes or self.archived_classes)


class StillTeaching(Exception):
    """The user teaches active classes: forgetting them would delete those classes, with
    their students' homework, so it is refused until they are archived."""

    def __init__(self, classes: tuple[str, ...]) -> None:
        super().__init__(f"teaches {len(classes)} active classes")
        self.classes = classes


async def _count(session: AsyncSession, column: object, user_id: int) -> int:
    stmt = select(func.count()).where(column == user_id)  # type: ignore[operator]
    return int(await session.scalar(stmt) or 0)


async def summarize(session: AsyncSession, user_id: int) -> UserData | None:
    """What is stored about the user; None when nothing is (no user row)."""
    if not 0 < user_id <= MAX_BIG_INTEGER or await session.get(User, user_id) is None:
        return None
    taught = await session.execute(
        select(Class.name, Class.archived_at)
        .where(Class.teacher_id == user_id)
        .order_by(Class.created_at, Class.id)
    )
    names = [(name, archived_at is not None) for name, archived_at in taught]
    invitations = await session.scalar(
        select(func.count()).where((Invite.created_by == user_id) | (Invite.used_by == user_id))
    )
    return UserData(
        answers=await _count(session, Attempt.user_id, user_id),
        topics=await _count(session, TopicLevel.user_id, user_id),
        classes=await _count(session, Membership.user_id, user_id),
        homework=await _count(session, HomeworkProgress.user_id, user_id),
        worksheets=await _count(session, WorksheetVariant.user_id, user_id),
        games=await _count(session, Game.user_id, user_id),
        invitations=int(invitations or 0),
        active_classes=tuple(name for name, archived in names if not archived),
        archived_classes=sum(1 for _, archived in names if archived),
    )


async def forget_user(session: AsyncSession, user_id: int) -> UserData | None:
    """Delete everything stored about the user and return what it was (None when nothing
    was stored). Raises StillTeaching, deleting nothing, while they teach active classes;
    their archived classes are deleted with them. The caller commits."""
    found = await summarize(session, user_id)
    if found is None:
        return None
    if found.active_classes:
        raise StillTeaching(found.active_classes)
    for table_name, column_name in UNLINKED_USER_COLUMNS:
        table = Base.metadata.tables[table_name]
        await session.execute(delete(table).where(table.c[column_name] == user_id))
    await session.execute(delete(User).where(User.id == user_id))
    return found

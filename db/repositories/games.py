"""Dice games and their rolls (/game, and each player's part of a live dice game), and class
groups bound to classes for /live.

Functions run inside the caller's transaction; the caller commits (store first, then reply).
Ids that come from buttons are untrusted: out of range means "no such game"."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MAX_INTEGER, Class, Game, GameRoll, LiveGroup, Membership

# ---------------------------------------------------------------- games


async def start_game(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    die: str,
    mystery: bool,
    base: str,
    rolls_planned: int,
    now: datetime,
    mode: str = "solo",
    class_id: int | None = None,
    belief: dict[str, str] | None = None,
) -> Game:
    game = Game(
        user_id=user_id,
        chat_id=chat_id,
        mode=mode,
        class_id=class_id,
        die=die,
        mystery=mystery,
        base=base,
        belief=belief,
        rolls_planned=rolls_planned,
        started_at=now,
    )
    session.add(game)
    await session.flush()
    return game


async def owned_game(session: AsyncSession, game_id: int, user_id: int) -> Game | None:
    """The game if it is `user_id`'s own; None otherwise (also for forged ids)."""
    if not 0 < game_id <= MAX_INTEGER:
        return None
    game = await session.get(Game, game_id)
    return game if game is not None and game.user_id == user_id else None


async def open_solo_game(session: AsyncSession, user_id: int) -> Game | None:
    """The player's unfinished /game, the newest if there are several."""
    stmt = (
        select(Game)
        .where(Game.user_id == user_id, Game.mode == "solo", Game.finished_at.is_(None))
        .order_by(Game.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def last_belief(session: AsyncSession, user_id: int) -> dict[str, str] | None:
    """The belief the player held most recently, in any game (None before their first):
    a game keeps the belief its player holds now, so the newest game with one has it."""
    stmt = (
        select(Game.belief)
        .where(Game.user_id == user_id, Game.belief.is_not(None))
        .order_by(Game.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def rolls_of(session: AsyncSession, game_id: int) -> list[GameRoll]:
    stmt = select(GameRoll).where(GameRoll.game_id == game_id).order_by(GameRoll.number)
    return list(await session.scalars(stmt))


async def count_rolls(session: AsyncSession, game_id: int) -> int:
    stmt = select(func.count()).select_from(GameRoll).where(GameRoll.game_id == game_id)
    return int(await session.scalar(stmt) or 0)


async def add_roll(
    session: AsyncSession,
    game: Game,
    *,
    number: int,
    value: int,
    face: int,
    belief: dict[str, Any],
    surprise: float,
    now: datetime,
) -> GameRoll | None:
    """Store roll `number` of the game with the belief held for it (which becomes the
    game's current belief); None if that roll is already stored (a second process, or a
    repeated press, got there first). An infinite surprise is stored as NULL."""
    roll = GameRoll(
        game_id=game.id,
        number=number,
        value=value,
        face=face,
        belief=belief,
        surprise=None if math.isinf(surprise) else surprise,
        rolled_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(roll)
            await session.flush()
    except IntegrityError:
        return None
    game.belief = belief
    if number >= game.rolls_planned:
        game.finished_at = now
    return roll


# ---------------------------------------------------------------- class groups


async def bind_group(
    session: AsyncSession,
    *,
    chat_id: int,
    class_id: int,
    teacher_id: int,
    title: str,
    now: datetime,
) -> None:
    """Bind the group to the class (a group has one class; binding again moves it)."""
    row = await session.get(LiveGroup, chat_id)
    if row is None:
        session.add(
            LiveGroup(
                chat_id=chat_id,
                class_id=class_id,
                bound_by=teacher_id,
                title=title[:128],
                bound_at=now,
            )
        )
    else:
        row.class_id, row.bound_by, row.title, row.bound_at = class_id, teacher_id, title[:128], now
    await session.flush()


async def bound_class(session: AsyncSession, chat_id: int) -> Class | None:
    """The class the group is bound to, or None."""
    stmt = (
        select(Class)
        .join(LiveGroup, LiveGroup.class_id == Class.id)
        .where(LiveGroup.chat_id == chat_id)
    )
    return await session.scalar(stmt)


async def unbind_group(session: AsyncSession, chat_id: int) -> bool:
    result = await session.execute(delete(LiveGroup).where(LiveGroup.chat_id == chat_id))
    return bool(getattr(result, "rowcount", 0))


async def move_group(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """A group that became a supergroup has a new id; its binding follows."""
    row = await session.get(LiveGroup, old_chat_id)
    if row is None or await session.get(LiveGroup, new_chat_id) is not None:
        return
    row.chat_id = new_chat_id
    await session.flush()


async def members_among(session: AsyncSession, class_id: int, user_ids: list[int]) -> set[int]:
    """Which of these users are students of the class."""
    if not user_ids:
        return set()
    stmt = select(Membership.user_id).where(
        Membership.class_id == class_id, Membership.user_id.in_(user_ids)
    )
    return set(await session.scalars(stmt))

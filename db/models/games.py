"""Playing: dice games (a student's /game in a private chat, or their part in a class group's
live dice game), every roll with its surprise, and class groups bound to classes for /live."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class Game(Base):
    """One player's game with one die: the belief they hold now and where they play."""

    __tablename__ = "games"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(8), default="solo")  # solo | live
    chat_id: Mapped[int] = mapped_column(BigInteger)  # the private chat, or the class group
    # The class a live game counted for; kept NULL for solo games and once the class is gone.
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("classes.id", ondelete="SET NULL"), nullable=True, index=True
    )
    die: Mapped[str] = mapped_column(String(16))  # a key of quiz.dice_game.DICE
    mystery: Mapped[bool] = mapped_column(default=False)  # faces hidden until the end
    base: Mapped[str] = mapped_column(String(4), default="2")  # "2" | "e" | "10"
    belief: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)  # {"1": "1/6"…}
    rolls_planned: Mapped[int] = mapped_column(Integer, default=10)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class GameRoll(Base):
    """One roll of a game: Telegram's dice value, the face it shows on this die, the belief
    the player held then, and the surprise it cost them."""

    __tablename__ = "game_rolls"
    __table_args__ = (UniqueConstraint("game_id", "number"),)  # each roll counts once

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("games.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … in the game
    value: Mapped[int] = mapped_column(Integer)  # what Telegram's 🎲 showed, 1–6
    face: Mapped[int] = mapped_column(Integer)  # what that value means on this die
    belief: Mapped[dict[str, Any]] = mapped_column(JSON)  # q at this roll, {"1": "1/6"…}
    # −log q(face) in the game's base; NULL when q(face) = 0 (an infinite surprise, which
    # neither JSON nor every database stores).
    surprise: Mapped[float | None] = mapped_column(Float, nullable=True)
    rolled_at: Mapped[datetime] = mapped_column(default=utcnow)


class LiveGroup(Base):
    """A Telegram group bound to a class by its teacher with /live <code>."""

    __tablename__ = "live_groups"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    bound_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(128), default="")
    bound_at: Mapped[datetime] = mapped_column(default=utcnow)

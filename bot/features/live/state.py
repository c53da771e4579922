"""The game running in a class group, in memory: who plays (first names only), what they
answered or believe, the current round. One game per group at a time.

What counts is stored as it happens (quiz answers as attempts, dice rolls as games of the
class's students), so a restart loses no one's progress; the game itself — whose turn, the
scoreboard — is a classroom moment and ends with the process (its buttons then say so)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardMarkup, User
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Job

from bot.context import QuizContext
from bot.features.student.service import quote_user_text
from quiz.questions import Question

GAMES = "live.games"  # bot_data: group chat id → the game running there
POLLS = "live.polls"  # bot_data: poll id → group chat id
NAME_CAP = 24
PLAYER = "🙂"  # shown for a player whose first name has nothing printable


def player_name(user: User) -> str:
    """A player as the group sees them: the first name only (never the surname or the
    username), cleaned of invisible characters, capped and HTML-escaped."""
    return quote_user_text(user.first_name or "", cap=NAME_CAP) or PLAYER


@dataclass(kw_only=True)
class LiveGame:
    """What every live game knows: where, for which class, who runs it, in which language
    and log base, and the players seen so far (user id → shown name)."""

    chat_id: int
    class_id: int
    teacher_id: int
    lang: str
    base: str
    total: int  # rounds or rolls
    sid: int = field(default_factory=lambda: secrets.randbelow(10**6))  # in button data
    names: dict[int, str] = field(default_factory=dict)
    members: dict[int, bool] = field(default_factory=dict)  # user id → in the class?
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class QuizAnswer:
    option: int
    at: datetime
    right: bool


@dataclass(kw_only=True)
class QuizRound:
    number: int
    question: Question
    labels: tuple[str, ...]
    correct: int
    started_at: datetime
    question_message_id: int = 0
    card_message_id: int = 0
    poll_id: str | None = None
    answers: dict[int, QuizAnswer] = field(default_factory=dict)
    open: bool = True
    job: Job[Any] | None = None


@dataclass(kw_only=True)
class LiveQuiz(LiveGame):
    topic: str  # a quiz topic or "mixed"
    rounds: list[QuizRound] = field(default_factory=list)

    @property
    def current(self) -> QuizRound | None:
        return self.rounds[-1] if self.rounds else None


@dataclass(kw_only=True)
class LiveDice(LiveGame):
    board_message_id: int = 0
    beliefs: dict[int, str] = field(default_factory=dict)  # user id → preset
    surprises: dict[int, list[float]] = field(default_factory=dict)  # user id → per roll
    rolls: list[tuple[int, int]] = field(default_factory=list)  # (dice value, face)
    game_ids: dict[int, int] = field(default_factory=dict)  # stored games of class members

    @property
    def started(self) -> bool:
        return bool(self.rolls)


MEDALS = ("🥇", "🥈", "🥉")


def places(scores: Sequence[object]) -> list[int]:
    """Places counted from 0 for scores already in order; equal scores share a place
    (1, 1, 3, as in sport)."""
    found: list[int] = []
    for index, score in enumerate(scores):
        found.append(found[-1] if index and score == scores[index - 1] else index)
    return found


def medal(place: int) -> str:
    return MEDALS[place] if place < len(MEDALS) else f"{place + 1}."


def games_of(context: QuizContext) -> dict[int, LiveGame]:
    return context.bot_data.setdefault(GAMES, {})


def polls_of(context: QuizContext) -> dict[str, int]:
    return context.bot_data.setdefault(POLLS, {})


def running(context: QuizContext, chat_id: int) -> LiveGame | None:
    return games_of(context).get(chat_id)


def begin(context: QuizContext, game: LiveGame) -> None:
    games_of(context)[game.chat_id] = game


def finish(context: QuizContext, game: LiveGame) -> None:
    """Forget the game (if it is still the group's) and its timers and polls."""
    if games_of(context).get(game.chat_id) is game:
        del games_of(context)[game.chat_id]
    if isinstance(game, LiveQuiz):
        polls = polls_of(context)
        for round_ in game.rounds:
            if round_.job is not None:
                round_.job.schedule_removal()
                round_.job = None
            if round_.poll_id is not None:
                polls.pop(round_.poll_id, None)


async def edit_html(
    context: QuizContext,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit the game's one message in place (a group gets edits, not a stream of messages);
    an edit that changes nothing is not an error."""
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise

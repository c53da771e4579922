"""/live dice [n]: the class plays "be the model" together. Everyone picks a belief with a
button; the teacher rolls Telegram's own 🎲 in the group n times; after each roll one
scoreboard message is edited (never a new one per roll): each player's total surprise — the
log score — lowest first. The die is the talk's weird die 1, 2, 3, 4, 4, 4, so the belief
"weird die" is the truth and wins on average.

Each class member's part is stored as a game of theirs (mode "live") with every roll."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, User

from bot.context import QuizContext
from bot.features.game.service import DEFAULT_DICE_PAUSE, DICE_PAUSE, amount
from bot.features.live import state
from bot.features.live.state import LiveDice, edit_html, player_name
from bot.features.student.service import send_html, writing
from bot.texts import t
from db.models import Game
from db.repositories import games
from quiz import calculator, dice_game
from quiz.dice_game import WEIRD_DIE

BELIEFS = ("fair", "four", "weird", "allfour")
MAX_ROWS = 30  # players listed on the board; a class fits, the message stays short


def board_keyboard(game: LiveDice) -> InlineKeyboardMarkup | None:
    """Belief buttons for everyone, the roll button for the teacher; none when it is over."""
    if len(game.rolls) >= game.total:
        return None
    lang, sid = game.lang, game.sid
    beliefs = [
        InlineKeyboardButton(t(lang, f"live.belief.{key}"), callback_data=f"lv:b:{sid}:{key}")
        for key in BELIEFS
    ]
    number = len(game.rolls) + 1
    roll = InlineKeyboardButton(
        t(lang, "live.button.roll", number=number, total=game.total),
        callback_data=f"lv:roll:{sid}:{number}",
    )
    stop = InlineKeyboardButton(t(lang, "live.button.stop"), callback_data=f"lv:end:{sid}")
    return InlineKeyboardMarkup([beliefs[:2], beliefs[2:], [roll], [stop]])


def totals(game: LiveDice) -> dict[int, float]:
    """Each player's log score: the sum of their surprises (∞ after a face they ruled out)."""
    return {user: dice_game.total_surprise(values) for user, values in game.surprises.items()}


def standings(game: LiveDice) -> list[tuple[int, float]]:
    """Players by total surprise, lowest first (∞ last), then by name."""
    scores = totals(game)
    order = sorted(game.beliefs, key=lambda user: (scores.get(user, 0.0), game.names[user]))
    return [(user, scores.get(user, 0.0)) for user in order]


def board_text(game: LiveDice) -> str:
    lang = game.lang
    lines = [
        t(lang, "live.dice.title", done=len(game.rolls), total=game.total),
        t(lang, "live.dice.rules"),
        "",
    ]
    if game.rolls:
        value, face = game.rolls[-1]
        lines.append(t(lang, "live.dice.roll", number=len(game.rolls), value=value, face=face))
    ranked = standings(game)
    if not ranked:
        lines.append(t(lang, "live.dice.nobody"))
    places = state.places([total for _, total in ranked])
    for place, (user, total) in zip(places, ranked[:MAX_ROWS], strict=False):
        medal = state.medal(place) if game.rolls else f"{place + 1}."
        lines.append(
            t(
                lang,
                "live.dice.row",
                place=medal,
                name=game.names[user],
                belief=t(lang, f"live.belief.{game.beliefs[user]}").split(" ")[0],
                total=_score(total, game),
            )
        )
    if ranked and game.rolls and len(game.rolls) >= game.total:
        lines += ["", *_final_lines(game, ranked)]
    return "\n".join(lines)


def _score(total: float, game: LiveDice) -> str:
    return amount(total, game.base, game.lang)


def _final_lines(game: LiveDice, ranked: list[tuple[int, float]]) -> list[str]:
    lang = game.lang
    best = ranked[0][1]
    winners = ", ".join(game.names[user] for user, total in ranked if total == best)
    h = calculator.entropy(WEIRD_DIE.distribution(), game.base)
    return [
        t(lang, "live.dice.winner", names=winners),
        t(lang, "live.dice.lesson", h=amount(h, game.base, lang)),
    ]


async def start(context: QuizContext, game: LiveDice) -> None:
    game.board_message_id = await send_html(
        context, game.chat_id, board_text(game), board_keyboard(game)
    )


async def choose_belief(context: QuizContext, game: LiveDice, user: User, key: str) -> str:
    """A player picks (or changes) a belief; returns the text key of their pop-up. Newcomers
    may join until the first roll: a total over fewer rolls would not be comparable."""
    async with game.lock:
        if user.id not in game.beliefs and game.started:
            return "live.dice.you.too_late"
        joined = user.id not in game.beliefs
        game.names[user.id] = player_name(user)
        game.beliefs[user.id] = key
        game.surprises.setdefault(user.id, [])
    return "live.dice.you.joined" if joined else "live.dice.you.changed"


async def roll(context: QuizContext, game: LiveDice, number: int) -> bool:
    """The teacher rolls: Telegram's 🎲 in the group, every player's surprise stored and
    added, then the one scoreboard edited. False for a stale or repeated press."""
    async with game.lock:
        if number != len(game.rolls) + 1 or number > game.total:
            return False
        message = await context.bot.send_dice(game.chat_id, emoji="🎲")
        assert message.dice is not None
        value = message.dice.value
        face = WEIRD_DIE.face(value)
        game.rolls.append((value, face))
        for user, key in game.beliefs.items():
            q = dice_game.PRESETS[key]
            game.surprises[user].append(dice_game.roll_surprise(q, face, game.base))
        await _store_roll(context, game, number, value, face)
    await asyncio.sleep(float(context.bot_data.get(DICE_PAUSE, DEFAULT_DICE_PAUSE)))
    await edit_board(context, game)
    return True


async def _store_roll(
    context: QuizContext, game: LiveDice, number: int, value: int, face: int
) -> None:
    """Each class member's roll, in their own game (created at their first roll)."""
    async with writing(context) as session:
        members = await games.members_among(session, game.class_id, list(game.beliefs))
        for user in sorted(members):
            game_id = game.game_ids.get(user)
            if game_id is None:
                row = await games.start_game(
                    session,
                    user_id=user,
                    chat_id=game.chat_id,
                    die=WEIRD_DIE.key,
                    mystery=False,
                    base=game.base,
                    rolls_planned=game.total,
                    now=context.now,
                    mode="live",
                    class_id=game.class_id,
                )
                game.game_ids[user] = game_id = row.id
            else:
                row = await session.get(Game, game_id)
            assert row is not None
            await games.add_roll(
                session,
                row,
                number=number,
                value=value,
                face=face,
                belief=dice_game.belief_to_params(dice_game.PRESETS[game.beliefs[user]]),
                surprise=game.surprises[user][-1],
                now=context.now,
            )
        await session.commit()


async def edit_board(context: QuizContext, game: LiveDice) -> None:
    await edit_html(
        context, game.chat_id, game.board_message_id, board_text(game), board_keyboard(game)
    )

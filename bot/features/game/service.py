"""What /game does, as functions of (context, chat, visitor): start a game with a die, take a
belief (buttons or typed), roll Telegram's own 🎲 and score the surprise, sum up after the
last roll, and train the tiny model. The maths is `quiz.dice_game` and `quiz.training`.

Every roll is stored before it is reported (store first, then reply); the belief a player
holds lives on the game row, so a restart loses neither the game nor the belief. Only the
"type your belief now" moment is in memory (`user_data`): after a restart the buttons work
and /game continues the game."""

from __future__ import annotations

import asyncio
import math
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from telegram import InlineKeyboardMarkup
from telegram.constants import ChatAction

from bot.context import QuizContext, Visitor
from bot.features.game import keyboards
from bot.features.game.charts import GameChart, TrainingChart, game_chart, training_chart
from bot.features.student.service import queue_html, quote_user_text, send_html, writing
from bot.texts import count_phrase, t
from db.models import Game, GameRoll
from db.repositories import classes, games
from quiz import calculator, dice_game
from quiz.dice_game import NUMBERS, Belief, Die
from quiz.numbers import format_number
from quiz.training import in_base, train_softmax

ROLLS_PER_GAME = 10
TRAINING_ROLLS = 2000  # the game's own rolls plus simulated ones, so the model can learn
TRAINING_STEPS = 300
# Telegram's dice animation lasts about 3 s: the result is told when it has settled, so the
# text does not spoil the animation. Tests set bot_data[DICE_PAUSE] = 0.
DICE_PAUSE = "game.dice_pause_seconds"
DEFAULT_DICE_PAUSE = 3.0
AWAITING = "game.awaiting"  # user_data: the game whose belief the next typed text sets
AWAITING_TTL = timedelta(minutes=30)
LOG_SIGNS = {"2": "log₂", "e": "ln", "10": "lg"}


# ---------------------------------------------------------------- small helpers


def log_sign(base: str) -> str:
    return LOG_SIGNS[base]


def amount(value: float, base: str, lang: str) -> str:
    """`2,585 біта`, `1 bit`; `∞` alone (infinitely many of no unit)."""
    shown = format_number(value, lang)
    if math.isinf(value):
        return shown
    return f"{shown} {calculator.unit_name(base, lang, shown)}"


def fraction_text(value: Fraction) -> str:
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def belief_text(q: Mapping[int, Fraction]) -> str:
    """`1: 1/6 · 2: 1/6 · … · 6: 0`."""
    return " · ".join(f"{number}: {fraction_text(q[number])}" for number in NUMBERS)


def _die(game: Game) -> Die:
    return dice_game.die_by_key(game.die)


def _belief(game: Game) -> Belief | None:
    return dice_game.belief_from_params(game.belief) if game.belief else None


def _surprises(rolls: list[GameRoll]) -> list[float]:
    return [math.inf if roll.surprise is None else roll.surprise for roll in rolls]


def _pause(context: QuizContext) -> float:
    return float(context.bot_data.get(DICE_PAUSE, DEFAULT_DICE_PAUSE))


def await_typed_belief(context: QuizContext, game_id: int) -> None:
    context.user_data[AWAITING] = {"game_id": game_id, "until": context.now + AWAITING_TTL}


def stop_awaiting(context: QuizContext) -> None:
    context.user_data.pop(AWAITING, None)


def awaited_game(user_data: Mapping[str, object] | None, now: object) -> int | None:
    """The game whose belief the user's next text sets, if we are waiting for one."""
    state = user_data.get(AWAITING) if user_data else None
    if not isinstance(state, dict) or now > state["until"]:  # type: ignore[operator]
        return None
    return int(state["game_id"])


# ---------------------------------------------------------------- starting


async def show_intro(context: QuizContext, chat_id: int, visitor: Visitor) -> None:
    async with context.db.session() as session:
        game = await games.open_solo_game(session, visitor.id)
        done = await games.count_rolls(session, game.id) if game is not None else 0
    open_game = (game.id, done, game.rolls_planned) if game is not None else None
    await send_html(
        context,
        chat_id,
        t(visitor.lang, "game.intro"),
        keyboards.choose_die(visitor.lang, open_game),
    )


async def start(context: QuizContext, chat_id: int, visitor: Visitor, choice: str) -> None:
    """A new game with the weird die or a mystery die (an unfinished game is left behind:
    its rolls stay stored, it just ends)."""
    die = dice_game.WEIRD_DIE if choice == "weird" else dice_game.mystery_die(secrets.randbits(32))
    async with writing(context) as session:
        previous = await games.open_solo_game(session, visitor.id)
        if previous is not None:
            previous.finished_at = context.now
        base = await classes.base_for_student(session, visitor.id) or "2"
        game = await games.start_game(
            session,
            user_id=visitor.id,
            chat_id=chat_id,
            die=die.key,
            mystery=choice != "weird",
            base=base,
            rolls_planned=ROLLS_PER_GAME,
            now=context.now,
        )
        has_last = await games.last_belief(session, visitor.id) is not None
        await session.flush()
        await_typed_belief(context, game.id)
        queue_html(session, chat_id, *_belief_prompt(visitor.lang, game, has_last=has_last))
        await session.commit()


def _belief_prompt(lang: str, game: Game, *, has_last: bool) -> tuple[str, InlineKeyboardMarkup]:
    die_line = t(lang, "game.die.mystery" if game.mystery else "game.die.weird")
    return (
        f"{die_line}\n\n{t(lang, 'game.ask_belief')}",
        keyboards.choose_belief(lang, game.id, has_last=has_last),
    )


async def ask_belief(
    context: QuizContext, chat_id: int, visitor: Visitor, game: Game, *, has_last: bool
) -> None:
    await_typed_belief(context, game.id)
    await send_html(context, chat_id, *_belief_prompt(visitor.lang, game, has_last=has_last))


async def change_belief(context: QuizContext, chat_id: int, visitor: Visitor, game_id: int) -> bool:
    async with context.db.session() as session:
        game = await games.owned_game(session, game_id, visitor.id)
        has_last = await games.last_belief(session, visitor.id) is not None
    if game is None or game.finished_at is not None:
        return False
    await ask_belief(context, chat_id, visitor, game, has_last=has_last)
    return True


async def resume(context: QuizContext, chat_id: int, visitor: Visitor, game_id: int) -> bool:
    """Continue an unfinished game: ask for a belief if it has none, else offer the roll."""
    async with context.db.session() as session:
        game = await games.owned_game(session, game_id, visitor.id)
        done = await games.count_rolls(session, game_id) if game is not None else 0
        has_last = await games.last_belief(session, visitor.id) is not None
    if game is None or game.finished_at is not None:
        return False
    q = _belief(game)
    if q is None:
        await ask_belief(context, chat_id, visitor, game, has_last=has_last)
        return True
    await send_html(context, chat_id, *_roll_offer(visitor.lang, game, q, done, note=None))
    return True


# ---------------------------------------------------------------- beliefs


async def choose_preset(
    context: QuizContext, chat_id: int, visitor: Visitor, game_id: int, preset: str
) -> bool:
    if preset == "last":
        async with context.db.session() as session:
            params = await games.last_belief(session, visitor.id)
        if params is None:
            return False
        q = dice_game.belief_from_params(params)
    elif preset in keyboards.PRESETS:
        q = dice_game.PRESETS[preset]
    else:
        return False
    return await set_belief(context, chat_id, visitor, game_id, q)


async def typed_belief(
    context: QuizContext, chat_id: int, visitor: Visitor, game_id: int, text: str
) -> None:
    """A belief typed after the prompt; a friendly explanation when we cannot read it (the
    prompt stays open for another try)."""
    lang = visitor.lang
    try:
        parsed = dice_game.parse_belief(text)
    except dice_game.BeliefError as error:
        await send_html(context, chat_id, _belief_error(error, lang))
        return
    note = None
    if parsed.weights:
        note = t(lang, "game.belief.weights", typed=quote_user_text(text))
    if not await set_belief(context, chat_id, visitor, game_id, parsed.q, note=note):
        stop_awaiting(context)
        await send_html(context, chat_id, t(lang, "game.no_game"))


def _belief_error(error: dice_game.BeliefError, lang: str) -> str:
    values: dict[str, object] = {}
    for key, value in error.values.items():
        if isinstance(value, float):
            values[key] = format_number(value, lang)
        elif isinstance(value, str):
            values[key] = quote_user_text(value, cap=20)
        else:
            values[key] = value
    return "🤔 " + t(lang, f"game.err.{error.code}", **values)


async def set_belief(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    game_id: int,
    q: Belief,
    *,
    note: str | None = None,
) -> bool:
    """Store the belief on the game, then show it (with a warning for each possible face
    it rules out) and offer the next roll. False when the game is not open."""
    async with writing(context) as session:
        game = await games.owned_game(session, game_id, visitor.id)
        if game is None or game.finished_at is not None:
            return False
        game.belief = dice_game.belief_to_params(q)
        done = await games.count_rolls(session, game_id)
        queue_html(session, chat_id, *_roll_offer(visitor.lang, game, q, done, note=note))
        await session.commit()
    stop_awaiting(context)
    return True


def _roll_offer(
    lang: str, game: Game, q: Belief, done: int, *, note: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    """The belief as stored, a warning for each possible face it rules out, and the roll."""
    lines = [t(lang, "game.belief", belief=belief_text(q))]
    if note:
        lines.append(note)
    possible = NUMBERS if game.mystery else _die(game).possible
    ruled_out = dice_game.zero_faces(q, possible)
    if ruled_out:
        word = "game.faces_word.one" if len(ruled_out) == 1 else "game.faces_word.many"
        faces = ", ".join(str(face) for face in ruled_out)
        lines.append(t(lang, "game.zero_warning", faces=faces, faces_word=t(lang, word)))
    number = done + 1
    lines += ["", t(lang, "game.ready", number=number, total=game.rolls_planned)]
    return "\n".join(lines), keyboards.roll(lang, game.id, number, game.rolls_planned)


# ---------------------------------------------------------------- rolling


@dataclass(frozen=True)
class Rolled:
    game: Game
    rolls: list[GameRoll]
    value: int
    face: int
    q: Belief


async def roll(
    context: QuizContext, chat_id: int, visitor: Visitor, game_id: int, number: int
) -> str | None:
    """Roll number `number` of the game: Telegram's 🎲, then the stored roll, then the
    surprise. Returns a text key when the press cannot roll (a stale or repeated button)."""
    async with context.db.session() as session:
        game = await games.owned_game(session, game_id, visitor.id)
        done = await games.count_rolls(session, game_id) if game is not None else 0
    if game is None or game.finished_at is not None:
        return "game.no_game"
    q = _belief(game)
    if q is None:
        return "game.need_belief"
    if number != done + 1:
        return "game.already_rolled"
    stop_awaiting(context)
    message = await context.bot.send_dice(chat_id, emoji="🎲")
    assert message.dice is not None
    # The result is told once the animation has settled, so that the text does not spoil it.
    await asyncio.sleep(_pause(context))
    rolled = await _store_roll(context, chat_id, visitor, game_id, number, message.dice.value, q)
    if rolled is None:
        return "game.already_rolled"
    if rolled.game.finished_at is not None:
        await _send_game_chart(context, chat_id, visitor.lang, rolled.game, rolled.rolls)
    return None


async def _store_roll(
    context: QuizContext,
    chat_id: int,
    visitor: Visitor,
    game_id: int,
    number: int,
    value: int,
    q: Belief,
) -> Rolled | None:
    """The roll and its report in one transaction (the report goes out through the outbox)."""
    async with writing(context) as session:
        game = await games.owned_game(session, game_id, visitor.id)
        if game is None:
            return None
        face = _die(game).face(value)
        surprise = dice_game.roll_surprise(q, face, game.base)
        stored = await games.add_roll(
            session,
            game,
            number=number,
            value=value,
            face=face,
            belief=dice_game.belief_to_params(q),
            surprise=surprise,
            now=context.now,
        )
        if stored is None:
            return None
        rolled = Rolled(
            game=game,
            rolls=await games.rolls_of(session, game_id),
            value=value,
            face=face,
            q=q,
        )
        queue_html(session, chat_id, *_roll_report(visitor.lang, rolled))
        await session.commit()
    return rolled


def _roll_report(lang: str, rolled: Rolled) -> tuple[str, InlineKeyboardMarkup]:
    """What came up, its surprise, the running average; after the last roll, the summary."""
    game, face = rolled.game, rolled.face
    base = game.base
    log = log_sign(base)
    if face == rolled.value:
        lines = [t(lang, "game.rolled.same", face=face)]
    else:
        lines = [t(lang, "game.rolled.mapped", value=rolled.value, face=face)]
    surprises = _surprises(rolled.rolls)
    if math.isinf(surprises[-1]):
        lines.append(t(lang, "game.surprise.infinite", log=log, face=face))
    else:
        lines.append(
            t(
                lang,
                "game.surprise",
                log=log,
                face=face,
                q=fraction_text(rolled.q[face]),
                surprise=amount(surprises[-1], base, lang),
            )
        )
    average = dice_game.running_averages(surprises)[-1]
    after = count_phrase(lang, len(surprises), "n.roll_after")
    lines.append(t(lang, "game.average", count=after, average=amount(average, base, lang)))
    if game.finished_at is None:
        number = len(rolled.rolls) + 1
        return "\n".join(lines), keyboards.roll(lang, game.id, number, game.rolls_planned)
    lines += ["", *_summary(lang, game, rolled.rolls, rolled.q, average)]
    return "\n".join(lines), keyboards.finished(lang, game.id)


def _summary(lang: str, game: Game, rolls: list[GameRoll], q: Belief, average: float) -> list[str]:
    base = game.base
    die = _die(game)
    verdict = dice_game.verdict(die, q, base)
    lines = [
        t(lang, "game.done", count=count_phrase(lang, len(rolls), "n.roll")),
        t(lang, "game.summary.average", average=amount(average, base, lang)),
        t(lang, "game.summary.entropy", h=amount(verdict.entropy, base, lang)),
        t(lang, "game.summary.cross_entropy", ce=amount(verdict.cross_entropy, base, lang)),
    ]
    if verdict.kl == 0:
        lines.append(t(lang, "game.summary.kl_zero"))
    else:
        lines.append(t(lang, "game.summary.kl", kl=amount(verdict.kl, base, lang)))
    if len({tuple(sorted(roll.belief.items())) for roll in rolls}) > 1:
        lines.append(t(lang, "game.summary.last_belief"))
    if game.mystery:
        lines.append(t(lang, "game.summary.revealed", faces=die.describe()))
    return lines


async def _send_game_chart(
    context: QuizContext, chat_id: int, lang: str, game: Game, rolls: list[GameRoll]
) -> None:
    die = _die(game)
    base = game.base
    data = GameChart(
        averages=dice_game.running_averages(_surprises(rolls)),
        entropy=calculator.entropy(die.distribution(), base),
        cross_entropies=[
            dice_game.verdict(die, dice_game.belief_from_params(roll.belief), base).cross_entropy
            for roll in rolls
        ],
        title=t(lang, "game.chart.title", units=calculator.UNIT_NAMES[lang][base]),
        xlabel=t(lang, "game.chart.xlabel"),
        average_label=t(lang, "game.chart.average"),
        entropy_label=t(lang, "game.chart.entropy"),
        cross_entropy_label=t(lang, "game.chart.cross_entropy"),
        kl_label=t(lang, "game.chart.kl"),
    )
    await _send_chart(
        context, chat_id, lambda: game_chart(data), t(lang, "game.chart_caption"), "game.png"
    )


# ---------------------------------------------------------------- training


async def train(context: QuizContext, chat_id: int, visitor: Visitor, game_id: int) -> bool:
    """Train the tiny model on the game's rolls plus simulated ones of the same die, then
    show how its loss fell and what it learned (the picture is drawn in a thread)."""
    async with context.db.session() as session:
        game = await games.owned_game(session, game_id, visitor.id)
        rolls = await games.rolls_of(session, game_id) if game is not None else []
    if game is None or not rolls:
        return False
    lang, base, die = visitor.lang, game.base, _die(game)
    faces = [roll.face for roll in rolls]
    simulated = dice_game.simulate_faces(die, TRAINING_ROLLS - len(faces), seed=game.id)
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    run = await asyncio.to_thread(train_softmax, faces + simulated, NUMBERS, steps=TRAINING_STEPS)
    truth = die.distribution()
    text = t(
        lang,
        "game.train.text",
        rolls=count_phrase(lang, len(faces), "n.roll"),
        simulated=count_phrase(lang, len(simulated), "n.roll"),
        steps=run.steps,
        start=amount(in_base(run.losses[0], base), base, lang),
        end=amount(in_base(run.losses[-1], base), base, lang),
        h=amount(in_base(run.entropy, base), base, lang),
        learned=" · ".join(
            f"{n}: {format_number(round(run.probabilities[n], 3), lang)}" for n in NUMBERS
        ),
        truth=belief_text(truth),
    )
    await send_html(
        context,
        chat_id,
        f"{text}\n\n{t(lang, 'game.train.llm')}",
        keyboards.finished(lang, game.id)
        if game.finished_at is not None
        else keyboards.roll(lang, game.id, len(rolls) + 1, game.rolls_planned),
    )
    data = TrainingChart(
        losses=[in_base(loss, base) for loss in run.losses],
        entropy=in_base(run.entropy, base),
        outcomes=[str(n) for n in NUMBERS],
        learned=[run.probabilities[n] for n in NUMBERS],
        truth=[float(truth[n]) for n in NUMBERS],
        loss_title=t(lang, "game.train.loss_title", units=calculator.UNIT_NAMES[lang][base]),
        step_label=t(lang, "game.train.step"),
        loss_label=t(lang, "game.train.loss"),
        entropy_label=t(lang, "game.train.entropy"),
        probs_title=t(lang, "game.train.probs_title"),
        learned_label=t(lang, "game.train.learned"),
        truth_label=t(lang, "game.train.truth"),
    )
    caption = t(lang, "game.train.chart_caption")
    await _send_chart(context, chat_id, lambda: training_chart(data), caption, "training.png")
    return True


async def _send_chart(
    context: QuizContext,
    chat_id: int,
    draw: Callable[[], bytes],
    caption: str,
    filename: str,
) -> None:
    """Draw in a thread (matplotlib must not block the event loop), then send the PNG."""
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
    png = await asyncio.to_thread(draw)
    await context.bot.send_photo(chat_id, png, caption=caption, filename=filename)


def pointer_link(bot_username: str) -> str:
    """The link a group member follows to play /game privately."""
    return f"https://t.me/{bot_username}?start=game"

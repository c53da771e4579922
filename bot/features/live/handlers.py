"""Telegram handlers of /live: binding a class group, starting and stopping games, the game
buttons, poll answers, and the bot being added to or removed from a group.

Only the teacher of the bound class starts, stops and advances games (the role and the class
are read from the database on every command and press); everyone in the group may play. What
the group sees is first names and scores — never a surname, a typed answer or another class."""

from __future__ import annotations

import html
from typing import Any

from telegram import Chat, ChatMemberUpdated, Update, User
from telegram.constants import ChatMemberStatus, ChatType

from bot.context import QuizContext
from bot.features.live import dice, quiz, state
from bot.features.live.state import LiveDice, LiveGame, LiveQuiz
from bot.features.student.service import (
    MIXED,
    queue_html,
    resolve_topic,
    send_html,
    topic_name,
    writing,
)
from bot.features.teacher.service import looks_like_code, normalize_code
from bot.texts import t
from db.models import Class
from db.repositories import classes, games
from quiz import questions

QUIZ_ROUNDS = (1, 10, 5)  # least, most, default
DICE_ROLLS = (1, 20, 10)
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)
ARGUMENTS_CAP = 80


# ---------------------------------------------------------------- /live


async def on_live(update: Update, context: QuizContext) -> None:
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or context.visitor is None:
        return
    if chat.type not in GROUP_TYPES:
        await send_html(context, chat.id, t(context.lang, "live.howto_private"))
        return
    args = [arg for arg in (context.args or []) if arg][:6]
    words = " ".join(args)[:ARGUMENTS_CAP]
    first = args[0].lower() if args else ""
    if first in ("quiz", "вікторина"):
        await _start_quiz(context, chat, args[1:])
    elif first in ("dice", "кубик"):
        await _start_dice(context, chat, args[1:])
    elif first in ("stop", "стоп"):
        await _stop(context, chat)
    elif not args:
        await _status(context, chat)
    elif len(args) == 1 or looks_like_code(normalize_code(words)):
        await _bind(context, chat, words)  # a wrong code is refused like someone else's
    else:
        await send_html(context, chat.id, t(context.lang, "live.usage"))


async def _bind(context: QuizContext, chat: Chat, typed: str) -> None:
    """/live <code>: only the class's own teacher binds their class; anyone else — students,
    other teachers, wrong codes — gets one and the same refusal. The binding and its
    confirmation are stored together (the confirmation goes out through the outbox)."""
    visitor = context.visitor
    assert visitor is not None
    lang = context.lang
    busy = state.running(context, chat.id) is not None
    async with writing(context) as session:
        klass = None
        if visitor.is_teacher:
            klass = await classes.get_owned_class(session, normalize_code(typed), visitor.id)
        if klass is not None and not busy:
            await games.bind_group(
                session,
                chat_id=chat.id,
                class_id=klass.id,
                teacher_id=visitor.id,
                title=chat.title or "",
                now=context.now,
            )
            queue_html(session, chat.id, t(lang, "live.bound", name=html.escape(klass.name)))
            await session.commit()
            return
    await send_html(context, chat.id, t(lang, "live.busy" if klass else "live.bind_refused"))


async def _status(context: QuizContext, chat: Chat) -> None:
    async with context.db.session() as session:
        klass = await games.bound_class(session, chat.id)
    lang = context.lang
    if klass is None:
        await send_html(context, chat.id, t(lang, "live.not_bound"))
    else:
        await send_html(context, chat.id, t(lang, "live.status", name=html.escape(klass.name)))


async def _teachers_class(context: QuizContext, chat: Chat) -> Class | None:
    """The group's class if the sender is its teacher; otherwise they are told why not."""
    visitor = context.visitor
    assert visitor is not None
    async with context.db.session() as session:
        klass = await games.bound_class(session, chat.id)
    if klass is None:
        await send_html(context, chat.id, t(context.lang, "live.not_bound"))
        return None
    if klass.teacher_id != visitor.id or not visitor.is_teacher:
        await send_html(context, chat.id, t(context.lang, "live.only_teacher"))
        return None
    if state.running(context, chat.id) is not None:
        await send_html(context, chat.id, t(context.lang, "live.busy"))
        return None
    return klass


def _game_of(context: QuizContext, chat: Chat, klass: Class, count: int) -> dict[str, Any]:
    """What every live game is made of: the group, the class, its teacher, the language the
    teacher speaks with the bot, the class's log base, and how many rounds or rolls."""
    return {
        "chat_id": chat.id,
        "class_id": klass.id,
        "teacher_id": klass.teacher_id,
        "lang": context.lang,
        "base": klass.base,
        "total": count,
    }


def _count(args: list[str], limits: tuple[int, int, int]) -> tuple[int | None, list[str]]:
    """The number among the arguments (or the default) and the other words; None when the
    number is out of range."""
    least, most, default = limits
    numbers = [arg for arg in args if arg.isascii() and arg.isdigit()]
    words = [arg for arg in args if arg not in numbers]
    if not numbers:
        return default, words
    value = int(numbers[0][:4])
    return (value if least <= value <= most and len(numbers) == 1 else None), words


async def _start_quiz(context: QuizContext, chat: Chat, args: list[str]) -> None:
    lang = context.lang
    klass = await _teachers_class(context, chat)
    if klass is None:
        return
    count, words = _count(args, QUIZ_ROUNDS)
    if count is None:
        await send_html(context, chat.id, t(lang, "live.bad_count", most=QUIZ_ROUNDS[1]))
        return
    wanted = " ".join(words)
    topic = resolve_topic(wanted) if wanted else MIXED
    if topic is None:  # what was typed is not repeated: the group sees no typed text
        names = ", ".join(topic_name(lang, name) for name in (*questions.TOPICS, MIXED))
        await send_html(context, chat.id, t(lang, "live.unknown_topic", topics=names))
        return
    game = LiveQuiz(**_game_of(context, chat, klass, count), topic=topic)
    state.begin(context, game)
    await quiz.start_round(context, game)


async def _start_dice(context: QuizContext, chat: Chat, args: list[str]) -> None:
    klass = await _teachers_class(context, chat)
    if klass is None:
        return
    count, words = _count(args, DICE_ROLLS)
    if count is None or words:
        await send_html(context, chat.id, t(context.lang, "live.bad_count", most=DICE_ROLLS[1]))
        return
    game = LiveDice(**_game_of(context, chat, klass, count))
    state.begin(context, game)
    await dice.start(context, game)


async def _stop(context: QuizContext, chat: Chat) -> None:
    game = state.running(context, chat.id)
    visitor = context.visitor
    assert visitor is not None
    if game is None:
        await send_html(context, chat.id, t(context.lang, "live.nothing_to_stop"))
        return
    if visitor.id != game.teacher_id:
        await send_html(context, chat.id, t(context.lang, "live.only_teacher"))
        return
    await stop_game(context, game)


async def stop_game(context: QuizContext, game: LiveGame) -> None:
    """End the game now: a quiz round in progress shows its results, then the final board."""
    if isinstance(game, LiveQuiz):
        current = game.current
        if current is not None and current.open:
            game.total = current.number  # the open round becomes the last one
            await quiz.end_round(context, game, current.number)
            return
        state.finish(context, game)
        if current is not None:  # between rounds: its Next button goes
            await state.edit_html(
                context, game.chat_id, current.card_message_id, quiz.results_text(game, current)
            )
        await send_html(context, game.chat_id, quiz.leaderboard_text(game))
        return
    assert isinstance(game, LiveDice)
    state.finish(context, game)
    game.total = len(game.rolls)
    await dice.edit_board(context, game)
    await send_html(context, game.chat_id, t(game.lang, "live.stopped"))


# ---------------------------------------------------------------- buttons and poll answers


async def on_button(update: Update, context: QuizContext) -> None:
    """`lv:<action>:<game sid>[:<more>]`; a press on another game's message is stale."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None or query.from_user is None:
        return
    parts = (query.data or "").split(":")
    game = state.running(context, chat.id)
    sid = _int(parts[2]) if len(parts) > 2 else None
    if game is None or sid != game.sid:
        await query.answer(t(context.lang, "live.answer.stale"))
        return
    reply = await _press(context, game, parts[1], parts[3:], query.from_user)
    await query.answer(
        t(game.lang, reply, **_belief_values(game, query.from_user.id)) if reply else None
    )


def _belief_values(game: LiveGame, user_id: int) -> dict[str, str]:
    if isinstance(game, LiveDice) and user_id in game.beliefs:
        return {"belief": t(game.lang, f"live.belief.{game.beliefs[user_id]}")}
    return {}


async def _press(
    context: QuizContext, game: LiveGame, action: str, rest: list[str], user: User
) -> str | None:
    """Carry out a press; the text key of what to tell the presser (None: nothing)."""
    number = _int(rest[0]) if rest else None
    teacher = user.id == game.teacher_id
    if isinstance(game, LiveQuiz):
        if action == "a" and len(rest) == 2 and number is not None:
            option = _int(rest[1])
            if option is None:
                return "live.answer.stale"
            return await quiz.answer(context, game, number, user, option, by_poll=False)
        if action in ("stop", "next") and number is not None:
            if not teacher:
                return "live.answer.teacher_only"
            if action == "stop":
                await quiz.end_round(context, game, number)
            elif number == len(game.rounds) + 1 and not game.rounds[-1].open:
                await _next_round(context, game)
            return None
    if isinstance(game, LiveDice):
        if action == "b" and len(rest) == 1 and rest[0] in dice.BELIEFS:
            return await dice.choose_belief(context, game, user, rest[0])
        if action in ("roll", "end") and not teacher:
            return "live.answer.teacher_only"
        if action == "roll" and number is not None:
            await dice.roll(context, game, number)
            return None
        if action == "end":
            await stop_game(context, game)
            return None
    return "live.answer.stale"


async def _next_round(context: QuizContext, game: LiveQuiz) -> None:
    """The teacher moves on: the previous round's Next button goes, the next question comes."""
    previous = game.rounds[-1]
    await state.edit_html(
        context, game.chat_id, previous.card_message_id, quiz.results_text(game, previous)
    )
    await quiz.start_round(context, game)


async def on_poll_answer(update: Update, context: QuizContext) -> None:
    answer = update.poll_answer
    if answer is None or answer.user is None or not answer.option_ids:
        return  # an anonymous voter or a retracted vote: quiz answers are final anyway
    chat_id = state.polls_of(context).get(answer.poll_id)
    game = state.running(context, chat_id) if chat_id is not None else None
    if not isinstance(game, LiveQuiz):
        return
    number = next((r.number for r in game.rounds if r.poll_id == answer.poll_id), None)
    if number is not None:
        await quiz.answer(context, game, number, answer.user, answer.option_ids[0], by_poll=True)


# ---------------------------------------------------------------- the bot in groups


async def on_my_chat_member(update: Update, context: QuizContext) -> None:
    """Added to a group: a short hello saying how to start. Removed: the group is unbound
    and any game there ends (nothing can be sent there any more)."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type not in GROUP_TYPES:
        return
    old, new = change.old_chat_member.status, change.new_chat_member.status
    gone = (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if new in gone:
        game = state.running(context, change.chat.id)
        if game is not None:
            state.finish(context, game)
        async with writing(context) as session:
            await games.unbind_group(session, change.chat.id)
            await session.commit()
        return
    if old in gone:
        await send_html(context, change.chat.id, t(context.lang, "live.greeting"))


async def on_migrated(update: Update, context: QuizContext) -> None:
    """A group that became a supergroup gets a new id: the binding moves with it."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None or update.effective_chat is None:
        return
    async with writing(context) as session:
        await games.move_group(session, update.effective_chat.id, message.migrate_to_chat_id)
        await session.commit()


def _int(text: str) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    return int(text)

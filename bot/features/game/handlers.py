"""Telegram handlers of /game: they read the update, check who is pressing what, and call
`service`. The game is played in a private chat; in a group /game points to the private chat."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, BaseHandler

from bot.context import QuizContext
from bot.features.game import service
from bot.features.student.service import send_html
from bot.texts import t

_INT_LIMIT = 12  # digits in an id from button data ("-1", "1_0", "²" are not ids)


# ---------------------------------------------------------------- commands


async def on_game(update: Update, context: QuizContext) -> None:
    if update.effective_chat is None or context.visitor is None:
        return
    await service.show_intro(context, update.effective_chat.id, context.visitor)


async def on_game_in_group(update: Update, context: QuizContext) -> None:
    """/game is a private game: in a group, a link to the private chat instead of a game
    that would flood the class's chat with dice."""
    if update.effective_chat is None:
        return
    link = service.pointer_link(context.bot.username)
    lang = context.lang
    button = InlineKeyboardMarkup([[InlineKeyboardButton("🎲 /game", url=link)]])
    await send_html(
        context, update.effective_chat.id, t(lang, "game.not_in_group", link=link), button
    )


async def on_typed_belief(update: Update, context: QuizContext) -> None:
    if update.effective_chat is None or context.visitor is None or update.message is None:
        return
    game_id = service.awaited_game(context.user_data, context.now)
    if game_id is None:
        return
    text = update.message.text or ""
    await service.typed_belief(context, update.effective_chat.id, context.visitor, game_id, text)


async def forget_typed_belief(update: Update, context: QuizContext) -> None:
    """Any other command or button: the next text is not a belief any more (it may be an
    answer to /quiz)."""
    service.stop_awaiting(context)


class TypedBeliefHandler(BaseHandler[Update, QuizContext, None]):
    """Plain text in a private chat while /game waits for a typed belief (from the user's
    data, read before PTB builds a context); otherwise the text passes on untouched."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(on_typed_belief)
        self._application = application

    def check_update(self, update: object) -> bool:
        if not isinstance(update, Update) or update.message is None:
            return False
        message = update.message
        if message.chat.type != ChatType.PRIVATE or message.text is None:
            return False
        if message.text.startswith("/") or update.effective_user is None:
            return False
        data = self._application.user_data.get(update.effective_user.id)
        now = self._application.bot_data["clock"]()
        return service.awaited_game(data, now) is not None


# ---------------------------------------------------------------- buttons


async def on_button(update: Update, context: QuizContext) -> None:
    """`g:<action>[:<game id>[:<more>]]`: every id is checked against the presser's games."""
    query = update.callback_query
    if query is None:
        return
    chat, visitor = update.effective_chat, context.visitor
    if chat is None or visitor is None or chat.type != ChatType.PRIVATE or chat.id != visitor.id:
        await query.answer(t(context.lang, "fallback.stale_button"))
        return
    parts = (query.data or "").split(":")[1:]
    refusal = await _dispatch(context, chat.id, parts)
    await query.answer(t(visitor.lang, refusal) if refusal else None)


async def _dispatch(context: QuizContext, chat_id: int, parts: list[str]) -> str | None:
    """Carry out one press; the text key of a refusal when the button is stale or forged."""
    visitor = context.visitor
    assert visitor is not None
    action, args = (parts[0] if parts else ""), parts[1:]
    stale = "fallback.stale_button"
    if action == "die" and args in (["weird"], ["mystery"]):
        await service.start(context, chat_id, visitor, args[0])
        return None
    if action == "new" and not args:
        await service.show_intro(context, chat_id, visitor)
        return None
    game_id = _id(args[0]) if args else None
    if game_id is None:
        return stale
    if action == "q" and len(args) == 2:
        done = await service.choose_preset(context, chat_id, visitor, game_id, args[1])
        return None if done else stale
    if action == "roll" and len(args) == 2 and (number := _id(args[1])) is not None:
        return await service.roll(context, chat_id, visitor, game_id, number)
    if len(args) != 1:
        return stale
    handlers = {"chg": service.change_belief, "go": service.resume, "train": service.train}
    handler = handlers.get(action)
    if handler is None or not await handler(context, chat_id, visitor, game_id):
        return "game.no_game" if handler is not None else stale
    return None


def _id(text: str) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > _INT_LIMIT:
        return None
    return int(text)

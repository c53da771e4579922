"""/game — «Будь моделлю», Be the model: a student states a belief about a die, Telegram's own
🎲 is rolled, every roll costs the surprise −log q(face); after ten rolls a chart shows the
running average against the entropy H(p) and the cross-entropy H(p, q), the gap named as the
KL divergence; then a tiny model learns the die by gradient descent on cross-entropy."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import chats
from bot.features.game import handlers

# After the features (group 0): another command or another feature's button means the next
# text is no longer a typed belief. After, not before: it only has to happen before the next
# text arrives, and a group of its own would hide a handler someone else put in that group.
FORGET_GROUP = 80

NEW = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE
START_GAME = filters.Regex(r"^/start(@\w+)?\s+game\s*$")
_NOT_GAME_COMMAND = filters.COMMAND & ~filters.Regex(r"^/game(@\w+)?(\s|$)")


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0, before the student feature: a typed belief
    must be read before the student feature would take the text for a quiz answer."""
    application.add_handler(
        MessageHandler(_NOT_GAME_COMMAND, handlers.forget_typed_belief), FORGET_GROUP
    )
    application.add_handler(
        CallbackQueryHandler(handlers.forget_typed_belief, pattern=r"^(?!g:)"), FORGET_GROUP
    )
    application.add_handlers(
        [
            CommandHandler("game", handlers.on_game, filters=NEW & PRIVATE),
            CommandHandler("start", handlers.on_game, filters=NEW & PRIVATE & START_GAME),
            CommandHandler(
                "game", handlers.on_game_in_group, filters=NEW & filters.ChatType.GROUPS
            ),
            handlers.TypedBeliefHandler(application),
            chats.PrivateCallbackQueryHandler(handlers.on_button, pattern=r"^g:"),
        ]
    )

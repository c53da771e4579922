"""The learn feature: five short lessons from probability to KL divergence (/learn)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler

from bot import chats
from bot.features.learn.handlers import CALLBACK_PATTERN, learn_button, learn_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: only /learn and its own buttons, never plain
    text (that belongs to the quiz)."""
    application.add_handler(CommandHandler("learn", learn_command, filters=chats.PRIVATE))
    application.add_handler(
        chats.PrivateCallbackQueryHandler(learn_button, pattern=CALLBACK_PATTERN)
    )

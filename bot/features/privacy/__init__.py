"""The privacy feature: /forget_me deletes everything stored about the person who sends it
(after a confirm button). Where the bot talks at all (private chats only, pointers in groups)
is decided in `bot.chats` and the common guard."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler, filters

from bot import chats
from bot.features.privacy.handlers import CALLBACK_PATTERN, forget_me_button, forget_me_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the command (new messages in private chats:
    editing an old /forget_me must not ask again) and its two buttons."""
    private_command = filters.UpdateType.MESSAGE & chats.PRIVATE
    application.add_handler(CommandHandler("forget_me", forget_me_command, filters=private_command))
    application.add_handler(
        chats.PrivateCallbackQueryHandler(forget_me_button, pattern=CALLBACK_PATTERN)
    )

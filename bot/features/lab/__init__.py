"""The lab feature: type a die or a distribution, see its surprises, entropy, cross-entropy
and KL divergence (/lab)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler

from bot import chats
from bot.features.lab.handlers import CALLBACK_PATTERN, lab_button, lab_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the /lab command and its buttons only."""
    application.add_handler(CommandHandler("lab", lab_command, filters=chats.PRIVATE))
    application.add_handler(chats.PrivateCallbackQueryHandler(lab_button, pattern=CALLBACK_PATTERN))

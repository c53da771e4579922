"""The worksheet feature: printable PDF worksheets with answers for a teacher's class
(/worksheet)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler

from bot import chats
from bot.features.worksheet.handlers import CALLBACK_PATTERN, worksheet_button, worksheet_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the command and its dialog buttons, in private
    chats only (a worksheet carries its answer key)."""
    application.add_handler(CommandHandler("worksheet", worksheet_command, filters=chats.PRIVATE))
    application.add_handler(
        chats.PrivateCallbackQueryHandler(worksheet_button, pattern=CALLBACK_PATTERN)
    )

"""The worksheet feature: typeset worksheets for a teacher's class, a named variant per student
with the answer key as a separate PDF (/worksheet), and /check, with which a student types the
answers of their paper sheet to have them graded and stored."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler

from bot import chats
from bot.features.worksheet import check
from bot.features.worksheet.handlers import CALLBACK_PATTERN, worksheet_button, worksheet_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the commands and the dialogs' buttons and text,
    in private chats only (a worksheet carries its answer key)."""
    application.add_handler(CommandHandler("worksheet", worksheet_command, filters=chats.PRIVATE))
    application.add_handler(
        chats.PrivateCallbackQueryHandler(worksheet_button, pattern=CALLBACK_PATTERN)
    )
    check.register(application)

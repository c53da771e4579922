"""The worksheet feature: typeset worksheets for a teacher's class, a named variant per student
with the answer key as a separate PDF (/worksheet), and /check, with which a student types the
answers of their paper sheet to have them graded and stored."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.features.worksheet import check
from bot.features.worksheet.handlers import CALLBACK_PATTERN, worksheet_button, worksheet_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the commands and the dialogs' buttons and text."""
    application.add_handler(CommandHandler("worksheet", worksheet_command))
    application.add_handler(CallbackQueryHandler(worksheet_button, pattern=CALLBACK_PATTERN))
    check.register(application)

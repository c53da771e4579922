"""The worksheet feature: printable PDF worksheets with answers for a teacher's class
(/worksheet)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.features.worksheet.handlers import CALLBACK_PATTERN, worksheet_button, worksheet_command


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0: the command and its dialog buttons."""
    application.add_handler(CommandHandler("worksheet", worksheet_command))
    application.add_handler(CallbackQueryHandler(worksheet_button, pattern=CALLBACK_PATTERN))

"""The teacher feature: classes and joining them, teacher invitations, the class report."""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    Application,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import chats
from bot.features.teacher import dialogs, handlers

# Before the visitor loader (group -1): a new command closes any dialog of ours first.
DIALOG_RESET_GROUP = -2
# After every feature (group 0): keep each teacher's command menu in their language.
MENU_GROUP = 90

# /start with a class or invitation payload; a bare /start belongs to the student feature.
START_WITH_PAYLOAD = filters.Regex(r"^/start(@\w+)?\s+[ct]_")
# Commands act on new messages only (editing an old "/newclass 7-Б" must not make a second
# class), and only in private chats: a class report posted in a group would show every
# student's results to everyone there.
NEW = filters.UpdateType.MESSAGE & chats.PRIVATE


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0 (first there: dialogs see text before the
    student feature would take it as an answer)."""
    application.add_handler(
        MessageHandler(
            filters.COMMAND & ~filters.Regex(r"^/cancel(@\w+)?(\s|$)"), handlers.forget_dialog
        ),
        group=DIALOG_RESET_GROUP,
    )
    application.add_handlers(
        [
            CommandHandler("start", handlers.start_with_payload, filters=START_WITH_PAYLOAD & NEW),
            dialogs.DialogCancelHandler(application, handlers.dialog_cancel),
            dialogs.DialogInputHandler(application, handlers.dialog_input),
            CommandHandler("newclass", handlers.newclass, filters=NEW),
            CommandHandler("join", handlers.join_command, filters=NEW),
            CommandHandler("classes", handlers.list_classes, filters=NEW),
            CommandHandler("class", handlers.class_report, filters=NEW),
            CommandHandler("settings", handlers.settings_command, filters=NEW),
            CommandHandler("invite_teacher", handlers.invite_teacher, filters=NEW),
            chats.PrivateCallbackQueryHandler(handlers.button, pattern=r"^t:"),
        ]
    )
    application.add_handler(TypeHandler(object, handlers.keep_teacher_menu), group=MENU_GROUP)

"""The learn feature: five lessons after the talk, a picture on every page, surprise reasoned
out with buttons, and two bank questions at the end of each lesson (/learn)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot import chats
from bot.features.learn import check
from bot.features.learn.handlers import CALLBACK_PATTERN, learn_button, learn_command

# After every feature of group 0 has handled an update (the student's answer is stored by
# then), the closing-questions hook looks whether a lesson's question was just answered.
CHECK_GROUP = 3


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """/learn and its own buttons in group 0, in private chats (never plain text: that belongs
    to the quiz); the closing-questions hook in its own later group, on what can close a
    question: a message in the private chat (an answer, /skip, /cancel, /quiz) or a quiz
    button there."""
    new_private = chats.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("learn", learn_command, filters=new_private))
    application.add_handler(
        chats.PrivateCallbackQueryHandler(learn_button, pattern=CALLBACK_PATTERN)
    )
    application.add_handler(MessageHandler(new_private, check.after_answer), group=CHECK_GROUP)
    application.add_handler(
        chats.PrivateCallbackQueryHandler(check.after_answer, pattern=r"^q:"), group=CHECK_GROUP
    )


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Remember which students are in the middle of a lesson's closing questions."""
    await check.load(application)

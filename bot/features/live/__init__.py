"""/live — games in a class's group chat: the class's teacher binds the group with
`/live <code>`, then runs `/live quiz [topic] [n]` (native quiz polls or buttons, results and a
leaderboard) and `/live dice [n]` (everyone's belief against Telegram's own 🎲, one scoreboard
of total surprise). Answers of the class's students count in their progress."""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from bot.features.live import handlers


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0. The live feature comes first among the
    features: /live in a group is its command, ahead of any generic reply to commands in
    groups."""
    application.add_handlers(
        [
            CommandHandler("live", handlers.on_live, filters=filters.UpdateType.MESSAGE),
            CallbackQueryHandler(handlers.on_button, pattern=r"^lv:"),
            PollAnswerHandler(handlers.on_poll_answer),
            ChatMemberHandler(handlers.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, handlers.on_migrated),
        ]
    )

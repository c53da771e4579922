"""Raw updates Telegram sends from outside a private chat — group and supergroup messages,
channel posts, anonymous admins — and forged ones, fed to the bot with `sandbox.send_update`."""

from __future__ import annotations

import itertools
import re
from typing import Any

from bot.sandbox import SentMessage
from tests.fakes import BotHarness
from tests.fakes.harness import Chat

# Telegram's own senders in groups: anonymous admins post as this bot with `sender_chat` set
# to the group; a linked channel's posts are forwarded into its discussion group by 777000.
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                   "username": "GroupAnonymousBot"}  # fmt: skip
TELEGRAM_SERVICE = {"id": 777000, "is_bot": False, "first_name": "Telegram"}

_message_ids = itertools.count(1)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(@\w+)?")


def text_message(chat: dict[str, Any], text: str, **fields: Any) -> dict[str, Any]:
    """A message as Telegram sends it, with a bot_command entity when `text` is a command."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": 1_700_000_000,
        "chat": chat,
        "text": text,
        **fields,
    }
    command = _COMMAND.match(text)
    if command:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
    return message


class Group:
    """A class group (a supergroup by default) in which the bot is a member."""

    def __init__(
        self, h: BotHarness, chat_id: int = -1001234567890, title: str = "7-Б (клас)"
    ) -> None:
        self.h = h
        self.id = chat_id
        self.chat = {"id": chat_id, "type": "supergroup" if chat_id < -10**12 else "group",
                     "title": title}  # fmt: skip

    @property
    def messages(self) -> list[SentMessage]:
        return self.h.sandbox.messages(self.id)

    async def say(self, sender: Chat | None, text: str, **fields: Any) -> list[SentMessage]:
        """`sender` types `text` in the group (None: a message without `from`); returns what
        the bot sent in the group because of it."""
        if sender is not None:
            fields.setdefault("from", self.h.sandbox.user(sender.id))
        return await self.send({"message": text_message(self.chat, text, **fields)})

    async def send(self, update: dict[str, Any]) -> list[SentMessage]:
        before = len(self.messages)
        self.h.sandbox.send_update(update)
        await self.h.idle()
        return self.messages[before:]


def sent_anywhere(h: BotHarness) -> list[str]:
    """Every method the bot called that puts something in front of a person."""
    showing = ("send", "edit", "copy", "forward", "answercallbackquery")
    return [c.method for c in h.sandbox.calls if c.method.lower().startswith(showing)]

"""Group chats for the loopback server: a class's group with several members, the bot added
to it and removed from it (`my_chat_member` updates), and members writing there.

Like Telegram, a bot in privacy mode (`can_read_all_group_messages: false`, the default) sees
only commands meant for it (`/live` or `/live@our_bot`, never `/live@other_bot`), replies to
its own messages and service messages; other group chatter never reaches it. A bot that left
or was kicked cannot send to the group any more (403), and hears nothing from it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.sandbox.html import utf16_len
from bot.sandbox.records import ApiError

if TYPE_CHECKING:
    from bot.sandbox.server import BotApiSandbox, _Chat

GROUP_TYPES = frozenset({"group", "supergroup"})
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@([A-Za-z0-9_]{1,64}))?")
_NOT_MEMBER = frozenset({"left", "kicked"})


class GroupChats:
    """Mixed into `BotApiSandbox`: the users' side of group chats and the bot's membership."""

    def _init_groups(self: BotApiSandbox) -> None:
        self._bot_status: dict[int, str] = {}  # group id → "member" | "left" | "kicked"
        self._members: dict[int, set[int]] = {}

    # ------------------------------------------------------------------ users' side

    def create_group(
        self: BotApiSandbox, chat_id: int, title: str = "7-Б", *, kind: str = "group"
    ) -> dict[str, Any]:
        """A group chat (the bot is not in it yet: see `add_bot_to_group`). Telegram's group
        ids are negative (supergroups: -100…)."""
        if kind not in GROUP_TYPES or chat_id >= 0:
            raise ValueError("a group needs a negative id and kind 'group' or 'supergroup'")
        chat = self._chat({"id": chat_id, "type": kind, "title": title})
        self._members.setdefault(chat_id, set())
        return dict(chat.data)

    def join_group(self: BotApiSandbox, chat_id: int, user_id: int) -> None:
        """The user is (now) a member of the group: they may write, press and vote there."""
        self._group(chat_id)
        self.user(user_id)
        self._members[chat_id].add(user_id)

    def group_members(self: BotApiSandbox, chat_id: int) -> set[int]:
        return set(self._members.get(chat_id, set()))

    def add_bot_to_group(self: BotApiSandbox, chat_id: int, by_user_id: int) -> int:
        """`by_user_id` adds the bot: a `my_chat_member` update (left → member), then the
        service message with `new_chat_members`, as Telegram sends them."""
        chat = self._group(chat_id)
        self.join_group(chat_id, by_user_id)
        old = self._bot_status.get(chat_id, "left")
        self._bot_status[chat_id] = "member"
        update_id = self._membership_update(chat, by_user_id, old, "member")
        self._message_from(chat, self.user(by_user_id), {"new_chat_members": [self.bot_user]})
        return update_id

    def remove_bot_from_group(
        self: BotApiSandbox, chat_id: int, by_user_id: int, *, kicked: bool = True
    ) -> int:
        """The bot is removed (kicked) or leaves: a `my_chat_member` update; afterwards every
        send to the group fails with 403, as on Telegram."""
        chat = self._group(chat_id)
        new = "kicked" if kicked else "left"
        old = self._bot_status.get(chat_id, "member")
        self._bot_status[chat_id] = new
        return self._membership_update(chat, by_user_id, old, new)

    def send_group_text(
        self: BotApiSandbox,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to: int | None = None,
    ) -> int:
        """A member writes in the group; returns the message_id. The bot receives it only if
        Telegram would deliver it to a bot in privacy mode."""
        chat = self._group(chat_id)
        self.join_group(chat_id, user_id)
        content: dict[str, Any] = {"text": text}
        command = _COMMAND.match(text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        if reply_to is not None:
            replied = chat.messages.get(reply_to)
            if replied is None:
                raise LookupError(f"no message {reply_to} in group {chat_id}")
            content["reply_to_message"] = replied
        deliver = self._bot_hears(chat, text, reply_to)
        return self._message_from(chat, self.user(user_id), content, deliver=deliver)

    def check_member(self: BotApiSandbox, chat_id: int, user_id: int) -> None:
        """Only members act in a group (a test that forgot to add someone fails loudly)."""
        if user_id not in self._members.get(chat_id, set()):
            raise LookupError(f"user {user_id} is not a member of group {chat_id}")

    # ------------------------------------------------------------------ the bot's side

    def _check_bot_can_post(self: BotApiSandbox, chat: _Chat) -> None:
        """403 like Telegram when the bot left or was kicked from the group."""
        status = self._bot_status.get(chat.id)
        if status not in _NOT_MEMBER:
            return  # a member, or a group made by a raw update (assumed to include the bot)
        kind = chat.data.get("type", "group")
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")

    # ------------------------------------------------------------------ plumbing

    def _group(self: BotApiSandbox, chat_id: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None or chat.data.get("type") not in GROUP_TYPES:
            raise LookupError(f"no group {chat_id}: create it with create_group()")
        self._members.setdefault(chat_id, set())
        return chat

    def _bot_hears(self: BotApiSandbox, chat: _Chat, text: str, reply_to: int | None) -> bool:
        if self._bot_status.get(chat.id) in _NOT_MEMBER:
            return False
        if self.bot_user.get("can_read_all_group_messages"):
            return True
        command = _COMMAND.match(text)
        if command:
            addressee = command.group(1)
            return addressee is None or addressee.lower() == self.bot_user["username"].lower()
        if reply_to is not None and reply_to in chat.bot_message_ids:
            return True
        return f"@{self.bot_user['username']}".lower() in text.lower()

    def _membership_update(
        self: BotApiSandbox, chat: _Chat, by_user_id: int, old: str, new: str
    ) -> int:
        def member(status: str) -> dict[str, Any]:
            entry: dict[str, Any] = {"user": self.bot_user, "status": status}
            if status == "kicked":
                entry["until_date"] = 0
            return entry

        update = {
            "my_chat_member": {
                "chat": dict(chat.data),
                "from": self.user(by_user_id),
                "date": int(self.clock()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        }
        return self._enqueue(update)

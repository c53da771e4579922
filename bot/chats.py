"""Where the bot talks. Everything personal — a student's questions and progress, a teacher's
class reports, names and answer keys — happens only in the private chat between a person and
the bot. In a group the bot answers commands with a pointer to that private chat (features may
add commands meant for groups, such as a live quiz, before the pointer's catch-all); updates
that come from no person (channel posts, anonymous group admins, a channel's automatic
forwards) and private chats that cannot be real are ignored before any handler sees them."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, filters

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS

NO_USER = "no user"
FORGED_PRIVATE_CHAT = "forged private chat"


def refusal(update: Update) -> str | None:
    """Why no handler may act on this update, or None when it comes from a person.

    - NO_USER: something in a chat with nobody to answer or to check a role for — a channel
      post, a message sent on behalf of a chat (`sender_chat`: anonymous group admins, a
      linked channel's automatic forward), a message without `from`, or one from a bot.
    - FORGED_PRIVATE_CHAT: in a private chat the chat id is the user's id; an update that says
      otherwise did not come from Telegram, and acting on it would answer one person's request
      in another person's chat (or with another person's role)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None:
        # Updates about no chat at all (a poll's new state) are not posts; features that
        # want them read them, the rest ignore them.
        return NO_USER if chat is not None else None
    if user.is_bot or (message is not None and message.sender_chat is not None):
        return NO_USER
    if chat is not None and chat.type == ChatType.PRIVATE and chat.id != user.id:
        return FORGED_PRIVATE_CHAT
    return None


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def private_chat_link(bot_username: str) -> str:
    """The link that opens the private chat with the bot."""
    return f"https://t.me/{bot_username}"


def command_of(text: str | None) -> tuple[str, str | None]:
    """`/Class@Quiz_Bot 7B` → ("class", "quiz_bot"); `/quiz` → ("quiz", None)."""
    word = (text or "").split(maxsplit=1)[0] if (text or "").strip() else ""
    name, _, addressee = word.removeprefix("/").partition("@")
    return name.lower(), (addressee.lower() or None)


def addressed_to_us(text: str | None, bot_username: str) -> bool:
    """Whether a command in a group is for this bot: `/cmd` or `/cmd@<this bot>`, not
    `/cmd@some_other_bot` (several bots share class groups)."""
    _, addressee = command_of(text)
    return addressee is None or addressee == bot_username.lower()


class PrivateCallbackQueryHandler(CallbackQueryHandler[Any, Any]):
    """A feature's buttons work only in private chats. No feature ever puts its buttons into a
    group, so a press there is forged data (any client can send any callback data for any
    message with a keyboard) and must not post, say, a class report into the group; it falls
    through to the common "this button no longer works"."""

    def check_update(self, update: object) -> bool | object | None:
        if not isinstance(update, Update) or not is_private(update):
            return False
        return super().check_update(update)

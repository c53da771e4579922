"""What a test sees of one chat with the bot (a user's private chat or a group): the bot's
messages there, as sent and as they stand now, and acting then waiting until the bot is idle."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.sandbox import SentMessage

if TYPE_CHECKING:
    from tests.fakes.harness import BotHarness


class ChatView:
    harness: BotHarness
    id: int

    @property
    def messages(self) -> list[SentMessage]:
        """Everything the bot sent or edited here, in order (an edit is a new snapshot)."""
        return self.harness.sandbox.messages(self.id)

    @property
    def last(self) -> SentMessage:
        messages = self.messages
        if not messages:
            raise AssertionError(f"the bot has sent nothing to {self!r}")
        return messages[-1]

    def current(self, message_id: int) -> SentMessage | None:
        """The message as it stands now (after edits, votes and closing; None if deleted)."""
        return self.harness.sandbox.message(self.id, message_id)

    async def _act(self, action: Callable[[], object]) -> list[SentMessage]:
        """Do `action`, wait until the bot is idle, return what it sent or edited here."""
        before = len(self.messages)
        action()
        await self.harness.idle()
        return self.messages[before:]

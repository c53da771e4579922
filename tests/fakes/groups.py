"""A class's group chat in tests: members (harness `Chat`s) write there, press the bot's
buttons and answer its polls; each action waits until the bot is idle and returns what the
bot sent or edited in the group because of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox import SentMessage
from tests.fakes.views import ChatView

if TYPE_CHECKING:
    from tests.fakes.harness import BotHarness, Chat


class Group(ChatView):
    """One group chat with the bot's sandbox behind it."""

    def __init__(
        self, harness: BotHarness, chat_id: int, title: str, *, kind: str = "group"
    ) -> None:
        self.harness = harness
        self.id = chat_id
        self.title = title
        harness.sandbox.create_group(chat_id, title, kind=kind)
        self._last_query: dict[int, str] = {}

    def __repr__(self) -> str:
        return f"Group({self.id}, {self.title!r})"

    def answer_to(self, member: Chat) -> dict[str, Any] | None:
        """The answerCallbackQuery parameters for the member's last press in this group."""
        query_id = self._last_query.get(member.id)
        for answer in reversed(self.harness.sandbox.callback_answers):
            if str(answer.get("callback_query_id")) == query_id:
                return answer
        return None

    # ------------------------------------------------------------------ acting

    def join(self, *members: Chat) -> None:
        for member in members:
            self.harness.sandbox.join_group(self.id, member.id)

    async def add_bot(self, by: Chat) -> list[SentMessage]:
        return await self._act(lambda: self.harness.sandbox.add_bot_to_group(self.id, by.id))

    async def remove_bot(self, by: Chat, *, kicked: bool = True) -> list[SentMessage]:
        return await self._act(
            lambda: self.harness.sandbox.remove_bot_from_group(self.id, by.id, kicked=kicked)
        )

    async def say(self, member: Chat, text: str) -> list[SentMessage]:
        sandbox = self.harness.sandbox
        return await self._act(lambda: sandbox.send_group_text(self.id, member.id, text))

    async def press(
        self, member: Chat, message: SentMessage | int, label_or_data: str
    ) -> list[SentMessage]:
        """The member presses a button the message shows now (by label, data or part of a
        label)."""
        message_id = message if isinstance(message, int) else message.message_id
        current = self.current(message_id)
        if current is None:
            raise AssertionError(f"message {message_id} is not (or no longer) in {self!r}")
        _label, data = current.button(label_or_data)
        if data is None:
            raise AssertionError(f"button {label_or_data!r} has no callback data")
        return await self.press_data(member, message_id, data)

    async def press_data(self, member: Chat, message_id: int, data: str) -> list[SentMessage]:
        def press() -> None:
            self.harness.sandbox.check_member(self.id, member.id)
            query_id = self.harness.sandbox.press(member.id, message_id, data, chat_id=self.id)
            self._last_query[member.id] = query_id

        return await self._act(press)

    async def answer_poll(
        self, member: Chat, message: SentMessage | int, option: int | list[int]
    ) -> list[SentMessage]:
        message_id = message if isinstance(message, int) else message.message_id
        options = [option] if isinstance(option, int) else option
        return await self._act(
            lambda: self.harness.sandbox.answer_poll(member.id, self.id, message_id, options)
        )

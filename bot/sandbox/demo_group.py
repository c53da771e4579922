"""The demo's class group: `:group` in `python -m bot demo` moves the conversation into a
group chat of your class with a few simulated classmates, so /live games can be tried alone.

The classmates are ordinary sandbox users. When the group is set up they join your newest
class with /join in their own private chats (through the real bot, so their answers count
like a real class's), and afterwards they play along: each answers every open quiz poll
(`poll_answer`), presses an answer button of a quiz round asked with buttons, and picks a
belief on a dice board — once each, at random but reproducibly (seeded)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.polls import PollAnswerRefused
from bot.sandbox.records import SentMessage
from bot.sandbox.server import BotApiSandbox

GROUP_ID = -1001000000001
GROUP_TITLE = {"uk": "7-Б · демо", "en": "Class 7B · demo"}
CLASSMATES = {
    "uk": ((2001, "Софія"), (2002, "Петро"), (2003, "Іра")),
    "en": ((2001, "Alice"), (2002, "Ben"), (2003, "Chloe")),
}


@dataclass
class ClassGroup:
    """The group, its classmates and what they have already done."""

    sandbox: BotApiSandbox
    lang: str
    seed: int = 7
    done: set[tuple[int, int, int]] = field(default_factory=set)  # (user, message, edit no.)
    joined: set[tuple[int, int]] = field(default_factory=set)  # (user, message) boards

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def chat_id(self) -> int:
        return GROUP_ID

    @property
    def classmates(self) -> tuple[tuple[int, str], ...]:
        return CLASSMATES[self.lang]

    def create(self, you: int) -> None:
        """The group with you and the classmates in it, and the bot added by you."""
        self.sandbox.create_group(GROUP_ID, GROUP_TITLE[self.lang])
        self.sandbox.join_group(GROUP_ID, you)
        for user_id, name in self.classmates:
            self.sandbox.user(user_id, name, self.lang)
            self.sandbox.join_group(GROUP_ID, user_id)
        self.sandbox.add_bot_to_group(GROUP_ID, you)

    def join_class(self, code: str) -> None:
        """Each classmate sends /join <code> in their private chat with the bot."""
        for user_id, _name in self.classmates:
            self.sandbox.send_text(user_id, f"/join {code}")

    def react(self) -> int:
        """The classmates answer whatever the bot has just asked in the group; returns how
        many actions they took (0: nothing new to answer)."""
        actions = 0
        for message in self._current_messages():
            actions += self._answer_poll(message) + self._press_buttons(message)
        return actions

    def _current_messages(self) -> list[SentMessage]:
        shown: dict[int, SentMessage] = {}
        for message in self.sandbox.messages(GROUP_ID):
            current = self.sandbox.message(GROUP_ID, message.message_id)
            if current is not None:
                shown[message.message_id] = current
        return list(shown.values())

    def _answer_poll(self, message: SentMessage) -> int:
        poll: dict[str, Any] | None = message.poll
        if poll is None or poll["is_closed"]:
            return 0
        actions = 0
        for user_id, _name in self.classmates:
            key = (user_id, message.message_id, 0)
            if key in self.done:
                continue
            self.done.add(key)
            option = self.rng.randrange(len(poll["options"]))
            try:
                self.sandbox.answer_poll(user_id, GROUP_ID, message.message_id, [option])
            except PollAnswerRefused:
                continue
            actions += 1
        return actions

    def _press_buttons(self, message: SentMessage) -> int:
        answers = [data for data in message.callback_data if data.startswith("lv:a:")]
        beliefs = [data for data in message.callback_data if data.startswith("lv:b:")]
        actions = 0
        for user_id, _name in self.classmates:
            if answers and (user_id, message.message_id, 1) not in self.done:
                self.done.add((user_id, message.message_id, 1))
                self.sandbox.press(
                    user_id, message.message_id, self.rng.choice(answers), chat_id=GROUP_ID
                )
                actions += 1
            if beliefs and (user_id, message.message_id) not in self.joined:
                self.joined.add((user_id, message.message_id))
                self.sandbox.press(
                    user_id, message.message_id, self.rng.choice(beliefs), chat_id=GROUP_ID
                )
                actions += 1
        return actions

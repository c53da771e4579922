"""Shared set-up for the /live tests: a class made through the bot, its students (with
surnames, so tests can check that the group never sees one), and its group chat with the bot
in it, bound by the teacher."""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox import SentMessage
from tests.fakes import BotHarness, Chat, Group
from tests.test_teacher import create_class

STUDENTS = (("Оля", "Шевченко"), ("Петро", "Коваленко"), ("Іра", "Бондар"), ("Марко", "Ткач"))


@dataclass
class ClassGroup:
    teacher: Chat
    code: str
    group: Group
    students: list[Chat]
    surnames: list[str]


async def class_group(
    h: BotHarness,
    *,
    chat_id: int = -100500,
    students: tuple[tuple[str, str], ...] = STUDENTS,
    first_id: int = 6001,
    bind: bool = True,
) -> ClassGroup:
    teacher = h.teacher()
    code = await create_class(teacher)
    chats = []
    for offset, (first, last) in enumerate(students):
        student = h.user(first_id + offset, first, "uk", last_name=last, username=f"{last}_x")
        await student.say(f"/join {code}")
        chats.append(student)
    group = h.group(chat_id, "7-Б")
    group.join(teacher, *chats)
    await group.add_bot(teacher)
    if bind:
        await group.say(teacher, f"/live {code}")
    return ClassGroup(teacher, code, group, chats, [last for _, last in students])


def data_of(message: SentMessage, prefix: str) -> str:
    """The callback data of the message's one button whose data starts with `prefix`."""
    [data] = [data for data in message.callback_data if data.startswith(prefix)]
    return data


def belief_data(board: SentMessage, key: str) -> str:
    """The data of the dice board's belief button `key` ("fair", "weird"…)."""
    [data] = [d for d in board.callback_data if d.startswith("lv:b:") and d.endswith(f":{key}")]
    return data


def assert_first_names_only(cg: ClassGroup, *extra: str) -> None:
    """No group message (nor any edit of one) shows a surname, a username or `extra` text."""
    forbidden = [*cg.surnames, *(f"{name}_x" for name in cg.surnames), *extra]
    for message in cg.group.messages:
        shown = message.text + " " + " ".join(message.labels)
        for word in forbidden:
            assert word not in shown, (word, message.text)

"""Inline keyboards of the homework feature. Callback data: `hw:<action>:<args>`, ≤ 64 bytes
(a class code ≤ 16 characters, a topic ≤ 13, a count ≤ 2 digits)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.homework import schedule
from bot.features.homework.service import COUNT_CHOICES, HOMEWORK_TOPICS, topic_name
from bot.texts import t
from db.models import Class

MAX_CLASS_BUTTONS = 20


def start_button(lang: str, homework_id: int, *, started: bool = False) -> InlineKeyboardMarkup:
    key = "hw.button.continue" if started else "hw.button.start"
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, key), callback_data=f"hw:start:{homework_id}")]]
    )


def continue_buttons(lang: str, items: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    """One "continue" button per open homework: (homework id, its topic)."""
    if not items:
        return None
    rows = [
        [
            InlineKeyboardButton(
                f"{t(lang, 'hw.button.continue')}: {topic_name(lang, topic)}",
                callback_data=f"hw:start:{homework_id}",
            )
        ]
        for homework_id, topic in items[:10]
    ]
    return InlineKeyboardMarkup(rows)


def classes(classes: Sequence[Class], action: str) -> InlineKeyboardMarkup:
    """A button per class; `action` is `a:c` (assign) or `l` (list homework)."""
    rows = [
        [
            InlineKeyboardButton(
                f"{class_.name[:40]} · {class_.code}", callback_data=f"hw:{action}:{class_.code}"
            )
        ]
        for class_ in classes[:MAX_CLASS_BUTTONS]
    ]
    return InlineKeyboardMarkup(rows)


def topics(lang: str, code: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(topic_name(lang, topic), callback_data=f"hw:a:t:{code}:{topic}")
        for topic in HOMEWORK_TOPICS
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def counts(code: str, topic: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(str(n), callback_data=f"hw:a:n:{code}:{topic}:{n}")
                for n in COUNT_CHOICES
            ]
        ]
    )


def due_times(lang: str, code: str, topic: str, count: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, f"hw.quick.{key}"), callback_data=f"hw:a:d:{code}:{topic}:{count}:{key}"
                )
            ]
            for key in schedule.QUICK_DUES
        ]
    )

"""Inline keyboards of the student feature.

Callback data (always ≤ 64 bytes, never trusted — handlers re-check everything):
- `q:hint:<seed>` / `q:skip:<seed>`  on a question; the seed names the question, so a press on
  an older question's message is recognised as stale instead of acting on the current one
- `q:c:<seed>:<index>`  an answer button: the index of the chosen label (never the label itself,
  which may be long or Cyrillic), at most 24 bytes
- `q:next:<topic>` / `q:next:<topic>:<homework_id>`  a new question after feedback
- `q:topic:<topic>`  a topic chosen from the list; `q:topics` shows the list
- `q:lang:<uk|en>`, `q:help`, `q:progress`
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import t
from quiz.questions import TOPICS

MIXED = "mixed"
PREFIX = "q:"


def question_keyboard(
    lang: str, seed: int, choices: tuple[str, ...] | None = None
) -> InlineKeyboardMarkup:
    """Hint and Skip; a question answered by choosing gets one button per answer above them."""
    rows = [
        [InlineKeyboardButton(label, callback_data=f"q:c:{seed}:{index}")]
        for index, label in enumerate(choices or ())
    ]
    rows.append(
        [
            InlineKeyboardButton(t(lang, "button.hint"), callback_data=f"q:hint:{seed}"),
            InlineKeyboardButton(t(lang, "button.skip"), callback_data=f"q:skip:{seed}"),
        ]
    )
    return InlineKeyboardMarkup(rows)


def next_keyboard(lang: str, topic: str, homework_id: int | None = None) -> InlineKeyboardMarkup:
    data = f"q:next:{topic}" if homework_id is None else f"q:next:{topic}:{homework_id}"
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(lang, "button.next"), callback_data=data)],
            [
                InlineKeyboardButton(t(lang, "button.other_topic"), callback_data="q:topics"),
                InlineKeyboardButton(t(lang, "button.progress"), callback_data="q:progress"),
            ],
        ]
    )


def topics_keyboard(lang: str) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(t(lang, f"topic.{topic}"), callback_data=f"q:topic:{topic}")]
        for topic in (*TOPICS, MIXED)
    ]
    return InlineKeyboardMarkup(rows)


def start_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(lang, "button.begin"), callback_data="q:topics")],
            [InlineKeyboardButton(t(lang, "button.help"), callback_data="q:help")],
        ]
    )


def begin_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "button.begin"), callback_data="q:topics")]]
    )


def language_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "button.lang_uk"), callback_data="q:lang:uk"),
                InlineKeyboardButton(t(lang, "button.lang_en"), callback_data="q:lang:en"),
            ]
        ]
    )

"""Inline keyboards of the student feature.

Callback data (always ≤ 64 bytes, never trusted — handlers re-check everything):
- `q:hint:<seed>` / `q:skip:<seed>`  on a question; the seed names the question, so a press on
  an older question's message is recognised as stale instead of acting on the current one
  (after the last hint, `q:hint` gives the solution and the button says so)
- `q:c:<seed>:<index>`  an answer button: the index of the chosen label (never the label itself,
  which may be long or Cyrillic; at most 24 bytes), graded like the label typed
- `q:next:<topic>` / `q:next:<topic>:<homework_id>`  a new question after feedback
- `q:go`  the guided question (reviews due, then the path), as /quiz alone; `q:fresh` the same
  even when a question is open (it is replaced); `q:resume:<seed>` the open question again
- `q:topic:<topic>`  a topic chosen from the list; `q:topics` shows the list
- `q:lang:<uk|en>`, `q:help`, `q:progress`
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import t
from quiz.questions import TOPICS

MIXED = "mixed"
PREFIX = "q:"


def question_keyboard(
    lang: str,
    seed: int,
    choices: Sequence[str] | None = None,
    *,
    solution_next: bool = False,
    hidden: Collection[int] = (),
) -> InlineKeyboardMarkup:
    """A multiple-choice question's options, one per row (`hidden`: options already tried),
    then Hint (or, once every hint was shown, the solution) and Skip."""
    hint = t(lang, "button.solution" if solution_next else "button.hint")
    rows = [
        [InlineKeyboardButton(label, callback_data=f"q:c:{seed}:{index}")]
        for index, label in enumerate(choices or ())
        if index not in hidden
    ]
    rows.append(
        [
            InlineKeyboardButton(hint, callback_data=f"q:hint:{seed}"),
            InlineKeyboardButton(t(lang, "button.skip"), callback_data=f"q:skip:{seed}"),
        ]
    )
    return InlineKeyboardMarkup(rows)


def next_keyboard(
    lang: str, topic: str, homework_id: int | None = None, *, guided: bool = False
) -> InlineKeyboardMarkup:
    """After feedback: the next question the way this one was asked (homework, the same
    topic, or along the path), another topic, progress."""
    if guided and homework_id is None:
        data = "q:go"
    elif homework_id is None:
        data = f"q:next:{topic}"
    else:
        data = f"q:next:{topic}:{homework_id}"
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


def resume_keyboard(lang: str, seed: int) -> InlineKeyboardMarkup:
    """Continue the open question, or a new one instead."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "button.continue"), callback_data=f"q:resume:{seed}"),
                InlineKeyboardButton(t(lang, "button.new_question"), callback_data="q:fresh"),
            ]
        ]
    )


def progress_keyboard(lang: str, label: str) -> InlineKeyboardMarkup:
    """/progress: start what it says to do next, or choose a topic."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data="q:go")],
            [InlineKeyboardButton(t(lang, "button.other_topic"), callback_data="q:topics")],
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

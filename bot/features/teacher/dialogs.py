"""Short guided dialogs: after "send the class name" or "send the class code", the next plain
text of that user is the answer — unless they send a command first, wait too long, or cancel.

The state lives in `user_data` (a dialog is a moment; losing one in a restart is harmless).
A custom handler reads it in `check_update`, so the teacher feature, registered first in
group 0, takes the awaited text before the student feature would grade it as an answer;
with no dialog open the text passes on untouched."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, BaseHandler

from bot.context import QuizContext

PENDING = "teacher.pending"
DIALOG_TTL = timedelta(minutes=10)
MAX_TRIES = 3  # wrong answers in a row before we stop reading text as the awaited input
NEWCLASS = "newclass"
JOIN = "join"

_CANCEL = re.compile(r"^/cancel(@\w+)?(\s|$)", re.IGNORECASE)

Callback = Callable[[Update, QuizContext], Coroutine[Any, Any, None]]


def open_dialog(context: QuizContext, kind: str, tries: int = 0) -> None:
    """Wait for the user's next text; `tries` counts the wrong answers given so far."""
    context.user_data[PENDING] = {"kind": kind, "until": context.now + DIALOG_TTL, "tries": tries}


def close_dialog(context: QuizContext) -> tuple[str | None, int]:
    """Forget the open dialog; returns its kind (None when there was none) and its tries."""
    user_data = context.user_data  # None for an update without a user
    state = user_data.pop(PENDING, None) if user_data is not None else None
    return (state["kind"], state["tries"]) if state else (None, 0)


def _open_kind(
    application: Application[Any, Any, Any, Any, Any, Any], update: object
) -> str | None:
    if not isinstance(update, Update) or update.effective_user is None:
        return None
    data = application.user_data.get(update.effective_user.id)
    state = data.get(PENDING) if data else None
    if not state:
        return None
    now: datetime = application.bot_data["clock"]()
    if now > state["until"]:
        return None
    return str(state["kind"])


class _DialogHandler(BaseHandler[Update, QuizContext, None]):
    """A handler that fires only while one of our dialogs is open for the sender: it reads
    the dialog state from the application's user data, before PTB builds a context."""

    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any], callback: Callback
    ) -> None:
        super().__init__(callback)
        self._application = application

    def _dialog_open(self, update: Update) -> bool:
        return _open_kind(self._application, update) is not None


class DialogInputHandler(_DialogHandler):
    """Plain text while one of our dialogs waits for it (commands never count as input)."""

    def check_update(self, update: object) -> bool:
        if not isinstance(update, Update) or update.message is None:
            return False
        if update.message.chat.type != ChatType.PRIVATE:
            return False
        text = update.message.text
        if text is None or text.startswith("/"):
            return False
        return self._dialog_open(update)


class DialogCancelHandler(_DialogHandler):
    """/cancel while one of our dialogs is open (otherwise /cancel belongs to others)."""

    def check_update(self, update: object) -> bool:
        if not isinstance(update, Update) or update.message is None:
            return False
        text = update.message.text or ""
        return bool(_CANCEL.match(text)) and self._dialog_open(update)


def is_cancel(text: str) -> bool:
    return bool(_CANCEL.match(text))

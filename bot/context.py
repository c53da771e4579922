"""The context every handler receives: the settings, the database, the clock, and the
`visitor` (who sent this update, in which language, with which role), loaded once per update
by a pre-handler in group -1."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from db.models import utcnow
from db.session import Database

if TYPE_CHECKING:
    from db.models import User
    from db.repositories.users import Known

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Visitor:
    """Who sent the current update, as the database knows them after this update."""

    id: int
    first_name: str
    lang: str
    role: str
    is_admin: bool

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher" or self.is_admin

    @classmethod
    def from_user(cls, user: User | Known, lang: str) -> Visitor:
        return cls(
            id=user.id,
            first_name=user.first_name,
            lang=lang,
            role=user.role,
            is_admin=user.is_admin,
        )


# The visitor of the update this task handles: PTB builds the error handler a context of its
# own, and the apology must still be in the visitor's language.
_visitor: ContextVar[Visitor | None] = ContextVar("visitor", default=None)


def remember_visitor(visitor: Visitor) -> None:
    _visitor.set(visitor)


def current_visitor() -> Visitor | None:
    return _visitor.get()


class QuizContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB creates one context per update and shares it across handler groups, so the visitor
    loaded in group -1 is there for the handler that answers."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.visitor: Visitor | None = None

    @property
    def settings(self) -> Settings:
        return self.bot_data["settings"]

    @property
    def db(self) -> Database:
        return self.bot_data["db"]

    @property
    def now(self) -> datetime:
        """The current UTC time from the injectable clock (tests move it by hand)."""
        clock: Clock = self.bot_data.get("clock", utcnow)
        return clock()

    @property
    def lang(self) -> str:
        visitor = self.visitor or _visitor.get()
        if visitor is not None:
            return visitor.lang
        return self.settings.default_language

"""All tables. Each feature keeps its models in its own module; import them all here so that
`Base.metadata` is complete for Alembic and for tests."""

from db.models.base import MAX_BIG_INTEGER, MAX_INTEGER, Base, utcnow
from db.models.classes import Class, Invite, Membership
from db.models.core import Attempt, OpenQuestion, User
from db.models.games import Game, GameRoll, LiveGroup
from db.models.homework import Homework, HomeworkProgress, Reminder
from db.models.learning import LevelMastery, ReviewReminder, TopicLevel
from db.models.lessons import LessonProgress
from db.models.messaging import InboxUpdate, OutboxMessage, Replica
from db.models.worksheets import Worksheet, WorksheetAnswer, WorksheetVariant

__all__ = [
    "MAX_BIG_INTEGER",
    "MAX_INTEGER",
    "Attempt",
    "Base",
    "Class",
    "Game",
    "GameRoll",
    "Homework",
    "HomeworkProgress",
    "InboxUpdate",
    "Invite",
    "LessonProgress",
    "LevelMastery",
    "LiveGroup",
    "Membership",
    "OpenQuestion",
    "OutboxMessage",
    "Reminder",
    "Replica",
    "ReviewReminder",
    "TopicLevel",
    "User",
    "Worksheet",
    "WorksheetAnswer",
    "WorksheetVariant",
    "utcnow",
]

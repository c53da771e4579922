"""The student feature: /start, /help, /lang, /quiz, answers, /hint, /skip, /cancel,
/progress. `service.ask_question` is the entry point other features use to pose a question."""

from bot.features.student.handlers import register

__all__ = ["register"]

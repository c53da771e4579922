"""The homework feature: /assign, /homework, /homeworks, notices, reminders and summaries."""

from __future__ import annotations

from bot.features.homework.handlers import on_startup, register

__all__ = ["on_startup", "register"]

"""The worksheet feature."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add this feature's handlers to group 0."""

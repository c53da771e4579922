"""The class dashboard: a Telegram Mini App that the bot serves itself (see `server`).
Its buttons live in the teacher feature (/class, /classes); this feature runs the web server
for as long as the Application runs."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.features.dashboard import server

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def register(application: AnyApplication) -> None:
    """No handlers: teachers reach the dashboard through the teacher feature's buttons."""


async def on_startup(application: AnyApplication) -> None:
    await server.start(application)


async def on_shutdown(application: AnyApplication) -> None:
    await server.stop(application)

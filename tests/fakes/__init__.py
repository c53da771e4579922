"""Test-only helpers: the real bot driven through the loopback Bot API server."""

from bot.sandbox import ApiCall, BotApiSandbox, SentMessage
from tests.fakes.harness import ADMIN_ID, BOT_USERNAME, TOKEN, BotHarness, Chat, harness_settings

__all__ = [
    "ADMIN_ID",
    "BOT_USERNAME",
    "TOKEN",
    "ApiCall",
    "BotApiSandbox",
    "BotHarness",
    "Chat",
    "SentMessage",
    "harness_settings",
]

"""Test-only helpers: the real bot driven through the loopback Bot API server."""

from bot.sandbox import ApiCall, BotApiSandbox, SentMessage
from tests.fakes.groups import Group
from tests.fakes.harness import ADMIN_ID, BOT_USERNAME, TOKEN, BotHarness, Chat, harness_settings

__all__ = [
    "ADMIN_ID",
    "BOT_USERNAME",
    "TOKEN",
    "ApiCall",
    "BotApiSandbox",
    "BotHarness",
    "Chat",
    "Group",
    "SentMessage",
    "harness_settings",
]

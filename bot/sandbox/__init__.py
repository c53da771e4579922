"""A loopback Telegram Bot API server: `python -m bot demo` runs on it, and so do the tests.

See `notes/SANDBOX_API.md` for the contract; `BotApiSandbox` is the server, `SentMessage` what
the bot sent or edited, `ApiCall` one recorded request."""

from bot.sandbox.records import ApiCall, ApiError, SentMessage
from bot.sandbox.server import BotApiSandbox

__all__ = ["ApiCall", "ApiError", "BotApiSandbox", "SentMessage"]

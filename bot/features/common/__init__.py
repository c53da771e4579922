"""What every update goes through: loading the visitor first, fallbacks last, the error handler."""

from bot.features.common.handlers import on_error, on_startup, register_first, register_last

__all__ = ["on_error", "on_startup", "register_first", "register_last"]

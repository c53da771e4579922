"""Updates of one chat in order, different chats concurrently."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently (up to `max_concurrent_updates`), but never two of the same
    chat at once: a student's answer must be graded before their next message is read.

    Each chat has a lock; asyncio locks wake waiters in FIFO order, and PTB hands updates
    to the processor in the order getUpdates returned them, so a chat's updates run in order.
    Locks are dropped once nobody holds or waits for them, so memory does not grow with
    the number of chats ever seen.

    `around(update, coroutine)`, when given, runs each update's handling inside the chat's
    turn (the inbox uses it to mark the update done)."""

    def __init__(
        self,
        max_concurrent_updates: int = 256,
        around: Callable[[object, Awaitable[Any]], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiters: dict[int, int] = {}
        self.around = around

    @staticmethod
    def _chat_key(update: object) -> int | None:
        if isinstance(update, Update):
            if update.effective_chat is not None:
                return update.effective_chat.id
            if update.effective_user is not None:
                return update.effective_user.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.around is not None:
            coroutine = self.around(update, coroutine)
        key = self._chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiters[key] -= 1
            if self._waiters[key] == 0:
                del self._waiters[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: locks are created on demand."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

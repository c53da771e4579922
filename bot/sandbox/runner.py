"""Running the real Application against the sandbox inside an already running event loop
(the demo and the tests), and knowing when it has finished reacting.

Starting and stopping are `bot.lifecycle`'s, exactly as `python -m bot` does them."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import Application

from bot.lifecycle import start_application, stop_application
from bot.sandbox.server import BotApiSandbox

__all__ = ["busy_reason", "start_application", "stop_application", "wait_until_idle"]

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def busy_reason(sandbox: BotApiSandbox, application: AnyApplication | None) -> str | None:
    """Why the bot is not idle yet (an update not yet fetched, a handler still running…),
    or None when everything queued has been handled."""
    waiting = sandbox.unconfirmed_updates
    if waiting:
        if application is None or not application.running:
            return f"{waiting} update(s) queued but the bot is not running"
        return f"{waiting} update(s) not yet fetched and confirmed"
    if application is None:
        return None
    inbox = application.bot_data.get("inbox")
    if inbox is not None and inbox.claiming and inbox.busy:
        return "stored updates not yet claimed or handled"
    queue = application.update_queue
    # PTB calls task_done() only after an update's handlers finished, so the unfinished
    # count covers the gap between taking an update off the queue and starting its task.
    if queue.qsize() or getattr(queue, "_unfinished_tasks", 0):
        return "updates still being processed"
    if application.update_processor.current_concurrent_updates:
        return "handlers still running"
    tasks: set[asyncio.Task[Any]] = getattr(application, "_Application__create_task_tasks", set())
    if any(not task.done() for task in tasks):
        return "background tasks of the application still running"
    if _jobs_running(application):
        return "a job (e.g. reminders) still running"
    sender = application.bot_data.get("outbox")
    if sender is not None and sender.busy:
        return "outbox messages still being sent"
    return None


def _jobs_running(application: AnyApplication) -> bool:
    """A JobQueue job in flight (it may be waiting out a 429 before its next send).
    APScheduler keeps the futures of running jobs on its asyncio executor."""
    job_queue = application.job_queue
    if job_queue is None:
        return False
    executors: dict[str, Any] = getattr(job_queue.scheduler, "_executors", {})
    return any(getattr(executor, "_pending_futures", None) for executor in executors.values())


async def wait_until_idle(
    sandbox: BotApiSandbox,
    application: AnyApplication | None,
    *,
    quiet: float = 0.025,
    timeout: float = 15.0,
) -> None:
    """Wait until `busy_reason` is None and no API call came for `quiet` seconds (replies a
    handler schedules just after returning count too). TimeoutError says what was pending."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if busy_reason(sandbox, application) is None:
            mark = sandbox.activity
            await asyncio.sleep(quiet)
            if sandbox.activity == mark and busy_reason(sandbox, application) is None:
                return
        else:
            await asyncio.sleep(0.002)
        if loop.time() > deadline:
            reason = busy_reason(sandbox, application) or "it kept calling the API"
            raise TimeoutError(f"the bot did not become idle within {timeout} s: {reason}")

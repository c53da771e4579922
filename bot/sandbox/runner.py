"""Running the real Application against the sandbox inside an already running event loop
(the demo and the tests), and knowing when it has finished reacting.

`run_polling` owns the event loop and the signals, so here we do the same steps by hand:
initialize → post_init → start_polling → start, and the reverse to stop."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.sandbox.server import BotApiSandbox

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


async def start_application(application: AnyApplication, poll_timeout: float = 10) -> None:
    """Start like `run_polling` does; on failure leave nothing running."""
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0,
            timeout=poll_timeout,  # type: ignore[arg-type]
            bootstrap_retries=0,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        await application.start()
    except BaseException:
        await stop_application(application)
        raise


async def stop_application(application: AnyApplication, timeout: float = 20) -> None:
    """Stop polling (the last fetched updates are confirmed), the Application, then shut down."""
    async with asyncio.timeout(timeout):
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


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

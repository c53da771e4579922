"""The application factory: every piece of wiring in one place, as in PTB's examples."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.config import Settings
from bot.context import Clock, QuizContext
from bot.delivery import Pacer
from bot.features import (
    common,
    dashboard,
    game,
    homework,
    lab,
    learn,
    live,
    privacy,
    remind,
    student,
    teacher,
    worksheet,
)
from bot.inbox import INBOX_KEY, Inbox
from bot.outbox import SENDER_KEY, OrderedRequests, OutboxSender
from bot.processor import PerChatUpdateProcessor
from bot.replicas import REPLICA_KEY, ReplicaDuties
from bot.transport import AiohttpRequest
from db.files import secure_sqlite_files
from db.models import utcnow
from db.session import Database

log = logging.getLogger(__name__)

# Order matters within handler group 0: the first matching handler wins. /live in a group is
# the live feature's before anything answers commands in groups; teacher and homework dialogs
# must see a teacher's typed text before the student feature takes it as an answer (and so
# must a typed /game belief); `common` adds the last-resort fallbacks after everyone else.
FEATURES: tuple[ModuleType, ...] = (
    live,
    teacher,
    homework,
    worksheet,
    learn,
    lab,
    game,
    privacy,
    remind,
    student,
    dashboard,
)

MAX_CONCURRENT_UPDATES = 256
TIMEOUTS: dict[str, float] = {
    "connect_timeout": 10,
    "read_timeout": 20,
    "write_timeout": 60,
    "media_write_timeout": 60,  # uploads of charts and PDFs on a slow school connection
    "pool_timeout": 20,
}


def build_application(
    settings: Settings,
    database: Database | None = None,
    *,
    clock: Clock = utcnow,
    start_jobs: bool = True,
) -> Application[Any, QuizContext, Any, Any, Any, Any]:
    """Build the bot. `database` defaults to DATABASE_URL; `clock` returns aware UTC datetimes
    (tests pass a hand-moved one); `start_jobs=False` leaves periodic jobs off (tests that
    drive them by hand)."""
    if database is None:
        # Before SQLite first opens it: the file is created 0600 in a 0700 folder.
        secure_sqlite_files(settings.database_url)
        database = Database(settings.database_url)
    processor = PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES)
    # Every message sent takes a slot of one pacer (replies to students first) unless the
    # limit is off (TELEGRAM_RATE_LIMIT=0).
    pacer = Pacer(settings.telegram_rate_limit)
    requests = OrderedRequests(pacer if settings.telegram_rate_limit > 0 else None)
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_file_url)
        .context_types(ContextTypes(context=QuizContext))
        .concurrent_updates(processor)
        .rate_limiter(requests)
        .updater(None)  # bot.inbox fetches updates: stored before they are confirmed
        .request(AiohttpRequest(**TIMEOUTS))
        .get_updates_request(AiohttpRequest(1, **{**TIMEOUTS, "read_timeout": 30}))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data["settings"] = settings
    application.bot_data["db"] = database
    application.bot_data["clock"] = clock
    application.bot_data["start_jobs"] = start_jobs
    application.bot_data["pacer"] = pacer
    inbox = application.bot_data[INBOX_KEY] = Inbox(application, database)
    sender = application.bot_data[SENDER_KEY] = OutboxSender(application, database)
    if database.replica_id is not None:  # PostgreSQL, maybe shared with other replicas
        application.bot_data[REPLICA_KEY] = ReplicaDuties(database, sender)
    processor.around = inbox.handle
    requests.sender = sender

    common.register_first(application)
    for feature in FEATURES:
        feature.register(application)
    common.register_last(application)
    application.add_error_handler(common.on_error)
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Migrate, let the features start, then take up what the last run left: replies still
    owed, and updates stored but not handled (queued now, handled once the Application
    starts, oldest first)."""
    database: Database = application.bot_data["db"]
    await database.migrate()
    await common.on_startup(application)
    for feature in FEATURES:
        on_startup = getattr(feature, "on_startup", None)
        if on_startup is not None:
            await on_startup(application)
    if REPLICA_KEY not in application.bot_data:
        # One process owns a SQLite file. Replicas instead adopt outbox rows and claim
        # updates once started (bot.replicas, bot.inbox).
        await application.bot_data[SENDER_KEY].resume()
        await application.bot_data[INBOX_KEY].replay()


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for feature in reversed(FEATURES):
        on_shutdown = getattr(feature, "on_shutdown", None)
        if on_shutdown is not None:
            await on_shutdown(application)
    database: Database = application.bot_data["db"]
    await database.dispose()

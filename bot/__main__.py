"""`python -m bot` runs the bot; `python -m bot demo` tries it in the terminal without Telegram.

Exit status 2 means the configuration is missing or invalid (the message says what to fix)."""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import sys
from typing import Any

from pydantic import ValidationError
from telegram.error import EndPointNotFound, InvalidToken, NetworkError

from bot.config import Settings

EXIT_CONFIG = 2
PRIVATE_UMASK = 0o077

NO_TOKEN_HELP = """\
TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram.
  1. In Telegram, open @BotFather, send /newbot and choose a name and a username;
     BotFather answers with a token like 123456789:AAE...
  2. Put it in a .env file in the folder you run the bot from (copy .env.example):
         TELEGRAM_BOT_TOKEN=123456789:AAE...
     or set the environment variable:  export TELEGRAM_BOT_TOKEN=123456789:AAE...
  3. Run again:  python -m bot
Just want to try it? `python -m bot demo` chats with the bot right here, no token needed.

Не задано TELEGRAM_BOT_TOKEN, тож бот не може під'єднатися до Telegram.
  1. У Telegram відкрийте @BotFather, надішліть /newbot і виберіть назву та ім'я користувача;
     BotFather відповість токеном на кшталт 123456789:AAE...
  2. Запишіть його у файл .env у теці, звідки запускаєте бота (скопіюйте .env.example):
         TELEGRAM_BOT_TOKEN=123456789:AAE...
     або задайте змінну оточення:  export TELEGRAM_BOT_TOKEN=123456789:AAE...
  3. Запустіть знову:  python -m bot
Хочете просто спробувати? `python -m bot demo` — розмова з ботом просто тут, без токена.
"""

USAGE = """\
usage: python -m bot           run the bot (long polling, or a webhook when WEBHOOK_URL is set)
       python -m bot demo      chat with the bot in this terminal, no Telegram needed
                               (python -m bot demo --help for its options)
       python -m bot dashboard-link USER_ID
                               a link that opens the class dashboard in a browser as that
                               Telegram user, signed with TELEGRAM_BOT_TOKEN, valid 24 hours
       python -m bot backup [PATH]
                               a consistent copy of the SQLite database, also while the bot runs
Configuration: environment variables or .env, see .env.example."""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # Everything the bot writes (the database and its side files, backups, charts) is for its
    # owner only: the database holds minors' names. db.files also sets modes explicitly.
    os.umask(PRIVATE_UMASK)
    if args and args[0] == "backup":
        from bot.backup import main as backup_main

        return backup_main(args[1:])
    if args and args[0] == "demo":
        from bot.sandbox.demo import main as demo_main

        return demo_main(args[1:])
    if args and args[0] == "dashboard-link":
        return dashboard_link(args[1:])
    if args and args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if args:
        print(f"unknown argument {args[0]!r}\n{USAGE}", file=sys.stderr)
        return EXIT_CONFIG

    # Until serve() takes the signals over, SIGTERM/SIGINT while starting (loading the code
    # takes a second or two) end the process cleanly too: nothing is open yet.
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop_signal, _stop_while_starting)
    settings = settings_with_token()
    if settings is None:
        return EXIT_CONFIG
    configure_logging()
    fewer_malloc_arenas()
    return run(settings)


M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def fewer_malloc_arenas(arenas: int = 2) -> bool:
    """At most `arenas` malloc arenas (glibc), as MALLOC_ARENA_MAX=2 would set them. Each
    thread that allocates (aiosqlite's, the chart and CSV workers) otherwise gets an arena of
    its own, and memory freed in one is not reused by the others: ~7 MB more at a big
    class's report (bench/report_bench.py). An operator's own MALLOC_ARENA_MAX wins; other C
    libraries are left alone. True when the limit was set."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    return bool(mallopt is not None and mallopt(M_ARENA_MAX, arenas) == 1)


def _stop_while_starting(signal_number: int, _frame: object) -> None:
    raise SystemExit(0)


def settings_with_token() -> Settings | None:
    """Valid settings with a bot token, or None after saying what to fix."""
    settings = load_settings()
    if settings is not None and not settings.telegram_bot_token.strip():
        print(NO_TOKEN_HELP, file=sys.stderr)
        return None
    return settings


def dashboard_link(args: list[str]) -> int:
    """Print the dashboard's address with launch data for USER_ID, signed with the bot's token
    as Telegram would sign it: the owner's way to open it outside Telegram (a desktop browser).
    The page is WEBAPP_URL, or the local server (WEB_LISTEN:WEB_PORT) when that is unset."""
    if len(args) != 1 or not args[0].isdigit():
        print(
            "usage: python -m bot dashboard-link USER_ID (a teacher's Telegram id)", file=sys.stderr
        )
        return EXIT_CONFIG
    settings = settings_with_token()
    if settings is None:
        return EXIT_CONFIG
    from bot.features.dashboard.auth import sign_init_data
    from bot.features.dashboard.server import page_link
    from db.models import utcnow

    init_data = sign_init_data(
        settings.telegram_bot_token,
        user_id=int(args[0]),
        first_name="",
        language_code=settings.default_language,
        auth_date=utcnow(),
    )
    local = f"http://{settings.web_listen}:{settings.web_port}/app/"
    print(page_link(settings.webapp_url or local, init_data))
    return 0


def load_settings() -> Settings | None:
    """Settings from the environment and .env, or None after printing what is wrong."""
    try:
        return Settings()
    except ValidationError as exc:
        print("The configuration is not valid (environment or .env):", file=sys.stderr)
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "settings"
            print(f"  {where}: {error['msg']}", file=sys.stderr)
        print("See .env.example for every setting and its format.", file=sys.stderr)
        return None


def configure_logging() -> None:
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    # httpx logs every request at INFO, and the request URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def _loop_factory() -> Any:
    """uvloop's event loop where it is installed (Linux, macOS): the same asyncio, with less
    CPU per socket operation and callback; asyncio's own otherwise."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(settings: Settings) -> int:
    """Run until SIGINT/SIGTERM (then stop cleanly: the queued updates are handled, the
    database closed). Exit 2 when Telegram refuses the token, at start or later (a revoked
    token must not leave a deaf bot running), 1 when Telegram cannot be reached at start."""
    from bot.lifecycle import serve

    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(serve(settings))
    except (InvalidToken, EndPointNotFound):
        print(
            "Telegram did not accept TELEGRAM_BOT_TOKEN. Copy it again from @BotFather "
            "(/mybots → your bot → API Token).\n"
            "Telegram не прийняв TELEGRAM_BOT_TOKEN. Скопіюйте його ще раз у @BotFather "
            "(/mybots → ваш бот → API Token).",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except NetworkError as exc:
        print(
            f"Could not reach the Telegram Bot API at {settings.telegram_api_url}: {exc}\n"
            "Check the internet connection (or TELEGRAM_API_URL) and try again.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

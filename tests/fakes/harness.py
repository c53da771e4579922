"""The real bot, end to end, against the loopback Bot API server, for tests.

`BotHarness` starts `bot.sandbox.BotApiSandbox`, builds the real Application with
`bot.app.build_application` on the test's own database (`tests.fakes.databases`: a SQLite
file in its tmp_path, or PostgreSQL with TEST_DATABASE_URL), and polls exactly as
`python -m bot` does. `Chat` plays one Telegram user: every action waits until the bot is idle
and returns the messages the bot sent or edited in that chat because of it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.context import Clock
from bot.sandbox import BotApiSandbox, SentMessage
from bot.sandbox.runner import busy_reason, start_application, stop_application, wait_until_idle
from db.session import Database
from tests.fakes.databases import database_url
from tests.fakes.groups import Group
from tests.fakes.views import ChatView

TOKEN = "123456:TEST-TOKEN"
BOT_USERNAME = "surprise_quiz_bot"
ADMIN_ID = 900001  # a teacher-admin by default (ADMIN_IDS); ordinary users get other ids

# The long poll returns early whenever an update arrives, and stopping cancels it, so its
# length only bounds how long an idle poll lasts; short keeps server shutdown snappy.
POLL_TIMEOUT_SECONDS = 5
QUIET_SECONDS = 0.025
IDLE_TIMEOUT_SECONDS = 15.0
STOP_TIMEOUT_SECONDS = 20.0


def harness_settings(
    tmp_path: Path, api_url: str, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """Settings for a test: every field given explicitly (so neither `.env` nor the developer's
    environment leaks in), harness defaults, then `overrides` keyed by env name or field name."""
    aliases = {name: field.alias or name for name, field in Settings.model_fields.items()}
    values: dict[str, Any] = {
        aliases[name]: field.default for name, field in Settings.model_fields.items()
    }
    values.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url(tmp_path),
        TELEGRAM_RATE_LIMIT=0,
        ADMIN_IDS=str(ADMIN_ID),
        QUIET_HOURS="off",
    )
    for key, value in (overrides or {}).items():
        values[aliases.get(key, key)] = value
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class Chat(ChatView):
    """One user in their private chat with the bot."""

    def __init__(
        self,
        harness: BotHarness,
        user_id: int,
        first_name: str,
        language_code: str | None,
        last_name: str | None = None,
        username: str | None = None,
    ) -> None:
        self.harness = harness
        self.id = user_id
        self.first_name = first_name
        self.language_code = language_code
        harness.sandbox.user(user_id, first_name, language_code, last_name, username)
        self._last_query_id: str | None = None
        self.last_message_id: int | None = None  # of the user's last text (for edit())

    def __repr__(self) -> str:
        return f"Chat({self.id}, {self.first_name!r}, {self.language_code!r})"

    async def say(self, text: str) -> list[SentMessage]:
        """Type `text` (commands included); returns the bot's new messages and edits."""

        def send() -> None:
            self.last_message_id = self.harness.sandbox.send_text(self.id, text)

        return await self._act(send)

    async def press(self, message: SentMessage | int, label_or_data: str) -> list[SentMessage]:
        """Press a button that the message shows now, found by label, data, or part of a label."""
        message_id = message if isinstance(message, int) else message.message_id
        current = self.current(message_id)
        if current is None:
            raise AssertionError(f"message {message_id} is not (or no longer) in {self!r}")
        label, data = current.button(label_or_data)
        if data is None or not current.raw.get("reply_markup"):
            raise AssertionError(f"button {label!r} has no callback data to press")
        return await self.press_data(message_id, data)

    async def press_data(self, message_id: int, data: str) -> list[SentMessage]:
        """Send a callback query with any data (stale or forged) on a bot message."""

        def press() -> None:
            self._last_query_id = self.harness.sandbox.press(self.id, message_id, data)

        return await self._act(press)

    @property
    def last_answer(self) -> dict[str, Any] | None:
        """The answerCallbackQuery parameters for this user's last press (None if unanswered)."""
        query_id = self._last_query_id
        for answer in reversed(self.harness.sandbox.callback_answers):
            if str(answer.get("callback_query_id")) == query_id:
                return answer
        return None

    async def send_sticker(self) -> list[SentMessage]:
        return await self._act(lambda: self.harness.sandbox.send_sticker(self.id))

    async def send_photo(self, data: bytes | None = None) -> list[SentMessage]:
        return await self._act(lambda: self.harness.sandbox.send_photo(self.id, data))

    async def send_document(
        self, data: bytes = b"hello", filename: str = "notes.txt"
    ) -> list[SentMessage]:
        return await self._act(lambda: self.harness.sandbox.send_document(self.id, data, filename))

    async def edit(self, message_id: int, text: str) -> list[SentMessage]:
        """Edit a message this user sent (Telegram delivers an edited_message)."""
        return await self._act(lambda: self.harness.sandbox.edit_text(self.id, message_id, text))


class BotHarness:
    """The sandbox plus the real Application on a SQLite file under `tmp_path`."""

    def __init__(
        self,
        tmp_path: Path,
        settings_overrides: Mapping[str, Any] | None = None,
        clock: Clock | None = None,
        start_jobs: bool = False,
        *,
        sandbox: BotApiSandbox | None = None,
        poll_timeout: float = POLL_TIMEOUT_SECONDS,
    ) -> None:
        self.tmp_path = Path(tmp_path)
        self.poll_timeout = poll_timeout
        self._build_hooks: list[Callable[[Application[Any, Any, Any, Any, Any, Any]], None]] = []
        self.sandbox = sandbox or BotApiSandbox(token=TOKEN, bot_username=BOT_USERNAME)
        self.settings_overrides = dict(settings_overrides or {})
        self.clock = clock
        self.start_jobs = start_jobs
        self.settings: Settings | None = None
        self._app: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._sandbox_started = False

    @classmethod
    @contextlib.asynccontextmanager
    async def running(
        cls,
        tmp_path: Path,
        settings_overrides: Mapping[str, Any] | None = None,
        clock: Clock | None = None,
        start_jobs: bool = False,
    ) -> AsyncIterator[BotHarness]:
        harness = cls(tmp_path, settings_overrides, clock, start_jobs)
        try:
            await harness.start()
            yield harness
        finally:
            await harness.close()

    # ------------------------------------------------------------------ the bot's life

    @property
    def app(self) -> Application[Any, Any, Any, Any, Any, Any]:
        if self._app is None:
            raise AssertionError("the bot is not running (stopped, or never started)")
        return self._app

    @property
    def db(self) -> Database:
        return self.app.bot_data["db"]

    async def start(self) -> None:
        """Start the sandbox (once) and a new Application polling it."""
        if not self._sandbox_started:
            await self.sandbox.start()
            self._sandbox_started = True
        self.settings = harness_settings(self.tmp_path, self.sandbox.url, self.settings_overrides)
        kwargs: dict[str, Any] = {"start_jobs": self.start_jobs}
        if self.clock is not None:
            kwargs["clock"] = self.clock
        app = build_application(self.settings, **kwargs)
        for hook in self._build_hooks:
            hook(app)
        self._app = app
        try:
            await start_application(app, poll_timeout=self.poll_timeout)
        except BaseException:
            self._app = None
            raise

    def on_build(self, hook: Callable[[Application[Any, Any, Any, Any, Any, Any]], None]) -> None:
        """Run `hook(app)` on the running Application now and on every one built by restart(),
        before it polls: the place for test-only handlers."""
        self._build_hooks.append(hook)
        if self._app is not None:
            hook(self._app)

    async def stop(self) -> None:
        """Stop polling and the Application the way run_polling does on SIGINT."""
        app, self._app = self._app, None
        if app is not None:
            await stop_application(app, timeout=STOP_TIMEOUT_SECONDS)

    async def restart(self) -> None:
        """Stop the bot cleanly and start a new Application on the same database and sandbox."""
        await self.stop()
        await self.start()

    async def close(self) -> None:
        try:
            await self.stop()
        finally:
            if self._sandbox_started:
                await self.sandbox.stop()
                self._sandbox_started = False

    # ------------------------------------------------------------------ users

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        language_code: str | None = "uk",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> Chat:
        return Chat(self, user_id, first_name, language_code, last_name, username)

    def group(self, chat_id: int = -1001, title: str = "7-Б", *, kind: str = "group") -> Group:
        """A group chat (the bot is not in it until `await group.add_bot(someone)`)."""
        return Group(self, chat_id, title, kind=kind)

    def teacher(self, first_name: str = "Вчителька", language_code: str = "uk") -> Chat:
        """The admin from ADMIN_IDS: a teacher from the first message on."""
        return self.user(ADMIN_ID, first_name, language_code)

    # ------------------------------------------------------------------ waiting

    def busy_reason(self) -> str | None:
        """Why the bot is not idle yet, or None."""
        return busy_reason(self.sandbox, self._app)

    async def idle(self, timeout: float = IDLE_TIMEOUT_SECONDS) -> None:
        """Wait until every queued update is fetched and handled and no API call has come for
        a short quiet period (so replies sent just after the handler returned are in too)."""
        if self._app is None and self.sandbox.unconfirmed_updates:
            raise AssertionError(
                f"{self.sandbox.unconfirmed_updates} update(s) wait, but the bot is stopped"
            )
        try:
            await wait_until_idle(self.sandbox, self._app, quiet=QUIET_SECONDS, timeout=timeout)
        except TimeoutError as exc:
            raise AssertionError(str(exc)) from None

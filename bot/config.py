"""Settings from the environment and an optional `.env` file (names fixed by SPEC §3)."""

from __future__ import annotations

import re
from datetime import time, timedelta
from importlib.util import find_spec
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/surprise_quiz.sqlite3"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a secret_token
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DRIVERLESS_URLS = {
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
    "sqlite://": "sqlite+aiosqlite://",
}


def asyncio_database_url(value: str) -> str:
    """A URL without a driver means the asyncio driver we ship: hosting providers hand out
    `postgres://…` or `postgresql://…`, which SQLAlchemy would open with a driver that is
    neither installed nor async."""
    value = value.strip()
    for plain, ours in _DRIVERLESS_URLS.items():
        if value.startswith(plain):
            value = ours + value[len(plain) :]
    return value


def parse_duration(text: str) -> timedelta:
    """`90s`, `15m`, `2h`, `1d` → timedelta; anything else is a ValueError."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration like 24h, 30m, 1d or 45s: {text!r}")
    amount, unit = int(match.group(1)), match.group(2).lower()
    return timedelta(seconds=amount * _UNIT_SECONDS[unit])


def parse_quiet_hours(text: str | None) -> tuple[time, time] | None:
    """`21:00-08:00` → (start, end); empty or `off` → None (no quiet hours)."""
    if text is None or text.strip().lower() in ("", "off", "none"):
        return None
    try:
        start_text, end_text = (part.strip() for part in text.split("-"))
        start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
    except ValueError as exc:
        raise ValueError(f"QUIET_HOURS must look like 21:00-08:00 or be off: {text!r}") from exc
    if start == end:
        return None
    return start, end


class Settings(BaseSettings):
    """Everything the bot reads from its environment. See `.env.example`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = Field(default="", alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field(default="https://api.telegram.org", alias="TELEGRAM_API_URL")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default=frozenset(), alias="ADMIN_IDS")
    default_language: str = Field(default="uk", alias="DEFAULT_LANGUAGE")
    timezone: str = Field(default="Europe/Kyiv", alias="TIMEZONE")
    quiet_hours_text: str = Field(default="21:00-08:00", alias="QUIET_HOURS")
    reminder_offsets_text: str = Field(default="24h,2h", alias="REMINDER_OFFSETS")
    telegram_rate_limit: float = Field(default=30.0, alias="TELEGRAM_RATE_LIMIT")
    webhook_url: str = Field(default="", alias="WEBHOOK_URL")
    # Loopback unless told otherwise: a TLS proxy in front forwards Telegram's calls.
    webhook_listen: str = Field(default="127.0.0.1", alias="WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, alias="WEBHOOK_PORT")
    webhook_secret: str = Field(default="", alias="WEBHOOK_SECRET")
    reminder_poll_seconds: float = Field(default=30.0, alias="REMINDER_POLL_SECONDS")
    # The class dashboard (a Telegram Mini App): the public https address Telegram opens, and
    # where the bot's own web server listens (behind a reverse proxy that terminates TLS).
    webapp_url: str = Field(default="", alias="WEBAPP_URL")
    web_listen: str = Field(default="127.0.0.1", alias="WEB_LISTEN")
    web_port: int = Field(default=8080, alias="WEB_PORT", ge=0, le=65535)
    # auto: serve the dashboard when WEBAPP_URL is set; on: always (the demo, a test, a
    # tunnel set up later); off: never (another process serves it).
    web_server: str = Field(default="auto", alias="WEB_SERVER")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> frozenset[int]:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            return frozenset(int(part) for part in parts if part)
        if isinstance(value, int):
            return frozenset({value})
        return frozenset(value or ())  # type: ignore[arg-type]

    @field_validator("database_url")
    @classmethod
    def _asyncio_driver(cls, value: str) -> str:
        value = asyncio_database_url(value)
        if value.startswith("postgresql+asyncpg://") and find_spec("asyncpg") is None:
            raise ValueError("DATABASE_URL is PostgreSQL: pip install -e '.[postgres]' (asyncpg)")
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("uk", "en"):
            raise ValueError("DEFAULT_LANGUAGE must be uk or en")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown TIMEZONE {value!r}, e.g. Europe/Kyiv") from exc
        return value

    @field_validator("quiet_hours_text")
    @classmethod
    def _valid_quiet_hours(cls, value: str) -> str:
        parse_quiet_hours(value)
        return value

    @field_validator("reminder_offsets_text")
    @classmethod
    def _valid_offsets(cls, value: str) -> str:
        _offsets(value)
        return value

    @field_validator("webapp_url")
    @classmethod
    def _https_webapp_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith("https://"):
            raise ValueError("WEBAPP_URL must be an https:// address (Telegram opens only those)")
        return value

    @field_validator("web_server")
    @classmethod
    def _web_server_mode(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("auto", "on", "off"):
            raise ValueError("WEB_SERVER must be auto, on or off")
        return value

    @field_validator("telegram_rate_limit")
    @classmethod
    def _non_negative_rate(cls, value: float) -> float:
        if value < 0:
            raise ValueError("TELEGRAM_RATE_LIMIT must be 0 (off) or a positive number")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        """Without a secret anyone who finds the webhook URL could post updates as any user."""
        if self.webhook_url.strip() and not self.webhook_secret:
            raise ValueError(
                "WEBHOOK_URL is set but WEBHOOK_SECRET is empty: set WEBHOOK_SECRET to a random "
                "string of 1-256 characters A-Z a-z 0-9 _ - (for example the output of "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if self.webhook_secret and not _SECRET.match(self.webhook_secret):
            raise ValueError(
                "WEBHOOK_SECRET may contain only A-Z a-z 0-9 _ - (1-256 characters), "
                "as Telegram requires"
            )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def quiet_hours(self) -> tuple[time, time] | None:
        return parse_quiet_hours(self.quiet_hours_text)

    @property
    def reminder_offsets(self) -> tuple[timedelta, ...]:
        return _offsets(self.reminder_offsets_text)

    @property
    def serves_dashboard(self) -> bool:
        """Whether this process runs the dashboard's web server."""
        return self.web_server == "on" or (self.web_server == "auto" and bool(self.webapp_url))

    @property
    def api_base_url(self) -> str:
        return self.telegram_api_url.rstrip("/") + "/bot"

    @property
    def api_file_url(self) -> str:
        return self.telegram_api_url.rstrip("/") + "/file/bot"


def _offsets(text: str) -> tuple[timedelta, ...]:
    parts = [part for part in (p.strip() for p in text.split(",")) if part]
    offsets = sorted({parse_duration(part) for part in parts}, reverse=True)
    return tuple(offsets)


class DatabaseSettings(BaseSettings):
    """Only where the database is, read like `Settings` reads it: all that
    `python -m bot backup` needs (it runs without a bot token, and needs no PostgreSQL driver
    to say that PostgreSQL is backed up with pg_dump)."""

    model_config = Settings.model_config

    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")

    @field_validator("database_url")
    @classmethod
    def _asyncio_driver(cls, value: str) -> str:
        return asyncio_database_url(value)

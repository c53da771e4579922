"""Telegram Mini App launch data (`initData`): checking it as Telegram specifies, and signing
it (the bot's owner does, for tests, the demo and opening the dashboard outside Telegram).

Telegram's rule (core.telegram.org/bots/webapps, "Validating data received via the Mini App"):
the data-check-string is every received field except `hash`, as `key=value` lines sorted by
key and joined by "\\n"; the secret key is HMAC-SHA256 of the bot token keyed with the string
"WebAppData"; `hash` must be the hex HMAC-SHA256 of the data-check-string under that key.
`auth_date` (Unix seconds) says when Telegram signed it: older than `MAX_AGE` is refused, so a
leaked link stops working within a day."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

MAX_AGE = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=5)  # a signature "from the future" within this is fine
MAX_INIT_DATA = 4096  # Telegram's is well under 1 KB; a longer header is not one of theirs
SCHEME = "tma"  # Authorization: tma <initData>


class InitDataError(ValueError):
    """The launch data is missing, malformed, forged or too old (HTTP 401)."""


@dataclass(frozen=True)
class WebAppUser:
    id: int
    first_name: str
    language_code: str | None
    auth_date: datetime


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def _signature(fields: dict[str, str], bot_token: str) -> str:
    message = _data_check_string(fields).encode()
    return hmac.new(_secret_key(bot_token), message, hashlib.sha256).hexdigest()


def from_authorization(header: str | None) -> str:
    """The initData of an `Authorization: tma <initData>` header."""
    if not header:
        raise InitDataError("no Authorization header")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != SCHEME or not value.strip():
        raise InitDataError("the Authorization header must be 'tma <initData>'")
    return value.strip()


def validate_init_data(init_data: str, bot_token: str, now: datetime) -> WebAppUser:
    """The user Telegram vouches for, or InitDataError saying why not."""
    if len(init_data) > MAX_INIT_DATA:
        raise InitDataError("initData is too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise InitDataError("initData is not a query string") from exc
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field appears twice in initData")
    given = fields.get("hash", "")
    # compare_digest: the time taken must not tell an attacker how much of a guess was right.
    if not hmac.compare_digest(given.encode(), _signature(fields, bot_token).encode()):
        raise InitDataError("initData is not signed with this bot's token")
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), tz=UTC)
    except (KeyError, ValueError, OverflowError, OSError) as exc:
        raise InitDataError("initData has no valid auth_date") from exc
    if now - signed_at > MAX_AGE:
        raise InitDataError("initData is older than 24 hours: open the dashboard again")
    if signed_at - now > CLOCK_SKEW:
        raise InitDataError("initData is dated in the future")
    return _user(fields, signed_at)


def _user(fields: dict[str, str], signed_at: datetime) -> WebAppUser:
    try:
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError) as exc:
        raise InitDataError("initData carries no user") from exc
    language = user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=str(user.get("first_name") or ""),
        language_code=language if isinstance(language, str) else None,
        auth_date=signed_at,
    )


def sign_init_data(
    bot_token: str,
    *,
    user_id: int,
    first_name: str,
    language_code: str = "uk",
    auth_date: datetime,
    extra: dict[str, str] | None = None,
) -> str:
    """initData as Telegram would send it for this user, signed with `bot_token`. Only
    whoever holds the token can make one: the bot's owner, the tests and the demo."""
    user = {"id": user_id, "first_name": first_name, "language_code": language_code}
    fields = {
        "auth_date": str(int(auth_date.timestamp())),
        "query_id": f"local-{user_id}-{int(auth_date.timestamp())}",
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        **(extra or {}),
    }
    fields["hash"] = _signature(fields, bot_token)
    return urlencode(fields)

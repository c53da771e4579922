"""How PTB's HTTPXRequest talks to the Bot API, decoded: query strings, form-urlencoded and
multipart bodies (every non-string value JSON-encoded, files as parts) and JSON bodies."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.sandbox.records import ApiError

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "media",
        "commands",
        "scope",
        "allowed_updates",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
        "results",
        "options",
        "correct_option_ids",
        "question_entities",
        "explanation_entities",
    }
)
_INT_FIELDS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "reply_to_message_id",
        "message_thread_id",
        "user_id",
        "from_chat_id",
        "cache_time",
        "correct_option_id",
        "open_period",
        "close_date",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "is_anonymous",
        "allows_multiple_answers",
        "is_closed",
    }
)
_FLOAT_FIELDS = frozenset({"timeout"})
_INT_TEXT = re.compile(r"^-?\d+$")


@dataclass
class Request:
    """One Bot API call: decoded parameters, uploaded parts and their file names."""

    params: dict[str, Any]
    files: dict[str, bytes]
    filenames: dict[str, str]


async def read_request(request: web.Request) -> Request:
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, bytes] = {}
    filenames: dict[str, str] = {}
    if request.method == "POST" and request.body_exists:
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise ApiError.bad_request("can't parse JSON request body") from exc
            if isinstance(body, dict):
                raw.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                    filenames[key] = value.filename or key
                else:
                    raw[key] = value
    return Request(_decode_params(raw), files, filenames)


def _decode_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Form fields arrive as strings; PTB JSON-encodes every non-string value."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            value = _decode_field(key, value)
        params[key] = value
    return params


def _decode_field(key: str, value: str) -> Any:
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ApiError.bad_request(f"can't parse {key} JSON object") from exc
    if key == "chat_id" or key in _INT_FIELDS:
        if _INT_TEXT.match(value.strip()):
            return int(value)
        if key in _INT_FIELDS:
            raise ApiError.bad_request(f"wrong parameter {key}")
        return value
    if key in _FLOAT_FIELDS:
        try:
            return float(value)
        except ValueError as exc:
            raise ApiError.bad_request(f"wrong parameter {key}") from exc
    if key in _BOOL_FIELDS:
        return value.strip().lower() in ("true", "1")
    return value


def json_response(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )

"""The limits and checks the real Bot API applies to what a bot sends: text and caption length
after HTML parsing, markup, inline keyboards, pictures."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from bot.sandbox.html import EntityParseError, parse_html, utf16_len
from bot.sandbox.records import ApiError

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
CALLBACK_ANSWER_LIMIT = 200
PHOTO_BYTES_LIMIT = 10 * 1024 * 1024
DOCUMENT_BYTES_LIMIT = 50 * 1024 * 1024
INLINE_BUTTONS_LIMIT = 100


def render_text(
    text: object, parse_mode: object, entities: object, limit: int
) -> tuple[str, list[dict[str, Any]]]:
    """The text as Telegram stores it (markup parsed, trimmed) and its entities, or the 400
    Telegram answers: empty, too long, bad HTML."""
    if not isinstance(text, str) or not text.strip():
        raise ApiError.bad_request("message text is empty")
    plain, parsed = _trim(*_parse(text, parse_mode, entities))
    if not plain:
        raise ApiError.bad_request("message text is empty")
    if utf16_len(plain) > limit:
        raise ApiError.bad_request("message is too long")
    return plain, parsed


def render_caption(params: dict[str, Any]) -> dict[str, Any]:
    """`caption` and `caption_entities` for a media message ({} without a caption)."""
    caption = params.get("caption")
    if caption is None or caption == "":
        return {}
    if not isinstance(caption, str):
        raise ApiError.bad_request("wrong parameter caption")
    plain, parsed = _trim(
        *_parse(caption, params.get("parse_mode"), params.get("caption_entities"))
    )
    if utf16_len(plain) > CAPTION_LIMIT:
        raise ApiError.bad_request("message caption is too long")
    result: dict[str, Any] = {"caption": plain}
    if parsed:
        result["caption_entities"] = parsed
    return result


def _parse(text: str, parse_mode: object, entities: object) -> tuple[str, list[dict[str, Any]]]:
    mode = parse_mode.lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        try:
            return parse_html(text)
        except EntityParseError as exc:
            raise ApiError.bad_request(f"can't parse entities: {exc}") from exc
    if mode in ("", "markdown", "markdownv2"):
        # Markdown is accepted as typed (not validated): the project sends HTML.
        return text, list(entities) if isinstance(entities, list) else []
    raise ApiError.bad_request("unsupported parse_mode")


def _trim(plain: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram strips leading and trailing whitespace from texts and captions, moving the
    entities with the text."""
    stripped = plain.strip()
    if stripped == plain:
        return plain, entities
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip())])
    end = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return stripped, kept


def check_markup(markup: object) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError.bad_request("can't parse inline keyboard button: InlineKeyboardMarkup")
    if sum(len(row) for row in rows) > INLINE_BUTTONS_LIMIT:
        raise ApiError.bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: object) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise ApiError.bad_request("can't parse inline keyboard button: Text is not specified")
    if not button["text"].strip():
        raise ApiError.bad_request("BUTTON_TEXT_EMPTY")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise ApiError.bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise ApiError.bad_request("BUTTON_URL_INVALID")
    elif "web_app" in button:
        # Telegram opens Mini Apps only from https addresses.
        web_app = button["web_app"]
        url = web_app.get("url") if isinstance(web_app, dict) else None
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ApiError.bad_request("BUTTON_URL_INVALID")
    elif not any(
        key in button
        for key in (
            "switch_inline_query",
            "switch_inline_query_current_chat",
            "copy_text",
            "login_url",
            "pay",
            "callback_game",
        )
    ):
        raise ApiError.bad_request("text buttons are unallowed in the inline keyboard")


def same_content(before: dict[str, Any], after: dict[str, Any]) -> bool:
    keys = ("text", "entities", "caption", "caption_entities", "reply_markup")
    return all(before.get(key) == after.get(key) for key in keys)


def check_photo(data: bytes) -> tuple[int, int]:
    if len(data) > PHOTO_BYTES_LIMIT:
        raise ApiError.bad_request("PHOTO_SAVE_FILE_INVALID")
    size = image_size(data)
    if size is None:
        raise ApiError.bad_request("IMAGE_PROCESS_FAILED")
    width, height = size
    if width + height > 10000 or max(width, height) > 20 * max(min(width, height), 1):
        raise ApiError.bad_request("PHOTO_INVALID_DIMENSIONS")
    return size


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG, GIF or WebP; None if it is not an image we know."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 512, 512
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None


def tiny_png() -> bytes:
    """A valid 1×1 PNG, for users who send 'a photo' in tests."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def mime_type(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {
        "pdf": "application/pdf",
        "csv": "text/csv",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "txt": "text/plain",
        "json": "application/json",
        "webp": "image/webp",
    }.get(suffix, "application/octet-stream")

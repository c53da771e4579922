"""Telegram's HTML parse mode, strictly enough to catch what the real server rejects.

The real Bot API parses `parse_mode=HTML` text into plain text plus entities and answers
400 "can't parse entities" for an unsupported tag, an unclosed or mismatched tag, or a bare
`<` (typically an unescaped user string). We do the same, so a bot that forgets
`html.escape` fails in the tests instead of in a classroom."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Tag → entity type. `span` is only valid as a spoiler, `a` needs an href (checked below).
_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's description tail."""


@dataclass
class _Open:
    tag: str
    entity_type: str
    offset: int  # in UTF-16 code units, as Telegram counts entity offsets
    extra: dict[str, Any]


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets (and message limits) in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def unescape(text: str) -> str:
    """Decode the four named entities Telegram knows and numeric ones; leave others as typed."""

    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith(("#x", "#X")):
            return _safe_chr(int(body[2:], 16), match.group(0))
        if body.startswith("#"):
            return _safe_chr(int(body[1:]), match.group(0))
        return _NAMED_ENTITIES.get(body.lower(), match.group(0))

    return _ENTITY.sub(replace, text)


def _safe_chr(code: int, fallback: str) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return fallback


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) or raise EntityParseError like the Bot API does."""
    plain: list[str] = []
    length16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    index = 0
    size = len(text)
    while index < size:
        lt = text.find("<", index)
        chunk_end = size if lt == -1 else lt
        if chunk_end > index:
            piece = unescape(text[index:chunk_end])
            plain.append(piece)
            length16 += utf16_len(piece)
        if lt == -1:
            break
        gt = text.find(">", lt)
        if gt == -1:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, lt)}")
        inside = text[lt + 1 : gt]
        if inside.startswith("/"):
            _close_tag(text, lt, inside[1:].strip().lower(), stack, entities, length16)
        else:
            stack.append(_open_tag(text, lt, inside, length16))
        index = gt + 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # only <pre> carries a language
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(plain), entities


def _open_tag(text: str, position: int, inside: str, offset16: int) -> _Open:
    match = _TAG_NAME.match(inside)
    name = match.group(0).lower() if match else ""
    entity_type = _TAGS.get(name)
    attributes = {
        key.lower(): unescape(next((v for v in values if v is not None), ""))
        for key, *values in _ATTRIBUTE.findall(inside[len(name) :])
    }
    if name == "span" and attributes.get("class") != "tg-spoiler":
        entity_type = None
    if entity_type is None:
        raise EntityParseError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, position)}'
        )
    extra: dict[str, Any] = {}
    if name == "a":
        href = attributes.get("href", "")
        if not href:
            # Telegram keeps the text of an <a> without href but adds no link.
            entity_type = "none"
        else:
            extra["url"] = href
    elif name == "pre" or name == "code":
        language = attributes.get("class", "")
        if language.startswith("language-"):
            extra["language"] = language[len("language-") :]
    elif name == "blockquote" and "expandable" in attributes:
        entity_type = "expandable_blockquote"
    elif name == "tg-emoji":
        extra["custom_emoji_id"] = attributes.get("emoji-id", "")
    return _Open(tag=name, entity_type=entity_type, offset=offset16, extra=extra)


def _close_tag(
    text: str,
    position: int,
    name: str,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    offset16: int,
) -> None:
    where = _byte_offset(text, position)
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {where}")
    opened = stack.pop()
    if opened.tag != name:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {where}, expected "</{opened.tag}>", '
            f'found "</{name}>"'
        )
    length = offset16 - opened.offset
    if length > 0 and opened.entity_type != "none":
        entity: dict[str, Any] = {
            "type": opened.entity_type,
            "offset": opened.offset,
            "length": length,
            **opened.extra,
        }
        if entity["type"] == "pre" and entities:
            # <pre><code class="language-x">…</code></pre> is one pre entity with a language.
            inner = entities[-1]
            if (inner["type"], inner["offset"], inner["length"]) == (
                "code",
                offset16 - length,
                length,
            ):
                entities.pop()
                if "language" in inner:
                    entity["language"] = inner["language"]
        entities.append(entity)

"""editMessageMedia for the loopback Bot API server: replace the picture (or document) of a
message the bot sent, with a new caption and keyboard, checked the way Telegram checks it.

What Telegram does, and so do we:
- `media` is a JSON InputMedia object with a `type` and a `media` (`attach://<part>` for an
  upload, or a file_id the bot got earlier; URLs cannot be fetched by a loopback server);
- the new caption is parsed and limited like any caption (1024 characters after HTML); an
  InputMedia without a caption leaves the message without one, and an edit without
  `reply_markup` removes the inline keyboard;
- a photo must be a real picture of sane dimensions, and a file_id of a document cannot be
  used as a photo (nor the other way round): "type of file mismatch";
- a message in an album can only become a photo or video (a photo album) or a document (a
  document album); a text message may get media ("add media to text messages");
- the same file, caption and keyboard again is refused as "message is not modified"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.checks import check_markup, check_photo, render_caption, same_content
from bot.sandbox.records import ApiError
from bot.sandbox.wire import Request

if TYPE_CHECKING:
    from bot.sandbox.server import BotApiSandbox

# Telegram knows more types (animation, audio, video); the bot sends only these two, and a
# type the sandbox cannot store must fail loudly rather than pass unchecked.
_SUPPORTED = {"photo": "photos", "document": "documents"}
_KNOWN = frozenset({"animation", "audio", "document", "photo", "video"})
_CONTENT_KEYS = ("text", "entities", "photo", "document", "caption", "caption_entities")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def edit_message_media(sandbox: BotApiSandbox, call: Request) -> dict[str, Any]:
    params = call.params
    chat, message = sandbox._editable(params)
    if "poll" in message or "dice" in message:  # TDLib's can_edit_message_media says no
        raise ApiError.bad_request("message media can't be edited")
    media = _input_media(params.get("media"))
    kind = media["type"]
    _check_album(message, kind)
    caption = render_caption(media)
    markup = check_markup(params.get("reply_markup"))
    stored = sandbox._resolve_file(call, media["media"], _SUPPORTED[kind])
    _check_file_type(stored.path, kind)
    if kind == "photo":
        content: dict[str, Any] = {
            "photo": [sandbox._photo_size(stored, *check_photo(stored.data))]
        }
    else:
        content = {"document": sandbox._document(stored)}

    updated = {
        key: value
        for key, value in message.items()
        if key not in _CONTENT_KEYS and key != "reply_markup"
    }
    updated.update(content)
    updated.update(caption)
    if markup is not None and "inline_keyboard" in markup:
        updated["reply_markup"] = markup
    if _same_file(message, updated) and same_content(message, updated):
        raise ApiError.bad_request(_NOT_MODIFIED)
    updated["edit_date"] = int(sandbox.clock())
    chat.messages[message["message_id"]] = updated
    # The snapshot reads the caption and parse mode the bot sent from the InputMedia.
    as_sent = Request(media, call.files, call.filenames)
    sandbox._snapshot(chat, updated, kind, as_sent, "editMessageMedia", stored, edited=True)
    return updated


def _input_media(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError.bad_request("can't parse input media JSON object")
    kind = value.get("type")
    if kind not in _KNOWN:
        raise ApiError.bad_request("can't parse InputMedia: media type is not specified or wrong")
    if kind not in _SUPPORTED:
        raise ApiError.bad_request(f"the sandbox cannot store {kind} media")
    if not isinstance(value.get("media"), str) or not value["media"]:
        raise ApiError.bad_request("can't parse InputMedia: Media is not specified")
    return value


def _check_album(message: dict[str, Any], kind: str) -> None:
    if "media_group_id" not in message:
        return
    if "document" in message and kind != "document":
        raise ApiError.bad_request("a document in an album can be replaced only by a document")
    if "photo" in message and kind not in ("photo", "video"):
        raise ApiError.bad_request("a photo in an album can be replaced only by a photo or video")


def _check_file_type(path: str, kind: str) -> None:
    """A file_id names a file of one type; uploads arrive in the folder of the kind asked."""
    folder = path.split("/", 1)[0]
    if folder in _SUPPORTED.values() and folder != _SUPPORTED[kind]:
        raise ApiError.bad_request("type of file mismatch")


def _same_file(before: dict[str, Any], after: dict[str, Any]) -> bool:
    def file_of(message: dict[str, Any]) -> str | None:
        if message.get("photo"):
            return str(message["photo"][-1]["file_unique_id"])
        if message.get("document"):
            return str(message["document"]["file_unique_id"])
        return None

    return file_of(before) is not None and file_of(before) == file_of(after)

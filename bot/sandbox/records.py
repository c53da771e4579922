"""What the sandbox remembers: every API call, and every message the bot sent or edited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Button = tuple[str, str | None]


class ApiError(Exception):
    """An error answer of the Bot API: `{"ok": false, "error_code": ..., "description": ...}`."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    @classmethod
    def bad_request(cls, detail: str) -> ApiError:
        return cls(400, f"Bad Request: {detail}")

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class ApiCall:
    """One request the bot made. `params` are decoded (ints, dicts, lists), `files` are the
    uploaded parts by name, `status` is the HTTP status we answered with."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes]
    status: int
    at: float
    error: str | None = None


@dataclass
class SentMessage:
    """A message as the bot left it after one sendX or editX call (an edit adds a new
    snapshot with `edited=True` and the same `message_id`).

    `text` is the text or caption as the user sees it (HTML parsed away, like Telegram's own
    Message.text); `source` is what the bot sent, markup included."""

    message_id: int
    chat_id: int
    kind: str  # "text" | "photo" | "document" | "dice" | "poll"
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    buttons: list[list[Button]]
    file_bytes: bytes | None = None
    filename: str | None = None
    edited: bool = False
    source: str = ""
    method: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def dice(self) -> dict[str, Any] | None:
        """`{"emoji": "🎲", "value": 4}` for a dice message, else None."""
        return self.raw.get("dice")

    @property
    def poll(self) -> dict[str, Any] | None:
        """The poll as the message shows it (question, options with counts, is_closed…)."""
        return self.raw.get("poll")

    @property
    def labels(self) -> list[str]:
        """Every inline button label, row by row."""
        return [label for row in self.buttons for label, _ in row]

    @property
    def callback_data(self) -> list[str]:
        return [data for row in self.buttons for _, data in row if data is not None]

    def button(self, label_or_data: str) -> Button:
        """The button whose label or data equals `label_or_data`, else the one whose label
        contains it (labels often carry emoji). Raises LookupError listing what exists."""
        flat = [button for row in self.buttons for button in row]
        for label, data in flat:
            if label_or_data in (label, data):
                return label, data
        for label, data in flat:
            if label_or_data in label:
                return label, data
        raise LookupError(
            f"no button {label_or_data!r} on message {self.message_id}; buttons: {flat}"
        )


def buttons_of(reply_markup: dict[str, Any] | None) -> list[list[Button]]:
    """Rows of (label, callback_data or url) for an inline keyboard; [] otherwise."""
    if not reply_markup or "inline_keyboard" not in reply_markup:
        return []
    rows: list[list[Button]] = []
    for row in reply_markup["inline_keyboard"]:
        rows.append([(button.get("text", ""), _button_target(button)) for button in row])
    return rows


def _button_target(button: dict[str, Any]) -> str | None:
    for key in ("callback_data", "url", "switch_inline_query", "copy_text"):
        if key in button:
            value = button[key]
            return value if isinstance(value, str) else str(value)
    web_app = button.get("web_app")
    if isinstance(web_app, dict) and isinstance(web_app.get("url"), str):
        return web_app["url"]  # a Mini App button: the page it opens
    return None

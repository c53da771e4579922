"""A loopback Telegram Bot API server that python-telegram-bot's real `Application` can poll.

It speaks the wire protocol PTB's HTTPXRequest uses (form-urlencoded and multipart bodies where
every non-string value is a JSON string, or JSON bodies), keeps chats, messages and files in
memory, validates requests the way the real server does (limits, HTML, unknown chats, stale
edits), and lets tests play the users, inject faults and read back everything the bot did."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import math
import random
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from bot.sandbox.checks import (
    CALLBACK_ANSWER_LIMIT,
    DOCUMENT_BYTES_LIMIT,
    TEXT_LIMIT,
    check_markup,
    check_photo,
    image_size,
    mime_type,
    render_caption,
    render_text,
    same_content,
    tiny_png,
)
from bot.sandbox.groups import GroupChats
from bot.sandbox.html import utf16_len
from bot.sandbox.media import edit_message_media
from bot.sandbox.polls import DiceAndPolls
from bot.sandbox.records import ApiCall, ApiError, SentMessage, buttons_of
from bot.sandbox.wire import Request, json_response, read_request

# Telegram's default when allowed_updates is empty: everything except these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
GROUP_MESSAGES_PER_MINUTE = 20
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_BOT_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    filename: str
    path: str


@dataclass
class _Chat:
    data: dict[str, Any]
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_message_ids: set[int] = field(default_factory=set)
    history: list[SentMessage] = field(default_factory=list)
    latest: dict[int, SentMessage] = field(default_factory=dict)
    next_message_id: int = 1

    @property
    def id(self) -> int:
        return int(self.data["id"])

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def note_message_id(self, message_id: int) -> None:
        self.next_message_id = max(self.next_message_id, message_id + 1)


@dataclass
class _Fault:
    method: str
    status: int
    retry_after: int | None
    remaining: int
    chat_id: int | None
    description: str | None
    until: float | None = None  # an outage: every call fails until then (time.monotonic())


class _Poller:
    """One waiting getUpdates request: woken when an update arrives, when a newer getUpdates
    replaces it (409 like Telegram), or when the server stops."""

    __slots__ = ("terminated", "wake")

    def __init__(self) -> None:
        self.wake = asyncio.Event()
        self.terminated = False


Handler = Callable[[Request], Awaitable[Any]]


class BotApiSandbox(GroupChats, DiceAndPolls):
    """The fake Telegram. `await start()`, then point the bot at `url`; play users with
    `send_text`/`press`/`send_sticker`/`send_photo`/`send_update`, in groups with
    `create_group`/`add_bot_to_group`/`send_group_text`/`answer_poll` (bot/sandbox/groups.py,
    bot/sandbox/polls.py); read `calls`, `messages()`, `callback_answers`, `commands`; inject
    `fail_next`, `outage`, `block`, `rate_limit`, `redeliver`, `revoke_token`; fix dice with
    `seed_dice`/`next_dice`."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "surprise_quiz_bot",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_first_name: str = "Surprise Quiz",
        clock: Callable[[], float] = time.time,
        first_update_id: int | None = None,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.clock = clock
        bot_id_text = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(bot_id_text) if bot_id_text.isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[ApiCall] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: dict[tuple[str, int | None, str | None], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.deleted: list[tuple[int, int]] = []  # (chat_id, message_id) deleteMessage removed
        self.deliveries: dict[int, int] = {}  # update_id → how many times getUpdates returned it
        self.activity = 0  # API calls other than getUpdates; the harness waits for quiet
        self._listeners: list[Callable[[SentMessage], None]] = []
        self.last_activity_at = 0.0

        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._files: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)
        self._open_queries: dict[str, int] = {}  # callback id → user id, until answered
        self._updates: deque[dict[str, Any]] = deque()
        self._every_update: dict[int, dict[str, Any]] = {}  # for redeliver()
        self._revoked = False
        # Telegram numbers a bot's updates on from where it stopped, or from a random number
        # after a week without updates; a fresh sandbox is such a bot (and two sandboxes in a
        # row, on one database, must not hand out the same ids as if they were one bot's).
        self._next_update_id = first_update_id or random.randrange(1, 2**30)
        self._allowed_updates: frozenset[str] | None = None
        self._pollers: set[_Poller] = set()
        self._faults: list[_Fault] = []
        self._blocked: set[int] = set()
        self._rate: tuple[float, float] | None = None
        self._sent_at: deque[float] = deque()
        self._sent_at_by_chat: dict[int, deque[float]] = {}
        self._sent_at_by_group: dict[int, deque[float]] = {}
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.webhook: dict[str, Any] | None = None  # setWebhook parameters while one is set
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_wake = asyncio.Event()
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "logOut": self._true,
                "close": self._true,
                "getUpdates": self._get_updates,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "getChat": self._get_chat,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "editMessageCaption": self._edit_message_caption,
                "editMessageMedia": functools.partial(edit_message_media, self),
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "sendMediaGroup": self._send_media_group,
                "sendChatAction": self._send_chat_action,
                "getFile": self._get_file,
                **self._poll_methods(),
            }.items()
        }
        self._init_groups()
        self._init_polls()

    # ------------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        """The Bot API root: Settings(TELEGRAM_API_URL=sandbox.url)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        self._closing = False
        app = web.Application(client_max_size=DOCUMENT_BYTES_LIMIT + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        # A burst of chats opens hundreds of connections at once (PTB pools up to 256); the
        # default backlog of 128 would drop SYNs and stall clients for a 1 s retransmit.
        site = web.TCPSite(self._runner, self.host, self.port, backlog=2048)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Wake every long poll (they answer []) and close the server."""
        self._closing = True
        self._stop_poll_timers()
        for poller in list(self._pollers):
            poller.wake.set()
        await self._stop_webhook_delivery()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiSandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ users' side

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        language_code: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """The user's Telegram profile, created on first use; given fields replace the stored
        ones, omitted fields keep what the user had (a profile persists across messages)."""
        profile = self._users.get(user_id)
        if profile is None:
            profile = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
            self._users[user_id] = profile
        for key, value in (
            ("first_name", first_name),
            ("language_code", language_code),
            ("last_name", last_name),
            ("username", username),
        ):
            if value is not None:
                profile[key] = value
        return dict(profile)

    def send_text(
        self,
        user_id: int,
        text: str,
        first_name: str | None = None,
        language_code: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
    ) -> int:
        """A user types `text` in their private chat with the bot; returns the message_id."""
        sender = self.user(user_id, first_name, language_code, last_name, username)
        message: dict[str, Any] = {"text": text}
        command = _BOT_COMMAND.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        return self._user_message(sender, message)

    def send_sticker(self, user_id: int, emoji: str = "😀") -> int:
        sender = self.user(user_id)
        stored = self._store_file(b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._user_message(sender, {"sticker": sticker})

    def send_photo(
        self, user_id: int, data: bytes | None = None, caption: str | None = None
    ) -> int:
        sender = self.user(user_id)
        data = data if data is not None else tiny_png()
        stored = self._store_file(data, "photo.png", "photos")
        width, height = image_size(data) or (1, 1)
        message: dict[str, Any] = {"photo": [self._photo_size(stored, width, height)]}
        if caption is not None:
            message["caption"] = caption
        return self._user_message(sender, message)

    def send_document(
        self, user_id: int, data: bytes = b"hello", filename: str = "notes.txt"
    ) -> int:
        sender = self.user(user_id)
        stored = self._store_file(data, filename, "documents")
        return self._user_message(sender, {"document": self._document(stored)})

    def edit_text(self, user_id: int, message_id: int, text: str) -> int:
        """The user edits a text they sent earlier: an `edited_message` update."""
        chat = self._chats.get(user_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message_id in chat.bot_message_ids:
            raise LookupError(f"user {user_id} sent no message {message_id}")
        edited = {**message, "text": text, "edit_date": int(self.clock())}
        edited.pop("entities", None)
        command = _BOT_COMMAND.match(text)
        if command:
            edited["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        chat.messages[message_id] = edited
        return self._enqueue({"edited_message": edited})

    def press(self, user_id: int, message_id: int, data: str, *, chat_id: int | None = None) -> str:
        """The user presses a button with `data` (real or forged) under a message the bot sent
        in that chat; returns the callback query id."""
        chat = self._chats.get(chat_id if chat_id is not None else user_id)
        if chat is None or message_id not in chat.bot_message_ids:
            raise LookupError(f"the bot sent no message {message_id} in chat {chat_id or user_id}")
        sender = self.user(user_id)
        query_id = f"{user_id}{next(self._callback_counter):08d}"
        self._open_queries[query_id] = user_id
        query = {
            "id": query_id,
            "from": sender,
            "message": chat.messages[message_id],
            "chat_instance": f"ci{chat.id}",
            "data": data,
        }
        self._enqueue({"callback_query": query})
        return query_id

    def send_update(self, update: dict[str, Any]) -> int:
        """Enqueue any raw update (edited_message, group messages, messages without `from`…).
        Chats and messages inside are remembered so the bot can answer them."""
        update = dict(update)
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            message = update.get(key)
            if isinstance(message, dict) and isinstance(message.get("chat"), dict):
                chat = self._chat(message["chat"])
                if "message_id" in message:
                    chat.note_message_id(int(message["message_id"]))
                    if key in ("message", "channel_post"):
                        chat.messages[int(message["message_id"])] = message
        return self._enqueue(update)

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every send to them → 403."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    # ------------------------------------------------------------------ faults and limits

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int | None = None,
        count: int = 1,
        chat_id: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next `count` calls of `method` (to `chat_id`, if given) fail with `status`."""
        if status == 429 and retry_after is None:
            retry_after = 1
        self._faults.append(
            _Fault(method.lower(), status, retry_after, count, chat_id, description)
        )

    def outage(self, method: str, seconds: float, status: int = 502) -> None:
        """Every call of `method` fails with `status` for the next `seconds` (a Telegram
        outage as the bot sees it: 502 Bad Gateway by default)."""
        until = time.monotonic() + seconds
        self._faults.append(_Fault(method.lower(), status, None, 1, None, None, until))

    def redeliver(self, update_id: int) -> None:
        """Deliver an update again with its own id, as Telegram does with updates whose
        offset was never confirmed (the bot stored or handled it, then died)."""
        again = dict(self._every_update[update_id])
        self._updates = deque(sorted([*self._updates, again], key=lambda u: u["update_id"]))
        for poller in self._pollers:
            poller.wake.set()
        self._webhook_wake.set()

    def revoke_token(self) -> None:
        """The owner revoked the token in @BotFather: every call now gets 401, long polls in
        progress included."""
        self._revoked = True
        for poller in list(self._pollers):
            poller.wake.set()

    def rate_limit(self, per_second: float | None = 30, per_chat_per_second: float = 1) -> None:
        """Enforce Telegram's flood limits on sends (None turns it off): over them → 429.
        Groups also get Telegram's 20 messages a minute."""
        self._rate = None if per_second is None else (per_second, per_chat_per_second)
        self._sent_at.clear()
        self._sent_at_by_chat.clear()
        self._sent_at_by_group.clear()

    # ------------------------------------------------------------------ reading back

    def add_listener(self, listener: Callable[[SentMessage], None]) -> None:
        """Call `listener(message)` for every message the bot sends or edits, as it happens
        (benchmarks wait on this instead of polling `messages()`)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[SentMessage], None]) -> None:
        self._listeners.remove(listener)

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Everything the bot sent or edited in the chat, in order (edits are snapshots)."""
        chat = self._chats.get(chat_id)
        return list(chat.history) if chat else []

    def message(self, chat_id: int, message_id: int) -> SentMessage | None:
        """The message as it stands now (after edits); None if never sent or deleted."""
        chat = self._chats.get(chat_id)
        if chat is None or message_id not in chat.messages:
            return None
        return chat.latest.get(message_id)

    def calls_to(self, method: str) -> list[ApiCall]:
        method = method.lower()
        return [call for call in self.calls if call.method.lower() == method]

    @property
    def last_update_id(self) -> int:
        return self._next_update_id - 1

    @property
    def unconfirmed_updates(self) -> int:
        """Updates not yet confirmed by a getUpdates offset (returned or not)."""
        return len(self._updates)

    @property
    def waiting_pollers(self) -> int:
        """getUpdates requests parked in a long poll right now."""
        return len(self._pollers)

    @property
    def undelivered_updates(self) -> int:
        """Updates getUpdates has never returned."""
        return sum(1 for update in self._updates if update["update_id"] not in self.deliveries)

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle_method(self, request: web.Request) -> web.Response:
        method_text = request.match_info["method"]
        if request.match_info["token"] != self.token or self._revoked:
            # Recorded too: a test can see that a wrong token was tried.
            self.calls.append(
                ApiCall(method_text, {}, {}, 401, time.monotonic(), error="Unauthorized")
            )
            return json_response(401, ApiError(401, "Unauthorized").payload())
        name, handler = self._methods.get(method_text.lower(), (method_text, None))
        call = Request({}, {}, {})
        try:
            call = await read_request(request)
            if handler is None:
                raise ApiError(404, "Not Found")
            self._inject_fault(name, call.params)
            result = await handler(call)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.status, exc.payload()
        now = time.monotonic()
        self.calls.append(
            ApiCall(
                method=name,
                params=call.params,
                files=call.files,
                status=status,
                at=now,
                error=None if status == 200 else body.get("description"),
            )
        )
        if name != "getUpdates":
            self.activity += 1
            self.last_activity_at = now
        return json_response(status, body)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401, text="Unauthorized")
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.Response(status=404, text="Not Found")

    def _inject_fault(self, method: str, params: dict[str, Any]) -> None:
        now = time.monotonic()
        self._faults = [f for f in self._faults if f.until is None or f.until > now]
        for fault in self._faults:
            if fault.method != method.lower() or fault.remaining <= 0:
                continue
            if fault.until is not None:
                raise _fault_error(fault)
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.remaining -= 1
            self._faults = [f for f in self._faults if f.remaining > 0]
            raise _fault_error(fault)

    # ------------------------------------------------------------------ updates

    def _enqueue(self, update: dict[str, Any]) -> int:
        update_id = update.get("update_id")
        if not isinstance(update_id, int) or update_id < self._next_update_id:
            update_id = self._next_update_id
        update["update_id"] = update_id
        self._next_update_id = update_id + 1
        self._updates.append(update)
        self._every_update[update_id] = update
        for poller in self._pollers:
            poller.wake.set()
        self._webhook_wake.set()
        return update_id

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # Telegram: a negative offset keeps only the last -offset updates.
            while len(self._updates) > -offset:
                self._updates.popleft()
            return
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()

    def _take(self, limit: int) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        for update in list(self._updates):
            if len(batch) >= limit:
                break
            if not self._is_allowed(update):
                # Telegram never delivers a type the bot did not ask for; it is dropped.
                self._updates.remove(update)
                continue
            batch.append(update)
        for update in batch:
            update_id = update["update_id"]
            self.deliveries[update_id] = self.deliveries.get(update_id, 0) + 1
        return batch

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    async def _get_updates(self, call: Request) -> list[dict[str, Any]]:
        params = call.params
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        if isinstance(offset, int) and offset != 0:
            self._confirm(offset)
        me = _Poller()
        for other in self._pollers:
            other.terminated = True
            other.wake.set()
        self._pollers.add(me)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                if self._revoked:
                    raise ApiError(401, "Unauthorized")
                if me.terminated:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
                batch = self._take(limit)
                remaining = deadline - loop.time()
                if batch or self._closing or remaining <= 0:
                    return batch
                me.wake.clear()
                try:
                    await asyncio.wait_for(me.wake.wait(), remaining)
                except TimeoutError:
                    return []
        finally:
            self._pollers.discard(me)

    async def _delete_webhook(self, call: Request) -> bool:
        self.webhook = None
        await self._stop_webhook_delivery()
        if call.params.get("drop_pending_updates"):
            self._drop_pending()
        return True

    async def _get_webhook_info(self, call: Request) -> dict[str, Any]:
        return {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _set_webhook(self, call: Request) -> bool:
        """Like Telegram, but plain http is accepted: the sandbox pushes to a loopback bot."""
        url = call.params.get("url") or ""
        if not isinstance(url, str) or not url:
            return await self._delete_webhook(call)
        if not url.startswith(("http://", "https://")):
            raise ApiError.bad_request("bad webhook: HTTPS url must be provided for webhook")
        if call.params.get("drop_pending_updates"):
            self._drop_pending()
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        self.webhook = dict(call.params)
        for poller in self._pollers:  # a waiting long poll ends, as on Telegram
            poller.terminated = True
            poller.wake.set()
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_to_webhook())
        self._webhook_wake.set()
        return True

    def _drop_pending(self) -> None:
        self._updates.clear()

    async def _stop_webhook_delivery(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver_to_webhook(self) -> None:
        """POST updates one by one, in order, each confirmed by a 2xx answer; failures are
        retried (Telegram retries too), so nothing is lost while the bot restarts."""
        timeout = ClientTimeout(total=30)
        async with ClientSession(timeout=timeout) as session:
            while self.webhook is not None and not self._closing:
                self._webhook_wake.clear()
                batch = self._take(1)
                if not batch:
                    await self._webhook_wake.wait()
                    continue
                update = batch[0]
                if not await self._post_update(session, self.webhook, update):
                    await asyncio.sleep(0.2)
                    continue
                self._confirm(update["update_id"] + 1)

    @staticmethod
    async def _post_update(
        session: ClientSession, webhook: dict[str, Any], update: dict[str, Any]
    ) -> bool:
        headers = {}
        secret = webhook.get("secret_token")
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(secret)
        try:
            async with session.post(webhook["url"], json=update, headers=headers) as response:
                return 200 <= response.status < 300
        except (ClientError, TimeoutError, OSError):
            return False

    # ------------------------------------------------------------------ bot profile

    async def _get_me(self, call: Request) -> dict[str, Any]:
        return self.bot_user

    async def _true(self, call: Request) -> bool:
        return True

    async def _set_my_commands(self, call: Request) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError.bad_request("commands must be a list of at most 100 BotCommand")
        for command in commands:
            name = command.get("command", "") if isinstance(command, dict) else ""
            description = command.get("description", "") if isinstance(command, dict) else ""
            if not _COMMAND_NAME.match(name):
                raise ApiError.bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._command_key(call.params)] = commands
        return True

    async def _get_my_commands(self, call: Request) -> list[dict[str, Any]]:
        return self.commands.get(self._command_key(call.params), [])

    async def _delete_my_commands(self, call: Request) -> bool:
        self.commands.pop(self._command_key(call.params), None)
        return True

    @staticmethod
    def _command_key(params: dict[str, Any]) -> tuple[str, int | None, str | None]:
        """(scope type, chat_id of a chat scope or None, language code or None for all)."""
        scope = params.get("scope") or {}
        if not isinstance(scope, dict):
            raise ApiError.bad_request("can't parse BotCommandScope JSON object")
        chat_id = scope.get("chat_id")
        return (
            str(scope.get("type", "default")),
            int(chat_id) if chat_id is not None else None,
            params.get("language_code") or None,
        )

    async def _set_chat_menu_button(self, call: Request) -> bool:
        chat_id = call.params.get("chat_id")
        self.menu_buttons[chat_id] = call.params.get("menu_button") or {"type": "default"}
        return True

    async def _get_chat_menu_button(self, call: Request) -> dict[str, Any]:
        return self.menu_buttons.get(call.params.get("chat_id"), {"type": "commands"})

    async def _get_chat(self, call: Request) -> dict[str, Any]:
        chat = self._target_chat(call.params, check_blocked=False)
        return {**chat.data, "accent_color_id": 0, "max_reaction_count": 11}

    # ------------------------------------------------------------------ sending

    async def _send_message(self, call: Request) -> dict[str, Any]:
        params = call.params
        chat = self._target_chat(params)
        text, entities = render_text(
            params.get("text"), params.get("parse_mode"), params.get("entities"), TEXT_LIMIT
        )
        markup = check_markup(params.get("reply_markup"))
        self._check_reply(chat, params)
        self._check_rate(chat.id)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        message = self._bot_message(chat, content, markup)
        self._snapshot(chat, message, "text", call, "sendMessage")
        return message

    async def _send_photo(self, call: Request) -> dict[str, Any]:
        params = call.params
        chat = self._target_chat(params)
        caption = render_caption(params)
        markup = check_markup(params.get("reply_markup"))
        stored = self._input_file(call, "photo", "photos")
        size = check_photo(stored.data)
        self._check_reply(chat, params)
        self._check_rate(chat.id)
        content: dict[str, Any] = {"photo": [self._photo_size(stored, *size)], **caption}
        message = self._bot_message(chat, content, markup)
        self._snapshot(chat, message, "photo", call, "sendPhoto", stored)
        return message

    async def _send_document(self, call: Request) -> dict[str, Any]:
        params = call.params
        chat = self._target_chat(params)
        caption = render_caption(params)
        markup = check_markup(params.get("reply_markup"))
        stored = self._input_file(call, "document", "documents")
        if not stored.data:
            raise ApiError.bad_request("file must be non-empty")
        if len(stored.data) > DOCUMENT_BYTES_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        self._check_reply(chat, params)
        self._check_rate(chat.id)
        content = {"document": self._document(stored), **caption}
        message = self._bot_message(chat, content, markup)
        self._snapshot(chat, message, "document", call, "sendDocument", stored)
        return message

    async def _send_media_group(self, call: Request) -> list[dict[str, Any]]:
        params = call.params
        chat = self._target_chat(params)
        media = params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise ApiError.bad_request("wrong number of messages in the media group (2-10)")
        prepared: list[tuple[str, dict[str, Any], _StoredFile]] = []
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in ("photo", "document"):
                raise ApiError.bad_request("unsupported media type in the sandbox")
            kind = item["type"]
            stored = self._resolve_file(call, item.get("media"), kind + "s")
            caption = render_caption(item)
            if kind == "photo":
                content = {"photo": [self._photo_size(stored, *check_photo(stored.data))]}
            else:
                content = {"document": self._document(stored)}
            prepared.append((kind, {**content, **caption}, stored))
        self._check_rate(chat.id)
        group_id = f"mg{next(self._file_counter)}"
        results = []
        for kind, content, stored in prepared:
            message = self._bot_message(chat, {**content, "media_group_id": group_id}, None)
            self._snapshot(chat, message, kind, call, "sendMediaGroup", stored)
            results.append(message)
        return results

    async def _send_chat_action(self, call: Request) -> bool:
        self._target_chat(call.params)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise ApiError.bad_request("wrong parameter action in request")
        return True

    # ------------------------------------------------------------------ editing

    async def _edit_message_text(self, call: Request) -> dict[str, Any]:
        params = call.params
        chat, message = self._editable(params)
        if "text" not in message:
            raise ApiError.bad_request("there is no text in the message to edit")
        text, entities = render_text(
            params.get("text"), params.get("parse_mode"), params.get("entities"), TEXT_LIMIT
        )
        markup = check_markup(params.get("reply_markup"))
        changed = {"text": text, "entities": entities}
        return self._apply_edit(chat, message, changed, markup, call, "editMessageText")

    async def _edit_message_caption(self, call: Request) -> dict[str, Any]:
        params = call.params
        chat, message = self._editable(params)
        if "text" in message or "poll" in message or "dice" in message:
            raise ApiError.bad_request("there is no caption in the message to edit")
        caption = render_caption(params)
        markup = check_markup(params.get("reply_markup"))
        changed = {
            "caption": caption.get("caption"),
            "caption_entities": caption.get("caption_entities", []),
        }
        return self._apply_edit(chat, message, changed, markup, call, "editMessageCaption")

    async def _edit_message_reply_markup(self, call: Request) -> dict[str, Any]:
        chat, message = self._editable(call.params)
        markup = check_markup(call.params.get("reply_markup"))
        return self._apply_edit(chat, message, {}, markup, call, "editMessageReplyMarkup")

    def _editable(self, params: dict[str, Any]) -> tuple[_Chat, dict[str, Any]]:
        if "inline_message_id" in params:
            raise ApiError.bad_request("inline messages are not supported by the sandbox")
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        message = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if message is None:
            raise ApiError.bad_request("message to edit not found")
        if message_id not in chat.bot_message_ids:
            raise ApiError.bad_request("message can't be edited")
        return chat, message

    def _apply_edit(
        self,
        chat: _Chat,
        message: dict[str, Any],
        changed: dict[str, Any],
        markup: dict[str, Any] | None,
        call: Request,
        method: str,
    ) -> dict[str, Any]:
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        updated = {key: value for key, value in message.items() if key != "reply_markup"}
        for key, value in changed.items():
            if value in (None, []):
                updated.pop(key, None)
            else:
                updated[key] = value
        if markup is not None and "inline_keyboard" in markup:
            updated["reply_markup"] = markup
        if same_content(message, updated):
            raise ApiError.bad_request(_NOT_MODIFIED)
        updated["edit_date"] = int(self.clock())
        chat.messages[message["message_id"]] = updated
        previous = chat.latest[message["message_id"]]
        kind = previous.kind
        stored = None
        if previous.file_bytes is not None:
            stored = _StoredFile("", "", previous.file_bytes, previous.filename or "", "")
        self._snapshot(chat, updated, kind, call, method, stored, edited=True)
        return updated

    async def _delete_message(self, call: Request) -> bool:
        chat = self._target_chat(call.params, check_blocked=False)
        message_id = call.params.get("message_id")
        if not isinstance(message_id, int) or message_id not in chat.messages:
            raise ApiError.bad_request("message to delete not found")
        del chat.messages[message_id]
        self.deleted.append((chat.id, message_id))
        chat.bot_message_ids.discard(message_id)
        chat.latest.pop(message_id, None)
        return True

    async def _answer_callback_query(self, call: Request) -> bool:
        query_id = str(call.params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise ApiError.bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = call.params.get("text")
        if isinstance(text, str) and len(text) > CALLBACK_ANSWER_LIMIT:
            raise ApiError.bad_request("MESSAGE_TOO_LONG")
        del self._open_queries[query_id]
        self.callback_answers.append(call.params)
        return True

    # ------------------------------------------------------------------ files

    async def _get_file(self, call: Request) -> dict[str, Any]:
        stored = self._files.get(str(call.params.get("file_id", "")))
        if stored is None:
            raise ApiError.bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.path,
        }

    def _store_file(self, data: bytes, filename: str, folder: str) -> _StoredFile:
        number = next(self._file_counter)
        suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
        stored = _StoredFile(
            file_id=f"BQACAgIAAx{number:010d}",
            file_unique_id=f"AgAD{number:06d}",
            data=data,
            filename=filename,
            path=f"{folder}/file_{number}.{suffix}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _input_file(self, call: Request, name: str, folder: str) -> _StoredFile:
        if name in call.files:
            return self._store_file(call.files[name], call.filenames.get(name, name), folder)
        value = call.params.get(name)
        if value is None:
            raise ApiError.bad_request(f"there is no {name} in the request")
        return self._resolve_file(call, value, folder)

    def _resolve_file(self, call: Request, value: object, folder: str) -> _StoredFile:
        if isinstance(value, str) and value.startswith("attach://"):
            part = value[len("attach://") :]
            if part in call.files:
                return self._store_file(call.files[part], call.filenames.get(part, part), folder)
        elif isinstance(value, str) and value in self._files:
            return self._files[value]
        raise ApiError.bad_request("wrong file identifier/HTTP URL specified")

    @staticmethod
    def _photo_size(stored: _StoredFile, width: int, height: int) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(stored.data),
        }

    @staticmethod
    def _document(stored: _StoredFile) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.filename,
            "mime_type": mime_type(stored.filename),
            "file_size": len(stored.data),
        }

    # ------------------------------------------------------------------ chats and messages

    def _chat(self, data: dict[str, Any]) -> _Chat:
        chat_id = int(data["id"])
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = _Chat(data=dict(data))
            self._chats[chat_id] = chat
        else:
            chat.data.update(data)
        return chat

    def _private_chat(self, sender: dict[str, Any]) -> _Chat:
        data = {"id": sender["id"], "type": "private", "first_name": sender["first_name"]}
        for key in ("last_name", "username"):
            if key in sender:
                data[key] = sender[key]
        return self._chat(data)

    def _user_message(self, sender: dict[str, Any], content: dict[str, Any]) -> int:
        return self._message_from(self._private_chat(sender), sender, content)

    def _message_from(
        self,
        chat: _Chat,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        deliver: bool = True,
    ) -> int:
        """A user's message in `chat`; the bot gets it as an update if `deliver`."""
        message_id = chat.take_message_id()
        message = {
            "message_id": message_id,
            "from": sender,
            "chat": dict(chat.data),
            "date": int(self.clock()),
            **content,
        }
        chat.messages[message_id] = message
        if deliver:
            self._enqueue({"message": message})
        return message_id

    def _bot_message(
        self, chat: _Chat, content: dict[str, Any], markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        message_id = chat.take_message_id()
        message = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": dict(chat.data),
            "date": int(self.clock()),
            **content,
        }
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        chat.messages[message_id] = message
        chat.bot_message_ids.add(message_id)
        return message

    def _snapshot(
        self,
        chat: _Chat,
        message: dict[str, Any],
        kind: str,
        call: Request,
        method: str,
        stored: _StoredFile | None = None,
        *,
        edited: bool = False,
    ) -> None:
        markup = message.get("reply_markup")
        text = message.get("text", message.get("caption", "")) or ""
        if "poll" in message:
            text = message["poll"]["question"]
        source_key = "text" if kind == "text" else "caption"
        source = call.params.get(source_key)
        snapshot = SentMessage(
            message_id=message["message_id"],
            chat_id=chat.id,
            kind=kind,
            text=text,
            parse_mode=call.params.get("parse_mode"),
            reply_markup=markup,
            buttons=buttons_of(markup),
            file_bytes=stored.data if stored is not None else None,
            filename=stored.filename if stored is not None else None,
            edited=edited,
            source=source if isinstance(source, str) else text,
            method=method,
            entities=list(message.get("entities", message.get("caption_entities", []))),
            raw=message,
        )
        if method == "editMessageReplyMarkup":
            previous = chat.latest[message["message_id"]]
            snapshot.parse_mode, snapshot.source = previous.parse_mode, previous.source
        chat.history.append(snapshot)
        chat.latest[snapshot.message_id] = snapshot
        for listener in self._listeners:
            listener(snapshot)

    def _target_chat(self, params: dict[str, Any], *, check_blocked: bool = True) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError.bad_request("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError.bad_request("chat not found")
        if check_blocked and chat.id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if check_blocked:
            self._check_bot_can_post(chat)
        return chat

    def _check_reply(self, chat: _Chat, params: dict[str, Any]) -> None:
        reply = params.get("reply_parameters")
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        allow_missing = bool(reply.get("allow_sending_without_reply")) if reply else False
        if reply_to is None:
            reply_to = params.get("reply_to_message_id")
            allow_missing = bool(params.get("allow_sending_without_reply"))
        if reply_to is not None and reply_to not in chat.messages and not allow_missing:
            raise ApiError.bad_request("message to be replied not found")

    def _check_rate(self, chat_id: int) -> None:
        if self._rate is None:
            return
        per_second, per_chat = self._rate
        now = time.monotonic()
        chat_times = self._sent_at_by_chat.setdefault(chat_id, deque())
        windows = [(self._sent_at, per_second, 1.0), (chat_times, per_chat, 1.0)]
        if chat_id < 0:  # groups: also about 20 messages a minute
            group_times = self._sent_at_by_group.setdefault(chat_id, deque())
            windows.append((group_times, GROUP_MESSAGES_PER_MINUTE, 60.0))
        for window, limit, seconds in windows:
            while window and window[0] <= now - seconds:
                window.popleft()
            if len(window) >= limit:
                retry_after = max(1, math.ceil(window[0] + seconds - now))
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
        for window, _limit, _seconds in windows:
            window.append(now)


def _fault_error(fault: _Fault) -> ApiError:
    if fault.status == 429:
        retry_after = fault.retry_after or 1
        return ApiError(
            429,
            fault.description or f"Too Many Requests: retry after {retry_after}",
            {"retry_after": retry_after},
        )
    defaults = {
        400: "Bad Request: injected failure",
        403: "Forbidden: bot was blocked by the user",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    return ApiError(fault.status, fault.description or defaults.get(fault.status, "Error"))

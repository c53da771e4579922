"""`python -m bot demo`: chat with the real bot in a terminal, no Telegram account needed.

The same `build_application` as production runs against the loopback Bot API server with a
throwaway SQLite database. Lines you type are messages from a simulated user; the bot's
replies are printed as plain text with their inline buttons numbered ([#1 Hint] [#2 Skip]):
type `#1` to press one. A plain number is an answer, since answers are numbers. Pictures and
documents are saved into a folder and their paths printed. `:quit` or end of input leaves.

Works interactively (a prompt) and with piped input or `--script FILE` (each line echoed),
which is how the tests drive it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import queue
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bot.config import Settings
from bot.sandbox.records import SentMessage
from bot.sandbox.runner import start_application, stop_application, wait_until_idle
from bot.sandbox.server import BotApiSandbox

DEMO_TOKEN = "100000:DEMO-TOKEN"
DEMO_USERNAME = "surprise_quiz_bot"
REPLY_TIMEOUT_SECONDS = 60.0  # a chart or a PDF on a slow laptop
BACKGROUND_CHECK_SECONDS = 0.5
_PRESS = re.compile(r"^#\s*(\d+)$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

BANNER = {
    "uk": (
        "Surprise Quiz — демо. Ви пишете справжньому ботові через локальний «Telegram».\n"
        "Почніть з /start. Кнопки натискайте так: #1, #2 … Просто число — це відповідь.\n"
        "Картинки й файли зберігаються в {out}. Вихід: :quit"
    ),
    "en": (
        "Surprise Quiz demo. You are chatting with the real bot through a local 'Telegram'.\n"
        "Start with /start. Press buttons by typing #1, #2 … A plain number is an answer.\n"
        "Pictures and files are saved in {out}. Leave with :quit"
    ),
}
NO_SUCH_BUTTON = {
    "uk": "(немає кнопки #{n}; зараз є: {have})",
    "en": "(there is no button #{n}; now there are: {have})",
}
STILL_WORKING = {
    "uk": "(бот ще працює: {reason})",
    "en": "(the bot is still working: {reason})",
}
BYE = {"uk": "До зустрічі!", "en": "Bye!"}
NO_BUTTONS = "[—]"
USER_NAMES = {"uk": "Оля", "en": "Alex"}


@dataclass
class Transcript:
    """Prints what the bot did, numbering buttons, and remembers what each number presses."""

    sandbox: BotApiSandbox
    chat_id: int
    out_dir: Path
    write: Callable[[str], None]
    printed: int = 0
    buttons: dict[int, tuple[int, str]] = field(default_factory=dict)

    def flush(self) -> None:
        """Print every message the bot sent or edited since the last flush."""
        messages = self.sandbox.messages(self.chat_id)
        fresh, self.printed = messages[self.printed :], len(messages)
        numbered: dict[int, tuple[int, str]] = {}
        for message in fresh:
            self.write(self._render(message, numbered))
        if numbered:
            # The newest keyboard takes the numbers; older ones stay pressable by typing
            # again after they are shown, as in a real chat you would scroll up.
            self.buttons = numbered

    def _render(self, message: SentMessage, numbered: dict[int, tuple[int, str]]) -> str:
        head = "bot ✏️ " if message.edited else "bot> "
        lines: list[str] = []
        if message.kind in ("photo", "document") and message.file_bytes is not None:
            path = self._save(message)
            icon = "🖼" if message.kind == "photo" else "📄"
            lines.append(f"{icon} {path}")
        if message.method == "editMessageReplyMarkup":
            # Only the buttons changed: a reminder of which message, not the whole text again.
            first = message.text.splitlines()[0] if message.text else ""
            lines.append(_shorten(first) + ("" if message.buttons else "  " + NO_BUTTONS))
        elif message.text:
            lines.extend(message.text.splitlines() or [""])
        row_texts = []
        for row in message.buttons:
            cells = []
            for label, target in row:
                callback = _callback_of(message, label)
                if callback is None:
                    cells.append(f"[{label} → {target}]" if target else f"[{label}]")
                    continue
                number = len(numbered) + 1
                numbered[number] = (message.message_id, callback)
                cells.append(f"[#{number} {label}]")
            row_texts.append(" ".join(cells))
        lines.extend(row_texts)
        indent = " " * len("bot> ")
        body = lines or ["(empty)"]
        return head + body[0] + "".join(f"\n{indent}{line}" for line in body[1:])

    def _save(self, message: SentMessage) -> Path:
        """Save a file under the name the bot gave it (`8-A_2026-11-29.csv`), as a phone
        would download it; a second file of the same name gets `-2`, `-3`…"""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        default = "photo.png" if message.kind == "photo" else "file.bin"
        name = _UNSAFE_NAME.sub("_", message.filename or default).strip("._") or default
        if message.kind == "photo" and "." not in name:
            name += ".png"
        stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
        path = self.out_dir / name
        copy = 1
        while path.exists():
            copy += 1
            path = self.out_dir / f"{stem}-{copy}{dot}{extension}"
        path.write_bytes(message.file_bytes or b"")
        return path


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _callback_of(message: SentMessage, label: str) -> str | None:
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for button in row:
            if button.get("text") == label and "callback_data" in button:
                return str(button["callback_data"])
    return None


class LineReader:
    """Reads input lines in a daemon thread, one at a time on request, so the event loop keeps
    serving the bot while the person types (and Ctrl-C never waits for a blocked read)."""

    def __init__(self, stream: IO[str], interactive: bool, prompt: str = "you> ") -> None:
        self._stream = stream
        self._interactive = interactive
        self._prompt = prompt
        self._requests: queue.SimpleQueue[tuple[asyncio.AbstractEventLoop, asyncio.Future[Any]]]
        self._requests = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="demo-input", daemon=True)
        self._thread.start()

    async def readline(self) -> str | None:
        """The next line without its newline, or None at end of input."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str | None] = loop.create_future()
        self._requests.put((loop, future))
        return await future

    def _serve(self) -> None:
        while True:
            loop, future = self._requests.get()
            line = self._read_one()
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(_resolve, future, line)
            if line is None:
                return

    def _read_one(self) -> str | None:
        try:
            if self._interactive:
                return input(self._prompt)
            line = self._stream.readline()
        except (EOFError, KeyboardInterrupt, ValueError):
            return None
        return line.rstrip("\r\n") if line else None


def _resolve(future: asyncio.Future[Any], value: Any) -> None:
    if not future.done():
        future.set_result(value)


def demo_settings(database_url: str, api_url: str, lang: str, admin_ids: str) -> Settings:
    """Demo settings: nothing from .env (a real token or API URL there must not be used)."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        TELEGRAM_BOT_TOKEN=DEMO_TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url,
        TELEGRAM_RATE_LIMIT=0,
        ADMIN_IDS=admin_ids,
        DEFAULT_LANGUAGE=lang,
        QUIET_HOURS="off",
    )


async def run_demo(
    *,
    lang: str,
    user_id: int,
    teacher: bool,
    out_dir: Path,
    reader: LineReader,
    write: Callable[[str], None],
    echo_input: bool,
) -> None:
    from bot.app import build_application

    sandbox = BotApiSandbox(token=DEMO_TOKEN, bot_username=DEMO_USERNAME)
    with tempfile.TemporaryDirectory(prefix="surprise-quiz-demo-") as workdir:
        await sandbox.start()
        database_url = f"sqlite+aiosqlite:///{Path(workdir) / 'demo.sqlite3'}"
        settings = demo_settings(database_url, sandbox.url, lang, str(user_id) if teacher else "")
        application = build_application(settings)
        transcript = Transcript(sandbox, user_id, out_dir, write)
        sandbox.user(user_id, USER_NAMES[lang], lang)
        try:
            await start_application(application, poll_timeout=10)
            write(BANNER[lang].format(out=out_dir))
            background = asyncio.create_task(_print_in_background(sandbox, application, transcript))
            try:
                await _converse(sandbox, application, transcript, reader, write, lang, echo_input)
            finally:
                background.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await background
            write(BYE[lang])
        finally:
            await stop_application(application)
            await sandbox.stop()


async def _converse(
    sandbox: BotApiSandbox,
    application: Any,
    transcript: Transcript,
    reader: LineReader,
    write: Callable[[str], None],
    lang: str,
    echo_input: bool,
) -> None:
    user_id = transcript.chat_id
    while True:
        line = await reader.readline()
        if line is None:
            return
        text = line.strip()
        if echo_input and text:
            write(f"you> {text}")
        if text in (":quit", ":q", ":exit"):
            return
        if not text:
            continue
        press = _PRESS.match(text)
        if press:
            target = transcript.buttons.get(int(press.group(1)))
            if target is None:
                have = ", ".join(f"#{n}" for n in transcript.buttons) or "—"
                write(NO_SUCH_BUTTON[lang].format(n=press.group(1), have=have))
                continue
            message_id, data = target
            if sandbox.message(user_id, message_id) is None:
                write(NO_SUCH_BUTTON[lang].format(n=press.group(1), have="—"))
                continue
            sandbox.press(user_id, message_id, data)
        else:
            sandbox.send_text(user_id, line)
        try:
            await wait_until_idle(sandbox, application, quiet=0.1, timeout=REPLY_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            write(STILL_WORKING[lang].format(reason=exc))
        transcript.flush()


async def _print_in_background(
    sandbox: BotApiSandbox, application: Any, transcript: Transcript
) -> None:
    """Messages the bot sends on its own (reminders) appear while the person is typing."""
    while True:
        await asyncio.sleep(BACKGROUND_CHECK_SECONDS)
        if len(sandbox.messages(transcript.chat_id)) > transcript.printed:
            with contextlib.suppress(TimeoutError):
                await wait_until_idle(sandbox, application, quiet=0.1, timeout=5)
            transcript.flush()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot demo",
        description="Chat with Surprise Quiz in this terminal, without Telegram.",
    )
    parser.add_argument("--lang", choices=("uk", "en"), default="uk", help="your language")
    parser.add_argument("--user-id", type=int, default=1001, help="your simulated Telegram id")
    parser.add_argument(
        "--teacher", action="store_true", help="be a teacher (your id goes into ADMIN_IDS)"
    )
    parser.add_argument("--script", type=Path, help="read the lines to type from this file")
    parser.add_argument(
        "--out", type=Path, default=Path("demo-out"), help="folder for pictures and files"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(sys.argv[1:] if argv is None else argv)
    script: IO[str] | None = None
    if options.script is not None:
        script = options.script.open(encoding="utf-8")
    stream = script or sys.stdin
    interactive = script is None and sys.stdin.isatty()
    _utf8_output()

    def write(text: str) -> None:
        print(text, flush=True)

    try:
        asyncio.run(
            run_demo(
                lang=options.lang,
                user_id=options.user_id,
                teacher=options.teacher,
                out_dir=options.out.resolve(),
                reader=LineReader(stream, interactive),
                write=write,
                echo_input=not interactive,
            )
        )
    except KeyboardInterrupt:
        print(f"\n{BYE[options.lang]}")
    finally:
        if script is not None:
            script.close()
    return 0


def _utf8_output() -> None:
    """Ukrainian text and emoji must not crash a terminal or pipe with a narrow encoding."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")

"""`python -m bot demo`: chat with the real bot in a terminal, no Telegram account needed.

The same `build_application` as production runs against the loopback Bot API server with a
throwaway SQLite database. Lines you type are messages from a simulated user; the bot's
replies are printed as plain text with their inline buttons numbered ([#1 Hint] [#2 Skip]):
type `#1` to press one. A plain number is an answer, since answers are numbers. Dice show
their value (`🎲 4`), polls their options, numbered like buttons (`#2` votes). Pictures and
documents are saved into a folder and their paths printed. `:quit` or end of input leaves.

`:group` moves into a group chat of your class with three simulated classmates who play
along (`bot/sandbox/demo_group.py`): with `--teacher` and a class made with /newclass, the
group is bound to it and `/live dice 3` or `/live quiz` can be tried; `:private` goes back.

Works interactively (a prompt) and with piped input or `--script FILE` (each line echoed),
which is how the tests drive it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import queue
import re
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bot.config import Settings
from bot.sandbox.demo_group import GROUP_TITLE, ClassGroup
from bot.sandbox.polls import PollAnswerRefused
from bot.sandbox.records import SentMessage
from bot.sandbox.runner import start_application, stop_application, wait_until_idle
from bot.sandbox.server import BotApiSandbox
from db.models import utcnow

DEMO_TOKEN = "100000:DEMO-TOKEN"
DEMO_USERNAME = "surprise_quiz_bot"
REPLY_TIMEOUT_SECONDS = 60.0  # a chart or a PDF on a slow laptop
BACKGROUND_CHECK_SECONDS = 0.5
CLASSMATE_TURNS = 5  # rounds of "the bot asks, the classmates answer" per line you type
_PRESS = re.compile(r"^#\s*(\d+)$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

BANNER = {
    "uk": (
        "Surprise Quiz — демо. Ви пишете справжньому ботові через локальний «Telegram».\n"
        "Почніть з /start. Кнопки натискайте так: #1, #2 … Просто число — це відповідь.\n"
        "Група класу з однокласниками: :group (назад: :private).\n"
        "Картинки й файли зберігаються в {out}. Вихід: :quit"
    ),
    "en": (
        "Surprise Quiz demo. You are chatting with the real bot through a local 'Telegram'.\n"
        "Start with /start. Press buttons by typing #1, #2 … A plain number is an answer.\n"
        "A class group with classmates: :group (back: :private).\n"
        "Pictures and files are saved in {out}. Leave with :quit"
    ),
}
IN_GROUP = {
    "uk": "(ви в групі «{title}» з однокласниками: {names})",
    "en": "(you are in the group “{title}” with your classmates {names})",
}
IN_PRIVATE = {"uk": "(ви в особистому чаті з ботом)", "en": "(you are in your private chat)"}
NO_CLASS = {
    "uk": "(щоб пограти в /live, запустіть демо з --teacher і створіть клас: /newclass 7-Б)",
    "en": "(to try /live, run the demo with --teacher and make a class: /newclass 7B)",
}
NO_SUCH_BUTTON = {
    "uk": "(немає кнопки #{n}; зараз є: {have})",
    "en": "(there is no button #{n}; now there are: {have})",
}
STILL_WORKING = {
    "uk": "(бот ще працює: {reason})",
    "en": "(the bot is still working: {reason})",
}
DEMO_CLASS = {
    "uk": (
        "Демо-клас «{name}» (код {code}): {students} учнів, {answers} відповідей за два тижні, "
        "домашні завдання. Спробуйте /class {code} або /classes.\n"
        "Панель класу — відкрийте в браузері (посилання діє 24 години):\n{link}"
    ),
    "en": (
        "Demo class “{name}” (code {code}): {students} students, {answers} answers over two "
        "weeks, homework. Try /class {code} or /classes.\n"
        "The class dashboard: open it in a browser (the link works for 24 hours):\n{link}"
    ),
}
PREPARING = {"uk": "(готую демо-клас…)", "en": "(preparing the demo class…)"}
BYE = {"uk": "До зустрічі!", "en": "Bye!"}
NO_BUTTONS = "[—]"
USER_NAMES = {"uk": "Оля", "en": "Alex"}


# What a number typed as #N does: press (message id, callback data) or vote (message id, option).
Target = tuple[int, str | None, int | None]


@dataclass
class Transcript:
    """Prints what the bot did, numbering buttons, and remembers what each number presses."""

    sandbox: BotApiSandbox
    chat_id: int
    out_dir: Path
    write: Callable[[str], None]
    printed: int = 0
    buttons: dict[int, Target] = field(default_factory=dict)
    title: str = ""  # shown before "bot>" in a group

    def flush(self) -> None:
        """Print every message the bot sent or edited since the last flush."""
        messages = self.sandbox.messages(self.chat_id)
        fresh, self.printed = messages[self.printed :], len(messages)
        numbered: dict[int, Target] = {}
        for message in fresh:
            self.write(self._render(message, numbered))
        if numbered:
            # The newest keyboard takes the numbers; older ones stay pressable by typing
            # again after they are shown, as in a real chat you would scroll up.
            self.buttons = numbered

    def _render(self, message: SentMessage, numbered: dict[int, Target]) -> str:
        head = "bot ✏️ " if message.edited else "bot> "
        if self.title:
            head = f"[{self.title}] {head}"
        lines: list[str] = []
        if message.kind in ("photo", "document") and message.file_bytes is not None:
            path = self._save(message)
            icon = "🖼" if message.kind == "photo" else "📄"
            lines.append(f"{icon} {path}")
        if message.method == "editMessageReplyMarkup":
            # Only the buttons changed: a reminder of which message, not the whole text again.
            first = message.text.splitlines()[0] if message.text else ""
            lines.append(_shorten(first) + ("" if message.buttons else "  " + NO_BUTTONS))
        elif message.kind == "dice" and message.dice is not None:
            lines.append(f"{message.dice['emoji']} {message.dice['value']}")
        elif message.kind == "poll" and message.poll is not None:
            lines.extend(_poll_lines(message, numbered))
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
                numbered[number] = (message.message_id, callback, None)
                cells.append(f"[#{number} {label}]")
            row_texts.append(" ".join(cells))
        lines.extend(row_texts)
        indent = " " * len(head)
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


def _poll_lines(message: SentMessage, numbered: dict[int, Target]) -> list[str]:
    """📊 the question, then its options: numbered while the poll is open (#N votes), with
    counts and the right one marked once it is closed."""
    poll = message.poll or {}
    closed = bool(poll.get("is_closed"))
    lines = [f"📊 {line}" if n == 0 else line for n, line in enumerate(message.text.splitlines())]
    right = set(poll.get("correct_option_ids") or [])
    for index, option in enumerate(poll.get("options", [])):
        if closed:
            mark = "✅" if index in right else "▫️"
            lines.append(f"  {mark} {option['text']} — {option['voter_count']}")
        else:
            number = len(numbered) + 1
            numbered[number] = (message.message_id, None, index)
            lines.append(f"  [#{number} {option['text']}]")
    return lines


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


def demo_settings(
    database_url: str, api_url: str, lang: str, admin_ids: str, web_port: int | None = None
) -> Settings:
    """Demo settings: nothing from .env (a real token or API URL there must not be used).
    With `web_port` the dashboard is served on loopback (0: any free port)."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        TELEGRAM_BOT_TOKEN=DEMO_TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url,
        TELEGRAM_RATE_LIMIT=0,
        ADMIN_IDS=admin_ids,
        DEFAULT_LANGUAGE=lang,
        QUIET_HOURS="off",
        WEB_SERVER="on" if web_port is not None else "off",
        WEB_LISTEN="127.0.0.1",
        WEB_PORT=web_port or 0,
    )


def free_or_any(port: int) -> int:
    """`port` if nothing listens on it on loopback, else 0 (the server picks a free one)."""
    if port == 0:
        return 0
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return 0
    return port


async def _seed_demo_class(
    application: Any, user_id: int, lang: str, write: Callable[[str], None]
) -> None:
    """The demo teacher's class with two weeks of answers, and a link to its dashboard."""
    from bot.features.dashboard.auth import sign_init_data
    from bot.features.dashboard.server import page_link, running_server
    from bot.sandbox.demo_class import STUDENTS, seed_demo_class

    write(PREPARING[lang])
    now = utcnow()
    demo = await seed_demo_class(
        application.bot_data["db"], user_id, now=now, lang=lang, teacher_name=USER_NAMES[lang]
    )
    server = running_server(application)
    init_data = sign_init_data(
        DEMO_TOKEN, user_id=user_id, first_name=USER_NAMES[lang], language_code=lang, auth_date=now
    )
    link = (
        page_link(f"{server.url}/app/", init_data, **{"class": demo.klass.code}) if server else "—"
    )
    write(
        DEMO_CLASS[lang].format(
            name=demo.klass.name,
            code=demo.klass.code,
            students=len(STUDENTS),
            answers=demo.answers,
            link=link,
        )
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
    web_port: int = 8080,
) -> None:
    from bot.app import build_application
    from bot.features.game.service import DICE_PAUSE

    sandbox = BotApiSandbox(token=DEMO_TOKEN, bot_username=DEMO_USERNAME)
    with tempfile.TemporaryDirectory(prefix="surprise-quiz-demo-") as workdir:
        await sandbox.start()
        database_url = f"sqlite+aiosqlite:///{Path(workdir) / 'demo.sqlite3'}"
        settings = demo_settings(
            database_url,
            sandbox.url,
            lang,
            str(user_id) if teacher else "",
            web_port=free_or_any(web_port) if teacher else None,
        )
        application = build_application(settings)
        # A terminal shows no dice animation, so there is nothing to wait for before the result.
        application.bot_data[DICE_PAUSE] = 0
        sandbox.user(user_id, USER_NAMES[lang], lang)
        talk = Conversation(
            sandbox, application, Transcript(sandbox, user_id, out_dir, write), lang
        )
        try:
            await start_application(application, poll_timeout=10)
            write(BANNER[lang].format(out=out_dir))
            if teacher:
                await _seed_demo_class(application, user_id, lang, write)
            background = asyncio.create_task(_print_in_background(talk))
            try:
                await _converse(talk, reader, echo_input)
            finally:
                background.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await background
            write(BYE[lang])
        finally:
            await stop_application(application)
            await sandbox.stop()


@dataclass
class Conversation:
    """Where the person is talking (their private chat, or the class group) and the
    transcripts of both."""

    sandbox: BotApiSandbox
    application: Any
    private: Transcript
    lang: str
    group: ClassGroup | None = None
    in_group: Transcript | None = None
    here: Transcript | None = None
    pressed: str | None = None  # the person's last callback query, for its pop-up

    def __post_init__(self) -> None:
        self.here = self.private

    @property
    def you(self) -> int:
        return self.private.chat_id

    @property
    def write(self) -> Callable[[str], None]:
        return self.private.write

    @property
    def transcripts(self) -> list[Transcript]:
        return [self.private, *([self.in_group] if self.in_group else [])]

    async def settle(self) -> None:
        """Wait until the bot is done, letting the classmates answer whatever it asked."""
        for _ in range(CLASSMATE_TURNS):
            try:
                await wait_until_idle(
                    self.sandbox, self.application, quiet=0.1, timeout=REPLY_TIMEOUT_SECONDS
                )
            except TimeoutError as exc:
                self.write(STILL_WORKING[self.lang].format(reason=exc))
                return
            if self.group is None or not self.group.react():
                return

    def flush(self) -> None:
        for transcript in self.transcripts:
            transcript.flush()

    async def enter_group(self) -> None:
        """`:group`: the class group (made on first use, bound to your newest class)."""
        if self.group is None:
            self.group = ClassGroup(self.sandbox, self.lang)
            self.group.create(self.you)
            self.in_group = dataclasses.replace(
                self.private,
                chat_id=self.group.chat_id,
                printed=0,
                buttons={},
                title=GROUP_TITLE[self.lang],
            )
            self.here = self.in_group
            names = ", ".join(name for _, name in self.group.classmates)
            self.write(IN_GROUP[self.lang].format(title=GROUP_TITLE[self.lang], names=names))
            code = await self._newest_class_code()
            if code is None:
                self.write(NO_CLASS[self.lang])
            else:
                self.group.join_class(code)
                await self.settle()
                self.private.printed = len(self.sandbox.messages(self.you))
                self.write(f"you> /live {code}")
                self.sandbox.send_group_text(self.group.chat_id, self.you, f"/live {code}")
            await self.settle()
            self.flush()
            return
        self.here = self.in_group
        self.write(IN_GROUP[self.lang].format(title=GROUP_TITLE[self.lang], names="…"))

    async def _newest_class_code(self) -> str | None:
        from db.repositories import classes

        async with self.application.bot_data["db"].session() as session:
            owned = await classes.list_teacher_classes(session, self.you)
        return owned[-1].code if owned else None

    def act(self, text: str) -> bool:
        """Send the person's line where they are: a message, a press (#N) or a vote."""
        assert self.here is not None
        chat_id = self.here.chat_id
        press = _PRESS.match(text)
        if not press:
            if self.group is not None and chat_id == self.group.chat_id:
                self.sandbox.send_group_text(chat_id, self.you, text)
            else:
                self.sandbox.send_text(self.you, text)
            return True
        target = self.here.buttons.get(int(press.group(1)))
        if target is None or self.sandbox.message(chat_id, target[0]) is None:
            have = ", ".join(f"#{n}" for n in self.here.buttons) if target is None else ""
            self.write(NO_SUCH_BUTTON[self.lang].format(n=press.group(1), have=have or "—"))
            return False
        message_id, data, option = target
        if option is not None:
            try:
                self.sandbox.answer_poll(self.you, chat_id, message_id, [option])
            except PollAnswerRefused as refused:
                self.write(f"({refused})")
                return False
        elif data is not None:
            self.pressed = self.sandbox.press(self.you, message_id, data, chat_id=chat_id)
        return True

    def show_popup(self) -> None:
        """The text Telegram would pop up after the person's press (answerCallbackQuery)."""
        pressed, self.pressed = self.pressed, None
        for answer in self.sandbox.callback_answers:
            if str(answer.get("callback_query_id")) == pressed and answer.get("text"):
                self.write(f"bot 🔔 {answer['text']}")


async def _converse(talk: Conversation, reader: LineReader, echo_input: bool) -> None:
    while True:
        line = await reader.readline()
        if line is None:
            return
        text = line.strip()
        if echo_input and text:
            talk.write(f"you> {text}")
        if text in (":quit", ":q", ":exit"):
            return
        if text == ":group":
            await talk.enter_group()
            continue
        if text == ":private":
            talk.here = talk.private
            talk.write(IN_PRIVATE[talk.lang])
            continue
        if not text or not talk.act(line if not _PRESS.match(text) else text):
            continue
        await talk.settle()
        talk.show_popup()
        talk.flush()


async def _print_in_background(talk: Conversation) -> None:
    """Messages the bot sends on its own (reminders, a round's results when its time is up)
    appear while the person is typing."""
    while True:
        await asyncio.sleep(BACKGROUND_CHECK_SECONDS)
        behind = any(
            len(talk.sandbox.messages(transcript.chat_id)) > transcript.printed
            for transcript in talk.transcripts
        )
        if behind:
            with contextlib.suppress(TimeoutError):
                await wait_until_idle(talk.sandbox, talk.application, quiet=0.1, timeout=5)
            talk.flush()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot demo",
        description="Chat with Surprise Quiz in this terminal, without Telegram.",
    )
    parser.add_argument("--lang", choices=("uk", "en"), default="uk", help="your language")
    parser.add_argument("--user-id", type=int, default=1001, help="your simulated Telegram id")
    parser.add_argument(
        "--teacher",
        action="store_true",
        help="be a teacher (your id goes into ADMIN_IDS) with a demo class and its dashboard",
    )
    parser.add_argument(
        "--web-port",
        type=int,
        default=8080,
        help="where the dashboard listens on 127.0.0.1 with --teacher (taken or 0: any free port)",
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
                web_port=options.web_port,
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

"""Simulated students for the benches: the loopback Bot API server, watched so a student
waits for exactly the reply they expect, and a student who answers every question right.

A student answers right because the question is regenerated from its seed (in the Hint
button), topic and level (in the header), exactly as the bot does: so every answer is
stored as an attempt and moves mastery, the work a real answer costs."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.sandbox import BotApiSandbox, SentMessage
from bot.texts import t
from quiz.numbers import format_number
from quiz.questions import TOPICS, generate

Predicate = Callable[[SentMessage], bool]
LEVEL = re.compile(r"(?:рівень|level) (\d)")
HINT = "q:hint:"
CHOICE = "q:c:"


class WatchedSandbox(BotApiSandbox):
    """The loopback server, telling a waiting student the moment their chat gets the
    message they wait for (a future, not polling). With `latency`, every Bot API call but
    getUpdates answers that much later, like a real round trip to api.telegram.org."""

    def __init__(self, *args: Any, latency: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latency = latency
        self._waiting: dict[int, list[tuple[Predicate, asyncio.Future[SentMessage]]]] = {}
        self.add_listener(self._notice)

    async def _handle_method(self, request: web.Request) -> web.Response:
        if self.latency and request.match_info["method"].lower() != "getupdates":
            await asyncio.sleep(self.latency)
        return await super()._handle_method(request)

    def _notice(self, message: SentMessage) -> None:
        waiting = self._waiting.get(message.chat_id)
        if not waiting:
            return
        for entry in list(waiting):
            predicate, future = entry
            if future.done():
                waiting.remove(entry)
            elif predicate(message):
                waiting.remove(entry)
                future.set_result(message)

    def expect(self, chat_id: int, predicate: Predicate) -> asyncio.Future[SentMessage]:
        """A future for the next message in the chat that satisfies `predicate`."""
        future: asyncio.Future[SentMessage] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(chat_id, []).append((predicate, future))
        return future

    async def exchange(
        self,
        chat_id: int,
        act: Callable[[], object],
        predicate: Predicate = lambda _: True,
        timeout: float = 300,
    ) -> SentMessage:
        """Do something as the user and wait for the bot's message that answers it."""
        future = self.expect(chat_id, predicate)
        act()
        return await asyncio.wait_for(future, timeout)

    def count_calls(self, status: int | None = None, since: int = 0) -> int:
        """Sending calls (not getUpdates) from index `since` of `calls`, with `status`."""
        return sum(
            1
            for call in self.calls[since:]
            if call.method != "getUpdates" and (status is None or call.status == status)
        )


def is_question(message: SentMessage) -> bool:
    return any(data and data.startswith(HINT) for data in message.callback_data)


def is_feedback(message: SentMessage) -> bool:
    return message.text.startswith(("✅", "❌"))


def right_answer(question: SentMessage, lang: str) -> tuple[str, str]:
    """What a diligent student does for this question: ("type", the number) or, for a
    question answered with buttons, ("press", the right button's data)."""
    seed = next(int(d[len(HINT) :]) for d in question.callback_data if d.startswith(HINT))
    header = next(line for line in question.text.splitlines() if LEVEL.search(line))
    topic = next(name for name in TOPICS if t(lang, f"topic.{name}") in header)
    level_match = LEVEL.search(header)
    level = int(level_match.group(1)) if level_match else 1
    # The base (bits, nats, hartleys) is the class's or the seed's: the one whose text is
    # the question shown.
    for base in (None, "2", "e", "10"):
        asked = generate(topic, level, seed, lang, base)
        if asked.text not in question.text:
            continue
        if asked.choices is not None and asked.correct_choice is not None:
            return "press", f"{CHOICE}{seed}:{asked.correct_choice}"
        return "type", format_number(asked.answer, lang).replace("−", "-")
    raise LookupError(f"no question of {topic} level {level} seed {seed} reads {question.text!r}")


@dataclass
class Student:
    """One student in their private chat, with the question they are looking at."""

    sandbox: WatchedSandbox
    chat_id: int
    lang: str = "uk"
    question: SentMessage | None = None
    feedback: SentMessage | None = None
    latencies: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sandbox.user(self.chat_id, f"Student {self.chat_id}", self.lang)

    async def say(self, text: str, predicate: Predicate = lambda _: True) -> SentMessage:
        return await self.sandbox.exchange(
            self.chat_id, lambda: self.sandbox.send_text(self.chat_id, text), predicate
        )

    async def start_quiz(self, topic: str = "mixed") -> None:
        self.question = await self.say(f"/quiz {topic}", is_question)

    async def answer(self) -> float:
        """Answer right (type it, or press its button) and wait for the feedback; returns
        the seconds it took."""
        assert self.question is not None, "start_quiz first"
        how, what = right_answer(self.question, self.lang)
        message_id = self.question.message_id
        began = time.perf_counter()
        if how == "press":
            self.feedback = await self.sandbox.exchange(
                self.chat_id,
                lambda: self.sandbox.press(self.chat_id, message_id, what),
                is_feedback,
            )
        else:
            self.feedback = await self.say(what, is_feedback)
        took = time.perf_counter() - began
        if not self.feedback.text.startswith("✅"):
            raise RuntimeError(f"the answer {what!r} was not right: {self.feedback.text[:300]}")
        self.latencies.append(took)
        return took

    async def next_question(self) -> None:
        """Press "Next question" under the feedback and wait for the question."""
        assert self.feedback is not None, "answer first"
        _, data = self.feedback.button(t(self.lang, "button.next"))
        assert data is not None
        message_id = self.feedback.message_id
        self.question = await self.sandbox.exchange(
            self.chat_id,
            lambda: self.sandbox.press(self.chat_id, message_id, data),
            is_question,
        )

    async def round(self) -> float:
        """Answer → feedback, Next → the next question: one round; returns the feedback time."""
        took = await self.answer()
        await self.next_question()
        return took


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def wait_for_polling(sandbox: BotApiSandbox, process: Any, timeout: float = 120) -> None:
    """Until the bot process is waiting for updates (it started and migrated)."""
    deadline = time.monotonic() + timeout
    while not (sandbox.waiting_pollers or sandbox.calls_to("getUpdates")):
        process.check_alive()
        if time.monotonic() > deadline:
            raise TimeoutError(f"{process.name} did not start polling within {timeout} s")
        await asyncio.sleep(0.05)

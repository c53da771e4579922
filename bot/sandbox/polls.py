"""Dice and polls for the loopback server: `sendDice`, `sendPoll`, `stopPoll`, and members
answering polls (`poll_answer` and `poll` updates).

The dice value is the server's choice, as on Telegram: random, or seeded with `seed_dice`,
or fixed in advance with `next_dice`. Polls are checked as Telegram's server checks them
(tdlib's messages, lower-cased as the Bot API shows them) with the limits of the Bot API
documentation that introduced quiz polls: question 1–300 characters, 2–10 options of 1–100
characters, an explanation of at most 200 characters and 2 line feeds, an open period of
5–600 s. (Newer servers allow 12 options and longer periods; keeping the older, stricter
limits means a bot that passes here passes on every server.) A quiz answer cannot be
changed; a closed poll takes no answers; `open_period` closes the poll on time."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import random
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.sandbox.checks import check_markup, render_caption
from bot.sandbox.records import ApiError

if TYPE_CHECKING:
    from bot.sandbox.server import BotApiSandbox, _Chat
    from bot.sandbox.wire import Request

# The emoji sendDice accepts and the largest value each can show.
DICE_FACES: dict[str, int] = {"🎲": 6, "🎯": 6, "🎳": 6, "🏀": 5, "⚽": 5, "🎰": 64}
POLL_QUESTION_LIMIT = 300
POLL_OPTION_LIMIT = 100
POLL_OPTIONS_MIN = 2
POLL_OPTIONS_MAX = 10
POLL_EXPLANATION_LIMIT = 200
POLL_EXPLANATION_LINE_FEEDS = 2
OPEN_PERIOD_MIN = 5
OPEN_PERIOD_MAX = 600


class PollAnswerRefused(ValueError):
    """What Telegram's app would not let a member do (answer a closed poll, change a quiz
    answer, pick an option that does not exist)."""


@dataclass
class _Poll:
    id: str
    chat_id: int
    message_id: int
    question: str
    options: list[str]
    type: str
    is_anonymous: bool
    allows_multiple_answers: bool
    correct_option_ids: list[int] | None
    explanation: str | None
    open_period: int | None
    is_closed: bool = False
    votes: dict[int, list[int]] = field(default_factory=dict)  # user id → chosen options
    timer: asyncio.TimerHandle | None = None

    def as_json(self) -> dict[str, Any]:
        counts = [0] * len(self.options)
        for chosen in self.votes.values():
            for option in chosen:
                counts[option] += 1
        poll: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            # Telegram's servers choose persistent ids (Bot API 9.6); positions will do here.
            "options": [
                {"text": text, "voter_count": count, "persistent_id": str(position)}
                for position, (text, count) in enumerate(zip(self.options, counts, strict=True))
            ],
            "total_voter_count": len(self.votes),
            "is_closed": self.is_closed,
            "is_anonymous": self.is_anonymous,
            "type": self.type,
            "allows_multiple_answers": self.allows_multiple_answers,
            "allows_revoting": self.type == "regular",  # a quiz answer is final
            "members_only": False,
        }
        if self.correct_option_ids is not None:  # the sender sees them (Bot API 9.6 field)
            poll["correct_option_ids"] = list(self.correct_option_ids)
        if self.explanation:
            poll["explanation"] = self.explanation
        if self.open_period is not None:
            poll["open_period"] = self.open_period
        return poll


class DiceAndPolls:
    """Mixed into `BotApiSandbox`: the bot's dice and polls, and members answering polls."""

    def _init_polls(self: BotApiSandbox) -> None:
        self._dice_rng = random.Random()
        self._next_dice: deque[int] = deque()
        self._polls: dict[str, _Poll] = {}
        self._poll_ids = itertools.count(5_440_934_583_290_036_229)

    def _poll_methods(self: BotApiSandbox) -> dict[str, Any]:
        return {
            "sendDice": self._send_dice,
            "sendPoll": self._send_poll,
            "stopPoll": self._stop_poll,
        }

    def _stop_poll_timers(self: BotApiSandbox) -> None:
        for poll in self._polls.values():
            if poll.timer is not None:
                poll.timer.cancel()
                poll.timer = None

    # ------------------------------------------------------------------ the test's controls

    def seed_dice(self: BotApiSandbox, seed: int) -> None:
        """Make the server's dice values a reproducible sequence."""
        self._dice_rng.seed(seed)

    def next_dice(self: BotApiSandbox, *values: int) -> None:
        """The next 🎲 rolls show exactly these values (then random again)."""
        if any(not 1 <= value <= 6 for value in values):
            raise ValueError("a 🎲 shows 1–6")
        self._next_dice.extend(values)

    def poll(self: BotApiSandbox, poll_id: str) -> dict[str, Any]:
        """The poll as Telegram shows it to its sender now."""
        return self._polls[poll_id].as_json()

    def answer_poll(
        self: BotApiSandbox,
        user_id: int,
        chat_id: int,
        message_id: int,
        option_ids: list[int],
    ) -> int:
        """A member answers the poll in that message (an empty list retracts a vote in a
        regular poll). The bot gets `poll_answer` (if the poll is not anonymous) and then
        `poll` with the new counts; returns the poll_answer's (or poll's) update id."""
        chat = self._chats.get(chat_id)
        message = chat.messages.get(message_id) if chat is not None else None
        if chat is None or message is None or "poll" not in message:
            raise LookupError(f"no poll in message {message_id} of chat {chat_id}")
        if chat.data.get("type") != "private":
            self.check_member(chat_id, user_id)
        poll = self._polls[message["poll"]["id"]]
        chosen = sorted(set(option_ids))
        if poll.is_closed:
            raise PollAnswerRefused("the poll is closed")
        if any(not 0 <= option < len(poll.options) for option in chosen):
            raise PollAnswerRefused(f"the poll has no option {option_ids}")
        if len(chosen) > 1 and (poll.type == "quiz" or not poll.allows_multiple_answers):
            raise PollAnswerRefused("only one option may be chosen")
        if poll.type == "quiz" and (user_id in poll.votes or not chosen):
            raise PollAnswerRefused("a quiz answer cannot be changed or taken back")
        if poll.votes.get(user_id, []) == chosen:
            raise PollAnswerRefused("that is already the answer")
        if chosen:
            poll.votes[user_id] = chosen
        else:
            poll.votes.pop(user_id, None)
        self._refresh_poll_message(poll)
        update_id = None
        if not poll.is_anonymous:
            answer = {
                "poll_id": poll.id,
                "user": self.user(user_id),
                "option_ids": chosen,
                "option_persistent_ids": [str(option) for option in chosen],
            }
            update_id = self._enqueue({"poll_answer": answer})
        poll_update_id = self._enqueue({"poll": poll.as_json()})
        return update_id if update_id is not None else poll_update_id

    # ------------------------------------------------------------------ sendDice

    async def _send_dice(self: BotApiSandbox, call: Request) -> dict[str, Any]:
        params = call.params
        chat = self._target_chat(params)
        emoji = params.get("emoji") or "🎲"
        if emoji not in DICE_FACES:
            raise ApiError.bad_request("DICE_EMOJI_INVALID")
        markup = check_markup(params.get("reply_markup"))
        self._check_reply(chat, params)
        self._check_rate(chat.id)
        if emoji == "🎲" and self._next_dice:
            value = self._next_dice.popleft()
        else:
            value = self._dice_rng.randint(1, DICE_FACES[emoji])
        message = self._bot_message(chat, {"dice": {"emoji": emoji, "value": value}}, markup)
        self._snapshot(chat, message, "dice", call, "sendDice")
        return message

    # ------------------------------------------------------------------ sendPoll

    async def _send_poll(self: BotApiSandbox, call: Request) -> dict[str, Any]:
        params = call.params
        chat = self._target_chat(params)
        question = _poll_question(params.get("question"))
        options = _poll_options(params.get("options"))
        kind = params.get("type") or "regular"
        if kind not in ("regular", "quiz"):
            raise ApiError.bad_request("wrong poll type specified")
        correct = None  # Telegram ignores correct options outside quizzes
        explanation = None
        if kind == "quiz":
            correct = _correct_options(params, len(options))
            explanation = _explanation(params)
        is_anonymous = params.get("is_anonymous")
        is_anonymous = True if is_anonymous is None else bool(is_anonymous)
        if not is_anonymous and chat.data.get("type") == "channel":
            raise ApiError.bad_request("non-anonymous polls can't be sent to channel chats")
        open_period = params.get("open_period")
        if open_period is not None and not _within(open_period, OPEN_PERIOD_MIN, OPEN_PERIOD_MAX):
            raise ApiError.bad_request("wrong open period specified")
        markup = check_markup(params.get("reply_markup"))
        self._check_reply(chat, params)
        self._check_rate(chat.id)
        poll = _Poll(
            id=str(next(self._poll_ids)),
            chat_id=chat.id,
            message_id=0,
            question=question,
            options=options,
            type=kind,
            is_anonymous=is_anonymous,
            allows_multiple_answers=bool(params.get("allows_multiple_answers"))
            and kind == "regular",
            correct_option_ids=correct,
            explanation=explanation,
            open_period=open_period,
            is_closed=bool(params.get("is_closed")),
        )
        message = self._bot_message(chat, {"poll": poll.as_json()}, markup)
        poll.message_id = message["message_id"]
        self._polls[poll.id] = poll
        self._snapshot(chat, message, "poll", call, "sendPoll")
        if open_period is not None and not poll.is_closed:
            loop = asyncio.get_running_loop()
            poll.timer = loop.call_later(open_period, self._close_on_time, poll.id)
        return message

    # ------------------------------------------------------------------ stopPoll

    async def _stop_poll(self: BotApiSandbox, call: Request) -> dict[str, Any]:
        params = call.params
        markup = check_markup(params.get("reply_markup"))
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        message = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if message is None or message_id is None or message_id <= 0:
            raise ApiError.bad_request("message with poll to stop not found")
        if "poll" not in message:
            raise ApiError.bad_request("message is not a poll")
        if message_id not in chat.bot_message_ids:
            raise ApiError.bad_request("poll can't be stopped")
        poll = self._polls[message["poll"]["id"]]
        if poll.is_closed:
            raise ApiError.bad_request("poll has already been closed")
        self._close(poll)
        updated = {key: value for key, value in message.items() if key != "reply_markup"}
        updated["poll"] = poll.as_json()
        if markup is not None and "inline_keyboard" in markup:
            updated["reply_markup"] = markup
        chat.messages[message_id] = updated
        self._snapshot(chat, updated, "poll", call, "stopPoll", edited=True)
        self._enqueue({"poll": poll.as_json()})
        return poll.as_json()

    # ------------------------------------------------------------------ plumbing

    def _close(self: BotApiSandbox, poll: _Poll) -> None:
        poll.is_closed = True
        if poll.timer is not None:
            poll.timer.cancel()
            poll.timer = None

    def _close_on_time(self: BotApiSandbox, poll_id: str) -> None:
        poll = self._polls.get(poll_id)
        if poll is None or poll.is_closed:
            return
        poll.timer = None
        self._close(poll)
        self._refresh_poll_message(poll)
        self._enqueue({"poll": poll.as_json()})

    def _refresh_poll_message(self: BotApiSandbox, poll: _Poll) -> None:
        """Votes and closing change what the poll's message shows, without an edit by the
        bot: the stored message and its latest snapshot follow."""
        chat: _Chat | None = self._chats.get(poll.chat_id)
        if chat is None or poll.message_id not in chat.messages:
            return
        current = {**chat.messages[poll.message_id], "poll": poll.as_json()}
        chat.messages[poll.message_id] = current
        latest = chat.latest.get(poll.message_id)
        if latest is not None:
            chat.latest[poll.message_id] = dataclasses.replace(latest, raw=current)


def _within(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _poll_question(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise ApiError.bad_request("poll question must be non-empty")
    question = question.strip()
    if len(question) > POLL_QUESTION_LIMIT:
        raise ApiError.bad_request(f"poll question length must not exceed {POLL_QUESTION_LIMIT}")
    return question


def _poll_options(options: object) -> list[str]:
    if not isinstance(options, list):
        raise ApiError.bad_request("can't parse options JSON object")
    texts = []
    for option in options:
        text = option.get("text") if isinstance(option, dict) else option
        if not isinstance(text, str):
            raise ApiError.bad_request(
                "can't parse InputPollOption: Expected InputPollOption to be an Object"
            )
        texts.append(text.strip())
    if len(texts) < POLL_OPTIONS_MIN:
        raise ApiError.bad_request("poll must have at least 2 option")
    if len(texts) > POLL_OPTIONS_MAX:
        raise ApiError.bad_request(f"poll can't have more than {POLL_OPTIONS_MAX} options")
    for text in texts:
        if not text:
            raise ApiError.bad_request("poll options must be non-empty")
        if len(text) > POLL_OPTION_LIMIT:
            raise ApiError.bad_request(f"poll options length must not exceed {POLL_OPTION_LIMIT}")
    return texts


def _correct_options(params: dict[str, Any], count: int) -> list[int]:
    """`correct_option_ids` (Bot API 9.6) or the older single `correct_option_id`."""
    chosen = params.get("correct_option_ids")
    if chosen is None and params.get("correct_option_id") is not None:
        chosen = [params["correct_option_id"]]
    if (
        not isinstance(chosen, list)
        or not chosen
        or len(set(chosen)) != len(chosen)
        or not all(_within(option, 0, count - 1) for option in chosen)
    ):
        raise ApiError.bad_request("wrong correct option ID specified")
    return chosen


def _explanation(params: dict[str, Any]) -> str | None:
    """The quiz explanation as Telegram stores it (markup parsed away), within its limits."""
    rendered = render_caption(
        {
            "caption": params.get("explanation"),
            "parse_mode": params.get("explanation_parse_mode"),
            "caption_entities": params.get("explanation_entities"),
        }
    )
    explanation = rendered.get("caption")
    if explanation is None:
        return None
    if len(explanation) > POLL_EXPLANATION_LIMIT:
        raise ApiError.bad_request("explanation is too long")
    if explanation.count("\n") > POLL_EXPLANATION_LINE_FEEDS:
        raise ApiError.bad_request("explanation can't have more than 2 line feeds")
    return explanation

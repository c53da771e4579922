"""Reviews that come back: spaced repetition with FSRS (the `fsrs` package, py-fsrs).

Every mastered topic × level is one card. Its first review is the answer that mastered it;
after that, each question asked at that topic × level rates the card: wrong → Again, right
with help (a hint or a second try) → Hard, right → Good (see `quiz.mastery.Outcome`). The
card is stored as FSRS's own JSON-able dict, so a later version of the package can read it.

Settings, and why:
- No learning or relearning steps (FSRS's default is 1 and 10 minutes): a level is only a card
  once it is mastered, and a student practising on a phone should not be called back ten
  minutes later; every interval is whole days (an Again comes back the next day).
- No fuzzing: a student has at most fifteen cards, so there is no pile of same-day reviews to
  spread out, and a schedule a teacher (or a test) can predict is worth more.
- At most 120 days between reviews: about one school term.

Pure: no clock of its own (every function takes `now`, an aware UTC datetime)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler

MAX_INTERVAL_DAYS = 120

SCHEDULER = Scheduler(
    learning_steps=(),
    relearning_steps=(),
    maximum_interval=MAX_INTERVAL_DAYS,
    enable_fuzzing=False,
)

CardState = dict[str, Any]  # fsrs.Card.to_dict(): JSON-serialisable


def rating_for(outcome: str) -> Rating:
    """wrong → Again, right with help → Hard, right → Good (`quiz.mastery.Outcome` values)."""
    ratings = {"wrong": Rating.Again, "helped": Rating.Hard, "right": Rating.Good}
    try:
        return ratings[outcome]
    except KeyError:
        raise ValueError(f"unknown outcome {outcome!r}: use right, helped or wrong") from None


def review(card: Mapping[str, Any] | None, outcome: str, now: datetime) -> CardState:
    """The card after one answer at `now`; `card=None` makes a new card whose first review
    is this answer (the one that mastered the level)."""
    moment = _utc(now)
    current = Card(card_id=1, due=moment) if card is None else Card.from_dict(dict(card))  # type: ignore[arg-type]
    reviewed, _ = SCHEDULER.review_card(current, rating_for(outcome), moment)
    return dict(reviewed.to_dict())


def due_at(card: Mapping[str, Any]) -> datetime:
    """When the card is due next (aware UTC)."""
    return _utc(datetime.fromisoformat(str(card["due"])))


def interval(card: Mapping[str, Any]) -> timedelta:
    """The time from the card's last review to its next one."""
    last = card.get("last_review")
    if not last:
        raise ValueError("a card that was never reviewed has no interval")
    return due_at(card) - _utc(datetime.fromisoformat(str(last)))


def is_due(card: Mapping[str, Any], now: datetime) -> bool:
    return due_at(card) <= _utc(now)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: give an aware UTC datetime")
    return moment.astimezone(UTC)

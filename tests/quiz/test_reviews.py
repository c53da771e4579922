"""Review cards (FSRS): answers rate them, intervals grow with right answers and shrink after
a wrong one, and a card survives a round trip through JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from quiz import reviews

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_answers_rate_the_card() -> None:
    from fsrs import Rating

    assert reviews.rating_for("wrong") == Rating.Again
    assert reviews.rating_for("helped") == Rating.Hard
    assert reviews.rating_for("right") == Rating.Good
    with pytest.raises(ValueError, match="unknown outcome"):
        reviews.rating_for("easy")


def test_a_new_card_comes_back_in_days_not_minutes() -> None:
    right = reviews.review(None, "right", NOW)
    assert reviews.due_at(right) == NOW + timedelta(days=2)
    helped = reviews.review(None, "helped", NOW)
    assert reviews.due_at(helped) == NOW + timedelta(days=1)
    assert not reviews.is_due(right, NOW + timedelta(days=1, hours=23))
    assert reviews.is_due(right, NOW + timedelta(days=2))


def test_intervals_grow_with_right_answers_and_shrink_after_a_wrong_one() -> None:
    card = reviews.review(None, "right", NOW)
    intervals = [reviews.interval(card)]
    for _ in range(3):
        card = reviews.review(card, "right", reviews.due_at(card))
        intervals.append(reviews.interval(card))
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0]
    lapsed = reviews.review(card, "wrong", reviews.due_at(card))
    assert reviews.interval(lapsed) < intervals[-1]
    assert reviews.interval(lapsed) >= timedelta(days=1)
    assert max(intervals) <= timedelta(days=reviews.MAX_INTERVAL_DAYS)


def test_a_card_survives_json() -> None:
    card = reviews.review(None, "right", NOW)
    again = json.loads(json.dumps(card))
    later = NOW + timedelta(days=2)
    assert reviews.review(again, "right", later) == reviews.review(card, "right", later)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        reviews.review(None, "right", datetime(2026, 12, 1, 10, 0))

"""The due times teachers type in the /assign dialog, in Ukrainian and English: a table of what
each one means, in the class time zone, on a fixed "now". Past dates are refused, never moved to
next year; a date within the next months is fine across New Year."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.features.homework.dates import DueError, parse_due
from bot.texts import t
from db.repositories import homework as homework_repo
from tests.conftest import MakeHarness
from tests.homework_helpers import KYIV, Clock, Student, kyiv, make_class

# Sunday 29 November 2026, 10:00 in Kyiv.
NOW = kyiv("2026-11-29 10:00")
# Tuesday 22 December 2026, 19:00 in Kyiv: New Year is ten days away.
DECEMBER = kyiv("2026-12-22 19:00")
# Saturday 10 January 2027, 12:00 in Kyiv: December is just behind.
JANUARY = kyiv("2027-01-10 12:00")

UNDERSTOOD: list[tuple[str, datetime, str]] = [
    # Ukrainian: relative days, weekdays, month names in the genitive and the nominative.
    ("завтра 18:00", NOW, "2026-11-30 18:00"),
    ("завтра", NOW, "2026-11-30 18:00"),
    ("на завтра о 9:30", NOW, "2026-11-30 09:30"),
    ("післязавтра 8:00", NOW, "2026-12-01 08:00"),
    ("сьогодні 20:15", NOW, "2026-11-29 20:15"),
    ("пт 18:00", NOW, "2026-12-04 18:00"),
    ("у п'ятницю о 18:00", NOW, "2026-12-04 18:00"),
    ("в п’ятницю", NOW, "2026-12-04 18:00"),
    ("пн 8:30", NOW, "2026-11-30 08:30"),
    ("нд 18:00", NOW, "2026-11-29 18:00"),  # today is Sunday and 18:00 is still ahead
    ("нд 9:00", NOW, "2026-12-06 09:00"),  # today's 9:00 has passed: next Sunday
    ("Середу 12:00", NOW, "2026-12-02 12:00"),
    ("1 грудня 18:00", NOW, "2026-12-01 18:00"),
    ("1 грудень 18:00", NOW, "2026-12-01 18:00"),
    ("до 5 грудня", NOW, "2026-12-05 18:00"),
    ("1-го грудня 2026 о 7:45", NOW, "2026-12-01 07:45"),
    ("3 січня", NOW, "2027-01-03 18:00"),
    ("18 год завтра", NOW, "2026-11-30 18:00"),
    # Numbers only.
    ("01.12", NOW, "2026-12-01 18:00"),
    ("01.12 18:00", NOW, "2026-12-01 18:00"),
    ("1.12 18.30", NOW, "2026-12-01 18:30"),
    ("1.12.2026 9:05", NOW, "2026-12-01 09:05"),
    ("2026-12-01 18:00", NOW, "2026-12-01 18:00"),
    ("2026-12-01T07:00", NOW, "2026-12-01 07:00"),
    ("18:00", NOW, "2026-11-29 18:00"),
    ("завтра 18.30", NOW, "2026-11-30 18:30"),
    # English.
    ("tomorrow 6pm", NOW, "2026-11-30 18:00"),
    ("tomorrow at 6:30 p.m.", NOW, "2026-11-30 18:30"),
    ("today 11pm", NOW, "2026-11-29 23:00"),
    ("fri 18:00", NOW, "2026-12-04 18:00"),
    ("by Friday 6pm", NOW, "2026-12-04 18:00"),
    ("1 December 18:00", NOW, "2026-12-01 18:00"),
    ("December 1", NOW, "2026-12-01 18:00"),
    ("Dec 1st 7am", NOW, "2026-12-01 07:00"),
    ("12am tomorrow", NOW, "2026-11-30 00:00"),
    # New Year: a day in the coming weeks belongs to next year, a day just gone is not next year's.
    ("05.01", DECEMBER, "2027-01-05 18:00"),
    ("5 січня 9:00", DECEMBER, "2027-01-05 09:00"),
    ("January 5", DECEMBER, "2027-01-05 18:00"),
    ("31.12 23:00", DECEMBER, "2026-12-31 23:00"),
    ("пт", DECEMBER, "2026-12-25 18:00"),
    ("1 лютого", JANUARY, "2027-02-01 18:00"),
    ("12.01", JANUARY, "2027-01-12 18:00"),
]

REFUSED: list[tuple[str, datetime, str]] = [
    # In the past: refused, never silently moved to next year.
    ("28.11 10:00", NOW, "hw.due_past"),
    ("28 листопада", NOW, "hw.due_past"),
    ("November 1", NOW, "hw.due_past"),
    ("15.06", NOW, "hw.due_past"),  # June is behind, not next June
    ("сьогодні 9:00", NOW, "hw.due_past"),
    ("9:59", NOW, "hw.due_past"),
    ("2026-11-26 18:00", NOW, "hw.due_past"),
    ("20.12", JANUARY, "hw.due_past"),  # last December, not this one
    ("20 грудня 18:00", JANUARY, "hw.due_past"),
    ("22.12 18:00", DECEMBER, "hw.due_past"),  # an hour ago
    # Days and times that do not exist.
    ("31.02", NOW, "hw.due_invalid"),
    ("30 лютого", NOW, "hw.due_invalid"),
    ("2026-12-01 25:00", NOW, "hw.due_invalid"),
    ("завтра 24:30", NOW, "hw.due_invalid"),
    ("13pm", NOW, "hw.due_invalid"),
    # Too far.
    ("2031-01-01 10:00", NOW, "hw.due_far"),
    # Not understood: the dialog answers with examples.
    ("0,5", NOW, "hw.due_format"),
    ("", NOW, "hw.due_format"),
    ("next week maybe", NOW, "hw.due_format"),
    ("грудня 18:00", NOW, "hw.due_format"),  # which day?
    ("1 грудня 5", NOW, "hw.due_format"),
    ("завтра пт", NOW, "hw.due_format"),
    ("9" * 5000, NOW, "hw.due_format"),
    ("завтра " * 20, NOW, "hw.due_format"),
]


@pytest.mark.parametrize(("text", "now", "expected"), UNDERSTOOD)
def test_a_typed_due_time_means_this_moment_in_the_class_time_zone(
    text: str, now: datetime, expected: str
) -> None:
    assert parse_due(text, KYIV, now) == kyiv(expected)


@pytest.mark.parametrize(("text", "now", "key"), REFUSED)
def test_a_due_time_that_cannot_be_used_is_refused_with_its_reason(
    text: str, now: datetime, key: str
) -> None:
    with pytest.raises(DueError) as caught:
        parse_due(text, KYIV, now)
    assert caught.value.key == key


def test_the_same_wall_clock_time_is_another_instant_in_another_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_due("2026-12-01 18:00", tokyo, NOW) == kyiv("2026-12-01 11:00")
    assert parse_due("завтра 18:00", tokyo, NOW) == kyiv("2026-11-30 11:00")


async def test_the_assign_dialog_reads_words_and_refuses_yesterday_with_examples(
    make_harness: MakeHarness,
) -> None:
    clock = Clock(NOW)
    async with make_harness(clock=clock) as h:
        class_ = await make_class(h, [Student(1001, "Олена", "uk")])
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 3")
        [reply] = await teacher.say("28.11 10:00")  # yesterday
        assert reply.text.startswith(t("uk", "hw.due_past"))
        assert "пт 18:00" in reply.text and reply.labels  # the question again, with buttons
        replies = await teacher.say("у пт о 17:30")
        assert any("Домашку задано" in message.text for message in replies)
        async with h.db.session() as session:
            [homework] = await homework_repo.of_class(session, class_.id)
        assert homework.due_at == kyiv("2026-12-04 17:30")

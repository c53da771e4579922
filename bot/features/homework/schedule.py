"""Time arithmetic of homework: quick due buttons, quiet hours, reminder times (typed due
times are read by `bot.features.homework.dates`).

Pure functions over aware datetimes (no Telegram, no database), so they are easy to test.
All instants are UTC; the class time zone is only used to read and show wall-clock times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.features.homework.dates import DEFAULT_TIME, DueError, check_due, local_moment

QuietHours = tuple[time, time] | None


QUICK_DUES = ("t18", "d3", "w1")


def quick_due(key: str, tz: ZoneInfo, now: datetime) -> datetime:
    """The quick-button due times: tomorrow 18:00, in 3 days 18:00, in a week 18:00."""
    days = {"t18": 1, "d3": 3, "w1": 7}.get(key)
    if days is None:
        raise DueError("hw.due_format")
    local_day = now.astimezone(tz).date() + timedelta(days=days)
    return check_due(local_moment(local_day, DEFAULT_TIME, tz), now)


def in_quiet_hours(moment: datetime, quiet: QuietHours, tz: ZoneInfo) -> bool:
    """Is `moment` inside the quiet window (wall clock in `tz`; the window may cross midnight)?"""
    if quiet is None:
        return False
    start, end = quiet
    local = moment.astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def out_of_quiet_hours(moment: datetime, quiet: QuietHours, tz: ZoneInfo) -> datetime:
    """`moment` itself, or the end of the quiet window it falls into (UTC)."""
    if quiet is None or not in_quiet_hours(moment, quiet, tz):
        return moment
    start, end = quiet
    local = moment.astimezone(tz)
    end_day = local.date()
    if start > end and local.time().replace(tzinfo=None) >= start:
        end_day += timedelta(days=1)  # 23:30 → 08:00 of the next morning
    return local_moment(end_day, end, tz).astimezone(UTC)


@dataclass(frozen=True)
class PlannedReminder:
    offset_seconds: int
    due_at: datetime  # UTC, already out of quiet hours


def plan_reminders(
    homework_due: datetime,
    offsets: tuple[timedelta, ...],
    *,
    now: datetime,
    quiet: QuietHours,
    tz: ZoneInfo,
) -> list[PlannedReminder]:
    """One reminder per offset before the due time, moved out of quiet hours.

    Dropped: offsets whose time has already passed when the homework is set, reminders that
    quiet hours would push to or past the due time, and a reminder that lands on the same
    moment as a longer-offset one (the student would get two messages at 08:00)."""
    planned: list[PlannedReminder] = []
    taken: set[datetime] = set()
    for offset in sorted(offsets, reverse=True):
        at = homework_due - offset
        if at <= now:
            continue
        at = out_of_quiet_hours(at, quiet, tz)
        if at >= homework_due or at in taken:
            continue
        taken.add(at)
        planned.append(PlannedReminder(int(offset.total_seconds()), at))
    return planned


def format_local(moment: datetime, tz: ZoneInfo) -> str:
    """`27.11.2026 18:00`: a wall-clock time in the class time zone."""
    local = moment.astimezone(tz)
    return local.strftime("%d.%m.%Y %H:%M")

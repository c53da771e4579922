"""Time arithmetic of homework: due times typed by a teacher, quiet hours, reminder times.

Pure functions over aware datetimes (no Telegram, no database), so they are easy to test.
All instants are UTC; the class time zone is only used to read and show wall-clock times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

QuietHours = tuple[time, time] | None

MAX_DUE_TEXT = 64
MAX_DUE_AHEAD = timedelta(days=366)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:.](\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\s+(\d{1,2})[:.](\d{2})$")


class DueError(ValueError):
    """A due time that cannot be used; `key` names the text that explains why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_due(text: str, tz: ZoneInfo, now: datetime) -> datetime:
    """`YYYY-MM-DD HH:MM`, `DD.MM HH:MM` or `DD.MM.YYYY HH:MM` in the class time zone → UTC.

    Without a year, the next occurrence that is not in the past is meant (in December,
    `05.01 18:00` is next January). Past times are refused with `DueError("hw.due_past")`."""
    text = " ".join(text.strip().split())[:MAX_DUE_TEXT]
    local_now = now.astimezone(tz)
    iso, dotted = _ISO.match(text), _DOTTED.match(text)
    try:
        if iso:
            year, month, day, hour, minute = (int(part) for part in iso.groups())
            due = _local(date(year, month, day), time(hour, minute), tz)
        elif dotted:
            day, month = int(dotted.group(1)), int(dotted.group(2))
            hour, minute = int(dotted.group(4)), int(dotted.group(5))
            if dotted.group(3):
                due = _local(date(int(dotted.group(3)), month, day), time(hour, minute), tz)
            else:
                due = _next_occurrence(day, month, time(hour, minute), tz, local_now)
        else:
            raise DueError("hw.due_format")
    except ValueError as exc:  # 31.02, 25:00 and friends
        if isinstance(exc, DueError):
            raise
        raise DueError("hw.due_invalid") from exc
    return check_due(due, now)


def check_due(due: datetime, now: datetime) -> datetime:
    """The due time in UTC if it is in the future and not absurdly far away."""
    if due <= now:
        raise DueError("hw.due_past")
    if due - now > MAX_DUE_AHEAD:
        raise DueError("hw.due_far")
    return due.astimezone(UTC)


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def _next_occurrence(day: int, month: int, at: time, tz: ZoneInfo, local_now: datetime) -> datetime:
    last_error: ValueError | None = None
    for year in (local_now.year, local_now.year + 1, local_now.year + 4):  # +4: 29.02
        try:
            candidate = _local(date(year, month, day), at, tz)
        except ValueError as exc:
            last_error = exc
            continue
        if candidate > local_now:
            return candidate
    if last_error is not None:
        raise last_error
    raise DueError("hw.due_past")


QUICK_DUES = ("t18", "d3", "w1")


def quick_due(key: str, tz: ZoneInfo, now: datetime) -> datetime:
    """The quick-button due times: tomorrow 18:00, in 3 days 18:00, in a week 18:00."""
    days = {"t18": 1, "d3": 3, "w1": 7}.get(key)
    if days is None:
        raise DueError("hw.due_format")
    local_day = now.astimezone(tz).date() + timedelta(days=days)
    return check_due(_local(local_day, time(18, 0), tz), now)


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
    return _local(end_day, end, tz).astimezone(UTC)


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

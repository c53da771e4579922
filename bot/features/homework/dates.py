"""Due times as teachers type them, in Ukrainian or English: `завтра 18:00`, `пт 18:00`,
`1 грудня 18:00`, `01.12` (18:00 by default), `tomorrow 6pm`, `2026-12-01 18:00`,
`01.12 18:00`, `1.12.2026 9:05`.

Pure (no Telegram, no database): `parse_due(text, tz, now)` returns the moment in UTC or raises
`DueError` whose `key` names the text that explains the refusal.

Policies:
- Wall-clock times are in the class time zone `tz`; without a time the due time is 18:00.
- A date without a year is the occurrence of that day nearest to now. When that is in the past
  (`28.11` typed on 29.11) it is refused as past — never silently moved to next year — while a
  day up to about six months ahead is fine across New Year (`05.01` typed in December).
- A weekday is its next occurrence: today if the time is still ahead, else next week's.
- A time alone (`18:00`) is today's; `завтра`/`tomorrow`, `післязавтра`, `сьогодні`/`today`.
- Anything not fully understood is refused (`hw.due_format`): no guessing from fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DUE_TEXT = 64
MAX_DUE_AHEAD = timedelta(days=366)
DEFAULT_TIME = time(18, 0)


class DueError(ValueError):
    """A due time that cannot be used; `key` names the text that explains why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# ---------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "січня січень січ january jan",
        "лютого лютий лют february feb",
        "березня березень бер march mar",
        "квітня квітень квіт april apr",
        "травня травень трав may",
        "червня червень черв june jun",
        "липня липень лип july jul",
        "серпня серпень серп august aug",
        "вересня вересень вер september sept sep",
        "жовтня жовтень жовт october oct",
        "листопада листопад лист november nov",
        "грудня грудень груд december dec",
    ),
    start=1,
):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))

# Monday is 0, as in date.weekday(); Ukrainian in the nominative and the accusative ("у п'ятницю").
_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "пн понеділок понеділка mon monday",
        "вт вівторок вівторка tue tues tuesday",
        "ср середа середу wed weds wednesday",
        "чт четвер четверга thu thur thurs thursday",
        "пт п'ятниця п'ятницю fri friday",
        "сб субота суботу sat saturday",
        "нд неділя неділю sun sunday",
    )
):
    _WEEKDAYS.update(dict.fromkeys(_names.split(), _number))

_RELATIVE_DAYS = {
    "сьогодні": 0,
    "today": 0,
    "завтра": 1,
    "tomorrow": 1,
    "післязавтра": 2,
    "day-after-tomorrow": 2,
}

# Little words around a date that change nothing: "до пт о 18:00", "by Friday at 6pm".
_FILLERS = frozenset(
    ["до", "о", "об", "в", "у", "на", "о'", "at", "by", "on", "the", "due", "until", "till"]
)

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_AM_PM = re.compile(r"^(\d{1,2})(?::(\d{2}))?(am|pm)$")
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|-го|-е|-ого)?$")
_YEAR = re.compile(r"^\d{4}$")


# ---------------------------------------------------------------- what was typed


@dataclass
class _Parts:
    """The pieces found in the text; each may be given once."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    days_ahead: int | None = None
    at: time | None = None

    @property
    def has_date(self) -> bool:
        return self.day is not None or self.weekday is not None or self.days_ahead is not None


def _normalise(text: str) -> list[str]:
    text = " ".join(text.lower().translate(_APOSTROPHES).split())
    text = text.replace("day after tomorrow", "day-after-tomorrow")
    text = re.sub(r"(\d)\s*(a\.?m\.?|p\.?m\.?)(?=\s|$)", _am_pm_suffix, text)
    text = re.sub(r"(\d{1,2})\s*(?:год\.?|h)(?=\s|$)", r"\1:00", text)  # "18 год", "18h"
    text = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(\d)", r"\1 \2", text)  # ISO "…T18:00"
    return [token.strip(",;") for token in text.split() if token.strip(",;") not in _FILLERS]


def _am_pm_suffix(match: re.Match[str]) -> str:
    return match.group(1) + ("am" if match.group(2).startswith("a") else "pm")


def _read(tokens: list[str]) -> _Parts:
    parts = _Parts()
    used: set[int] = set()  # tokens read with a month name: its day and year
    for index, token in enumerate(tokens):
        if token in _MONTHS:
            used |= {index, *_read_month(parts, tokens, index)}
    for index, token in enumerate(tokens):
        if index not in used and not _read_token(parts, token, tokens, index):
            raise DueError("hw.due_format")
    if parts.month is not None and parts.day is None:
        raise DueError("hw.due_format")  # "грудня 18:00": which day?
    kinds = (parts.day, parts.weekday, parts.days_ahead)
    if sum(kind is not None for kind in kinds) > 1:
        raise DueError("hw.due_format")  # "завтра пт": which one?
    return parts


def _read_token(parts: _Parts, token: str, tokens: list[str], index: int) -> bool:
    """Put one token into `parts`; False when it means nothing here (or says a thing twice)."""
    if token in _WEEKDAYS:
        return _set(parts, weekday=_WEEKDAYS[token])
    if token in _RELATIVE_DAYS:
        return _set(parts, days_ahead=_RELATIVE_DAYS[token])
    if match := _ISO_DATE.match(token):
        year, month, day = (int(group) for group in match.groups())
        return _set(parts, year=year, month=month, day=day)
    if (match := _CLOCK.match(token)) and not _dotted_date(token, parts, tokens, index):
        return _set(parts, at=_clock(int(match.group(1)), int(match.group(2))))
    if match := _DOTTED.match(token):
        year = int(match.group(3)) if match.group(3) else None
        return _set(parts, year=year, month=int(match.group(2)), day=int(match.group(1)))
    if match := _AM_PM.match(token):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            raise DueError("hw.due_invalid")
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
        return _set(parts, at=_clock(hour, minute))
    return False


def _dotted_date(token: str, parts: _Parts, tokens: list[str], index: int) -> bool:
    """Is `12.30`-like `token` a date (day.month) rather than a time? `01.12` alone or
    first is a date; `01.12 18.00` has a date and then a time; `18.00` alone, and a dotted
    token beside another date (`завтра 18.30`), is a time."""
    if "." not in token or parts.has_date or token.endswith(".00"):
        return False
    others = tokens[:index] + tokens[index + 1 :]
    return not any(_names_a_day(other) for other in others)


def _names_a_day(token: str) -> bool:
    return (
        token in _MONTHS
        or token in _WEEKDAYS
        or token in _RELATIVE_DAYS
        or bool(_ISO_DATE.match(token))
    )


def _read_month(parts: _Parts, tokens: list[str], index: int) -> set[int]:
    """A month name with its day number before it (`1 грудня`) or after it (`December 1`),
    and maybe a year after both (`1 грудня 2026`); returns the tokens it used."""
    if not _set(parts, month=_MONTHS[tokens[index]]):
        raise DueError("hw.due_format")
    used: set[int] = set()
    for where in (index - 1, index + 1):
        if parts.day is not None or not 0 <= where < len(tokens):
            continue
        if match := _DAY_NUMBER.match(tokens[where]):
            parts.day = int(match.group(1))
            used.add(where)
    last = max(used | {index})
    if last + 1 < len(tokens) and _YEAR.match(tokens[last + 1]):
        parts.year = int(tokens[last + 1])
        used.add(last + 1)
    return used


def _set(parts: _Parts, **values: object) -> bool:
    for name, value in values.items():
        if getattr(parts, name) is not None:
            return False  # the same thing given twice ("завтра пт")
        setattr(parts, name, value)
    return True


def _clock(hour: int, minute: int) -> time:
    try:
        return time(hour, minute)
    except ValueError as exc:
        raise DueError("hw.due_invalid") from exc


# ---------------------------------------------------------------- the moment meant


def parse_due(text: str, tz: ZoneInfo, now: datetime) -> datetime:
    """The due moment (UTC) that `text` names in the class time zone `tz`."""
    if len(text) > MAX_DUE_TEXT:
        raise DueError("hw.due_format")
    tokens = _normalise(text)
    if not tokens:
        raise DueError("hw.due_format")
    parts = _read(tokens)
    if parts.weekday is not None and parts.day is not None:
        raise DueError("hw.due_format")
    local_now = now.astimezone(tz)
    at = parts.at or DEFAULT_TIME
    try:
        due = _moment(parts, at, tz, local_now)
    except ValueError as exc:  # 31.02, 29.02 of a common year
        if isinstance(exc, DueError):
            raise
        raise DueError("hw.due_invalid") from exc
    return check_due(due, now)


def _moment(parts: _Parts, at: time, tz: ZoneInfo, local_now: datetime) -> datetime:
    today = local_now.date()
    if parts.day is not None and parts.month is not None:
        if parts.year is not None:
            return local_moment(date(parts.year, parts.month, parts.day), at, tz)
        return _nearest(parts.day, parts.month, at, tz, local_now)
    if parts.weekday is not None:
        ahead = (parts.weekday - today.weekday()) % 7
        due = local_moment(today + timedelta(days=ahead), at, tz)
        return due if due > local_now else due + timedelta(days=7)
    return local_moment(today + timedelta(days=parts.days_ahead or 0), at, tz)


def _nearest(day: int, month: int, at: time, tz: ZoneInfo, local_now: datetime) -> datetime:
    """Of that day last year, this year and next year, the one nearest to now: a past one
    then fails `check_due` ("that has passed") instead of meaning next year."""
    candidates: list[datetime] = []
    for year in (local_now.year - 1, local_now.year, local_now.year + 1):
        try:
            candidates.append(local_moment(date(year, month, day), at, tz))
        except ValueError:
            continue  # 29.02 exists only in some of these years
    if not candidates:
        raise DueError("hw.due_invalid")
    return min(candidates, key=lambda moment: abs(moment - local_now))


def check_due(due: datetime, now: datetime) -> datetime:
    """The due time in UTC if it is in the future and not absurdly far away."""
    if due <= now:
        raise DueError("hw.due_past")
    if due - now > MAX_DUE_AHEAD:
        raise DueError("hw.due_far")
    return due.astimezone(UTC)


def local_moment(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)

"""Homework logic without Telegram: reading teachers' arguments, setting homework (with its
notices and reminders, in one transaction), and rendering lists, reports, summaries and CSV."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.features.homework import schedule
from bot.render.filenames import file_name
from bot.render.spreadsheet import excel_csv
from bot.texts import t
from db.models import Class, Homework, User
from db.repositories import homework as homework_repo
from db.repositories import reminders
from db.repositories.homework import MAX_COUNT, MIXED, StudentHomework, StudentProgress
from db.repositories.users import display_name, resolve_language
from quiz.questions import TOPICS

HOMEWORK_TOPICS: tuple[str, ...] = (*TOPICS, MIXED)
COUNT_CHOICES = (3, 5, 10, 15, 20)
MAX_TEXT = 4096
MAX_ARG = 64
MAX_NAME = 64  # of a student in lists

# What teachers type for a topic, besides the canonical names (lower case, no spaces).
_TOPIC_ALIASES: dict[str, str] = {
    "prob": "probability", "ймовірність": "probability", "ймовірності": "probability",
    "surprise": "surprisal", "несподіванка": "surprisal", "несподіваність": "surprisal",
    "здивування": "surprisal", "ентропія": "entropy",
    "crossentropy": "cross_entropy", "кросентропія": "cross_entropy",
    "перехреснаентропія": "cross_entropy", "ce": "cross_entropy",
    "kl": "kl_divergence", "kldivergence": "kl_divergence", "kl-дивергенція": "kl_divergence",
    "klдивергенція": "kl_divergence", "кл": "kl_divergence", "дивергенція": "kl_divergence",
    "all": "mixed", "mix": "mixed", "усе": "mixed", "все": "mixed", "мікс": "mixed",
    "змішана": "mixed", "впереміш": "mixed", "усевпереміш": "mixed",
}  # fmt: skip
_TOPIC_JUNK = re.compile(r"[\s_\-–—·]+")


def resolve_topic(text: str) -> str | None:
    """`entropy`, `cross-entropy`, `Крос-ентропія`, `KL`, `mixed`, `усе впереміш` → a topic."""
    word = text.strip().lower()[:MAX_ARG]
    if word in HOMEWORK_TOPICS:
        return word
    squashed = _TOPIC_JUNK.sub("", word)
    for topic in HOMEWORK_TOPICS:
        if squashed == _TOPIC_JUNK.sub("", topic):
            return topic
    for lang in ("uk", "en"):
        for topic in HOMEWORK_TOPICS:
            if squashed == _TOPIC_JUNK.sub("", t(lang, f"topic.{topic}").lower()):
                return topic
    return _TOPIC_ALIASES.get(word) or _TOPIC_ALIASES.get(squashed)


def parse_count(text: str) -> int | None:
    text = text.strip()[:MAX_ARG]
    if not text.isdigit():
        return None
    count = int(text)
    return count if 1 <= count <= MAX_COUNT else None


def topic_name(lang: str, topic: str) -> str:
    return t(lang, f"topic.{topic}")


def class_zone(class_: Class, settings: Settings) -> ZoneInfo:
    """The class's time zone; the configured one if the stored name is unknown here."""
    try:
        return ZoneInfo(class_.timezone or settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return settings.tz


@dataclass(frozen=True)
class AssignArgs:
    """What /assign's arguments gave; None where a step of the dialog is still needed."""

    code: str | None = None
    topic: str | None = None
    count: int | None = None
    due_text: str | None = None
    bad_topic: str | None = None
    bad_count: bool = False


def split_assign_args(args: list[str]) -> AssignArgs:
    """`/assign <code> <topic> <count> <due…>`; a two-word topic (`cross entropy`) is fine."""
    args = [arg[:MAX_ARG] for arg in args[:12]]
    if not args:
        return AssignArgs()
    code, rest = args[0].strip().upper(), args[1:]
    if not rest:
        return AssignArgs(code=code)
    topic, used = None, 0
    for width in (1, 2, 3):
        if len(rest) >= width and (found := resolve_topic(" ".join(rest[:width]))):
            topic, used = found, width
            break
    if topic is None:
        return AssignArgs(code=code, bad_topic=rest[0])
    rest = rest[used:]
    if not rest:
        return AssignArgs(code=code, topic=topic)
    count = parse_count(rest[0])
    if count is None:
        return AssignArgs(code=code, topic=topic, bad_count=True)
    due_text = " ".join(rest[1:]).strip() or None
    return AssignArgs(code=code, topic=topic, count=count, due_text=due_text)


@dataclass(frozen=True)
class Assigned:
    homework: Homework
    class_: Class
    students: int
    notice_at: datetime  # when the "assigned" notices are due (now, or the end of quiet hours)
    reminders: int


async def assign(
    session: AsyncSession,
    settings: Settings,
    *,
    class_: Class,
    topic: str,
    count: int,
    due_at: datetime,
    now: datetime,
) -> Assigned:
    """Store the homework, one "assigned" notice per student (deferred past quiet hours) and
    one reminder per student × offset. The caller commits (with its reply to the teacher)."""
    zone = class_zone(class_, settings)
    quiet = settings.quiet_hours
    notice_at = schedule.out_of_quiet_hours(now, quiet, zone)
    planned = schedule.plan_reminders(
        due_at, settings.reminder_offsets, now=now, quiet=quiet, tz=zone
    )
    homework = await homework_repo.create(
        session, class_id=class_.id, topic=topic, count=count, due_at=due_at, created_at=now
    )
    students = await homework_repo.student_ids(session, class_.id)
    rows: list[reminders.NewReminder] = []
    for user_id in students:
        if notice_at < due_at:
            rows.append(
                reminders.NewReminder(homework.id, user_id, reminders.ASSIGNED, 0, notice_at)
            )
        rows.extend(
            reminders.NewReminder(
                homework.id, user_id, reminders.REMINDER, plan.offset_seconds, plan.due_at
            )
            for plan in planned
        )
    await reminders.add_many(session, rows)
    return Assigned(homework, class_, len(students), notice_at, len(planned) * len(students))


# --- rendering ---------------------------------------------------------------------------


def student_notice(lang: str, homework: Homework, class_: Class, zone: ZoneInfo) -> str:
    return t(
        lang,
        "hw.student_notice",
        name=html.escape(class_.name),
        topic=topic_name(lang, homework.topic),
        count=homework.count,
        due=schedule.format_local(homework.due_at, zone),
    )


def student_reminder(
    lang: str, homework: Homework, class_: Class, zone: ZoneInfo, done: int
) -> str:
    return t(
        lang,
        "hw.student_reminder",
        name=html.escape(class_.name),
        topic=topic_name(lang, homework.topic),
        done=done,
        count=homework.count,
        due=schedule.format_local(homework.due_at, zone),
    )


def student_list(lang: str, items: list[StudentHomework], settings: Settings, now: datetime) -> str:
    """Open homework first (soonest due first), then finished, newest first."""
    lines = [t(lang, "hw.list_header")]
    for item in sorted(open_items(items), key=lambda i: i.homework.due_at):
        zone = class_zone(item.class_, settings)
        key = "hw.list_open" if item.homework.due_at > now else "hw.list_overdue"
        lines.append(
            t(
                lang,
                key,
                topic=topic_name(lang, item.homework.topic),
                name=html.escape(item.class_.name),
                done=min(item.done, item.homework.count),
                count=item.homework.count,
                due=schedule.format_local(item.homework.due_at, zone),
            )
        )
    for item in [i for i in items if i.finished][:10]:
        zone = class_zone(item.class_, settings)
        lines.append(
            t(
                lang,
                "hw.list_done",
                topic=topic_name(lang, item.homework.topic),
                name=html.escape(item.class_.name),
                count=item.homework.count,
                at=schedule.format_local(item.finished_at or item.homework.due_at, zone),
            )
        )
    return split_lines(lines)[0]  # whole lines only: a cut could break the HTML


def open_items(items: list[StudentHomework]) -> list[StudentHomework]:
    return [item for item in items if not item.finished]


def _student_line(lang: str, row: StudentProgress, count: int, zone: ZoneInfo) -> str:
    name = html.escape(display_name(row.user)[:MAX_NAME])
    done = min(row.done, count)
    if row.finished_at is not None:
        at = schedule.format_local(row.finished_at, zone)
        return t(lang, "hw.report_done", student=name, done=done, count=count, at=at)
    key = "hw.report_blocked" if row.user.unreachable else "hw.report_open"
    return t(lang, key, student=name, done=done, count=count)


def class_report(
    lang: str,
    class_: Class,
    sections: list[tuple[Homework, list[StudentProgress]]],
    zone: ZoneInfo,
) -> list[str]:
    """`/homeworks`: per homework, per student `done/count` and when they finished; split
    into messages of at most 4096 characters, never in the middle of a line."""
    lines = [t(lang, "hw.report_header", name=html.escape(class_.name), tz=zone.key)]
    for homework, rows in sections:
        finished = sum(1 for row in rows if row.finished_at is not None)
        lines.append(
            t(
                lang,
                "hw.report_homework",
                topic=topic_name(lang, homework.topic),
                count=homework.count,
                due=schedule.format_local(homework.due_at, zone),
                # "finished 0 of 0" says nothing: the "(no students)" line below says it
                progress=(
                    t(lang, "hw.report_progress", finished=finished, total=len(rows))
                    if rows
                    else ""
                ),
            )
        )
        lines.extend(_student_line(lang, row, homework.count, zone) for row in rows)
        if not rows:
            lines.append(t(lang, "hw.report_empty"))
    return split_lines(lines)


def split_lines(lines: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Join lines into as few messages as fit `limit` each (a too-long line is cut)."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current:
        chunks.append(current)
    return chunks


def name_lines(names: list[str], width: int = 1000) -> list[str]:
    """Escaped names, comma-separated, wrapped into lines of about `width` characters, so a
    long list splits between names (never inside an HTML entity)."""
    lines: list[str] = []
    current = ""
    for name in names:
        piece = html.escape(name[:MAX_NAME])
        if current and len(current) + len(piece) + 2 > width:
            lines.append(current + ",")
            current = piece
        else:
            current = f"{current}, {piece}" if current else piece
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Summary:
    texts: list[str]
    csv_name: str
    csv_bytes: bytes
    caption: str


def summary(
    lang: str, homework: Homework, class_: Class, rows: list[StudentProgress], zone: ZoneInfo
) -> Summary:
    """At the due time: who finished, who did not, who cannot be reached; text and CSV."""
    finished = [r for r in rows if r.finished_at is not None]
    blocked = [r for r in rows if r.finished_at is None and r.user.unreachable]
    unfinished = [r for r in rows if r.finished_at is None and not r.user.unreachable]
    topic = topic_name(lang, homework.topic)
    head = t(
        lang,
        "hw.summary",
        name=html.escape(class_.name),
        topic=topic,
        count=homework.count,
        due=schedule.format_local(homework.due_at, zone),
        progress=(
            t(lang, "hw.summary_progress", finished=len(finished), total=len(rows))
            if rows
            else t(lang, "hw.summary_nobody")
        ),
    )
    lines = [head]
    for key, group in (
        ("hw.summary_finished", finished),
        ("hw.summary_open", unfinished),
        ("hw.summary_blocked", blocked),
    ):
        if group:
            names = [
                display_name(r.user)[:MAX_NAME]
                + ("" if r.finished_at else f" ({min(r.done, homework.count)}/{homework.count})")
                for r in group
            ]
            first, *rest = name_lines(names)
            lines.append(t(lang, key, names=first))
            lines.extend(rest)
    return Summary(
        texts=split_lines(lines),
        csv_name=file_name(
            class_.name,
            "homework",
            homework.topic,
            day=homework.due_at.astimezone(zone).date(),
            extension="csv",
        ),
        csv_bytes=summary_csv(lang, homework, rows, zone),
        caption=t(lang, "hw.summary_csv", name=html.escape(class_.name), topic=topic),
    )


def summary_csv(
    lang: str, homework: Homework, rows: list[StudentProgress], zone: ZoneInfo
) -> bytes:
    """One row per student (see `bot.render.spreadsheet.excel_csv`)."""
    lines = []
    for row in rows:
        if row.finished_at is not None:
            state = t(lang, "hw.csv.finished")
        elif row.user.unreachable:
            state = t(lang, "hw.csv.blocked")
        else:
            state = t(lang, "hw.csv.open")
        at = schedule.format_local(row.finished_at, zone) if row.finished_at else ""
        done = min(row.done, homework.count)
        lines.append([display_name(row.user), row.user.id, done, homework.count, at, state])
    return excel_csv(t(lang, "hw.csv.header").split(";"), lines, lang)


def user_lang(user: User | None, settings: Settings) -> str:
    if user is None:
        return settings.default_language
    return resolve_language(user, settings.default_language)

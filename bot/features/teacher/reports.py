"""The class report as text pages, a CSV file, and one student's latest answers.
Pure functions over data already read from the database."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.features.teacher.service import shorten
from bot.render.spreadsheet import excel_csv
from bot.texts import CATALOGS, t
from db.models import Attempt, Class, User
from db.repositories.classes import TopicStats
from db.repositories.users import display_name
from quiz.mastery import mastery_glyph
from quiz.numbers import format_percent
from quiz.questions import TOPICS

_TAG = re.compile(r"<[^>]+>")
PAGE_SIZE = 10  # students per text page: a phone screen or two
MAX_TEXT = 4096
MAX_SHOWN_NAME = 40  # in the table and on buttons; the CSV has the full name
RECENT_ATTEMPTS = 8


@dataclass(frozen=True)
class StudentRow:
    id: int
    name: str
    topics: dict[str, TopicStats]

    @property
    def attempts(self) -> int:
        return sum(s.attempts for s in self.topics.values())

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.topics.values())


@dataclass(frozen=True)
class ClassReport:
    class_id: int
    code: str
    name: str
    timezone: str
    topics: tuple[str, ...]
    students: tuple[StudentRow, ...]
    archived: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.students) // PAGE_SIZE))

    def page_students(self, page: int) -> tuple[StudentRow, ...]:
        return self.students[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]


def build_report(
    klass: Class, students: Sequence[User], stats: dict[tuple[int, str], TopicStats]
) -> ClassReport:
    """Join the class's students with their per-topic statistics. Topics are the quiz's
    topics in teaching order, plus any other topic found in the attempts."""
    extra = sorted({topic for _, topic in stats} - set(TOPICS))
    topics = (*TOPICS, *extra)
    rows = tuple(
        StudentRow(
            id=user.id,
            name=display_name(user),
            topics={topic: s for (uid, topic), s in stats.items() if uid == user.id},
        )
        for user in students
    )
    return ClassReport(
        klass.id, klass.code, klass.name, klass.timezone, topics, rows, archived=klass.archived
    )


def topic_label(lang: str, topic: str) -> str:
    key = f"topic.{topic}"
    return t(lang, key) if key in CATALOGS["en"] else topic.replace("_", " ")


def percent(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang)


def _student_block(row: StudentRow, number: int, report: ClassReport, lang: str) -> str:
    """A few short lines per student, readable on a phone: the topics tried, one per line,
    then the untried ones together on one line."""
    name = html.escape(shorten(row.name, MAX_SHOWN_NAME))
    if row.attempts == 0 and not row.topics:
        return f"<b>{number}. {name}</b>\n{t(lang, 'teacher.report.no_attempts')}"
    total = percent(row.correct / row.attempts, lang) if row.attempts else "—"
    lines = [f"<b>{number}. {name}</b> · {row.attempts} · {total}"]
    untried: list[str] = []
    for topic in report.topics:
        stats = row.topics.get(topic)
        if stats is None:
            if topic in TOPICS:
                untried.append(topic_label(lang, topic))
            continue
        lines.append(topic_line(stats, topic, lang))
    if untried:
        lines.append(f"{mastery_glyph(None)} {', '.join(untried)}")
    return "\n".join(lines)


def topic_line(stats: TopicStats, topic: str, lang: str) -> str:
    """`🟧 Entropy · L2 — mastery 47 % · accuracy 100 % (3)`: mastery and accuracy named, side
    by side, the same numbers as the student's /progress and the CSV."""
    return t(
        lang,
        "teacher.report.topic_line",
        glyph=mastery_glyph(stats.mastery),
        topic=topic_label(lang, topic),
        level=stats.level,
        mastery=percent(stats.mastery, lang),
        accuracy=percent(stats.accuracy, lang),
        attempts=stats.attempts,
    )


def render_page(report: ClassReport, page: int, lang: str) -> str:
    """One page of the table: a header, a legend, and a block per student. Each block is at
    most ~7 short lines, so ten fit well under Telegram's 4096 characters. Should a page ever
    not fit (a future with many more topics), every student keeps their summary line rather
    than anyone vanishing from the page."""
    first = page * PAGE_SIZE
    header = t(
        lang,
        "teacher.report.header",
        name=html.escape(report.name),
        students=len(report.students),
        page=page + 1,
        pages=report.pages,
    )
    blocks = [
        _student_block(row, first + i + 1, report, lang)
        for i, row in enumerate(report.page_students(page))
    ]
    if report.archived:
        header += "\n" + t(lang, "teacher.archive.note")
    legend = f"<i>{t(lang, 'teacher.report.legend')}</i>"
    footer = t(lang, "teacher.report.pick_student")
    text = "\n\n".join([header + "\n" + legend, *blocks, footer])
    if visible_length(text) > MAX_TEXT:
        blocks = [block.split("\n", 1)[0] for block in blocks]
        text = "\n\n".join([header + "\n" + legend, *blocks, footer])
    return text


def visible_length(html_text: str) -> int:
    """Telegram's measure of a message: the text after entity parsing, in UTF-16 units."""
    plain = html.unescape(_TAG.sub("", html_text))
    return len(plain.encode("utf-16-le")) // 2


CSV_KEYS = (
    "student_id", "name", "topic", "level", "attempts", "correct", "accuracy", "mastery", "last",
)  # fmt: skip


def render_csv(report: ClassReport, lang: str) -> bytes:
    """One row per student × topic (see `bot.render.spreadsheet.excel_csv`). Percentages
    are whole numbers, so no decimal mark can be misread."""
    keys = CSV_KEYS
    zone = ZoneInfo(report.timezone)
    rows = [
        _csv_cells(row, topic, row.topics.get(topic), lang, zone)
        for row in report.students
        for topic in report.topics
        if row.topics.get(topic) is not None or topic in TOPICS
    ]
    return excel_csv([t(lang, f"teacher.csv.{key}") for key in keys], rows, lang)


def _csv_cells(
    row: StudentRow, topic: str, stats: TopicStats | None, lang: str, zone: ZoneInfo
) -> list[object]:
    name = row.name
    if stats is None:
        return [row.id, name, topic_label(lang, topic), 1, 0, 0, "", "", ""]
    accuracy = "" if stats.accuracy is None else round(stats.accuracy * 100)
    mastery = "" if stats.mastery is None else round(stats.mastery * 100)
    return [
        row.id,
        name,
        topic_label(lang, topic),
        stats.level,
        stats.attempts,
        stats.correct,
        accuracy,
        mastery,
        _local(stats.last_at, zone),
    ]


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class AttemptLine:
    """One past answer as the teacher sees it."""

    correct: bool
    skipped: bool
    topic: str
    question: str
    typed: str
    note: str | None
    at: datetime


def render_student(
    student_name: str,
    class_name: str,
    lines: Iterable[AttemptLine],
    lang: str,
    timezone: str,
) -> str:
    zone = ZoneInfo(timezone)
    title = t(
        lang,
        "teacher.report.student_title",
        student=html.escape(shorten(student_name, MAX_SHOWN_NAME)),
        name=html.escape(class_name),
    )
    parts = [title]
    items = list(lines)
    if not items:
        parts.append(t(lang, "teacher.report.student_none"))
        return "\n\n".join(parts)
    parts.append(t(lang, "teacher.report.student_recent"))
    for line in items:
        mark = "⏭" if line.skipped else ("✅" if line.correct else "❌")
        typed = (
            t(lang, "teacher.report.skipped")
            if line.skipped
            else f"<code>{html.escape(shorten(line.typed, 60))}</code>"
        )
        when = line.at.astimezone(zone).strftime("%d.%m %H:%M")
        entry = (
            f"{mark} <i>{html.escape(topic_label(lang, line.topic))}, {when}</i>\n"
            f"{html.escape(shorten(line.question, 200))}\n→ {typed}"
        )
        if line.note and not line.correct:
            entry += f"\n💬 {html.escape(shorten(line.note, 160))}"
        parts.append(entry)
    text = "\n\n".join(parts)
    while len(text) > MAX_TEXT and len(parts) > 2:
        parts.pop()
        text = "\n\n".join(parts)
    return text


def attempt_line(attempt: Attempt, question_text: str) -> AttemptLine:
    return AttemptLine(
        correct=bool(attempt.correct),
        skipped=bool(attempt.skipped),
        topic=attempt.topic,
        question=question_text,
        typed=attempt.text or "",
        # Only a diagnosed mistake is worth a line; "not quite" says nothing ✅/❌ does not.
        note=(first_line(attempt.feedback) or attempt.diagnosis) if attempt.diagnosis else None,
        at=attempt.created_at,
    )


def short_question(text: str) -> str:
    """A question's first line (the die or coin it is about) and the line that asks."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    asking = next((line for line in lines if "?" in line), lines[-1])
    return lines[0] if asking == lines[0] else f"{lines[0]} {asking}"


def first_line(text: str | None) -> str | None:
    if not text:
        return None
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None

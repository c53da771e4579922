"""The class report as text pages, a CSV file, and one student's latest answers.
Pure functions over data already read from the database."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.features.teacher.service import shorten
from bot.render.spreadsheet import SpreadsheetWriter
from bot.texts import CATALOGS, t
from db.models import Attempt, Class, User
from db.repositories.classes import TopicStats
from db.repositories.reports import RegisterRow, RegisterSlice
from db.repositories.users import display_name
from quiz.calculator import unit_name
from quiz.mastery import mastery_glyph
from quiz.numbers import format_number, format_percent
from quiz.precision import CHOICE_KINDS
from quiz.questions import TOPICS, UNIT_KINDS, Question, answer_from_params, answer_text, generate

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
    first_name: str = ""
    last_name: str | None = None

    @property
    def attempts(self) -> int:
        return sum(s.attempts for s in self.topics.values())

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.topics.values())


@dataclass(frozen=True)
class ClassReport:
    """A class report, or a window of it: `students` are the class's students number
    `first`, `first + 1`… (0-based, in register order) of `size` in all."""

    class_id: int
    code: str
    name: str
    timezone: str
    topics: tuple[str, ...]
    students: tuple[StudentRow, ...]
    archived: bool = False
    total: int | None = None  # the class's size, when `students` is only a window of it
    first: int = 0

    @property
    def size(self) -> int:
        return len(self.students) if self.total is None else self.total

    @property
    def pages(self) -> int:
        return max(1, -(-self.size // PAGE_SIZE))

    def page_students(self, page: int) -> tuple[StudentRow, ...]:
        start = page * PAGE_SIZE - self.first
        return self.students[max(0, start) : max(0, start + PAGE_SIZE)]


def report_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """The quiz's topics in teaching order, then any other topic found (sorted)."""
    return (*TOPICS, *sorted(set(topics) - set(TOPICS)))


def build_report(
    klass: Class, students: Sequence[User], stats: dict[tuple[int, str], TopicStats]
) -> ClassReport:
    """Join the class's students with their per-topic statistics. Topics are the quiz's
    topics in teaching order, plus any other topic found in the attempts."""
    per_student: dict[int, dict[str, TopicStats]] = {}
    for (uid, topic), found in stats.items():
        per_student.setdefault(uid, {})[topic] = found
    rows = tuple(
        StudentRow(
            id=user.id,
            name=display_name(user),
            topics=per_student.get(user.id, {}),
            first_name=user.first_name or "",
            last_name=user.last_name,
        )
        for user in students
    )
    return ClassReport(
        klass.id,
        klass.code,
        klass.name,
        klass.timezone,
        report_topics(topic for _, topic in stats),
        rows,
        archived=klass.archived,
    )


def student_row(row: RegisterRow) -> StudentRow:
    return StudentRow(
        id=row.id,
        name=display_name(row),
        topics=row.topics,
        first_name=row.first_name or "",
        last_name=row.last_name,
    )


def report_of_slice(klass: Class, found: RegisterSlice) -> ClassReport:
    """The report of a slice of the register (`db.repositories.reports`): its students, the
    class's size, and the topics of the students it holds."""
    rows = tuple(student_row(row) for row in found.students)
    return ClassReport(
        klass.id,
        klass.code,
        klass.name,
        klass.timezone,
        report_topics(topic for row in rows for topic in row.topics),
        rows,
        archived=klass.archived,
        total=found.total,
        first=found.offset,
    )


def topic_mastery(stats: TopicStats | None) -> float | None:
    """The mastery a teacher sees for one student × topic, 0..1, or None when nothing was
    tried. Every view (the text table, the chart, the CSV, the dashboard) reads it here, from
    what `classes.class_topic_stats` read: a new mastery model changes those two places."""
    if stats is None or (not stats.attempts and stats.mastery is None):
        return None
    return stats.mastery if stats.mastery is not None else 0.0


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
        glyph=mastery_glyph(topic_mastery(stats)),
        topic=topic_label(lang, topic),
        level=stats.level,
        mastery=percent(topic_mastery(stats), lang),
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
        students=report.size,
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
    table = CsvTable(lang, report.timezone)
    table.add(report.students)
    return table.finish()


class CsvTable:
    """The report's CSV, built from students added part by part (a big class streams from
    the database: `add` each part in a thread, then `finish`)."""

    def __init__(self, lang: str, timezone: str) -> None:
        self.lang = lang
        self._zone = ZoneInfo(timezone)
        self._file = SpreadsheetWriter([t(lang, f"teacher.csv.{key}") for key in CSV_KEYS], lang)

    def add(self, students: Iterable[StudentRow]) -> None:
        for row in students:
            self._file.write(
                _csv_cells(row, topic, row.topics.get(topic), self.lang, self._zone)
                for topic in report_topics(row.topics)
            )

    def finish(self) -> bytes:
        return self._file.finish()


def _csv_cells(
    row: StudentRow, topic: str, stats: TopicStats | None, lang: str, zone: ZoneInfo
) -> list[object]:
    name = row.name
    if stats is None:
        return [row.id, name, topic_label(lang, topic), 1, 0, 0, "", "", ""]
    accuracy = "" if stats.accuracy is None else round(stats.accuracy * 100)
    shown = topic_mastery(stats)
    mastery = "" if shown is None else round(shown * 100)
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
    """One past answer as the teacher sees it: in chat and on the dashboard alike."""

    id: int
    correct: bool
    skipped: bool
    topic: str
    level: int
    question: str  # the whole question, as the student saw it (in the teacher's language)
    typed: str
    value: float | None  # what the typed text means, when it parsed
    answer: str  # the right answer with its unit, e.g. "2,585 біта" or "1/6 ≈ 0,1667"
    note: str | None  # the grader's explanation of a diagnosed mistake
    diagnosis: str | None
    hints: int
    seconds: float | None
    try_number: int  # 1 for the first answer to a question, 2 for a second try at it…
    at: datetime


def attempt_line(attempt: Attempt, lang: str, try_number: int = 1) -> AttemptLine:
    question = asked_question(attempt, lang)
    if question is not None:
        text, answer = question.text, answer_text(question)
    else:  # the question bank changed since: the stored params still say what was asked
        text = f"{topic_label(lang, attempt.topic)}: {describe_params(attempt.params)}"
        answer = _answer_from_params(attempt.params, lang)
    return AttemptLine(
        id=attempt.id,
        correct=bool(attempt.correct),
        skipped=bool(attempt.skipped),
        topic=attempt.topic,
        level=attempt.level,
        question=text,
        typed=attempt.text or "",
        value=attempt.value,
        answer=answer,
        # Only a diagnosed mistake is worth a line; "not quite" says nothing ✅/❌ does not.
        note=(attempt.feedback or attempt.diagnosis) if attempt.diagnosis else None,
        diagnosis=attempt.diagnosis,
        hints=attempt.hints_used or 0,
        seconds=attempt.seconds,
        try_number=try_number,
        at=attempt.created_at,
    )


def asked_question(attempt: Attempt, lang: str) -> Question | None:
    """The question of a past attempt, regenerated from its seed (same inputs, same question)
    in the teacher's language; None when the question bank no longer makes the same one."""
    try:
        question = generate(attempt.topic, attempt.level, attempt.seed, lang, attempt.base)
    except (ValueError, KeyError, TypeError):
        return None
    return question if question.params == attempt.params else None


def describe_params(params: Mapping[str, Any]) -> str:
    """What a question was about, from its params alone: p, q, the event, the base."""
    parts = []
    for key in ("p", "q"):
        dist = params.get(key)
        if isinstance(dist, Mapping):
            parts.append(f"{key}: " + ", ".join(f"{o} {v}" for o, v in dist.items()))
    event = params.get("event")
    if isinstance(event, list):
        parts.append("{" + ", ".join(str(o) for o in event) + "}")
    if params.get("base") is not None:
        parts.append(f"log base {params['base']}")
    return "; ".join(parts)


def _answer_from_params(params: Mapping[str, Any], lang: str) -> str:
    """The right number of a question the bank no longer makes, with its log unit; "—" for
    one answered by a button (its options are gone with it)."""
    if params.get("kind") in CHOICE_KINDS:
        return "—"
    try:
        value = answer_from_params(params)
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return "—"
    shown = format_number(value, lang)
    base = params.get("base")
    if base in ("2", "e", "10") and params.get("kind") in UNIT_KINDS and math.isfinite(value):
        return f"{shown} {unit_name(base, lang, shown)}"
    return shown


def render_student(
    student_name: str,
    class_name: str,
    lines: Iterable[AttemptLine],
    lang: str,
    timezone: str,
) -> list[str]:
    """The drill-down in chat: the student's latest answers, each with the whole question,
    what they typed, the right answer and the diagnosis; as many messages as it takes
    (split between answers, never inside one)."""
    zone = ZoneInfo(timezone)
    title = t(
        lang,
        "teacher.report.student_title",
        student=html.escape(shorten(student_name, MAX_SHOWN_NAME)),
        name=html.escape(class_name),
    )
    items = list(lines)
    if not items:
        return [f"{title}\n\n{t(lang, 'teacher.report.student_none')}"]
    head = f"{title}\n\n{t(lang, 'teacher.report.student_recent')}"
    return pack_blocks([head, *(_attempt_block(line, lang, zone) for line in items)])


def _attempt_block(line: AttemptLine, lang: str, zone: ZoneInfo) -> str:
    mark = "⏭" if line.skipped else ("✅" if line.correct else "❌")
    facts = [
        topic_label(lang, line.topic),
        t(lang, "teacher.report.level", level=line.level),
        line.at.astimezone(zone).strftime("%d.%m %H:%M"),
    ]
    if line.try_number > 1:
        facts.append(t(lang, "teacher.report.try", n=line.try_number))
    if line.hints:
        facts.append(f"💡 {line.hints}")
    if line.seconds is not None:
        facts.append(f"⏱ {duration(line.seconds, lang)}")
    typed = (
        t(lang, "teacher.report.skipped")
        if line.skipped
        else f"<code>{html.escape(line.typed)}</code>{typed_value(line, lang)}"
    )
    block = [
        f"{mark} <i>{html.escape(' · '.join(facts))}</i>",
        html.escape(line.question),
        f"→ {typed}",
        t(lang, "teacher.report.right_answer", answer=html.escape(line.answer)),
    ]
    if line.note and not line.correct:
        block.append(f"💬 {html.escape(line.note)}")
    return "\n".join(block)


def typed_value(line: AttemptLine, lang: str) -> str:
    """` = 2,585` after a typed expression whose value is not plain to see; else empty."""
    if line.value is None:
        return ""
    number = format_number(line.value, lang)
    return "" if line.typed.replace(" ", "") == number else f" = {number}"


def duration(seconds: float, lang: str) -> str:
    """How long an answer took: `45 с`, `2 хв 5 с`, `1 год 3 хв` (`45 s`, `2 min 5 s`)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return t(lang, "teacher.duration.hours", h=hours, m=minutes)
    if minutes:
        return t(lang, "teacher.duration.minutes", m=minutes, s=secs)
    return t(lang, "teacher.duration.seconds", s=secs)


def pack_blocks(blocks: Sequence[str], limit: int = MAX_TEXT) -> list[str]:
    """Blocks of HTML joined by blank lines into as few messages as fit `limit` visible
    characters each. A block is never split (one that alone is too long is cut at a line)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        block = _fit_block(block, limit)
        candidate = f"{current}\n\n{block}" if current else block
        if current and visible_length(candidate) > limit:
            messages.append(current)
            candidate = block
        current = candidate
    if current:
        messages.append(current)
    return messages


def _fit_block(block: str, limit: int) -> str:
    lines = block.split("\n")
    while len(lines) > 1 and visible_length("\n".join(lines)) > limit:
        lines.pop()
    return "\n".join(lines)

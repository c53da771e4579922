"""What the dashboard shows, read with the chat report's own queries (`teacher.views`), and
the same as JSON. The HTML views and the JSON API both start from the objects built here,
so the page, the API and `/class` in chat cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.features.dashboard.server import HttpProblem, database_of, teacher_of
from bot.features.teacher import views
from bot.features.teacher.reports import (
    AttemptLine,
    ClassReport,
    StudentRow,
    report_topics,
    topic_label,
    topic_mastery,
)
from bot.features.teacher.service import looks_like_code, normalize_code
from bot.features.teacher.views import HomeworkStatus
from db.models import MAX_BIG_INTEGER, Class, User
from db.repositories import classes, users
from db.repositories.classes import TopicStats
from quiz.mastery import mastery_band

ATTEMPTS_PAGE = 50  # answers per page of a student's history
MAX_ATTEMPTS_PAGE = 500
# Students per slice of a class's table: a school-sized "class" (10,000) read, built and
# sent whole held the bot's event loop for ~2.5 s and made a page no phone scrolls.
CLASS_ROWS_PAGE = 200
MAX_CLASS_ROWS_PAGE = 1000
HOMEWORK_SHOWN = 10


@dataclass(frozen=True)
class ClassPage:
    klass: Class
    report: ClassReport  # students first… of the register (`report.size`: the whole class)
    homework: list[HomeworkStatus]
    first: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.klass.timezone)

    @property
    def columns(self) -> tuple[str, ...]:
        """The table's topic columns. A class read in slices shows the quiz's topics in every
        slice, so that the rows "show more" adds line up with the heading (a topic outside
        the quiz, from old data, is then left to the chat report and its CSV)."""
        if self.first == 0 and self.next_first is None:
            return self.report.topics
        return report_topics(())

    @property
    def next_first(self) -> int | None:
        """Where the next slice of the table starts, if the class has more students."""
        shown = self.first + len(self.report.students)
        return shown if self.report.students and shown < self.report.size else None


@dataclass(frozen=True)
class StudentPage:
    klass: Class
    user: User
    row: StudentRow
    topics: tuple[str, ...]
    attempts: list[AttemptLine]
    total: int
    offset: int

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.klass.timezone)

    @property
    def next_offset(self) -> int | None:
        shown = self.offset + len(self.attempts)
        return shown if shown < self.total else None


def path_code(request: web.Request) -> str:
    code = normalize_code(request.match_info.get("code", ""))
    if not looks_like_code(code):
        raise HttpProblem(404, "no such class")
    return code


def path_student(request: web.Request) -> int:
    text = request.match_info.get("student", "")
    if not text.isdigit() or not 0 < int(text) <= MAX_BIG_INTEGER:
        raise HttpProblem(404, "no such student")
    return int(text)


def query_int(request: web.Request, name: str, default: int, most: int) -> int:
    text = request.query.get(name, "")
    if not text:
        return default
    if not text.isdigit():
        raise HttpProblem(400, f"{name} must be a whole number")
    return min(int(text), most)


async def owned_class(request: web.Request) -> Class:
    """The class of the path's code if the caller teaches it; 404 otherwise."""
    async with database_of(request).session() as session:
        klass = await classes.get_owned_class(session, path_code(request), teacher_of(request).id)
    if klass is None:
        raise HttpProblem(404, "no such class")
    return klass


async def class_list(request: web.Request) -> list[classes.ClassSummary]:
    async with database_of(request).session() as session:
        return await classes.list_teacher_classes(session, teacher_of(request).id)


async def class_page(request: web.Request, *, with_homework: bool = True) -> ClassPage:
    """The class with a slice of its table: students `first`… (query, default 0), at most
    `limit` (default CLASS_ROWS_PAGE) in register order."""
    klass = await owned_class(request)
    first = query_int(request, "first", 0, 10**9)
    limit = max(1, query_int(request, "limit", CLASS_ROWS_PAGE, MAX_CLASS_ROWS_PAGE))
    async with database_of(request).session() as session:
        report = await views.read_report(session, klass, first=first, limit=limit)
        homework = (
            await views.read_homework(session, klass, limit=HOMEWORK_SHOWN) if with_homework else []
        )
    return ClassPage(klass, report, homework, first)


async def student_page(request: web.Request) -> StudentPage:
    klass = await owned_class(request)
    student_id = path_student(request)
    offset = query_int(request, "offset", 0, 10**9)
    limit = query_int(request, "limit", ATTEMPTS_PAGE, MAX_ATTEMPTS_PAGE)
    lang = teacher_of(request).lang
    async with database_of(request).session() as session:
        if not await classes.is_member(session, klass.id, student_id):
            raise HttpProblem(404, "no such student in this class")
        user = await users.get(session, student_id)
        row = await views.read_student_row(session, klass, student_id)
        lines = await views.read_attempts(session, student_id, lang, limit=limit, offset=offset)
        total = await classes.count_attempts(session, student_id)
    assert user is not None  # a membership implies the user (foreign key)
    return StudentPage(klass, user, row, report_topics(row.topics), lines, total, offset)


# ---------------------------------------------------------------- JSON


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def class_summary_json(summary: classes.ClassSummary) -> dict[str, Any]:
    return {
        "code": summary.code,
        "name": summary.name,
        "base": summary.base,
        "students": summary.students,
        "archived": summary.archived,
    }


def topic_json(stats: TopicStats | None) -> dict[str, Any]:
    mastery = topic_mastery(stats)
    if stats is None:
        stats = TopicStats(0, "", 0, 0, 0, None, None)
    return {
        "attempts": stats.attempts,
        "correct": stats.correct,
        "skipped": stats.skipped,
        "accuracy": stats.accuracy,
        "mastery": mastery,
        "band": None if mastery is None else mastery_band(mastery),
        "last_at": _time(stats.last_at),
    }


def student_row_json(row: StudentRow, topics: tuple[str, ...]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "attempts": row.attempts,
        "correct": row.correct,
        "accuracy": row.correct / row.attempts if row.attempts else None,
        "topics": {topic: topic_json(row.topics.get(topic)) for topic in topics},
    }


def class_json(page: ClassPage, lang: str) -> dict[str, Any]:
    """The class as the dashboard shows it."""
    klass, report = page.klass, page.report
    return {
        "code": klass.code,
        "name": klass.name,
        "base": klass.base,
        "timezone": klass.timezone,
        "archived": klass.archived,
        "topics": [{"key": topic, "label": topic_label(lang, topic)} for topic in page.columns],
        "size": report.size,  # students in the class; "students" is the slice from "first"
        "first": page.first,
        "next_first": page.next_first,
        "students": [student_row_json(row, page.columns) for row in report.students],
        "homework": [homework_json(status) for status in page.homework],
    }


def homework_json(status: HomeworkStatus) -> dict[str, Any]:
    work = status.homework
    return {
        "id": work.id,
        "topic": work.topic,
        "count": work.count,
        "due_at": _time(work.due_at),
        "created_at": _time(work.created_at),
        "members": status.members,
        "finished": status.finished,
        "students": [  # the first of the register (all of them in a class of up to 100)
            {
                "id": row.user.id,
                "name": users.display_name(row.user),
                "done": min(row.done, work.count),
                "finished_at": _time(row.finished_at),
            }
            for row in status.students
        ],
    }


def attempt_json(line: AttemptLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "at": _time(line.at),
        "topic": line.topic,
        "level": line.level,
        "question": line.question,
        "typed": line.typed,
        "value": line.value,
        "right_answer": line.answer,
        "correct": line.correct,
        "skipped": line.skipped,
        "diagnosis": line.diagnosis,
        "feedback": line.note,
        "hints": line.hints,
        "seconds": line.seconds,
        "try": line.try_number,
    }


def student_json(page: StudentPage) -> dict[str, Any]:
    return {
        "class": {"code": page.klass.code, "name": page.klass.name},
        "student": student_row_json(page.row, page.topics),
        "total": page.total,
        "offset": page.offset,
        "next_offset": page.next_offset,
        "attempts": [attempt_json(line) for line in page.attempts],
    }

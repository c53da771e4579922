"""What the teacher's views read: one set of queries behind the chat report (`/class`, its
chart and CSV) and the dashboard, so that both show the same numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.teacher.reports import (
    PAGE_SIZE,
    AttemptLine,
    ClassReport,
    CsvTable,
    StudentRow,
    attempt_line,
    report_of_slice,
    student_row,
)
from db.models import Class, Homework
from db.repositories import classes, homework, reports
from db.repositories.homework import StudentProgress

MAX_PAGE = 10**9


async def read_report(
    session: AsyncSession, klass: Class, *, first: int = 0, limit: int | None = None
) -> ClassReport:
    """The class's students in register order with their per-topic statistics: all of them,
    or students `first`… (at most `limit`) with the class's size. One statement, whatever
    the size of the class; a window reads only its students' rows."""
    found = await reports.register_slice(session, klass.id, offset=first, limit=limit)
    return report_of_slice(klass, found)


async def read_report_page(session: AsyncSession, klass: Class, page: int) -> ClassReport:
    """The students of one text page (a page past the end: the last page)."""
    first = min(page, MAX_PAGE) * PAGE_SIZE  # a forged page number stays a number SQL takes
    report = await read_report(session, klass, first=first, limit=PAGE_SIZE)
    if report.students or not report.size:
        return report
    last = report.pages - 1
    return await read_report(session, klass, first=last * PAGE_SIZE, limit=PAGE_SIZE)


async def read_student_row(session: AsyncSession, klass: Class, student_id: int) -> StudentRow:
    """One member's row of the class report (they must be a member)."""
    found = await reports.register_slice(session, klass.id, student_id=student_id)
    return student_row(found.students[0])


async def report_csv(session: AsyncSession, klass: Class, lang: str) -> bytes:
    """The whole class as the report's CSV: streamed from one statement, each part grouped
    into students and written in a thread, so neither memory nor the event loop holds the
    whole class."""
    table = CsvTable(lang, klass.timezone)
    grouper = reports.RegisterGrouper()

    def add(rows: Sequence[Any]) -> None:
        table.add(map(student_row, grouper.feed(rows)))

    def finish() -> bytes:
        table.add(map(student_row, grouper.finish()))
        return table.finish()

    async for part in reports.stream_register(session, klass.id):
        await asyncio.to_thread(add, part)
    return await asyncio.to_thread(finish)


async def read_attempts(
    session: AsyncSession, student_id: int, lang: str, *, limit: int, offset: int = 0
) -> list[AttemptLine]:
    """The student's answers, newest first, as the teacher sees them."""
    found = await classes.student_attempts(session, student_id, limit=limit, offset=offset)
    return [attempt_line(attempt, lang, number) for attempt, number in found]


@dataclass(frozen=True)
class HomeworkStatus:
    homework: Homework
    students: list[StudentProgress]  # the first of the register (all, in a small class)
    members: int  # the class's current members
    finished: int  # of them, how many have finished

    @property
    def not_shown(self) -> int:
        return self.members - len(self.students)


async def read_homework(
    session: AsyncSession, klass: Class, limit: int = 10, *, students: int = 100
) -> list[HomeworkStatus]:
    """The class's latest homework (by due time, newest first), each with the class's counts
    and the progress of its first `students` students in register order."""
    statuses = []
    for work in await homework.of_class(session, klass.id, limit=limit):
        found = await homework.class_progress(session, work, limit=students)
        statuses.append(HomeworkStatus(work, found.first, found.members, found.finished))
    return statuses

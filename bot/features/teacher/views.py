"""What the teacher's views read: one set of queries behind the chat report (`/class`, its
chart and CSV) and the dashboard, so that both show the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.teacher.reports import AttemptLine, ClassReport, attempt_line, build_report
from db.models import Class, Homework
from db.repositories import classes, homework
from db.repositories.homework import StudentProgress


async def read_report(session: AsyncSession, klass: Class) -> ClassReport:
    """The class's students in register order with their per-topic statistics."""
    students = await classes.class_students(session, klass.id)
    stats = await classes.class_topic_stats(session, klass.id)
    return build_report(klass, students, stats)


async def read_attempts(
    session: AsyncSession, student_id: int, lang: str, *, limit: int, offset: int = 0
) -> list[AttemptLine]:
    """The student's answers, newest first, as the teacher sees them."""
    found = await classes.student_attempts(session, student_id, limit=limit, offset=offset)
    return [attempt_line(attempt, lang, number) for attempt, number in found]


@dataclass(frozen=True)
class HomeworkStatus:
    homework: Homework
    students: list[StudentProgress]  # register order

    @property
    def finished(self) -> int:
        return sum(1 for row in self.students if row.finished_at is not None)


async def read_homework(
    session: AsyncSession, klass: Class, limit: int = 10
) -> list[HomeworkStatus]:
    """The class's latest homework (by due time, newest first), each with every student's
    progress."""
    found = await homework.of_class(session, klass.id, limit=limit)
    return [HomeworkStatus(work, await homework.progress_of_class(session, work)) for work in found]

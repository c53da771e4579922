"""Shared set-up for the homework, reminder and delivery tests: a hand-moved clock, and a class
with students inserted straight through the repositories (fast, even for 300 students)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from db.models import Class, Membership
from db.repositories import classes, users
from tests.fakes import BotHarness
from tests.fakes.harness import ADMIN_ID

KYIV = ZoneInfo("Europe/Kyiv")


class Clock:
    """The bot's injectable clock, moved by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set_local(self, text: str) -> datetime:
        self.now = kyiv(text)
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def kyiv(text: str) -> datetime:
    """`2026-12-01 18:00` on a Kyiv wall clock → aware UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=KYIV).astimezone(UTC)


@dataclass(frozen=True)
class Student:
    id: int
    name: str
    lang: str


async def make_class(
    h: BotHarness,
    students: list[Student],
    *,
    name: str = "7-А",
    teacher_id: int = ADMIN_ID,
    now: datetime | None = None,
) -> Class:
    """A class of the teacher with these students, who can all receive messages."""
    now = now or datetime.now(UTC)
    async with h.db.session() as session:
        await users.upsert_from_profile(
            session,
            users.Profile(teacher_id, "Вчителька", language_code="uk"),
            admin_ids=frozenset({ADMIN_ID}),
        )
        class_ = await classes.create_class(
            session, teacher_id=teacher_id, name=name, timezone="Europe/Kyiv", now=now
        )
        for student in students:
            await users.upsert_from_profile(
                session, users.Profile(student.id, student.name, language_code=student.lang)
            )
        session.add_all(
            Membership(class_id=class_.id, user_id=s.id, joined_at=now) for s in students
        )
        await session.commit()
    for student in students:
        open_private_chat(h, student)
    return class_


def open_private_chat(h: BotHarness, student: Student) -> None:
    """The student has pressed Start in Telegram, so the bot may write to them. (The sandbox
    creates a chat on a user's first message; sending 300 messages just for that is slow.)"""
    profile = h.sandbox.user(student.id, student.name, student.lang)
    h.sandbox._private_chat(profile)


def roster(count: int, *, first_id: int = 5000, lang: str = "uk") -> list[Student]:
    return [Student(first_id + i, f"Учень {i:03d}", lang) for i in range(count)]

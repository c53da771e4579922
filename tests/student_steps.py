"""Small steps shared by the student-path tests: what question is open, its right answer as a
student would type it, and checks that the bot never failed on the wire."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from bot.features.student.service import rebuild_question
from bot.texts import t
from db.models import Attempt, OpenQuestion
from quiz.grading import mistakes
from quiz.numbers import format_number
from quiz.questions import Question, generate
from tests.fakes import BotHarness


async def open_question(h: BotHarness, user_id: int, lang: str = "uk") -> Question | None:
    """The student's open question as the bot would grade it now."""
    async with h.db.session() as session:
        row = await session.get(OpenQuestion, user_id)
    return rebuild_question(row, lang) if row is not None else None


async def open_row(h: BotHarness, user_id: int) -> OpenQuestion | None:
    async with h.db.session() as session:
        return await session.get(OpenQuestion, user_id)


async def stored_attempts(h: BotHarness, user_id: int) -> list[Attempt]:
    async with h.db.session() as session:
        rows = await session.scalars(
            select(Attempt).where(Attempt.user_id == user_id).order_by(Attempt.id)
        )
        return list(rows)


def plain(html_text: str) -> str:
    """A text of ours as the user sees it: the HTML tags gone (the sandbox turns them into
    entities)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def typed(value: float, lang: str) -> str:
    """A number the way a student types it: 4 significant digits, decimal comma in uk."""
    return format_number(value, lang).replace("−", "-")


def right_text(question: Question) -> str:
    """The right answer as a student sends it: the right button's label for a question
    answered by choosing (typing the label counts as pressing it), else the number."""
    if question.choices is not None and question.correct_choice is not None:
        return question.choices[question.correct_choice]
    return typed(question.answer, question.lang)


def wrong_text(question: Question) -> str:
    """A classic wrong answer: another button's label, or the grader's first mistake."""
    if question.choices is not None:
        return next(
            label for i, label in enumerate(question.choices) if i != question.correct_choice
        )
    _, value = mistakes(question.params, question.answer)[0]
    return typed(value, question.lang)


def assert_wire_clean(h: BotHarness) -> None:
    """Every Bot API call succeeded (no 400 for bad HTML or long texts) and the bot never
    fell back to its error message."""
    # getUpdates is left out: a restart ends the old long poll with 409, as Telegram does.
    failed = [
        (c.method, c.status, c.error)
        for c in h.sandbox.calls
        if c.status != 200 and c.method != "getUpdates"
    ]
    assert not failed, failed
    generic = {t(lang, key) for lang in ("uk", "en") for key in ("error.saved", "error.not_saved")}
    for call in h.sandbox.calls_to("sendMessage"):
        assert call.params.get("text") not in generic, "the error handler had to step in"


class FixedSeeds:
    """Stands in for `secrets` in `bot.features.student.service`, so a test chooses the seeds
    (and so the questions) the bot draws: monkeypatch.setattr(service, "secrets", FixedSeeds(…))."""

    def __init__(self, *seeds: int) -> None:
        self.seeds = list(seeds)

    def randbelow(self, _limit: int) -> int:
        return self.seeds.pop(0)


def seeds_of(topic: str, level: int, family: str) -> list[int]:
    """Seeds (below 500) whose question at this topic and level comes from `family`."""
    return [s for s in range(500) if generate(topic, level, seed=s).family == family]

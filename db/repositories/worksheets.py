"""Printed worksheets and the answers students type from them (`/check`).

Functions run inside the caller's transaction; the caller commits (store first, then reply)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Attempt, Worksheet, WorksheetAnswer, WorksheetVariant
from db.repositories.attempts import DIAGNOSIS_CAP, TEXT_CAP
from db.repositories.classes import CODE_ALPHABET, add_with_fresh_code

# Six letters from the look-alike-free alphabet of class codes: short enough to copy from
# paper, and 32**6 ≈ 10**9 codes. Guessing one gains nothing: /check grades only a sheet
# printed with the student's own name.
SHEET_CODE_LENGTH = 6


def new_sheet_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(SHEET_CODE_LENGTH))


def normalise_sheet_code(text: str) -> str | None:
    """`k7q-x3d`, `K7Q X3D` → `K7QX3D`; None for anything that cannot be a sheet code."""
    code = "".join(ch for ch in text[:32].upper() if ch not in " -_")
    if len(code) != SHEET_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


@dataclass(frozen=True)
class NewVariant:
    user_id: int
    position: int
    seed: int
    items: list[dict[str, Any]]


async def create_sheet(
    session: AsyncSession,
    *,
    class_id: int,
    topic: str,
    count: int,
    lang: str,
    base: str | None,
    seed: int,
    variants: list[NewVariant],
    now: datetime,
    code_factory: Callable[[], str] = new_sheet_code,
) -> Worksheet:
    """Store a print with a fresh code and one variant per student."""

    def make(code: str) -> Worksheet:
        return Worksheet(
            code=code,
            class_id=class_id,
            topic=topic,
            count=count,
            lang=lang,
            base=base,
            seed=seed,
            created_at=now,
        )

    sheet = await add_with_fresh_code(session, make, code_factory)
    session.add_all(
        WorksheetVariant(
            worksheet_id=sheet.id,
            user_id=variant.user_id,
            position=variant.position,
            seed=variant.seed,
            items=variant.items,
        )
        for variant in variants
    )
    await session.flush()
    return sheet


async def find_sheet(session: AsyncSession, code: str) -> Worksheet | None:
    """A sheet by its normalised code (see `normalise_sheet_code`)."""
    return await session.scalar(select(Worksheet).where(Worksheet.code == code))


async def variant_of(
    session: AsyncSession, worksheet_id: int, user_id: int
) -> WorksheetVariant | None:
    return await session.get(WorksheetVariant, (worksheet_id, user_id))


async def checked(session: AsyncSession, worksheet_id: int, user_id: int) -> dict[int, Attempt]:
    """The tasks of this student's variant already checked: number → the attempt stored."""
    rows = await session.execute(
        select(WorksheetAnswer.number, Attempt)
        .join(Attempt, Attempt.id == WorksheetAnswer.attempt_id)
        .where(WorksheetAnswer.worksheet_id == worksheet_id, WorksheetAnswer.user_id == user_id)
    )
    return {number: attempt for number, attempt in rows}


@dataclass(frozen=True)
class PaperAnswer:
    """One task of a paper worksheet as the student typed it, graded."""

    number: int
    item: dict[str, Any]  # as stored in WorksheetVariant.items
    text: str
    value: float | None
    correct: bool
    skipped: bool
    diagnosis: str | None
    feedback: str | None


async def record_paper_answer(
    session: AsyncSession,
    *,
    worksheet: Worksheet,
    user_id: int,
    lang: str,
    answer: PaperAnswer,
    now: datetime,
) -> Attempt:
    """Store the answer as an attempt (so it counts in /progress and the class report, like
    any other) and mark the task as checked. The time it took is unknown on paper."""
    item = answer.item
    attempt = Attempt(
        user_id=user_id,
        topic=item["topic"],
        level=item["level"],
        seed=item["seed"],
        lang=lang,
        base=worksheet.base,
        params=item["params"],
        text=answer.text[:TEXT_CAP],
        value=answer.value,
        correct=answer.correct,
        skipped=answer.skipped,
        diagnosis=answer.diagnosis[:DIAGNOSIS_CAP] if answer.diagnosis else None,
        feedback=answer.feedback,
        hints_used=0,
        seconds=None,
        homework_id=None,
        created_at=now,
    )
    session.add(attempt)
    await session.flush()
    session.add(
        WorksheetAnswer(
            worksheet_id=worksheet.id,
            user_id=user_id,
            number=answer.number,
            attempt_id=attempt.id,
            created_at=now,
        )
    )
    await session.flush()
    return attempt

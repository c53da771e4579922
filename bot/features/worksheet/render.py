"""The worksheet PDFs, typeset by Typst (the `typst` package compiles offline): one PDF with a
set of pages per student, and the answer key as a separate PDF, so it cannot be printed for the
class by mistake. Both come from `worksheet.typ` with the sheet as JSON data.

Synchronous and CPU-bound: call `render_sheets` / `render_key` through `asyncio.to_thread`.
Fonts: DejaVu (Cyrillic) from `bot.render.fonts`, and Typst's own New Computer Modern Math;
nothing from the machine's fonts, so every machine prints the same pages."""

from __future__ import annotations

import io
import json
import math
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from bot.features.worksheet.content import Item, Worksheet
from bot.features.worksheet.typeset import segments, task
from bot.render.fonts import typst_fonts
from bot.texts import t
from quiz.numbers import format_number
from quiz.questions import TOPICS

TEMPLATE = Path(__file__).with_name("worksheet.typ")
MOST_PER_PAGE = 6
STUDENTS_PER_COMPILE = 8
# Pages print the same whenever they are made (no "now" inside the PDF).
FIXED_TIMESTAMP = datetime(2026, 1, 1, tzinfo=UTC)

_LOG_NAMES = {"2": "log_2", "e": "ln", "10": "lg"}
# One line per topic in the reminder box, with LOG for the class's logarithm.
_FORMULAS = {
    "probability": "P(A) = sum_(x in A) p(x)",
    "surprisal": "S(x) = -LOG p(x)",
    "entropy": "H(p) = -sum_x p(x) LOG p(x)",
    "cross_entropy": "H(p, q) = -sum_x p(x) LOG q(x)",
    "kl_divergence": "D(p || q) = sum_x p(x) LOG p(x)/q(x)",
}


def per_page(count: int) -> int:
    """At most this many tasks a page: pages as even as they can be with ≤ 6 each (10 → 5 + 5,
    13 → 5 + 4 + 4); fewer still where tall tasks would leave no room to write."""
    pages = max(1, math.ceil(count / MOST_PER_PAGE))
    return math.ceil(count / pages)


def formulas(topic: str, base: str | None) -> list[str]:
    """The reminder formulas of the sheet's topics, as Typst math."""
    log = _LOG_NAMES.get(base or "2", "log_2")
    topics = TOPICS if topic not in TOPICS else (topic,)
    return [_FORMULAS[name].replace("LOG", log) for name in topics]


def labels(sheet: Worksheet, class_line: str) -> dict[str, str]:
    lang = sheet.lang
    keys = (
        "sheet_code",
        "page",
        "outcome",
        "chance",
        "answer",
        "formulas",
        "name",
        "date",
        "no_name",
        "key_title",
        "key_note",
    )
    texts = {key: t(lang, f"ws.pdf.{key}") for key in keys}
    texts["intro"] = t(lang, "ws.pdf.intro", code=sheet.code)
    texts["class_line"] = class_line
    return texts


def _document(sheet: Worksheet, kind: str, base: str | None) -> dict[str, Any]:
    lang = sheet.lang
    topic = t(lang, f"topic.{sheet.topic}")
    class_line = t(lang, "ws.pdf.class", name=sheet.class_name, code=sheet.class_code)
    title_key = "ws.pdf.key_title_full" if kind == "key" else "ws.pdf.title"
    count = len(sheet.variants[0].items) if sheet.variants else 0
    return {
        "kind": kind,
        "lang": lang,
        "title": t(lang, title_key, topic=topic),
        "code": sheet.code,
        "class_name": sheet.class_name,
        "labels": labels(sheet, class_line),
        "formulas": formulas(sheet.topic, base),
        "per_page": per_page(count),
        "sheets": [
            {
                "name": variant.student_name,
                "tasks": [task(item, lang) for item in variant.items] if kind == "sheets" else [],
                "answers": (
                    [{"n": item.number, "answer": key_answer(item, lang)} for item in variant.items]
                    if kind == "key"
                    else []
                ),
            }
            for variant in sheet.variants
        ],
    }


def key_answer(item: Item, lang: str) -> list[dict[str, Any]]:
    """The answer as the key prints it: `1/3 ≈ 0,3333` when the exact value is a simple
    fraction, otherwise the generator's number with its unit."""
    exact = exact_fraction(item)
    shown = item.answer_text
    if exact is not None and exact.denominator > 1 and format_number(float(exact), lang) in shown:
        shown = f"{exact.numerator}/{exact.denominator} ≈ {shown}"
    return segments(shown)


def exact_fraction(item: Item) -> Fraction | None:
    """P(event) as an exact fraction for a probability question; None for the others."""
    params = item.question.params
    if params.get("kind") != "probability" or getattr(item.question, "choices", None):
        return None
    p = params.get("p") or {}
    try:
        return sum((Fraction(p[outcome]) for outcome in params.get("event", [])), Fraction(0))
    except (KeyError, ValueError, ZeroDivisionError):
        return None


def _compile(document: dict[str, Any]) -> bytes:
    import typst  # loaded by the first worksheet, not by every start (see bot.render.formulas)

    return typst.compile(
        TEMPLATE.read_bytes(),
        root=str(TEMPLATE.parent),
        font_paths=typst_fonts(),
        sys_inputs={"data": json.dumps(document, ensure_ascii=False)},
        timestamp=FIXED_TIMESTAMP,
        pdf_tags=False,
    )


def render_sheets(sheet: Worksheet, base: str | None) -> bytes:
    """One PDF: every student's own pages, each set starting on a new page. Typst's time for
    one document grows faster than its length (10 students ~1.4 s, 40 ~10 s on a busy
    machine), so students are typeset in groups of STUDENTS_PER_COMPILE and the PDFs joined."""
    document = _document(sheet, "sheets", base)
    students = document["sheets"]
    if len(students) <= STUDENTS_PER_COMPILE:
        return _compile(document)
    import pypdf  # with typst: loaded by the first big worksheet, not by every start

    joined = pypdf.PdfWriter()
    for start in range(0, len(students), STUDENTS_PER_COMPILE):
        group = {**document, "sheets": students[start : start + STUDENTS_PER_COMPILE]}
        joined.append(pypdf.PdfReader(io.BytesIO(_compile(group))))
    joined.add_metadata({"/Title": document["title"], "/Author": "Surprise Quiz"})
    out = io.BytesIO()
    joined.write(out)
    return out.getvalue()


def render_key(sheet: Worksheet, base: str | None) -> bytes:
    """The answer key of every variant, for the teacher only."""
    return _compile(_document(sheet, "key", base))

"""The printable worksheet: a header with the class and space for the student's name, the
numbered questions each with room to write, and a last page with the answers and short worked
solutions for the teacher. Synchronous: call `render_pdf` through `asyncio.to_thread`."""

from __future__ import annotations

from typing import Any

from bot.features.worksheet.content import Worksheet
from bot.render.pdf import UnicodePDF
from bot.texts import t

WRITING_SPACE_MM = 16  # room under each question for working and the answer
QUESTION_STYLE: dict[str, Any] = {"size": 10.5, "height": 5.0}
ANSWER_LINE_STYLE: dict[str, Any] = {"size": 10.0}
ANSWER_STYLE: dict[str, Any] = {"size": 10.5, "bold": True}
SOLUTION_STYLE: dict[str, Any] = {"size": 9.0, "height": 4.5}


def topic_name(lang: str, topic: str) -> str:
    return t(lang, f"topic.{topic}")


def render_pdf(sheet: Worksheet) -> bytes:
    lang = sheet.lang
    pdf = UnicodePDF(
        footer_text=lambda page: t(lang, "ws.pdf.footer", seed=sheet.seed, page=page, pages="{nb}")
    )
    pdf.set_title(t(lang, "ws.pdf.title", topic=topic_name(lang, sheet.topic)))
    pdf.set_subject(t(lang, "ws.pdf.subject"))
    pdf.set_creator("Surprise Quiz")
    pdf.add_page()
    _header(pdf, sheet)
    for item in sheet.items:
        question = f"{item.number}. {item.text}"
        answer_line = t(lang, "ws.pdf.answer_line")
        # Keep a question, its writing space and its answer line on one page.
        pdf.keep_together(
            pdf.paragraph_height(question, **QUESTION_STYLE)
            + WRITING_SPACE_MM
            + pdf.paragraph_height(answer_line, **ANSWER_LINE_STYLE)
        )
        pdf.paragraph(question, **QUESTION_STYLE)
        pdf.ln(WRITING_SPACE_MM)
        pdf.paragraph(answer_line, **ANSWER_LINE_STYLE)
        pdf.ln(6)
    _answers(pdf, sheet)
    return bytes(pdf.output())


def _header(pdf: UnicodePDF, sheet: Worksheet) -> None:
    lang = sheet.lang
    pdf.paragraph(
        t(lang, "ws.pdf.title", topic=topic_name(lang, sheet.topic)), size=16, bold=True, height=8
    )
    pdf.paragraph(t(lang, "ws.pdf.class", name=sheet.class_name, code=sheet.class_code), size=11)
    pdf.ln(3)
    pdf.paragraph(t(lang, "ws.pdf.student"), size=11)
    pdf.ln(3)
    pdf.paragraph(t(lang, "ws.pdf.intro"), size=9, height=4.5)
    pdf.ln(5)


def _answers(pdf: UnicodePDF, sheet: Worksheet) -> None:
    lang = sheet.lang
    pdf.add_page()
    pdf.paragraph(t(lang, "ws.pdf.answers_title"), size=15, bold=True, height=8)
    pdf.ln(3)
    for item in sheet.items:
        answer = t(lang, "ws.pdf.answer", number=item.number, answer=item.answer_text)
        pdf.keep_together(
            pdf.paragraph_height(answer, **ANSWER_STYLE)
            + pdf.paragraph_height(item.question.solution, **SOLUTION_STYLE)
        )
        pdf.paragraph(answer, **ANSWER_STYLE)
        pdf.paragraph(item.question.solution, **SOLUTION_STYLE)
        pdf.ln(3)

"""The per-student drill-down of /class in chat: every shown answer with its whole question
(never cut with "…"), what the student typed and what it means, the right answer with its
number and unit, the diagnosis, and the try, hints and time; long histories continue in
further messages instead of being cut."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.features.teacher.reports import RECENT_ATTEMPTS, attempt_line, visible_length
from bot.texts import t
from db.models import Attempt, OpenQuestion
from db.repositories import attempts, classes
from quiz.grading import grade
from quiz.questions import Question, answer_from_params, answer_text, generate
from tests.fakes import BotHarness
from tests.test_class_report import report_parts
from tests.test_teacher import create_class

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


async def store_answer(
    h: BotHarness, user_id: int, question: Question, typed: str, at: datetime, hints: int = 0
) -> None:
    """An answer stored as the bot stores one (graded by the real grader)."""
    verdict = grade(question, typed)
    assert verdict.error is None, verdict.error
    async with h.db.session() as session:
        await attempts.put_open_question(
            session, user_id=user_id, topic=question.topic, level=question.level,
            seed=question.seed, lang=question.lang, base=question.base, params=question.params,
            asked_at=at - timedelta(seconds=75),
        )  # fmt: skip
        row = await session.get(OpenQuestion, user_id)
        assert row is not None
        row.hints_used = hints
        await attempts.record_attempt(
            session, row, text=typed, value=verdict.value, correct=verdict.correct,
            diagnosis=verdict.diagnosis, feedback=verdict.feedback, answered_at=at,
        )  # fmt: skip
        await attempts.close_open_question(session, user_id)
        await session.commit()


def long_expression(question: Question) -> str:
    """A long but valid way to type the right answer: its value plus zeros, in a sum."""
    return f"{question.answer:.6f}" + " + 0" * 45


async def test_long_questions_arrive_whole_with_their_right_answers(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "9-В")
    student = harness.user(2001, "Ірина", last_name="Ґонта")
    await student.say(f"/join {code}")
    asked = [
        generate(topic, 3, seed, "uk", "2")
        for seed in range(4)
        for topic in ("cross_entropy", "kl_divergence")
    ]
    for n, question in enumerate(asked):
        typed = long_expression(question) if n % 2 else f"-{question.answer:.4f}"
        await store_answer(harness, student.id, question, typed, START + timedelta(minutes=n))

    _, _, table = report_parts(await teacher.say(f"/class {code}"))
    parts = await teacher.press(table, "Ірина")
    assert len(parts) >= 2, "eight long questions do not fit one message"
    assert parts[0].edited and parts[0].message_id == table.message_id
    assert all(not part.edited for part in parts[1:])
    for part in parts:
        assert visible_length(part.source) <= 4096
        assert "…" not in part.text
    shown = "\n".join(part.text for part in parts)
    for question in asked[-RECENT_ATTEMPTS:]:
        assert question.text in shown  # the whole question, every line of it
        answer = answer_text(question)
        assert t("uk", "teacher.report.right_answer", answer=answer) in shown
    assert "біта" in shown or "біт" in shown  # numbers with their unit
    assert long_expression(asked[1]) in shown  # what they typed, whole
    assert shown.count("⏱ 1 хв 15 с") == len(asked)
    # Only the last part carries the way back, and it leads to the report page.
    assert [bool(part.buttons) for part in parts] == [False] * (len(parts) - 1) + [True]
    back = await teacher.press(parts[-1], t("uk", "teacher.btn.back"))
    assert back[-1].text == table.text


async def test_a_diagnosed_mistake_shows_what_was_typed_its_value_and_the_explanation(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher("Teacher", "en")
    code = await create_class(teacher, "Year 9")
    student = harness.user(2001, "Ann", "en", last_name="Lee")
    await student.say(f"/join {code}")
    question = generate("surprisal", 1, 7, "en", "2")
    typed = "ln(6)" if question.params["event"] == ["6"] else f"-{question.answer:.3f}"
    await store_answer(harness, student.id, question, typed, START, hints=2)
    await store_answer(harness, student.id, question, f"{question.answer:.3f}", START)

    _, _, table = report_parts(await teacher.say(f"/class {code}"))
    [view] = await teacher.press(table, "Ann")
    # Newest first: the second try on top. (Questions have blank lines of their own.)
    first, second = view.text[view.text.index("✅") :].split("\n\n❌")
    second = "❌" + second
    assert first.startswith("✅") and "try 2" in first
    assert second.startswith("❌") and "try" not in second and "💡 2" in second
    value = answer_from_params(question.params)
    assert f"Right answer: {answer_text(question)}" in second
    assert f"{value:.3f}"[:4] in answer_text(question)
    async with harness.db.session() as session:
        [(_, tries), (mistake, _)] = await classes.student_attempts(session, student.id, limit=5)
    assert tries == 2 and mistake.diagnosis is not None
    assert f"💬 {mistake.feedback}" in second
    assert f"→ {typed}" in second


def test_an_answer_the_bank_no_longer_makes_still_shows_what_was_asked() -> None:
    """Old attempts outlive question-bank versions: their params still say what was asked and
    what the right number was."""
    fair = {str(n): "1/6" for n in range(1, 7)}
    old = Attempt(
        id=1, topic="entropy", level=1, seed=5, lang="uk", base="e", text="1,79",
        value=1.79, correct=True, skipped=False, hints_used=0, seconds=30.0,
        params={"kind": "entropy", "p": fair, "base": "e", "retired": True},
        created_at=START,
    )  # fmt: skip
    line = attempt_line(old, "uk")
    assert line.question.startswith(t("uk", "topic.entropy"))
    assert "1 1/6" in line.question and "log base e" in line.question
    assert line.answer == "1,792 ната"

"""Nothing is lost across a restart; a chat's updates are handled in order; many chats at
once are all answered."""

from __future__ import annotations

import re

from bot.features.student.service import hints_of
from bot.texts import t
from tests.fakes import BotHarness
from tests.student_steps import (
    assert_wire_clean,
    open_question,
    open_row,
    right_text,
    stored_attempts,
)


async def test_the_open_question_and_progress_survive_a_restart(harness: BotHarness) -> None:
    student = harness.user(3001, "Оксана", language_code="uk")
    await student.say("/quiz entropy")
    first = await open_question(harness, student.id, "uk")
    assert first is not None
    [feedback] = await student.say(right_text(first))  # a right answer, then restart
    await student.press(feedback, t("uk", "button.next"))
    asked = await open_question(harness, student.id, "uk")
    assert asked is not None
    [hint_before] = await student.say("/hint")

    await harness.restart()

    # The same question is still open, its hint still counted: the ladder goes on from there.
    row = await open_row(harness, student.id)
    assert row is not None and row.seed == asked.seed and row.hints_used == 1
    assert hints_of(asked)[0] in hint_before.text
    [hint_after] = await student.say("/hint")
    assert hints_of(asked)[1] in hint_after.text
    [feedback] = await student.say(right_text(asked))
    assert feedback.text.startswith("✅")
    attempts = await stored_attempts(harness, student.id)
    assert [(a.correct, a.hints_used) for a in attempts] == [(True, 0), (True, 2)]
    report, chart = await student.say("/progress")
    assert "спроб: 2" in report.text and chart.file_bytes
    assert_wire_clean(harness)


async def test_a_question_asked_in_one_language_is_graded_after_lang_switch(
    harness: BotHarness,
) -> None:
    student = harness.user(3002, "Mia", language_code="en")
    await student.say("/quiz cross_entropy")
    question = await open_question(harness, student.id, "en")
    assert question is not None
    await student.say("/lang uk")
    await harness.restart()
    in_ukrainian = await open_question(harness, student.id, "uk")
    assert in_ukrainian is not None and in_ukrainian.params == question.params
    [feedback] = await student.say(right_text(in_ukrainian))
    assert feedback.text.startswith("✅")
    assert t("uk", "feedback.right_answer", answer="").split(":")[0] in feedback.text


YOUR_ANSWER = re.compile(r"(?:Твоя відповідь|Your answer): (\S+)")


async def test_answers_sent_quickly_in_one_chat_are_handled_in_order(
    harness: BotHarness,
) -> None:
    """30 rounds of "/quiz" + an answer, all sent before the bot reads any: each answer is
    graded against the question asked just before it, and the feedback comes in order."""
    student = harness.user(3003, "Order", language_code="uk")
    answers = [f"{n}/100" for n in range(1, 31)]
    for answer in answers:
        harness.sandbox.send_text(student.id, "/quiz probability")
        harness.sandbox.send_text(student.id, answer)
    await harness.idle(timeout=60)

    messages = student.messages
    assert len(messages) == 60
    questions, feedback = messages[0::2], messages[1::2]
    assert all(m.labels == [t("uk", "button.hint"), t("uk", "button.skip")] for m in questions)
    shown = [YOUR_ANSWER.search(m.text) for m in feedback]
    assert [
        match.group(1) if match else m.text for match, m in zip(shown, feedback, strict=True)
    ] == (answers)
    attempts = await stored_attempts(harness, student.id)
    assert [a.text for a in attempts] == answers
    seeds = [data.rsplit(":", 1)[1] for m in questions for data in m.callback_data[:1]]
    assert [str(a.seed) for a in attempts] == seeds
    assert_wire_clean(harness)


async def test_fifty_chats_at_once_are_all_answered_right(harness: BotHarness) -> None:
    students = [
        harness.user(4000 + n, f"Учень {n}", language_code=("uk", "en")[n % 2]) for n in range(50)
    ]
    for student in students:
        harness.sandbox.send_text(student.id, "/quiz surprisal")
    await harness.idle(timeout=60)
    answers = {}
    for student in students:
        lang = student.language_code or "uk"
        question = await open_question(harness, student.id, lang)
        assert question is not None, student
        answers[student.id] = right_text(question)
    for student in students:
        harness.sandbox.send_text(student.id, answers[student.id])
    await harness.idle(timeout=60)
    for student in students:
        _question, feedback = student.messages
        assert feedback.text.startswith("✅"), (student, feedback.text)
        [attempt] = await stored_attempts(harness, student.id)
        assert attempt.correct
    assert_wire_clean(harness)

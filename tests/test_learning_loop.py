"""The learning loop through the real bot (issue 10): two tries, hints that climb, levels that
take three questions each, the talk's path, review cards that come back after the FSRS
interval (the clock injected), /progress saying what to do next, and all of it kept across a
restart."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.features.student.service import hints_of
from bot.sandbox import SentMessage
from bot.texts import count_phrase, t
from db.models import Attempt, HomeworkProgress, LevelMastery
from db.repositories import homework as homework_repo
from db.repositories import mastery as mastery_repo
from quiz import reviews
from quiz.mastery import BKT, PATH, PRIOR, TYPED, Try, is_mastered
from quiz.questions import Question, answer_text
from tests.fakes import BotHarness
from tests.fakes.harness import Chat
from tests.homework_helpers import Clock, Student, make_class
from tests.student_steps import (
    assert_wire_clean,
    open_question,
    open_row,
    plain,
    right_text,
    stored_attempts,
    wrong_text,
)

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 11:00 in Kyiv
WRONG = "999"  # wrong for every typed question in the bank, and diagnosed as nothing


async def level_row(h: BotHarness, user_id: int, topic: str, level: int) -> LevelMastery | None:
    async with h.db.session() as session:
        return await session.get(LevelMastery, (user_id, topic, level))


async def answer_right(h: BotHarness, student: Chat, lang: str = "uk") -> Any:
    """The right answer, typed or its button's label (typing a label counts as pressing it)."""
    return await send_answer(h, student, lang, right=True)


async def answer_wrong(h: BotHarness, student: Chat, lang: str = "uk") -> Any:
    """A classic wrong answer: the grader's first mistake, or another button's label."""
    return await send_answer(h, student, lang, right=False)


async def send_answer(h: BotHarness, student: Chat, lang: str, *, right: bool) -> Any:
    question = await open_question(h, student.id, lang)
    assert question is not None, "no open question"
    [feedback] = await student.say(right_text(question) if right else wrong_text(question))
    assert feedback.text.startswith("✅" if right else "❌"), feedback.text
    return feedback


def hint_label(message: SentMessage) -> str:
    """The label of the Hint button (below a question's options, if it has any)."""
    [label] = [
        label
        for label, data in zip(message.labels, message.callback_data, strict=True)
        if data.startswith("q:hint:")
    ]
    return label


def model_for(question: Question) -> BKT:
    """The knowledge-tracing model the bot uses for this question (1/k for k options)."""
    return BKT.for_question(len(question.choices) if question.choices else None)


def right_answer_line(lang: str, question: Question) -> str:
    return plain(t(lang, "feedback.right_answer", answer=html.escape(answer_text(question))))


# ---------------------------------------------------------------- two tries


async def test_wrong_then_right_on_the_second_try_is_one_question_with_two_attempts(
    harness: BotHarness,
) -> None:
    student = harness.user(4001, "Оля", language_code="uk")
    [asked] = await student.say("/quiz probability")
    question = await open_question(harness, student.id)
    assert question is not None

    [first] = await student.say(WRONG)
    assert first.text.startswith("❌")
    assert hints_of(question)[0] in first.text  # the next hint comes with the feedback
    assert right_answer_line("uk", question) not in first.text  # never the answer
    assert t("uk", "try.again") in first.text
    assert first.labels[-1] == t("uk", "button.skip")
    row = await open_row(harness, student.id)
    assert row is not None and (row.tries, row.hints_used) == (1, 1)

    [second] = await student.say(right_text(question))
    assert second.text.startswith("✅")
    assert right_answer_line("uk", question) in second.text
    assert t("uk", "button.next") in second.labels
    assert await open_row(harness, student.id) is None
    attempts = await stored_attempts(harness, student.id)
    assert [(a.seed, a.try_number, a.correct, a.hints_used) for a in attempts] == [
        (question.seed, 1, False, 0),
        (question.seed, 2, True, 1),
    ]
    # One question, one observation: right with help.
    row_l1 = await level_row(harness, student.id, "probability", 1)
    assert row_l1 is not None and row_l1.answers == 1
    assert row_l1.p_known == TYPED.observe(0.2, [Try(False), Try(True, helped=True)])
    assert asked.message_id != first.message_id
    assert_wire_clean(harness)


async def test_two_wrong_tries_close_the_question_with_the_answer_and_the_solution(
    harness: BotHarness,
) -> None:
    student = harness.user(4002, "Ben", language_code="en")
    await student.say("/quiz entropy")
    question = await open_question(harness, student.id, "en")
    assert question is not None
    first = await answer_wrong(harness, student, "en")
    assert question.solution.splitlines()[0] not in first.text
    [second] = await student.say(wrong_text(question))  # the same mistake again
    assert second.text.startswith("❌")
    assert right_answer_line("en", question) in second.text
    assert question.solution.splitlines()[-1] in second.text
    assert t("en", "button.next") in second.labels
    assert await open_row(harness, student.id) is None
    attempts = await stored_attempts(harness, student.id)
    assert [(a.try_number, a.correct) for a in attempts] == [(1, False), (2, False)]
    row = await level_row(harness, student.id, "entropy", 1)
    assert row is not None and row.answers == 1
    assert row.p_known == model_for(question).observe(0.2, [Try(False), Try(False, helped=True)])
    # The next message is a new question, not a third try.
    [next_question] = await student.press(second, t("en", "button.next"))
    assert (await open_row(harness, student.id)) is not None
    assert "❓" in next_question.text


async def test_unparseable_text_is_never_a_try(harness: BotHarness) -> None:
    student = harness.user(4003, "Іра", language_code="uk")
    await student.say("/quiz probability")  # typed at level 1
    await student.say(WRONG)
    [reply] = await student.say("не знаю")
    assert "🤔" in reply.text
    row = await open_row(harness, student.id)
    assert row is not None and row.tries == 1
    feedback = await answer_right(harness, student)
    assert feedback.text.startswith("✅")
    assert [a.try_number for a in await stored_attempts(harness, student.id)] == [1, 2]


async def test_the_hint_ladder_climbs_to_the_solution(harness: BotHarness) -> None:
    student = harness.user(4004, "Петро", language_code="uk")
    [asked] = await student.say("/quiz cross_entropy")
    question = await open_question(harness, student.id)
    assert question is not None
    hints = hints_of(question)
    assert hint_label(asked) == t("uk", "button.hint")
    for number, hint in enumerate(hints, start=1):
        [shown] = await student.press(asked, t("uk", "button.hint"))
        assert hint in shown.text
        assert plain(t("uk", "hint.text", number=number, count=len(hints), hint="")) in shown.text
        # after the last hint, the button says what it gives now: the solution
        last = number == len(hints)
        assert hint_label(shown) == t("uk", "button.solution" if last else "button.hint")
        row = await open_row(harness, student.id)
        assert row is not None and row.hints_used == number
    [solution] = await student.press(asked, t("uk", "button.hint"))
    assert right_answer_line("uk", question) in solution.text
    assert question.solution.splitlines()[-1] in solution.text
    assert await open_row(harness, student.id) is None  # the solution closes it
    [attempt] = await stored_attempts(harness, student.id)
    assert (attempt.skipped, attempt.correct, attempt.hints_used) == (True, False, len(hints))
    row = await level_row(harness, student.id, "cross_entropy", 1)
    # no credit: the solution counts as a wrong try, after the hints
    assert row is not None
    assert row.p_known == model_for(question).observe(0.2, [Try(False, helped=True)])


async def test_a_question_replaced_after_a_wrong_try_counts_as_wrong(harness: BotHarness) -> None:
    student = harness.user(4005, "Yan", language_code="en")
    await student.say("/quiz probability")  # typed at level 1: a wrong try leaves it open
    await student.say(WRONG)
    await student.say("/quiz entropy")  # gives up on the probability question
    row = await level_row(harness, student.id, "probability", 1)
    assert row is not None and row.answers == 1
    assert row.p_known == TYPED.observe(0.2, [Try(False)])
    async with harness.db.session() as session:
        stored = list(await session.scalars(select(Attempt.topic)))
    assert stored == ["probability"]  # the one try; nothing invented for the replacement


async def test_homework_counts_a_right_answer_on_the_second_try(harness: BotHarness) -> None:
    dana = Student(4006, "Дана", "uk")
    class_ = await make_class(harness, [dana])
    async with harness.db.session() as session:
        work = await homework_repo.create(
            session,
            class_id=class_.id,
            topic="probability",
            count=1,
            due_at=datetime.now(UTC) + timedelta(days=2),
            created_at=datetime.now(UTC) - timedelta(minutes=1),
        )
        await session.commit()
        homework_id = work.id
    student = harness.user(dana.id, dana.name, dana.lang)
    await student.say("/quiz probability")
    [first] = await student.say(WRONG)
    assert "🎉" not in first.text
    feedback = await answer_right(harness, student)
    assert "🎉" in feedback.text and "1/1" in feedback.text
    async with harness.db.session() as session:
        progress = await session.get(HomeworkProgress, (homework_id, student.id))
        assert progress is not None and progress.done == 1 and progress.finished_at is not None


# ---------------------------------------------------------------- levels and the path


async def test_answering_everything_right_takes_three_questions_per_level_along_the_path(
    harness: BotHarness,
) -> None:
    """Three right typed answers master a level; a right choice among few options is weaker
    evidence (a lucky guess is likelier), so such a level may take a fourth. The bot moves on
    exactly when the model says the level is mastered."""
    student = harness.user(4007, "Марта", language_code="uk")
    asked: list[tuple[str, int]] = []
    known: dict[tuple[str, int], float] = {}
    questions_at: dict[tuple[str, int], list[Question]] = {}
    mastered_levels = 0
    feedback = None
    # Along level 1 of every topic, then level 2 of probability, until the bot moves on.
    while len(set(asked)) < len(PATH) + 2:
        assert len(asked) < len(PATH) * 8, asked
        if feedback is None:
            await student.say("/quiz")
        else:
            [_question] = await student.press(feedback, t("uk", "button.next"))
        row = await open_row(harness, student.id)
        question = await open_question(harness, student.id, "uk")
        assert row is not None and row.mode == "path" and question is not None
        level = (row.topic, row.level)
        if asked and asked[-1] != level:  # the bot moved on: the model must agree
            before = asked[-1]
            assert is_mastered(known[before], len(questions_at[before])), (before, known)
            mastered_levels += 1
        elif asked:  # the bot stayed: the model must agree
            assert not is_mastered(known[level], len(questions_at[level])), (level, known)
        asked.append(level)
        questions_at.setdefault(level, []).append(question)
        known[level] = model_for(question).observe(known.get(level, PRIOR), [Try(True)])
        feedback = await answer_right(harness, student)
    *visited, moved_on_to = list(dict.fromkeys(asked))
    assert visited == [(topic, 1) for topic in PATH] + [("probability", 2)]
    assert moved_on_to == ("surprisal", 2)
    for level in visited:
        if all(q.choices is None for q in questions_at[level]):
            assert len(questions_at[level]) == 3, (level, len(questions_at[level]))
    # The last right answer at a level says so, and what opened.
    mastered = [m.text for m in student.messages if "🏅" in m.text]
    assert len(mastered) == mastered_levels == len(PATH) + 1
    assert (
        plain(t("uk", "news.mastered", topic=t("uk", "topic.probability"), level=2))
        in (mastered[-1])
    )
    opened = plain(t("uk", "news.opened", topic=t("uk", "topic.surprisal")))
    assert opened in mastered[0]


async def test_level_two_needs_its_own_three_answers(harness: BotHarness) -> None:
    """The old moving average jumped to level 3 after one right answer at level 2."""
    student = harness.user(4008, "Віктор", language_code="en")
    levels = []
    for _ in range(7):
        await student.say("/quiz probability")
        row = await open_row(harness, student.id)
        assert row is not None
        levels.append(row.level)
        await answer_right(harness, student, "en")
    assert levels == [1, 1, 1, 2, 2, 2, 3]


async def test_a_struggling_student_goes_back_a_level(harness: BotHarness) -> None:
    student = harness.user(4009, "Тимур", language_code="uk")
    for _ in range(3):
        await student.say("/quiz entropy")
        await answer_right(harness, student)
    for _ in range(3):
        await student.say("/quiz entropy")
        row = await open_row(harness, student.id)
        assert row is not None and row.level == 2
        await student.say("/skip")
    last = student.last
    assert plain(t("uk", "news.level_down", level=1)) in last.text
    await student.say("/quiz entropy")
    row = await open_row(harness, student.id)
    assert row is not None and row.level == 1
    feedback = await answer_right(harness, student)  # level 1 is still mastered: up again
    assert plain(t("uk", "news.level_up", level=2)) in feedback.text
    assert "🏅" not in feedback.text  # not news: level 1 was mastered before


# ---------------------------------------------------------------- reviews


async def master_probability_level_one(h: BotHarness, student: Chat, lang: str) -> None:
    for _ in range(3):
        await student.say("/quiz probability")
        await answer_right(h, student, lang)


async def test_reviews_come_due_after_the_fsrs_interval(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(START)
    async with make_harness(clock=clock) as h:
        student = h.user(4010, "Ліза", language_code="uk")
        await master_probability_level_one(h, student, "uk")
        row = await level_row(h, student.id, "probability", 1)
        assert row is not None and row.mastered_at == START and row.card is not None
        assert row.review_due_at == START + timedelta(days=2)  # FSRS: a first Good → 2 days

        clock.advance(days=1, hours=23)  # not due yet: /quiz goes on along the path
        await student.say("/quiz")
        asked = await open_row(h, student.id)
        assert asked is not None and (asked.topic, asked.level, asked.mode) == (
            "surprisal",
            1,
            "path",
        )
        await answer_right(h, student)

        clock.advance(hours=1)  # due now: /progress says so, and its button starts it
        report, _chart = await student.say("/progress")
        due_line = plain(
            t("uk", "progress.next_reviews", reviews=count_phrase("uk", 1, "n.review"))
        )
        assert due_line in report.text
        assert report.labels[0] == t("uk", "button.go_reviews")
        [review] = await student.press(report, t("uk", "button.go_reviews"))
        assert plain(t("uk", "question.review")) in review.text
        asked = await open_row(h, student.id)
        assert asked is not None and (asked.topic, asked.level, asked.mode) == (
            "probability",
            1,
            "review",
        )
        feedback = await answer_right(h, student)
        row = await level_row(h, student.id, "probability", 1)
        assert row is not None and row.card is not None
        reviewed_at = START + timedelta(days=2)
        assert row.review_due_at is not None
        assert row.review_due_at - reviewed_at == reviews.interval(row.card)
        assert row.review_due_at - reviewed_at > timedelta(days=2)  # a right review: further off
        # After the review, "Next question" goes back to the path.
        [_next] = await student.press(feedback, t("uk", "button.next"))
        asked = await open_row(h, student.id)
        assert asked is not None and asked.mode == "path" and asked.topic == "surprisal"

        # A wrong review brings the card back sooner than a right one did.
        right_interval = reviews.interval(row.card)
        clock.now = row.review_due_at
        await student.say("/cancel")
        [offer] = await student.say("/quiz")
        await student.press(offer, t("uk", "button.new_question"))
        asked = await open_row(h, student.id)
        assert asked is not None and asked.mode == "review"
        await student.say("/skip")
        row = await level_row(h, student.id, "probability", 1)
        assert row is not None and row.card is not None
        assert row.review_due_at == clock.now + reviews.interval(row.card)
        assert timedelta(days=1) <= reviews.interval(row.card) < right_interval


async def test_progress_says_what_to_do_next_with_a_button_and_the_streak(
    make_harness,  # type: ignore[no-untyped-def]
) -> None:
    clock = Clock(START)
    async with make_harness(clock=clock) as h:
        student = h.user(4011, "Amy", language_code="en")
        await student.say("/quiz probability")
        await answer_right(h, student, "en")
        clock.advance(days=1)
        await student.say("/quiz probability")
        await answer_right(h, student, "en")
        report, chart = await student.say("/progress")
        assert plain(t("en", "progress.next_step", topic="Probability", level=1)) in report.text
        assert plain(t("en", "progress.day_streak", days=2)) in report.text
        assert plain(t("en", "progress.legend")) in report.text
        assert "mastery" in report.text and "accuracy: 100%" in report.text
        assert chart.file_bytes is not None
        [started] = await student.press(report, t("en", "button.go_next"))
        row = await open_row(h, student.id)
        assert row is not None and (row.topic, row.level) == ("probability", 1)
        assert "Probability" in started.text


async def test_progress_state_survives_a_restart(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(START)
    async with make_harness(clock=clock) as h:
        student = h.user(4012, "Остап", language_code="uk")
        await master_probability_level_one(h, student, "uk")
        await student.say("/quiz surprisal")
        await answer_wrong(h, student)  # a first try, the question left open
        before = await open_row(h, student.id)
        async with h.db.session() as session:
            states_before = await mastery_repo.masteries(session, [student.id])

        await h.restart()

        async with h.db.session() as session:
            assert await mastery_repo.masteries(session, [student.id]) == states_before
        question = await open_question(h, student.id)
        assert question is not None
        [closing] = await student.say(wrong_text(question))  # the second try: it remembered
        assert closing.text.startswith("❌") and t("uk", "button.next") in closing.labels
        after = await level_row(h, student.id, "surprisal", 1)
        assert after is not None and after.answers == 1
        assert before is not None and before.tries == 1
        await student.say("/quiz")
        row = await open_row(h, student.id)
        assert row is not None and (row.topic, row.level) == ("surprisal", 1)
        clock.advance(days=2)
        await h.restart()
        report, _ = await student.say("/progress")
        assert plain(t("uk", "progress.level_mastered", level=1)) in report.text
        due_line = plain(
            t("uk", "progress.next_reviews", reviews=count_phrase("uk", 1, "n.review"))
        )
        assert due_line in report.text

"""A student's whole path through the real bot: /start, a topic, a question, a hint, a wrong
answer with its diagnosis, a right answer, the next question, a skip, /progress with a chart;
in Ukrainian and in English. Plus /lang, /quiz arguments, /cancel, unparseable answers,
homework credit and the command menus. The learning loop in depth: tests/test_learning_loop.py."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest

from bot.features.student import service
from bot.features.student.service import hints_of
from bot.texts import t
from db.models import Class, Homework, HomeworkProgress, LevelMastery, Membership, User, utcnow
from quiz.grading import grade
from quiz.numbers import format_number
from quiz.questions import answer_text
from tests.fakes import BotHarness
from tests.student_steps import (
    FixedSeeds,
    assert_wire_clean,
    open_question,
    open_row,
    plain,
    right_text,
    seeds_of,
    stored_attempts,
    wrong_text,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("lang", "name"), [("uk", "Олена"), ("en", "Oliver")], ids=["uk", "en"])
async def test_the_whole_student_path(harness: BotHarness, lang: str, name: str) -> None:
    student = harness.user(1001, name, language_code=lang)

    # /start: a warm greeting that says what the bot is, with a button to begin.
    [greeting] = await student.say("/start")
    assert name in greeting.text
    assert "ChatGPT" in greeting.text and "1, 2, 3, 4, 4, 4" in greeting.text
    [topics] = await student.press(greeting, t(lang, "button.begin"))
    assert t(lang, "topic.surprisal") in topics.labels

    # A surprise question, with Hint and Skip buttons (and its answers, if answered by choosing).
    [question_message] = await student.press(topics, t(lang, "topic.surprisal"))
    question = await open_question(harness, student.id, lang)
    assert question is not None and question.topic == "surprisal"
    assert question.text in question_message.text
    assert question_message.labels == [
        *(question.choices or ()),
        t(lang, "button.hint"),
        t(lang, "button.skip"),
    ]

    # The hint is shown and counted.
    [hint] = await student.press(question_message, t(lang, "button.hint"))
    assert question.hint in hint.text
    row = await open_row(harness, student.id)
    assert row is not None and row.hints_used == 1

    # A classic mistake (typed, or a wrong answer button pressed): named in the feedback. The
    # question stays open for a second try, with the next hint; the answer is not given away.
    mistake = wrong_text(question)
    verdict = grade(question, mistake)
    assert not verdict.correct and verdict.feedback
    if question.choices:
        [first_try] = await student.press(question_message, mistake)
    else:
        assert verdict.diagnosis is not None
        [first_try] = await student.say(mistake)
    right_line = plain(t(lang, "feedback.right_answer", answer=html.escape(answer_text(question))))
    assert first_try.text.startswith("❌")
    assert verdict.feedback in first_try.text
    assert hints_of(question)[1] in first_try.text
    assert t(lang, "try.again") in first_try.text
    assert right_line not in first_try.text
    assert question.solution.splitlines()[0] not in first_try.text
    assert mistake not in first_try.labels  # an option tried is not offered again
    row = await open_row(harness, student.id)
    assert row is not None and row.tries == 1
    [wrong] = await stored_attempts(harness, student.id)
    assert (wrong.correct, wrong.hints_used, wrong.text) == (False, 1, mistake)
    assert wrong.diagnosis == verdict.diagnosis and wrong.seconds is not None
    assert wrong.try_number == 1

    # The same mistake on the second try (typing a label counts as pressing it) closes it:
    # the right answer and the solution.
    [feedback] = await student.say(mistake)
    assert feedback.text.startswith("❌")
    assert right_line in feedback.text
    assert verdict.feedback in feedback.text
    assert question.solution.splitlines()[0] in feedback.text
    assert await open_row(harness, student.id) is None
    assert [a.try_number for a in await stored_attempts(harness, student.id)] == [1, 2]

    # Next question: answered right.
    [next_question] = await student.press(feedback, t(lang, "button.next"))
    question = await open_question(harness, student.id, lang)
    assert question is not None and question.topic == "surprisal"
    assert question.text in next_question.text
    [feedback] = await student.say(right_text(question))
    assert feedback.text.startswith("✅")
    assert t(lang, "button.next") in feedback.labels

    # Next, then skip: the answer and the solution are shown, the skip is stored.
    await student.press(feedback, t(lang, "button.next"))
    question = await open_question(harness, student.id, lang)
    assert question is not None
    [skipped] = await student.say("/skip")
    assert answer_text(question) in skipped.text
    assert question.solution.splitlines()[-1] in skipped.text
    assert await open_row(harness, student.id) is None
    attempts = await stored_attempts(harness, student.id)
    assert [(a.correct, a.skipped) for a in attempts] == [
        (False, False),
        (False, False),
        (True, False),
        (False, True),
    ]

    # /progress: the numbers as text, then a PNG chart.
    report, chart = await student.say("/progress")
    assert t(lang, "topic.surprisal") in report.text
    assert "▰" in report.text
    assert t(lang, "progress.answer_streak", count=0).replace("<b>", "").replace("</b>", "") in (
        report.text
    )
    assert t(lang, "progress.day_streak", days=1).replace("<b>", "").replace("</b>", "") in (
        report.text
    )
    assert chart.kind in ("photo", "document")
    assert chart.file_bytes is not None and chart.file_bytes.startswith(PNG_SIGNATURE)
    assert_wire_clean(harness)


async def test_numbers_use_a_decimal_comma_in_ukrainian(harness: BotHarness) -> None:
    student = harness.user(1002, "Марко", language_code="uk")
    question = None
    while question is None or question.choices is not None:  # a question typed as a number
        await student.say("/quiz entropy")
        question = await open_question(harness, student.id, "uk")
    await student.say("0")  # the first try leaves the question open
    [feedback] = await student.say("0")
    right = format_number(question.answer, "uk")
    assert "," in right or right.isdigit()
    assert right in feedback.text


async def test_an_unparseable_answer_is_not_wrong_and_the_question_stays_open(
    harness: BotHarness,
) -> None:
    student = harness.user(1003, "Ія", language_code="uk")
    await student.say("/quiz probability")
    before = await open_row(harness, student.id)
    [reply] = await student.say("два і три")
    assert not reply.text.startswith("❌")
    assert "🤔" in reply.text
    assert await stored_attempts(harness, student.id) == []
    after = await open_row(harness, student.id)
    assert after is not None and before is not None and after.seed == before.seed
    question = await open_question(harness, student.id, "uk")
    assert question is not None
    [feedback] = await student.say(right_text(question))
    assert feedback.text.startswith("✅")


async def test_answers_in_any_form_a_phone_types(harness: BotHarness) -> None:
    student = harness.user(1004, "Ann", language_code="en")
    await student.say("/quiz probability")
    question = await open_question(harness, student.id, "en")
    assert question is not None
    as_percent = f"{question.answer * 100:.1f}%".replace(".", ",")
    [feedback] = await student.say(as_percent)
    assert feedback.text.startswith("✅"), feedback.text


async def test_quiz_topics_by_argument_name_or_buttons(harness: BotHarness) -> None:
    student = harness.user(1005, "Софія", language_code="uk")
    [first] = await student.say("/quiz")  # no topic: the first step on the talk's path
    row = await open_row(harness, student.id)
    assert row is not None and (row.topic, row.level, row.mode) == ("probability", 1, "path")
    assert t("uk", "topic.probability") in first.text
    [unknown] = await student.say("/quiz astrology")
    assert "astrology" in unknown.text and t("uk", "topic.entropy") in unknown.labels
    assert t("uk", "topic.kl_divergence") in unknown.labels
    for typed_topic, topic in [
        ("ентропія", "entropy"),
        ("Cross-Entropy", "cross_entropy"),
        ("kl", "kl_divergence"),
        ("mixed", None),
    ]:
        [question_message] = await student.say(f"/quiz {typed_topic}")
        row = await open_row(harness, student.id)
        assert row is not None
        if topic is not None:
            assert row.topic == topic
        assert t("uk", f"topic.{row.topic}") in question_message.text


async def test_lang_switches_language_and_offers_buttons(harness: BotHarness) -> None:
    student = harness.user(1006, "Taras", language_code="uk")
    [done] = await student.say("/lang en")
    assert done.text == t("en", "lang.set")
    [help_message] = await student.say("/help")
    assert "log" in help_message.text and "natural log" in help_message.text
    [choose] = await student.say("/lang")
    assert choose.labels == [t("en", "button.lang_uk"), t("en", "button.lang_en")]
    [unknown] = await student.say("/lang xx")
    assert "xx" in unknown.text and unknown.labels
    [switched] = await student.press(unknown, t("en", "button.lang_uk"))
    assert switched.text == t("uk", "lang.set")
    async with harness.db.session() as session:
        user = await session.get(User, student.id)
        assert user is not None and user.language == "uk"
    # The chat's own menu follows the chosen language.
    assert harness.sandbox.commands[("chat", student.id, None)][0]["description"] == t(
        "uk", "menu.quiz"
    )


async def test_help_says_log_alone_is_ln(harness: BotHarness) -> None:
    student = harness.user(1007, "Остап", language_code="uk")
    [help_message] = await student.say("/help")
    assert "ln" in help_message.text and "0,5" in help_message.text and "1/6" in help_message.text


async def test_cancel_puts_the_question_aside_and_quiz_offers_it_back(
    harness: BotHarness,
) -> None:
    student = harness.user(1008, "Ліна", language_code="uk")
    await student.say("/quiz surprisal")
    before = await open_row(harness, student.id)
    assert before is not None
    [done] = await student.say("/cancel")
    assert done.text == t("uk", "cancel.done")
    aside = await open_row(harness, student.id)
    assert aside is not None and aside.paused and aside.seed == before.seed
    [nothing] = await student.say("/cancel")
    assert nothing.text == t("uk", "cancel.none")
    # Meanwhile typed text is not an answer: nothing is stored, the question is offered back.
    [stray] = await student.say("0,5")
    assert stray.text == t("uk", "answer.paused")
    assert stray.labels == [t("uk", "button.continue"), t("uk", "button.new_question")]
    assert await stored_attempts(harness, student.id) == []

    [offer] = await student.say("/quiz")
    assert t("uk", "topic.surprisal") in offer.text
    assert offer.labels == [t("uk", "button.continue"), t("uk", "button.new_question")]
    [again] = await student.press(offer, t("uk", "button.continue"))
    question = await open_question(harness, student.id, "uk")
    assert question is not None and question.text in again.text
    row = await open_row(harness, student.id)
    assert row is not None and not row.paused and row.seed == before.seed
    [feedback] = await student.say(right_text(question))
    assert feedback.text.startswith("✅")

    # "New question" instead: the put-aside one is replaced without counting it.
    await student.say("/quiz entropy")
    await student.say("/cancel")
    [offer] = await student.say("/quiz")
    [fresh] = await student.press(offer, t("uk", "button.new_question"))
    row = await open_row(harness, student.id)
    assert row is not None and not row.paused and row.mode == "path"
    header = t("uk", "question.header", topic=t("uk", f"topic.{row.topic}"), level=row.level)
    assert plain(header) in fresh.text
    assert len(await stored_attempts(harness, student.id)) == 1


async def test_progress_before_any_answer_is_kind(harness: BotHarness) -> None:
    student = harness.user(1009, "Ivan", language_code="en")
    [empty] = await student.say("/progress")
    assert empty.text == t("en", "progress.empty")
    assert t("en", "button.begin") in empty.labels


async def test_a_right_answer_counts_towards_homework_and_finishing_is_celebrated(
    harness: BotHarness,
) -> None:
    student = harness.user(1010, "Дана", language_code="uk")
    await student.say("/start")  # the student exists in the database from here on
    async with harness.db.session() as session:
        session.add(User(id=5001, first_name="Вчителька", role="teacher"))
        await session.flush()  # no ORM relationship orders the inserts for us
        school_class = Class(code="ABCD2345", name="8-Б", teacher_id=5001, base="2")
        session.add(school_class)
        await session.flush()
        session.add(Membership(class_id=school_class.id, user_id=student.id))
        work = Homework(
            class_id=school_class.id,
            topic="probability",
            count=2,
            due_at=utcnow() + timedelta(days=2),
            created_at=utcnow() - timedelta(minutes=1),
        )
        session.add(work)
        await session.commit()
        homework_id = work.id

    feedback = None
    for done in (1, 2):
        await student.say("/quiz probability")
        question = await open_question(harness, student.id, "uk")
        assert question is not None
        [feedback] = await student.say(right_text(question))
        assert feedback.text.startswith("✅")
        name = t("uk", "topic.probability")
        if done == 1:
            assert f"{name}»: 1/2" in feedback.text
        else:
            assert "🎉" in feedback.text and "2/2" in feedback.text
    async with harness.db.session() as session:
        progress = await session.get(HomeworkProgress, (homework_id, student.id))
        assert progress is not None and progress.done == 2 and progress.finished_at is not None


async def test_homework_questions_carry_on_until_the_homework_is_done(
    harness: BotHarness,
) -> None:
    """ "Next question" after a homework question stays in that homework (forged homework ids
    are ignored)."""
    student = harness.user(1011, "Пилип", language_code="uk")
    await student.say("/start")
    async with harness.db.session() as session:
        session.add(User(id=5002, first_name="Вчитель", role="teacher"))
        await session.flush()  # no ORM relationship orders the inserts for us
        school_class = Class(code="EFGH2345", name="9-А", teacher_id=5002, base="e")
        session.add(school_class)
        await session.flush()
        session.add(Membership(class_id=school_class.id, user_id=student.id))
        work = Homework(
            class_id=school_class.id,
            topic="mixed",
            count=3,
            due_at=utcnow() + timedelta(days=2),
            created_at=utcnow() - timedelta(minutes=1),
        )
        session.add(work)
        await session.commit()
        homework_id = work.id
    [topics] = await student.say("/quiz")
    [question_message] = await student.press_data(topics.message_id, f"q:next:mixed:{homework_id}")
    assert t("uk", "question.homework") in question_message.text
    row = await open_row(harness, student.id)
    assert row is not None and row.homework_id == homework_id
    assert row.base == "e"  # the class's /settings base
    question = await open_question(harness, student.id, "uk")
    assert question is not None
    [feedback] = await student.say(right_text(question))
    assert f"q:next:mixed:{homework_id}" in feedback.callback_data

    # Someone else's homework id in forged data: a question, but not labelled as homework.
    await student.press_data(topics.message_id, "q:next:entropy:999999")
    row = await open_row(harness, student.id)
    assert row is not None and row.homework_id is None and row.topic == "entropy"


async def test_command_menus_are_set_at_start_in_both_languages(harness: BotHarness) -> None:
    commands = harness.sandbox.commands
    for lang in ("uk", "en"):
        menu = commands[("default", None, lang)]
        assert [c["command"] for c in menu][:2] == ["quiz", "hint"]
        assert menu[0]["description"] == t(lang, "menu.quiz")
    assert ("default", None, None) in commands


async def test_mastery_grows_and_levels_follow(harness: BotHarness) -> None:
    student = harness.user(1012, "Віра", language_code="uk")
    levels = []
    for _ in range(6):
        await student.say("/quiz probability")
        question = await open_question(harness, student.id, "uk")
        assert question is not None
        levels.append(question.level)
        await student.say(right_text(question))
    assert levels == [1, 1, 1, 2, 2, 2]
    async with harness.db.session() as session:
        row = await session.get(LevelMastery, (student.id, "probability", 1))
        assert row is not None and row.p_known > 0.95 and row.answers == 3


# ---------------------------------------------------------------- the pieces, without Telegram


def test_the_day_streak_counts_local_days_and_survives_until_midnight() -> None:
    from datetime import date

    from db.repositories.attempts import day_streak

    today = date(2026, 11, 27)
    days = {date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)}
    assert day_streak(days, today) == 3  # nothing yet today: yesterday's streak still counts
    assert day_streak(days | {today}, today) == 4
    assert day_streak({date(2026, 11, 25)}, today) == 0  # a missed day breaks it
    assert day_streak(set(), today) == 0


def test_every_button_fits_telegram_limits() -> None:
    from bot.features.student import keyboards
    from quiz.questions import TOPICS

    markups = [
        keyboards.question_keyboard("uk", 2**31 - 1),
        keyboards.question_keyboard("en", 2**31 - 1, solution_next=True),
        keyboards.resume_keyboard("uk", 2**31 - 1),
        keyboards.progress_keyboard("uk", "▶️"),
        keyboards.next_keyboard("uk", "entropy", guided=True),
        keyboards.topics_keyboard("en"),
        keyboards.start_keyboard("uk"),
        keyboards.language_keyboard("en"),
        *(keyboards.next_keyboard("uk", topic, 2**31 - 1) for topic in (*TOPICS, "mixed")),
    ]
    for markup in markups:
        for row in markup.inline_keyboard:
            for button in row:
                assert isinstance(button.callback_data, str)
                assert len(button.callback_data.encode()) <= 64


def test_topics_are_recognised_in_either_language() -> None:
    from bot.features.student.service import resolve_topic

    assert resolve_topic("KL-дивергенція") == "kl_divergence"
    assert resolve_topic("  cross   entropy ") == "cross_entropy"
    assert resolve_topic("Несподіванка") == "surprisal"
    assert resolve_topic("💥💥") is None
    assert resolve_topic("x" * 5000) is None


def test_quoted_user_text_is_visible_capped_and_escaped() -> None:
    from bot.features.student.service import quote_user_text

    assert quote_user_text("<b>1/6</b>") == "&lt;b&gt;1/6&lt;/b&gt;"
    assert quote_user_text("\u202e6/1\u202c\x00") == "6/1"
    assert len(quote_user_text("я" * 4000)) == 40


def test_long_texts_are_cut_without_breaking_an_escape() -> None:
    import re

    from bot.features.student.service import fit_message

    for shift in range(8):
        text = "<b>x</b>" + "a" * (4090 - shift) + "&amp;" * 5
        cut = fit_message(text)
        assert len(cut) <= 4096 and cut.endswith("…")
        assert not re.search(r"&[a-z]*…$", cut), cut[-12:]


@pytest.mark.parametrize("lang", ["uk", "en"])
async def test_answer_buttons_are_pressed_and_graded(
    harness: BotHarness, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question answered by choosing shows one button per answer; the button carries the
    index (≤ 64 bytes); a wrong press is graded wrong (a second try among the options left),
    the right one right; a press on an old question or a forged index does nothing."""
    concept, later = seeds_of("kl_divergence", 1, "concepts")[:2]
    monkeypatch.setattr(service, "secrets", FixedSeeds(concept, later))
    student = harness.user(1013, "Каміла", language_code=lang)
    [message] = await student.say("/quiz kl")
    question = await open_question(harness, student.id, lang)
    assert question is not None and question.choices is not None
    assert message.labels[: len(question.choices)] == list(question.choices)
    for index, data in enumerate(message.callback_data[: len(question.choices)]):
        assert data == f"q:c:{concept}:{index}" and len(data.encode()) <= 64
    wrong = next(i for i in range(len(question.choices)) if i != question.correct_choice)

    [feedback] = await student.press(message, question.choices[wrong])
    [attempt] = await stored_attempts(harness, student.id)
    assert attempt.text == question.choices[wrong] and not attempt.correct
    assert feedback.text.startswith("❌")
    others = [i for i in range(len(question.choices)) if i not in (wrong, question.correct_choice)]
    if others:  # a second try among the options left (with two options there is none)
        assert answer_text(question) not in feedback.text
        assert question.choices[wrong] not in feedback.labels
        [feedback] = await student.press(feedback, question.choices[others[0]])
        assert feedback.text.startswith("❌")
    assert answer_text(question) in feedback.text
    tried = len(await stored_attempts(harness, student.id))

    # The next question: a forged index and a press on the old message do nothing.
    [again] = await student.press(feedback, t(lang, "button.next"))
    question = await open_question(harness, student.id, lang)
    assert question is not None and question.choices is not None
    before = len(student.messages)
    await student.press_data(again.message_id, f"q:c:{later}:{len(question.choices)}")
    await student.press_data(again.message_id, f"q:c:{later}:-1")
    await student.press_data(message.message_id, f"q:c:{concept}:0")
    assert len(student.messages) == before  # only "this button is stale" toasts, no messages
    assert len(await stored_attempts(harness, student.id)) == tried

    [right] = await student.press(again, question.choices[question.correct_choice])
    assert right.text.startswith("✅")
    attempts = await stored_attempts(harness, student.id)
    assert [a.correct for a in attempts] == [False] * tried + [True]
    assert_wire_clean(harness)

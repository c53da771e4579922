"""/check: a student types the answers of their paper worksheet — one by one in a short dialog,
or all at once as a numbered list — and gets them graded against their own variant, stored as
attempts that show in /progress and the class report. Codes that are unknown or not theirs get
a friendly reply. Through the real bot and the loopback Bot API server."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.features.worksheet import answer_list
from bot.features.worksheet.check import _chosen_label
from bot.features.worksheet.content import CHOICE_LETTERS, build_items
from bot.texts import t
from db.models import Attempt, User, Worksheet, WorksheetAnswer, WorksheetVariant
from db.repositories import mastery as mastery_repo
from quiz.mastery import topic_mastery
from quiz.questions import Question, answer_text, generate
from tests.fakes import ADMIN_ID, BotHarness, Chat
from tests.student_steps import assert_wire_clean, seeds_of, typed
from tests.test_worksheet import add_class, add_students, meet, printed

OLENA = (7001, "Олена", "Коваль")
TARAS = (7002, "Тарас", "Бойко")


async def print_sheet(h: BotHarness, count: int = 4, topic: str = "entropy") -> str:
    teacher = h.teacher()
    await meet(teacher)
    await add_class(h, ADMIN_ID, "ABCD2345", name="8-А")
    await add_students(h, "ABCD2345", [OLENA, TARAS])
    await printed(h, teacher, f"/worksheet ABCD2345 {topic} {count}")
    async with h.db.session() as session:
        code = await session.scalar(select(Worksheet.code))
    assert code is not None
    return code


async def questions_of(h: BotHarness, user_id: int) -> list[Question]:
    """The questions printed for this student, as the question bank makes them again."""
    async with h.db.session() as session:
        variant = await session.scalar(
            select(WorksheetVariant).where(WorksheetVariant.user_id == user_id)
        )
        sheet = await session.scalar(select(Worksheet))
    assert variant is not None and sheet is not None
    items = build_items(
        topic=sheet.topic, count=sheet.count, seed=variant.seed, lang="uk", base=sheet.base
    )
    return [item.question for item in items]


async def attempts_of(h: BotHarness, user_id: int) -> list[Attempt]:
    async with h.db.session() as session:
        return list(
            await session.scalars(
                select(Attempt).where(Attempt.user_id == user_id).order_by(Attempt.id)
            )
        )


def paper_right(question: Question) -> str:
    """The right answer as written on paper: the letter of a task with options, else the
    number."""
    if question.choices is not None and question.correct_choice is not None:
        return CHOICE_LETTERS["uk"][question.correct_choice]
    return typed(question.answer, "uk")


def paper_wrong(question: Question, number: str = "100") -> str:
    """A wrong answer on paper: another option's letter, or a wrong number."""
    if question.choices is not None:
        return CHOICE_LETTERS["uk"][1 if question.correct_choice == 0 else 0]
    return number


def right_shown(question: Question) -> str:
    """The right answer as /check shows it (rounded as the question asks, `answer_text`)."""
    if question.choices is not None and question.correct_choice is not None:
        return question.choices[question.correct_choice]
    return answer_text(question).replace("−", "-")


def shown(key: str, **values: object) -> str:
    """A text as the user sees it (HTML tags parsed away)."""
    return re.sub(r"<[^>]+>", "", t("uk", key, **values))


def student(h: BotHarness, person: tuple[int, str, str]) -> Chat:
    return h.user(person[0], person[1], language_code="uk", last_name=person[2])


async def test_a_student_checks_a_sheet_one_answer_at_a_time(harness: BotHarness) -> None:
    code = await print_sheet(harness)
    olena = student(harness, OLENA)
    questions = await questions_of(harness, OLENA[0])

    [intro] = await olena.say(f"/check {code.lower()}")
    assert code in intro.text and "1 з 4" in intro.text
    [reply] = await olena.say(paper_right(questions[0]))  # right
    assert "1. ✅" in reply.text and "2 з 4" in reply.text
    [reply] = await olena.say(paper_wrong(questions[1]))  # wrong: told so, with the right answer
    assert "2. ❌" in reply.text and right_shown(questions[1]) in reply.text.replace("−", "-")
    [reply] = await olena.say("abc")  # unreadable: not an answer, asked again
    assert "2. 🤔" not in reply.text and "3. 🤔" in reply.text and "3 з 4" in reply.text
    [reply] = await olena.say("-")  # skipped
    assert "3. ⏭" in reply.text and "4 з 4" in reply.text
    [reply] = await olena.say(paper_right(questions[3]))
    assert "4. ✅" in reply.text
    assert shown("check.finished", code=code, right=2, count=4) in reply.text

    stored = await attempts_of(harness, OLENA[0])
    assert [(a.correct, a.skipped) for a in stored] == [
        (True, False),
        (False, False),
        (False, True),
        (True, False),
    ]
    assert [a.params for a in stored] == [q.params for q in questions]
    async with harness.db.session() as session:
        entropy = await mastery_repo.topic_of(session, OLENA[0], "entropy")
    assert entropy.answers == 4 and (topic_mastery(entropy) or 0) > 0
    # The dialog is over: a number now is an ordinary message again.
    [after] = await olena.say("0,5")
    assert after.text == t("uk", "answer.no_question")
    # The answers count in /progress like any other.
    progress = await olena.say("/progress")
    assert "4" in progress[0].text
    assert_wire_clean(harness)


async def test_a_student_checks_a_whole_list_at_once_and_each_task_only_once(
    harness: BotHarness,
) -> None:
    code = await print_sheet(harness, count=4)
    taras = student(harness, TARAS)
    q = await questions_of(harness, TARAS[0])
    answers = f"1) {paper_right(q[0])}\n2. {paper_wrong(q[1], '0,0001')}\n4: {paper_right(q[3])}"
    replies = await taras.say(f"/check {code}\n{answers}")
    text = "\n".join(reply.text for reply in replies)
    assert "1. ✅" in text and "2. ❌" in text and "4. ✅" in text and "3 з 4" in text
    # The same list again changes nothing; task 3 on its own line finishes the sheet.
    replies = await taras.say(f"1) 0,5 3) {paper_right(q[2])}")
    text = "\n".join(reply.text for reply in replies)
    assert t("uk", "check.already", number=1) in text and "3. ✅" in text
    assert shown("check.finished", code=code, right=3, count=4) in text
    stored = await attempts_of(harness, TARAS[0])
    assert [a.correct for a in stored] == [True, False, True, True]
    async with harness.db.session() as session:
        marks = list(await session.scalars(select(WorksheetAnswer.number)))
    assert sorted(marks) == [1, 2, 3, 4]


async def test_the_class_report_shows_paper_answers(harness: BotHarness) -> None:
    code = await print_sheet(harness, count=2, topic="probability")
    olena = student(harness, OLENA)
    q = await questions_of(harness, OLENA[0])
    await olena.say(f"/check {code} 1) {typed(q[0].answer, 'uk')} 2) {typed(q[1].answer, 'uk')}")
    replies = await harness.teacher().say("/class ABCD2345")
    table = replies[-1].text
    assert "Олена" in table and "100" in table  # 2 of 2 right on probability


async def test_unknown_codes_and_other_students_sheets_get_a_friendly_reply(
    harness: BotHarness,
) -> None:
    code = await print_sheet(harness, count=2)
    stranger = harness.user(7999, "Марко", language_code="uk")
    [reply] = await stranger.say("/check ZZZZZZ")
    assert reply.text == shown("check.unknown", code="ZZZZZZ")
    [reply] = await stranger.say(f"{code}")  # typed again in the dialog: printed, not for him
    assert reply.text == shown("check.not_yours", code=code)
    [reply] = await stranger.say("/check")
    assert reply.text == shown("check.ask_code")
    [reply] = await stranger.say("<b>" + "x" * 5000)
    assert "&lt;b&gt;" not in reply.text and len(reply.text) < 400
    assert await attempts_of(harness, 7999) == []
    assert_wire_clean(harness)


async def test_forgetting_a_student_removes_their_variant_and_answers(harness: BotHarness) -> None:
    code = await print_sheet(harness, count=2)
    olena = student(harness, OLENA)
    await olena.say(f"/check {code} 1) 0,5 2) 0,5")
    async with harness.db.session() as session:
        user = await session.get(User, OLENA[0])
        await session.delete(user)
        await session.commit()
    async with harness.db.session() as session:
        left = await session.scalars(
            select(WorksheetVariant.user_id).union_all(select(WorksheetAnswer.user_id))
        )
        assert OLENA[0] not in set(left)


def test_answer_lists_are_read_with_or_without_numbers() -> None:
    assert answer_list.numbered("1) 0,5 2) 1/6 3) log2(6)", 3) == {
        1: "0,5",
        2: "1/6",
        3: "log2(6)",
    }
    assert answer_list.numbered("1) log(6, 2) 2) 0,5", 2) == {1: "log(6, 2)", 2: "0,5"}
    assert answer_list.numbered("1. 2,58\n2: ½\n4) -", 4) == {1: "2,58", 2: "½", 4: "-"}
    assert answer_list.numbered("2.5", 4) is None  # a decimal, not task 2
    assert answer_list.numbered("0,5 1) 3", 4) is None  # does not start with a label
    assert answer_list.numbered("1) 0,5 9) 3", 4) == {1: "0,5 9) 3"}  # no task 9
    assert answer_list.in_order("0,5\n1/6\n\n2,58") == ["0,5", "1/6", "2,58"]
    assert answer_list.in_order("0,5; 1/6; 2,58") == ["0,5", "1/6", "2,58"]
    assert answer_list.is_skip(" - ") and not answer_list.is_skip("-1")


def test_a_task_with_options_takes_a_letter_or_an_option_and_asks_again_for_anything_else() -> None:
    question = generate("kl_divergence", 1, seed=seeds_of("kl_divergence", 1, "concepts")[0])
    assert question.choices is not None
    assert _chosen_label(question, "Б", "uk") == question.choices[1]
    assert _chosen_label(question, "a)", "uk") == question.choices[0]
    assert _chosen_label(question, question.choices[2].upper(), "uk") == question.choices[2].upper()
    assert _chosen_label(question, "100", "uk") is None  # asked for a letter, not marked wrong
    numeric = generate("probability", 1, seed=1, choices=True)
    assert _chosen_label(numeric, "0,25", "uk") == "0,25"  # a number is still a number there

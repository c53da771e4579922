"""/live quiz in a class group, through the real bot and the loopback server: questions of the
bank as native quiz polls (answers through `poll_answer`) or as buttons, each answer counted
once, one round message edited into the results, the poll closed, a leaderboard, and the
class members' answers stored as attempts that count in their progress."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.features.game.service import DICE_PAUSE
from bot.features.live import quiz as live_quiz
from bot.features.live.quiz import ROUND_SECONDS
from bot.sandbox import SentMessage
from bot.texts import t
from db.models import Attempt
from db.repositories import classes
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.live_steps import (
    STUDENTS,
    ClassGroup,
    assert_first_names_only,
    class_group,
    data_of,
)
from tests.student_steps import assert_wire_clean

FIVE = (*STUDENTS, ("Тарас", "Мельник"))


@pytest.fixture
async def harness(make_harness: MakeHarness) -> AsyncIterator[BotHarness]:
    async with make_harness() as running:
        running.on_build(lambda app: app.bot_data.update({DICE_PAUSE: 0, ROUND_SECONDS: 600}))
        yield running


def plain(key: str, **values: object) -> str:
    """A text as the group reads it (HTML tags gone)."""
    text = t("uk", key, **values)
    for tag in ("<b>", "</b>", "<code>", "</code>"):
        text = text.replace(tag, "")
    return text


async def start_quiz(cg: ClassGroup, command: str) -> tuple[SentMessage, SentMessage]:
    """The teacher starts; the question (poll or buttons) and the round message under it."""
    replies = await cg.group.say(cg.teacher, command)
    question, card = replies[-2:]
    assert "lv:stop:" in card.callback_data[0]
    return question, card


async def attempts_of(h: BotHarness, user_id: int) -> list[Attempt]:
    async with h.db.session() as session:
        rows = await session.scalars(select(Attempt).where(Attempt.user_id == user_id))
        return list(rows)


# ---------------------------------------------------------------- polls


async def test_a_poll_round_counts_each_members_answer_once_and_edits_the_results(
    harness: BotHarness,
) -> None:
    cg = await class_group(harness, students=FIVE)
    olya, petro, ira, marko, taras = cg.students
    question, card = await start_quiz(cg, "/live quiz probability 1")
    assert question.kind == "poll" and question.poll is not None
    poll = question.poll
    assert poll["type"] == "quiz" and not poll["is_anonymous"]
    [right] = poll["correct_option_ids"]
    wrong = (right + 1) % len(poll["options"])
    assert question.text.startswith("1/1. ")
    assert card.text == plain("live.quiz.card.poll", number=1, total=1, seconds=600)

    for member, option in (
        (petro, right),
        (olya, wrong),
        (ira, right),
        (marko, right),
        (taras, wrong),
    ):
        assert await cg.group.answer_poll(member, question, option) == []  # nothing said aloud
    # Telegram lets nobody change a quiz answer; a forged second poll_answer is ignored too
    harness.sandbox.send_update(
        {
            "poll_answer": {
                "poll_id": poll["id"],
                "user": harness.sandbox.user(olya.id),
                "option_ids": [right],
                "option_persistent_ids": [str(right)],
            }
        }
    )
    await harness.idle()

    replies = await cg.group.press_data(cg.teacher, card.message_id, data_of(card, "lv:stop:"))
    closed = cg.group.current(question.message_id)
    assert closed is not None and closed.poll is not None and closed.poll["is_closed"]
    assert [call.method for call in harness.sandbox.calls_to("stopPoll")] == ["stopPoll"]
    results = cg.group.current(card.message_id)
    assert results is not None and results.edited and results.buttons == []
    labels = [option["text"] for option in poll["options"]]
    for index, label in enumerate(labels):
        count = {right: 3, wrong: 2}.get(index, 0)
        mark = "✅" if index == right else "▫️"
        assert f"{mark} {label} — {count}" in results.text
    assert plain("live.quiz.answered", count=5) in results.text
    assert plain("live.quiz.right", label=labels[right]) in results.text
    assert plain("live.quiz.fastest", names="Петро, Іра, Марко") in results.text
    assert "Чому" in results.text
    [board] = [m for m in replies if m.text.startswith("🏆")]
    assert "🥇 Петро — 1 з 1" in board.text and "Оля — 0 з 1" in board.text

    stored = {m.id: await attempts_of(harness, m.id) for m in cg.students}
    assert all(len(rows) == 1 for rows in stored.values())  # once each, the forged one not
    assert [stored[m.id][0].correct for m in cg.students] == [False, True, True, True, False]
    assert stored[olya.id][0].text == labels[wrong]
    assert await attempts_of(harness, cg.teacher.id) == []
    [progress, *_] = await olya.say("/progress")
    assert "Ймовірність" in progress.text
    async with harness.db.session() as session:
        klass = await classes.find_by_code(session, cg.code)
        assert klass is not None
        report = await classes.class_topic_stats(session, klass.id)
    assert report[(petro.id, "probability")].correct == 1  # in the class report too
    assert report[(olya.id, "probability")].attempts == 1
    assert_first_names_only(cg)
    assert_wire_clean(harness)


async def test_the_round_ends_by_itself_when_its_time_is_up(harness: BotHarness) -> None:
    harness.on_build(lambda app: app.bot_data.update({ROUND_SECONDS: 0.3}))
    cg = await class_group(harness)
    question, card = await start_quiz(cg, "/live quiz probability 1")
    async with asyncio.timeout(10):
        while not (cg.group.current(card.message_id) or card).edited:
            await asyncio.sleep(0.05)
    await harness.idle()
    results = cg.group.current(card.message_id)
    assert results is not None and results.text.startswith("📊")
    assert plain("live.quiz.nobody_right") in results.text
    assert cg.group.last.text == plain("live.quiz.no_players")
    closed = cg.group.current(question.message_id)
    assert closed is not None and closed.poll is not None and closed.poll["is_closed"]


# ---------------------------------------------------------------- buttons


async def test_questions_that_do_not_fit_a_poll_come_with_buttons_pressed_once(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live_quiz, "POLL_QUESTION_LIMIT", 5)  # no question fits a poll now
    cg = await class_group(harness, students=FIVE)
    olya, petro, ira, marko, taras = cg.students
    question, card = await start_quiz(cg, "/live quiz surprisal 2")
    assert question.kind == "text" and question.text.startswith("❓ Питання 1 з 2")
    answers = [data for data in question.callback_data if data.startswith("lv:a:")]
    right = live_quiz_right(harness, cg)
    wrong = (right + 1) % len(answers)
    for member, option in (
        (ira, right),
        (olya, wrong),
        (petro, right),
        (marko, wrong),
        (taras, right),
    ):
        assert await cg.group.press_data(member, question.message_id, answers[option]) == []
        answer = cg.group.answer_to(member)
        assert answer is not None and answer["text"] == t("uk", "live.answer.counted")
    await cg.group.press_data(olya, question.message_id, answers[right])  # changed her mind
    answer = cg.group.answer_to(olya)
    assert answer is not None and answer["text"] == t("uk", "live.answer.again")

    student_stop = await cg.group.press_data(petro, card.message_id, data_of(card, "lv:stop:"))
    assert student_stop == []
    await cg.group.press_data(cg.teacher, card.message_id, data_of(card, "lv:stop:"))
    asked = cg.group.current(question.message_id)
    assert asked is not None and asked.buttons == []  # the answer buttons are gone
    results = cg.group.current(card.message_id)
    assert results is not None
    assert plain("live.quiz.answered", count=5) in results.text
    assert plain("live.quiz.fastest", names="Іра, Петро, Тарас") in results.text
    assert [label for label, _ in results.buttons[0]] == [
        t("uk", "live.button.next", number=2, total=2)
    ]
    late = await cg.group.press_data(marko, question.message_id, answers[right])
    assert late == []
    assert len(await attempts_of(harness, olya.id)) == 1
    assert not (await attempts_of(harness, olya.id))[0].correct

    refused = await cg.group.press_data(olya, card.message_id, data_of(results, "lv:next:"))
    assert refused == []
    replies = await cg.group.press_data(cg.teacher, card.message_id, data_of(results, "lv:next:"))
    assert any(m.text.startswith("❓ Питання 2 з 2") for m in replies)
    assert cg.group.current(card.message_id).buttons == []  # type: ignore[union-attr]
    assert_first_names_only(cg)
    assert_wire_clean(harness)


def live_quiz_right(harness: BotHarness, cg: ClassGroup) -> int:
    """The right option of the round in progress, as the bot knows it."""
    game = harness.app.bot_data["live.games"][cg.group.id]
    return game.current.correct


# ---------------------------------------------------------------- what the group never sees


async def test_the_group_never_sees_a_surname_or_a_typed_answer(harness: BotHarness) -> None:
    cg = await class_group(harness)
    olya = cg.students[0]
    [refused] = await cg.group.say(olya, "/live quiz секретна-тема")
    assert refused.text == t("uk", "live.only_teacher")
    [unknown] = await cg.group.say(cg.teacher, "/live quiz секретна-тема")
    assert unknown.text.startswith("Не знаю такої теми")
    question, card = await start_quiz(cg, "/live quiz entropy 1")
    replies = await cg.group.say(olya, "/live 2,585 Шевченко")  # typed in the group
    assert [m.text for m in replies] == [plain("live.usage")]
    harness.sandbox.send_group_text(
        cg.group.id, olya.id, "Моя відповідь: 2,585 Шевченко", reply_to=question.message_id
    )
    await harness.idle()
    await cg.group.press_data(cg.teacher, card.message_id, data_of(card, "lv:stop:"))
    assert_first_names_only(cg, "2,585 Шевченко", "секретна")
    assert_wire_clean(harness)

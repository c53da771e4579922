"""/live in a class's group chat, through the real bot and the loopback server's group chats:
who may bind a group and start games, the dice game's scoreboard, the bot leaving a group,
and what the group may see (first names and scores, never surnames)."""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.features.game.service import DICE_PAUSE
from bot.features.live.quiz import ROUND_SECONDS
from bot.texts import t
from db.models import Game, GameRoll, LiveGroup
from quiz import calculator, dice_game
from quiz.dice_game import WEIRD_DIE
from quiz.numbers import format_number
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.live_steps import assert_first_names_only, belief_data, class_group, data_of
from tests.student_steps import assert_wire_clean
from tests.test_teacher import create_class, new_teacher


@pytest.fixture
async def harness(make_harness: MakeHarness) -> AsyncIterator[BotHarness]:
    async with make_harness() as running:
        running.on_build(lambda app: app.bot_data.update({DICE_PAUSE: 0, ROUND_SECONDS: 600}))
        yield running


async def binding(h: BotHarness, chat_id: int) -> LiveGroup | None:
    async with h.db.session() as session:
        return await session.get(LiveGroup, chat_id)


# ---------------------------------------------------------------- binding a group


async def test_adding_the_bot_greets_the_group_with_how_to_start(harness: BotHarness) -> None:
    cg = await class_group(harness, bind=False)
    [greeting] = [m for m in cg.group.messages if "/live" in m.text][:1]
    assert greeting.text.startswith("Привіт! Я Surprise Quiz")


async def test_only_the_classs_teacher_binds_the_group(harness: BotHarness) -> None:
    cg = await class_group(harness, bind=False)
    olya = cg.students[0]
    [refused] = await cg.group.say(olya, f"/live {cg.code}")
    assert refused.text == t("uk", "live.bind_refused")
    other = await new_teacher(harness, cg.teacher, 7001, "Інша")
    other_code = await create_class(other, "9-В")
    cg.group.join(other)
    [refused] = await cg.group.say(other, f"/live {cg.code}")
    assert refused.text == t("uk", "live.bind_refused")  # someone else's class
    [refused_too] = await cg.group.say(cg.teacher, f"/live {other_code}")
    assert refused_too.text == t("uk", "live.bind_refused")  # a class that is not hers
    [unknown] = await cg.group.say(cg.teacher, "/live ZZZZZZZZ")
    assert unknown.text == refused.text  # an unknown code looks exactly the same
    assert await binding(harness, cg.group.id) is None

    [bound] = await cg.group.say(cg.teacher, f"/live {cg.code.lower()}")
    assert bound.text.startswith("✅ Групу прив’язано до класу «7-Б»")
    row = await binding(harness, cg.group.id)
    assert row is not None and row.bound_by == cg.teacher.id
    [status] = await cg.group.say(olya, "/live")
    assert "7-Б" in status.text
    assert_wire_clean(harness)


async def test_students_and_other_teachers_cannot_start_or_stop_games(harness: BotHarness) -> None:
    cg = await class_group(harness)
    other = await new_teacher(harness, cg.teacher, 7002, "Інша")
    cg.group.join(other)
    for who in (cg.students[0], other):
        for command in ("/live dice", "/live quiz", "/live dice 3", "/live stop"):
            [reply] = await cg.group.say(who, command)
            assert reply.text in (t("uk", "live.only_teacher"), t("uk", "live.nothing_to_stop"))
    assert [m for m in cg.group.messages if m.kind in ("dice", "poll")] == []


async def test_live_in_a_group_is_the_games_command_not_a_pointer_to_the_private_chat(
    harness: BotHarness,
) -> None:
    cg = await class_group(harness, bind=False)
    answers = {
        t("uk", "live.not_bound"),
        t("uk", "live.bind_refused"),
        t("uk", "live.bound", name="7-Б"),
    }
    for who in (cg.students[0], cg.teacher):
        for command in ("/live", "/live@surprise_quiz_bot", f"/live {cg.code}"):
            [reply] = await cg.group.say(who, command)
            assert "t.me/" not in reply.text  # not the pointer to the private chat
            assert reply.source in answers
    [pointer] = await cg.group.say(cg.students[0], "/quiz")  # other commands still point away
    assert "t.me/surprise_quiz_bot" in pointer.text


async def test_an_unbound_group_is_told_how_to_bind_it(harness: BotHarness) -> None:
    cg = await class_group(harness, bind=False)
    [reply] = await cg.group.say(cg.teacher, "/live dice")
    assert reply.text == t("uk", "live.not_bound").replace("<code>", "").replace("</code>", "")


async def test_live_in_a_private_chat_explains_the_group_games(harness: BotHarness) -> None:
    teacher = harness.teacher()
    [reply] = await teacher.say("/live")
    assert "/live КОД" in reply.text and "/live dice" in reply.text


@pytest.mark.parametrize(
    "command", ["/live dice 0", "/live dice 21", "/live dice 3 4", "/live dice x"]
)
async def test_dice_counts_outside_the_limits_are_refused(
    harness: BotHarness, command: str
) -> None:
    cg = await class_group(harness)
    [reply] = await cg.group.say(cg.teacher, command)
    assert reply.text == t("uk", "live.bad_count", most=20)


async def test_removing_the_bot_unbinds_the_group_and_ends_its_game(harness: BotHarness) -> None:
    cg = await class_group(harness)
    await cg.group.say(cg.teacher, "/live dice 3")
    replies = await cg.group.remove_bot(cg.teacher)
    assert replies == []  # it cannot write there any more, and does not try
    assert await binding(harness, cg.group.id) is None
    assert_wire_clean(harness)


async def test_a_group_that_becomes_a_supergroup_keeps_its_class(harness: BotHarness) -> None:
    cg = await class_group(harness)
    harness.sandbox.send_update(
        {
            "message": {
                "message_id": 900,
                "date": 0,
                "chat": {"id": cg.group.id, "type": "group", "title": "7-Б"},
                "from": {"id": cg.teacher.id, "is_bot": False, "first_name": "Вчителька"},
                "migrate_to_chat_id": -1001234567890,
            }
        }
    )
    await harness.idle()
    assert await binding(harness, cg.group.id) is None
    moved = await binding(harness, -1001234567890)
    assert moved is not None and moved.bound_by == cg.teacher.id


# ---------------------------------------------------------------- the dice game


def board_totals(text: str) -> dict[str, str]:
    """Name → total as the scoreboard shows it."""
    rows = re.findall(r"^(?:🥇|🥈|🥉|\d+\.) (\S+) \S+ — (.+)$", text, flags=re.MULTILINE)
    return dict(rows)


def shown(value: float) -> str:
    text = format_number(value, "uk")
    return text if math.isinf(value) else f"{text} {calculator.unit_name('2', 'uk', text)}"


async def test_the_dice_scoreboard_is_the_sum_of_each_players_surprises(
    harness: BotHarness,
) -> None:
    harness.sandbox.seed_dice(4)
    cg = await class_group(harness)
    olya, petro, ira, marko = cg.students
    guest = harness.user(6100, "Гість", "uk", last_name="Сторонній")  # not in the class
    cg.group.join(guest)
    [board] = await cg.group.say(cg.teacher, "/live dice 5")
    beliefs = {olya: "fair", petro: "weird", ira: "four", marko: "allfour", guest: "weird"}
    for player, key in beliefs.items():
        assert await cg.group.press_data(player, board.message_id, belief_data(board, key)) == []
        answer = cg.group.answer_to(player)
        assert answer is not None and t("uk", f"live.belief.{key}") in answer["text"]

    expected: dict[str, list[float]] = {p.first_name: [] for p in beliefs}
    held = dict(beliefs)
    for number in range(1, 6):
        if number == 3:  # Olya changes her mind between rolls
            await cg.group.press_data(olya, board.message_id, belief_data(board, "weird"))
            held[olya] = "weird"
        current = cg.group.current(board.message_id)
        assert current is not None
        replies = await cg.group.press_data(
            cg.teacher, board.message_id, data_of(current, "lv:roll:")
        )
        [dice] = [m for m in replies if m.kind == "dice"]
        assert dice.dice is not None
        face = WEIRD_DIE.face(dice.dice["value"])
        for player, key in held.items():
            expected[player.first_name].append(
                dice_game.roll_surprise(dice_game.PRESETS[key], face, "2")
            )
        [edited] = [m for m in replies if m.method == "editMessageText"]
        assert edited.message_id == board.message_id  # one scoreboard, edited
        assert f"Кидок {number}: 🎲 {dice.dice['value']} → {face}" in edited.text
        totals = board_totals(edited.text)
        for name, surprises in expected.items():
            assert totals[name] == shown(dice_game.total_surprise(surprises)), name

    final = cg.group.current(board.message_id)
    assert final is not None and final.buttons == []
    finite = {n: dice_game.total_surprise(s) for n, s in expected.items()}
    best = min(finite.values())
    winners = [n for n, v in finite.items() if v == best]
    shown_winners = final.text.split("🏆 Найменше здивувалися: ")[1].split("!")[0]
    assert sorted(shown_winners.split(", ")) == sorted(winners)
    # one new message per roll (the dice); everything else was an edit of the one board
    sent = [m for m in cg.group.messages if not m.edited]
    assert [m.kind for m in sent[-6:]] == ["text", "dice", "dice", "dice", "dice", "dice"]

    async with harness.db.session() as session:
        stored = list(await session.scalars(select(Game).where(Game.mode == "live")))
        rolls = list(
            await session.scalars(select(GameRoll).order_by(GameRoll.game_id, GameRoll.number))
        )
    assert {game.user_id for game in stored} == {olya.id, petro.id, ira.id, marko.id}
    for game in stored:
        mine = [roll for roll in rolls if roll.game_id == game.id]
        name = next(p.first_name for p in beliefs if p.id == game.user_id)
        assert [math.inf if r.surprise is None else r.surprise for r in mine] == pytest.approx(
            expected[name]
        )
        assert game.class_id is not None and game.chat_id == cg.group.id
    assert_first_names_only(cg, "Сторонній")
    assert_wire_clean(harness)


async def test_dice_buttons_only_do_what_their_presser_may(harness: BotHarness) -> None:
    cg = await class_group(harness)
    olya, petro = cg.students[:2]
    [board] = await cg.group.say(cg.teacher, "/live dice 3")
    await cg.group.press_data(olya, board.message_id, belief_data(board, "fair"))
    roll_1 = data_of(board, "lv:roll:")
    assert await cg.group.press_data(olya, board.message_id, roll_1) == []
    answer = cg.group.answer_to(olya)
    assert answer is not None and answer["text"] == t("uk", "live.answer.teacher_only")
    await cg.group.press_data(cg.teacher, board.message_id, roll_1)
    again = await cg.group.press_data(cg.teacher, board.message_id, roll_1)  # a double tap
    assert [m for m in again if m.kind == "dice"] == []
    assert len([m for m in cg.group.messages if m.kind == "dice"]) == 1
    await cg.group.press_data(petro, board.message_id, belief_data(board, "weird"))
    answer = cg.group.answer_to(petro)
    assert answer is not None and answer["text"] == t("uk", "live.dice.you.too_late")
    [busy] = await cg.group.say(cg.teacher, "/live quiz")
    assert busy.text == t("uk", "live.busy").replace("<code>", "").replace("</code>", "")
    replies = await cg.group.press_data(cg.teacher, board.message_id, data_of(board, "lv:end:"))
    assert replies[-1].text == t("uk", "live.stopped")
    stale = await cg.group.press_data(olya, board.message_id, belief_data(board, "four"))
    answer = cg.group.answer_to(olya)
    assert stale == [] and answer is not None and answer["text"] == t("uk", "live.answer.stale")
    assert_wire_clean(harness)


@pytest.mark.parametrize(
    "data", ["lv:b:1:fair", "lv:roll:x:1", "lv:b", "lv:", "lv:a:1:1:1", "lv:b:{sid}:gold"]
)
async def test_forged_live_buttons_are_stale(harness: BotHarness, data: str) -> None:
    cg = await class_group(harness)
    [board] = await cg.group.say(cg.teacher, "/live dice 3")
    sid = board.callback_data[0].split(":")[2]
    replies = await cg.group.press_data(cg.students[0], board.message_id, data.format(sid=sid))
    assert replies == []
    assert cg.group.answer_to(cg.students[0]) is not None
    assert_wire_clean(harness)

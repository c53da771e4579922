"""/game — Be the model, through the real bot: a belief, ten real 🎲 rolls with the server's
own (seeded) values, the surprise of every roll checked against the calculator, the summary,
the chart, and the tiny model trained on the rolls."""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator
from fractions import Fraction

import pytest
from sqlalchemy import select

from bot.features.game.service import DICE_PAUSE
from bot.texts import t
from db.models import Game, GameRoll, User
from quiz import calculator, dice_game
from quiz.dice_game import FAIR_BELIEF, FOUR_LIKELY, NUMBERS, WEIRD_DIE
from quiz.numbers import format_number
from tests.conftest import MakeHarness
from tests.fakes import BotHarness, Chat, SentMessage
from tests.student_steps import assert_wire_clean
from tests.test_teacher import create_class

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LOG = {"2": "log₂", "e": "ln", "10": "lg"}


@pytest.fixture
async def harness(make_harness: MakeHarness) -> AsyncIterator[BotHarness]:
    async with make_harness() as running:
        running.on_build(lambda app: app.bot_data.__setitem__(DICE_PAUSE, 0))
        yield running


def amount(value: float, base: str, lang: str) -> str:
    shown = format_number(value, lang)
    return shown if math.isinf(value) else f"{shown} {calculator.unit_name(base, lang, shown)}"


def texts(messages: list[SentMessage]) -> list[SentMessage]:
    return [m for m in messages if m.kind == "text"]


async def press_prefix(student: Chat, message: SentMessage, prefix: str) -> list[SentMessage]:
    """Press the button whose callback data starts with `prefix`."""
    [data] = [data for data in message.callback_data if data.startswith(prefix)]
    return await student.press_data(message.message_id, data)


async def start_weird_game(student: Chat) -> None:
    await student.say("/game")
    await student.press(student.last, "g:die:weird")


async def roll(student: Chat) -> tuple[int, SentMessage]:
    """Press the roll button of the newest text; the dice value and the bot's report."""
    [button_message] = [m for m in texts(student.messages)][-1:]
    replies = await press_prefix(student, button_message, "g:roll:")
    [dice] = [m for m in replies if m.kind == "dice"]
    assert dice.dice is not None and dice.dice["emoji"] == "🎲"
    report = texts(replies)[0]
    return dice.dice["value"], report


async def stored_rolls(h: BotHarness, user_id: int) -> list[GameRoll]:
    async with h.db.session() as session:
        stmt = (
            select(GameRoll)
            .join(Game, Game.id == GameRoll.game_id)
            .where(Game.user_id == user_id)
            .order_by(GameRoll.game_id, GameRoll.number)
        )
        return list(await session.scalars(stmt))


# ---------------------------------------------------------------- the whole game


async def test_ten_seeded_rolls_each_cost_minus_log_q_of_the_mapped_face(
    harness: BotHarness,
) -> None:
    harness.sandbox.seed_dice(2026)
    student = harness.user(3101, "Оля", "uk")  # in no class: bits
    await start_weird_game(student)
    [belief] = await student.press(student.last, "Четвірка")
    shown = "1: 1/10 · 2: 1/10 · 3: 1/10 · 4: 1/2 · 5: 1/10 · 6: 1/10"
    assert t("uk", "game.belief", belief=shown) in belief.text

    surprises: list[float] = []
    faces: list[int] = []
    for number in range(1, 11):
        value, report = await roll(student)
        face = WEIRD_DIE.face(value)
        faces.append(face)
        q = FOUR_LIKELY[face]
        surprise = calculator.surprisal(q, "2")
        surprises.append(surprise)
        shown_q = f"{q.numerator}/{q.denominator}"
        assert f"−log₂ q({face}) = −log₂({shown_q}) = {amount(surprise, '2', 'uk')}" in report.text
        average = math.fsum(surprises) / number
        after = "кидка" if number == 1 else "кидків"
        assert f"після {number} {after}: {amount(average, '2', 'uk')}" in report.text
        if value in (5, 6):
            assert f"показав {value} — на нашому кубику це 4" in report.text

    summary = report.text
    h = calculator.entropy(WEIRD_DIE.distribution(), "2")
    ce = calculator.cross_entropy(WEIRD_DIE.distribution(), FOUR_LIKELY, "2")
    kl = calculator.kl_divergence(WEIRD_DIE.distribution(), FOUR_LIKELY, "2")
    assert f"H(p) = {amount(h, '2', 'uk')}" in summary
    assert f"H(p, q) = {amount(ce, '2', 'uk')}" in summary
    assert f"H(p, q) − H(p) = {amount(kl, '2', 'uk')}" in summary
    assert "дивергенція Кульбака–Лейблера (KL)" in summary
    assert format_number(kl, "uk") == format_number(ce - h, "uk")
    [chart] = [m for m in student.messages[-3:] if m.kind == "photo"]
    assert chart.file_bytes is not None and chart.file_bytes.startswith(PNG_MAGIC)
    assert chart.text == t("uk", "game.chart_caption")

    rows = await stored_rolls(harness, student.id)
    assert [row.face for row in rows] == faces
    assert [row.surprise for row in rows] == pytest.approx(surprises)
    async with harness.db.session() as session:
        game = await session.scalar(select(Game).where(Game.user_id == student.id))
    assert game is not None and game.finished_at is not None and game.base == "2"
    assert_wire_clean(harness)


async def test_the_same_seed_gives_the_same_rolls(harness: BotHarness) -> None:
    values = []
    for user_id in (3102, 3120):
        harness.sandbox.seed_dice(99)
        student = harness.user(user_id, "Іра", "uk")
        await start_weird_game(student)
        await student.press(student.last, "Чесний")
        values.append([(await roll(student))[0] for _ in range(3)])
    assert values[0] == values[1]


async def test_a_belief_can_change_between_rolls_and_then_prices_the_next_ones(
    harness: BotHarness,
) -> None:
    harness.sandbox.next_dice(4, 4, 1)
    student = harness.user(3103, "Alex", "en")
    await start_weird_game(student)
    await student.press(student.last, "Fair")
    _, first = await roll(student)
    assert f"−log₂(1/6) = {amount(math.log2(6), '2', 'en')}" in first.text
    await student.press(first, "Change")
    [belief] = await student.say("1 1 1 3")
    assert (
        "4: 1/2" in belief.text
        and "(I turned the weights 1 1 1 3 into probabilities)" in belief.text
    )
    assert "⚠️" not in belief.text  # 5 and 6 never show on the weird die
    _, second = await roll(student)
    assert "−log₂ q(4) = −log₂(1/2) = 1 bit" in second.text
    assert f"after 2 rolls: {amount((math.log2(6) + 1) / 2, '2', 'en')}" in second.text
    _, third = await roll(student)
    assert "−log₂ q(1) = −log₂(1/6)" in third.text
    rows = await stored_rolls(harness, student.id)
    assert [dice_game.belief_from_params(row.belief) for row in rows] == [
        FAIR_BELIEF,
        dice_game.WEIRD_BELIEF,
        dice_game.WEIRD_BELIEF,
    ]


async def test_q_zero_warns_and_rolling_that_face_shows_infinity_without_an_error(
    harness: BotHarness,
) -> None:
    harness.sandbox.next_dice(6, *([1] * 9))
    student = harness.user(3104, "Петро", "uk")
    await start_weird_game(student)
    [belief] = await student.say("1 1 1 0 1 1")
    assert "⚠️ q(4) = 0" in belief.text and "∞" in belief.text
    value, report = await roll(student)
    assert value == 6
    assert "−log₂ q(4) = −log₂ 0 = ∞" in report.text
    assert "після 1 кидка: ∞" in report.text
    for _ in range(9):
        _, report = await roll(student)
    assert "−log₂ q(1) = −log₂(1/5)" in report.text
    assert "H(p, q) = ∞" in report.text and "H(p, q) − H(p) = ∞" in report.text
    rows = await stored_rolls(harness, student.id)
    assert rows[0].surprise is None and all(row.surprise is not None for row in rows[1:])
    assert texts(student.messages)[-1].labels == [
        t("uk", "game.button.train"),
        t("uk", "game.button.new"),
    ]
    assert_wire_clean(harness)


async def test_surprises_are_in_the_class_base(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher)
    await teacher.say(f"/settings {code} base=e")
    harness.sandbox.next_dice(2)
    student = harness.user(3105, "Марко", "uk")
    await student.say(f"/join {code}")
    await start_weird_game(student)
    await student.press(student.last, "Чесний")
    _, report = await roll(student)
    nats = calculator.surprisal(Fraction(1, 6), "e")
    assert f"−ln q(2) = −ln(1/6) = {amount(nats, 'e', 'uk')}" in report.text
    assert "ната" in report.text


async def test_a_mystery_die_reveals_its_faces_only_at_the_end(harness: BotHarness) -> None:
    harness.sandbox.seed_dice(7)
    student = harness.user(3106, "Alex", "en")
    await student.say("/game")
    replies = await student.press(student.last, "g:die:mystery")
    assert "secret until the end" in replies[0].text
    await student.press(student.last, "Fair")
    for number in range(10):
        _, report = await roll(student)
        if number < 9:
            assert "mystery die had the faces" not in report.text
    async with harness.db.session() as session:
        game = await session.scalar(select(Game).where(Game.user_id == student.id))
    assert game is not None and game.mystery
    die = dice_game.die_by_key(game.die)
    assert f"The mystery die had the faces {die.describe()}." in report.text
    h = calculator.entropy(die.distribution(), "2")
    assert f"H(p) = {amount(h, '2', 'en')}" in report.text


# ---------------------------------------------------------------- training


async def test_train_a_model_lowers_the_loss_and_learns_the_die(harness: BotHarness) -> None:
    harness.sandbox.seed_dice(11)
    student = harness.user(3107, "Alex", "en")
    await start_weird_game(student)
    await student.press(student.last, "Fair")
    for _ in range(10):
        _, report = await roll(student)
    replies = await student.press(report, "Train")
    [text] = texts(replies)
    assert "your 10 rolls and 1990 rolls that a computer made" in text.text
    start, end, floor = (
        float(x)
        for x in re.search(
            r"Loss: ([\d.]+) bits → ([\d.]+) bits; .* H = ([\d.]+) bits", text.text
        ).groups()  # type: ignore[union-attr]
    )
    assert start == pytest.approx(math.log2(6), abs=1e-3)
    assert floor < end < start and end - floor < 0.05
    learned_line = text.text.split("Learned:")[1].split("\n")[0]
    learned = {int(n): float(p) for n, p in re.findall(r"(\d): ([\d.]+)", learned_line)}
    for number in NUMBERS:
        assert abs(learned[number] - float(WEIRD_DIE.distribution()[number])) < 0.05
    assert "next word" in text.text and "ChatGPT" in text.text
    [chart] = [m for m in replies if m.kind == "photo"]
    assert chart.file_bytes is not None and chart.file_bytes.startswith(PNG_MAGIC)
    assert_wire_clean(harness)


# ---------------------------------------------------------------- typed beliefs and buttons


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("сорок", "game.err.count"),
        ("1 один 1", "game.err.not_number"),
        ("1 -1 1", "game.err.negative"),
        ("0,5 0,2", "game.err.sum"),
        ("0 0 0", "game.err.all_zero"),
        ("9" * 200, "game.err.too_long"),
    ],
)
async def test_a_belief_we_cannot_read_gets_a_friendly_reply_and_the_prompt_stays(
    harness: BotHarness, typed: str, key: str
) -> None:
    student = harness.user(3108, "Оля", "uk")
    await start_weird_game(student)
    [reply] = await student.say(typed)
    assert reply.text.startswith("🤔")
    first_words = t("uk", key).split("{")[0][:15]
    assert first_words in reply.text
    [belief] = await student.say("1 1 1 3")  # still waiting for a belief
    assert "4: 1/2" in belief.text


async def test_text_after_another_button_is_a_quiz_answer_not_a_belief(
    harness: BotHarness,
) -> None:
    student = harness.user(3109, "Оля", "uk")
    await start_weird_game(student)
    await student.say("/quiz probability")
    [reply] = await student.say("1 1 1 3")
    assert "переконання q" not in reply.text  # graded (or refused) as an answer instead
    await start_weird_game(student)
    await student.press_data(student.last.message_id, "q:topics")
    [reply] = await student.say("1 1 1 3")
    assert "переконання q" not in reply.text


async def test_a_repeated_roll_press_rolls_once(harness: BotHarness) -> None:
    student = harness.user(3110, "Оля", "uk")
    await start_weird_game(student)
    await student.press(student.last, "Чесний")
    offer = texts(student.messages)[-1]
    await press_prefix(student, offer, "g:roll:")
    again = await press_prefix(student, offer, "g:roll:")
    assert again == []
    assert student.last_answer is not None
    assert student.last_answer.get("text") == t("uk", "game.already_rolled")
    assert len(await stored_rolls(harness, student.id)) == 1
    assert len([m for m in student.messages if m.kind == "dice"]) == 1


@pytest.mark.parametrize(
    "data",
    ["g:roll:999999:1", "g:roll:abc:1", "g:roll:1:-1", "g:q:1:loaded", "g:die:gold", "g:x", "g:"],
)
async def test_forged_game_buttons_do_nothing(harness: BotHarness, data: str) -> None:
    owner = harness.user(3111, "Оля", "uk")
    await start_weird_game(owner)
    intruder = harness.user(3112, "Тарас", "uk")
    await intruder.say("/game")
    before = len(intruder.messages)
    replies = await intruder.press_data(intruder.last.message_id, data)
    assert replies == [] and len(intruder.messages) == before
    assert intruder.last_answer is not None and intruder.last_answer.get("text")
    assert_wire_clean(harness)


async def test_someone_elses_game_cannot_be_rolled(harness: BotHarness) -> None:
    owner = harness.user(3113, "Оля", "uk")
    await start_weird_game(owner)
    await owner.press(owner.last, "Чесний")
    async with harness.db.session() as session:
        game = await session.scalar(select(Game).where(Game.user_id == owner.id))
    assert game is not None
    intruder = harness.user(3114, "Тарас", "uk")
    await intruder.say("/game")
    replies = await intruder.press_data(intruder.last.message_id, f"g:roll:{game.id}:1")
    assert replies == []
    assert await stored_rolls(harness, owner.id) == []


async def test_an_unfinished_game_continues_after_a_restart(harness: BotHarness) -> None:
    harness.sandbox.next_dice(3, 3)
    student = harness.user(3115, "Оля", "uk")
    await start_weird_game(student)
    await student.press(student.last, "Чесний")
    await roll(student)
    await harness.restart()
    [intro] = await student.say("/game")
    assert t("uk", "game.button.continue", done=1, total=10) in intro.labels
    [offer] = await press_prefix(student, intro, "g:go:")
    assert "Кидок 2 з 10" in offer.text
    _, report = await roll(student)
    assert "після 2 кидків" in report.text


async def test_game_in_a_group_points_to_the_private_chat(harness: BotHarness) -> None:
    teacher = harness.teacher()
    group = harness.group(-100200, "7-Б")
    await group.add_bot(teacher)
    student = harness.user(3116, "Оля", "uk")
    group.join(student)
    [reply] = await group.say(student, "/game")
    assert "https://t.me/surprise_quiz_bot?start=game" in reply.text
    assert reply.buttons == [[("🎲 /game", "https://t.me/surprise_quiz_bot?start=game")]]
    [intro] = await student.say("/start game")
    assert intro.text == t("uk", "game.intro").replace("<b>", "").replace("</b>", "")
    assert [m for m in group.messages if m.kind == "dice"] == []


async def test_game_is_in_the_menu_and_help(harness: BotHarness) -> None:
    commands = harness.sandbox.commands[("default", None, "uk")]
    assert {"command": "game", "description": t("uk", "menu.game")} in commands
    student = harness.user(3117, "Оля", "uk")
    [reply] = await student.say("/help")
    assert "/game" in reply.text


async def test_rolls_of_a_deleted_user_go_with_them(harness: BotHarness) -> None:
    harness.sandbox.next_dice(1)
    student = harness.user(3118, "Оля", "uk")
    await start_weird_game(student)
    await student.press(student.last, "Чесний")
    await roll(student)
    async with harness.db.session() as session:
        await session.delete(await session.get(User, student.id))
        await session.commit()
    assert await stored_rolls(harness, student.id) == []
    async with harness.db.session() as session:
        assert (await session.scalars(select(GameRoll))).all() == []


async def test_the_model_can_be_trained_on_the_rolls_so_far_and_the_game_goes_on(
    harness: BotHarness,
) -> None:
    harness.sandbox.next_dice(4, 5, 1)
    student = harness.user(3119, "Alex", "en")
    await start_weird_game(student)
    [offer] = await student.press(student.last, "Fair")
    assert t("en", "game.button.train") not in offer.labels  # nothing to learn from yet
    await roll(student)
    _, report = await roll(student)
    replies = await student.press(report, "Train")
    [text] = texts(replies)
    assert "your 2 rolls and 1998 rolls that a computer made" in text.text
    assert t("en", "game.button.roll", number=3, total=10) in text.labels
    _, third = await roll(student)
    assert "after 3 rolls" in third.text


async def test_a_rolls_report_is_stored_with_the_roll_and_survives_an_outage(
    harness: BotHarness,
) -> None:
    harness.sandbox.next_dice(4)
    student = harness.user(3121, "Оля", "uk")
    await start_weird_game(student)
    [offer] = await student.press(student.last, "Чесний")
    harness.sandbox.outage("sendMessage", seconds=2)
    await press_prefix(student, offer, "g:roll:")
    refused = [c for c in harness.sandbox.calls_to("sendMessage") if c.status != 200]
    assert refused, "the outage did not happen"
    reports = [m for m in texts(student.messages) if "−log₂ q(4)" in m.text]
    assert len(reports) == 1  # told once, after the outage, through the outbox
    assert len(await stored_rolls(harness, student.id)) == 1

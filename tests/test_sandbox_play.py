"""The loopback server's dice, polls and group chats behave like Telegram's: what it accepts,
what it refuses (and with which 400/403), and the updates the bot receives — read back through
python-telegram-bot's own `Bot` (the `sandbox` and `bot` fixtures of conftest.py), so PTB
parses every message and update we make up."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Poll, Update
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.sandbox import BotApiSandbox
from bot.sandbox.checks import tiny_png
from bot.sandbox.polls import PollAnswerRefused

GROUP = -1001
TEACHER, OLYA, PETRO = 501, 502, 503


@pytest.fixture
def group(sandbox: BotApiSandbox) -> int:
    sandbox.create_group(GROUP, "7-Б")
    for member in (TEACHER, OLYA, PETRO):
        sandbox.join_group(GROUP, member)
    sandbox.add_bot_to_group(GROUP, TEACHER)
    return GROUP


async def drain(bot: Bot) -> list[Update]:
    """Every update waiting for the bot, confirmed (as a polling bot would)."""
    updates = list(await bot.get_updates(timeout=0))
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return updates


async def quiz(bot: Bot, chat_id: int = GROUP, **overrides: object) -> object:
    values: dict[str, object] = {
        "question": "Скільки бітів сюрпризу дає ймовірність 1/2?",
        "options": ["0,5", "1", "2"],
        "type": Poll.QUIZ,
        "is_anonymous": False,
        "correct_option_ids": [1],
        "explanation": "−log₂(1/2) = 1",
    }
    values.update(overrides)
    return await bot.send_poll(chat_id, **values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- dice


async def test_send_dice_shows_a_value_the_server_chose(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "hi")
    sandbox.next_dice(5, 2)
    first = await bot.send_dice(1001)
    second = await bot.send_dice(1001, emoji="🎲")
    assert (first.dice.emoji, first.dice.value) == ("🎲", 5)
    assert second.dice.value == 2
    third = await bot.send_dice(1001, emoji="🏀")
    assert 1 <= third.dice.value <= 5
    [*_, last] = sandbox.messages(1001)
    assert last.kind == "dice" and last.dice == {"emoji": "🏀", "value": third.dice.value}


async def test_seeded_dice_repeat_their_values(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "hi")
    sandbox.seed_dice(42)
    first = [(await bot.send_dice(1001)).dice.value for _ in range(10)]
    sandbox.seed_dice(42)
    again = [(await bot.send_dice(1001)).dice.value for _ in range(10)]
    assert first == again and set(first) <= {1, 2, 3, 4, 5, 6}


async def test_dice_refuse_unknown_emoji_and_have_no_text_or_caption(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    with pytest.raises(BadRequest, match=r"(?i)DICE_EMOJI_INVALID"):
        await bot.send_dice(1001, emoji="🃏")
    dice = await bot.send_dice(1001)
    with pytest.raises(BadRequest, match=r"(?i)no text in the message"):
        await bot.edit_message_text("4!", 1001, dice.message_id)
    with pytest.raises(BadRequest, match=r"(?i)no caption"):
        await bot.edit_message_caption(1001, dice.message_id, caption="4!")
    with pytest.raises(BadRequest, match=r"(?i)message media can't be edited"):
        await bot.edit_message_media(InputMediaPhoto(tiny_png()), 1001, dice.message_id)
    with pytest.raises(ValueError):
        sandbox.next_dice(7)


# ---------------------------------------------------------------------- polls: sending


async def test_a_quiz_poll_reaches_the_group_with_its_options(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    sent = await quiz(bot, open_period=30)
    poll = sent.poll  # type: ignore[attr-defined]
    assert poll.type == Poll.QUIZ and not poll.is_anonymous and not poll.is_closed
    assert [option.text for option in poll.options] == ["0,5", "1", "2"]
    assert poll.correct_option_ids == (1,) and poll.explanation == "−log₂(1/2) = 1"
    [*_, snapshot] = sandbox.messages(group)
    assert snapshot.kind == "poll" and snapshot.text == poll.question
    assert snapshot.poll is not None and snapshot.poll["id"] == poll.id


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"question": " "}, "poll question must be non-empty"),
        ({"question": "?" * 301}, "poll question length must not exceed 300"),
        ({"options": ["1"]}, "poll must have at least 2 option"),
        ({"options": [str(n) for n in range(11)]}, "poll can't have more than 10 options"),
        ({"options": ["1", "  "]}, "poll options must be non-empty"),
        ({"options": ["1", "x" * 101]}, "poll options length must not exceed 100"),
        ({"correct_option_ids": None}, "wrong correct option ID specified"),
        ({"correct_option_ids": [3]}, "wrong correct option ID specified"),
        ({"explanation": "x" * 201}, "explanation is too long"),
        ({"explanation": "a\nb\nc\nd"}, "explanation can't have more than 2 line feeds"),
        ({"open_period": 4}, "wrong open period specified"),
        ({"open_period": 601}, "wrong open period specified"),
    ],
)
async def test_polls_outside_telegrams_limits_are_refused(
    sandbox: BotApiSandbox, bot: Bot, group: int, overrides: dict[str, object], refusal: str
) -> None:
    before = len(sandbox.messages(group))
    with pytest.raises(BadRequest) as caught:
        await quiz(bot, **overrides)
    assert refusal.lower() in caught.value.message.lower()
    assert len(sandbox.messages(group)) == before  # nothing was sent


async def test_limits_count_characters_and_the_longest_allowed_poll_passes(
    bot: Bot, group: int
) -> None:
    sent = await quiz(
        bot,
        question="?" * 300,
        options=[f"{n:02d}" + "я" * 98 for n in range(10)],
        correct_option_ids=[9],
        explanation="ї" * 200,
        open_period=600,
    )
    assert len(sent.poll.options) == 10  # type: ignore[attr-defined]


async def test_a_channel_gets_no_poll_that_names_its_voters(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_update(
        {
            "channel_post": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -1002, "type": "channel", "title": "News"},
                "text": "hi",
            }
        }
    )
    with pytest.raises(BadRequest, match=r"(?i)non-anonymous polls can't be sent to channel"):
        await quiz(bot, chat_id=-1002)


# ---------------------------------------------------------------------- polls: answers


async def test_members_answers_arrive_as_poll_answer_and_poll_updates(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    sent = await quiz(bot)
    await drain(bot)
    sandbox.answer_poll(OLYA, group, sent.message_id, [1])
    sandbox.answer_poll(PETRO, group, sent.message_id, [0])
    updates = await drain(bot)
    answers = [u.poll_answer for u in updates if u.poll_answer is not None]
    assert [(a.user.id, tuple(a.option_ids)) for a in answers] == [(OLYA, (1,)), (PETRO, (0,))]
    assert all(a.poll_id == sent.poll.id for a in answers)  # type: ignore[attr-defined]
    polls = [u.poll for u in updates if u.poll is not None]
    assert [option.voter_count for option in polls[-1].options] == [1, 1, 0]
    assert polls[-1].total_voter_count == 2
    shown = sandbox.message(group, sent.message_id)
    assert shown is not None and shown.poll is not None
    assert shown.poll["total_voter_count"] == 2


async def test_a_quiz_answer_cannot_be_changed_and_a_closed_poll_takes_none(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    sent = await quiz(bot)
    sandbox.answer_poll(OLYA, group, sent.message_id, [1])
    with pytest.raises(PollAnswerRefused):
        sandbox.answer_poll(OLYA, group, sent.message_id, [2])
    with pytest.raises(PollAnswerRefused):
        sandbox.answer_poll(PETRO, group, sent.message_id, [0, 1])
    with pytest.raises(PollAnswerRefused):
        sandbox.answer_poll(PETRO, group, sent.message_id, [3])
    with pytest.raises(LookupError):
        sandbox.answer_poll(9999, group, sent.message_id, [1])  # not in the group
    await bot.stop_poll(group, sent.message_id)
    with pytest.raises(PollAnswerRefused):
        sandbox.answer_poll(PETRO, group, sent.message_id, [1])


async def test_an_anonymous_poll_tells_the_bot_counts_but_not_who(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    sent = await bot.send_poll(group, "Чай чи кава?", ["чай", "кава"])
    await drain(bot)
    sandbox.answer_poll(OLYA, group, sent.message_id, [0])
    updates = await drain(bot)
    assert [u.poll_answer for u in updates] == [None]
    assert updates[0].poll is not None and updates[0].poll.options[0].voter_count == 1


# ---------------------------------------------------------------------- polls: stopping


async def test_stop_poll_closes_it_once_and_removes_the_keyboard(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    stop = InlineKeyboardMarkup([[InlineKeyboardButton("⏹", callback_data="stop")]])
    sent = await quiz(bot, reply_markup=stop)
    sandbox.answer_poll(OLYA, group, sent.message_id, [1])
    await drain(bot)
    closed = await bot.stop_poll(group, sent.message_id)
    assert closed.is_closed and closed.options[1].voter_count == 1
    shown = sandbox.message(group, sent.message_id)
    assert shown is not None and shown.method == "stopPoll" and shown.buttons == []
    assert shown.poll is not None and shown.poll["is_closed"]
    [update] = await drain(bot)
    assert update.poll is not None and update.poll.is_closed
    with pytest.raises(BadRequest, match=r"(?i)poll has already been closed"):
        await bot.stop_poll(group, sent.message_id)


async def test_stop_poll_refuses_what_is_not_the_bots_open_poll(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    text = await bot.send_message(group, "Питання 1")
    with pytest.raises(BadRequest, match=r"(?i)message is not a poll"):
        await bot.stop_poll(group, text.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message with poll to stop not found"):
        await bot.stop_poll(group, 9999)
    member_says = sandbox.send_group_text(group, OLYA, "/start")
    with pytest.raises(BadRequest, match=r"(?i)message is not a poll"):
        await bot.stop_poll(group, member_says)
    sent = await quiz(bot)
    with pytest.raises(BadRequest, match=r"(?i)no text in the message"):
        await bot.edit_message_text("?", group, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)no caption"):
        await bot.edit_message_caption(group, sent.message_id, caption="?")


async def test_the_open_period_closes_the_poll_on_time(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    loop_time = __import__("asyncio").get_running_loop().time()
    sent = await quiz(bot, open_period=30)
    poll = sandbox._polls[sent.poll.id]  # type: ignore[attr-defined]
    assert poll.timer is not None and 29 < poll.timer.when() - loop_time < 31
    await drain(bot)
    poll.timer._run()  # what the event loop does 30 s later
    [update] = await drain(bot)
    assert update.poll is not None and update.poll.is_closed
    with pytest.raises(BadRequest, match=r"(?i)poll has already been closed"):
        await bot.stop_poll(group, sent.message_id)


# ---------------------------------------------------------------------- groups


async def test_adding_the_bot_tells_it_with_my_chat_member(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    updates = await drain(bot)
    change = updates[0].my_chat_member
    assert change is not None and change.chat.id == group and change.chat.type == "group"
    assert change.from_user.id == TEACHER
    assert (change.old_chat_member.status, change.new_chat_member.status) == ("left", "member")
    assert change.new_chat_member.user.id == bot.id
    assert updates[1].message is not None
    assert [u.id for u in updates[1].message.new_chat_members] == [bot.id]


async def test_a_bot_in_privacy_mode_hears_only_what_is_meant_for_it(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    await drain(bot)
    own = await bot.send_message(group, "Раунд 1")
    sandbox.send_group_text(group, OLYA, "/live quiz")
    sandbox.send_group_text(group, OLYA, "/live@surprise_quiz_bot dice 3")
    sandbox.send_group_text(group, OLYA, "/live@some_other_bot")
    sandbox.send_group_text(group, PETRO, "привіт усім")
    sandbox.send_group_text(group, PETRO, "це відповідь боту", reply_to=own.message_id)
    heard = [u.message.text for u in await drain(bot) if u.message is not None]
    assert heard == ["/live quiz", "/live@surprise_quiz_bot dice 3", "це відповідь боту"]
    updates = await bot.get_updates(timeout=0)
    assert updates == ()


async def test_a_removed_bot_can_no_longer_post_and_hears_nothing(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    await drain(bot)
    sandbox.remove_bot_from_group(group, TEACHER)
    [update] = await drain(bot)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden, match=r"(?i)bot was kicked from the group chat"):
        await bot.send_message(group, "hello?")
    with pytest.raises(Forbidden):
        await bot.send_dice(group)
    sandbox.send_group_text(group, OLYA, "/live")
    assert await drain(bot) == []


async def test_groups_allow_about_twenty_messages_a_minute(
    sandbox: BotApiSandbox, bot: Bot, group: int
) -> None:
    sandbox.rate_limit(per_second=1000, per_chat_per_second=1000)
    for number in range(20):
        await bot.send_message(group, f"повідомлення {number}")
    with pytest.raises(RetryAfter):
        await bot.send_message(group, "двадцять перше")
    sandbox.send_text(1001, "hi")
    for number in range(25):  # a private chat has no such limit
        await bot.send_message(1001, f"повідомлення {number}")

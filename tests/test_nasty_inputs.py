"""Never silent, never crashing: whatever a user sends or presses gets a sensible reply (or a
quietly answered button), every Bot API call succeeds, no user text reaches our HTML
unescaped, and the bot still works afterwards."""

from __future__ import annotations

import html

import pytest

from bot.texts import t
from tests.fakes import BotHarness, Chat
from tests.student_steps import assert_wire_clean, open_question, open_row, stored_attempts

NASTY_TEXTS = {
    "empty": "",
    "spaces": "   ",
    "4000 characters": "7" * 4000,
    "4000 letters": "я" * 4000,
    "emoji": "🎲💥🤯",
    "html": "<b>bold</b> <script>alert(1)</script> &amp; </i>",
    "markdown": "*x* _y_ `z` [link](http://example.com)",
    "control characters": "\x00\x01\x07\x1b[31mred\x7f",
    "rtl marks": "\u202e6/1\u202c \u200f\u200e",
    "zero width": "\u200b\u200d\ufeff",
    "newlines": "1\n/\n6\n\n\n",
    "quiz with junk": "/quiz 💥💥",
    "quiz with markup": "/quiz <b>entropy</b>",
    "quiz with a long argument": "/quiz " + "x" * 3000,
    "lang with junk": "/lang xx",
    "lang with markup": "/lang <i>en</i>",
    "start with a long payload": "/start " + "a" * 500,
    "start with a markup payload": "/start <b>&</b>",
    "unknown command": "/definitely_not_a_command",
    "unknown command with markup": "/x<b>",
    "command for another bot": "/quiz@some_other_bot",
    "hint without a question": "/hint extra words",
    "skip without a question": "/skip",
    "cancel without a question": "/cancel",
    "progress with junk": "/progress 💥 <b>",
    "a huge number": "1e999999",
    "deep nesting": "(" * 500 + "1" + ")" * 500,
    "huge power": "9^9^9^9^9",
    "division by zero": "1/0",
    "log of zero": "log2(0)",
}


def _assert_escaped(chat: Chat, raw: str) -> None:
    """No message the bot sent contains the user's markup as live HTML."""
    tags = [
        part for part in ("<b>bold</b>", "<script>", "<i>en</i>", "<b>entropy</b>") if part in raw
    ]
    for message in chat.messages:
        if message.parse_mode and message.parse_mode.upper() == "HTML":
            for tag in tags:
                assert tag not in message.source, message.source


@pytest.mark.parametrize("with_question", [False, True], ids=["idle", "question open"])
@pytest.mark.parametrize("text", NASTY_TEXTS.values(), ids=NASTY_TEXTS.keys())
async def test_any_text_gets_a_sensible_reply(
    harness: BotHarness, text: str, with_question: bool
) -> None:
    student = harness.user(2001, "<b>Bold</b> & Co", language_code="uk")
    if with_question:
        await student.say("/quiz probability")
    replies = await student.say(text)
    assert replies, f"the bot stayed silent on {text[:40]!r}"
    assert all(reply.text.strip() for reply in replies)
    _assert_escaped(student, text)
    assert_wire_clean(harness)
    # At most the one open question was answered (some junk is a number after all: "1\n/\n6").
    assert len(await stored_attempts(harness, student.id)) <= int(with_question)
    # And the bot still works.
    [help_message] = await student.say("/help")
    assert "/quiz" in help_message.text


async def test_the_name_is_escaped_in_the_greeting(harness: BotHarness) -> None:
    student = harness.user(2002, "<b>Олег</b> & <i>", language_code="uk")
    [greeting] = await student.say("/start")
    assert "<b>Олег</b> & <i>" in greeting.text  # shown as typed…
    assert html.escape("<b>Олег</b> & <i>") in greeting.source  # …because it was escaped
    assert_wire_clean(harness)


async def test_stickers_photos_and_edits_get_a_kind_reply(harness: BotHarness) -> None:
    student = harness.user(2003, "Марта", language_code="uk")
    await student.say("/quiz probability")  # a question answered with a number
    [reply] = await student.send_sticker()
    assert reply.text == t("uk", "fallback.non_text")
    [reply] = await student.send_photo()
    assert reply.text == t("uk", "fallback.non_text")
    message_id = harness.sandbox.send_text(student.id, "0,5")
    await harness.idle()
    before = len(student.messages)
    harness.sandbox.send_update(
        {
            "edited_message": {
                "message_id": message_id,
                "from": {"id": student.id, "is_bot": False, "first_name": "Марта"},
                "chat": {"id": student.id, "type": "private", "first_name": "Марта"},
                "date": 1_700_000_000,
                "edit_date": 1_700_000_100,
                "text": "0,75",
            }
        }
    )
    await harness.idle()
    [reply] = student.messages[before:]
    assert reply.text == t("uk", "fallback.edited")
    # the edit was not graded as a second answer
    assert len(await stored_attempts(harness, student.id)) == 1
    assert_wire_clean(harness)


STALE_DATA = {
    "hint without a question": "q:hint:12345",
    "skip without a question": "q:skip:12345",
    "hint of another question": "q:hint:1",
    "negative seed": "q:skip:-5",
    "superscript seed": "q:hint:²",
    "unknown action": "q:explode",
    "pick of another question": "q:c:1:0",
    "pick past the options": "q:c:{seed}:99",
    "pick without an index": "q:c:{seed}",
    "resume of another question": "q:resume:1",
    "unknown topic": "q:topic:astrology",
    "unknown language": "q:lang:xx",
    "next with a bad topic": "q:next:<b>",
    "topics with junk": "q:topics:junk",
    "random bytes": "\x00\xff\x13garbage",
    "emoji": "💥" * 16,
    "another feature's junk": "t:cls:NOPE:p999",
    "empty": "",
}


@pytest.mark.parametrize("data", STALE_DATA.values(), ids=STALE_DATA.keys())
async def test_stale_and_forged_buttons_are_answered_quietly(
    harness: BotHarness, data: str
) -> None:
    student = harness.user(2004, "Ніна", language_code="uk")
    [choose] = await student.say("/quiz astrology")  # an unknown topic: the topic list
    await student.press(choose, t("uk", "topic.entropy"))
    before = await open_row(harness, student.id)
    assert before is not None
    replies = await student.press_data(choose.message_id, data.replace("{seed}", str(before.seed)))
    answer = student.last_answer
    assert answer is not None, "the button press was never answered"
    if not replies:
        assert answer.get("text"), "a stale press should say why nothing happened"
    after = await open_row(harness, student.id)
    assert before is not None and after is not None and after.seed == before.seed
    assert await stored_attempts(harness, student.id) == []
    assert_wire_clean(harness)


async def test_a_button_from_an_old_question_does_not_touch_the_new_one(
    harness: BotHarness,
) -> None:
    student = harness.user(2005, "Sam", language_code="en")
    [old] = await student.say("/quiz probability")
    await student.say("/quiz entropy")
    current = await open_row(harness, student.id)
    replies = await student.press(old, t("en", "button.skip"))
    assert replies == []
    assert student.last_answer is not None
    assert student.last_answer.get("text") == t("en", "fallback.stale_button")
    still = await open_row(harness, student.id)
    assert still is not None and current is not None and still.seed == current.seed
    assert await stored_attempts(harness, student.id) == []


async def test_a_press_on_another_users_message_changes_nothing(harness: BotHarness) -> None:
    alice = harness.user(2006, "Alice", language_code="en")
    mallory = harness.user(2007, "Mallory", language_code="en")
    [question_message] = await alice.say("/quiz surprisal")
    question = await open_question(harness, alice.id, "en")
    assert question is not None
    alice_before = len(alice.messages)
    for data in [*question_message.callback_data, "q:next:entropy", "q:progress"]:
        harness.sandbox.press(mallory.id, question_message.message_id, data, chat_id=alice.id)
        await harness.idle()
    assert len(alice.messages) == alice_before
    assert mallory.messages == []
    row = await open_row(harness, alice.id)
    assert row is not None and row.seed == question.seed and row.hints_used == 0
    assert await open_row(harness, mallory.id) is None
    assert_wire_clean(harness)

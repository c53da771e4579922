"""Outside a private chat the bot shows nothing personal: in a group, teacher commands get a
one-line pointer to the private chat (no names, no files); updates from no person (channel
posts, anonymous admins, messages without `from`) get nothing at all, not even an error; a
private chat whose id is not its sender's is refused before anything is stored."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import TypeHandler

from bot.texts import t
from db.models import Attempt, Class, Homework, Invite, Membership, OpenQuestion, User
from tests.conftest import MakeHarness
from tests.fakes import ADMIN_ID, BOT_USERNAME, BotHarness
from tests.group_steps import ANONYMOUS_ADMIN, TELEGRAM_SERVICE, Group, sent_anywhere, text_message
from tests.homework_helpers import Clock, Student, kyiv, make_class
from tests.student_steps import open_question, typed

LINK = f"https://t.me/{BOT_USERNAME}"
POINTER_UK = t("uk", "group.teacher_private", link=LINK)
POINTER_EN = t("en", "group.teacher_private", link=LINK)
STUDENT_POINTER_UK = t("uk", "group.private_only", link=LINK)
PUPILS = [Student(3001, "Ярина", "uk"), Student(3002, "Тарас", "uk")]


async def counts(h: BotHarness) -> dict[str, int]:
    """How many rows each table holds (what a refused update must not change)."""
    found = {}
    async with h.db.session() as session:
        for model in (User, Class, Membership, Homework, Invite, Attempt, OpenQuestion):
            found[model.__tablename__] = int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
    return found


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def class_with_answers(h: BotHarness) -> Class:
    """The admin-teacher's class with two students, one of whom has answered a question."""
    class_ = await make_class(h, PUPILS, name="7-Б")
    pupil = h.user(PUPILS[0].id, PUPILS[0].name)
    await pupil.say("/quiz probability")
    question = await open_question(h, pupil.id)
    assert question is not None
    await pupil.say(typed(question.answer, "uk"))
    return class_


# ---------------------------------------------------------------- forged private chats


async def test_a_private_chat_that_is_not_the_senders_is_refused_and_nothing_is_stored(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    before = await counts(harness)
    mallory_chat = {"id": 6666, "type": "private", "first_name": "Mallory"}
    admin = {"id": ADMIN_ID, "is_bot": False, "first_name": "Адмін", "language_code": "uk"}
    for text in ("/invite_teacher", "/start", "/quiz", "0,5"):
        harness.sandbox.send_update(
            {"message": text_message(mallory_chat, text, **{"from": admin})}
        )
    await harness.idle()

    assert sent_anywhere(harness) == []
    assert await counts(harness) == before  # not even the admin's user row
    refusals = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(refusals) == 4
    for line in refusals:
        assert "6666" in line and str(ADMIN_ID) in line
        assert "Mallory" not in line and "Адмін" not in line and "invite" not in line


# ---------------------------------------------------------------- no person behind the update


async def test_a_channel_post_command_gets_no_reply_and_no_traceback(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    channel = {"id": -1009876543210, "type": "channel", "title": "Новини школи"}
    before = await counts(harness)
    for text in ("/quiz", "/class", "/homeworks ABCDEFGH", "/forget_me", "hello"):
        harness.sandbox.send_update({"channel_post": text_message(channel, text)})
    edited = text_message(channel, "/quiz entropy", edit_date=1_700_000_100)
    harness.sandbox.send_update({"edited_channel_post": edited})
    await harness.idle()

    assert harness.sandbox.messages(channel["id"]) == []
    assert sent_anywhere(harness) == []
    assert tracebacks(caplog) == []
    assert await counts(harness) == before


@pytest.mark.parametrize(
    "who",
    [
        {},  # no `from` at all
        {"from": ANONYMOUS_ADMIN, "sender_chat": "group"},  # an anonymous admin
        {"from": TELEGRAM_SERVICE, "sender_chat": "channel", "is_automatic_forward": True},
    ],
    ids=["without from", "anonymous admin", "linked channel forward"],
)
async def test_a_group_message_from_no_person_gets_no_reply_and_no_traceback(
    harness: BotHarness, caplog: pytest.LogCaptureFixture, who: dict[str, object]
) -> None:
    await class_with_answers(harness)
    group = Group(harness)
    fields = dict(who)
    if fields.get("sender_chat") == "group":
        fields["sender_chat"] = group.chat
    elif fields.get("sender_chat") == "channel":
        fields["sender_chat"] = {"id": -1005555555555, "type": "channel", "title": "Канал"}
    before = await counts(harness)
    calls = len(harness.sandbox.calls)
    for text in ("/quiz", "/class", "/classes", "/homeworks", "/worksheet", "/newclass X", "0,5"):
        assert await group.say(None, text, **fields) == []
    assert tracebacks(caplog) == []
    assert await counts(harness) == before
    assert [c.method for c in harness.sandbox.calls[calls:] if c.method != "getUpdates"] == []


async def test_updates_about_no_chat_still_reach_the_features(harness: BotHarness) -> None:
    """A poll's new state has neither a chat nor a user: not a post from nobody, so the guard
    lets it through for features that read polls."""
    seen: list[Update] = []

    async def remember(update: Update, context: object) -> None:
        seen.append(update)

    harness.on_build(lambda app: app.add_handler(TypeHandler(Update, remember), group=50))
    options = [{"text": text, "voter_count": 0, "persistent_id": text} for text in "ab"]
    poll = {"id": "5001", "question": "?", "options": options,
            "total_voter_count": 0, "is_closed": True, "is_anonymous": False,
            "type": "regular", "allows_multiple_answers": False,
            "allows_revoting": False, "members_only": False}  # fmt: skip
    harness.sandbox.send_update({"poll": poll})
    await harness.idle()
    assert [u.poll.id for u in seen if u.poll] == ["5001"]
    assert sent_anywhere(harness) == []


# ---------------------------------------------------------------- teacher data in groups


async def test_teacher_commands_in_a_group_get_a_pointer_without_names_or_files(
    harness: BotHarness,
) -> None:
    class_ = await class_with_answers(harness)
    teacher = harness.teacher()
    group = Group(harness)
    before = await counts(harness)
    commands = [
        f"/class {class_.code}",
        f"/class@{BOT_USERNAME} {class_.code}",
        "/class",
        "/classes",
        f"/homeworks {class_.code}",
        "/homeworks",
        f"/worksheet {class_.code} entropy 5",
        "/worksheet",
        f"/assign {class_.code} entropy 5 2099-12-01 18:00",
        f"/settings {class_.code} base=e",
        "/newclass Секретний",
        "/invite_teacher",
    ]
    for command in commands:
        replies = await group.say(teacher, command)
        assert [(r.kind, r.text) for r in replies] == [("text", POINTER_UK)], command
    shown = " ".join(m.text for m in group.messages)
    for name in ("Ярина", "Тарас", "7-Б", class_.code):
        assert name not in shown
    assert teacher.messages == []  # nothing was sent privately either
    assert await counts(harness) == before  # no homework, class, invite or base change
    async with harness.db.session() as session:
        assert (await session.get(Class, class_.id)).base == "2"  # type: ignore[union-attr]


async def test_the_pointer_speaks_the_teachers_language(harness: BotHarness) -> None:
    class_ = await make_class(harness, PUPILS)
    teacher = harness.teacher("Teacher", language_code="en")
    replies = await Group(harness).say(teacher, f"/homeworks {class_.code}")
    assert [r.text for r in replies] == [POINTER_EN]


async def test_a_due_time_typed_in_a_group_does_not_set_homework(
    make_harness: MakeHarness,
) -> None:
    async with make_harness(clock=Clock(kyiv("2026-11-27 10:00"))) as h:
        class_ = await make_class(h, PUPILS)
        teacher = h.teacher()
        await teacher.say(f"/assign {class_.code} entropy 5")  # the dialog waits for a due time
        assert await Group(h).say(teacher, "01.12 18:00") == []
        async with h.db.session() as session:
            assert await session.scalar(select(func.count()).select_from(Homework)) == 0
        await teacher.say("01.12 18:00")  # in the private chat it still does
        async with h.db.session() as session:
            assert await session.scalar(select(func.count()).select_from(Homework)) == 1


async def test_teacher_buttons_pressed_in_a_group_show_nothing(harness: BotHarness) -> None:
    class_ = await class_with_answers(harness)
    teacher = harness.teacher()
    group = Group(harness)
    [pointer] = await group.say(teacher, "/class")
    for data in (
        f"t:full:{class_.id}",
        f"t:rep:{class_.id}:0",
        f"t:stu:{class_.id}:{PUPILS[0].id}:0",
        f"t:cls:{class_.id}",
        f"hw:l:{class_.code}",
        f"ws:n:{class_.code}:entropy:5",
        "q:progress",
    ):
        before = len(group.messages)
        query_id = harness.sandbox.press(teacher.id, pointer.message_id, data, chat_id=group.id)
        await harness.idle()
        assert group.messages[before:] == [], data
        [answer] = [
            a for a in harness.sandbox.callback_answers if a["callback_query_id"] == query_id
        ]
        assert answer.get("text") == t("uk", "fallback.stale_button"), data
    assert teacher.messages == []


# ---------------------------------------------------------------- students in groups


async def test_student_commands_in_a_group_point_to_the_private_chat(harness: BotHarness) -> None:
    class_ = await make_class(harness, PUPILS)
    newcomer = harness.user(3010, "Остап")
    group = Group(harness)
    before = await counts(harness)
    commands = ["/start", "/help", "/quiz entropy", "/progress", "/homework", "/learn", "/lab",
                "/check", "/check WS2345AB", f"/join {class_.code}", "/lang en",
                "/no_such_command"]  # fmt: skip
    for command in commands:
        replies = await group.say(newcomer, command)
        assert [r.text for r in replies] == [STUDENT_POINTER_UK], command
    after = await counts(harness)
    assert after.pop("users") == before.pop("users") + 1  # the visitor, as in any chat
    assert after == before  # no question opened, nobody joined


async def test_commands_for_other_bots_in_a_group_are_not_ours(harness: BotHarness) -> None:
    student = harness.user(3011, "Олег")
    group = Group(harness)
    for command in ("/start@another_bot", "/quiz@another_bot entropy", "/class@another_bot"):
        assert await group.say(student, command) == []
    assert await group.say(student, "just chatting") == []

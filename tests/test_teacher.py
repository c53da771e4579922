"""Teachers create classes, students join them, teachers tune them — through the real bot
and the loopback Bot API server."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.features.teacher.service import MAX_CLASSES, MAX_NAME
from bot.texts import t
from db.models import Class, Membership
from db.repositories import classes as class_repo
from tests.fakes import BotHarness
from tests.fakes.harness import BOT_USERNAME, Chat

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CODE_RE = re.compile(r"\b([ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8})\b")
INVITE_RE = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=(t_[A-Za-z0-9_-]+)")


class MovableClock:
    """The injectable clock: tests move time by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def create_class(teacher: Chat, name: str = "7-Б") -> str:
    """/newclass through the bot; returns the join code it announced."""
    replies = await teacher.say(f"/newclass {name}")
    found = CODE_RE.search(replies[0].text)
    assert found, replies[0].text
    return found.group(1)


async def invite(admin: Chat) -> str:
    """An admin's one-time invitation; returns the /start payload of the link."""
    replies = await admin.say("/invite_teacher")
    found = INVITE_RE.search(replies[-1].text)
    assert found, replies[-1].text
    return found.group(1)


async def new_teacher(h: BotHarness, admin: Chat, user_id: int, name: str) -> Chat:
    chat = h.user(user_id, name, "uk")
    payload = await invite(admin)
    replies = await chat.say(f"/start {payload}")
    assert replies[-1].text == t("uk", "teacher.invite.ok")
    return chat


async def class_row(h: BotHarness, code: str) -> Class:
    async with h.db.session() as session:
        row = await session.scalar(select(Class).where(Class.code == code))
    assert row is not None
    return row


async def member_ids(h: BotHarness, code: str) -> set[int]:
    klass = await class_row(h, code)
    async with h.db.session() as session:
        rows = await session.scalars(
            select(Membership.user_id).where(Membership.class_id == klass.id)
        )
        return set(rows)


# ---------------------------------------------------------------- creating a class


async def test_newclass_replies_with_code_link_and_a_scannable_qr(harness: BotHarness) -> None:
    teacher = harness.teacher()
    replies = await teacher.say("/newclass 7-Б <фізмат>")

    text, photo = replies[0], replies[1]
    code = CODE_RE.search(text.text).group(1)  # type: ignore[union-attr]
    assert "7-Б <фізмат>" in text.text  # shown as typed (escaped in HTML, not eaten)
    assert f"https://t.me/{BOT_USERNAME}?start=c_{code}" in text.text
    assert f"/join {code}" in text.text
    assert photo.kind == "photo"
    assert photo.file_bytes is not None and photo.file_bytes.startswith(PNG_MAGIC)
    assert code in photo.text and len(photo.text) <= 1024
    klass = await class_row(harness, code)
    assert klass.name == "7-Б <фізмат>"
    assert klass.teacher_id == teacher.id
    assert klass.timezone == "Europe/Kyiv"
    assert klass.base == "2"


async def test_each_class_gets_its_own_unguessable_code(harness: BotHarness) -> None:
    teacher = harness.teacher()
    codes = {await create_class(teacher, f"Клас {i}") for i in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) >= 8
        assert not set(code) & set("01IO")  # no look-alikes


async def test_newclass_without_a_name_asks_for_it(harness: BotHarness) -> None:
    teacher = harness.teacher()
    replies = await teacher.say("/newclass")
    assert replies[-1].text == t("uk", "teacher.newclass.ask")
    assert replies[-1].callback_data == ["t:x"]

    replies = await teacher.say("  9-А\u0007 інформатика  ")
    code = CODE_RE.search(replies[0].text).group(1)  # type: ignore[union-attr]
    assert (await class_row(harness, code)).name == "9-А інформатика"
    # The dialog is over: the next text is not another class name.
    async with harness.db.session() as session:
        before = await class_repo.count_teacher_classes(session, teacher.id)
    await teacher.say("10-Б")
    async with harness.db.session() as session:
        assert await class_repo.count_teacher_classes(session, teacher.id) == before


async def test_the_class_name_dialog_can_be_cancelled_three_ways(harness: BotHarness) -> None:
    teacher = harness.teacher()
    asked = await teacher.say("/newclass")
    replies = await teacher.press(asked[-1], "t:x")
    assert replies[-1].text == t("uk", "teacher.cancelled")

    await teacher.say("/newclass")
    replies = await teacher.say("/cancel")
    assert replies[-1].text == t("uk", "teacher.cancelled")

    await teacher.say("/newclass")
    await teacher.say("/help")  # another command ends the dialog
    await teacher.say("Не назва класу")
    async with harness.db.session() as session:
        assert await class_repo.list_teacher_classes(session, teacher.id) == []


async def test_long_and_odd_class_names_are_cleaned(harness: BotHarness) -> None:
    teacher = harness.teacher()
    replies = await teacher.say("/newclass " + "Я" * 500 + "\u200b\u202e")
    code = CODE_RE.search(replies[0].text).group(1)  # type: ignore[union-attr]
    assert (await class_row(harness, code)).name == "Я" * MAX_NAME

    replies = await teacher.say("/newclass \u200b\u200b")
    assert replies[-1].text == t("uk", "teacher.newclass.ask")


# ---------------------------------------------------------------- joining


async def test_students_join_by_link_and_by_code_in_any_spelling(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    olena = harness.user(2001, "Олена")
    taras = harness.user(2002, "Тарас")
    ivan = harness.user(2003, "Ivan", "en")

    replies = await olena.say(f"/start c_{code}")
    assert replies[-1].text.startswith("🎉") and "7-Б" in replies[-1].text
    spaced = f"{code[:4].lower()}-{code[4:].lower()} "
    replies = await taras.say(f"/join {spaced}")
    assert "7-Б" in replies[-1].text
    replies = await ivan.say(f"/join https://t.me/{BOT_USERNAME}?start=c_{code}")
    assert replies[-1].text.startswith("🎉 You're in the class")

    assert await member_ids(harness, code) == {olena.id, taras.id, ivan.id}


async def test_join_without_a_code_asks_then_accepts_the_typed_code(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher)
    student = harness.user(2001, "Олена")
    replies = await student.say("/join")
    assert replies[-1].text == t("uk", "teacher.join.ask").replace("<code>", "").replace(
        "</code>", ""
    )
    await student.say(code.lower())
    assert await member_ids(harness, code) == {student.id}


async def test_joining_twice_unknown_codes_and_own_class_get_friendly_replies(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    student = harness.user(2001, "Олена")
    await student.say(f"/join {code}")

    again = await student.say(f"/start c_{code}")
    assert "вже в класі" in again[-1].text
    unknown = await student.say("/join ZZZZ2222")
    assert "ZZZZ2222" in unknown[-1].text and "Не знаходжу" in unknown[-1].text
    junk = await student.say("/join <b>💥" + "x" * 500)
    assert "Не знаходжу" in junk[-1].text
    own = await teacher.say(f"/join {code}")
    assert own[-1].text.startswith("Це твій власний клас")
    assert await member_ids(harness, code) == {student.id}


async def test_a_student_may_be_in_several_classes(harness: BotHarness) -> None:
    teacher = harness.teacher()
    first, second = await create_class(teacher, "Алгебра"), await create_class(teacher, "Інфо")
    student = harness.user(2001, "Олена")
    await student.say(f"/join {first}")
    await student.say(f"/join {second}")
    assert student.id in await member_ids(harness, first)
    assert student.id in await member_ids(harness, second)


# ---------------------------------------------------------------- /classes and /settings


async def test_classes_lists_own_classes_with_student_counts(harness: BotHarness) -> None:
    teacher = harness.teacher()
    first, second = await create_class(teacher, "Алгебра"), await create_class(teacher, "Інфо")
    for i in range(3):
        await harness.user(2001 + i, f"Учень {i}").say(f"/join {first}")

    replies = await teacher.say("/classes")
    listing = replies[-1]
    assert "Алгебра" in listing.text and "учнів: 3" in listing.text
    assert "Інфо" in listing.text and "учнів: 0" in listing.text
    card = await teacher.press(listing, first)
    assert first in card[-1].text and "Учнів: 3" in card[-1].text
    qr = await teacher.press(card[-1], "QR")
    assert qr[-1].kind == "photo" and qr[-1].file_bytes.startswith(PNG_MAGIC)  # type: ignore[union-attr]
    assert second not in qr[-1].text


async def test_settings_sets_the_base_by_argument_synonym_or_buttons(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    student = harness.user(2001, "Олена")
    await student.say(f"/join {code}")

    replies = await teacher.say(f"/settings {code} base=e")
    assert "основою e" in replies[-1].text
    assert (await class_row(harness, code)).base == "e"
    await teacher.say(f"/settings {code.lower()} base = lg")
    assert (await class_row(harness, code)).base == "10"
    async with harness.db.session() as session:
        assert await class_repo.base_for_student(session, student.id) == "10"

    wrong = await teacher.say(f"/settings {code} base=7")
    assert wrong[-1].text.startswith("Основа може бути 2, e або 10")
    done = await teacher.press(
        wrong[-1], "t:base:" + str((await class_row(harness, code)).id) + ":2"
    )
    assert "основою 2" in done[-1].text and done[-1].edited
    assert (await class_row(harness, code)).base == "2"


async def test_settings_without_arguments_is_a_two_tap_dialog(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    pick = await teacher.say("/settings")
    assert pick[-1].text == t("uk", "teacher.pick_class")
    bases = await teacher.press(pick[-1], code)
    assert [label for label in bases[-1].labels] == ["• 2 (біти)", "e (нати)", "10 (гартлі)"]
    await teacher.press(bases[-1], "e (нати)")
    assert (await class_row(harness, code)).base == "e"


async def test_a_teacher_without_classes_is_told_how_to_make_one(harness: BotHarness) -> None:
    teacher = harness.teacher("Admin", "en")
    for command in ("/classes", "/class", "/settings"):
        replies = await teacher.say(command)
        assert replies[-1].text == t("en", "teacher.no_classes")


# ---------------------------------------------------------------- menus


async def test_teachers_get_the_teacher_menu_in_their_language(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        admin = h.teacher("Адмін", "uk")
        await admin.say("/help")
        menu = h.sandbox.commands[("chat", admin.id, None)]
        assert [c["command"] for c in menu][:2] == ["newclass", "classes"]
        assert "invite_teacher" in [c["command"] for c in menu]
        assert menu[0]["description"] == t("uk", "menu.newclass")

        english = h.user(3001, "Ann", "en")
        await english.say("/start")
        assert ("chat", english.id, None) not in h.sandbox.commands  # students: default menu
        await english.say(f"/start {await invite(admin)}")
        menu = h.sandbox.commands[("chat", english.id, None)]
        assert menu[0]["description"] == t("en", "menu.newclass")
        assert "invite_teacher" not in [c["command"] for c in menu]


async def test_an_unanswered_dialog_times_out(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock()
    async with make_harness(clock=clock) as h:
        teacher = h.teacher()
        await teacher.say("/newclass")
        clock.advance(minutes=11)
        await teacher.say("7-Б")  # much later: not a class name any more
        async with h.db.session() as session:
            assert await class_repo.list_teacher_classes(session, teacher.id) == []


async def test_a_student_can_cancel_the_join_dialog(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher)
    student = harness.user(2001, "Олена")
    asked = await student.say("/join")
    replies = await student.press(asked[-1], t("uk", "teacher.cancel_button"))
    assert replies[-1].text == t("uk", "teacher.cancelled")
    await student.say(code)  # now just text, not a code
    assert await member_ids(harness, code) == set()


async def test_a_mistyped_code_can_be_retyped_a_few_times(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher)
    student = harness.user(2001, "Олена")
    wrong = await student.say("/join ZZZZ2222")
    assert wrong[-1].callback_data == ["t:x"]  # asks again, with a way out
    await student.say(code)
    assert await member_ids(harness, code) == {student.id}

    other = harness.user(2002, "Тарас")
    await other.say("/start c_BROKEN")
    for attempt in ("nope1", "nope2", "nope3"):
        assert "Не знаходжу" in (await other.say(attempt))[-1].text
    await other.say(code)  # three misses: the bot stopped reading text as a code
    assert other.id not in await member_ids(harness, code)


async def test_a_teacher_with_the_most_classes_still_gets_a_list_that_fits(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    await teacher.say("/start")
    async with harness.db.session() as session:
        for i in range(MAX_CLASSES):
            await class_repo.create_class(
                session,
                teacher_id=teacher.id,
                name=f"{i:02d} " + "Довга назва класу " * 4,
                timezone="Europe/Kyiv",
                now=datetime.now(UTC),
            )
        await session.commit()
    listing = (await teacher.say("/classes"))[-1]
    assert len(listing.text) <= 4096 and len(listing.callback_data) == MAX_CLASSES
    refused = await teacher.say("/newclass Ще один")
    assert refused[-1].text == f"У тебе вже {MAX_CLASSES} класів — це максимум."


async def test_settings_with_a_base_but_no_code_asks_for_the_class(harness: BotHarness) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "7-Б")
    pick = await teacher.say("/settings base=ln")
    assert pick[-1].text == t("uk", "teacher.pick_class")
    assert any(code in label for label in pick[-1].labels)


async def test_cancel_on_an_old_question_only_removes_the_button(harness: BotHarness) -> None:
    teacher = harness.teacher()
    asked = await teacher.say("/newclass")
    await teacher.say("7-Б")  # the dialog is over: the class exists
    replies = await teacher.press(asked[-1], "t:x")
    assert teacher.last_answer["text"] == t("uk", "teacher.stale_button")  # type: ignore[index]
    assert replies[-1].message_id == asked[-1].message_id and replies[-1].buttons == []
    assert replies[-1].text == asked[-1].text


async def test_editing_an_old_newclass_command_makes_no_second_class(harness: BotHarness) -> None:
    teacher = harness.teacher()
    await create_class(teacher, "7-Б")
    assert teacher.last_message_id is not None
    await teacher.edit(teacher.last_message_id, "/newclass 7-В")
    async with harness.db.session() as session:
        owned = await class_repo.list_teacher_classes(session, teacher.id)
    assert [c.name for c in owned] == ["7-Б"]

"""Who may do what: a student, two teachers and an admin against every teacher command and
every teacher button, with forged callback data; one-time, expiring teacher invitations."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from bot.texts import t
from db.models import Class, Homework, Invite, User
from tests.fakes import BotHarness
from tests.fakes.harness import Chat
from tests.test_teacher import (
    INVITE_RE,
    MovableClock,
    class_row,
    create_class,
    invite,
    member_ids,
    new_teacher,
)

ONLY_TEACHERS = t("uk", "teacher.only_teachers")
GONE = t("uk", "teacher.gone")


@dataclass
class School:
    h: BotHarness
    admin: Chat
    teacher_a: Chat
    teacher_b: Chat
    student: Chat
    code_a: str
    class_a: int


async def open_school(h: BotHarness) -> School:
    admin = h.teacher("Адмін")
    teacher_a = await new_teacher(h, admin, 1001, "Вчителька А")
    teacher_b = await new_teacher(h, admin, 1002, "Вчитель Б")
    code_a = await create_class(teacher_a, "Клас А")
    student = h.user(2001, "Олена")
    await student.say(f"/join {code_a}")
    return School(h, admin, teacher_a, teacher_b, student, code_a, (await class_row(h, code_a)).id)


async def snapshot(h: BotHarness) -> tuple[object, ...]:
    """What a refused command must not change."""
    async with h.db.session() as session:
        classes = [
            (c.id, c.code, c.name, c.base, c.teacher_id)
            for c in await session.scalars(select(Class).order_by(Class.id))
        ]
        invites = await session.scalar(select(func.count()).select_from(Invite))
        homeworks = await session.scalar(select(func.count()).select_from(Homework))
        roles = [(u.id, u.role) for u in await session.scalars(select(User).order_by(User.id))]
    return (classes, invites, homeworks, roles)


def teacher_commands(code: str) -> list[str]:
    return [
        "/newclass Чужий",
        "/newclass",
        "/classes",
        f"/class {code}",
        "/class",
        f"/settings {code} base=e",
        "/settings",
        "/invite_teacher",
    ]


OTHER_FEATURES = ["/assign {code} entropy 5 2026-12-01 18:00", "/homeworks {code}",
                  "/worksheet {code} entropy 5"]  # fmt: skip


async def test_students_are_kindly_refused_every_teacher_command(harness: BotHarness) -> None:
    school = await open_school(harness)
    before = await snapshot(harness)
    for command in teacher_commands(school.code_a):
        replies = await school.student.say(command)
        assert [r.text for r in replies] == [ONLY_TEACHERS], command
    for template in OTHER_FEATURES:
        command = template.format(code=school.code_a)
        replies = await school.student.say(command)
        # Other features word their own refusal; none may act or show the class.
        assert len(replies) >= 1, command
        assert all("Клас А" not in r.text and r.kind == "text" for r in replies), command
    assert await snapshot(harness) == before


async def test_a_teacher_cannot_tell_another_teachers_class_from_a_missing_one(
    harness: BotHarness,
) -> None:
    school = await open_school(harness)
    b = school.teacher_b
    await create_class(b, "Клас Б")
    before = await snapshot(harness)

    def shown(replies: list, code: str) -> list[str]:  # type: ignore[type-arg]
        return [r.text.replace(code, "<code>") for r in replies]

    for command in (f"/class {{}}", f"/settings {{}} base=e"):  # noqa: F541
        foreign = await b.say(command.format(school.code_a))
        missing = await b.say(command.format("ZZZZ2345"))
        assert shown(foreign, school.code_a) == shown(missing, "ZZZZ2345")
        assert "Клас А" not in " ".join(r.text for r in foreign)
    listing = await b.say("/classes")
    assert "Клас Б" in listing[-1].text and "Клас А" not in listing[-1].text
    assert school.code_a not in " ".join(listing[-1].callback_data)
    assert await snapshot(harness) == before


async def test_only_admins_invite_teachers(harness: BotHarness) -> None:
    school = await open_school(harness)
    replies = await school.teacher_a.say("/invite_teacher")
    assert replies[-1].text == t("uk", "teacher.only_admins")
    replies = await school.admin.say("/invite_teacher")
    assert INVITE_RE.search(replies[-1].text)


def forged_buttons(class_id: int, student_id: int) -> list[str]:
    return [
        f"t:cls:{class_id}",
        f"t:full:{class_id}",
        f"t:rep:{class_id}:0",
        f"t:stu:{class_id}:{student_id}:0",
        f"t:qr:{class_id}",
        f"t:set:{class_id}",
        f"t:base:{class_id}:e",
    ]


async def test_buttons_of_another_teachers_class_do_nothing(harness: BotHarness) -> None:
    school = await open_school(harness)
    listing = await school.teacher_b.say("/newclass Клас Б")
    before = await snapshot(harness)
    for data in forged_buttons(school.class_a, school.student.id):
        replies = await school.teacher_b.press_data(listing[0].message_id, data)
        assert replies == [], data
        answer = school.teacher_b.last_answer
        assert answer is not None and answer.get("text") == GONE, data
    assert await snapshot(harness) == before


async def test_students_pressing_teacher_buttons_are_refused(harness: BotHarness) -> None:
    school = await open_school(harness)
    joined = school.student.messages[-1]
    before = await snapshot(harness)
    for data in forged_buttons(school.class_a, school.student.id):
        replies = await school.student.press_data(joined.message_id, data)
        assert replies == [], data
        assert school.student.last_answer["text"] == ONLY_TEACHERS, data  # type: ignore[index]
    assert await snapshot(harness) == before


@pytest.mark.parametrize(
    "data",
    ["t:rep:abc:0", "t:zzz:1", "t:rep", "t:rep::", "t:base:1:7", "t:stu:1:x:0", "t:" + "9" * 60,
     "t:rep:1:0:0:0", "t:stu:1:2"],
)  # fmt: skip
async def test_garbage_teacher_buttons_get_a_quiet_answer(harness: BotHarness, data: str) -> None:
    school = await open_school(harness)
    menu = await school.teacher_a.say("/classes")
    before = await snapshot(harness)
    replies = await school.teacher_a.press_data(menu[-1].message_id, data)
    assert replies == []
    assert school.teacher_a.last_answer is not None
    assert await snapshot(harness) == before


async def test_the_owner_may_use_every_button_of_their_class(harness: BotHarness) -> None:
    school = await open_school(harness)
    menu = await school.teacher_a.say("/classes")
    for data in forged_buttons(school.class_a, school.student.id):
        await school.teacher_a.press_data(menu[-1].message_id, data)
        answer = school.teacher_a.last_answer
        assert answer is not None and answer.get("text") in (None, ""), data
    assert (await class_row(harness, school.code_a)).base == "e"


async def test_a_report_button_for_someone_not_in_the_class_shows_nothing(
    harness: BotHarness,
) -> None:
    school = await open_school(harness)
    stranger = harness.user(2999, "Чужий")
    await stranger.say("/start")
    menu = await school.teacher_a.say("/classes")
    replies = await school.teacher_a.press_data(
        menu[-1].message_id, f"t:stu:{school.class_a}:{stranger.id}:0"
    )
    assert replies == []
    assert school.teacher_a.last_answer["text"] == t("uk", "teacher.report.not_member")  # type: ignore[index]


# ---------------------------------------------------------------- invitations


async def test_an_invitation_works_once(harness: BotHarness) -> None:
    admin = harness.teacher("Адмін")
    payload = await invite(admin)
    assert 24 <= len(payload) <= 64  # t_ + ≥ 128 random bits, within Telegram's start limit

    first, second = harness.user(1001, "Перша"), harness.user(1002, "Друга")
    assert (await first.say(f"/start {payload}"))[-1].text == t("uk", "teacher.invite.ok")
    assert (await second.say(f"/start {payload}"))[-1].text == t("uk", "teacher.invite.used")
    assert (await second.say("/classes"))[-1].text == ONLY_TEACHERS
    assert (await first.say("/classes"))[-1].text == t("uk", "teacher.no_classes")
    async with harness.db.session() as session:
        stored = (await session.scalars(select(Invite))).one()
    assert payload[2:] not in stored.token  # only a digest is kept


async def test_an_invitation_expires_after_seven_days(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock()
    async with make_harness(clock=clock) as h:
        admin = h.teacher("Адмін")
        early, late = await invite(admin), await invite(admin)
        clock.advance(days=6, hours=23)
        assert (await h.user(1001, "Вчасно").say(f"/start {early}"))[-1].text == t(
            "uk", "teacher.invite.ok"
        )
        clock.advance(hours=1, seconds=1)
        slow = h.user(1002, "Запізно")
        assert (await slow.say(f"/start {late}"))[-1].text == t("uk", "teacher.invite.expired")
        assert (await slow.say("/newclass Х"))[-1].text == ONLY_TEACHERS


async def test_unknown_and_mangled_invitations_are_explained(harness: BotHarness) -> None:
    user = harness.user(1001, "Хтось")
    for payload in ("t_nonsense", "t_" + "A" * 60, "t_"):
        replies = await user.say(f"/start {payload}")
        assert replies, payload
    assert (await user.say("/start t_nonsense"))[-1].text == t("uk", "teacher.invite.unknown")
    assert (await user.say("/classes"))[-1].text == ONLY_TEACHERS


async def test_a_teacher_opening_an_invitation_leaves_it_for_someone_else(
    harness: BotHarness,
) -> None:
    admin = harness.teacher("Адмін")
    payload = await invite(admin)
    assert (await admin.say(f"/start {payload}"))[-1].text == t("uk", "teacher.invite.already")
    newcomer = harness.user(1001, "Нова")
    assert (await newcomer.say(f"/start {payload}"))[-1].text == t("uk", "teacher.invite.ok")


async def test_an_invited_teacher_keeps_the_role_after_a_restart(harness: BotHarness) -> None:
    admin = harness.teacher("Адмін")
    teacher = await new_teacher(harness, admin, 1001, "Вчителька")
    code = await create_class(teacher, "7-А")
    await harness.restart()
    replies = await teacher.say("/classes")
    assert code in replies[-1].text
    assert await member_ids(harness, code) == set()


async def test_two_people_opening_one_invitation_at_once_make_one_teacher(
    harness: BotHarness,
) -> None:
    admin = harness.teacher("Адмін")
    payload = await invite(admin)
    racers = [harness.user(1001 + i, f"Вчитель {i}") for i in range(6)]
    for racer in racers:  # all queued before the bot reads any: handled concurrently
        harness.sandbox.send_text(racer.id, f"/start {payload}")
    await harness.idle()
    texts = [racer.last.text for racer in racers]
    assert texts.count(t("uk", "teacher.invite.ok")) == 1
    assert texts.count(t("uk", "teacher.invite.used")) == len(racers) - 1
    async with harness.db.session() as session:
        roles = await session.scalars(select(User.role).where(User.id.in_([r.id for r in racers])))
        assert sorted(roles) == ["student"] * (len(racers) - 1) + ["teacher"]


NO_CLASS_A = "no class"  # the reply for an unknown code, with the code masked


def outcome(replies: list, code: str) -> str:  # type: ignore[type-arg]
    """Name what a reply amounts to, so a role matrix reads as a table."""
    text = " ".join(r.text for r in replies)
    if [r.text for r in replies] == [ONLY_TEACHERS]:
        return "refused"
    if text.startswith(t("uk", "teacher.only_admins")):
        return "admins only"
    if text.startswith("Не знаходжу класу з кодом"):
        return NO_CLASS_A
    if INVITE_RE.search(text):
        return "invite link"
    if [r.kind for r in replies] == ["photo", "document", "text"] and "Клас А" in text:
        return "report"
    if "Клас А" in text and code in text:
        return "class A shown"
    if text.startswith("✅ Клас Клас А: тепер задачі з логарифмом за основою e"):
        return "base set"
    if text.startswith("✅ Клас Новий створено"):
        return "created"
    if text == t("uk", "teacher.no_classes"):
        return "no classes"
    return f"other: {text[:80]}"


MATRIX = {
    #            /classes      /class A    /settings A base=e  /invite_teacher  /newclass
    "student": ("refused", "refused", "refused", "refused", "refused"),
    "teacher_a": ("class A shown", "report", "base set", "admins only", "created"),
    "teacher_b": ("no classes", NO_CLASS_A, NO_CLASS_A, "admins only", "created"),
    "admin": ("no classes", NO_CLASS_A, NO_CLASS_A, "invite link", "created"),
}


@pytest.mark.parametrize("role", list(MATRIX))
async def test_role_matrix_of_teacher_commands(harness: BotHarness, role: str) -> None:
    school = await open_school(harness)
    chat: Chat = getattr(school, role)
    code = school.code_a
    commands = [
        "/classes", f"/class {code}", f"/settings {code} base=e", "/invite_teacher",
        "/newclass Новий",
    ]  # fmt: skip
    seen = [outcome(await chat.say(command), code) for command in commands]
    assert tuple(seen) == MATRIX[role]
    expected_base = "e" if role == "teacher_a" else "2"
    assert (await class_row(harness, code)).base == expected_base


async def test_help_adds_teacher_commands_for_teachers_only(harness: BotHarness) -> None:
    school = await open_school(harness)
    [student_help] = await school.student.say("/help")
    [teacher_help] = await school.teacher_a.say("/help")
    [admin_help] = await school.admin.say("/help")
    # Everyone gets the student help; a student sees nothing of the teacher's commands.
    for text in (student_help.text, teacher_help.text, admin_help.text):
        assert text.startswith("Що я вмію") and "/quiz" in text
    for command in ("Для вчителя", "/newclass", "/assign", "/worksheet", "/invite_teacher"):
        assert command not in student_help.text
    teacher_commands = ("/newclass", "/classes", "/class ", "/assign", "/homeworks", "/worksheet")
    for command in (*teacher_commands, "/settings"):
        assert command in teacher_help.text and command in admin_help.text
    assert "/invite_teacher" not in teacher_help.text
    assert "/invite_teacher" in admin_help.text
    # In the teacher's language, and the same from the start screen's help button.
    await school.teacher_b.say("/lang en")
    [english] = await school.teacher_b.say("/help")
    assert "For teachers" in english.text and "/homeworks" in english.text
    [start] = await school.teacher_b.say("/start")
    [pressed] = await school.teacher_b.press(start, t("en", "button.help"))
    assert pressed.text == english.text

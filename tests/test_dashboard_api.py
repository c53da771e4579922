"""The class dashboard's server: Telegram's launch data checked on every call, each teacher
seeing only their own classes, and numbers equal to the database and to /class in chat."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import aiohttp
import pytest
from sqlalchemy import select

from bot.features.dashboard import data
from bot.features.dashboard.auth import (
    InitDataError,
    from_authorization,
    sign_init_data,
    validate_init_data,
)
from bot.features.dashboard.server import running_server
from bot.features.teacher import views
from bot.texts import count_phrase, t
from db.models import Attempt, Class, Homework, HomeworkProgress, utcnow
from db.repositories import classes
from db.repositories import mastery as mastery_repo
from quiz.mastery import topic_mastery
from quiz.questions import generate
from tests.fakes import ADMIN_ID, TOKEN, BotHarness
from tests.fakes.dashboard import DASHBOARD_ON, call, init_data, root_url
from tests.student_steps import wrong_text
from tests.test_big_class_report import seed_varied_class
from tests.test_class_report import answer_open_question, parse_csv, report_parts
from tests.test_cli import run_cli
from tests.test_teacher import MovableClock, create_class, new_teacher

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


# ---------------------------------------------------------------- initData, as Telegram says


def telegram_signed(fields: dict[str, str], token: str = TOKEN) -> str:
    """initData signed exactly as core.telegram.org/bots/webapps describes, written out here
    independently of the bot's code: secret = HMAC_SHA256(key="WebAppData", msg=token);
    hash = hex HMAC_SHA256(key=secret, msg=the sorted key=value lines but hash)."""
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return urlencode(
        {**fields, "hash": hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()}
    )


USER = json.dumps({"id": 4242, "first_name": "Олена", "language_code": "uk"}, ensure_ascii=False)


def test_init_data_signed_as_telegram_describes_is_accepted() -> None:
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": USER,
        "auth_date": str(int(NOW.timestamp()) - 60),
        "signature": "an-ed25519-signature-for-third-parties",  # newer clients send it too
    }
    user = validate_init_data(telegram_signed(fields), TOKEN, NOW)
    assert (user.id, user.first_name, user.language_code) == (4242, "Олена", "uk")
    # And what the bot's own signer makes is the same thing.
    ours = sign_init_data(TOKEN, user_id=7, first_name="A", auth_date=NOW)
    assert validate_init_data(ours, TOKEN, NOW).id == 7


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda f: {**f, "hash": "0" * 64}, "a made-up hash"),
        (lambda f: {**f, "hash": f["hash"].upper()}, "the hash in upper case"),
        (lambda f: {k: v for k, v in f.items() if k != "hash"}, "no hash"),
        (lambda f: {**f, "user": f["user"].replace("4242", "900001")}, "another user id"),
        (lambda f: {**f, "auth_date": str(int(NOW.timestamp()))}, "a fresher auth_date"),
        (lambda f: {**f, "extra": "1"}, "an added field"),
    ],
)
def test_tampered_init_data_is_refused(change, why: str) -> None:  # type: ignore[no-untyped-def]
    good = telegram_signed({"user": USER, "auth_date": str(int(NOW.timestamp()) - 3600)})
    fields = dict(parse_qsl(good))
    with pytest.raises(InitDataError):
        validate_init_data(urlencode(change(fields)), TOKEN, NOW)


def test_init_data_signed_with_another_token_is_refused() -> None:
    data = telegram_signed({"user": USER, "auth_date": str(int(NOW.timestamp()))}, "1:OTHER")
    with pytest.raises(InitDataError, match="signed"):
        validate_init_data(data, TOKEN, NOW)


def test_init_data_lives_24_hours() -> None:
    signed_at = NOW - timedelta(hours=24)
    data = sign_init_data(TOKEN, user_id=7, first_name="A", auth_date=signed_at)
    assert validate_init_data(data, TOKEN, NOW).id == 7
    with pytest.raises(InitDataError, match="24 hours"):
        validate_init_data(data, TOKEN, NOW + timedelta(seconds=1))
    future = sign_init_data(TOKEN, user_id=7, first_name="A", auth_date=NOW + timedelta(hours=1))
    with pytest.raises(InitDataError, match="future"):
        validate_init_data(future, TOKEN, NOW)


@pytest.mark.parametrize(
    "data",
    ["", "garbage", "a=1&a=2", "user=%7B%7D&auth_date=1&hash=x", "x" * 5000, "auth_date=&hash="],
)
def test_malformed_init_data_is_refused(data: str) -> None:
    with pytest.raises(InitDataError):
        validate_init_data(data, TOKEN, NOW)


@pytest.mark.parametrize("header", [None, "", "tma", "tma   ", "Bearer abc", "Basic dG1hOng="])
def test_the_header_must_be_tma_and_data(header: str | None) -> None:
    with pytest.raises(InitDataError):
        from_authorization(header)


def test_a_duplicated_field_is_refused_even_with_a_right_hash() -> None:
    fields = {"user": USER, "auth_date": str(int(NOW.timestamp()))}
    data = telegram_signed(fields) + "&user=" + USER.replace("4242", "1")
    with pytest.raises(InitDataError, match="twice"):
        validate_init_data(data, TOKEN, NOW)


# ---------------------------------------------------------------- the server, through the bot


async def class_with_answers(h: BotHarness, clock: MovableClock) -> tuple[str, list[int]]:
    """A class of three through the real bot: answers right, wrong, skipped."""
    teacher = h.teacher()
    code = await create_class(teacher, "8-А")
    people = [
        h.user(3001, "Олена", last_name="Коваль"),
        h.user(3002, "Ґлорія", last_name="Бойко"),
        h.user(3003, "Іван", last_name="Євтух"),
    ]
    for student in people:
        await student.say(f"/join {code}")
    olena, gloria, ivan = people
    for right in (True, False, True):
        await olena.say("/quiz entropy")
        await answer_open_question(h, olena, right=right)
        clock.advance(minutes=3)
    await gloria.say("/quiz probability")
    await answer_open_question(h, gloria, right=True)
    await ivan.say("/quiz surprisal")
    await ivan.say("/skip")
    return code, [p.id for p in people]


async def test_each_call_needs_fresh_launch_data_of_a_teacher(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, (olena, *_) = await class_with_answers(h, clock)
        good = init_data(ADMIN_ID, at=clock.now)
        for path in (
            "/api/classes",
            f"/api/classes/{code}",
            f"/api/classes/{code}/students/{olena}",
        ):
            assert (await call(h, "GET", path, data=good))[0] == 200, path
            status, body = await call(h, "GET", path)
            assert status == 401 and body["error"] == 401, path
            assert body["message"] == t("uk", "dash.error.401")
            assert (await call(h, "GET", path, authorization="Bearer x"))[0] == 401
            forged = good.replace(f"%22id%22%3A{ADMIN_ID}", "%22id%22%3A3001")
            assert forged != good and (await call(h, "GET", path, data=forged))[0] == 401
            tampered = good[:-1] + ("0" if good[-1] != "0" else "1")
            assert (await call(h, "GET", path, data=tampered))[0] == 401
        # The views are guarded the same way.
        assert (await call(h, "GET", f"/app/view/classes/{code}"))[0] == 401
        assert (await call(h, "GET", f"/app/view/classes/{code}", data=good))[0] == 200

        clock.advance(hours=24, seconds=1)  # the same launch data, a day later
        status, body = await call(h, "GET", "/api/classes", data=good)
        assert status == 401 and "24 hours" in body["detail"]
        assert (await call(h, "GET", "/api/classes", data=init_data(ADMIN_ID, at=clock.now)))[
            0
        ] == 200


async def test_students_get_403_and_other_teachers_404(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, (olena, *_) = await class_with_answers(h, clock)
        other = await new_teacher(h, h.teacher(), 5555, "Інша")
        own = await create_class(other, "9-Б")
        theirs = init_data(other.id, "Інша", at=clock.now)

        status, body = await call(h, "GET", "/api/classes", data=theirs)
        assert status == 200 and [c["code"] for c in body["classes"]] == [own]
        for path in (
            f"/api/classes/{code}",
            f"/api/classes/{code}/students/{olena}",
            f"/app/view/classes/{code}",
        ):
            assert (await call(h, "GET", path, data=theirs))[0] == 404, path
        # Someone else's class answers exactly like one that does not exist.
        missing = await call(h, "GET", "/api/classes/ZZZZ2222", data=theirs)
        assert missing == await call(h, "GET", f"/api/classes/{code}", data=theirs)
        acts = [
            ("POST", f"/api/classes/{code}/settings", {"base": "e"}),
            ("DELETE", f"/api/classes/{code}/students/{olena}", None),
            ("POST", f"/api/classes/{code}/archive", None),
            ("POST", f"/api/classes/{code}/restore", None),
        ]
        for method, path, body in acts:
            assert (await call(h, method, path, data=theirs, json=body))[0] == 404
        async with h.db.session() as session:
            klass = await classes.find_by_code(session, code)
            assert klass is not None and klass.base == "2" and not klass.archived
            assert await classes.is_member(session, klass.id, olena)

        student = init_data(olena, "Олена", at=clock.now)
        for path in ("/api/classes", f"/api/classes/{code}", f"/app/view/classes/{code}"):
            assert (await call(h, "GET", path, data=student))[0] == 403, path
        stranger = init_data(777777, "Хтось", at=clock.now)  # never wrote to the bot
        assert (await call(h, "GET", "/api/classes", data=stranger))[0] == 403
        # A student who is in the class is still not shown another student's answers.
        assert (await call(h, "GET", f"/api/classes/{code}/students/3002", data=student))[0] == 403

        own_teacher = init_data(ADMIN_ID, at=clock.now)
        assert (await call(h, "GET", f"/api/classes/{code}/students/5555", data=own_teacher))[
            0
        ] == 404
        assert (
            await call(h, "GET", f"/api/classes/{code}/students/99{'9' * 30}", data=own_teacher)
        )[0] == 404


async def test_class_json_equals_the_database_and_the_chat_report(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, ids = await class_with_answers(h, clock)
        status, body = await call(
            h, "GET", f"/api/classes/{code}", data=init_data(ADMIN_ID, at=clock.now)
        )
        assert status == 200
        assert (body["code"], body["name"], body["base"]) == (code, "8-А", "2")
        # Register order: Бойко, Євтух, Коваль.
        assert [s["last_name"] for s in body["students"]] == ["Бойко", "Євтух", "Коваль"]

        async with h.db.session() as session:
            counted: dict[tuple[int, str], tuple[int, int]] = {}
            for row in await session.scalars(select(Attempt)):
                n, right = counted.get((row.user_id, row.topic), (0, 0))
                counted[(row.user_id, row.topic)] = (n + 1, right + int(row.correct))
            mastery = {
                (user_id, topic): topic_mastery(state) or 0.0
                for user_id, topics in (
                    await mastery_repo.masteries(session, select(Attempt.user_id))
                ).items()
                for topic, state in topics.items()
            }
        for student in body["students"]:
            assert student["attempts"] == sum(
                n for (u, _), (n, _) in counted.items() if u == student["id"]
            )
            for topic, cell in student["topics"].items():
                attempts, right = counted.get((student["id"], topic), (0, 0))
                assert (cell["attempts"], cell["correct"]) == (attempts, right)
                assert cell["mastery"] == mastery.get((student["id"], topic))
                if attempts:
                    assert cell["accuracy"] == pytest.approx(right / attempts)
        olena = next(s for s in body["students"] if s["id"] == ids[0])
        assert (olena["topics"]["entropy"]["attempts"], olena["topics"]["entropy"]["correct"]) == (
            3,
            2,
        )

        # The chat report's CSV says the same.
        _, document, _ = report_parts(await h.teacher().say(f"/class {code}"))
        rows = parse_csv(document.file_bytes)  # type: ignore[arg-type]
        by_key = {(r["student_id"], r["topic"]): r for r in rows}
        for student in body["students"]:
            for topic in body["topics"]:
                cell = student["topics"][topic["key"]]
                row = by_key[(str(student["id"]), topic["label"])]
                assert row["attempts"] == str(cell["attempts"])
                assert row["mastery"] == (
                    "" if cell["mastery"] is None else str(round(cell["mastery"] * 100))
                )


async def test_student_json_lists_every_attempt_with_question_and_answer(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, ids = await class_with_answers(h, clock)
        path = f"/api/classes/{code}/students/{ids[0]}"
        status, body = await call(h, "GET", path, data=init_data(ADMIN_ID, at=clock.now))
        assert status == 200 and body["total"] == 3 and body["next_offset"] is None
        async with h.db.session() as session:
            stored = list(
                await session.scalars(
                    select(Attempt).where(Attempt.user_id == ids[0]).order_by(Attempt.id.desc())
                )
            )
        assert [a["id"] for a in body["attempts"]] == [a.id for a in stored]
        for shown, row in zip(body["attempts"], stored, strict=True):
            assert (shown["typed"], shown["correct"], shown["topic"]) == (
                row.text,
                row.correct,
                row.topic,
            )
            # The whole question, as the bank makes it from the stored seed.
            asked = generate(row.topic, row.level, row.seed, "uk", row.base)
            assert asked.params == row.params and shown["question"] == asked.text
            assert shown["right_answer"] and shown["right_answer"] != "—"
        # The wrong answer shows as typed: "999", or the wrong option's label.
        [wrong_row] = [row for row in stored if not row.correct]
        asked = generate(wrong_row.topic, wrong_row.level, wrong_row.seed, "uk", wrong_row.base)
        wrong = next(a for a in body["attempts"] if not a["correct"])
        assert wrong["typed"] == ("999" if asked.choices is None else wrong_text(asked))

        status, page = await call(
            h, "GET", f"{path}?limit=2", data=init_data(ADMIN_ID, at=clock.now)
        )
        assert [a["id"] for a in page["attempts"]] == [a.id for a in stored[:2]]
        assert page["next_offset"] == 2
        _, rest = await call(
            h, "GET", f"{path}?limit=2&offset=2", data=init_data(ADMIN_ID, at=clock.now)
        )
        assert [a["id"] for a in rest["attempts"]] == [stored[2].id]
        assert (await call(h, "GET", f"{path}?offset=-1", data=init_data(ADMIN_ID, at=clock.now)))[
            0
        ] == 400


async def test_actions_change_the_base_and_remove_a_student(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, ids = await class_with_answers(h, clock)
        data = init_data(ADMIN_ID, at=clock.now)
        status, body = await call(
            h, "POST", f"/api/classes/{code}/settings", data=data, json={"base": "e"}
        )
        assert status == 200 and body["base"] == "e"
        for bad in ({"base": "3"}, {"base": 2}, {}, [1]):
            assert (await call(h, "POST", f"/api/classes/{code}/settings", data=data, json=bad))[
                0
            ] == 400
        async with h.db.session() as session:
            klass = await session.scalar(select(Class).where(Class.code == code))
        assert klass is not None and klass.base == "e"

        status, _ = await call(h, "DELETE", f"/api/classes/{code}/students/{ids[1]}", data=data)
        assert status == 200
        _, body = await call(h, "GET", f"/api/classes/{code}", data=data)
        assert ids[1] not in [s["id"] for s in body["students"]]
        assert (await call(h, "DELETE", f"/api/classes/{code}/students/{ids[1]}", data=data))[
            0
        ] == 404


async def test_the_page_is_served_without_data_and_views_in_the_teachers_language(
    make_harness,
) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, _ = await class_with_answers(h, clock)
        async with aiohttp.ClientSession() as session, session.get(root_url(h) + "/app/") as page:
            html = await page.text()
            assert page.status == 200 and "Коваль" not in html  # no data without launch data
            assert (
                "script-src 'self' https://telegram.org" in page.headers["Content-Security-Policy"]
            )
            assert '<script src="/app/static/dashboard.js' in html
        status, view = await call(
            h, "GET", f"/app/view/classes/{code}", data=init_data(ADMIN_ID, at=clock.now)
        )
        assert status == 200
        assert view.index("Бойко") < view.index("Євтух") < view.index("Коваль")
        assert t("uk", "dash.legend") in view and t("uk", "dash.homework") in view
        await h.teacher().say("/lang en")
        _, english = await call(
            h, "GET", f"/app/view/classes/{code}", data=init_data(ADMIN_ID, at=clock.now)
        )
        assert t("en", "dash.legend") in english


async def test_names_are_escaped_in_the_views(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness(DASHBOARD_ON) as h:
        code = await create_class(h.teacher(), "<i>7</i>")
        sly = h.user(3100, "<script>alert(1)</script>", last_name="<b>Х</b>")
        await sly.say(f"/join {code}")
        _, view = await call(h, "GET", f"/app/view/classes/{code}", data=init_data(ADMIN_ID))
        assert "<script>alert" not in view and "&lt;script&gt;alert(1)&lt;/script&gt;" in view
        assert "<i>7</i>" not in view


async def test_the_server_runs_with_the_bot_only_when_asked(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:  # WEBAPP_URL unset, WEB_SERVER=auto
        assert running_server(h.app) is None
        teacher = h.teacher()
        code = await create_class(teacher, "7-А")
        await h.user(3001, "Олена").say(f"/join {code}")
        _, _, table = report_parts(await teacher.say(f"/class {code}"))
        listing = (await teacher.say("/classes"))[-1]
        for message in (table, listing):
            assert not any(
                "web_app" in button
                for row in message.reply_markup["inline_keyboard"]
                for button in row
            )

    webapp = "https://quiz.example.org/app/"
    async with make_harness(WEBAPP_URL=webapp, WEB_PORT=0) as h:
        server = running_server(h.app)
        assert server is not None
        url = root_url(h)
        teacher = h.teacher()
        code = await create_class(teacher, "7-А")
        await h.user(3001, "Олена").say(f"/join {code}")
        _, _, table = report_parts(await teacher.say(f"/class {code}"))
        assert table.button(t("uk", "teacher.btn.dashboard"))[1] == f"{webapp}?class={code}"
        listing = (await teacher.say("/classes"))[-1]
        assert listing.button(t("uk", "teacher.btn.dashboard_all"))[1] == webapp
        student_view = (await teacher.press(table, "Олена"))[-1]
        assert student_view.button(t("uk", "teacher.btn.dashboard"))[1] == (
            f"{webapp}?class={code}&student=3001"
        )
        # Paging keeps the button.
        assert "web_app" in json.dumps(table.reply_markup)
    with pytest.raises(aiohttp.ClientConnectionError):  # stopped with the bot
        async with aiohttp.ClientSession() as session, session.get(url + "/app/"):
            pass


async def test_unknown_routes_methods_and_oversized_bodies_get_json_errors(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness(DASHBOARD_ON) as h:
        code = await create_class(h.teacher(), "7-А")
        data = init_data(ADMIN_ID)
        assert (await call(h, "GET", "/api/nothing/here"))[0] == 401  # who asks, first
        status, body = await call(h, "GET", "/api/nothing/here", data=data)
        assert status == 404 and body["error"] == 404
        status, body = await call(h, "PUT", f"/api/classes/{code}", data=data)
        assert status == 405 and body["error"] == 405
        huge = {"base": "e", "padding": "x" * 100_000}
        status, body = await call(h, "POST", f"/api/classes/{code}/settings", data=data, json=huge)
        assert status == 413 and body["error"] == 413
        status, _ = await call(h, "GET", "/app/static/../../config.py")
        assert status in (403, 404)


def test_the_owner_prints_a_signed_link_with_the_bots_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        tmp_path, "dashboard-link", "900001", TELEGRAM_BOT_TOKEN=TOKEN,
        WEBAPP_URL="https://quiz.example.org/app/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    link = urlsplit(result.stdout.strip())
    assert (link.scheme, link.netloc, link.path) == ("https", "quiz.example.org", "/app/")
    data = unquote(link.fragment.removeprefix("tgWebAppData="))
    assert validate_init_data(data, TOKEN, datetime.now(UTC)).id == 900001
    with pytest.raises(InitDataError):
        validate_init_data(data, "1:ANOTHER-BOT", datetime.now(UTC))

    local = run_cli(tmp_path, "dashboard-link", "7", TELEGRAM_BOT_TOKEN=TOKEN, WEB_PORT="9090")
    assert local.stdout.startswith("http://127.0.0.1:9090/app/#tgWebAppData=")
    assert run_cli(tmp_path, "dashboard-link", "7").returncode == 2  # no token, no link
    assert run_cli(tmp_path, "dashboard-link", "me", TELEGRAM_BOT_TOKEN=TOKEN).returncode == 2


async def test_archiving_from_the_dashboard_is_the_chat_versions_archive(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock(NOW)
    async with make_harness(DASHBOARD_ON, clock=clock) as h:
        code, _ = await class_with_answers(h, clock)
        data = init_data(ADMIN_ID, at=clock.now)
        status, body = await call(h, "POST", f"/api/classes/{code}/archive", data=data)
        assert status == 200 and body == {"code": code, "archived": True, "changed": True}
        _, again = await call(h, "POST", f"/api/classes/{code}/archive", data=data)
        assert again["changed"] is False
        _, listing = await call(h, "GET", "/api/classes", data=data)
        assert listing["classes"] == [
            {"code": code, "name": "8-А", "base": "2", "students": 3, "archived": True}
        ]
        _, klass = await call(h, "GET", f"/api/classes/{code}", data=data)
        assert klass["archived"] is True and len(klass["students"]) == 3  # the report stays
        _, view = await call(h, "GET", f"/app/view/classes/{code}", data=data)
        assert t("uk", "dash.archived_note") in view and t("uk", "dash.restore") in view
        # The chat sees the same archive: nobody can join any more.
        newcomer = h.user(3999, "Петро", last_name="Новак")
        await newcomer.say(f"/join {code}")
        async with h.db.session() as session:
            row = await classes.find_by_code(session, code)
            assert row is not None and row.archived
            assert not await classes.is_member(session, row.id, 3999)

        status, body = await call(h, "POST", f"/api/classes/{code}/restore", data=data)
        assert status == 200 and body["archived"] is False and body["changed"] is True
        _, klass = await call(h, "GET", f"/api/classes/{code}", data=data)
        assert klass["archived"] is False


async def test_a_big_class_comes_in_slices_in_register_order(make_harness) -> None:  # type: ignore[no-untyped-def]
    # A school-sized class is not read, built and sent whole (that held the event loop for
    # about a second at 10,000 students): the API and the page give CLASS_ROWS_PAGE students
    # at a time, the page with a "show more" button for the next slice.
    size = data.CLASS_ROWS_PAGE + 5
    async with make_harness(DASHBOARD_ON) as h:
        teacher = h.teacher()
        await teacher.say("/start")
        klass = await seed_varied_class(h, teacher.id, size, first_id=7000)
        async with h.db.session() as session:
            whole = await views.read_report(session, klass)
        register = [row.id for row in whole.students]
        launch = init_data(ADMIN_ID)

        _, first = await call(h, "GET", f"/api/classes/{klass.code}", data=launch)
        assert (first["size"], first["first"], first["next_first"]) == (size, 0, size - 5)
        _, rest = await call(h, "GET", f"/api/classes/{klass.code}?first={size - 5}", data=launch)
        assert (rest["first"], rest["next_first"]) == (size - 5, None)
        assert [s["id"] for s in first["students"] + rest["students"]] == register
        _, few = await call(h, "GET", f"/api/classes/{klass.code}?first=3&limit=4", data=launch)
        assert [s["id"] for s in few["students"]] == register[3:7] and few["next_first"] == 7
        status, _ = await call(h, "GET", f"/api/classes/{klass.code}?first=x", data=launch)
        assert status == 400

        _, page = await call(h, "GET", f"/app/view/classes/{klass.code}", data=launch)
        assert page.count("data-student=") == data.CLASS_ROWS_PAGE
        assert f"part=rows&amp;first={size - 5}" in page
        assert t("uk", "dash.more_students", shown=size - 5, total=size) in page
        assert count_phrase("uk", size, "n.student") in page.split("</header>")[0]  # the class
        _, more = await call(
            h, "GET", f"/app/view/classes/{klass.code}?part=rows&first={size - 5}", data=launch
        )
        assert more.count("data-student=") == 5 and "data-more=" not in more
        assert f'data-order="{size - 5}"' in more and "<section" not in more


async def test_a_big_classs_homework_is_counted_in_full_and_listed_in_part(make_harness) -> None:  # type: ignore[no-untyped-def]
    # Each homework shows how many of the whole class have finished, and its first students
    # in register order — not a list of every member of a school-sized class.
    size = 105
    async with make_harness(DASHBOARD_ON) as h:
        teacher = h.teacher()
        await teacher.say("/start")
        klass = await seed_varied_class(h, teacher.id, size, first_id=7000)
        async with h.db.session() as session:
            register = [row.id for row in (await views.read_report(session, klass)).students]
            work = Homework(class_id=klass.id, topic="entropy", count=3, due_at=utcnow())
            session.add(work)
            await session.flush()
            finished = register[:60:4]  # 15 of the 60 who started, spread across them
            for student in register[:60]:
                done = student in finished
                session.add(
                    HomeworkProgress(
                        homework_id=work.id,
                        user_id=student,
                        done=3 if done else 1,
                        finished_at=utcnow() if done else None,
                    )
                )
            await session.commit()
        launch = init_data(ADMIN_ID)
        _, body = await call(h, "GET", f"/api/classes/{klass.code}", data=launch)
        [status] = body["homework"]
        assert (status["members"], status["finished"]) == (size, len(finished))
        assert [s["id"] for s in status["students"]] == register[:100]
        assert [s["done"] for s in status["students"][58:62]] == [1, 1, 0, 0]
        _, page = await call(h, "GET", f"/app/view/classes/{klass.code}", data=launch)
        assert t("uk", "dash.homework_more", count=5) in page
        assert t("uk", "dash.homework_progress", finished=len(finished), total=size) in page

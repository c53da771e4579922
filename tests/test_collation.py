"""Students are listed as in a class register: by surname, then first name, in Ukrainian
alphabetical order (а б в г ґ д е є ж з и і ї й к … ь ю я), not by code point, where ґ, є, і
and ї would come after я. The chat report, its CSV and chart, the homework lists and the
dashboard all take this order from the repositories."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from db.models import User
from db.repositories import classes, homework
from db.repositories.users import collation_key, register_order
from tests.fakes import BotHarness
from tests.test_class_report import parse_csv, report_parts
from tests.test_teacher import create_class

# Surnames in the order a Ukrainian register lists them.
REGISTER = [
    ("Ярина", None),  # no surname: first, where the teacher notices it
    ("Олег", "Гнатюк"),
    ("Богдан", "Ґудзь"),
    ("Андрій", "Ежов"),
    ("Віра", "Євтушенко"),
    ("Дмитро", "Иваненко"),
    ("Марта", "Іваненко"),
    ("Ігор", "Їжак"),
    ("Галина", "Йосипенко"),
    ("Тарас", "Марченко"),
    ("Соломія", "Мар'яненко"),  # the apostrophe is ignored: Маряненко, after Марч…
    ("Єва", "Шевченко"),
    ("Ілля", "Шевченко"),  # same surname: by first name, Є before І
    ("Юлія", "Яковенко"),
]


def shown(first: str, last: str | None) -> str:
    return f"{first} {last}" if last else first


def test_ukrainian_letters_sort_where_the_alphabet_puts_them() -> None:
    words = ["я", "ї", "і", "и", "й", "є", "е", "ґ", "г", "ь", "ю", "щ"]
    assert sorted(words, key=collation_key) == [
        "г", "ґ", "е", "є", "и", "і", "ї", "й", "щ", "ь", "ю", "я",
    ]  # fmt: skip
    # By code point they would not: і (U+0456), ї, є, ґ all come after я (U+044F).
    assert sorted(words) != sorted(words, key=collation_key)


def test_case_spacing_and_apostrophes_only_break_ties() -> None:
    assert collation_key("  Коваль ") == collation_key("Коваль")
    assert collation_key("Мар'яна") == collation_key("Марʼяна") == collation_key("Мар’яна")
    assert sorted(["Марія", "Мар'яна"], key=collation_key) == ["Марія", "Мар'яна"]
    assert collation_key("коваль") != collation_key("Коваль")  # a tie still has an order


def test_register_order_is_surname_then_first_name_then_id() -> None:
    users = [User(id=i, first_name=a, last_name=b) for i, (a, b) in enumerate(REGISTER)]
    namesake = User(id=99, first_name="Олег", last_name="Гнатюк")
    shuffled = [*users, namesake]
    random.Random(12).shuffle(shuffled)
    ordered = sorted(shuffled, key=register_order)
    assert [(u.first_name, u.last_name) for u in ordered] == [
        REGISTER[0], REGISTER[1], ("Олег", "Гнатюк"), *REGISTER[2:],
    ]  # fmt: skip
    assert [u.id for u in ordered][1:3] == [1, 99]


async def test_report_csv_and_homework_list_follow_the_register(make_harness) -> None:  # type: ignore[no-untyped-def]
    async with make_harness() as h:
        teacher = h.teacher()
        code = await create_class(teacher, "8-А")
        order = list(enumerate(REGISTER))
        random.Random(3).shuffle(order)  # they join in any order
        for i, (first, last) in order:
            await h.user(3000 + i, first, last_name=last).say(f"/join {code}")
        expected = [shown(first, last) for first, last in REGISTER]

        klass = await _class(h, code)
        async with h.db.session() as session:
            students = await classes.class_students(session, klass.id)
            work = await homework.create(
                session,
                class_id=klass.id,
                topic="entropy",
                count=2,
                due_at=datetime.now(UTC) + timedelta(days=2),
                created_at=datetime.now(UTC),
            )
            await session.commit()
            progress = await homework.progress_of_class(session, work)
        assert [shown(u.first_name, u.last_name) for u in students] == expected
        assert [shown(p.user.first_name, p.user.last_name) for p in progress] == expected

        _, document, table = report_parts(await teacher.say(f"/class {code}"))
        assert document.file_bytes is not None
        names_in_csv = list(dict.fromkeys(row["name"] for row in parse_csv(document.file_bytes)))
        assert names_in_csv == expected
        # The first text page lists its ten students in the same order, numbered.
        positions = [table.text.index(f"{n}. {name}") for n, name in enumerate(expected[:10], 1)]
        assert positions == sorted(positions)


async def _class(h: BotHarness, code: str):  # type: ignore[no-untyped-def]
    async with h.db.session() as session:
        found = await classes.find_by_code(session, code)
    assert found is not None
    return found

"""Inline keyboards of the teacher feature. Callback data is `t:<action>:<args>` and always
well under Telegram's 64 bytes (ids are at most ~20 digits)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.features.teacher.reports import MAX_SHOWN_NAME, PAGE_SIZE, ClassReport
from bot.features.teacher.service import shorten
from bot.texts import t
from db.repositories.classes import ClassSummary

BASES = ("2", "e", "10")

# Every action the feature answers; anything else is a stale or forged button.
CANCEL = "t:x"


def cancel(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "teacher.cancel_button"), callback_data=CANCEL)]]
    )


ARCHIVED = "🗄 "


def class_picker(classes: Sequence[ClassSummary], action: str) -> InlineKeyboardMarkup:
    """One button per class, e.g. `t:full:<id>` to open its report; archived ones marked."""
    rows = [
        [
            InlineKeyboardButton(
                (ARCHIVED if c.archived else "")
                + f"{shorten(c.name, 40)} · {c.code} · 👥 {c.students}",
                callback_data=f"t:{action}:{c.id}",
            )
        ]
        for c in classes
    ]
    return InlineKeyboardMarkup(rows)


def class_card(class_id: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "teacher.btn.report"), callback_data=f"t:full:{class_id}"
                ),
                InlineKeyboardButton(t(lang, "teacher.btn.qr"), callback_data=f"t:qr:{class_id}"),
            ],
            [
                InlineKeyboardButton(
                    t(lang, "teacher.btn.settings"), callback_data=f"t:set:{class_id}"
                )
            ],
        ]
    )


def base_picker(class_id: int, current: str, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            ("• " if base == current else "") + t(lang, f"teacher.base.{base}"),
            callback_data=f"t:base:{class_id}:{base}",
        )
        for base in BASES
    ]
    return InlineKeyboardMarkup([buttons])


def report_page(report: ClassReport, page: int, lang: str) -> InlineKeyboardMarkup:
    """A button per student on this page (two per row), then ◀ page/pages ▶, then
    archive (or restore) the class."""
    first = page * PAGE_SIZE
    students = report.page_students(page)
    buttons = [
        InlineKeyboardButton(
            f"{first + i + 1}. {shorten(row.name, MAX_SHOWN_NAME // 2)}",
            callback_data=f"t:stu:{report.class_id}:{row.id}:{page}",
        )
        for i, row in enumerate(students)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if report.pages > 1:
        nav = []
        if page > 0:
            nav.append(
                InlineKeyboardButton("◀️", callback_data=f"t:rep:{report.class_id}:{page - 1}")
            )
        nav.append(
            InlineKeyboardButton(
                f"{page + 1}/{report.pages}", callback_data=f"t:rep:{report.class_id}:{page}"
            )
        )
        if page + 1 < report.pages:
            nav.append(
                InlineKeyboardButton("▶️", callback_data=f"t:rep:{report.class_id}:{page + 1}")
            )
        rows.append(nav)
    rows.append([archive_button(report.class_id, report.archived, lang)])
    return InlineKeyboardMarkup(rows)


def archive_button(class_id: int, archived: bool, lang: str) -> InlineKeyboardButton:
    """Archive an active class (asks first), or restore an archived one."""
    if archived:
        return InlineKeyboardButton(
            t(lang, "teacher.btn.restore"), callback_data=f"t:unarc:{class_id}"
        )
    return InlineKeyboardButton(t(lang, "teacher.btn.archive"), callback_data=f"t:arc:{class_id}")


def archive_state(class_id: int, archived: bool, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[archive_button(class_id, archived, lang)]])


def student_view(class_id: int, student_id: int, page: int, lang: str) -> InlineKeyboardMarkup:
    """Under one student's recent answers: back to the report page, or remove them."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "teacher.btn.back"), callback_data=f"t:rep:{class_id}:{page}"
                ),
                InlineKeyboardButton(
                    t(lang, "teacher.btn.remove"),
                    callback_data=f"t:rm:{class_id}:{student_id}:{page}",
                ),
            ]
        ]
    )


def confirm(lang: str, yes_key: str, yes_data: str, no_data: str) -> InlineKeyboardMarkup:
    """A second, explicit press for what cannot be taken back with one tap."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, yes_key), callback_data=yes_data),
                InlineKeyboardButton(t(lang, "teacher.btn.keep"), callback_data=no_data),
            ]
        ]
    )


def back_to_page(class_id: int, page: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "teacher.btn.back"), callback_data=f"t:rep:{class_id}:{page}"
                )
            ]
        ]
    )


def dashboard_url(webapp_url: str, **params: str | int) -> str:
    """WEBAPP_URL opening a given view: `…/app/?class=AB3K7QXZ&student=42`."""
    parts = urlsplit(webapp_url)
    query = [*parse_qsl(parts.query), *((key, str(value)) for key, value in params.items())]
    return urlunsplit(parts._replace(query=urlencode(query)))


def with_dashboard(
    markup: InlineKeyboardMarkup | None, webapp_url: str, label: str, **params: str | int
) -> InlineKeyboardMarkup | None:
    """`markup` with a last row that opens the dashboard (a Mini App) at the given view;
    unchanged when WEBAPP_URL is not set."""
    if not webapp_url:
        return markup
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    button = InlineKeyboardButton(label, web_app=WebAppInfo(dashboard_url(webapp_url, **params)))
    return InlineKeyboardMarkup([*rows, [button]])

"""The dashboard's HTML: the page shell and the views, rendered on the server with Jinja2
(autoescaped: names and answers are children's text), in the teacher's language. The shell's
script fetches a view with the teacher's initData and shows it (see static/dashboard.js)."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.features.dashboard import data
from bot.features.dashboard.server import BOT, now_of, teacher_of
from bot.features.teacher import keyboards
from bot.features.teacher.reports import (
    AttemptLine,
    duration,
    percent,
    topic_label,
    topic_mastery,
    typed_value,
)
from bot.features.teacher.service import join_link
from bot.texts import CATALOGS, count_phrase, t
from quiz.mastery import BANDS, mastery_band

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        mastery=topic_mastery,
        band=mastery_band,
        bases=keyboards.BASES,
        legend_bands=legend_bands(),
    )
    return env


def legend_bands() -> list[tuple[int, str]]:
    """(band, "0–29") for each colour of the heatmap, from the one definition of the bands."""
    edges = [0, *(round(edge * 100) for edge in BANDS), 101]
    return [(band, f"{edges[band]}–{edges[band + 1] - 1}") for band in range(len(BANDS) + 1)]


def text(lang: str, key: str, **values: object) -> str:
    return t(lang, key, **values)


def render(template: str, lang: str, **context: Any) -> str:
    zone: ZoneInfo | None = context.get("zone")

    def local(moment: datetime | None, pattern: str = "%d.%m %H:%M") -> str:
        if moment is None:
            return ""
        return moment.astimezone(zone).strftime(pattern) if zone else moment.isoformat()

    helpers = {
        "lang": lang,
        "_": functools.partial(text, lang),
        "label": functools.partial(topic_label, lang),
        "short": functools.partial(short_label, lang),
        "count": functools.partial(_count, lang),
        "percent": functools.partial(percent, lang=lang),
        "duration": functools.partial(duration, lang=lang),
        "typed_value": functools.partial(_typed_value, lang=lang),
        "local": local,
    }
    return environment().get_template(template).render(**helpers, **context)


def short_label(lang: str, topic: str) -> str:
    key = f"dash.short.{topic}"
    return t(lang, key) if key in CATALOGS["en"] else topic_label(lang, topic)[:6]


def _count(lang: str, number: int, noun: str) -> str:
    return count_phrase(lang, number, noun)


def _typed_value(line: AttemptLine, lang: str) -> str:
    return typed_value(line, lang)


def html_response(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


# ---------------------------------------------------------------- routes


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/app/view/classes", view_classes)
    router.add_get("/app/view/classes/{code}", view_class)
    router.add_get("/app/view/classes/{code}/students/{student}", view_student)


async def to_app(request: web.Request) -> web.Response:
    raise web.HTTPFound("/app/" + (f"?{request.query_string}" if request.query_string else ""))


async def shell(request: web.Request) -> web.Response:
    """The page Telegram opens: no data in it (the script asks for the views with initData)."""
    static = request.app.router["static"]
    return html_response(
        render(
            "shell.html",
            "uk",
            css=static.url_for(filename="dashboard.css"),
            js=static.url_for(filename="dashboard.js"),
        )
    )


async def view_classes(request: web.Request) -> web.Response:
    lang = teacher_of(request).lang
    return html_response(render("classes.html", lang, classes=await data.class_list(request)))


async def view_class(request: web.Request) -> web.Response:
    lang = teacher_of(request).lang
    if request.query.get("part") == "rows":  # "show more": the next slice of the table
        rows = await data.class_page(request, with_homework=False)
        return html_response(render("class_rows.html", lang, page=rows, report=rows.report))
    page = await data.class_page(request)
    bot = request.app[BOT].bot
    return html_response(
        render(
            "class.html",
            lang,
            page=page,
            klass=page.klass,
            report=page.report,
            zone=page.zone,
            now=now_of(request),
            join=join_link(bot.username, page.klass.code) if _has_username(bot) else "",
        )
    )


async def view_student(request: web.Request) -> web.Response:
    page = await data.student_page(request)
    lang = teacher_of(request).lang
    template = "attempts.html" if request.query.get("part") == "attempts" else "student.html"
    return html_response(render(template, lang, page=page, zone=page.zone))


def _has_username(bot: Any) -> bool:
    try:
        return bool(bot.username)
    except RuntimeError:  # not initialised (never the case while the bot runs)
        return False

"""The dashboard's JSON API and its actions (the chat version's: the log base, removing a
student, archiving and restoring a class). Authentication happened in `server.guard`."""

from __future__ import annotations

import json

from aiohttp import web

from bot.features.dashboard import data
from bot.features.dashboard.server import HttpProblem, database_of, now_of, teacher_of
from bot.features.teacher.service import parse_base
from db.repositories import classes


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/api/classes", list_classes)
    router.add_get("/api/classes/{code}", show_class)
    router.add_get("/api/classes/{code}/students/{student}", show_student)
    router.add_post("/api/classes/{code}/settings", change_settings)
    router.add_delete("/api/classes/{code}/students/{student}", remove_student)
    router.add_post("/api/classes/{code}/archive", archive_class)
    router.add_post("/api/classes/{code}/restore", restore_class)


async def list_classes(request: web.Request) -> web.Response:
    found = await data.class_list(request)
    return web.json_response({"classes": [data.class_summary_json(c) for c in found]})


async def show_class(request: web.Request) -> web.Response:
    page = await data.class_page(request)
    return web.json_response(data.class_json(page, teacher_of(request).lang))


async def show_student(request: web.Request) -> web.Response:
    page = await data.student_page(request)
    return web.json_response(data.student_json(page))


async def _json_body(request: web.Request) -> dict[str, object]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HttpProblem(400, "the body must be JSON") from None
    if not isinstance(body, dict):
        raise HttpProblem(400, "the body must be a JSON object")
    return body


async def change_settings(request: web.Request) -> web.Response:
    """`{"base": "2" | "e" | "10"}` (or a synonym `/settings` understands: bits, ln…)."""
    klass = await data.owned_class(request)
    body = await _json_body(request)
    given = body.get("base")
    base = parse_base(given) if isinstance(given, str) else None
    if base is None:
        raise HttpProblem(400, "base must be 2, e or 10")
    async with database_of(request).session() as session:
        await classes.set_base(session, klass.id, base)
        await session.commit()
    return web.json_response({"code": klass.code, "base": base})


async def remove_student(request: web.Request) -> web.Response:
    klass = await data.owned_class(request)
    student_id = data.path_student(request)
    async with database_of(request).session() as session:
        removed = await classes.remove_student(session, klass.id, student_id)
        await session.commit()
    if not removed:
        raise HttpProblem(404, "no such student in this class")
    return web.json_response({"code": klass.code, "removed": student_id})


async def archive_class(request: web.Request) -> web.Response:
    """Archive the class (`classes.archive_class`: no joining, homework or reminders; the
    report stays). Archiving an archived class changes nothing and says so."""
    klass = await data.owned_class(request)
    async with database_of(request).session() as session:
        changed = await classes.archive_class(session, klass.id, now=now_of(request))
        await session.commit()
    return web.json_response({"code": klass.code, "archived": True, "changed": changed})


async def restore_class(request: web.Request) -> web.Response:
    klass = await data.owned_class(request)
    async with database_of(request).session() as session:
        changed = await classes.restore_class(session, klass.id)
        await session.commit()
    return web.json_response({"code": klass.code, "archived": False, "changed": changed})

"""The dashboard's web server: aiohttp on WEB_LISTEN:WEB_PORT inside the bot's own process,
started after the Application initialises and stopped when it shuts down (`bot.app` calls
`start`/`stop` through the feature's on_startup/on_shutdown).

Routes: `/app/` the page (a shell whose script fetches the views), `/app/static/…`,
`/app/view/…` the views as server-rendered HTML, `/api/…` the same data as JSON, and the
actions. Every `/app/view/` and `/api/` request must carry `Authorization: tma <initData>`
(see `auth`): 401 without it or with bad data, 403 for someone who is not a teacher, 404 for
a class or student that is not the caller's (the same answer as for one that does not exist)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web
from telegram.ext import Application

from bot.config import Settings
from bot.features.dashboard import auth
from db.repositories import users
from db.session import Database

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
SERVER_KEY = "dashboard.server"  # bot_data: the running DashboardServer
MAX_BODY = 16 * 1024  # actions send a few bytes of JSON
PROTECTED = ("/api/", "/app/view/")

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Scripts only from this server and from Telegram (telegram-web-app.js, loaded only inside
# Telegram); no inline script or style, so injected markup could not run anything.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' https://telegram.org; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "object-src 'none'"
)


@dataclass(frozen=True)
class Teacher:
    """Who is calling, once their initData checked out and the database says they teach."""

    id: int
    lang: str


class HttpProblem(Exception):
    """An error answer: its status picks the text (`dash.error.<status>`)."""

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(detail or str(status))
        self.status = status
        self.detail = detail


BOT: web.AppKey[AnyApplication] = web.AppKey("bot", Application)  # type: ignore[arg-type]
# Request storage keyed by a typed key where aiohttp has them (3.13+), else by a string.
TEACHER_KEY: Any = (
    web.RequestKey("teacher", Teacher) if hasattr(web, "RequestKey") else "dashboard.teacher"
)


def bot_app(request: web.Request) -> AnyApplication:
    return request.app[BOT]


def settings_of(request: web.Request) -> Settings:
    return bot_app(request).bot_data["settings"]


def database_of(request: web.Request) -> Database:
    return bot_app(request).bot_data["db"]


def now_of(request: web.Request) -> datetime:
    """The bot's clock (tests move it by hand), so launch data ages as the bot's time says."""
    return bot_app(request).bot_data["clock"]()


def teacher_of(request: web.Request) -> Teacher:
    return request[TEACHER_KEY]


async def authenticate(request: web.Request) -> Teacher:
    """The teacher behind the request's initData, or HttpProblem 401/403."""
    settings = settings_of(request)
    try:
        init_data = auth.from_authorization(request.headers.get("Authorization"))
        caller = auth.validate_init_data(init_data, settings.telegram_bot_token, now_of(request))
    except auth.InitDataError as exc:
        raise HttpProblem(401, str(exc)) from None
    async with database_of(request).session() as session:
        user = await users.get(session, caller.id)
    admin = caller.id in settings.admin_ids
    if user is None and not admin:
        raise HttpProblem(403, "not a teacher")
    if user is not None and not (user.role == "teacher" or user.is_admin or admin):
        raise HttpProblem(403, "not a teacher")
    lang = (
        users.resolve_language(user, settings.default_language)
        if user is not None
        else _language(caller.language_code, settings.default_language)
    )
    return Teacher(caller.id, lang)


def _language(code: str | None, default: str) -> str:
    short = (code or "").lower().split("-")[0]
    return short if short in users.LANGUAGES else default


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Authentication for the protected routes, security headers for every answer, and
    errors as JSON (for /api/) or as a small HTML fragment (for the views)."""
    try:
        if request.path.startswith(PROTECTED):
            request[TEACHER_KEY] = await authenticate(request)
        response = await handler(request)
    except HttpProblem as problem:
        response = problem_response(request, problem)
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith(PROTECTED):
            response = problem_response(request, HttpProblem(exc.status, exc.reason))
        else:
            raise
    _secure(response, request)
    return response


def problem_response(request: web.Request, problem: HttpProblem) -> web.Response:
    from bot.features.dashboard import pages  # the templates; imported late, once needed

    teacher: Teacher | None = request.get(TEACHER_KEY)
    lang = teacher.lang if teacher else settings_of(request).default_language
    status = problem.status
    known = status if status in (400, 401, 403, 404) else 400  # the texts there are
    if request.path.startswith("/api/"):
        body = {"error": status, "message": pages.text(lang, f"dash.error.{known}")}
        if problem.detail:
            body["detail"] = problem.detail
        return web.json_response(body, status=status)
    html = pages.render("error.html", lang, status=known)
    return web.Response(text=html, status=status, content_type="text/html")


def _secure(response: web.StreamResponse, request: web.Request) -> None:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith(PROTECTED):
        response.headers["Cache-Control"] = "no-store"  # names and answers of children


def build_web_app(application: AnyApplication) -> web.Application:
    from bot.features.dashboard import api, pages

    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app[BOT] = application
    app.router.add_get("/", pages.to_app)
    app.router.add_get("/app", pages.to_app)
    app.router.add_get("/app/", pages.shell)
    app.router.add_static("/app/static/", STATIC_DIR, name="static", append_version=True)
    pages.add_routes(app.router)
    api.add_routes(app.router)
    return app


class DashboardServer:
    """The running web server of one Application."""

    def __init__(self, application: AnyApplication) -> None:
        self.application = application
        self._runner: web.AppRunner | None = None
        self.host = ""
        self.port = 0

    async def start(self) -> None:
        settings: Settings = self.application.bot_data["settings"]
        runner = web.AppRunner(build_web_app(self.application), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, settings.web_listen, settings.web_port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        # WEB_PORT=0 asks for any free port: read back the one we got.
        self.host = settings.web_listen
        self.port = int(runner.addresses[0][1])

    @property
    def url(self) -> str:
        """The local root, e.g. http://127.0.0.1:8080 (for the demo and tests)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()


async def start(application: AnyApplication) -> DashboardServer | None:
    """Start the web server if the settings ask for it (see `Settings.serves_dashboard`)."""
    settings: Settings = application.bot_data["settings"]
    if not settings.serves_dashboard:
        return None
    server = DashboardServer(application)
    try:
        await server.start()
    except OSError as exc:
        # The bot itself must keep working for the students: say loudly what is wrong.
        log.error(
            "The dashboard cannot listen on %s:%s (%s): set WEB_LISTEN/WEB_PORT",
            settings.web_listen,
            settings.web_port,
            exc,
        )
        return None
    application.bot_data[SERVER_KEY] = server
    log.info("Dashboard served on %s/app/", server.url)
    return server


async def stop(application: AnyApplication) -> None:
    server: DashboardServer | None = application.bot_data.pop(SERVER_KEY, None)
    if server is not None:
        await server.stop()


def running_server(application: AnyApplication) -> DashboardServer | None:
    return application.bot_data.get(SERVER_KEY)


def page_link(page_url: str, init_data: str, **params: str | int) -> str:
    """The dashboard opened outside Telegram: the page (`…/app/`, with `params` as the view to
    open) and the launch data in the fragment, where Telegram puts it (without
    tgWebAppVersion, so the page does not wait for Telegram's script)."""
    from bot.features.teacher.keyboards import dashboard_url

    page = dashboard_url(page_url.split("#")[0], **params)
    return f"{page}#tgWebAppData={quote(init_data, safe='')}"

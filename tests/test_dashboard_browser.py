"""The class dashboard in a real browser: Debian's headless Chromium, driven by Playwright,
opens the page of a seeded class at a phone's size (390×844) with signed launch data, as a
teacher would outside Telegram, and checks what the teacher sees. Screenshots go to
$DASHBOARD_SCREENSHOTS (default: the test's tmp_path/screenshots).

Skipped only when no Chromium binary is installed (`.ci/run` installs Debian's `chromium`)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, Request, Route, async_playwright
from sqlalchemy import select

from bot.features.dashboard import data
from bot.sandbox.demo_class import STUDENTS, seed_demo_class
from db.models import Attempt, Class, Membership, utcnow
from db.repositories import mastery as mastery_repo
from db.repositories.users import collation_key
from quiz.mastery import topic_mastery
from quiz.questions import TOPICS, generate
from tests.fakes import ADMIN_ID, BotHarness
from tests.fakes.dashboard import DASHBOARD_ON, app_link, init_data, root_url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a container: no sandbox (we are root), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium binary: install Debian's `chromium` package (.ci/run does)",
)


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DASHBOARD_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def launch(playwright) -> Browser:  # type: ignore[no-untyped-def]
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Watch:
    """What the page did besides showing itself: requests off this machine, script errors."""

    def __init__(self, page: Page) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    async def only_loopback(self, route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            self.outside.append(request.url)
            await route.abort()


async def database_numbers(h: BotHarness, class_code: str) -> dict[int, dict[str, tuple]]:  # type: ignore[type-arg]
    """Per student and topic: (attempts, right, mastery %) straight from the tables."""
    numbers: dict[int, dict[str, tuple]] = {}  # type: ignore[type-arg]
    async with h.db.session() as session:
        klass = await session.scalar(select(Class).where(Class.code == class_code))
        assert klass is not None
        members = set(
            await session.scalars(select(Membership.user_id).where(Membership.class_id == klass.id))
        )
        counts: dict[tuple[int, str], list[int]] = {}
        for row in await session.scalars(select(Attempt).where(Attempt.user_id.in_(members))):
            cell = counts.setdefault((row.user_id, row.topic), [0, 0])
            cell[0] += 1
            cell[1] += int(row.correct)
        mastery = {
            (user_id, topic): topic_mastery(state) or 0.0
            for user_id, topics in (await mastery_repo.masteries(session, members)).items()
            for topic, state in topics.items()
        }
    for (user_id, topic), (attempts, right) in counts.items():
        shown = round(100 * mastery.get((user_id, topic), 0.0))
        numbers.setdefault(user_id, {})[topic] = (attempts, right, shown)
    return numbers


async def test_a_teacher_reads_the_class_and_drills_down_on_a_phone(
    make_harness, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shots = screenshot_dir(tmp_path)
    async with make_harness(DASHBOARD_ON) as h:
        await h.teacher().say("/start")
        demo = await seed_demo_class(h.db, ADMIN_ID, now=utcnow())
        code = demo.klass.code
        expected = sorted(STUDENTS, key=lambda s: (collation_key(s[1]), collation_key(s[0])))
        numbers = await database_numbers(h, code)

        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await browser.new_page(viewport=PHONE, device_scale_factor=2)
            watch = Watch(page)
            await page.route("**/*", watch.only_loopback)
            await page.goto(app_link(h, init_data(ADMIN_ID), **{"class": code}))
            await page.wait_for_selector("table.heatmap tbody tr")
            assert "tgWebAppData" not in page.url  # the signed data left the address bar

            # Names in register order: surname, then first name, Ukrainian alphabet.
            surnames = await page.locator("tbody th.name b").all_inner_texts()
            assert surnames == [last for _, last in expected]
            assert surnames.index("Ґудзь") == surnames.index("Гаврилюк") + 1

            # Every cell shows the database's numbers.
            rows = page.locator("table.heatmap tbody tr")
            topics = await page.locator("table.heatmap thead button[title]").evaluate_all(
                "buttons => buttons.map(b => b.dataset.sort)"
            )
            assert len(topics) == 5
            for index in range(await rows.count()):
                row = rows.nth(index)
                user_id = int(await row.get_attribute("data-student") or 0)
                cells = row.locator("td.cell")
                for column, topic in enumerate(TOPICS):
                    cell = cells.nth(column)
                    stats = numbers.get(user_id, {}).get(topic)
                    if stats is None:
                        assert (await cell.inner_text()).strip() == "·"
                        continue
                    attempts, right, mastery = stats
                    assert await cell.locator("b").inner_text() == str(mastery)
                    assert await cell.locator("small").inner_text() == f"{right}/{attempts}"
            # The whole table fits a phone: accuracy is beside the topics, not off-screen.
            assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            accuracy = await page.locator("thead th.acc").bounding_box()
            assert accuracy is not None and accuracy["x"] + accuracy["width"] <= PHONE["width"]
            await page.screenshot(path=str(shots / "1-class-heatmap.png"))
            await page.locator("#homework").scroll_into_view_if_needed()
            await page.locator("details.hw").last.locator("summary").click()
            await page.screenshot(path=str(shots / "2-homework-and-legend.png"), full_page=True)

            # Sorting by a topic puts the weakest first; the name column restores the order.
            await page.locator("thead button[data-sort='t2']").click()
            sorted_values = [
                float(v) for v in await rows.evaluate_all("rows => rows.map(r => r.dataset.t2)")
            ]
            assert sorted_values == sorted(sorted_values)
            await page.locator("thead button[data-sort='order']").click()
            assert await page.locator("tbody th.name b").all_inner_texts() == surnames

            # The drill-down: every answer with its question and the right answer.
            target = expected[0]
            await page.get_by_role("link", name=target[1]).click()
            await page.wait_for_selector("ol.attempts")
            async with h.db.session() as session:
                student_id = demo.student_ids[STUDENTS.index(target)]
                total = len(
                    list(
                        await session.scalars(
                            select(Attempt.id).where(Attempt.user_id == student_id)
                        )
                    )
                )
            assert f"{target[1]} {target[0]}" in await page.locator("h1").inner_text()
            await page.screenshot(path=str(shots / "3-student-answers.png"))
            while await page.locator("li.more button").count():
                await page.locator("li.more button").click()
                await page.wait_for_function(
                    "n => document.querySelectorAll('li.attempt').length > n",
                    arg=await page.locator("li.attempt").count() - 1,
                )
            attempts = page.locator("li.attempt")
            assert await attempts.count() == total
            first = attempts.first
            async with h.db.session() as session:
                latest = await session.scalar(
                    select(Attempt)
                    .where(Attempt.user_id == student_id)
                    .order_by(Attempt.created_at.desc(), Attempt.id.desc())
                    .limit(1)
                )
            assert latest is not None
            asked = generate(latest.topic, latest.level, latest.seed, "uk", latest.base)
            shown = await first.locator(".question").inner_text()
            assert shown.split() == asked.text.split()  # the whole question, newest first
            assert await first.locator("dd.right").inner_text() not in ("", "—")

            # An action: remove this student (after the confirmation), back on the class page.
            page.once("dialog", lambda dialog: dialog.accept())
            await page.locator("button.danger").click()
            await page.wait_for_selector("table.heatmap")
            await page.wait_for_function(
                "n => document.querySelectorAll('table.heatmap tbody tr').length === n",
                arg=len(STUDENTS) - 1,
            )
            assert target[1] not in await page.locator("tbody th.name b").all_inner_texts()
            # And another: the log base, from the settings buttons.
            await page.get_by_role("button", name="e (нати)").click()
            await page.wait_for_selector("button[aria-pressed='true']:has-text('e (нати)')")
            async with h.db.session() as session:
                klass = await session.scalar(select(Class).where(Class.code == code))
                assert klass is not None and klass.base == "e"
            # And the archive, after its confirmation; then the class can be restored.
            page.once("dialog", lambda dialog: dialog.accept())
            await page.get_by_role("button", name="Архівувати клас").click()
            await page.wait_for_selector(".note-archived")
            assert await page.get_by_role("button", name="Повернути з архіву").count() == 1
            async with h.db.session() as session:
                klass = await session.scalar(select(Class).where(Class.code == code))
                assert klass is not None and klass.archived
            await page.screenshot(path=str(shots / "4-after-actions.png"), full_page=True)
            # A small phone: nothing scrolls sideways, accuracy still beside the topics.
            await page.set_viewport_size({"width": 360, "height": 740})
            assert await page.evaluate("document.documentElement.scrollWidth") <= 360
            wrap = page.locator(".table-wrap")
            assert await wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
            await page.locator("#heatmap").scroll_into_view_if_needed()
            await page.screenshot(path=str(shots / "7-class-at-360px.png"))

            await browser.close()
        assert watch.outside == [], "the page asked for something off this machine"
        assert watch.errors == []


async def test_without_launch_data_the_page_says_where_to_open_it(
    make_harness, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async with make_harness(DASHBOARD_ON) as h, async_playwright() as playwright:
        browser = await launch(playwright)
        page = await browser.new_page(viewport={"width": 360, "height": 740})
        await page.goto(root_url(h) + "/app/")
        await page.wait_for_selector(".notice")
        assert "/class" in await page.locator(".notice").inner_text()
        # Stale launch data (more than a day old) gets the "open it again" message.
        old = init_data(ADMIN_ID, at=utcnow() - timedelta(days=2))
        await page.goto(app_link(h, old))
        await page.wait_for_selector(".error")
        assert "знову" in await page.locator(".error").inner_text()
        await page.screenshot(path=str(screenshot_dir(tmp_path) / "5-stale-link.png"))
        await browser.close()


# What Telegram's telegram-web-app.js provides, as far as the page uses it; served in place of
# the real script, which Telegram's apps load from telegram.org.
TELEGRAM_STUB = """
window.__tg = {ready: false, confirms: [], back: null};
var theme = {bg_color: "#101820", text_color: "#f5f5f5", hint_color: "#708499",
  link_color: "#6ab3f3", button_color: "#5288c1", button_text_color: "#ffffff",
  secondary_bg_color: "#232e3c"};
Object.keys(theme).forEach(function (key) {
  var name = "--tg-theme-" + key.replace(/_/g, "-");
  document.documentElement.style.setProperty(name, theme[key]);
});
window.Telegram = {WebApp: {
  initData: %s,
  ready: function () { window.__tg.ready = true; },
  expand: function () {},
  BackButton: {
    isVisible: false,
    show: function () { this.isVisible = true; },
    hide: function () { this.isVisible = false; },
    onClick: function (callback) { window.__tg.back = callback; },
  },
  showConfirm: function (message, callback) { window.__tg.confirms.push(message); callback(true); },
}};
"""


async def test_inside_telegram_the_page_uses_telegrams_data_theme_and_back_button(
    make_harness, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    async with make_harness(DASHBOARD_ON) as h:
        await h.teacher().say("/start")
        demo = await seed_demo_class(h.db, ADMIN_ID, now=utcnow())
        fresh = init_data(ADMIN_ID)
        stale = init_data(ADMIN_ID, at=utcnow() - timedelta(days=3))
        script = TELEGRAM_STUB % json.dumps(fresh)
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await browser.new_page(viewport=PHONE)
            watch = Watch(page)
            asked: list[str] = []

            async def telegram(route: Route, request: Request) -> None:
                asked.append(request.url)
                await route.fulfill(body=script, content_type="application/javascript")

            await page.route("**/*", watch.only_loopback)
            await page.route("https://telegram.org/js/telegram-web-app.js", telegram)
            # Telegram puts its own launch data, version and platform in the fragment; the page
            # must take the data Telegram's script hands over (here fresh, the fragment's stale).
            link = app_link(h, stale, **{"class": demo.klass.code}) + "&tgWebAppVersion=8.0"
            await page.goto(link)
            await page.wait_for_selector("table.heatmap")
            assert asked == ["https://telegram.org/js/telegram-web-app.js"]
            assert await page.evaluate("window.__tg.ready")
            background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(16, 24, 32)"  # Telegram's theme colour, not ours
            assert await page.evaluate("Telegram.WebApp.BackButton.isVisible")

            await page.evaluate("window.__tg.back()")  # the Back button in Telegram's header
            await page.wait_for_selector("ul.cards")
            assert not await page.evaluate("Telegram.WebApp.BackButton.isVisible")
            await page.locator("a.card").first.click()
            await page.locator("tbody th.name a").first.click()
            await page.wait_for_selector("ol.attempts")
            await page.locator("button.danger").click()  # confirmed in Telegram's own dialog
            await page.wait_for_selector("table.heatmap")
            confirms = await page.evaluate("window.__tg.confirms")
            assert len(confirms) == 1 and "Бондаренко" in confirms[0]
            await page.screenshot(path=str(screenshot_dir(tmp_path) / "6-telegram-theme.png"))
            await browser.close()
        assert watch.errors == []


async def test_a_big_classs_students_come_with_show_more_and_stay_sorted(
    make_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Slices of 5 stand in for slices of 200: the demo class of 12 comes in three.
    monkeypatch.setattr(data, "CLASS_ROWS_PAGE", 5)
    shots = screenshot_dir(tmp_path)
    async with make_harness(DASHBOARD_ON) as h:
        await h.teacher().say("/start")
        demo = await seed_demo_class(h.db, ADMIN_ID, now=utcnow())
        expected = sorted(STUDENTS, key=lambda s: (collation_key(s[1]), collation_key(s[0])))
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            page = await browser.new_page(viewport=PHONE, device_scale_factor=2)
            watch = Watch(page)
            await page.route("**/*", watch.only_loopback)
            await page.goto(app_link(h, init_data(ADMIN_ID), **{"class": demo.klass.code}))
            students = page.locator("table.heatmap tbody tr[data-student]")
            await page.wait_for_selector("table.heatmap tbody tr[data-student]")
            assert await students.count() == 5
            more = page.locator("tr.more-rows button")
            assert await more.inner_text() == "Показати ще · 5 з 12"
            await page.screenshot(path=str(shots / "8-big-class-first-slice.png"), full_page=True)

            # Sorted by a topic, weakest first; the rows "show more" brings are sorted in.
            await page.locator("thead button[data-sort='t1']").click()
            for shown in (10, 12):
                await more.click()
                await page.wait_for_function(
                    "n => document.querySelectorAll('tbody tr[data-student]').length === n",
                    arg=shown,
                )
                values = [
                    float(v)
                    for v in await students.evaluate_all("rows => rows.map(r => r.dataset.t1)")
                ]
                assert values == sorted(values)
                last = page.locator("table.heatmap tbody tr").last
                still_more = await last.get_attribute("class") == "more-rows"
                assert still_more == (shown < 12)  # "show more" stays below the students
            assert await more.count() == 0  # all 12 are here
            await page.screenshot(path=str(shots / "9-big-class-sorted.png"), full_page=True)

            # The name column gives back the register, across the three slices.
            await page.locator("thead button[data-sort='order']").click()
            surnames = await page.locator("tbody th.name b").all_inner_texts()
            assert surnames == [last for _, last in expected]
            await browser.close()
        assert watch.outside == [] and watch.errors == []

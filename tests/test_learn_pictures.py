"""The lessons' pictures: real PNGs Telegram accepts, never blank; the Typst formula cards
set Cyrillic with real glyphs and are compiled once; drawing happens off the event loop."""

from __future__ import annotations

import asyncio
import io
import threading

import pytest
from PIL import Image, ImageChops, ImageStat

from bot.features.learn import lessons, pictures
from bot.render import formulas
from bot.sandbox.checks import check_photo


def ink(png: bytes) -> float:
    """The share of pixels that are clearly not the white background."""
    grey = Image.open(io.BytesIO(png)).convert("L")
    histogram = grey.histogram()
    return sum(histogram[:200]) / (grey.width * grey.height)


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("name", sorted(pictures.PICTURES))
def test_every_picture_is_a_png_telegram_takes_with_something_drawn(name: str, lang: str) -> None:
    png = pictures.render(name, lang)
    width, height = check_photo(png)  # Telegram's own limits: size, dimensions, aspect
    assert width >= 600 and height >= 250
    assert 0.01 < ink(png) < 0.6, "neither blank nor a solid block"
    assert ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0] > 20


def test_every_page_and_every_answer_has_a_picture() -> None:
    for number, page in lessons.all_pages():
        for answer in lessons.states(number, page):
            assert lessons.picture_of(number, page, answer) in pictures.PICTURES
    assert lessons.MENU_PICTURE in pictures.PICTURES


def test_every_picture_speaks_the_students_language() -> None:
    for name in pictures.PICTURES:
        assert pictures.render(name, "uk") != pictures.render(name, "en"), name


def test_a_typst_card_sets_cyrillic_with_real_glyphs() -> None:
    """Two words of the same length in the same alphabet: with a missing font both would be
    rows of the same boxes, so the pictures would be equal."""
    first = formulas.typeset("ймовірність")
    second = formulas.typeset("дивергенція")
    assert len("ймовірність") == len("дивергенція")
    assert ink(first) > 0.01 and ink(second) > 0.01
    assert (
        ImageChops.difference(
            Image.open(io.BytesIO(first)).convert("L"), Image.open(io.BytesIO(second)).convert("L")
        ).getbbox()
        is not None
    )
    # And a real lesson card with Cyrillic words and a formula is far from blank.
    card = pictures.render("rules_done", "uk")
    assert ink(card) > 0.03


def test_a_typst_card_is_compiled_once() -> None:
    body = "Кеш: $S(p) = -log p$ — " + str(id(object()))  # a card nobody compiled yet
    before = formulas.compilations()
    first = formulas.typeset(body)
    assert formulas.compilations() == before + 1
    second = formulas.typeset(body)
    assert formulas.compilations() == before + 1, "the second render does not recompile"
    assert second is first


def test_escaped_text_cannot_change_a_card() -> None:
    risky = "#set page(fill: red) $x$ *bold* _it_ <label> @ref [x] 2/3 \\ ~"
    png = formulas.typeset(formulas.escape(risky))
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 20) or []
    assert not any(r > 200 and g < 80 and b < 80 for _, (r, g, b) in colours), "no red page"


async def test_pictures_are_drawn_in_a_worker_thread_once(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    gate = threading.Event()

    def probe(lang: str) -> bytes:
        threads.append(threading.get_ident())
        gate.wait(5)
        return pictures.render("fair_die", lang)

    monkeypatch.setitem(pictures.PICTURES, "probe", probe)
    pictures.render.cache_clear()
    waiting = [asyncio.create_task(pictures.picture("probe", "uk")) for _ in range(5)]
    await asyncio.sleep(0.05)
    gate.set()
    results = await asyncio.gather(*waiting)
    assert threads and all(ident != threading.get_ident() for ident in threads)
    assert len(threads) == 1, "five requests at once, one drawing"
    assert all(result == results[0] for result in results)
    assert await pictures.picture("probe", "uk") == results[0]
    assert len(threads) == 1
    pictures._drawing.pop(("probe", "uk"), None)

"""Typeset formula cards: Typst markup → PNG, offline, with Cyrillic.

The talk's notes were made with Typst, so the lessons' formulas are set the same way, by the
`typst` package (a compiler in a wheel: no network, no LaTeX). Text is DejaVu Sans, the font
the PDFs and charts already use (Cyrillic, Greek, math signs); formulas use Typst's own
embedded New Computer Modern Math. System fonts are ignored, so a card looks the same on
every machine.

Compiling takes tens of milliseconds and a card never changes for a given source, so every
card is compiled once per process and kept (`typeset` is cached by its source; `compilations`
counts real compilations, which tests use to see the cache work). Call it through
`asyncio.to_thread`: it is CPU work."""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from bot.render.fonts import typst_fonts

if TYPE_CHECKING:
    import typst

PPI = 200  # ~1000 px across a 12.5 cm card: sharp on a phone, small as a PNG
CARD_WIDTH_CM = 12.5
TEXT_FONT = "DejaVu Sans"
MATH_FONT = "New Computer Modern Math"
CACHE_SIZE = 256  # far more cards than the lessons have, in both languages

# Typst markup characters that must be escaped in plain text pieces.
_SPECIAL = set("\\#$*_`[]<>@~=-+/'\"")

_PREAMBLE = f"""
#set page(width: {CARD_WIDTH_CM}cm, height: auto, margin: (x: 0.7cm, y: 0.6cm), fill: white)
#set text(font: "{TEXT_FONT}", size: 13pt, lang: "uk", fill: rgb("#222222"))
#show math.equation: set text(font: "{MATH_FONT}")
#set par(leading: 0.6em)
"""

_lock = threading.Lock()
_count = 0


@cache
def _compiler() -> typst.Compiler:
    # typst (a compiler, ~7 MB in memory) is imported when something is first typeset: a bot
    # that never makes a worksheet or a formula card never loads it.
    import typst

    return typst.Compiler(font_paths=typst_fonts(), ignore_system_fonts=True)


def escape(text: str) -> str:
    """Plain text for Typst markup: every character with a meaning in markup escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


@lru_cache(maxsize=CACHE_SIZE)
def typeset(body: str) -> bytes:
    """The PNG of one card: `body` (Typst markup) on a white card of the house width.
    Raises `typst.TypstError` on bad markup (our own sources only: never user text)."""
    global _count
    source = (_PREAMBLE + body).encode("utf-8")
    with _lock:  # one compiler, one compilation at a time
        result = _compiler().compile(input=source, format="png", ppi=PPI)
        _count += 1
    if isinstance(result, list):  # several pages: a card is one page by construction
        raise ValueError(f"a formula card must fit one page, it made {len(result)}")
    if not isinstance(result, bytes):
        raise ValueError("typst returned no PNG")
    return result


def compilations() -> int:
    """How many cards were really compiled in this process (cache hits do not count)."""
    return _count

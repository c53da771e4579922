"""The Unicode TTF fonts we render with: DejaVu Sans, bundled with matplotlib, so Cyrillic,
Greek letters and math signs (−, ≈, ∑, ₂) print without shipping font files of our own."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
from fontTools.ttLib import TTFont

if TYPE_CHECKING:
    import typst


def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def regular_font() -> Path:
    return font_dir() / "DejaVuSans.ttf"


def bold_font() -> Path:
    return font_dir() / "DejaVuSans-Bold.ttf"


def mono_bold_font() -> Path:
    """For codes people copy letter by letter (the class code on the QR picture)."""
    return font_dir() / "DejaVuSansMono-Bold.ttf"


@cache
def typst_fonts() -> typst.Fonts:
    """The fonts Typst sets with: DejaVu from this folder (Cyrillic) and Typst's own embedded
    New Computer Modern Math; never the machine's fonts, so every machine makes the same
    pages and cards. Read once."""
    import typst  # only when something is typeset: see bot.render.formulas

    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(font_dir())]
    )


@cache
def _covered_codepoints() -> frozenset[int]:
    """Characters both faces can draw (read once; the font never changes at run time)."""
    covered: set[int] | None = None
    for path in (regular_font(), bold_font()):
        with TTFont(str(path), lazy=True) as font:
            codes = set(font.getBestCmap() or {})
        covered = codes if covered is None else covered & codes
    return frozenset(covered or ())


# What to print instead of characters the font lacks (emoji mostly); the rest are dropped.
_REPLACEMENTS = {
    "\u202f": " ",
    "\u00a0": " ",
}


def printable(text: str) -> str:
    """`text` without the characters DejaVu Sans cannot draw, so a PDF never shows empty boxes."""
    covered = _covered_codepoints()
    out: list[str] = []
    dropped = False  # an emoji followed by a space ("🎲 Кубик") leaves no double space
    for ch in text:
        if ch in _REPLACEMENTS:
            out.append(_REPLACEMENTS[ch])
        elif ch == "\n" or ord(ch) in covered:
            if not (dropped and ch == " " and (not out or out[-1] in " \n")):
                out.append(ch)
        else:
            dropped = True
            continue
        dropped = False
    return "".join(out)

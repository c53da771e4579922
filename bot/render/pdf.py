"""A4 PDFs with fpdf2 and DejaVu Sans (Cyrillic, math signs). CPU-bound: call the builders
through `asyncio.to_thread`. Each document has its own FPDF object: threads share no state."""

from __future__ import annotations

import re
from collections.abc import Callable

from fpdf import FPDF

from bot.render.fonts import bold_font, printable, regular_font

FONT = "DejaVu"
_KEYCAP = re.compile(r"(\d+)\ufe0f?\u20e3")  # 1️⃣ → [1]: the font has no keycap emoji


def pdf_text(text: str) -> str:
    """Text as the PDF can print it: keycap digits become [1], emoji the font lacks are
    dropped, and the spaces they leave at a line's start are trimmed."""
    text = _KEYCAP.sub(r"[\1]", text.replace("🔟", "[10]")).replace("\ufe0f", "")
    lines = [line.strip() for line in printable(text).splitlines()]
    return "\n".join(lines).strip()


class UnicodePDF(FPDF):
    """An A4 page with DejaVu Sans registered and a footer from `footer_text(page_number)`."""

    def __init__(self, footer_text: Callable[[int], str] | None = None) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(regular_font()))
        self.add_font(FONT, "B", str(bold_font()))
        self.set_font(FONT, size=11)
        self.set_margins(left=18, top=16, right=18)
        self.set_auto_page_break(auto=True, margin=18)
        self._footer_text = footer_text

    def footer(self) -> None:
        if self._footer_text is None:
            return
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, pdf_text(self._footer_text(self.page_no())), align="C")
        self.set_text_color(0, 0, 0)

    def paragraph(
        self, text: str, *, size: float = 11, bold: bool = False, height: float = 5.5
    ) -> None:
        """A wrapped block of text across the full width, then the cursor on the next line."""
        self.set_font(FONT, style="B" if bold else "", size=size)
        self.multi_cell(0, height, pdf_text(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def paragraph_height(
        self, text: str, *, size: float = 11, bold: bool = False, height: float = 5.5
    ) -> float:
        """How tall `paragraph` would be, without drawing it."""
        self.set_font(FONT, style="B" if bold else "", size=size)
        measured = self.multi_cell(
            0, height, pdf_text(text), align="L", dry_run=True, output="HEIGHT"
        )
        return float(measured)

    def keep_together(self, height: float) -> None:
        """Start a new page unless a block of `height` mm fits on this one. (fpdf2's
        `unbreakable()` does the same by deep-copying the whole document: far too slow.)"""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

"""Pictures for teachers: the join QR code and the class mastery heatmap.

Both are synchronous and CPU-bound: call them through `asyncio.to_thread`. Matplotlib is used
through its object-oriented API (a Figure with its own Agg canvas, no pyplot state), so charts
rendered in several threads at once do not share anything."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np
import qrcode
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from bot.features.teacher.reports import ClassReport, topic_label, topic_mastery
from bot.features.teacher.service import shorten
from bot.render.fonts import bold_font, mono_bold_font, printable, regular_font
from bot.texts import t

# Telegram shows a photo at most 2560 px on its longer side: a taller chart would only be
# scaled down on the phone after costing the bot its full canvas in memory (14 MB for 80 rows).
MAX_PHOTO_SIDE = 2560
MAX_CHART_STUDENTS = 80  # beyond this the rows get unreadable; the CSV has everyone
# Red → amber → green, like the glyphs in the text table; cells without attempts are grey.
_CMAP = LinearSegmentedColormap.from_list(
    "mastery", ["#d7301f", "#fdae61", "#fee08b", "#1a9850"]
).with_extremes(bad="#e6e6e6")


QR_BOX = 14  # pixels per QR module: the code is scanned off a projected slide
QR_MARGIN = 56
QR_MIN_WIDTH = 960
# (font file, largest size, smallest size, at most lines) of the texts on the picture
_TITLE_STYLE = (bold_font, 72, 36, 2)
_CODE_STYLE = (mono_bold_font, 96, 40, 1)
_NOTE_STYLE = (regular_font, 36, 20, 1)

Line = tuple[str, ImageFont.FreeTypeFont]


def qr_png(link: str, name: str, code: str, lang: str) -> bytes:
    """The join picture for the classroom screen: the class name on top, a QR code of
    `link` large enough to scan from the back row, and under it the class code in big
    letters with "/join CODE" for those who type instead of scanning."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_BOX, border=2)
    qr.add_data(link)
    qr.make(fit=True)
    matrix = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    width = max(matrix.width + 2 * QR_MARGIN, QR_MIN_WIDTH)
    room = width - 2 * QR_MARGIN
    title, code_line, note = qr_texts(name, code, lang)
    above = _fitted(title, _TITLE_STYLE, room)
    below = [*_fitted(code_line, _CODE_STYLE, room), *_fitted(note, _NOTE_STYLE, room)]
    height = QR_MARGIN * 2 + matrix.height + sum(_line_height(font) for _, font in above + below)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = QR_MARGIN
    for text, font in above:
        y = _centred(draw, text, font, width, y)
    image.paste(matrix, ((width - matrix.width) // 2, y))
    y += matrix.height
    for text, font in below:
        y = _centred(draw, text, font, width, y)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_texts(name: str, code: str, lang: str) -> tuple[str, str, str]:
    """What the join picture says: the class name (without what the font cannot draw),
    the code, and how to join without a camera."""
    return (
        printable(name).strip() or code,
        t(lang, "teacher.qr.image_code", code=code),
        t(lang, "teacher.qr.image_join", code=code),
    )


def _line_height(font: ImageFont.FreeTypeFont) -> int:
    return round(font.size * 1.3)


def _centred(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, y: int
) -> int:
    """Draw one line centred at height `y`; returns where the next line starts."""
    draw.text((width / 2, y), text, font=font, fill="#111111", anchor="ma")
    return y + _line_height(font)


def _fitted(text: str, style: tuple[Callable[[], Path], int, int, int], width: int) -> list[Line]:
    """`text` in the largest size of `style` at which it fits `width` in its number of lines
    (a long class name gets smaller letters rather than being cut); cut with "…" only when
    even the smallest size is too wide."""
    font_file, largest, smallest, most_lines = style
    for size in range(largest, smallest - 1, -4):
        font = ImageFont.truetype(str(font_file()), size)
        lines = _wrap(text, font, width)
        if len(lines) <= most_lines and all(font.getlength(line) <= width for line in lines):
            return [(line, font) for line in lines]
    lines = _wrap(text, font, width)
    kept = [*lines[: most_lines - 1], " ".join(lines[most_lines - 1 :])]
    return [(_cut(line, font, width), font) for line in kept]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _cut(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(line) <= width:
        return line
    while line and font.getlength(line + "…") > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _drawable(text: str) -> str:
    """DejaVu Sans draws Latin, Cyrillic and Greek but no emoji: drop symbols it lacks rather
    than print empty boxes (and flood the log with missing-glyph warnings)."""
    kept = "".join(
        ch
        for ch in text
        if ord(ch) <= 0xFFFF and unicodedata.category(ch) not in ("So", "Cs", "Co", "Cn", "Cf")
    )
    return " ".join(kept.split()) or "?"


def heatmap_png(report: ClassReport, lang: str) -> bytes:
    """Students × topics, each cell the mastery 0–100 %; grey where nothing was tried."""
    rows = report.students[:MAX_CHART_STUDENTS]
    topics = report.topics
    values = np.full((len(rows), len(topics)), np.nan)
    for i, row in enumerate(rows):
        for j, topic in enumerate(topics):
            mastery = topic_mastery(row.topics.get(topic))
            if mastery is not None:
                values[i, j] = mastery

    height = 2.6 + 0.4 * max(len(rows), 1)  # room for the title and the topic names
    figure = Figure(figsize=(8.5, height), dpi=min(110, MAX_PHOTO_SIDE / height))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    # Cells as a mesh of quads centred on whole numbers, row 0 on top (as an image would be):
    # an image the size of this figure is resampled in floats, ~100 MB for a full chart.
    image = axes.pcolormesh(
        np.arange(len(topics) + 1) - 0.5,
        np.arange(max(len(rows), 1) + 1) - 0.5,
        np.ma.masked_invalid(values) if len(rows) else np.ma.masked_all((1, len(topics))),
        cmap=_CMAP,
        vmin=0.0,
        vmax=1.0,
    )
    axes.set_xlim(-0.5, len(topics) - 0.5)
    axes.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    axes.set_xticks(range(len(topics)))
    axes.set_xticklabels(
        [topic_label(lang, topic) for topic in topics], rotation=20, ha="right", fontsize=9
    )
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels([_drawable(shorten(row.name, 28)) for row in rows], fontsize=9)
    axes.tick_params(length=0)
    for i in range(len(rows)):
        for j in range(len(topics)):
            value = values[i, j]
            label = "·" if math.isnan(value) else f"{round(value * 100)}"
            axes.text(j, i, label, ha="center", va="center", fontsize=8, color="#222222")
    axes.set_title(_drawable(t(lang, "teacher.chart.title", name=shorten(report.name, 40))))
    colorbar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
    colorbar.set_ticks([0, 0.25, 0.5, 0.75, 1.0])
    colorbar.set_ticklabels(["0", "25", "50", "75", "100 %"])
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

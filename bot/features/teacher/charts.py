"""Pictures for teachers: the join QR code and the class mastery heatmap.

Both are synchronous and CPU-bound: call them through `asyncio.to_thread`. Matplotlib is used
through its object-oriented API (a Figure with its own Agg canvas, no pyplot state), so charts
rendered in several threads at once do not share anything."""

from __future__ import annotations

import io
import math
import unicodedata

import numpy as np
import qrcode
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from qrcode.constants import ERROR_CORRECT_M

from bot.features.teacher.reports import ClassReport, topic_label, topic_mastery
from bot.features.teacher.service import shorten
from bot.texts import t

MAX_CHART_STUDENTS = 80  # beyond this the rows get unreadable; the CSV has everyone
# Red → amber → green, like the glyphs in the text table; cells without attempts are grey.
_CMAP = LinearSegmentedColormap.from_list(
    "mastery", ["#d7301f", "#fdae61", "#fee08b", "#1a9850"]
).with_extremes(bad="#e6e6e6")


def qr_png(link: str) -> bytes:
    """A QR code of `link`, large enough to scan from the back of a classroom."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=16, border=4)
    code.add_data(link)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


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
    figure = Figure(figsize=(8.5, height), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    image = axes.imshow(np.ma.masked_invalid(values), cmap=_CMAP, vmin=0.0, vmax=1.0, aspect="auto")
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

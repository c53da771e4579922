"""Small PNG charts with matplotlib's object-oriented API and the Agg canvas: no pyplot state,
so several threads can draw at once (call through `asyncio.to_thread`)."""

from __future__ import annotations

import io
import math

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.render.fonts import printable

TRUTH_COLOUR = "#4C72B0"
BELIEF_COLOUR = "#DD8452"


def surprise_bars(
    labels: list[str],
    truth: list[float],
    belief: list[float] | None,
    *,
    ylabel: str,
    truth_legend: str,
    belief_legend: str,
) -> bytes:
    """Bars of the surprise of each outcome (and of the belief's surprise beside them).
    `nan` means the outcome never happens (no bar); `inf` is drawn as a hatched bar above
    the others and marked ∞, since an infinite bar cannot be drawn."""
    finite = [v for v in [*truth, *(belief or [])] if math.isfinite(v)]
    top = max(finite, default=1.0) or 1.0
    infinite_height = top * 1.25

    figure = Figure(figsize=(6, 3.4), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    width = 0.4 if belief is not None else 0.6
    offset = width / 2 if belief is not None else 0.0

    _bars(axes, [x - offset for x in positions], truth, width, TRUTH_COLOUR, infinite_height)
    if belief is not None:
        _bars(axes, [x + offset for x in positions], belief, width, BELIEF_COLOUR, infinite_height)
        axes.legend([printable(truth_legend), printable(belief_legend)], fontsize=8)

    axes.set_xticks(positions, [printable(label) or "?" for label in labels], fontsize=9)
    axes.set_ylabel(printable(ylabel))
    axes.set_ylim(0, infinite_height * 1.15)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bars(
    axes: Axes,
    xs: list[float],
    values: list[float],
    width: float,
    colour: str,
    infinite_height: float,
) -> None:
    heights = [0.0 if math.isnan(v) else (infinite_height if math.isinf(v) else v) for v in values]
    bars = axes.bar(xs, heights, width=width, color=colour)
    for bar, value in zip(bars, values, strict=True):
        if math.isinf(value):
            bar.set_hatch("//")
            axes.annotate(
                "∞",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=12,
            )

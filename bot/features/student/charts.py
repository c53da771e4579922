"""The /progress chart: mastery per topic and right answers per day.

Synchronous and CPU-bound: call `progress_chart` through `asyncio.to_thread`. It uses
matplotlib's object-oriented API with the Agg canvas (a `Figure` of its own, no pyplot
state), so several charts can render in threads at once."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from quiz.mastery import mastery_band

BAR_COLOURS = ("#d9534f", "#f0ad4e", "#f7d54a", "#5cb85c")  # weak → mastered, as the glyphs


@dataclass(frozen=True)
class ChartData:
    """Everything the chart shows, already localised."""

    topic_labels: list[str]  # one per topic, top to bottom
    mastery: list[float]  # 0..1, same order
    bar_labels: list[str]  # e.g. "mastery 47% · accuracy 100% (3)", same order
    days: list[date]  # consecutive days, oldest first
    correct_per_day: list[int]  # same order as days
    mastery_title: str
    days_title: str


def _colour(value: float) -> str:
    return BAR_COLOURS[mastery_band(value)]


def progress_chart(data: ChartData) -> bytes:
    """A PNG: horizontal mastery bars per topic on top, right answers per day below."""
    figure = Figure(figsize=(7, 6.2), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, height_ratios=(3, 2))

    positions = list(range(len(data.topic_labels)))[::-1]  # the first topic on top
    top.barh(positions, [1.0] * len(positions), color="#eeeeee", height=0.6)
    top.barh(positions, data.mastery, color=[_colour(v) for v in data.mastery], height=0.6)
    top.set_yticks(positions, data.topic_labels)
    top.set_xlim(0, 1)
    top.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"])
    for y, value, label in zip(positions, data.mastery, data.bar_labels, strict=True):
        top.text(min(value, 0.5) + 0.02, y, label, va="center")
    top.set_title(data.mastery_title, loc="left", fontweight="bold")
    top.spines[["top", "right"]].set_visible(False)

    x = list(range(len(data.days)))
    bottom.bar(x, data.correct_per_day, color="#5b8def")
    bottom.set_xticks(x, [day.strftime("%d.%m") for day in data.days], rotation=60, fontsize=8)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    bottom.set_ylim(0, max([*data.correct_per_day, 1]) * 1.15)
    bottom.set_title(data.days_title, loc="left", fontweight="bold")
    bottom.spines[["top", "right"]].set_visible(False)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

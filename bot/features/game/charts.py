"""The two pictures of /game, drawn with matplotlib's object-oriented API on the Agg canvas
(no pyplot state, so threads can draw at once): call them through `asyncio.to_thread`.

- `game_chart`: the running average surprise after each roll against H(p) (the best anyone
  can do) and H(p, q) (what the belief costs), the gap between them shaded and named KL.
- `training_chart`: the tiny model's loss per step coming down to the entropy, and the
  probabilities it learned beside the true ones."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.render.charts import BELIEF_COLOUR, TRUTH_COLOUR
from bot.render.fonts import printable

AVERAGE_COLOUR = "#C44E52"
KL_COLOUR = "#F2C57C"


@dataclass(frozen=True)
class GameChart:
    """Everything the game chart shows, already localised. Infinite values are allowed."""

    averages: list[float]  # the running average after roll 1, 2, …
    entropy: float  # H(p)
    cross_entropies: list[float]  # H(p, q) of the belief held at each roll
    title: str
    xlabel: str
    average_label: str
    entropy_label: str
    cross_entropy_label: str
    kl_label: str


@dataclass(frozen=True)
class TrainingChart:
    losses: list[float]  # per step, in the game's unit
    entropy: float
    outcomes: list[str]
    learned: list[float]
    truth: list[float]
    loss_title: str
    step_label: str
    loss_label: str
    entropy_label: str
    probs_title: str
    learned_label: str
    truth_label: str


def game_chart(data: GameChart) -> bytes:
    finite = [v for v in [*data.averages, *data.cross_entropies, data.entropy] if math.isfinite(v)]
    top = max(finite, default=1.0) * 1.15 or 1.0
    infinite_at = top * 1.1  # where an infinite value is drawn, marked ∞

    figure = Figure(figsize=(6.4, 4.4), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rolls = list(range(1, len(data.averages) + 1))
    ce = [_capped(v, infinite_at) for v in data.cross_entropies]
    axes.fill_between(
        rolls,
        [data.entropy] * len(rolls),
        ce,
        step="mid",
        color=KL_COLOUR,
        alpha=0.45,
        label=printable(data.kl_label),
    )
    axes.step(
        rolls,
        ce,
        where="mid",
        color=BELIEF_COLOUR,
        linewidth=2,
        label=printable(data.cross_entropy_label),
    )
    _entropy_line(axes, data.entropy, data.entropy_label)
    averages = [_capped(v, infinite_at) for v in data.averages]
    axes.plot(
        rolls,
        averages,
        color=AVERAGE_COLOUR,
        marker="o",
        linewidth=2,
        label=printable(data.average_label),
    )
    _mark_infinite(axes, rolls, data.averages, infinite_at)
    _mark_infinite(axes, rolls[-1:], data.cross_entropies[-1:], infinite_at)
    axes.set_xticks(rolls)
    axes.set_xlim(0.5, len(rolls) + 0.5)
    axes.set_ylim(0, infinite_at * 1.12)
    axes.set_xlabel(printable(data.xlabel))
    axes.set_title(printable(data.title), loc="left", fontweight="bold")
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    # Below the plot: inside it the legend would hide the lines and the ∞ marks.
    figure.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    return _png(figure)


def training_chart(data: TrainingChart) -> bytes:
    figure = Figure(figsize=(8.4, 3.6), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2, width_ratios=(3, 2))

    steps = list(range(len(data.losses)))
    left.plot(
        steps, data.losses, color=AVERAGE_COLOUR, linewidth=2, label=printable(data.loss_label)
    )
    _entropy_line(left, data.entropy, data.entropy_label)
    left.set_xlabel(printable(data.step_label))
    left.set_title(printable(data.loss_title), loc="left", fontweight="bold", fontsize=10)
    left.set_ylim(0, max(data.losses) * 1.1)
    left.grid(axis="y", alpha=0.3)
    left.legend(fontsize=8)
    left.spines[["top", "right"]].set_visible(False)

    positions = list(range(len(data.outcomes)))
    width = 0.4
    right.bar(
        [x - width / 2 for x in positions],
        data.learned,
        width,
        color=BELIEF_COLOUR,
        label=printable(data.learned_label),
    )
    right.bar(
        [x + width / 2 for x in positions],
        data.truth,
        width,
        color=TRUTH_COLOUR,
        label=printable(data.truth_label),
    )
    right.set_xticks(positions, data.outcomes)
    right.set_ylim(0, 1)
    right.set_title(printable(data.probs_title), loc="left", fontweight="bold", fontsize=10)
    right.legend(fontsize=8)
    right.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _entropy_line(axes: Axes, entropy: float, label: str) -> None:
    """The floor every chart here shows: the entropy, a dashed line in the truth's colour."""
    axes.axhline(entropy, color=TRUTH_COLOUR, linestyle="--", linewidth=2, label=printable(label))


def _capped(value: float, infinite_at: float) -> float:
    return infinite_at if math.isinf(value) else value


def _mark_infinite(axes: Axes, xs: list[int], values: list[float], infinite_at: float) -> None:
    for x, value in zip(xs, values, strict=True):
        if math.isinf(value):
            axes.annotate("∞", (x, infinite_at), ha="center", va="bottom", fontsize=13)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

"""Every picture of /learn, by name: dice drawn face by face, charts in the house style
(`bot.render.charts`, matplotlib's object API on an Agg canvas, so threads can draw at once),
and Typst formula cards (`cards`).

A picture depends only on its name and the language, so each is drawn once per process and
kept (`render`); `picture` does the drawing in a thread, never on the event loop, and draws
each one only once even when many students open the same page at the same moment."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache, partial

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.ticker import FuncFormatter

from bot.features.learn import cards, maths
from bot.features.learn.lessons import Fmt
from bot.features.learn.maths import FAIR, MISREAD, WEIRD
from bot.render.charts import BELIEF_COLOUR, TRUTH_COLOUR
from bot.texts import t

DPI = 120
WIDE = (8.0, 4.6)  # 960 × 552 px: a phone shows it full width
INK = "#222222"
PIP_POSITIONS: dict[int, tuple[tuple[float, float], ...]] = {
    1: ((0.5, 0.5),),
    2: ((0.27, 0.73), (0.73, 0.27)),
    3: ((0.27, 0.73), (0.5, 0.5), (0.73, 0.27)),
    4: ((0.27, 0.73), (0.73, 0.73), (0.27, 0.27), (0.73, 0.27)),
    5: ((0.27, 0.73), (0.73, 0.73), (0.5, 0.5), (0.27, 0.27), (0.73, 0.27)),
    6: ((0.27, 0.75), (0.73, 0.75), (0.27, 0.5), (0.73, 0.5), (0.27, 0.25), (0.73, 0.25)),
}


def _figure(size: tuple[float, float] = WIDE) -> Figure:
    figure = Figure(figsize=size, dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


# ---------------------------------------------------------------- dice


def _draw_face(axes: Axes, x: float, value: int, *, highlight: bool) -> None:
    fill = "#FCE3CF" if highlight else "white"
    edge = BELIEF_COLOUR if highlight else INK
    axes.add_patch(
        FancyBboxPatch(
            (x + 0.06, 0.06),
            0.88,
            0.88,
            boxstyle="round,pad=0,rounding_size=0.14",
            facecolor=fill,
            edgecolor=edge,
            linewidth=2.5,
        )
    )
    for px, py in PIP_POSITIONS[value]:
        axes.add_patch(Circle((x + 0.06 + 0.88 * px, 0.06 + 0.88 * py), 0.075, color=INK))


def _dice(lang: str, faces: tuple[int, ...], title_key: str, footer: str, special: int) -> bytes:
    """Six faces side by side, the probability of each face under it."""
    f = Fmt(lang)
    figure = _figure((8.0, 2.9))
    axes = figure.add_axes((0.02, 0.2, 0.96, 0.62))
    for index, value in enumerate(faces):
        _draw_face(axes, index * 1.1, value, highlight=value == special)
        share = Fraction(1, len(faces))
        axes.text(index * 1.1 + 0.5, -0.18, f.frac(share), ha="center", va="top", fontsize=15)
    axes.set_xlim(-0.05, len(faces) * 1.1 - 0.05)
    axes.set_ylim(-0.05, 1.02)
    axes.set_aspect("equal")
    axes.axis("off")
    figure.suptitle(t(lang, title_key), fontsize=17, fontweight="bold", y=0.97)
    figure.text(0.5, 0.04, footer, ha="center", fontsize=14, color="#444444")
    return _png(figure)


def fair_die(lang: str) -> bytes:
    p_face = Fmt.frac(maths.probability(FAIR, "1"))
    footer = t(lang, "learn.pic.each", p=p_face)
    return _dice(lang, maths.FAIR_FACES, "learn.pic.fair", footer, special=0)


def weird_die(lang: str) -> bytes:
    footer = t(
        lang,
        "learn.pic.weird_sum",
        fours=maths.faces_showing(maths.WEIRD_FACES, 4),
        faces=len(maths.WEIRD_FACES),
        p_four=Fmt.frac(maths.probability(WEIRD, "4")),
    )
    return _dice(lang, maths.WEIRD_FACES, "learn.pic.weird", footer, special=4)


# ---------------------------------------------------------------- bars


def _paired_bars(
    lang: str,
    axes: Axes,
    first: dict[str, Fraction],
    second: dict[str, Fraction],
    labels: tuple[str, str],
) -> None:
    """Two distributions over the values 1–6 side by side, each bar labelled with its
    probability as a fraction."""
    positions = range(len(maths.VALUES))
    width = 0.38
    for shift, distribution, colour, label in (
        (-width / 2, first, TRUTH_COLOUR, labels[0]),
        (width / 2, second, BELIEF_COLOUR, labels[1]),
    ):
        heights = [float(distribution[value]) for value in maths.VALUES]
        bars = axes.bar(
            [x + shift for x in positions], heights, width=width, color=colour, label=label
        )
        for bar, value in zip(bars, maths.VALUES, strict=True):
            axes.annotate(
                Fmt.frac(distribution[value]),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=11,
                xytext=(0, 2),
                textcoords="offset points",
            )
    axes.set_xticks(list(positions), list(maths.VALUES), fontsize=13)
    axes.set_ylim(0, 0.62)
    _numbers_on(lang, axes.yaxis)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(fontsize=11, loc="upper left")


def distributions(lang: str) -> bytes:
    figure = _figure()
    axes = figure.add_subplot()
    _paired_bars(lang, axes, FAIR, WEIRD, (t(lang, "learn.pic.fair"), t(lang, "learn.pic.weird")))
    axes.set_xlabel(t(lang, "learn.pic.value"), fontsize=12)
    axes.set_ylabel(t(lang, "learn.pic.probability"), fontsize=12)
    figure.tight_layout()
    return _png(figure)


def belief(lang: str) -> bytes:
    figure = _figure()
    axes = figure.add_subplot()
    _paired_bars(
        lang, axes, WEIRD, MISREAD, (t(lang, "learn.pic.truth"), t(lang, "learn.pic.belief"))
    )
    axes.set_xlabel(t(lang, "learn.pic.value"), fontsize=12)
    axes.set_ylabel(t(lang, "learn.pic.probability"), fontsize=12)
    figure.tight_layout()
    return _png(figure)


def entropies(lang: str) -> bytes:
    """Entropy as a pile of contributions p(x)·S(x), one block per value, for both dice:
    the height of a pile is H."""
    f = Fmt(lang)
    figure = _figure()
    axes = figure.add_subplot()
    dice = (
        (t(lang, "learn.pic.fair"), FAIR, TRUTH_COLOUR, 4),
        (t(lang, "learn.pic.weird"), WEIRD, BELIEF_COLOUR, 5),
    )
    for column, (_name, distribution, colour, digits) in enumerate(dice):
        bottom = 0.0
        for value in maths.VALUES:
            p = distribution[value]
            if p == 0:
                continue
            share = float(p) * maths.surprise(p)
            axes.bar(column, share, bottom=bottom, width=0.55, color=colour, edgecolor="white")
            axes.text(
                column,
                bottom + share / 2,
                f"{value}: {f.frac(p)} · {f.num(maths.surprise(p))}",
                ha="center",
                va="center",
                color="white",
                fontsize=10,
            )
            bottom += share
        bits = f.bits(maths.entropy(distribution), digits)
        total = f"H = {bits}\n= {f.nats(maths.entropy(distribution, 'e'), digits)}"
        axes.text(column, bottom + 0.05, total, ha="center", va="bottom", fontsize=12)
    axes.set_xticks([0, 1], [name for name, *_ in dice], fontsize=13)
    axes.set_xlim(-0.6, 1.6)
    axes.set_ylim(0, maths.entropy(FAIR) * 1.2)
    axes.set_ylabel(t(lang, "learn.pic.bits"), fontsize=12)
    _numbers_on(lang, axes.yaxis)
    axes.set_title(t(lang, "learn.pic.entropy_title"), fontsize=14)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    return _png(figure)


# ---------------------------------------------------------------- surprise


def curve(lang: str) -> bytes:
    """S(p) = −log p in bits, with nats on the right-hand axis (a constant factor), and the
    marked points ½, ⅙, 1/100."""
    f = Fmt(lang)
    figure = _figure((8.0, 5.0))
    axes = figure.add_subplot()
    ps = [0.004 + i * (1 - 0.004) / 400 for i in range(401)]
    axes.plot(ps, [maths.surprise(p) for p in ps], color=TRUTH_COLOUR, linewidth=2.5)
    for p, offset in zip(maths.MARKED, ((18, 28), (22, 18), (28, -6)), strict=True):
        bits = maths.surprise(p)
        axes.plot([float(p)], [bits], "o", color=BELIEF_COLOUR, markersize=9)
        axes.annotate(
            f"p = {f.frac(p)}: {f.bits(bits)} = {f.nats(maths.surprise(p, 'e'))}",
            (float(p), bits),
            xytext=offset,
            textcoords="offset points",
            fontsize=12,
            arrowprops={"arrowstyle": "-", "color": "#888888"},
        )
    axes.set_xlim(0, 1.02)
    axes.set_ylim(0, 8.2)
    axes.set_xlabel(t(lang, "learn.pic.curve_x"), fontsize=12)
    axes.set_ylabel(t(lang, "learn.pic.bits"), fontsize=12)
    ln2 = maths.ln2()
    nats_axis = axes.secondary_yaxis("right", functions=(lambda b: b * ln2, lambda n: n / ln2))
    nats_axis.set_ylabel(t(lang, "learn.pic.nats"), fontsize=12)
    _numbers_on(lang, axes.xaxis, axes.yaxis, nats_axis.yaxis)
    axes.set_title("S(p) = −log p", fontsize=15)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    return _png(figure)


def underflow(lang: str) -> bytes:
    """Left: the float product of many tiny probabilities falls to exactly 0 and stays there.
    Right: the sum of their logs goes down a calm straight line."""
    f = Fmt(lang)
    products = maths.underflow_products()
    zero_at = maths.first_zero(products)
    sums = maths.log_sums()
    counts = list(range(1, len(products) + 1))
    floor = 5e-324  # the smallest positive float: a log axis cannot show 0 itself
    figure = _figure((8.0, 4.4))
    left, right = figure.subplots(1, 2)
    alive = [(k, v) for k, v in zip(counts, products, strict=True) if v > 0]
    left.semilogy([k for k, _ in alive], [v for _, v in alive], color=TRUTH_COLOUR, linewidth=2.5)
    zeros = [k for k, v in zip(counts, products, strict=True) if v == 0]
    left.plot(zeros, [floor] * len(zeros), "o", color="#C44E52", markersize=4, clip_on=False)
    left.axvline(zero_at, color="#C44E52", linestyle="--", linewidth=1)
    left.annotate(
        t(lang, "learn.pic.zero", count=zero_at),
        (zero_at, floor),
        xytext=(len(products) * 0.35, 1e-60),  # in the empty corner above the line
        textcoords="data",
        fontsize=12,
        color="#C44E52",
        arrowprops={"arrowstyle": "->", "color": "#C44E52"},
    )
    left.set_ylim(floor, 10)
    left.set_yticks([1e0, 1e-100, 1e-200, 1e-300])
    left.set_title(t(lang, "learn.pic.product"), fontsize=12)
    left.set_xlabel(t(lang, "learn.pic.factors"), fontsize=11)
    left.set_xlim(0, len(products) + 2)
    left.grid(alpha=0.3)
    right.plot(counts, sums, color=BELIEF_COLOUR, linewidth=2.5)
    right.annotate(
        f.num(sums[-1]),
        (counts[-1], sums[-1]),
        xytext=(-95, 18),
        textcoords="offset points",
        fontsize=12,
        color=BELIEF_COLOUR,
    )
    right.set_title(t(lang, "learn.pic.log_sum"), fontsize=12)
    right.set_xlabel(t(lang, "learn.pic.terms"), fontsize=11)
    right.set_xlim(0, len(products) + 2)
    right.grid(alpha=0.3)
    _numbers_on(lang, right.yaxis)
    figure.tight_layout()
    return _png(figure)


def _numbers_on(lang: str, *axes: Axis) -> None:
    """Tick labels with the language's decimal mark (0,2 in Ukrainian, 0.2 in English)."""
    f = Fmt(lang)
    for axis in axes:
        axis.set_major_formatter(FuncFormatter(lambda value, _pos: f.num(value) if value else "0"))


# ---------------------------------------------------------------- cross-entropy and KL


def _gap(lang: str, *, kl_named: bool) -> bytes:
    """H(p, q) for three beliefs about the weird die, each bar split into H(p) and the extra
    surprise the belief costs (named KL in lesson 5)."""
    f = Fmt(lang)
    h = maths.entropy(WEIRD)
    beliefs = (
        (t(lang, "learn.pic.gap_truth"), WEIRD),
        (t(lang, "learn.pic.gap_misread"), MISREAD),
        (t(lang, "learn.pic.gap_fair"), FAIR),
    )
    extra_name = "D(p‖q)" if kl_named else t(lang, "learn.pic.extra")
    figure = _figure((8.0, 4.2))
    axes = figure.add_subplot()
    for row, (_name, q) in enumerate(beliefs):
        extra = maths.kl(WEIRD, q)
        axes.barh(row, h, color=TRUTH_COLOUR, height=0.55, label="H(p)" if row == 0 else None)
        axes.barh(
            row,
            extra,
            left=h,
            color=BELIEF_COLOUR,
            hatch="//",
            edgecolor="white",
            height=0.55,
            label=extra_name if row == 0 else None,
        )
        axes.text(h / 2, row, f.fixed(h), ha="center", va="center", color="white", fontsize=12)
        total = maths.cross_entropy(WEIRD, q)
        label = f"{f.fixed(total)}" if extra == 0 else f"+{f.fixed(extra)} = {f.fixed(total)}"
        axes.text(total + 0.04, row, label, va="center", fontsize=12)
    axes.set_yticks(range(len(beliefs)), [name for name, _ in beliefs], fontsize=12)
    axes.invert_yaxis()
    axes.set_xlim(0, maths.cross_entropy(WEIRD, FAIR) * 1.45)
    axes.set_title(t(lang, "learn.pic.gap_title"), fontsize=13)
    _numbers_on(lang, axes.xaxis)
    axes.legend(fontsize=11, loc="upper right")
    axes.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    return _png(figure)


def words(lang: str) -> bytes:
    """The surprise of each real word for a language model, and the loss: their average."""
    f = Fmt(lang)
    surprises = maths.word_surprises()
    loss = maths.average(surprises)
    labels = t(lang, "learn.pic.words").split("|")
    figure = _figure((8.0, 4.4))
    axes = figure.add_subplot()
    bars = axes.bar(range(len(surprises)), surprises, color=TRUTH_COLOUR, width=0.6)
    for bar, q, s in zip(bars, maths.WORD_PROBABILITIES, surprises, strict=True):
        axes.annotate(
            f"q = {f.num(q)}\n{f.num(s)}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=11,
            xytext=(0, 3),
            textcoords="offset points",
        )
    axes.axhline(
        loss,
        color=BELIEF_COLOUR,
        linestyle="--",
        linewidth=2,
        zorder=0,
        label=t(lang, "learn.pic.loss", loss=f.nats(loss, 3)),
    )
    axes.legend(fontsize=12, loc="upper right")
    axes.set_xticks(range(len(labels)), labels, fontsize=13)
    axes.set_ylim(0, max(surprises) * 1.35)
    axes.set_ylabel(t(lang, "learn.pic.word_surprise"), fontsize=12)
    _numbers_on(lang, axes.yaxis)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    return _png(figure)


# ---------------------------------------------------------------- the gallery

PICTURES: dict[str, Callable[[str], bytes]] = {
    "fair_die": fair_die,
    "weird_die": weird_die,
    "distributions": distributions,
    **{f"rules_{known}": partial(cards.rules, known=known) for known in range(5)},
    "rules_done": partial(cards.rules, known=cards.RULE_COUNT, result=True),
    "curve": curve,
    "underflow": underflow,
    "entropy_card": cards.entropy_card,
    "entropies": entropies,
    "belief": belief,
    "gap": partial(_gap, kl_named=False),
    "units": cards.units_card,
    "words": words,
    "gap_kl": partial(_gap, kl_named=True),
    "limit": cards.limit_card,
    "path": cards.path_card,
}


@lru_cache(maxsize=len(PICTURES) * 4)
def render(name: str, lang: str) -> bytes:
    """The PNG of picture `name` in `lang`, drawn on first use and kept. CPU work: call it
    through `picture` (or `asyncio.to_thread`) from async code."""
    return PICTURES[name](lang)


_drawing: dict[tuple[str, str], asyncio.Task[bytes]] = {}


async def picture(name: str, lang: str) -> bytes:
    """`render` in a worker thread, never on the event loop. Concurrent requests for one
    picture share one drawing; once drawn, it is handed out without another thread hop."""
    if name not in PICTURES:
        raise KeyError(f"no picture {name!r}")
    loop = asyncio.get_running_loop()
    key = (name, lang)
    task = _drawing.get(key)
    failed = task is not None and task.done() and task.exception() is not None
    if task is None or failed or task.get_loop() is not loop:
        task = loop.create_task(asyncio.to_thread(render, name, lang))
        _drawing[key] = task
    return await asyncio.shield(task)

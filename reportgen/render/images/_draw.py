"""Bar and line chart specs drawn on a matplotlib figure, as the PDF and the deck draw them."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter

from reportgen.render.images._figure import new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from reportgen.charts.spec import BarChart, LegendEntry, LineChart
    from reportgen.render.images._figure import Ink

LABEL_CHARS = 30  # a category label wraps to two lines of about this many characters
LEGEND_COLUMNS = 4


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines, ending in an ellipsis when cut (tables have it all)."""
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …")) or text


def _ticks(maximum: float, step: float) -> list[float]:
    return [k * step for k in range(round(maximum / step) + 1)]


def _value_axis(ax: Axes, maximum: float, step: float, percent: bool, ink: Ink) -> None:
    ax.xaxis.set_major_locator(FixedLocator(_ticks(maximum, step)))
    if percent:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}%"))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.grid(axis="x", color=ink.rule, linewidth=0.5)
    ax.set_axisbelow(True)


def _plain_frame(ax: Axes, *keep: str) -> None:
    for side, spine in ax.spines.items():
        spine.set_visible(side in keep)


def swatch_legend(fig: Figure, entries: tuple[LegendEntry, ...]) -> None:
    """A row of colour swatches below the plot."""
    if not entries:
        return
    handles = [Patch(facecolor=e.colour, label=e.label) for e in entries]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), LEGEND_COLUMNS),
        frameon=False,
        handlelength=1.0,
    )


def bar_figure(spec: BarChart, ink: Ink, title: str | None) -> Figure:
    """Horizontal bars in the spec's order (first at the top), labelled at their ends."""
    n = len(spec.categories)
    lines = max((wrap(c).count("\n") + 1 for c in spec.categories), default=1)
    pitch = max(0.34, (lines * 1.25 + 0.9) * ink.size / 72)
    height = n * pitch + 0.9 + (0.3 if title else 0) + 0.2 * (len(spec.legend) > LEGEND_COLUMNS)
    fig = new_figure(ink, height)
    ax = fig.add_subplot()
    positions = list(range(n))
    ax.barh(positions, spec.values, height=0.62, color=list(spec.colours), zorder=2)
    ax.set_yticks(positions, [wrap(c) for c in spec.categories])
    ax.tick_params(axis="y", length=0, labelsize=ink.size)
    ax.set_ylim(n - 0.5, -0.5)  # the first category at the top, as in the table
    ax.set_xlim(0, spec.maximum)
    _value_axis(ax, spec.maximum, spec.major_unit, spec.percent, ink)
    for y, value, label in zip(positions, spec.values, spec.labels, strict=True):
        ax.annotate(
            label,
            (min(value, spec.maximum), y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=ink.size,
            annotation_clip=False,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            zorder=3,
        )
    ax.set_xlabel(spec.axis_title)
    _plain_frame(ax, "left", "bottom")
    swatch_legend(fig, spec.legend)
    if title:
        fig.suptitle(title, x=0.0, ha="left", fontweight="bold", fontsize=ink.size * 1.1)
    return fig


def line_figure(spec: LineChart, ink: Ink, title: str | None) -> Figure:
    """One line per series over the dates; a series is joined across dates it skips."""
    legend_rows = -(-len(spec.series) // LEGEND_COLUMNS)
    height = min(ink.width * 0.42, 3.2) + 0.25 * legend_rows + (0.3 if title else 0)
    fig = new_figure(ink, height)
    ax = fig.add_subplot()
    for series in spec.series:
        points = [(i, v) for i, v in enumerate(series.values) if v is not None]
        ax.plot(
            [x for x, _ in points],
            [min(v, spec.maximum) for _, v in points],
            color=series.colour,
            linewidth=1.6,
            marker="o",
            markersize=5,
            markeredgecolor="white",
            markeredgewidth=0.6,
            label=series.name,
            zorder=3,
        )
    n = len(spec.categories)
    step = max(1, -(-n // 8))  # at most about eight date labels, the latest always shown
    shown = [i for i in range(n) if (n - 1 - i) % step == 0]
    ax.set_xticks(shown, [spec.categories[i] for i in shown])
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(0, spec.maximum)
    ax.yaxis.set_major_locator(FixedLocator(_ticks(spec.maximum, spec.major_unit)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.grid(axis="y", color=ink.rule, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_ylabel(spec.axis_title)
    _plain_frame(ax, "bottom")
    handles = [
        Line2D([], [], color=s.colour, marker="o", linewidth=1.6, label=wrap(s.name, 40, 1))
        for s in spec.series
    ]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), LEGEND_COLUMNS),
        frameon=False,
    )
    if title:
        fig.suptitle(title, x=0.0, ha="left", fontweight="bold", fontsize=ink.size * 1.1)
    return fig

"""Chart specs → vector reportlab drawings in the theme's font (no matplotlib in the PDF path).

Each spec is drawn as specified (order, labels, colours, legend), sized to the frame width
and never taller than a page: long bar charts continue in further drawings, long legends
flow after their drawing as a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import PolyLine
from reportlab.lib import colors

from reportgen.charts.spec import BarChart, RiskMatrix
from reportgen.render.pdf._fit import Shrinkable
from reportgen.render.pdf._ink import (
    LEGEND_PITCH,
    Ink,
    circle,
    draw_legend_rows,
    drawing,
    fit_lines,
    legend_rows,
    legend_table,
    line,
    outlined,
    rect,
    truncate,
)
from reportgen.render.pdf._matrix import matrix_flowables
from reportgen.render.pdf._tags import figure
from reportgen.render.pdf._text import colour, raw_para

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

    from reportgen.charts.spec import ChartSpec, LineChart
    from reportgen.render.pdf._ink import LegendRows
    from reportgen.render.pdf._text import Styles


def chart_flowables(
    spec: ChartSpec, styles: Styles, width: float, max_height: float
) -> list[Flowable]:
    """The chart's caption and drawing(s), each drawing at most ``max_height`` tall."""
    ink = Ink.of(styles)
    extra: list[Flowable] = []
    if isinstance(spec, BarChart):
        drawings = _bar_drawings(spec, ink, width, max_height)
    elif isinstance(spec, RiskMatrix):
        drawing_, extra = matrix_flowables(spec, ink, styles, width, max_height)
        drawings = [drawing_]
    else:
        drawing_, fits = _line_drawing(spec, ink, width, max_height)
        drawings = [drawing_]
        if not fits:
            legend = [(escape(s.name), s.colour) for s in spec.series]
            extra = [legend_table(legend, styles, width)]
    flowables: list[Flowable] = []
    for i, d in enumerate(drawings):
        title = spec.title if len(drawings) == 1 else f"{spec.title} ({i + 1}/{len(drawings)})"
        # The first part carries the chart's description (the deck's alt text too).
        figure(d, spec.alt_text if i == 0 else f"{title}: the chart continued.")
        # The caption style keeps with next: the document groups it with its drawing (and
        # a heading just before), which is small by construction, so it always fits a page.
        flowables += [raw_para(f"<b>{escape(title)}</b>", styles.caption), Shrinkable(d)]
    return flowables + extra


def _tick_text(value: float, percent: bool, ink: Ink) -> str:
    return ink.words.percent(value) if percent else ink.words.number(value)


# --- bar charts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BarLayout:
    """Where the parts of a horizontal bar chart go, shared by all its pieces."""

    width: float
    label_w: float  # category labels, right-aligned before the plot
    plot_x: float
    plot_w: float
    pitch: float  # one category's height
    bar: float  # bar thickness
    bottom: float  # axis, axis title and legend below the plot
    legend: LegendRows

    @classmethod
    def of(cls, spec: BarChart, ink: Ink, width: float) -> _BarLayout:
        label_w = min(max((ink.width(c) for c in spec.categories), default=0), width * 0.34)
        lines = 2 if any(ink.width(c) > label_w for c in spec.categories) else 1
        pitch = max(ink.size * 2.4, (lines * 1.2 + 1.0) * ink.size)
        # Room at the right for the longest value label at the end of a full bar.
        value_w = max((ink.width(v) for v in spec.labels), default=0)
        plot_x = label_w + ink.size * 0.8
        legend = legend_rows(spec.legend, ink, plot_x, width)
        bottom = ink.tick * 2.0 + ink.size * 1.8 + len(legend) * ink.tick * LEGEND_PITCH
        bar = min(pitch * 0.62, ink.size * 1.9)
        plot_w = width - plot_x - value_w - ink.size * 0.8
        return cls(width, label_w, plot_x, plot_w, pitch, bar, bottom, legend)


def _bar_drawings(spec: BarChart, ink: Ink, width: float, max_height: float) -> list[Drawing]:
    lay = _BarLayout.of(spec, ink, width)
    n = len(spec.categories)
    per_piece = max(1, int((max_height - lay.bottom - ink.size) // lay.pitch))
    size = math.ceil(n / math.ceil(n / per_piece))  # even pieces read better than a stub
    return [_bar_drawing(spec, ink, lay, range(i, min(i + size, n))) for i in range(0, n, size)]


def _bar_drawing(spec: BarChart, ink: Ink, lay: _BarLayout, rows: range) -> Drawing:
    plot_h = len(rows) * lay.pitch
    d = drawing(lay.width, lay.bottom + plot_h + ink.size * 0.6, ink)
    _value_axis(d, spec, ink, lay, plot_h)
    for slot, i in enumerate(rows):
        yc = lay.bottom + plot_h - (slot + 0.5) * lay.pitch
        length = lay.plot_w * max(0.0, min(spec.values[i], spec.maximum)) / spec.maximum
        rect(d, lay.plot_x, yc - lay.bar / 2, length, lay.bar, colour(spec.colours[i]))
        _value_label(d, lay.plot_x + length + ink.size * 0.4, yc, spec.labels[i], ink)
        _category_label(d, spec.categories[i], ink, lay, yc)
    line(d, lay.plot_x, lay.bottom, lay.plot_x, lay.bottom + plot_h, ink.muted, 0.8)
    draw_legend_rows(d, lay.legend, ink, ink.tick * LEGEND_PITCH * len(lay.legend))
    return d


def _value_label(d: Drawing, x: float, yc: float, text: str, ink: Ink) -> None:
    # A paper-coloured backing keeps gridlines from striking through the value.
    pad = ink.size * 0.2
    rect(d, x - pad, yc - ink.size * 0.6, ink.width(text) + 2 * pad, ink.size * 1.2, colors.white)
    d.add(ink.string(x, yc - ink.size * 0.35, text))


def _category_label(d: Drawing, text: str, ink: Ink, lay: _BarLayout, yc: float) -> None:
    # Long names wrap to two lines and end in an ellipsis; the table has them in full.
    lines = fit_lines(text, ink, ink.size, lay.label_w, 2)
    leading = ink.size * 1.15
    first = yc - ink.size * 0.35 + (len(lines) - 1) * leading / 2
    for k, text_line in enumerate(lines):
        x = lay.plot_x - ink.size * 0.6
        d.add(ink.string(x, first - k * leading, text_line, anchor="end"))


def _value_axis(d: Drawing, spec: BarChart, ink: Ink, lay: _BarLayout, plot_h: float) -> None:
    y0 = lay.bottom
    for k in range(round(spec.maximum / spec.major_unit) + 1):
        value = k * spec.major_unit
        x = lay.plot_x + lay.plot_w * value / spec.maximum
        if k:
            line(d, x, y0, x, y0 + plot_h, ink.rule, 0.5)
        line(d, x, y0, x, y0 - ink.tick * 0.4, ink.muted, 0.6)
        ink.tick_label(d, x, y0 - ink.tick * 1.5, _tick_text(value, spec.percent, ink), "middle")
    line(d, lay.plot_x, y0, lay.plot_x + lay.plot_w, y0, ink.muted, 0.6)
    title_y = y0 - ink.tick * 2.0 - ink.size * 1.1
    ink.axis_title(d, lay.plot_x + lay.plot_w / 2, title_y, spec.axis_title, vertical=False)


# --- line chart ------------------------------------------------------------------------------


def _line_drawing(
    spec: LineChart, ink: Ink, width: float, max_height: float
) -> tuple[Drawing, bool]:
    """The line chart and whether its legend fitted inside it."""
    plot_x = ink.size * 1.6 + ink.width(f"{spec.maximum:g}", ink.tick) + ink.tick * 1.2
    plot_w = width - plot_x - ink.size
    plot_h = min(width * 0.36, ink.size * 20)
    longest = max(ink.width(s.name, ink.tick) for s in spec.series)
    col_w = min(width / 2, longest + ink.tick * 4)
    cols = max(1, int((width - plot_x) // col_w))
    legend_h = math.ceil(len(spec.series) / cols) * ink.tick * LEGEND_PITCH
    axis_h = ink.tick * 2.2
    fits = axis_h + legend_h + plot_h + ink.size <= max_height
    legend_h = legend_h if fits else 0
    bottom = axis_h + legend_h + ink.size * 0.4
    d = drawing(width, bottom + plot_h + ink.size * 0.6, ink)
    _line_axes(d, spec, ink, (plot_x, bottom, plot_w, plot_h))
    for series in spec.series:
        _series(d, spec, series.values, colour(series.colour), (plot_x, bottom, plot_w, plot_h))
    if fits:
        for i, series in enumerate(spec.series):
            x = plot_x + (i % cols) * col_w
            y = legend_h - (i // cols + 0.75) * ink.tick * LEGEND_PITCH
            alone = sum(v is not None for v in series.values) < 2
            _line_key(d, x, y, colour(series.colour), ink, line_too=not alone)
            label = truncate(series.name, ink, ink.tick, col_w - ink.tick * 3)
            d.add(ink.string(x + ink.tick * 2.4, y, label, size=ink.tick))
    return d, fits


def _line_key(
    d: Drawing, x: float, y: float, c: colors.Color, ink: Ink, *, line_too: bool = True
) -> None:
    """A legend key: the line with its marker, or the marker alone for a series of one point."""
    mid = y + ink.tick * 0.3
    if line_too:
        line(d, x, mid, x + ink.tick * 1.8, mid, c, 1.6)
    circle(d, x + ink.tick * 0.9, mid, ink.tick * 0.3, c)


def date_positions(spec: LineChart) -> list[float]:
    """Where each date sits across the time axis, 0 to 1: spaced by time, not by count."""
    first, last = spec.dates[0], spec.dates[-1]
    span = (last - first).days
    if span == 0:
        return [0.5] * len(spec.dates)
    pad = 0.06  # keep the first and last markers off the axes
    return [pad + (1 - 2 * pad) * (d - first).days / span for d in spec.dates]


def _line_axes(
    d: Drawing, spec: LineChart, ink: Ink, box: tuple[float, float, float, float]
) -> None:
    x0, y0, w, h = box
    for k in range(round(spec.maximum / spec.major_unit) + 1):
        value = k * spec.major_unit
        y = y0 + h * value / spec.maximum
        line(d, x0, y, x0 + w, y, ink.rule if k else ink.muted, 0.5 if k else 0.6)
        ink.tick_label(d, x0 - ink.tick * 0.5, y - ink.tick * 0.35, ink.words.number(value), "end")
    xs = [x0 + f * w for f in date_positions(spec)]
    # Labels from the latest date back, each only where it clears the one after it.
    right = math.inf
    for x, category in reversed(list(zip(xs, spec.categories, strict=True))):
        line(d, x, y0, x, y0 - ink.tick * 0.4, ink.muted, 0.6)
        half = ink.width(category, ink.tick) / 2
        if x + half + ink.tick * 0.5 <= right:
            ink.tick_label(d, x, y0 - ink.tick * 1.5, category, "middle")
            right = x - half
    ink.axis_title(d, ink.size * 0.9, y0 + h / 2, spec.axis_title, vertical=True)


def _series(
    d: Drawing,
    spec: LineChart,
    values: tuple[float | None, ...],
    c: colors.Color,
    box: tuple[float, float, float, float],
) -> None:
    x0, y0, w, h = box
    points = [
        (x0 + f * w, y0 + h * min(v, spec.maximum) / spec.maximum)
        for f, v in zip(date_positions(spec), values, strict=True)
        if v is not None
    ]
    # A factor's assessments are joined across dates on which it was not assessed.
    if len(points) > 1:
        d.add(PolyLine([xy for p in points for xy in p], strokeColor=c, strokeWidth=1.6))
    for x, y in points:
        outlined(circle(d, x, y, 2.6, c), colors.white, 0.6)

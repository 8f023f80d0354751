"""Chart specs as deck objects: native, editable bar and line charts; a risk matrix of shapes."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from reportgen.render.pptx._ooxml.access import chart_space, text_body
from reportgen.render.pptx._ooxml.chart import (
    cross_at_max,
    date_axis_every,
    format_bars,
    format_line,
    label_every_category,
    number_axes,
    percent_format,
    series_element,
)
from reportgen.render.pptx._ooxml.names import A_BODY_PR
from reportgen.render.pptx._ooxml.workbook import StampedChartData
from reportgen.render.pptx._shapes import (
    Members,
    Rect,
    add_box,
    add_text,
    fill_text,
    inches,
    points,
    rgb,
    set_alt_text,
)
from reportgen.render.pptx._text import INSET_X, INSET_Y, Metrics, Para, fits, para
from reportgen.source.inline import Run, shorten_words

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Sequence

    from pptx.chart.chart import Chart
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.shapetree import SlideShapes

    from reportgen.charts.spec import BarChart, LegendEntry, LineChart, MatrixPoint, RiskMatrix
    from reportgen.render.pptx._ooxml.runs import Style
    from reportgen.render.pptx._shapes import Shapes


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """What charts take from the theme: text style, sizes and the gridline colour."""

    text: Style
    size: float
    grid: str
    marker_line: str


# --- native charts ------------------------------------------------------------------------


def add_bar_chart(
    shapes: SlideShapes, spec: BarChart, rect: Rect, style: ChartStyle, stamp: dt.datetime
) -> GraphicFrame:
    """A native clustered bar chart, first category on top, each bar in its spec colour."""
    fmt = percent_format(spec.percent_text) if spec.percent else "0"
    data = StampedChartData(stamp, fmt)
    # A chart application cannot break a word in a category label; cut it as the PDF does.
    data.categories = [shorten_words(c) for c in spec.categories]
    data.add_series(spec.axis_title, spec.values, fmt)  # type: ignore[no-untyped-call]
    frame = _add_chart(shapes, XL_CHART_TYPE.BAR_CLUSTERED, rect, data)
    chart = frame.chart
    _base_chart(chart, style)
    plot = chart.plots[0]
    plot.gap_width = 45
    plot.vary_by_categories = False
    # Each bar in its colour, its label outside its end on one line.
    ser = series_element(plot.series[0])
    format_bars(ser, spec.colours, spec.labels, style.size, style.text.font, style.text.text)
    cats = chart.category_axis
    cats.reverse_order = True  # bar charts plot bottom-up; the spec's order is top-down
    cats.format.line.color.rgb = rgb(style.grid)
    cats.has_major_gridlines = False
    label_every_category(cats)
    _value_axis(chart, spec.maximum, spec.major_unit, spec.axis_title, fmt, style)
    # Reversed categories would lift the value axis to the top: cross at the last category.
    cross_at_max(chart.value_axis)
    set_alt_text(frame, spec.alt_text)
    frame.name = spec.title
    return frame


def add_line_chart(
    shapes: SlideShapes, spec: LineChart, rect: Rect, style: ChartStyle, stamp: dt.datetime
) -> GraphicFrame:
    """A native line chart with markers on a date axis, one series per spec line, legend
    underneath; a series of one point is a marker alone."""
    data = StampedChartData(stamp, "0")
    data.categories = spec.dates  # dates: a c:dateAx, which spaces them by time
    data.categories.number_format = "yyyy\\-mm\\-dd"
    for line in spec.series:
        data.add_series(shorten_words(line.name), line.values)  # type: ignore[no-untyped-call]
    frame = _add_chart(shapes, XL_CHART_TYPE.LINE_MARKERS, rect, data)
    chart = frame.chart
    _base_chart(chart, style)
    for line, series in zip(spec.series, chart.plots[0].series, strict=True):
        alone = sum(v is not None for v in line.values) < 2  # a factor without history
        format_line(series_element(series), line.colour, 2.5, 9, line=not alone)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(style.size)
    chart.category_axis.format.line.color.rgb = rgb(style.grid)
    _month_ticks(chart, spec)
    _value_axis(chart, spec.maximum, spec.major_unit, spec.axis_title, "0", style)
    set_alt_text(frame, spec.alt_text)
    frame.name = spec.title
    return frame


def _month_ticks(chart: Chart, spec: LineChart) -> None:
    """Date-axis labels every few months (about six), not every day."""
    first, last = spec.dates[0], spec.dates[-1]
    months = (last.year - first.year) * 12 + last.month - first.month
    date_axis_every(chart_space(chart), max(1, -(-months // 6)))


def _add_chart(
    shapes: SlideShapes, kind: XL_CHART_TYPE, rect: Rect, data: StampedChartData
) -> GraphicFrame:
    # python-pptx annotates add_chart as returning the Chart; it returns the graphic frame.
    x, y, w, h = (Emu(v) for v in (rect.x, rect.y, rect.w, rect.h))
    added = shapes.add_chart(kind, x, y, w, h, data)  # type: ignore[arg-type]
    frame = cast("GraphicFrame", added)
    number_axes(chart_space(frame.chart))
    return frame


def _base_chart(chart: Chart, style: ChartStyle) -> None:
    chart.has_title = False  # the slide title names the chart
    chart.has_legend = False
    chart.font.size = Pt(style.size)
    chart.font.name = style.text.font
    chart.font.color.rgb = rgb(style.text.text)


def _value_axis(
    chart: Chart, maximum: float, unit: float, title: str, fmt: str, style: ChartStyle
) -> None:
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.maximum_scale = maximum
    axis.major_unit = unit
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb(style.grid)
    axis.format.line.fill.background()
    axis.tick_labels.number_format = fmt
    axis.tick_labels.number_format_is_linked = False
    axis.has_title = True
    axis.axis_title.text_frame.text = title
    font = axis.axis_title.text_frame.paragraphs[0].runs[0].font
    font.size, font.bold, font.name = Pt(style.size), False, style.text.font
    font.color.rgb = rgb(style.text.text)


# --- legends -------------------------------------------------------------------------------


def legend_height(style: ChartStyle, rows: int = 1) -> int:
    """Height of a swatch legend of ``rows`` rows."""
    return rows * points(style.size * 1.25 + 8)


def add_legend(
    shapes: Shapes,
    entries: Sequence[LegendEntry],
    rect: Rect,
    m: Metrics,
    style: ChartStyle,
    *,
    vertical: bool = False,
) -> None:
    """Colour swatches with labels, one row centred in ``rect`` or stacked, grouped as one."""
    if not entries:
        return
    size, sw, row = style.size, points(style.size * 0.8), legend_height(style)
    gap = points(style.size * 1.2)
    widths = [points(m.width(e.label, size) + 2 * INSET_X + 2) for e in entries]
    total = sum(sw + w for w in widths) + gap * (len(entries) - 1)
    if not vertical and total > rect.w:
        vertical = True  # too wide for one row
    members = Members(shapes)
    x, y = (rect.x, rect.y) if vertical else (rect.x + (rect.w - total) // 2, rect.y)
    for entry, w in zip(entries, widths, strict=True):
        w = min(w, rect.right - x - sw)
        add_box(members, Rect(x, y + (row - sw) // 2, sw, sw), entry.colour)
        box = Rect(x + sw, y, w, row)
        add_text(members, box, [para(entry.label)], size, style.text, anchor="middle")
        if vertical:
            y += row
        else:
            x += sw + w + gap
    group = members.group("Legend")
    set_alt_text(group, "Legend: " + ", ".join(e.label for e in entries))


# --- the risk matrix -----------------------------------------------------------------------


def matrix_pages(spec: RiskMatrix, per_page: int, per_cell: int = 4) -> list[list[MatrixPoint]]:
    """Points split into pages of at most ``per_page``, no cell holding more than ``per_cell``."""
    pages: list[list[MatrixPoint]] = [[]]
    crowd: Counter[tuple[int, int]] = Counter()
    for p in spec.points:
        cell = (p.likelihood, p.impact)
        if len(pages[-1]) >= per_page or crowd[cell] >= per_cell:
            pages.append([])
            crowd = Counter()
        pages[-1].append(p)
        crowd[cell] += 1
    return pages


def add_risk_matrix(
    shapes: Shapes,
    spec: RiskMatrix,
    pts: Sequence[MatrixPoint],
    rect: Rect,
    legend: Rect,
    m: Metrics,
    style: ChartStyle,
) -> None:
    """The 5×5 grid as editable shapes with numbered markers, axis labels and a swatch legend.

    The grid fills ``rect``; the level legend is stacked in ``legend``. Everything is grouped
    into one shape carrying the spec's alt text.
    """
    inner = Members(shapes)
    axis = points(m.line_height(style.size) + 2 * max(INSET_X, INSET_Y) + 2)
    cell = min((rect.w - 2 * axis) // 5, (rect.h - 2 * axis) // 5)
    grid = Rect(rect.x + 2 * axis, rect.y, 5 * cell, 5 * cell)
    for impact in range(1, 6):
        for lk in range(1, 6):
            box = Rect(grid.x + (lk - 1) * cell, grid.y + (5 - impact) * cell, cell, cell)
            colour = spec.cell_colours[impact - 1][lk - 1]
            add_box(inner, box, colour, line="#FFFFFF", line_pt=1.5)
    _matrix_axes(inner, spec, grid, axis, style)
    _matrix_markers(inner, pts, grid, style)
    add_legend(inner, spec.legend, legend, m, style, vertical=True)
    set_alt_text(inner.group(spec.title), spec.alt_text)


def _matrix_axes(inner: Shapes, spec: RiskMatrix, grid: Rect, axis: int, style: ChartStyle) -> None:
    cell, size = grid.w // 5, style.size
    for i in range(1, 6):
        x_label = Rect(grid.x + (i - 1) * cell, grid.bottom, cell, axis)
        add_text(inner, x_label, [para(str(i), align="center")], size, style.text)
        y_label = Rect(grid.x - axis, grid.y + (5 - i) * cell, axis, cell)
        add_text(inner, y_label, [para(str(i), align="center")], size, style.text, anchor="middle")
    x_title = Rect(grid.x, grid.bottom + axis, grid.w, axis)
    add_text(inner, x_title, [para(spec.x_title, align="center", bold=True)], size, style.text)
    # Vertical text rather than a rotated box, whose unrotated frame would stick out.
    y_title = Rect(grid.x - 2 * axis, grid.y, axis, grid.h)
    box = add_text(
        inner, y_title, [para(spec.y_title, align="center", bold=True)], size, style.text
    )
    text_body(box.text_frame).find(A_BODY_PR).set("vert", "vert270")


def _matrix_markers(
    inner: Shapes, pts: Sequence[MatrixPoint], grid: Rect, style: ChartStyle
) -> None:
    cell = grid.w // 5
    by_cell: dict[tuple[int, int], list[MatrixPoint]] = {}
    for p in pts:
        by_cell.setdefault((p.likelihood, p.impact), []).append(p)
    for (lk, impact), members in by_cell.items():
        x0, y0 = grid.x + (lk - 1) * cell, grid.y + (5 - impact) * cell
        for p, (cx, cy, d) in zip(members, _offsets(len(members), cell), strict=True):
            oval = add_box(
                inner,
                Rect(x0 + cx - d // 2, y0 + cy - d // 2, d, d),
                "#FFFFFF",
                line=style.marker_line,
                line_pt=1.25,
                shape=MSO_SHAPE.OVAL,
                name=f"Marker {p.number}",
            )
            tf = oval.text_frame
            fill_text(
                oval, [para(str(p.number), align="center", bold=True)], style.size, style.text
            )
            tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Emu(0)
            tf.word_wrap = False


def _offsets(n: int, cell: int) -> Iterator[tuple[int, int, int]]:
    """Centres and diameter of ``n`` markers sharing a cell, laid out on a small grid."""
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    step = cell // (max(cols, rows) + 0)
    d = min(inches(0.42), int(step * 0.86))
    for i in range(n):
        r, c = divmod(i, cols)
        in_row = min(cols, n - r * cols)
        cx = cell // 2 + int((c - (in_row - 1) / 2) * step)
        cy = cell // 2 + int((r - (rows - 1) / 2) * step)
        yield cx, cy, d


def matrix_key(
    pts: Sequence[MatrixPoint], rect: Rect, m: Metrics, style: ChartStyle, floor: float
) -> tuple[list[Para], float] | None:
    """Numbered key paragraphs ("1  Ethnic tensions") and a size that fits ``rect``, or None."""
    paras = [
        para(
            (
                Run(f"{p.number}\u2002", bold=True),
                Run(p.entry),
            ),
            space=0.3,
        )
        for p in pts
    ]
    for size in (style.size + 2, style.size, floor):
        if size >= floor and fits(m, paras, size, rect.pt):
            return paras, size
    return None

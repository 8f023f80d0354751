"""Native deck tables: rows measured with real font metrics, split across slides with the header."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from reportgen.inline import Run
from reportgen.render.pptx_runs import Style, write_paras
from reportgen.render.pptx_shapes import Rect, ink_on, points, rgb, set_alt_text
from reportgen.render.pptx_text import (
    EMU_PER_PT,
    INSET_X,
    INSET_Y,
    Align,
    Metrics,
    flow_height,
    para,
    truncate,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.shapetree import SlideShapes

_MIN_COL_PT = 40.0


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its runs, optional fill colour and alignment."""

    runs: tuple[Run, ...]
    fill: str | None = None
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True, slots=True)
class TableData:
    """A table to place: header cells, body rows and relative column widths (None: measure)."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    weights: tuple[float, ...] | None = None
    alt_text: str = ""


@dataclass(frozen=True, slots=True)
class TableStyle:
    """Colours of the header and of alternate rows."""

    text: Style
    header_fill: str
    band_fill: str


def cell(text: str | Sequence[Run], **kw: object) -> Cell:
    """A Cell from a string or runs."""
    runs = (Run(text),) if isinstance(text, str) else tuple(text)
    return Cell(runs, **kw)  # type: ignore[arg-type]


def column_widths(m: Metrics, data: TableData, width: float, size: float) -> list[float]:
    """Column widths in points summing to ``width``: by weight, else by natural text width.

    Each column is at least as wide as its longest word where the table allows, so words
    are not broken between letters.
    """
    n = len(data.header)
    rows = (data.header, *data.rows)
    natural = [max(_width(m, r[i], size, header=r is data.header) for r in rows) for i in range(n)]
    weights = (
        list(data.weights)
        if data.weights is not None
        else [min(w, width * 0.6) + 2 * INSET_X for w in natural]
    )
    floors = [
        max(_MIN_COL_PT, max(_longest_word(m, r[i], size) for r in rows) + 2 * INSET_X + 2)
        for i in range(n)
    ]
    if sum(floors) > width:  # too many or too long words: fall back to an even floor
        floors = [min(_MIN_COL_PT, width / n)] * n
    widths = [width * w / sum(weights) for w in weights]
    for _ in range(n):  # raise narrow columns to their floor, taking it from the others
        short = [i for i in range(n) if widths[i] < floors[i] - 0.01]
        if not short:
            break
        need = sum(floors[i] - widths[i] for i in short)
        free = [i for i in range(n) if i not in short]
        spare = sum(widths[i] - floors[i] for i in free) or 1.0
        for i in short:
            widths[i] = floors[i]
        for i in free:
            widths[i] -= need * (widths[i] - floors[i]) / spare
    return widths


def _width(m: Metrics, c: Cell, size: float, *, header: bool) -> float:
    return sum(
        m.width(r.text, size, bold=c.bold or header or r.bold, italic=r.italic) for r in c.runs
    )


def _longest_word(m: Metrics, c: Cell, size: float) -> float:
    words = "".join(r.text for r in c.runs).split()
    return max((m.width(w, size, bold=True) for w in words), default=0.0)  # bold is wider


def row_height(
    m: Metrics, row: Sequence[Cell], widths: Sequence[float], size: float, *, header: bool = False
) -> float:
    """Height of a row in points: its tallest cell plus the cell insets."""
    tallest = max(
        flow_height(m, [para(c.runs, bold=c.bold or header)], size, w - 2 * INSET_X)
        for c, w in zip(row, widths, strict=True)
    )
    return tallest + 2 * INSET_Y + 1


def clip_rows(
    m: Metrics, data: TableData, widths: Sequence[float], size: float, room: float
) -> TableData:
    """The table with cells cut short (…) so every row fits a slide of ``room`` points.

    Only absurdly long cells are cut; callers keep the full text in the speaker notes.
    """

    def clip(row: tuple[Cell, ...], limit: float, header: bool) -> tuple[Cell, ...]:
        if row_height(m, row, widths, size, header=header) <= limit:
            return row
        return tuple(
            replace(
                c, runs=truncate(m, para(c.runs, bold=c.bold or header), size, (w, limit - 1)).runs
            )
            for c, w in zip(row, widths, strict=True)
        )

    header = clip(data.header, room / 3, True)
    limit = room - row_height(m, header, widths, size, header=True)
    return replace(data, header=header, rows=tuple(clip(r, limit, False) for r in data.rows))


def table_pages(
    m: Metrics, data: TableData, widths: Sequence[float], size: float, rooms: tuple[float, float]
) -> list[list[int]]:
    """Row indices per slide; each slide repeats the header. ``rooms`` = (first, later) in pt.

    A first slide with no room for the header and one row is left empty (``[]``).
    """
    head = row_height(m, data.header, widths, size, header=True)
    pages: list[list[int]] = [[]]
    room = rooms[0] - head
    for i, row in enumerate(data.rows):
        h = row_height(m, row, widths, size)
        if h > room and (pages[-1] or room < rooms[1] - head):
            pages.append([])
            room = rooms[1] - head
        pages[-1].append(i)
        room -= h
    return pages


def table_height(
    m: Metrics, data: TableData, rows: Sequence[int], widths: Sequence[float], size: float
) -> float:
    """Height in points of the header plus the given rows."""
    return row_height(m, data.header, widths, size, header=True) + sum(
        row_height(m, data.rows[i], widths, size) for i in rows
    )


def add_table(
    shapes: SlideShapes,
    rect: Rect,
    data: TableData,
    rows: Sequence[int],
    size: float,
    m: Metrics,
    style: TableStyle,
) -> GraphicFrame:
    """A native table of the header and ``rows`` at the top of ``rect``, rows sized as measured."""
    widths = column_widths(m, data, rect.pt[0], size)
    all_rows = [data.header, *(data.rows[i] for i in rows)]
    heights = [
        points(row_height(m, r, widths, size, header=i == 0)) for i, r in enumerate(all_rows)
    ]
    frame = shapes.add_table(
        len(all_rows), len(widths), Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(sum(heights))
    )
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(int(w * EMU_PER_PT))
    for i, (row, h) in enumerate(zip(all_rows, heights, strict=True)):
        table.rows[i].height = Emu(h)
        for j, c in enumerate(row):
            _fill_cell(table.cell(i, j), c, size, style, header=i == 0, band=i % 2 == 0)
    if data.alt_text:
        set_alt_text(frame, data.alt_text)
    return frame


def _fill_cell(target, c: Cell, size: float, style: TableStyle, *, header: bool, band: bool):  # type: ignore[no-untyped-def]
    fill = style.header_fill if header else c.fill or (style.band_fill if band else "#FFFFFF")
    target.fill.solid()
    target.fill.fore_color.rgb = rgb(fill)
    margin = Emu(int(INSET_X * EMU_PER_PT))
    target.margin_left = target.margin_right = margin
    target.margin_top = target.margin_bottom = Emu(int(INSET_Y * EMU_PER_PT))
    ink = ink_on(fill, style.text.text)
    text = Style(style.text.font, ink, style.text.link if ink != "#FFFFFF" else ink, ink)
    target.vertical_anchor = MSO_ANCHOR.MIDDLE
    write_paras(
        target.text_frame, [para(c.runs, bold=c.bold or header, align=c.align, space=0)], size, text
    )

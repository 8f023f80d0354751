"""Native deck tables: rows measured with real font metrics, split across slides with the header."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from pptx.util import Emu

from reportgen.render.pptx._ooxml.access import element
from reportgen.render.pptx._ooxml.names import (
    A_GRID_COL,
    A_TBL_GRID,
    A_TBL_PR,
    A_TC,
    A_TC_PR,
    A_TR,
    A_TX_BODY,
    P_FRAME_EXT,
    P_FRAME_TBL,
    solid_fill,
)
from reportgen.render.pptx._ooxml.runs import Style, write_body
from reportgen.render.pptx._paginate import truncate
from reportgen.render.pptx._shapes import Rect, points, set_alt_text
from reportgen.render.pptx._text import (
    EMU_PER_PT,
    INSET_X,
    INSET_Y,
    Align,
    Metrics,
    flow_height,
    para,
)
from reportgen.source.inline import Run
from reportgen.theming.contrast import WHITE, ink_on

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.shapetree import SlideShapes

    from reportgen.render.pptx._frame import Deck
    from reportgen.render.pptx._ooxml.names import Element, Part

_MIN_COL_PT = 40.0
_X, _Y = str(int(INSET_X * EMU_PER_PT)), str(int(INSET_Y * EMU_PER_PT))
# Cell insets as measured, text centred vertically.
_CELL_PR = (("marL", _X), ("marR", _X), ("marT", _Y), ("marB", _Y), ("anchor", "ctr"))


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
    key = ("columns", data, width, size)  # pagination and drawing ask for the same widths
    found = m.derived.get(key)
    if found is None:
        found = m.derived[key] = tuple(_column_widths(m, data, width, size))
    return list(cast("tuple[float, ...]", found))


def _column_widths(m: Metrics, data: TableData, width: float, size: float) -> list[float]:
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
    key = ("row", tuple(row), tuple(widths), size, header)  # paginating asks many times
    found = m.derived.get(key)
    if found is None:
        tallest = max(
            flow_height(m, [para(c.runs, bold=c.bold or header)], size, w - 2 * INSET_X)
            for c, w in zip(row, widths, strict=True)
        )
        found = m.derived[key] = tallest + 2 * INSET_Y + 1
    return cast("float", found)


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


def table_rect(deck: Deck) -> Rect:
    """Where tables go: the content area inset like text, so a table's edges line up with
    the title rule and the text beside it (docs/layout.md)."""
    return deck.content.inset_x(points(INSET_X))


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
    tbl = element(frame).find(P_FRAME_TBL)
    # Written as XML: python-pptx resizes the frame after every column and row it is told
    # about, and its cell fill and margin API costs ~0.5 ms a cell.
    tbl_pr = tbl.find(A_TBL_PR)
    tbl_pr.set("firstRow", "1")
    tbl_pr.attrib.pop("bandRow", None)  # python-pptx drops a boolean set to its default
    col_ws = [int(w * EMU_PER_PT) for w in widths]
    for grid_col, w in zip(tbl.find(A_TBL_GRID).iterchildren(A_GRID_COL), col_ws, strict=True):
        grid_col.set("w", str(w))
    for i, (tr, row, h) in enumerate(zip(tbl.iterchildren(A_TR), all_rows, heights, strict=True)):
        tr.set("h", str(h))
        for tc, c in zip(tr.iterchildren(A_TC), row, strict=True):
            _fill_cell(tc, frame.part, c, size, style, header=i == 0, band=i % 2 == 0)
    ext = element(frame).find(P_FRAME_EXT)  # the frame spans the columns and rows, as set
    ext.set("cx", str(sum(col_ws)))
    ext.set("cy", str(sum(heights)))
    if data.alt_text:
        set_alt_text(frame, data.alt_text)
    return frame


def _fill_cell(
    tc: Element, part: Part, c: Cell, size: float, style: TableStyle, *, header: bool, band: bool
) -> None:
    """A cell's fill, measured insets, middle anchor and text."""
    fill = style.header_fill if header else c.fill or (style.band_fill if band else "#FFFFFF")
    tc_pr = tc.find(A_TC_PR)
    for name, value in _CELL_PR:
        tc_pr.set(name, value)
    solid_fill(tc_pr, fill)  # a new cell's tcPr is empty: the fill is its only child
    ink = ink_on(fill, style.text.text)
    text = Style(style.text.font, ink, style.text.link if ink != WHITE else ink, ink)
    paras = [para(c.runs, bold=c.bold or header, align=c.align, space=0)]
    write_body(tc.find(A_TX_BODY), part, paras, size, text)

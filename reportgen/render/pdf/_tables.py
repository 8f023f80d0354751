"""Tables of the memo: a table that splits sensibly, its style, and width helpers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import unescape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from reportgen.render.pdf._reportlab import (
    frame_full_height,
    frame_height,
    row_heights,
    splitting_frame,
    table_height,
)
from reportgen.render.pdf._tags import as_table
from reportgen.render.pdf._text import colour, hyphenating, markup, raw_para, tint

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

    from reportgen.render.pdf._text import Styles

_TAG = re.compile(r"<[^>]*>")


def table_style(styles: Styles, commands: Iterable[tuple[object, ...]]) -> TableStyle:
    """A table style whose cell font is the theme's (reportlab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular), *commands])


class FlowTable(Table):  # type: ignore[misc]  # reportlab is untyped
    """A table whose rows split across pages only when a row could never fit on one page.

    reportlab's ``splitInRow`` also splits the remainder of an already split table into
    the sliver left at the page bottom, repeating the header row mid-page. Here a row
    that fits on a fresh page moves there whole; only a taller row is split inside.
    """

    # Structure (docs/accessibility.md): the node of the whole table, its header row's
    # cells, and whether this is a continuation whose repeated header is an artifact.
    tag: Any = None
    head_cells: list[Any] = []  # noqa: RUF012  # replaced per instance, never mutated
    continued = False

    def __init__(self, data: list[list[Any]], **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        kwargs.setdefault("hAlign", "LEFT")
        super().__init__(data, **kwargs)

    # A table at most this share of a page is kept whole: moved to the next page rather
    # than split (a four-row table split two and two reads badly, docs/layout.md).
    KEEP_WHOLE = 0.4

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return self._pieces(self._split(aW, aH))

    def _pieces(self, parts: list[Flowable]) -> list[Flowable]:
        """Every piece is the same table in the structure; later ones repeat the header."""
        for i, part in enumerate(parts):
            if isinstance(part, FlowTable) and part is not self:
                part.tag, part.head_cells = self.tag, self.head_cells
                part.continued = self.continued or (i > 0 and bool(self.repeatRows))
        return parts

    def draw(self) -> None:
        tagger = getattr(self.canv, "tagger", None)
        if tagger is None or not self.continued:
            super().draw()
            return
        with tagger.muting(self.head_cells):
            super().draw()

    def _split(self, aW: float, aH: float) -> list[Flowable]:
        frame = splitting_frame(self)
        if frame is not None and table_height(self) <= frame_full_height(frame) * self.KEEP_WHOLE:
            return []
        in_row: int = getattr(self, "splitInRow", 0)
        self.splitInRow = 0
        try:
            parts: list[Flowable] = list(super().split(aW, aH))
        finally:
            self.splitInRow = in_row
        for part in parts:  # reportlab copies the flag into the pieces
            part.splitInRow = in_row
        if parts or not in_row:
            return parts
        frame = splitting_frame(self)  # the frame (or a probe) splitting us
        if frame is None or self._next_row_height(aH) <= frame_height(frame):
            return []
        return list(super().split(aW, aH))

    def _next_row_height(self, aH: float) -> float:
        """Header plus the first row that does not fit in ``aH`` (after split's layout)."""
        heights = row_heights(self)
        head = sum(heights[: self.repeatRows]) if isinstance(self.repeatRows, int) else 0
        used = 0.0
        for h in heights:
            if used + h > aH:
                return float(head + h)
            used += h
        return 0.0


def data_table(
    head: list[str],
    rows: list[list[str]],
    widths: list[float],
    s: Styles,
    *,
    centred: range = range(0),
) -> FlowTable:
    """A table of markup cells with a shaded, repeated header row and subtle zebra rows.

    ``head`` is plain text (escaped here); ``rows`` are markup; columns in ``centred`` are
    centred. Every cell is a paragraph, so it wraps instead of clipping.
    """
    pad = s.size * 0.8  # the cell padding set below, left and right
    narrow = {
        j for j, w in enumerate(widths) if _longest_word(head[j], [r[j] for r in rows], s) > w - pad
    }

    def style(base: ParagraphStyle, j: int) -> ParagraphStyle:
        return hyphenating(base, s.theme) if j in narrow else base

    data = [
        [
            raw_para(markup(h, ""), style(s.cell_head_centre if j in centred else s.cell_head, j))
            for j, h in enumerate(head)
        ]
    ]
    data += [
        [
            raw_para(c, style(s.cell_centre if j in centred else s.cell, j))
            for j, c in enumerate(row)
        ]
        for row in rows
    ]
    table = FlowTable(data, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
    c = s.theme.colours
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.4),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.4),
        ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.35),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.45),
        ("BACKGROUND", (0, 0), (-1, 0), colour(c.shade)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colour(c.primary)),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, colour(c.rule)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, tint(c.shade, 0.55)]),
    ]
    table.setStyle(table_style(s, commands))
    table.spaceBefore, table.spaceAfter = s.size * 0.3, s.size * 0.9
    as_table(table, data, head_rows=1)
    return table


def _longest_word(head: str, cells: list[str], s: Styles) -> float:
    """The widest word of a column, header in bold, cells as set (bold to be safe)."""
    head_w = max(
        (stringWidth(w, s.fonts.bold, s.cell_head.fontSize) for w in head.split()), default=0
    )
    words = (w for c in cells for w in strip_tags(c).split())
    cell_w = max((stringWidth(w, s.fonts.bold, s.cell.fontSize) for w in words), default=0)
    return float(max(head_w, cell_w))


def no_padding() -> list[tuple[object, ...]]:
    """Table style commands that remove all cell padding."""
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]


def label_width(text: str, s: Styles) -> float:
    """Width of ``text`` in the bold label style."""
    return float(stringWidth(text, s.fonts.bold, s.label.fontSize))


def cell_width(markup_text: str, s: Styles) -> float:
    """Width of a line of cell markup, measured in bold to leave room."""
    return float(stringWidth(strip_tags(markup_text), s.fonts.bold, s.cell.fontSize))


def column_width(head: str, cells: list[str], s: Styles) -> float:
    """Wide enough for the header's longest word and the widest cell's text."""
    pad = s.size * 1.0
    head_w = max(stringWidth(w, s.fonts.bold, s.cell_head.fontSize) for w in head.split())
    cell_w = max(cell_width(c, s) for c in cells)
    return float(max(head_w, cell_w) + pad)


def strip_tags(markup_text: str) -> str:
    """The text a line of our own markup shows (for measuring)."""
    return unescape(_TAG.sub("", markup_text))

"""Narrative-section slides: paragraphs, lists, quotes and native tables stacked and continued."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reportgen.render.pptx._frame import finish_slide, new_slide, place_text
from reportgen.render.pptx._ooxml.placeholders import body_placeholders
from reportgen.render.pptx._paginate import SAFE_FILL, paginate
from reportgen.render.pptx._shapes import Rect, inches, points
from reportgen.render.pptx._slides import fit_size, notes_of
from reportgen.render.pptx._table import (
    TableData,
    add_table,
    cell,
    clip_rows,
    column_widths,
    table_height,
    table_pages,
    table_rect,
)
from reportgen.render.pptx._text import INSET_X, INSET_Y, Para, flow_height, number_hang, para
from reportgen.source.inline import Run

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reportgen.render.pptx._frame import Deck
    from reportgen.source.model import Block, Section

_GAP = inches(0.14)  # between stacked text and tables on one slide
Piece = list[Para] | TableData


@dataclass(frozen=True, slots=True)
class _Placed:
    """A text box or a table (some of its rows) placed on a slide, with its height in EMU."""

    height: int
    paras: tuple[Para, ...] = ()
    table: TableData | None = None
    rows: tuple[int, ...] = ()


def section_size(deck: Deck, sections: Sequence[Section]) -> float:
    """The one body size of every section slide: the smallest any section needs alone."""
    return min((_own_size(deck, _pieces(deck, s.blocks)) for s in sections), default=22)


def _own_size(deck: Deck, pieces: Sequence[Piece]) -> float:
    """The size a section's text would take alone: fitted to one slide, down to comfortable."""
    texts = [p for piece in pieces if isinstance(piece, list) for p in piece]
    if all(isinstance(piece, list) for piece in pieces):
        return fit_size(deck, texts, deck.content, 22, deck.comfort)
    return deck.comfort + 2  # tables beside text read better a little smaller


def section_slides(deck: Deck, section: Section, size: float | None = None) -> None:
    """A narrative section: text flows and native tables stacked, continued as needed.

    Set in ``size`` (shared by all sections, see ``section_size``), by default its own.
    """
    pieces = _pieces(deck, section.blocks)
    if size is None:
        size = _own_size(deck, pieces)
    pages = _stack(deck, pieces, size)
    for i, page in enumerate(pages, start=1):
        slide, rect = new_slide(deck, "content", section.heading.runs, (i, len(pages)))
        phs = body_placeholders(slide)
        notes = []
        y = rect.y
        for item in page:
            box = Rect(rect.x, y, rect.w, item.height)
            if item.table is None:
                ph = phs.pop(0) if phs else None
                place_text(deck, slide, box, item.paras, size, placeholder=ph)
                notes.append(notes_of(item.paras))
            else:
                tsize = _table_size(deck, size)
                box = box.inset_x(points(INSET_X))  # the width it was measured in
                add_table(slide.shapes, box, item.table, item.rows, tsize, deck.m, deck.table)
                notes += [_row_text(item.table, r) for r in item.rows]
            y += item.height + _GAP
        finish_slide(deck, slide, "\n".join(notes))


def _row_text(table: TableData, row: int) -> str:
    return " | ".join(para(c.runs).text for c in table.rows[row])


def _table_size(deck: Deck, size: float) -> float:
    return max(deck.floor, min(size - 2, 16))


def _pieces(deck: Deck, blocks: Sequence[Block]) -> list[Piece]:
    """Blocks as runs of paragraphs (consecutive text blocks share a box) and tables."""
    pieces: list[Piece] = []
    for block in blocks:
        if block.table is not None:
            t = block.table
            pieces.append(
                TableData(
                    header=tuple(cell(c.runs) for c in t.columns),
                    rows=tuple(tuple(cell(c.runs) for c in row) for row in t.rows),
                    alt_text=deck.theme.words(
                        "alt_table", rows=len(t.rows), columns=", ".join(c.plain for c in t.columns)
                    ),
                )
            )
        elif pieces and isinstance(pieces[-1], list):
            pieces[-1].extend(_block_paras(deck, block))
        else:
            pieces.append(_block_paras(deck, block))
    return pieces


def _block_paras(deck: Deck, block: Block) -> list[Para]:
    if block.paragraph is not None:
        return [para(block.paragraph.runs, space=0.7)]
    if block.numbered is not None:
        hang = number_hang(len(block.numbered))
        return [
            para(t.runs, bullet="number", number=n, space=0.35, hang=hang)
            for n, t in enumerate(block.numbered, start=1)
        ]
    if block.bullets is not None:
        return [para(t.runs, bullet="bullet", space=0.35) for t in block.bullets]
    q = block.quote
    assert q is not None, "a block is one of paragraph, numbered, bullets, quote or table"
    colours = deck.theme.colours
    quote = para(
        (Run("“"), *q.text.runs, Run("”")), italic=True, level=1, space=0.7, colour=colours.primary
    )
    if q.attribution is None:
        return [quote]
    who = para(
        (Run("— "), *q.attribution.runs),
        level=1,
        align="right",
        space=0.2,
        colour=colours.muted,
        scale=0.9,
        floor=deck.floor,
    )
    return [replace(quote, keep_with_next=True), who]


def _stack(deck: Deck, pieces: Sequence[Piece], size: float) -> list[list[_Placed]]:
    """Place text and table pieces top to bottom over as many slides as they need."""
    full = deck.content.pt
    pages: list[list[_Placed]] = [[]]
    used = 0  # EMU taken on the current slide, gaps included
    tsize = _table_size(deck, size)
    for piece in pieces:
        room = full[1] - used / points(1)
        placed = (
            _text_chunks(deck, piece, size, room)
            if isinstance(piece, list)
            else (_table_chunks(deck, piece, tsize, room))
        )
        for k, item in enumerate(placed):
            if k:
                pages.append([])
                used = 0
            if item is not None:
                pages[-1].append(item)
                used += item.height + _GAP
    return [p for p in pages if p]


def _text_chunks(deck: Deck, paras: list[Para], size: float, room: float) -> list[_Placed | None]:
    """The paragraphs per slide, the first slide having ``room`` points (None: nothing fits)."""
    text_w = deck.content.pt[0] - 2 * INSET_X
    return [
        _Placed(
            points(flow_height(deck.m, c, size, text_w) / SAFE_FILL + 2 * INSET_Y) + 2,
            paras=tuple(c),
        )
        if c
        else None
        for c in paginate(deck.m, paras, size, deck.content.pt, room)
    ]


def _table_chunks(deck: Deck, data: TableData, size: float, room: float) -> list[_Placed | None]:
    """The table's rows per slide, header repeated; the first slide has ``room`` points."""
    full = table_rect(deck).pt
    widths = column_widths(deck.m, data, full[0], size)
    data = clip_rows(deck.m, data, widths, size, full[1])
    return [
        _Placed(points(table_height(deck.m, data, r, widths, size)) + 2, table=data, rows=tuple(r))
        if r
        else None
        for r in table_pages(deck.m, data, widths, size, (room, full[1]))
    ]

"""Word tables: a header row that repeats on every page, horizontal rules, shaded head."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reportgen.render.docx._ooxml import (
    keep_row_together,
    office_2007_look,
    repeat_header,
    shade_cell,
    table_rules,
)

CELL_SIZE = 0.9  # table text, relative to the body size (as in the PDF)
CELL_PADDING = 12.0  # points: Word's default cell margins left and right, and a little air

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from reportgen.render.docx._writer import Writer
    from reportgen.source.inline import Text

    CellWriter = Callable[[Paragraph], None]


def data_table(
    w: Writer,
    head: Sequence[Text | str],
    rows: Sequence[Sequence[CellWriter]],
    *,
    centred: range = range(0),
    widths: Sequence[float] | None = None,
) -> Table:
    """A table: ``head`` in a repeated, shaded header row; each cell filled by its writer.

    ``widths`` are in points (default: equal columns across the text width).
    """
    table: Table = w.document.add_table(rows=1 + len(rows), cols=len(head), style=w.styles["table"])
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    office_2007_look(table)
    c = w.theme.colours
    if w.theme.docx.reference is None:  # a reference document's table style is used as is
        table_rules(table, c.rule, c.primary)
    header = table.rows[0]
    repeat_header(header)
    for row in table.rows:
        keep_row_together(row)
    size = w.theme.fonts.size * CELL_SIZE
    for j, (cell, text) in enumerate(zip(header.cells, head, strict=True)):
        paragraph = _only_paragraph(cell.paragraphs, w)
        w.runs(paragraph, text, bold=True, size=size)
        if j in centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if w.theme.docx.reference is None:
            shade_cell(cell, c.shade)
    for row, writers in zip(table.rows[1:], rows, strict=True):
        for j, (cell, write) in enumerate(zip(row.cells, writers, strict=True)):
            paragraph = _only_paragraph(cell.paragraphs, w)
            write(paragraph)
            for run in paragraph.runs:
                if run.font.size is None:
                    run.font.size = Pt(size)
            if j in centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if widths is not None:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)  # the grid: what LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Pt(width)  # the cells: what Word reads
    w.paragraph().paragraph_format.space_after = Pt(0)  # Word needs a paragraph between tables
    return table


def _only_paragraph(paragraphs: list[Paragraph], w: Writer) -> Paragraph:
    paragraph = paragraphs[0]
    paragraph.style = w.styles["body"]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)
    return paragraph


def text_cell(w: Writer, text: Text | str, **style: bool | str | float) -> CellWriter:
    """A cell writer for one text (inline markup kept)."""

    def write(paragraph: Paragraph) -> None:
        w.runs(paragraph, text, **style)  # type: ignore[arg-type]

    return write


def column_width(w: Writer, head: str, cells: Sequence[str]) -> float:
    """Points wide enough for the header's longest word and the widest cell, in bold."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(w.template.font.bold), round(w.theme.fonts.size * CELL_SIZE * 10))
    words = [*head.split(), *cells]
    return max(font.getlength(t) for t in words) / 10 + CELL_PADDING

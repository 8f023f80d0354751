"""WordprocessingML that python-docx has no API for: shading, borders, fields, links, lists.

Every element is inserted at its schema position (the ``successors`` lists follow the
ECMA-376 sequences), so the package stays schema-valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

# Children of w:pPr that come after w:pBdr / w:shd, and after w:outlineLvl.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_TC_SHD = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
_AFTER_TBL_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _insert(parent: BaseOxmlElement, child: BaseOxmlElement, *successors: str) -> BaseOxmlElement:
    """Insert ``child`` before the first of ``successors`` present, else at the end."""
    later = {qn(tag) for tag in successors}
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def shade_paragraph(paragraph: Paragraph, fill: str) -> None:
    """A background colour behind the whole paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    _insert(ppr, _el("w:shd", val="clear", color="auto", fill=_hex(fill)), *_AFTER_PBDR[1:])


def border_paragraph(
    paragraph: Paragraph, side: str, colour: str, eighths: int, space: int = 8
) -> None:
    """A rule on one side of the paragraph (``eighths`` of a point thick)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = _insert(ppr, OxmlElement("w:pBdr"), *_AFTER_PBDR)
    rule = _el("w:" + side, val="single", sz=str(eighths), space=str(space), color=_hex(colour))
    order = ("top", "left", "bottom", "right", "between", "bar")
    later = [f"w:{s}" for s in order[order.index(side) + 1 :]]
    _insert(pbdr, rule, *later)


def outline_level(paragraph: Paragraph, level: int) -> None:
    """Put the paragraph in the navigation pane at ``level`` (0 is top), whatever its style."""
    ppr = paragraph._p.get_or_add_pPr()
    _insert(ppr, _el("w:outlineLvl", val=str(level)), *_AFTER_OUTLINE)


def shade_cell(cell: _Cell, fill: str) -> None:
    """A background colour behind a table cell."""
    tcpr = cell._tc.get_or_add_tcPr()
    _insert(tcpr, _el("w:shd", val="clear", color="auto", fill=_hex(fill)), *_AFTER_TC_SHD)


def repeat_header(row: _Row) -> None:
    """Repeat this (first) row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    _insert(trpr, _el("w:tblHeader"), *_AFTER_TBL_HEADER)


def keep_row_together(row: _Row) -> None:
    """Move a row that does not fit to the next page whole, rather than cutting it."""
    trpr = row._tr.get_or_add_trPr()
    _insert(trpr, _el("w:cantSplit"), "w:trHeight", "w:tblHeader", *_AFTER_TBL_HEADER)


def office_2007_look(table: Table) -> None:
    """Keep only the w:val form of w:tblLook: its firstRow, noHBand, … attributes are Office
    2010's and invalid for Office 2007, which the formats promise (docs/validation.md)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        return
    for name in ("firstRow", "lastRow", "firstColumn", "lastColumn", "noHBand", "noVBand"):
        look.attrib.pop(qn(f"w:{name}"), None)


def table_rules(table: Table, colour: str, head_colour: str) -> None:
    """Horizontal rules only: under each row in ``colour``, the top one in ``head_colour``."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, col, size in (
        ("top", head_colour, 8),
        ("left", None, 0),
        ("bottom", colour, 4),
        ("right", None, 0),
        ("insideH", colour, 4),
        ("insideV", None, 0),
    ):
        if col is None:
            borders.append(_el(f"w:{side}", val="nil"))
        else:
            borders.append(_el(f"w:{side}", val="single", sz=str(size), space="0", color=_hex(col)))
    existing = tblpr.find(qn("w:tblBorders"))
    if existing is not None:
        tblpr.remove(existing)
    _insert(tblpr, borders, *_AFTER_TBL_BORDERS)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> BaseOxmlElement:
    """A simple field (PAGE, NUMPAGES, …) whose last computed result is ``shown``."""
    field = _el("w:fldSimple", instr=f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    return field


def add_hyperlink(paragraph: Paragraph, url: str) -> BaseOxmlElement:
    """An external hyperlink at the end of the paragraph; runs go inside it."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def move_run_into(run: Run, parent: BaseOxmlElement) -> None:
    """Move a run (just added to its paragraph) into ``parent`` (a hyperlink or field)."""
    parent.append(run._r)


def restart_numbering(paragraph: Paragraph, num_id: int) -> None:
    """Number this list item in list ``num_id`` (level 0)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id

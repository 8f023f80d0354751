"""Measured paragraphs written into text frames as real PowerPoint runs, markers and spacing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.render.pptx_text import EMU_PER_PT, INDENT_EM, INSET_X, INSET_Y, Para, indent_pt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.oxml.text import CT_TextParagraphProperties
    from pptx.text.text import TextFrame, _Paragraph


def rgb(colour: str) -> RGBColor:
    """The RGBColor of a '#RRGGBB' theme colour."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(r, g, b)  # type: ignore[no-untyped-call]


@dataclass(frozen=True, slots=True)
class Style:
    """The face and colours text is written with."""

    font: str
    text: str
    link: str
    bullet: str


def setup_frame(tf: TextFrame, *, anchor: str = "top", wrap_text: bool = True) -> None:
    """Fix insets, wrapping and autofit so the file lays out as measured."""
    tf.word_wrap = wrap_text
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Emu(int(INSET_X * EMU_PER_PT))
    tf.margin_top = tf.margin_bottom = Emu(int(INSET_Y * EMU_PER_PT))
    tf.vertical_anchor = {
        "top": MSO_ANCHOR.TOP,
        "middle": MSO_ANCHOR.MIDDLE,
        "bottom": MSO_ANCHOR.BOTTOM,
    }[anchor]


def write_paras(tf: TextFrame, paras: Sequence[Para], size: float, style: Style) -> None:
    """Replace the frame's text with ``paras`` at ``size`` points, as real runs."""
    tf.clear()  # type: ignore[no-untyped-call]
    number_start = 0
    for i, p in enumerate(paras):
        out = tf.paragraphs[0] if i == 0 else tf.add_paragraph()  # type: ignore[no-untyped-call]
        prev = paras[i - 1] if i else None
        if p.bullet == "number" and (prev is None or prev.bullet != "number"):
            number_start = p.number  # one autonumber sequence per consecutive run of items
        _set_para(out, p, size, style, first=i == 0, start=number_start)
        _write_runs(out, p, size, style)


def _set_para(
    out: _Paragraph, p: Para, size: float, style: Style, *, first: bool, start: int
) -> None:
    if p.align is not None:  # None keeps the layout's alignment (e.g. a centred title slide)
        out.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[
            p.align
        ]
    out.line_spacing = 1.0
    out.space_before = Pt(0 if first else round(p.space * p.font_size(size), 1))
    out.space_after = Pt(0)
    ppr = out._p.get_or_add_pPr()
    marl = indent_pt(p, size)
    ppr.set("marL", str(int(marl * EMU_PER_PT)))
    # Items hang their first line out by the marker's width; continuations do not.
    hang = marl - p.level * INDENT_EM * size if p.bullet in ("bullet", "number") else 0.0
    ppr.set("indent", str(-int(hang * EMU_PER_PT)))
    for tag in ("a:buClr", "a:buFont", "a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    _add_bullet(ppr, p, style, start)


def _add_bullet(ppr: CT_TextParagraphProperties, p: Para, style: Style, start: int) -> None:
    """Explicit markers, so the master's list styles cannot change what was measured."""
    if p.bullet in ("none", "hang"):
        elements = [ppr.makeelement(qn("a:buNone"), {})]
    else:
        clr = ppr.makeelement(qn("a:buClr"), {})
        clr.append(clr.makeelement(qn("a:srgbClr"), {"val": style.bullet.lstrip("#")}))
        font = ppr.makeelement(qn("a:buFont"), {"typeface": style.font})
        if p.bullet == "bullet":
            marker = ppr.makeelement(qn("a:buChar"), {"char": "•"})
        else:
            attrs = {"type": "arabicPeriod"} | ({"startAt": str(start)} if start > 1 else {})
            marker = ppr.makeelement(qn("a:buAutoNum"), attrs)
        elements = [clr, font, marker]
    for el in elements:  # schema order: after spacing, before tabs and default run properties
        ppr.insert_element_before(el, "a:tabLst", "a:defRPr", "a:extLst")


def _write_runs(out: _Paragraph, p: Para, size: float, style: Style) -> None:
    for r in p.runs:
        for k, piece in enumerate(r.text.replace("\t", " ").split("\n")):
            if k:
                out.add_line_break()  # type: ignore[no-untyped-call]
            if not piece:
                continue
            run = out.add_run()
            run.text = piece
            font = run.font
            font.name = style.font
            font.size = Pt(p.font_size(size))
            font.bold = p.bold or r.bold
            font.italic = p.italic or r.italic
            colour = style.link if r.href else (p.colour or style.text)
            font.color.rgb = rgb(colour)
            if r.href:
                run.hyperlink.address = r.href

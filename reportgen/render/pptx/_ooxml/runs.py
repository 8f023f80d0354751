"""Measured paragraphs written into text frames as real PowerPoint runs, markers and spacing.

Paragraphs, runs and frame settings are written as XML with lxml: python-pptx's paragraph
and font API costs about a millisecond a run (every setter searches the children in schema
order), and a large deck has thousands of runs. The elements are the ones python-pptx
would write, in schema order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from reportgen.render.pptx._ooxml.names import (
    A_BODY_PR,
    A_BR,
    A_BU_AUTO_NUM,
    A_BU_CHAR,
    A_BU_CLR,
    A_BU_FONT,
    A_BU_NONE,
    A_DEF_RPR,
    A_END_PARA_RPR,
    A_EXT_LST,
    A_FLAT_TX,
    A_FLD,
    A_HLINK_CLICK,
    A_LATIN,
    A_LN_SPC,
    A_NO_AUTOFIT,
    A_NORM_AUTOFIT,
    A_P,
    A_PPR,
    A_R,
    A_RPR,
    A_SCENE_3D,
    A_SP_3D,
    A_SP_AUTOFIT,
    A_SPC_AFT,
    A_SPC_BEF,
    A_SPC_PCT,
    A_SPC_PTS,
    A_SRGB_CLR,
    A_T,
    A_TAB_LST,
    R_ID,
    centipoints,
    escape_text,
    insert_before,
    remove_tags,
    solid_fill,
)
from reportgen.render.pptx._text import EMU_PER_PT, INDENT_EM, INSET_X, INSET_Y, Para, indent_pt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lxml.etree import _Element
    from pptx.opc.package import Part
    from pptx.text.text import TextFrame

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_CONTENT = frozenset({A_R, A_BR, A_FLD})  # what python-pptx's paragraph clear() removes
# What _set_para writes into a paragraph's properties: spacing and markers.
_REPLACED = frozenset(
    {A_LN_SPC, A_SPC_BEF, A_SPC_AFT, A_BU_CLR, A_BU_FONT, A_BU_NONE, A_BU_CHAR, A_BU_AUTO_NUM}
)
_AFTER_MARKERS = (A_TAB_LST, A_DEF_RPR, A_EXT_LST)
_AUTOFITS = frozenset({A_NO_AUTOFIT, A_NORM_AUTOFIT, A_SP_AUTOFIT})
_AFTER_AUTOFIT = (A_SCENE_3D, A_SP_3D, A_FLAT_TX, A_EXT_LST)
_X, _Y = int(INSET_X * EMU_PER_PT), int(INSET_Y * EMU_PER_PT)
# The insets as (attribute, EMU, python-pptx's default, which it writes by omitting it).
_INSETS = (("lIns", _X, 91440), ("rIns", _X, 91440), ("tIns", _Y, 45720), ("bIns", _Y, 45720))


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
    setup_body(tf._txBody.find(A_BODY_PR), anchor=anchor, wrap_text=wrap_text)


def setup_body(body_pr: _Element, *, anchor: str = "top", wrap_text: bool = True) -> None:
    """Set an ``a:bodyPr``: wrapping, no autofit, the measured insets and the anchor."""
    body_pr.set("wrap", "square" if wrap_text else "none")
    remove_tags(body_pr, _AUTOFITS)
    insert_before(body_pr, body_pr.makeelement(A_NO_AUTOFIT, {}), _AFTER_AUTOFIT)
    for name, value, default in _INSETS:
        if value == default:
            body_pr.attrib.pop(name, None)
        else:
            body_pr.set(name, str(value))
    body_pr.set("anchor", _ANCHOR[anchor])


def write_paras(tf: TextFrame, paras: Sequence[Para], size: float, style: Style) -> None:
    """Replace the frame's text with ``paras`` at ``size`` points, as real runs."""
    write_body(tf._txBody, tf.part, paras, size, style)


def write_body(
    body: _Element, part: Part, paras: Sequence[Para], size: float, style: Style
) -> None:
    """Replace the paragraphs of a ``txBody`` with ``paras``; ``part`` owns any hyperlinks."""
    first = _clear(body)
    number_start = 0
    for i, p in enumerate(paras):
        out = first if i == 0 else etree.SubElement(body, A_P)
        prev = paras[i - 1] if i else None
        if p.bullet == "number" and (prev is None or prev.bullet != "number"):
            number_start = p.number  # one autonumber sequence per consecutive run of items
        _set_para(out, p, size, style, first=i == 0, start=number_start)
        _write_runs(out, p, size, style, part)


def _clear(body: _Element) -> _Element:
    """Keep only the first paragraph, emptied of runs but keeping its properties."""
    paras = body.findall(A_P)
    for extra in paras[1:]:
        body.remove(extra)
    remove_tags(paras[0], _CONTENT)
    return paras[0]


def _set_para(
    out: _Element, p: Para, size: float, style: Style, *, first: bool, start: int
) -> None:
    """Alignment, indents, spacing and marker of one paragraph, in its ``a:pPr``."""
    ppr = out.find(A_PPR)
    if ppr is None:
        ppr = out.makeelement(A_PPR, {})
        out.insert(0, ppr)
    if p.align is not None:  # None keeps the layout's alignment (e.g. a centred title slide)
        ppr.set("algn", _ALIGN[p.align])
    marl = indent_pt(p, size)
    ppr.set("marL", str(int(marl * EMU_PER_PT)))
    # Items hang their first line out by the marker's width; continuations do not.
    hang = marl - p.level * INDENT_EM * size if p.bullet in ("bullet", "number") else 0.0
    ppr.set("indent", str(-int(hang * EMU_PER_PT)))
    if len(ppr):  # a frame's first paragraph may keep properties: replace what is set here
        remove_tags(ppr, _REPLACED)
    before = 0 if first else round(p.space * p.font_size(size), 1)
    for k, spacing in enumerate(_spacing(ppr, before)):  # first in schema order
        ppr.insert(k, spacing)
    for el in _markers(ppr, p, style, start):  # after spacing, before tabs and defaults
        insert_before(ppr, el, _AFTER_MARKERS)


def _spacing(ppr: _Element, before: float) -> list[_Element]:
    """Single line spacing, ``before`` points above and none below."""
    out = []
    for tag, inner, val in (
        (A_LN_SPC, A_SPC_PCT, "100000"),
        (A_SPC_BEF, A_SPC_PTS, centipoints(before)),
        (A_SPC_AFT, A_SPC_PTS, "0"),
    ):
        spacing = ppr.makeelement(tag, {})
        etree.SubElement(spacing, inner, val=val)
        out.append(spacing)
    return out


def _markers(ppr: _Element, p: Para, style: Style, start: int) -> list[_Element]:
    """Explicit markers, so the master's list styles cannot change what was measured."""
    if p.bullet in ("none", "hang"):
        return [ppr.makeelement(A_BU_NONE, {})]
    clr = ppr.makeelement(A_BU_CLR, {})
    etree.SubElement(clr, A_SRGB_CLR, val=style.bullet.lstrip("#"))
    font = ppr.makeelement(A_BU_FONT, {"typeface": style.font})
    if p.bullet == "bullet":
        marker = ppr.makeelement(A_BU_CHAR, {"char": "•"})
    else:
        attrs = {"type": "arabicPeriod"} | ({"startAt": str(start)} if start > 1 else {})
        marker = ppr.makeelement(A_BU_AUTO_NUM, attrs)
    return [clr, font, marker]


def _write_runs(out: _Element, p: Para, size: float, style: Style, part: Part) -> None:
    """The paragraph's runs, with line breaks for newlines; links related from ``part``."""
    end = out.find(A_END_PARA_RPR)
    sz = centipoints(p.font_size(size))
    for r in p.runs:
        bold = "1" if p.bold or r.bold else "0"
        italic = "1" if p.italic or r.italic else "0"
        colour = style.link if r.href else (p.colour or style.text)
        for k, piece in enumerate(r.text.replace("\t", " ").split("\n")):
            if k:
                etree.SubElement(out, A_BR)
            if not piece:
                continue
            run = etree.SubElement(out, A_R)
            rpr = etree.SubElement(run, A_RPR, sz=sz, b=bold, i=italic)
            solid_fill(rpr, colour)
            etree.SubElement(rpr, A_LATIN, typeface=style.font)
            if r.href:
                rid = part.relate_to(r.href, RT.HYPERLINK, is_external=True)
                link_in_run_colour(etree.SubElement(rpr, A_HLINK_CLICK, {R_ID: rid}))
            etree.SubElement(run, A_T).text = escape_text(piece)
    if end is not None:  # runs and breaks go before the end-of-paragraph properties
        out.append(end)


# PowerPoint draws hyperlinks in the theme's hlink colour (the master's blue) unless the
# link says to use the run's own colour: Office 2019's hyperlink-colour extension.
_HLINK_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


def link_in_run_colour(click: _Element) -> None:
    """Make a link take its run's colour (the theme's accent) rather than the master's."""
    ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"), uri=_HLINK_EXT)
    etree.SubElement(ext, f"{{{_AHYP}}}hlinkClr", nsmap={"ahyp": _AHYP}, val="tx")

"""Native chart XML: axis ids, and series formatting (bars and their labels, lines, markers).

python-pptx's point, data-label, marker and font API searches the series with a compiled
XPath and builds every default subtree before it is replaced; a bar costs about a
millisecond. These are the elements that API leaves behind, in schema order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn

from reportgen.render.pptx._ooxml.access import element
from reportgen.render.pptx._ooxml.names import (
    A_BODY_PR,
    A_DEF_RPR,
    A_LATIN,
    A_LN,
    A_NO_FILL,
    A_P,
    A_PPR,
    A_R,
    A_RPR,
    A_T,
    centipoints,
    emu_str,
    escape_text,
    insert_before,
    solid_fill,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lxml.etree import _Element

_C_DPT, _C_IDX, _C_SP_PR = qn("c:dPt"), qn("c:idx"), qn("c:spPr")
_C_DLBLS, _C_DLBL, _C_TX, _C_RICH = qn("c:dLbls"), qn("c:dLbl"), qn("c:tx"), qn("c:rich")
_C_DLBL_POS = qn("c:dLblPos")
_AXIS_REFS = (qn("c:axId"), qn("c:crossAx"))
_A_LST_STYLE = qn("a:lstStyle")
# What follows points and labels in a series (python-pptx's CT_SeriesComposite).
_AFTER_LABELS = tuple(
    qn(t)
    for t in (
        "c:trendline",
        "c:errBars",
        "c:cat",
        "c:val",
        "c:xVal",
        "c:yVal",
        "c:shape",
        "c:smooth",
        "c:bubbleSize",
        "c:bubble3D",
        "c:extLst",
    )
)
_AFTER_POINTS = (_C_DLBLS, *_AFTER_LABELS)
_C_MARKER, _C_SYMBOL, _C_SIZE, _C_SMOOTH = (
    qn("c:marker"),
    qn("c:symbol"),
    qn("c:size"),
    qn("c:smooth"),
)
_AFTER_MARKER = (_C_DPT, *_AFTER_POINTS)
_AFTER_SMOOTH = tuple(qn(t) for t in ("c:bubbleSize", "c:bubble3D", "c:extLst"))
_AFTER_SERIES_PR = (qn("c:invertIfNegative"), qn("c:pictureOptions"), _C_MARKER, *_AFTER_MARKER)
# The flags python-pptx gives a new label collection, and a new label.
_SERIES_FLAGS = (
    ("showLegendKey", "0"),
    ("showVal", "0"),
    ("showCatName", "0"),
    ("showSerName", "0"),
    ("showPercent", "0"),
    ("showBubbleSize", "0"),
    ("showLeaderLines", "1"),
)
_LABEL_FLAGS = (
    ("showLegendKey", "0"),
    ("showVal", "1"),
    ("showCatName", "0"),
    ("showSerName", "0"),
    ("showPercent", "0"),
    ("showBubbleSize", "0"),
)


def number_axes(chart_space: _Element) -> None:
    """Give a chart's axes the ids 1, 2, … in order of first mention.

    python-pptx writes every chart with the same negative ids (``-2068027336``), while the
    schema types ``c:axId`` and ``c:crossAx`` as ``unsignedInt`` (docs/validation.md). The
    ids only pair a plot with its axes and an axis with the one it crosses, so any distinct
    positive numbers keep the chart the same.
    """
    ids: dict[str, str] = {}
    for el in chart_space.iter(_AXIS_REFS):
        el.set("val", ids.setdefault(el.get("val", ""), str(len(ids) + 1)))


def format_bars(
    ser: _Element,
    colours: Sequence[str],
    labels: Sequence[str],
    size: float,
    font: str,
    ink: str,
) -> None:
    """Fill each bar of a new series in its colour, no outline, its label outside its end.

    ``size``, ``font`` and ``ink`` set the labels' text, one line each.
    """
    labels_el = ser.makeelement(_C_DLBLS, {})
    for i, (colour, label) in enumerate(zip(colours, labels, strict=True)):
        insert_before(ser, _point(ser, i, colour), _AFTER_POINTS)
        labels_el.append(_label(ser, i, label, size, font, ink))
    for name, val in _SERIES_FLAGS:
        etree.SubElement(labels_el, qn(f"c:{name}"), val=val)
    insert_before(ser, labels_el, _AFTER_LABELS)


def _point(ser: _Element, idx: int, colour: str) -> _Element:
    """``c:dPt``: the bar's solid fill and no line."""
    dpt = ser.makeelement(_C_DPT, {})
    etree.SubElement(dpt, _C_IDX, val=str(idx))
    sp_pr = etree.SubElement(dpt, _C_SP_PR)
    solid_fill(sp_pr, colour)
    etree.SubElement(etree.SubElement(sp_pr, A_LN), A_NO_FILL)
    return dpt


def _label(ser: _Element, idx: int, text: str, size: float, font: str, ink: str) -> _Element:
    """``c:dLbl``: the bar's own text, outside its end, on one line."""
    dlbl = ser.makeelement(_C_DLBL, {})
    etree.SubElement(dlbl, _C_IDX, val=str(idx))
    rich = etree.SubElement(etree.SubElement(dlbl, _C_TX), _C_RICH)
    etree.SubElement(rich, A_BODY_PR, wrap="none")
    etree.SubElement(rich, _A_LST_STYLE)
    p = etree.SubElement(rich, A_P)
    etree.SubElement(etree.SubElement(p, A_PPR), A_DEF_RPR)  # as python-pptx starts a label
    run = etree.SubElement(p, A_R)
    rpr = etree.SubElement(run, A_RPR, sz=centipoints(size))
    solid_fill(rpr, ink)
    etree.SubElement(rpr, A_LATIN, typeface=font)
    etree.SubElement(run, A_T).text = escape_text(text)
    etree.SubElement(dlbl, _C_DLBL_POS, val="outEnd")
    for name, val in _LABEL_FLAGS:
        etree.SubElement(dlbl, qn(f"c:{name}"), val=val)
    return dlbl


def format_line(
    ser: _Element, colour: str, width_pt: float, marker_size: int, *, line: bool = True
) -> None:
    """A new line series drawn in ``colour``, unsmoothed, with filled circle markers.

    Without ``line`` only the markers show, in the chart and in the legend's key.
    """
    sp_pr = ser.makeelement(_C_SP_PR, {})
    ln = etree.SubElement(sp_pr, A_LN, w=emu_str(width_pt))
    if line:
        solid_fill(ln, colour)
    else:
        etree.SubElement(ln, A_NO_FILL)
    insert_before(ser, sp_pr, _AFTER_SERIES_PR)
    marker = ser.makeelement(_C_MARKER, {})
    etree.SubElement(marker, _C_SYMBOL, val="circle")
    etree.SubElement(marker, _C_SIZE, val=str(marker_size))
    marker_pr = etree.SubElement(marker, _C_SP_PR)
    solid_fill(marker_pr, colour)
    solid_fill(etree.SubElement(marker_pr, A_LN), colour)
    insert_before(ser, marker, _AFTER_MARKER)
    smooth = ser.find(_C_SMOOTH)
    if smooth is None:  # python-pptx's line template has one; keep its place if not
        smooth = ser.makeelement(_C_SMOOTH, {})
        insert_before(ser, smooth, _AFTER_SMOOTH)
    smooth.set("val", "0")


def percent_format(percent_text: str) -> str:
    """An Excel number format for whole percentages written as the locale writes them.

    ``percent_text`` is the locale's "{number} %" shape; the literal parts are quoted, so a
    French or German chart shows "20 %" with its no-break space.
    """
    head, _, tail = percent_text.partition("{number}")

    def quoted(text: str) -> str:
        literal = text.replace("%", "")
        return f'"{literal}"' if literal else ""

    percent_sign = "%" if "%" in head + tail else ""
    before = quoted(head) + ("%" if "%" in head else "")
    after = quoted(tail) + ("%" if "%" in tail else "")
    return f"{before}0{after}" if percent_sign else f"{before}0{after}%"


def cross_at_max(value_axis: object) -> None:
    """Make the value axis cross the category axis at its last category (``c:crosses``)."""
    element(value_axis).find(qn("c:crosses")).set("val", "max")


def label_every_category(category_axis: object) -> None:
    """Never let the application skip category labels of a crowded chart."""
    cat = element(category_axis)
    skip = cat.makeelement(qn("c:tickLblSkip"), {"val": "1"})
    cat.find(qn("c:lblOffset")).addnext(skip)


def series_element(series: object) -> _Element:
    """The ``c:ser`` element of a chart series."""
    return element(series)


def date_axis_every(chart_space: _Element, months: int) -> None:
    """Label a chart's date axis every ``months`` months (python-pptx has no API for it)."""
    axis = chart_space.find(".//" + qn("c:dateAx"))
    if axis is None:
        return
    base = axis.find(qn("c:baseTimeUnit"))
    unit = base.makeelement(qn("c:majorUnit"), {"val": str(months)})
    time_unit = base.makeelement(qn("c:majorTimeUnit"), {"val": "months"})
    base.addnext(unit)
    unit.addnext(time_unit)

"""Placeholders of layouts and slides, read from their XML.

python-pptx compiles an XPath for every placeholder property it reads and searches the
layout and master again for each of the four position properties; these are finds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from pptx.spec import GRAPHIC_DATA_URI_CHART, GRAPHIC_DATA_URI_TABLE

from reportgen.render.pptx._ooxml.access import element, shape_of
from reportgen.render.pptx._ooxml.names import (
    A_EXT,
    A_OFF,
    A_T,
    ANY_PH,
    GRAPHIC_DATA,
    P_SP,
    SHAPE_TAGS,
    SP_TREE,
    XFRM_PATHS,
)
from reportgen.render.pptx._shapes import Rect

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.shapes.base import BaseShape
    from pptx.shapes.placeholder import SlidePlaceholder
    from pptx.slide import Slide, SlideLayout

_BODY_XML = ("body", "obj")  # body placeholder types as written in p:ph/@type; "obj" default
# The master placeholder a layout title or body placeholder inherits its position from,
# by p:ph/@type (python-pptx's LayoutPlaceholder._base_placeholder).
_MASTER_KIND = {"title": "title", "ctrTitle": "title", "body": "body", "obj": "body"}


def placeholder_rects(layout: SlideLayout, types: tuple[PP_PLACEHOLDER, ...]) -> list[Rect]:
    """Where the layout's placeholders of ``types`` sit, in idx order.

    What ``shape_rect`` gives for each of ``layout_placeholders``: a position the layout
    does not set comes from the master placeholder of the same kind. Read from the XML,
    as python-pptx's four position properties each search the layout and master again.
    """
    wanted = {t.xml_value for t in types}
    tree = element(layout).find(SP_TREE)
    phs = [(el, ph) for el in tree.iterchildren(*SHAPE_TAGS) if (ph := el.find(ANY_PH)) is not None]
    phs = [(el, ph) for el, ph in phs if ph.get("type", "obj") in wanted]
    phs.sort(key=lambda pair: int(pair[1].get("idx", "0")))
    return [_layout_rect(layout, el, ph.get("type", "obj")) for el, ph in phs]


def _layout_rect(layout: SlideLayout, el: _Element, kind: str) -> Rect:
    """A layout placeholder's rectangle, each missing value inherited from the master."""
    values = _xfrm_values(el)
    if None in values:
        base = _MASTER_KIND[kind]
        tree = element(layout.slide_master).find(SP_TREE)
        master = next(
            (m for m in tree.iterchildren(*SHAPE_TAGS) if _ph_kind(m) == base),
            None,
        )
        inherited = _xfrm_values(master) if master is not None else [None] * 4
        values = [v if v is not None else i for v, i in zip(values, inherited, strict=True)]
    return Rect(*(int(v or 0) for v in values))


def _ph_kind(el: _Element) -> str | None:
    """The placeholder type of a shape element, or None if it is not a placeholder."""
    ph = el.find(ANY_PH)
    return None if ph is None else ph.get("type", "obj")


def _xfrm_values(el: _Element) -> list[int | None]:
    """x, y, cx, cy a shape element sets itself (None where it does not)."""
    for path in XFRM_PATHS:
        xfrm = el.find(path)
        if xfrm is not None:
            off, ext = xfrm.find(A_OFF), xfrm.find(A_EXT)
            pos = (None, None) if off is None else (int(off.get("x")), int(off.get("y")))
            size = (None, None) if ext is None else (int(ext.get("cx")), int(ext.get("cy")))
            return [*pos, *size]
    return [None, None, None, None]


def body_placeholders(slide: Slide) -> list[SlidePlaceholder]:
    """The slide's body/content placeholders, in idx order."""
    phs = [(el, ph) for el, ph in placeholder_elements(slide) if ph.get("type", "obj") in _BODY_XML]
    phs.sort(key=lambda pair: int(pair[1].get("idx", "0")))
    return [cast("SlidePlaceholder", shape_of(el, slide.shapes)) for el, _ in phs]


def placeholder_elements(slide: Slide) -> list[tuple[_Element, _Element]]:
    """(shape, ``p:ph``) elements of the slide's placeholders, in document order.

    python-pptx compiles an XPath for every placeholder property it reads; these are finds.
    """
    tree = element(slide).find(SP_TREE)
    pairs = ((el, el.find(ANY_PH)) for el in tree.iterchildren(*SHAPE_TAGS))
    return [(el, ph) for el, ph in pairs if ph is not None]


def title_shape(slide: Slide) -> BaseShape | None:
    """The slide's title placeholder (the one with idx 0), as python-pptx's shapes.title."""
    for el, ph in placeholder_elements(slide):
        if ph.get("idx", "0") == "0":
            return shape_of(el, slide.shapes)
    return None


def is_unused(el: _Element) -> bool:
    """Whether a placeholder holds nothing: no text but whitespace, no chart, no table."""
    if el.tag == P_SP:
        return not "".join(t.text or "" for t in el.iter(A_T)).strip()
    data = el.find(GRAPHIC_DATA)
    return data is None or data.get("uri") not in (GRAPHIC_DATA_URI_CHART, GRAPHIC_DATA_URI_TABLE)

"""The frame every slide shares: layouts by role, the title and rule, classification and notes."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.spec import GRAPHIC_DATA_URI_CHART, GRAPHIC_DATA_URI_TABLE
from pptx.util import Emu

from reportgen.errors import Location, Problem, TemplateError
from reportgen.render.pptx._access import mark_decorative
from reportgen.render.pptx._paginate import truncate
from reportgen.render.pptx._reuse import (
    Reuse,
    add_slide,
    copy_shapes,
    notes_body,
    set_plain_text,
)
from reportgen.render.pptx._runs import Style, setup_frame, write_paras
from reportgen.render.pptx._shapes import (
    Rect,
    add_box,
    add_text,
    fill_text,
    inches,
    place_shape,
    points,
    slide_size,
)
from reportgen.render.pptx._text import (
    INSET_X,
    INSET_Y,
    LINE_FACTOR,
    Metrics,
    Para,
    fits,
    para,
    sizes,
)
from reportgen.source.inline import Run
from reportgen.theming.contrast import ink_on

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from pathlib import Path

    from lxml.etree import _Element
    from pptx.presentation import Presentation
    from pptx.shapes.base import BaseShape
    from pptx.shapes.placeholder import LayoutPlaceholder, SlidePlaceholder
    from pptx.slide import Slide, SlideLayout

    from reportgen.render.pptx._charts import ChartStyle
    from reportgen.render.pptx._table import TableStyle
    from reportgen.theming.theme import Template, Theme

log = logging.getLogger(__name__)

# Layout names of python-pptx's built-in template, used when the theme maps no names.
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
_BODY_XML = ("body", "obj")  # BODY_TYPES as written in p:ph/@type; "obj" is the default
_SP_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"
_PH = f"*/{qn('p:nvPr')}/{qn('p:ph')}"
_P_SP, _A_T = qn("p:sp"), qn("a:t")
_GRAPHIC_DATA = f"{qn('a:graphic')}/{qn('a:graphicData')}"
_A_OFF, _A_EXT = qn("a:off"), qn("a:ext")
_XFRM_PATHS = (f"{qn('p:spPr')}/{qn('a:xfrm')}", f"{qn('p:grpSpPr')}/{qn('a:xfrm')}", qn("p:xfrm"))
# The master placeholder a layout title or body placeholder inherits its position from,
# by p:ph/@type (python-pptx's LayoutPlaceholder._base_placeholder).
_MASTER_KIND = {"title": "title", "ctrTitle": "title", "body": "body", "obj": "body"}
# What python-pptx iterates as a slide's shapes.
_SHAPE_TAGS = tuple(
    qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart")
)


@dataclass(frozen=True, slots=True)
class Deck:
    """Everything slide builders share for one render: the file, theme, metrics and geometry.

    ``comfort`` is the smallest body size used before text continues on another slide; it
    never goes below the theme's floor ``min_font_pt``.
    """

    prs: Presentation
    template: Template
    m: Metrics
    style: Style
    chart: ChartStyle
    table: TableStyle
    marking: str
    stamp: dt.datetime
    band: int
    content: Rect
    reuse: Reuse = field(default_factory=Reuse)

    def layout(self, role: str) -> SlideLayout:
        """The layout for ``role``, looked up once per render."""
        found = self.reuse.layouts.get(role)
        if found is None:
            found = layout_for(self.prs, self.theme, role, self.template.master)
            self.reuse.layouts[role] = found
        return found

    def title_box(self, role: str) -> Rect:
        """Where titles go on slides of ``role`` (see ``title_rect``), computed once per render."""
        found = self.reuse.titles.get(role)
        if found is None:
            found = self.reuse.titles[role] = title_rect(self.prs, self.layout(role), self.band)
        return found

    @property
    def theme(self) -> Theme:
        """The template's theme."""
        return self.template.theme

    @property
    def floor(self) -> float:
        """The smallest font size the theme allows."""
        return self.theme.deck.min_font_pt

    @property
    def comfort(self) -> float:
        """The smallest body size before continuing on another slide."""
        return max(self.floor, 14.0)

    @property
    def master_name(self) -> str:
        """The master deck as users name it in errors."""
        return str(self.template.master or "default master")


def layout_for(prs: Presentation, theme: Theme, role: str, master: Path | None) -> SlideLayout:
    """The layout for ``role`` (title, content, chart, …) by the names the theme gives."""
    names = tuple(theme.deck.layouts.names(role))
    layouts = {lay.name: lay for m in prs.slide_masters for lay in m.slide_layouts}
    for name in names:
        if name in layouts:
            return cast("SlideLayout", layouts[name])
    have = ", ".join(repr(n) for n in layouts) or "none"
    tried = ", ".join(repr(n) for n in names) or "none"
    msg = f"no layout for role {role!r}: tried {tried}; the master has {have}"
    where = Location(str(master or "default master"))
    raise TemplateError([Problem(where, f"deck.layouts.{role}", msg)])


def band_height(floor: float) -> int:
    """Height of the classification band at the top and bottom of each slide."""
    return points(floor * LINE_FACTOR + 2 * INSET_Y + 2) + inches(0.08)


def content_rect(prs: Presentation, layout: SlideLayout, band: int) -> Rect:
    """The content area of ``layout``: its body placeholder, kept clear of title and banners."""
    title = title_rect(prs, layout, band)
    bodies = placeholder_rects(layout, BODY_TYPES)
    body = bodies[0] if bodies else Rect(title.x, title.bottom, title.w, 0)
    top = max(body.y, title.bottom + inches(0.2))
    bottom = slide_size(prs)[1] - band - inches(0.08)
    if body.h and body.bottom > top + inches(2):
        bottom = min(bottom, body.bottom)
    return Rect(body.x, top, body.w, bottom - top)


def title_rect(prs: Presentation, layout: SlideLayout, band: int) -> Rect:
    """Where the layout puts the title, pushed below the top classification band."""
    phs = placeholder_rects(layout, _TITLE_TYPES)
    default = Rect(inches(0.5), band, slide_size(prs)[0] - inches(1), inches(1))
    r = phs[0] if phs else default
    top = max(r.y, band)
    return Rect(r.x, top, r.w, max(r.bottom - top, inches(0.6)))


def layout_placeholders(
    layout: SlideLayout, types: tuple[PP_PLACEHOLDER, ...]
) -> list[LayoutPlaceholder]:
    """The layout's placeholders of the given types, in idx order."""
    phs = [p for p in layout.placeholders if p.placeholder_format.type in types]  # type: ignore[misc]
    return sorted(phs, key=lambda p: p.placeholder_format.idx)


def placeholder_rects(layout: SlideLayout, types: tuple[PP_PLACEHOLDER, ...]) -> list[Rect]:
    """Where the layout's placeholders of ``types`` sit, in idx order.

    What ``shape_rect`` gives for each of ``layout_placeholders``: a position the layout
    does not set comes from the master placeholder of the same kind. Read from the XML,
    as python-pptx's four position properties each search the layout and master again.
    """
    wanted = {t.xml_value for t in types}
    tree = layout._element.find(_SP_TREE)
    phs = [(el, ph) for el in tree.iterchildren(*_SHAPE_TAGS) if (ph := el.find(_PH)) is not None]
    phs = [(el, ph) for el, ph in phs if ph.get("type", "obj") in wanted]
    phs.sort(key=lambda pair: int(pair[1].get("idx", "0")))
    return [_layout_rect(layout, el, ph.get("type", "obj")) for el, ph in phs]


def _layout_rect(layout: SlideLayout, el: _Element, kind: str) -> Rect:
    """A layout placeholder's rectangle, each missing value inherited from the master."""
    values = _xfrm_values(el)
    if None in values:
        base = _MASTER_KIND[kind]
        tree = layout.slide_master._element.find(_SP_TREE)
        master = next(
            (m for m in tree.iterchildren(*_SHAPE_TAGS) if _ph_kind(m) == base),
            None,
        )
        inherited = _xfrm_values(master) if master is not None else [None] * 4
        values = [v if v is not None else i for v, i in zip(values, inherited, strict=True)]
    return Rect(*(int(v or 0) for v in values))


def _ph_kind(el: _Element) -> str | None:
    """The placeholder type of a shape element, or None if it is not a placeholder."""
    ph = el.find(_PH)
    return None if ph is None else ph.get("type", "obj")


def _xfrm_values(el: _Element) -> list[int | None]:
    """x, y, cx, cy a shape element sets itself (None where it does not)."""
    for path in _XFRM_PATHS:
        xfrm = el.find(path)
        if xfrm is not None:
            off, ext = xfrm.find(_A_OFF), xfrm.find(_A_EXT)
            pos = (None, None) if off is None else (int(off.get("x")), int(off.get("y")))
            size = (None, None) if ext is None else (int(ext.get("cx")), int(ext.get("cy")))
            return [*pos, *size]
    return [None, None, None, None]


def body_placeholders(slide: Slide) -> list[SlidePlaceholder]:
    """The slide's body/content placeholders, in idx order."""
    phs = [
        (el, ph) for el, ph in _placeholder_elements(slide) if ph.get("type", "obj") in _BODY_XML
    ]
    phs.sort(key=lambda pair: int(pair[1].get("idx", "0")))
    return [cast("SlidePlaceholder", SlideShapeFactory(el, slide.shapes)) for el, _ in phs]


def _placeholder_elements(slide: Slide) -> list[tuple[_Element, _Element]]:
    """(shape, ``p:ph``) elements of the slide's placeholders, in document order.

    python-pptx compiles an XPath for every placeholder property it reads; these are finds.
    """
    tree = slide._element.find(_SP_TREE)
    pairs = ((el, el.find(_PH)) for el in tree.iterchildren(*_SHAPE_TAGS))
    return [(el, ph) for el, ph in pairs if ph is not None]


def _title_shape(slide: Slide) -> BaseShape | None:
    """The slide's title placeholder (the one with idx 0), as python-pptx's shapes.title."""
    for el, ph in _placeholder_elements(slide):
        if ph.get("idx", "0") == "0":
            return SlideShapeFactory(el, slide.shapes)
    return None


def new_slide(
    deck: Deck, role: str, title: Sequence[Run], page: tuple[int, int] = (1, 1)
) -> tuple[Slide, Rect]:
    """A slide of ``role`` with its title (and "(2 of 3)" when continued) and accent rule.

    Returns the slide and its content area.
    """
    slide = add_slide(deck.prs, deck.layout(role), role, deck.reuse)
    box = deck.title_box(role)
    suffix = (
        f" ({deck.theme.words('slide_page', page=page[0], pages=page[1])})" if page[1] > 1 else ""
    )
    colour = deck.theme.colours.primary
    _set_title(deck, slide, box, para(title, bold=True, colour=colour), 28, suffix)
    rule = Rect(box.x + points(INSET_X), box.bottom + points(3), box.w - points(2 * INSET_X), 0)
    rule_box = add_box(
        slide.shapes, rule.with_height(points(2)), deck.theme.colours.accent, name="Rule"
    )
    mark_decorative(rule_box)
    return slide, deck.content


def _set_title(
    deck: Deck, slide: Slide, box: Rect, p: Para, start: float, suffix: str = ""
) -> None:
    """Fit the title: shrink to the floor, then cut with an ellipsis; never off the slide."""
    shape = _title_shape(slide)
    if shape is None:
        shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        shape.name = "Title"
    place_shape(shape, box)
    setup_frame(shape.text_frame, anchor="bottom")  # type: ignore[attr-defined]
    size, full = deck.floor, _with(p, suffix)
    for size in sizes(start, deck.floor):
        if fits(deck.m, [full], size, box.pt):
            break
    frame = shape.text_frame  # type: ignore[attr-defined]
    write_paras(frame, [truncate(deck.m, p, size, box.pt, suffix)], size, deck.style)


def _with(p: Para, suffix: str) -> Para:
    return replace(p, runs=(*p.runs, Run(suffix))) if suffix else p


def set_title_slide_title(deck: Deck, slide: Slide, box: Rect, p: Para) -> None:
    """The title slide's title, fitted like every other title but from a larger size."""
    _set_title(deck, slide, box, p, 40)


def finish_slide(deck: Deck, slide: Slide, notes: str | None) -> None:
    """Drop unused placeholders, mark the classification top and bottom, write the notes."""
    for el, _ in _placeholder_elements(slide):
        if _unused(el):
            el.getparent().remove(el)
    _banners(deck, slide)
    if notes:
        body = notes_body(slide, deck.reuse)
        if body is None:  # a master whose notes page has no body placeholder
            log.warning("%s: notes page has no body placeholder; notes left out", deck.master_name)
        else:
            set_plain_text(body, notes)


def _unused(el: _Element) -> bool:
    """Whether a placeholder holds nothing: no text but whitespace, no chart, no table."""
    if el.tag == _P_SP:
        return not "".join(t.text or "" for t in el.iter(_A_T)).strip()
    data = el.find(_GRAPHIC_DATA)
    return data is None or data.get("uri") not in (GRAPHIC_DATA_URI_CHART, GRAPHIC_DATA_URI_TABLE)


def _banners(deck: Deck, slide: Slide) -> None:
    """The classification marking centred at the top and bottom, in its theme colour.

    The banners are the same on every slide: built on the first, then copied.
    """
    if deck.reuse.banners:
        copy_shapes(slide, deck.reuse.banners)
        return
    colour = deck.theme.classification.colour_of(deck.marking)
    size = deck.floor
    h = deck.band - inches(0.08)
    slide_w, slide_h = slide_size(deck.prs)
    text_w = deck.m.width(deck.marking, size, bold=True) + 2 * INSET_X + size * 2
    w = min(points(text_w), slide_w - inches(1))
    ink = ink_on(colour, deck.theme.colours.text)
    on_fill = Style(deck.style.font, ink, ink, ink)
    for name, y in (
        ("Classification top", inches(0.04)),
        ("Classification bottom", slide_h - h - inches(0.04)),
    ):
        rect = Rect((slide_w - w) // 2, y, w, h)
        banner = add_box(slide.shapes, rect, colour, name=name)
        marking = truncate(deck.m, para(deck.marking, bold=True, align="center"), size, rect.pt)
        fill_text(banner, [marking], size, on_fill)
        deck.reuse.banners.append(copy.deepcopy(banner._element))


def place_text(
    deck: Deck,
    slide: Slide,
    rect: Rect,
    paras: Sequence[Para],
    size: float,
    *,
    placeholder: SlidePlaceholder | None = None,
    anchor: str = "top",
) -> BaseShape:
    """Write paragraphs into ``placeholder`` moved to ``rect``, or into a new text box."""
    if placeholder is None:
        return add_text(slide.shapes, rect, paras, size, deck.style, anchor=anchor)
    place_shape(placeholder, rect)
    setup_frame(placeholder.text_frame, anchor=anchor)
    write_paras(placeholder.text_frame, paras, size, deck.style)
    return placeholder

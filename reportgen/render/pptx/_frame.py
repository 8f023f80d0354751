"""The frame every slide shares: layouts by role, the title and rule, classification and notes."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from reportgen.errors import Location, Problem, TemplateError
from reportgen.render.pptx._ooxml.a11y import mark_decorative
from reportgen.render.pptx._ooxml.access import element
from reportgen.render.pptx._ooxml.placeholders import (
    is_unused,
    placeholder_elements,
    placeholder_rects,
    title_shape,
)
from reportgen.render.pptx._ooxml.reuse import (
    Reuse,
    add_slide,
    copy_shapes,
    notes_body,
    set_plain_text,
)
from reportgen.render.pptx._ooxml.runs import Style, setup_frame, write_paras
from reportgen.render.pptx._paginate import truncate
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
    shape = title_shape(slide)
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
    for el, _ in placeholder_elements(slide):
        if is_unused(el):
            el.getparent().remove(el)
    _banners(deck, slide)
    if notes:
        body = notes_body(slide, deck.reuse)
        if body is None:  # a master whose notes page has no body placeholder
            log.warning("%s: notes page has no body placeholder; notes left out", deck.master_name)
        else:
            set_plain_text(body, notes)


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
        deck.reuse.banners.append(copy.deepcopy(element(banner)))


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

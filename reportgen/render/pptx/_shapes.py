"""Deck geometry and small shape helpers: rectangles, filled boxes, text boxes, alt text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

from reportgen.render.pptx._ooxml.access import element, non_visual_props
from reportgen.render.pptx._ooxml.names import (
    A_EXT,
    A_LN,
    A_NO_FILL,
    A_OFF,
    A_XFRM,
    P_SP_PR,
    child,
    emu_str,
    solid_fill,
)
from reportgen.render.pptx._ooxml.runs import Style, rgb, setup_frame, write_paras
from reportgen.render.pptx._ooxml.tree import Members, add_sp, group_shapes
from reportgen.render.pptx._text import EMU_PER_PT, Para

__all__ = [
    "Members",
    "Rect",
    "add_box",
    "add_text",
    "fill_text",
    "group_shapes",
    "place_shape",
    "rgb",
    "set_alt_text",
]

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.presentation import Presentation
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.shapes.shapetree import GroupShapes, SlideShapes

    Shapes = SlideShapes | GroupShapes | Members

EMU_PER_IN = 914400


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        """The y of the bottom edge."""
        return self.y + self.h

    @property
    def right(self) -> int:
        """The x of the right edge."""
        return self.x + self.w

    @property
    def pt(self) -> tuple[float, float]:
        """Width and height in points, for text measurement."""
        return self.w / EMU_PER_PT, self.h / EMU_PER_PT

    def below(self, dy: int) -> Rect:
        """The part of this rectangle from ``dy`` below its top."""
        return Rect(self.x, self.y + dy, self.w, max(self.h - dy, 0))

    def with_height(self, h: int) -> Rect:
        """This rectangle with height ``h``."""
        return Rect(self.x, self.y, self.w, h)

    def inset_x(self, d: int) -> Rect:
        """This rectangle narrowed by ``d`` on each side."""
        return Rect(self.x + d, self.y, self.w - 2 * d, self.h)

    def columns(self, n: int, gap: int) -> list[Rect]:
        """``n`` equal columns separated by ``gap``."""
        w = (self.w - gap * (n - 1)) // n
        return [Rect(self.x + i * (w + gap), self.y, w, self.h) for i in range(n)]


def shape_rect(shape: BaseShape) -> Rect:
    """Where a shape (or an inherited placeholder) sits."""
    return Rect(*(int(v or 0) for v in (shape.left, shape.top, shape.width, shape.height)))


def slide_size(prs: Presentation) -> tuple[int, int]:
    """Slide width and height in EMU."""
    return int(prs.slide_width or 0), int(prs.slide_height or 0)


def inches(value: float) -> int:
    """EMU of ``value`` inches."""
    return int(value * EMU_PER_IN)


def points(value: float) -> int:
    """EMU of ``value`` points."""
    return int(value * EMU_PER_PT)


def place_shape(shape: BaseShape, rect: Rect) -> None:
    """Move and size a shape (a placeholder too), its transform written as python-pptx does.

    python-pptx's position setters search the shape's properties four times over.
    """
    sp_pr = element(shape).find(P_SP_PR)
    if sp_pr is None:  # a frame or group: python-pptx knows where its transform lives
        shape.left, shape.top = Emu(rect.x), Emu(rect.y)
        shape.width, shape.height = Emu(rect.w), Emu(rect.h)
        return
    xfrm = sp_pr.find(A_XFRM)
    if xfrm is None:  # a placeholder inheriting its position: the transform comes first
        xfrm = sp_pr.makeelement(A_XFRM, {})
        sp_pr.insert(0, xfrm)
    off = xfrm.find(A_OFF)
    if off is None:
        off = xfrm.makeelement(A_OFF, {})
        xfrm.insert(0, off)
    ext = xfrm.find(A_EXT)
    if ext is None:
        ext = xfrm.makeelement(A_EXT, {})
        off.addnext(ext)
    off.attrib.update({"x": str(rect.x), "y": str(rect.y)})
    ext.attrib.update({"cx": str(rect.w), "cy": str(rect.h)})


def set_alt_text(shape: BaseShape, text: str) -> None:
    """Set the shape's alternative text (the cNvPr ``descr`` screen readers announce)."""
    non_visual_props(shape).set("descr", text)


def add_box(
    shapes: Shapes,
    rect: Rect,
    fill: str | None,
    *,
    line: str | None = None,
    line_pt: float = 0.75,
    shape: MSO_SHAPE = MSO_SHAPE.RECTANGLE,
    name: str | None = None,
) -> Shape:
    """A filled (or unfilled) auto shape without text and without a shadow."""
    box = add_sp(shapes, (rect.x, rect.y, rect.w, rect.h), shape, name)
    # Fill and outline written as XML: python-pptx's fill and line API costs ~0.5 ms a shape.
    # A new shape's spPr holds only xfrm and prstGeom, so the fill then the line go last.
    sp_pr = element(box).find(P_SP_PR)
    if fill is None:
        child(sp_pr, A_NO_FILL)
    else:
        solid_fill(sp_pr, fill)
    if line is None:
        child(child(sp_pr, A_LN), A_NO_FILL)
    else:
        solid_fill(child(sp_pr, A_LN, {"w": emu_str(line_pt)}), line)
    return box


def add_text(
    shapes: Shapes,
    rect: Rect,
    paras: Sequence[Para],
    size: float,
    style: Style,
    *,
    anchor: str = "top",
    name: str | None = None,
) -> Shape:
    """A text box holding ``paras`` at ``size`` points, laid out as measured."""
    box = add_sp(shapes, (rect.x, rect.y, rect.w, rect.h), None, name)
    setup_frame(box.text_frame, anchor=anchor)
    write_paras(box.text_frame, paras, size, style)
    return box


def fill_text(
    box: Shape, paras: Sequence[Para], size: float, style: Style, *, anchor: str = "middle"
) -> None:
    """Write centred-by-default text into an auto shape (banners, markers)."""
    setup_frame(box.text_frame, anchor=anchor)
    write_paras(box.text_frame, paras, size, style)

"""Deck geometry and small shape helpers: rectangles, filled boxes, text boxes, alt text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.render.pptx_runs import Style, rgb, setup_frame, write_paras
from reportgen.render.pptx_text import EMU_PER_PT, Para

__all__ = ["Rect", "add_box", "add_text", "fill_text", "ink_on", "rgb", "set_alt_text"]

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.presentation import Presentation
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.shapes.shapetree import GroupShapes, SlideShapes

    Shapes = SlideShapes | GroupShapes

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


def ink_on(colour: str, dark: str, light: str = "#FFFFFF") -> str:
    """Dark or light text, whichever reads better on a ``colour`` fill (WCAG luminance)."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lum = sum(
        k * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        for k, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True)
    )
    return dark if lum > 0.4 else light


def set_alt_text(shape: BaseShape, text: str) -> None:
    """Set the shape's alternative text (the cNvPr ``descr`` screen readers announce)."""
    shape._element._nvXxPr.cNvPr.set("descr", text)


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
    box = shapes.add_shape(shape, Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h))
    if fill is None:
        box.fill.background()
    else:
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(fill)
    if line is None:
        box.line.fill.background()
    else:
        box.line.color.rgb = rgb(line)
        box.line.width = Pt(line_pt)
    # The theme style reference brings a drop shadow some viewers draw despite an empty
    # effect list; fill, line and text colour are all set explicitly, so drop it.
    style = box._element.find(qn("p:style"))
    if style is not None:
        box._element.remove(style)
    if name:
        box.name = name
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
    box = shapes.add_textbox(Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(rect.h))
    setup_frame(box.text_frame, anchor=anchor)
    write_paras(box.text_frame, paras, size, style)
    if name:
        box.name = name
    return box


def fill_text(
    box: Shape, paras: Sequence[Para], size: float, style: Style, *, anchor: str = "middle"
) -> None:
    """Write centred-by-default text into an auto shape (banners, markers)."""
    setup_frame(box.text_frame, anchor=anchor)
    write_paras(box.text_frame, paras, size, style)

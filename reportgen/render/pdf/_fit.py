"""A chart drawing that gives up a little of its size rather than leave a page part empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

# reportlab measures a group kept together (a heading with what follows) at this height.
_MEASURING = 0xFFFFFF


class Shrinkable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A drawing scaled down, to no less than ``smallest`` of its size, to fit the space left.

    Without it a chart a few points too tall for the rest of a page moves to the next one
    and leaves a third of the page empty (docs/layout.md). Vector drawings scale cleanly.
    """

    def __init__(self, drawing: Drawing, smallest: float = 0.8) -> None:
        super().__init__()
        self.drawing = drawing
        self.smallest = smallest
        self.hAlign = getattr(drawing, "hAlign", "LEFT")
        self.scale = 1.0
        # The drawing's structure node (a Figure), where the tagger looks for it in the story.
        self.tag = getattr(drawing, "tag", None)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.drawing.wrap(aW, aH)
        if aH >= _MEASURING:  # a keep-together group asks what it could take at least
            self.scale = self.smallest
        else:
            self.scale = max(self.smallest, min(1.0, aH / h)) if h > 0 else 1.0
        self.width, self.height = w * self.scale, h * self.scale
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Any]:
        return []  # a drawing is never cut: smaller, or on the next page

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        self.drawing.drawOn(canv, 0, 0)
        canv.restoreState()

    def getSpaceBefore(self) -> float:
        return float(getattr(self.drawing, "spaceBefore", 0))

    def getSpaceAfter(self) -> float:
        return float(getattr(self.drawing, "spaceAfter", 0))

"""Shapes written straight into a slide's shape tree, numbered and named as python-pptx does.

For every shape python-pptx parses an XML template, searches the whole slide for the
largest id with a freshly compiled XPath and builds the shape's proxy through a factory
that compiles another; a risk-matrix slide has a hundred shapes. Building the same
elements with lxml gives the same part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from lxml import etree
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.shapes.shapetree import GroupShapes
from pptx.util import Emu

from reportgen.render.pptx._ooxml.names import (
    A_BODY_PR,
    A_EXT,
    A_NO_FILL,
    A_OFF,
    A_P,
    A_PPR,
    A_SP_AUTOFIT,
    A_XFRM,
    P_EXT_LST,
    P_SP,
    P_SP_PR,
    P_STYLE,
    SHAPE_TAGS,
    XFRM_PATHS,
    insert_before,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lxml.etree import _Element
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.shapes.base import BaseShape
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import SlideShapes

    Shapes: TypeAlias = "SlideShapes | GroupShapes | Members"

_IDS = etree.XPath("//@id")  # every id in the part, as python-pptx numbers a new shape
_P_NV_SP_PR, _P_C_NV_PR, _P_C_NV_SP_PR, _P_NV_PR = (
    qn(t) for t in ("p:nvSpPr", "p:cNvPr", "p:cNvSpPr", "p:nvPr")
)
_P_TX_BODY, _A_PRST_GEOM, _A_AV_LST, _A_LST_STYLE = (
    qn(t) for t in ("p:txBody", "a:prstGeom", "a:avLst", "a:lstStyle")
)
_A_CH_OFF, _A_CH_EXT = qn("a:chOff"), qn("a:chExt")
_GRP_XFRM = f"{qn('p:grpSpPr')}/{A_XFRM}"


def next_shape_id(element: _Element) -> int:
    """One more than the largest numeric id in ``element``'s part."""
    return max((int(v) for v in _IDS(element) if v.isdigit()), default=0) + 1


def add_sp(
    shapes: Shapes, rect: tuple[int, int, int, int], kind: MSO_SHAPE | None, name: str | None
) -> Shape:
    """A new auto shape of ``kind``, or a text box for None, at (x, y, cx, cy) in EMU.

    The auto shape has no theme style reference (its shadow would show; every colour is
    set explicitly), otherwise both are python-pptx's elements, ids and names; ``name``
    replaces the name.
    """
    if isinstance(shapes, Members):
        return shapes.adopt(add_sp(shapes.shapes, rect, kind, name))
    if isinstance(shapes, GroupShapes):  # python-pptx also resizes the group: let it
        x, y, cx, cy = (Emu(v) for v in rect)
        if kind is None:
            shape = shapes.add_textbox(x, y, cx, cy)
        else:
            shape = shapes.add_shape(kind, x, y, cx, cy)
            shape._element.remove(shape._element.find(P_STYLE))
        if name:
            shape.name = name
        return shape
    tree = shapes._spTree
    shape_id = next_shape_id(tree)
    sp = tree.makeelement(P_SP, {})
    _add_sp_children(sp, shape_id, rect, kind, name)
    insert_before(tree, sp, (P_EXT_LST,))
    return Shape(sp, shapes)


def _add_sp_children(
    sp: _Element,
    shape_id: int,
    rect: tuple[int, int, int, int],
    kind: MSO_SHAPE | None,
    name: str | None,
) -> None:
    """The children python-pptx's auto shape or text box template gives a ``p:sp``."""
    sub = etree.SubElement
    if kind is None:
        default, prst = f"TextBox {shape_id - 1}", "rect"
    else:
        shape_type = AutoShapeType(kind)
        default, prst = f"{shape_type.basename} {shape_id - 1}", shape_type.prst
    nv = sub(sp, _P_NV_SP_PR)
    sub(nv, _P_C_NV_PR, id=str(shape_id), name=name or default)
    sub(nv, _P_C_NV_SP_PR, {"txBox": "1"} if kind is None else {})
    sub(nv, _P_NV_PR)
    sp_pr = sub(sp, P_SP_PR)
    xfrm = sub(sp_pr, A_XFRM)
    x, y, cx, cy = (str(v) for v in rect)
    sub(xfrm, A_OFF, x=x, y=y)
    sub(xfrm, A_EXT, cx=cx, cy=cy)
    sub(sub(sp_pr, _A_PRST_GEOM, prst=prst), _A_AV_LST)
    tx_body = sub(sp, _P_TX_BODY)
    if kind is None:
        sub(sp_pr, A_NO_FILL)
        sub(sub(tx_body, A_BODY_PR, wrap="none"), A_SP_AUTOFIT)
        sub(tx_body, _A_LST_STYLE)
        sub(tx_body, A_P)
    else:
        sub(tx_body, A_BODY_PR, rtlCol="0", anchor="ctr")
        sub(tx_body, _A_LST_STYLE)
        sub(sub(tx_body, A_P), A_PPR, algn="ctr")


class Members:
    """Shapes added to a tree now and grouped once at the end.

    python-pptx recomputes a group's extents after every shape added to it, which is
    quadratic; grouping finished shapes computes them once.
    """

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        self._made: list[BaseShape] = []

    def adopt(self, shape: Shape) -> Shape:
        """Remember a shape just added to the tree, for the group."""
        self._made.append(shape)
        return shape

    def add_group_shape(self, shapes: Sequence[BaseShape] = ()) -> GroupShape:
        """Group some remembered shapes (a nested group) and remember the group instead."""
        group = group_shapes(self.shapes, shapes)
        moved = {id(s._element) for s in shapes}
        self._made = [s for s in self._made if id(s._element) not in moved] + [group]
        return group

    def group(self, name: str) -> GroupShape:
        """Move every remembered shape into one new group named ``name``."""
        group = group_shapes(self.shapes, self._made)
        group.name = name
        return group


def group_shapes(shapes: Shapes, members: Sequence[BaseShape]) -> GroupShape:
    """A new group of ``members``, sized to them as python-pptx sizes a group.

    In a Members, the outer Members forgets the grouped shapes and remembers the group.
    python-pptx reads every member's position through its object API; reading the
    transforms directly is the same arithmetic.
    """
    if isinstance(shapes, Members):
        return shapes.add_group_shape(members)
    group = shapes.add_group_shape(())
    grp = group._element
    for shape in members:
        insert_before(grp, shape._element, (P_EXT_LST,))
    boxes = [_xfrm_box(el) for el in grp.iterchildren(*SHAPE_TAGS)]
    if boxes:
        x, y = min(b[0] for b in boxes), min(b[1] for b in boxes)
        cx = max(b[0] + b[2] for b in boxes) - x
        cy = max(b[1] + b[3] for b in boxes) - y
        xfrm = grp.find(_GRP_XFRM)
        for tag in (A_OFF, _A_CH_OFF):
            xfrm.find(tag).attrib.update({"x": str(x), "y": str(y)})
        for tag in (A_EXT, _A_CH_EXT):
            xfrm.find(tag).attrib.update({"cx": str(cx), "cy": str(cy)})
    return group


def _xfrm_box(el: _Element) -> tuple[int, int, int, int]:
    """(x, y, cx, cy) of a shape element from its transform."""
    for path in XFRM_PATHS:
        xfrm = el.find(path)
        if xfrm is not None:
            off, ext = xfrm.find(A_OFF), xfrm.find(A_EXT)
            return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
    raise ValueError(f"shape without a transform: {el.tag}")

"""Private attributes of python-pptx objects, one accessor each (the only place they are read)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pptx.shapes.shapetree import SlideShapeFactory

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.chart.chart import Chart
    from pptx.presentation import Presentation
    from pptx.shapes.base import BaseShape
    from pptx.shapes.shapetree import GroupShapes, SlideShapes
    from pptx.text.text import TextFrame


def element(proxy: Any) -> _Element:
    """The XML element behind a python-pptx object (shape, slide, layout, series, axis…)."""
    el: _Element = proxy._element
    return el


def shape_tree(shapes: SlideShapes | GroupShapes) -> _Element:
    """The ``p:spTree`` (or ``p:grpSp``) element a shape collection writes into."""
    tree: _Element = shapes._spTree
    return tree


def chart_space(chart: Chart) -> _Element:
    """The ``c:chartSpace`` root of a chart part."""
    root: _Element = chart._chartSpace
    return root


def slide_id_list(prs: Presentation) -> _Element:
    """The presentation's ``p:sldIdLst`` (the slide order)."""
    ids: _Element = prs.slides._sldIdLst
    return ids


def text_body(frame: TextFrame) -> _Element:
    """The ``p:txBody``/``a:txBody`` element of a text frame."""
    body: _Element = frame._txBody
    return body


def non_visual_props(shape: BaseShape) -> _Element:
    """The shape's ``cNvPr`` (id, name, alt text), whatever kind of shape it is."""
    props: _Element = shape._element._nvXxPr.cNvPr
    return props


def shape_of(el: _Element, shapes: SlideShapes) -> BaseShape:
    """The python-pptx shape object for a shape element of ``shapes``' slide."""
    shape: BaseShape = SlideShapeFactory(el, shapes)
    return shape

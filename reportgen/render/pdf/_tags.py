"""Tagged PDF (PDF/UA-1): structure nodes for the memo's flowables and their marked content.

How it fits together (docs/accessibility.md): while the story is built, every flowable that
shows content gets a structure ``Node`` (a role such as P, H1, TD or Figure) placed in the
tree in reading order. While the memo is drawn, the ``Tagger`` on the canvas wraps exactly
the operators each node's flowable draws in ``/Role <</MCID n>> BDC … EMC``, and every
other operator on the page (banners, running lines, page numbers, table rules and shading)
in ``/Artifact`` sequences. ``_structure.write_structure`` turns the nodes into the PDF's
structure tree when the canvas saves. Only public canvas operations are used here
(``addLiteral``); the few private reportlab attributes needed live in ``_reportlab``.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.platypus import Image, Paragraph

from reportgen.render.pdf._reportlab import ctm

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from reportlab.pdfbase.pdfdoc import PDFObjectReference
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

ARTIFACTS = {
    "layout": "/Artifact <</Type /Layout>> BDC",
    "pagination": "/Artifact <</Type /Pagination>> BDC",
}


class Node:
    """A structure element: its role, attributes and kids (nodes, content, annotations)."""

    __slots__ = ("alt", "attrs", "kids", "parent", "role")

    def __init__(
        self, role: str, parent: Node | None = None, *, alt: str | None = None, **attrs: Any
    ) -> None:
        self.role = role
        self.parent: Node | None = None
        self.kids: list[Node | Content | Annot] = []
        self.alt = alt
        self.attrs: dict[str, Any] = attrs
        if parent is not None:
            parent.append(self)

    def append(self, kid: Node) -> Node:
        """Move ``kid`` to the end of this node's kids."""
        if kid.parent is not None:
            kid.parent.kids.remove(kid)
        kid.parent = self
        self.kids.append(kid)
        return kid

    def top(self) -> Node:
        """The outermost ancestor (the node itself when it has no parent)."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def nodes(self) -> Iterator[Node]:
        """This node and its descendants, in document order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.nodes()


@dataclass(frozen=True, slots=True)
class Content:
    """A marked-content sequence: the page (0-based) and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annot:
    """A link annotation: its page (0-based) and its indirect reference."""

    page: int
    ref: PDFObjectReference


class Tagger:
    """The structure tree being built and the marked content of the page being drawn."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.pages: list[list[Node]] = []  # per page, the node of each MCID
        self.page_keys: list[int] = []  # per page, its /StructParents key
        self.links: list[tuple[int, Node]] = []  # (/StructParent key, Link node)
        self.muted: frozenset[int] = frozenset()  # ids of flowables drawn as artifacts
        self._keys = itertools.count()
        self._stack: list[Node | str] = []  # open sequences: a node or an artifact kind
        self._then: Node | None = None  # a list item's body, after its label

    def attach(self, story: Iterable[Flowable]) -> None:
        """Put each top-level flowable's structure under the document, in story order."""
        for flowable in story:
            node = getattr(flowable, "tag", None)
            if node is not None:
                top = node.top()
                if top is not self.root:
                    self.root.append(top)

    # --- called by the canvas while drawing ----------------------------------------------

    def begin_page(self, canv: Canvas) -> None:
        """A new page: everything not tagged below is a layout artifact."""
        self.pages.append([])
        self.page_keys.append(next(self._keys))
        self._stack = ["layout"]
        canv.addLiteral(ARTIFACTS["layout"])

    def end_page(self, canv: Canvas) -> None:
        """Close the page's last sequence."""
        if self._stack:
            canv.addLiteral("EMC")
            self._stack = []

    @contextmanager
    def marked(self, canv: Canvas, what: Node | str, then: Node | None = None) -> Iterator[None]:
        """Draw inside a sequence for ``what`` (a node or an artifact kind).

        With ``then``, the sequence switches to ``then`` after the first text object (a
        list item's label, then its body).
        """
        if not self._stack:  # not on a tagged page (a form being defined)
            yield
            return
        canv.addLiteral("EMC")
        self._stack.append(what)
        self._open(canv, what)
        self._then = then
        try:
            yield
        finally:
            self._then = None
            canv.addLiteral("EMC")
            self._stack.pop()
            self._open(canv, self._stack[-1])

    @contextmanager
    def muting(self, flowables: Iterable[object]) -> Iterator[None]:
        """Draw ``flowables`` as artifacts meanwhile (a table's repeated header row)."""
        before = self.muted
        self.muted = before | {id(f) for f in flowables}
        try:
            yield
        finally:
            self.muted = before

    def text_drawn(self, canv: Canvas) -> None:
        """After each text object: a list item's label is done, its body follows."""
        if self._then is not None and self._stack:
            node, self._then = self._then, None
            canv.addLiteral("EMC")
            self._stack[-1] = node
            self._open(canv, node)

    def link(self) -> tuple[int, Node] | None:
        """A Link node in the element being drawn, and its annotation's /StructParent key."""
        current = self._stack[-1] if self._stack else None
        if not isinstance(current, Node):
            return None
        node = Node("Link", current)
        key = next(self._keys)
        self.links.append((key, node))
        return key, node

    def _open(self, canv: Canvas, what: Node | str) -> None:
        if isinstance(what, str):
            canv.addLiteral(ARTIFACTS[what])
            return
        page = len(self.pages) - 1
        mcid = len(self.pages[page])
        self.pages[page].append(what)
        what.kids.append(Content(page, mcid))
        canv.addLiteral(f"/{what.role} <</MCID {mcid}>> BDC")


# --- flowables that draw inside their node's marked content ----------------------------------


class _Marked:
    """Mixin: ``draw`` inside a marked-content sequence for ``self.tag``."""

    tag: Node
    label: Node | None = None
    canv: Canvas

    def draw(self) -> None:
        canv = self.canv
        tagger: Tagger | None = getattr(canv, "tagger", None)
        if tagger is None or id(self) in tagger.muted:
            super().draw()  # type: ignore[misc]
            return
        if self.tag.role == "Figure":
            self.tag.attrs["BBox"] = _bbox(canv, *self.box())
        first, then = (self.label, self.tag) if self.label is not None else (self.tag, None)
        with tagger.marked(canv, first, then):
            super().draw()  # type: ignore[misc]

    def box(self) -> tuple[float, float]:
        """Width and height of what ``draw`` paints, from its origin."""
        return float(getattr(self, "width", 0)), float(getattr(self, "height", 0))


class TaggedParagraph(_Marked, Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph with a structure node (P unless told); its split parts share it."""

    def __init__(self, text: Any, style: Any = None, *args: Any, role: str = "P", **kw: Any):
        super().__init__(text, style, *args, **kw)
        self.tag = Node(role)
        self.label = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = list(super().split(availWidth, availHeight))
        for i, part in enumerate(parts):
            if part is not self and isinstance(part, TaggedParagraph):
                part.tag = self.tag
                part.label = self.label if i == 0 else None  # only the first part has a bullet
        return parts


class FigureDrawing(_Marked, Drawing):  # type: ignore[misc]  # reportlab is untyped
    """A chart drawing; ``figure`` gives it its Figure node and alternative text."""

    _attrMap = AttrMap(BASE=Drawing, tag=AttrMapValue(None), label=AttrMapValue(None))
    tag: Node | None = None  # type: ignore[assignment]  # set by figure()

    def draw(self, *args: Any, **kwargs: Any) -> None:
        if self.tag is None:
            Drawing.draw(self, *args, **kwargs)
        else:
            _Marked.draw(self)


class FigureImage(_Marked, Image):  # type: ignore[misc]  # reportlab is untyped
    """A picture (the template's logo) with its Figure node."""

    def __init__(self, *args: Any, alt: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag = Node("Figure", alt=alt)

    def box(self) -> tuple[float, float]:
        return float(self.drawWidth), float(self.drawHeight)


def figure(d: FigureDrawing, alt: str) -> FigureDrawing:
    """Give a drawing its Figure node with alternative text ``alt``."""
    d.tag = Node("Figure", alt=alt)
    return d


def _bbox(canv: Canvas, w: float, h: float) -> list[float]:
    """The page-space bounding box of (0, 0)–(w, h) in the current coordinates."""
    a, b, c, d, e, f = ctm(canv)
    xs, ys = [], []
    for x, y in ((0, 0), (w, 0), (0, h), (w, h)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return [round(v, 2) for v in (min(xs), min(ys), max(xs), max(ys))]


# --- structure of lists and tables -----------------------------------------------------------


def as_list(items: Sequence[Flowable], *, labelled: bool = True) -> Node:
    """L > LI > (Lbl, LBody) for paragraphs drawn with a bullet or number (``bulletText``).

    Without ``labelled`` each item is only its body (the marker is part of its text).
    """
    lst = Node("L")
    for item in items:
        li = Node("LI", lst)
        if isinstance(item, TaggedParagraph):
            item.tag = Node("LBody", li)
            if labelled and item.bulletText:
                item.label = Node("Lbl")
                li.kids.insert(0, item.label)
                item.label.parent = li
    return lst


def as_table(
    table: Any,
    rows: Sequence[Sequence[object]],
    *,
    head_rows: int = 0,
    row_header: Callable[[int], bool] = lambda _: False,
) -> Node:
    """Table > THead/TBody > TR > TH/TD for a table's cells (as given to it), set on it.

    Cells of the first ``head_rows`` rows are column headers; a cell in a column for which
    ``row_header(column)`` is true is a row header. A paragraph cell's node becomes the
    TH/TD; a list of flowables goes inside it; a string cell (padding) stays empty.
    """
    node = Node("Table")
    head = Node("THead", node) if head_rows else None
    body = Node("TBody", node) if len(rows) > head_rows else None
    for r, row in enumerate(rows):
        tr = Node("TR", head if r < head_rows else body)
        for c, cell in enumerate(row):
            scope = "Column" if r < head_rows else "Row" if row_header(c) else None
            _cell(cell, Node("TH" if scope else "TD", tr, **({"Scope": scope} if scope else {})))
    table.tag = node
    table.head_cells = list(rows[0]) if head_rows else []
    return node


def as_group(table: Any, cells: Iterable[object], role: str = "Div") -> Node:
    """A layout table's cells as kids of one ``role`` node, in order (no table semantics)."""
    node = Node(role)
    for cell in cells:
        for flowable in cell if isinstance(cell, list | tuple) else [cell]:
            tag = getattr(flowable, "tag", None)
            if tag is not None:
                node.append(tag.top())
    table.tag = node
    return node


def _cell(cell: object, node: Node) -> None:
    if isinstance(cell, TaggedParagraph):
        node.attrs.update(cell.tag.attrs)
        cell.tag = node
    elif isinstance(cell, list | tuple):
        for flowable in cell:
            tag = getattr(flowable, "tag", None)
            if tag is not None:
                node.append(tag.top())

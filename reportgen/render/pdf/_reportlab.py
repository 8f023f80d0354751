"""The one door to reportlab's internals: every private attribute the memo relies on.

reportlab has no public API for these; each function names the attribute it reads or
writes, and tests/render/test_reportlab_hooks.py fails with a plain message when one of
them changes (reportlab is pinned in pyproject.toml to the range those tests pass on).
No other module touches a private reportlab attribute (tests/test_architecture.py).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from reportlab.pdfbase.pdfdoc import PDFObjectReference
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Frame, KeepTogether, Table


# --- frames and flowables ----------------------------------------------------------------------


def kept_together(group: KeepTogether) -> list[Flowable]:
    """The flowables a KeepTogether holds (``_content``)."""
    return list(group._content)


def splitting_frame(flowable: Flowable) -> Frame | None:
    """The frame splitting ``flowable`` right now: ``Frame.split`` sets ``flowable._frame``."""
    return getattr(flowable, "_frame", None)


@contextlib.contextmanager
def split_in(flowable: Flowable, frame: Frame) -> Iterator[None]:
    """Let ``flowable`` see ``frame`` as the frame splitting it, as ``Frame.split`` does."""
    flowable._frame = frame
    try:
        yield
    finally:
        del flowable._frame


def frame_at_top(frame: Frame) -> bool:
    """Whether nothing has been drawn in ``frame`` yet (``_atTop``)."""
    return bool(frame._atTop)


def frame_height(frame: Frame) -> float:
    """The height of a fresh ``frame`` available to flowables (``_aH``)."""
    return float(frame._aH)


def frame_full_height(frame: Frame) -> float:
    """The height of ``frame`` itself, padding included (``_height``)."""
    return float(frame._height)


def table_height(table: Table) -> float:
    """The height of a table after ``wrap`` laid it out (``_height``)."""
    return float(table._height)


def row_heights(table: Table) -> list[float]:
    """Row heights of a table after ``wrap`` or ``split`` laid it out (``_rowHeights``)."""
    return list(table._rowHeights)


# --- fonts -------------------------------------------------------------------------------------


def glyph_map(font_name: str) -> dict[int, int]:
    """The registered TrueType font's code point → glyph map (``face.charToGlyph``).

    Shared by every document using the font in this process: entries added are seen by all.
    """
    table: dict[int, int] = pdfmetrics.getFont(font_name).face.charToGlyph
    return table


class SubsetFixingTTFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
    """A TrueType font whose subsets' ToUnicode CMaps can be rewritten after reportlab writes them.

    ``fix(name, codes)`` returns the CMap text for the subset named ``name`` holding
    ``codes``, or None to keep reportlab's. Relies on ``state[doc].subsets``,
    ``face.subfontNameX`` and the document's ``idToObject`` key ``"toUnicodeCMap:<name>"``.
    """

    fix: Callable[[str, list[int]], str | None] = staticmethod(lambda name, codes: None)

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, codes in enumerate(subsets):
            name = (SUBSETN(n) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            text = self.fix(name, codes)
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if text is not None and stream is not None:
                stream.content = text


# --- the document being written (PDF tagging: render/pdf/_tags.py, _structure.py) -------------


def ctm(canv: Canvas) -> tuple[float, float, float, float, float, float]:
    """The canvas's current transformation matrix (``_currentMatrix``)."""
    a, b, c, d, e, f = canv._currentMatrix
    return float(a), float(b), float(c), float(d), float(e), float(f)


def reference_bytes(canv: Canvas, obj: Any) -> bytes:
    """Register ``obj`` and return its reference as written (``b"12 0 R"``); numbers are
    given at registration, so this is final (``_doc``)."""
    doc = canv._doc
    return bytes(doc.Reference(obj).format(doc))


def formatted(canv: Canvas, obj: Any) -> bytes:
    """A PDF object as the canvas's document writes it (``_doc``)."""
    return bytes(obj.format(canv._doc))


def pages(canv: Canvas) -> list[Any]:
    """The document's page objects written so far, in order (``_doc.Pages.pages``)."""
    return list(canv._doc.Pages.pages)


def set_page_entries(page: Any, **entries: Any) -> None:
    """Add entries to a page dictionary (reportlab writes the names in ``__NoDefault__``)."""
    page.__NoDefault__ = [*page.__NoDefault__, *(k for k in entries if k not in page.__NoDefault__)]
    for key, value in entries.items():
        setattr(page, key, value)


def last_annotation(canv: Canvas) -> PDFObjectReference:
    """The reference of the annotation just added to the current page (``_annotationrefs``)."""
    return canv._annotationrefs[-1]

"""Every use of reportlab's private attributes, in one place, so an upgrade is checked here.

reportlab 5.1 has no public API for these; each function names what it reaches for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFObjectReference
    from reportlab.pdfgen.canvas import Canvas


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

"""What PowerPoint's accessibility checker looks for, applied once the deck is built.

Every slide gets a unique title (repeats numbered), its shapes are put in reading order
(title, then content top to bottom and left to right, then the classification banners),
and purely decorative shapes are marked decorative so screen readers skip them
(docs/accessibility.md).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pptx.oxml.ns import qn

from reportgen.render.pptx._ooxml.access import element
from reportgen.render.pptx._ooxml.names import A_EXT_LST, A_OFF, A_T

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation
    from pptx.shapes.base import BaseShape

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
ROW_BAND = 228600  # EMU (a quarter inch): shapes starting this close count as one row
BANNERS = ("Classification top", "Classification bottom")

_A_EXT = qn("a:ext")
_SP_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"
_P_CNV_PR = qn("p:cNvPr")
_P_PH = qn("p:ph")
_SHAPES = {qn(f"p:{t}") for t in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")}


def mark_decorative(shape: BaseShape) -> None:
    """Mark a shape decorative (the Office 2019 ``adec:decorative`` extension on cNvPr)."""
    c_nv_pr = _c_nv_pr(element(shape))
    ext_lst = c_nv_pr.find(A_EXT_LST)
    if ext_lst is None:
        ext_lst = c_nv_pr.makeelement(A_EXT_LST, {})
        c_nv_pr.append(ext_lst)
    ext = ext_lst.makeelement(_A_EXT, {"uri": DECORATIVE_URI})
    ext_lst.append(ext)
    ext.append(ext.makeelement(f"{{{ADEC}}}decorative", {"val": "1"}, nsmap={"adec": ADEC}))


def is_decorative(el: _Element) -> bool:
    """Whether a shape element carries the decorative mark."""
    ext_lst = _c_nv_pr(el).find(A_EXT_LST)
    return ext_lst is not None and any(e.get("uri") == DECORATIVE_URI for e in ext_lst)


def finish_deck(prs: Presentation) -> None:
    """Unique titles and reading order on every slide."""
    seen: Counter[str] = Counter()
    for slide in prs.slides:
        tree = slide.element.find(_SP_TREE)
        shapes = [el for el in tree if el.tag in _SHAPES]
        title = next((el for el in shapes if _is_title(el)), None)
        if title is not None:
            _unique(title, seen)
        for el in sorted(shapes, key=lambda el: _reading_key(el, title)):
            tree.append(el)  # moves it: the last appended is read last


def _reading_key(el: _Element, title: _Element | None) -> tuple[int, int, int]:
    if el is title:
        return (0, 0, 0)
    if is_decorative(el):
        return (3, 0, 0)
    if _c_nv_pr(el).get("name") in BANNERS:
        return (2, 0, 0)
    off = next(el.iter(A_OFF), None)
    y, x = (int(off.get("y", 0)), int(off.get("x", 0))) if off is not None else (0, 0)
    return (1, y // ROW_BAND, x)


def _unique(title: _Element, seen: Counter[str]) -> None:
    """Number a title already used (" (2)", " (3)", …) so each slide's title is unique."""
    texts = list(title.iter(A_T))
    text = "".join(t.text or "" for t in texts).strip()
    seen[text] += 1
    if seen[text] > 1 and texts:
        texts[-1].text = f"{texts[-1].text or ''} ({seen[text]})"
        seen[_text(title)] += 1


def _text(el: _Element) -> str:
    return "".join(t.text or "" for t in el.iter(A_T)).strip()


def _is_title(el: _Element) -> bool:
    ph = next(el.iter(_P_PH), None)
    if ph is not None:  # as python-pptx's shapes.title: the placeholder with idx 0
        return bool(ph.get("idx", "0") == "0")
    return bool(_c_nv_pr(el).get("name") == "Title")


def _c_nv_pr(el: _Element) -> _Element:
    return next(el.iter(_P_CNV_PR))

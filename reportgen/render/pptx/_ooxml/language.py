"""The deck's declared language and right-to-left paragraphs, set in one pass before saving.

Every run of the slides, their notes and the charts carries ``lang`` (the text's language:
the briefing's ``language:`` or the template's locale), so spell-checkers and screen readers
do not guess (docs/languages.md). A paragraph whose first strong letter is right-to-left
(Arabic, Hebrew…) gets ``rtl="1"`` and right alignment, as PowerPoint writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.oxml.ns import qn

from reportgen.render.pptx._ooxml.names import A_END_PARA_RPR, A_P, A_PPR, A_R, A_RPR, A_T
from reportgen.source.inline import first_strong_rtl

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.presentation import Presentation

A_FLD = qn("a:fld")
A_BR = qn("a:br")
A_DEF_RPR = qn("a:defRPr")
_TEXT_PARTS = ("/ppt/slides/", "/ppt/notesSlides/", "/ppt/charts/")
_KEEP_ALIGN = ("ctr", "just", "dist")


def declare_language(prs: Presentation, lang: str) -> None:
    """Set ``lang`` on every run of the slides, notes and charts; mark RTL paragraphs."""
    for part in prs.part.package.iter_parts():
        if not str(part.partname).startswith(_TEXT_PARTS):
            continue
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for p in element.iter(A_P):
            _paragraph(p, lang)
        for defaults in element.iter(A_DEF_RPR):
            defaults.set("lang", lang)
    prs.core_properties.language = lang


def _paragraph(p: _Element, lang: str) -> None:
    for child in p:
        if child.tag in (A_R, A_FLD, A_BR):
            rpr = child.find(A_RPR)
            if rpr is None and child.tag != A_BR:  # a break has no text to declare
                rpr = child.makeelement(A_RPR, {})
                child.insert(0, rpr)
            if rpr is not None:
                rpr.set("lang", lang)
        elif child.tag == A_END_PARA_RPR:
            child.set("lang", lang)
    if is_rtl_text("".join(t.text or "" for t in p.iter(A_T))):
        ppr = p.find(A_PPR)
        if ppr is None:
            ppr = p.makeelement(A_PPR, {})
            p.insert(0, ppr)
        ppr.set("rtl", "1")
        if ppr.get("algn") not in _KEEP_ALIGN:
            ppr.set("algn", "r")


def is_rtl_text(text: str) -> bool:
    """Whether the first strong letter of ``text`` is right-to-left (Unicode bidi rule P2)."""
    return first_strong_rtl(text) is True

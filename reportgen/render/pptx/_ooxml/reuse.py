"""What every slide repeats, built once per render: layouts, title boxes, banners, notes pages.

python-pptx rebuilds each notes page from the notes master (and scans every part of the
package for a free part name) and looks layouts up by walking every master; the classification
banners are the same shapes on every slide. Copying the first-built XML gives the same parts.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart

from reportgen.render.pptx._ooxml.names import (
    A_BR,
    A_P,
    A_R,
    A_T,
    ANY_PH,
    P_EXT_LST,
    P_SP,
    SP_PH,
    SP_TREE,
    escape_text,
    insert_before,
)
from reportgen.render.pptx._ooxml.tree import next_shape_id

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.opc.package import Part
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout

    from reportgen.render.pptx._shapes import Rect

_C_NV_PR = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
_BREAKS = re.compile("\n|\v")


@dataclass(slots=True)
class Reuse:
    """Per-render memo of layouts, title boxes and pristine copies of repeated XML."""

    layouts: dict[str, SlideLayout] = field(default_factory=dict)
    placeholders: dict[str, list[_Element]] = field(default_factory=dict)
    titles: dict[str, Rect] = field(default_factory=dict)
    columns: list[Rect] = field(default_factory=list)  # of the two-column layout
    banners: list[_Element] = field(default_factory=list)
    notes: tuple[_Element, Part] | None = None  # the first notes page, its notes master
    part_names: set[str] | None = None  # of every part in the package, scanned once


def add_slide(prs: Presentation, layout: SlideLayout, role: str, reuse: Reuse) -> Slide:
    """A new slide of ``layout``, its placeholders copied from the first slide of ``role``.

    python-pptx clones each layout placeholder through its object API on every slide; on a
    fresh slide the clones get the same ids and names every time.
    """
    templates = reuse.placeholders.get(role)
    if templates is None:
        slide = cast("Slide", prs.slides.add_slide(layout))
        tree = slide._element.find(SP_TREE)
        reuse.placeholders[role] = [copy.deepcopy(el) for el in tree if el.find(ANY_PH) is not None]
        return slide
    r_id, slide = prs.part.add_slide(layout)
    tree = slide._element.find(SP_TREE)
    for template in templates:
        insert_before(tree, copy.deepcopy(template), (P_EXT_LST,))
    prs.slides._sldIdLst.add_sldId(r_id)
    return cast("Slide", slide)


def copy_shapes(slide: Slide, templates: list[_Element]) -> None:
    """Append copies of shape elements to the slide, numbered as python-pptx numbers shapes."""
    tree = slide._element.find(SP_TREE)
    next_id = next_shape_id(slide._element)
    for template in templates:
        sp = copy.deepcopy(template)
        sp.find(_C_NV_PR).set("id", str(next_id))
        next_id += 1
        insert_before(tree, sp, (P_EXT_LST,))


def notes_body(slide: Slide, reuse: Reuse) -> _Element | None:
    """A new notes page for ``slide``; its body text element, or None if it has no body."""
    if reuse.notes is None:
        notes = slide.notes_slide  # the first is built from the notes master by python-pptx
        master = notes.part.part_related_by(RT.NOTES_MASTER)
        reuse.notes = (copy.deepcopy(notes._element), master)
        element = notes._element
    else:
        element = _copy_notes(slide, reuse, *reuse.notes)
    for sp in element.find(SP_TREE).iterchildren(P_SP):
        ph = sp.find(SP_PH)
        if ph is not None and ph.get("type") == "body":
            return sp.get_or_add_txBody()
    return None


def _copy_notes(slide: Slide, reuse: Reuse, template: _Element, master: Part) -> _Element:
    """Add a copy of the first notes page to ``slide``, related as python-pptx relates it."""
    package = slide.part.package
    if reuse.part_names is None:  # one scan; python-pptx scans every part for every page
        reuse.part_names = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while _NOTES_NAME % n in reuse.part_names:
        n += 1
    name = _NOTES_NAME % n
    reuse.part_names.add(name)
    element = copy.deepcopy(template)
    part = NotesSlidePart(PackURI(name), CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(master, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return element


def set_plain_text(tx_body: _Element, text: str) -> None:
    """Replace the paragraphs with one per line of ``text``, as python-pptx's ``text =`` does."""
    for p in tx_body.findall(A_P):
        tx_body.remove(p)
    for line in text.split("\n"):
        p = etree.SubElement(tx_body, A_P)
        for k, piece in enumerate(_BREAKS.split(line)):
            if k:
                etree.SubElement(p, A_BR)
            if piece:
                run = etree.SubElement(p, A_R)
                etree.SubElement(run, A_T).text = escape_text(piece)

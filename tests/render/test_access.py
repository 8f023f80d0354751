"""Accessibility of the deck: what PowerPoint's accessibility checker looks for.

What is checked and why: docs/accessibility.md.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.render.pptx._deck import render_deck
from tests.conftest import EXAMPLE, ROOT, minimal_briefing, render_inputs

if TYPE_CHECKING:
    from pathlib import Path

    from lxml.etree import _Element

TEMPLATES = ("default", "harbour")
BRIEFINGS = (EXAMPLE, *sorted((ROOT / "tests" / "data").glob("*.yaml")))
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
BANNERS = ("Classification top", "Classification bottom")
CASES = [(b, t) for b in BRIEFINGS for t in TEMPLATES]
IDS = [f"{b.stem}-{t}" for b, t in CASES]


@cache
def deck_bytes(path: Path, template: str) -> bytes:
    briefing, tmpl, charts, info = render_inputs(path, template)
    return render_deck(briefing, tmpl, charts, info)


def deck(path: Path, template: str) -> Any:
    return Presentation(io.BytesIO(deck_bytes(path, template)))


def shapes_of(slide: Any) -> list[_Element]:
    tree = slide.element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    kinds = {qn(f"p:{t}") for t in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")}
    return [el for el in tree if el.tag in kinds]


def c_nv_pr(el: _Element) -> _Element:
    return next(el.iter(qn("p:cNvPr")))


def decorative(el: _Element) -> bool:
    return any(e.get("uri") == DECORATIVE for e in c_nv_pr(el).iter(qn("a:ext")))


def text_of(el: _Element) -> str:
    return "".join(t.text or "" for t in el.iter(qn("a:t"))).strip()


def offset(el: _Element) -> tuple[int, int]:
    off = next(el.iter(qn("a:off")))
    return int(off.get("y")), int(off.get("x"))


# --- the deck --------------------------------------------------------------------------------


@pytest.mark.parametrize(("briefing", "template"), CASES, ids=IDS)
def test_every_slide_has_a_unique_title(briefing: Path, template: str) -> None:
    titles = []
    for slide in deck(briefing, template).slides:
        title = slide.shapes.title
        assert title is not None
        titles.append(title.text_frame.text.strip())
    assert all(titles)
    assert len(set(titles)) == len(titles), [t for t in titles if titles.count(t) > 1]


def test_repeated_headings_are_numbered(write_briefing: Any) -> None:
    section = {"heading": "Same heading", "blocks": [{"paragraph": "Text."}]}
    path = write_briefing(minimal_briefing(sections=[section, section, section]))
    titles = [s.shapes.title.text_frame.text for s in deck(path, "default").slides]
    assert [t for t in titles if t.startswith("Same heading")] == [
        "Same heading",
        "Same heading (2)",
        "Same heading (3)",
    ]


@pytest.mark.parametrize(("briefing", "template"), CASES, ids=IDS)
def test_reading_order_is_title_then_content_in_visual_order(briefing: Path, template: str) -> None:
    for n, slide in enumerate(deck(briefing, template).slides, start=1):
        shapes = shapes_of(slide)
        assert shapes[0] is slide.shapes.title.element, n
        content = [
            e for e in shapes[1:] if not decorative(e) and c_nv_pr(e).get("name") not in BANNERS
        ]
        rest = shapes[1 + len(content) :]
        assert shapes[1 : 1 + len(content)] == content, f"slide {n}: content after furniture"
        assert all(decorative(e) or c_nv_pr(e).get("name") in BANNERS for e in rest)
        for a, b in zip(content, content[1:], strict=False):
            (ya, xa), (yb, xb) = offset(a), offset(b)
            # b is read after a: it does not start above a's row, nor left of it in the row.
            assert yb >= ya - 228600, f"slide {n}: {text_of(b)[:30]!r} above {text_of(a)[:30]!r}"
            assert yb > ya + 228600 or xb >= xa, f"slide {n}: {text_of(b)[:30]!r} left of a"


@pytest.mark.parametrize(("briefing", "template"), CASES, ids=IDS)
def test_pictures_charts_and_groups_have_alt_text_and_decoration_is_marked(
    briefing: Path, template: str
) -> None:
    for n, slide in enumerate(deck(briefing, template).slides, start=1):
        for el in shapes_of(slide):
            descr = (c_nv_pr(el).get("descr") or "").strip()
            if el.tag in (qn("p:pic"), qn("p:grpSp")) or (
                el.tag == qn("p:graphicFrame") and next(el.iter(qn("a:tbl")), None) is None
            ):
                assert descr or decorative(el), f"slide {n}: {c_nv_pr(el).get('name')}"
            elif (
                el.tag == qn("p:sp") and not text_of(el) and next(el.iter(qn("p:ph")), None) is None
            ):
                assert decorative(el) or descr, f"slide {n}: {c_nv_pr(el).get('name')} unmarked"
    assert any(decorative(el) for s in deck(briefing, template).slides for el in shapes_of(s))


@pytest.mark.parametrize(("briefing", "template"), CASES, ids=IDS)
def test_tables_have_a_header_row(briefing: Path, template: str) -> None:
    for slide in deck(briefing, template).slides:
        for tbl in slide.element.iter(qn("a:tbl")):
            assert tbl.find(qn("a:tblPr")).get("firstRow") == "1"

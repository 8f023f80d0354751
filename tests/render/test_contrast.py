"""Text contrast in both outputs, for every shipped template (WCAG 2.x AA).

Body text needs 4.5:1 against what it is printed on, large text (18 pt, or 14 pt bold) 3:1.
What a template author must keep: docs/accessibility.md.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.render.pdf._fonts import register_fonts
from reportgen.render.pdf._text import build_styles
from reportgen.render.pptx._deck import render_deck
from tests.conftest import EXAMPLE, ROOT, render_inputs

if TYPE_CHECKING:
    from pathlib import Path

    from lxml.etree import _Element

TEMPLATES = ("default", "harbour")
BRIEFINGS = (EXAMPLE, *sorted((ROOT / "tests" / "data").glob("*.yaml")))
CASES = [(b, t) for b in BRIEFINGS for t in TEMPLATES]
IDS = [f"{b.stem}-{t}" for b, t in CASES]


@cache
def deck_bytes(path: Path, template: str) -> bytes:
    briefing, tmpl, charts, info = render_inputs(path, template)
    return render_deck(briefing, tmpl, charts, info)


# --- contrast (WCAG 2.x AA: 4.5:1, 3:1 for large text) ---------------------------------------


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def needed(size_pt: float, bold: bool) -> float:
    large = size_pt >= 18 or (bold and size_pt >= 14)
    return 3.0 if large else 4.5


def _fill(el: _Element | None) -> str | None:
    if el is None:
        return None
    clr = el.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return None if clr is None else "#" + clr.get("val")


def _background(slide: Any) -> str:
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        bg = part.element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}")
        if bg is not None and _fill(bg):
            return _fill(bg) or "#FFFFFF"
    return "#FFFFFF"


@pytest.mark.parametrize(("briefing", "template"), CASES, ids=IDS)
def test_deck_text_contrasts_with_its_fill(briefing: Path, template: str) -> None:
    low = []
    for n, slide in enumerate(
        Presentation(io.BytesIO(deck_bytes(briefing, template))).slides, start=1
    ):
        page = _background(slide)
        for run in slide.element.iter(qn("a:r")):
            rpr = run.find(qn("a:rPr"))
            ink = _fill(rpr)
            if ink is None or not (run.findtext(qn("a:t")) or "").strip():
                continue
            fill = page
            for up in run.iterancestors():
                if up.tag == qn("a:tc"):
                    fill = _fill(up.find(qn("a:tcPr"))) or fill
                    break
                if up.tag == qn("p:sp"):
                    fill = _fill(up.find(qn("p:spPr"))) or fill
                    break
            size = int(rpr.get("sz", "1800")) / 100
            ratio = contrast(ink, fill)
            if ratio < needed(size, rpr.get("b") == "1"):
                low.append((n, run.findtext(qn("a:t"))[:30], ink, fill, round(ratio, 2)))
    assert not low


@pytest.mark.parametrize("template", TEMPLATES)
def test_memo_text_contrasts_with_its_fill(template: str) -> None:
    """Every text colour the memo's styles use, on every fill it is printed on."""
    _, tmpl, _, _ = render_inputs(EXAMPLE, template)
    theme = tmpl.theme
    s = build_styles(theme, register_fonts(tmpl.font))
    hexes = {
        name: getattr(s, name).textColor.hexval().replace("0x", "#")
        for name in ("body", "muted", "label", "memo_label", "title", "subtitle", "h1", "h3")
    }
    hexes["link"] = theme.colours.accent
    white, shade = "#FFFFFF", theme.colours.shade
    low = [
        (name, fill, round(contrast(ink, fill), 2))
        for name, ink in hexes.items()
        for fill in (white, shade)
        if contrast(ink, fill) < 4.5
    ]
    # The classification banners: small bold text on the marking's colour. The template must
    # give each marking a colour on which white or its text colour reaches 4.5:1 (the
    # renderers pick the ink; docs/accessibility.md).
    for marking, fill in theme.classification.colours.items():
        best = max(contrast("#FFFFFF", fill), contrast(theme.colours.text, fill))
        if best < 4.5:
            low.append((marking, fill, round(best, 2)))
    assert not low

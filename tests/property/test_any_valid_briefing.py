"""Any briefing the schema accepts builds, and every name reaches both documents."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.charts.specs import chart_specs
from reportgen.errors import BriefingError
from reportgen.render.docinfo import DocumentInfo
from reportgen.source.inline import Text
from reportgen.source.loader import validate_bytes
from reportgen.source.model import Briefing
from reportgen.theming.theme import resolve_template
from tests.conftest import ROOT

# Arbitrary Unicode: combining marks, right-to-left scripts, emoji and CJK all included;
# only what the format rejects (control characters, lone surrogates) is left out.
CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"),
    blacklist_characters="\u2028\u2029\x85\ufeff",
)
SCRIPTS = st.sampled_from(
    [
        "Ethnic tensions",
        "Političke tenzije",
        "Етничке тензије",
        "Πολιτική αστάθεια",
        "توترات عرقية",
        "民族紧张",
        "Risk 🚀",
        "e\u0301te\u0301",
        "<b>x</b> & {{y}} %s \\",
    ]
)
TEXT = st.one_of(SCRIPTS, st.text(CHARS, min_size=1, max_size=30)).filter(
    lambda s: s.strip() != "" and Text(s).plain.strip() != ""
)


def _names(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(
        TEXT,
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda s: Text(s).plain.casefold().strip(),
    )


@st.composite
def briefings(draw: st.DrawFn) -> dict[str, Any]:
    """A valid briefing with 1–40 factors, 1–12 scenarios and optional parts left out or empty."""
    factors = [
        {
            "name": n,
            "likelihood": draw(st.integers(1, 5)),
            "impact": draw(st.integers(1, 5)),
            "trend": draw(st.sampled_from(["rising", "steady", "easing"])),
        }
        for n in draw(_names(1, 40))
    ]
    if draw(st.booleans()):
        factors[0]["history"] = [{"date": "2026-01-01", "likelihood": 1, "impact": 1}]
    scenarios = [
        {
            "name": n,
            "probability": draw(st.floats(0, 1)),
            "kind": draw(st.sampled_from(["escalation", "integration", "muddle-through", "other"])),
            "indicators": draw(st.lists(TEXT, max_size=3)),
        }
        for n in draw(_names(1, 12))
    ]
    data: dict[str, Any] = {
        "schema": 1,
        "title": draw(TEXT),
        "date": "2026-11-26",
        "summary": draw(TEXT),
        "takeaways": [{"headline": h} for h in draw(st.lists(TEXT, min_size=1, max_size=4))],
        "threats": {"factors": factors},
        "scenarios": {"horizon": 2028, "items": scenarios},
        "conclusion": draw(TEXT),
        "sources": draw(st.sampled_from([[], [{"title": "S", "url": "https://example.org"}]])),
        "sections": draw(st.sampled_from([[], [{"heading": "H", "blocks": [{"bullets": []}]}]])),
    }
    return data


def _squash(text: str) -> str:
    """Compare text as readers see it: NFKC, no whitespace (wrapping adds line breaks)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _found(name: str, text: str) -> bool:
    """Whether ``name`` is in extracted ``text``.

    Right-to-left runs are drawn in display order and pypdf reorders them back by a rough
    rule, so for those only the characters are compared, not their order.
    """
    if not _right_to_left(name):
        return name in text
    return all(text.count(ch) >= name.count(ch) for ch in set(name))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(briefings())
def test_any_valid_briefing_builds_and_names_reach_both_outputs(data: dict[str, Any]) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    from reportgen.render.pdf._memo import render_memo
    from reportgen.render.pptx._deck import render_deck

    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    try:
        briefing = validate_bytes(raw, "generated.yaml", Briefing, BriefingError)
    except BriefingError as exc:  # the strategy only makes valid briefings
        raise AssertionError(f"{exc}\n{raw.decode()}") from None
    template = resolve_template("default", allow_path=False, cwd=ROOT)
    charts = chart_specs(briefing, template.theme)
    info = DocumentInfo(dt.datetime(2026, 11, 26, tzinfo=dt.UTC), "test", "default", "0" * 64)
    pdf = render_memo(briefing, template, charts, info)
    deck = render_deck(briefing, template, charts, info)

    pdf_text = _squash("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    prs = Presentation(io.BytesIO(deck))
    deck_text = _squash(
        "".join(
            run.text
            for slide in prs.slides
            for shape in slide.shapes
            if shape.has_text_frame
            for para in shape.text_frame.paragraphs
            for run in para.runs
        )
        + "".join(
            cell.text
            for slide in prs.slides
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        )
    )
    for item in [*briefing.threats.factors, *briefing.scenarios.items]:
        name = _squash(item.name.plain)
        assert name in deck_text, item.name
        assert _found(name, pdf_text), item.name

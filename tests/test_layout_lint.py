"""The layout lint (tests/layout_lint.py) over the example, every test briefing and every
shipped template, on 16:9 and a 4:3 master; it prints a table per document (``pytest -s``)."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from reportgen.render.pdf import render_memo
from reportgen.render.pptx import render_deck
from tests.conftest import EXAMPLE, ROOT, needs_tool, render_inputs
from tests.layout_lint import lint_deck, lint_memo

if TYPE_CHECKING:
    from pathlib import Path

DATA = sorted((ROOT / "tests" / "data").glob("*.yaml"))
CASES = [
    *((EXAMPLE, t, "16:9") for t in ("default", "harbour")),
    (EXAMPLE, "default", "4:3"),
    *((p, "default", "16:9") for p in DATA),
    (ROOT / "tests" / "data" / "minimal.yaml", "harbour", "16:9"),
]


def four_three_master(folder: Path) -> Path:
    """python-pptx's built-in master, which is 4:3 (10 × 7.5 in)."""
    path = folder / "master-4x3.pptx"
    Presentation().save(str(path))
    return path


@pytest.mark.parametrize(
    ("briefing", "template", "shape"), CASES, ids=[f"{p.stem}-{t}-{s}" for p, t, s in CASES]
)
def test_layout_lint(briefing: Path, template: str, shape: str, tmp_path: Path) -> None:
    needs_tool("pdftotext")
    needs_tool("pdftoppm")
    b, tmpl, charts, info = render_inputs(briefing, template)
    if shape == "4:3":
        tmpl = replace(tmpl, master=four_three_master(tmp_path))
    name = f"{briefing.name} ({template}, {shape})"
    deck = lint_deck(
        render_deck(b, tmpl, charts, info), name, tmpl.theme.deck.min_font_pt, tmpl.theme.fonts.deck
    )
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render_memo(b, tmpl, charts, info))
    memo = lint_memo(pdf, name, tmpl.theme.page.margin_points())
    print(f"\n{deck.table()}\n{memo.table()}")  # noqa: T201 - the table is the report (-s)
    assert deck.findings == []
    assert memo.findings == []


def test_the_example_as_built_keeps_its_factor_table_whole(tmp_path: Path) -> None:
    # Built as users build it, with "What changed" from the archive ahead of the factors.
    from reportgen.cli import main
    from reportgen.theming.theme import resolve_template
    from tests.render.test_pdf import page_texts

    needs_tool("pdftotext")
    needs_tool("pdftoppm")
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "-f", "pdf", "-q"]) == 0
    pdf = tmp_path / "western-balkans.pdf"
    pages = page_texts(pdf)
    # Every row of the four-row table on one page: its change cells and its header.
    (page,) = [p for p in pages if "Change since" in p]
    assert all(cell in page for cell in ("15 → 20", "12 → 9")), page
    margins = resolve_template("default", allow_path=False).theme.page.margin_points()
    memo = lint_memo(pdf, "western-balkans.yaml (as built)", margins)
    print(f"\n{memo.table()}")  # noqa: T201 - the table is the report (-s)
    assert memo.findings == []


# --- the lint fails on broken layouts ---------------------------------------------------------


def test_lint_finds_text_measured_in_a_narrower_face_than_written(tmp_path: Path) -> None:
    # Written in Arial but measured as if Carlito: the slides overflow in PowerPoint.
    b, tmpl, charts, info = render_inputs(EXAMPLE)
    theme = tmpl.theme.model_copy(
        update={"fonts": tmpl.theme.fonts.model_copy(update={"deck": "Arial"})}
    )
    deck = render_deck(b, replace(tmpl, theme=theme), charts, info)
    report = lint_deck(deck, "mismeasured", theme.deck.min_font_pt, "Arial")
    assert any("needs" in f and "has" in f for f in report.findings), report.table()


def test_lint_finds_overlaps_margins_small_text_and_thin_continuations(tmp_path: Path) -> None:
    from pptx.util import Pt

    b, tmpl, charts, info = render_inputs(EXAMPLE)
    prs = Presentation(io.BytesIO(render_deck(b, tmpl, charts, info)))
    slides = list(prs.slides)
    title = slides[1].shapes.title
    title.left = -Pt(20)  # off the slide's left edge
    body = next(s for s in slides[2].shapes if s.has_text_frame and s != slides[2].shapes.title)
    body.top = slides[2].shapes.title.top  # over the title
    body.text_frame.paragraphs[0].runs[0].font.size = Pt(8)  # below the 12 pt floor
    conclusion = slides[-2].shapes.title.text_frame.paragraphs[0].runs[0]
    conclusion.text += " (2 of 2)"  # one paragraph, a third of the slide: a stray
    out = io.BytesIO()
    prs.save(out)
    findings = "\n".join(lint_deck(out.getvalue(), "broken", 12, "Calibri").findings)
    assert "leaves the slide" in findings
    assert "overlaps" in findings
    assert "below the floor 12" in findings
    assert "a continuation with" in findings or "a continuation filled" in findings


def test_lint_finds_memo_text_outside_margins_overlapping_and_a_gap(tmp_path: Path) -> None:
    needs_tool("pdftotext")
    needs_tool("pdftoppm")
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "broken.pdf"
    c = Canvas(str(pdf), pagesize=(595, 842))
    c.drawString(20, 700, "Outside the left margin")
    c.drawString(100, 600, "Two lines drawn")
    c.drawString(110, 602, "on top of each other")
    c.showPage()
    for k in range(40):
        c.drawString(
            72, 760 - k * 16, f"A page of plain text that could have flowed back, line {k}"
        )
    c.showPage()
    c.save()
    report = lint_memo(pdf, "broken", (72, 72, 72, 72))
    findings = "\n".join(report.findings)
    assert "outside the side margins" in findings
    assert "overlaps" in findings
    assert "page 1: 7" in findings  # three quarters of page 1 empty before plain text
    assert "empty before what would fit there" in findings

"""The layout lint (tests/layout_lint.py) over the example, every test briefing and every
shipped template, on 16:9 and a 4:3 master; it prints a table per document (``pytest -s``)."""

from __future__ import annotations

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

"""Layout rules in isolation: time axis spacing, balanced continuations (docs/layout.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.charts.spec import LineChart, LineSeries
from reportgen.render.pdf._charts import date_positions
from reportgen.render.pptx._paginate import paginate, thin
from reportgen.render.pptx._text import Metrics, para
from reportgen.theming.theme import resolve_template


def test_dates_are_spaced_by_time_not_by_count() -> None:
    dates = (dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 7, 2))
    spec = LineChart(
        "h", "t", ("a", "b", "c"), dates, (LineSeries("s", (1, 2, 3), "#000000"),), 25, 5, "", ""
    )
    x = date_positions(spec)
    # A 12-month gap is twice as wide as the 6-month one after it.
    assert (x[1] - x[0]) == pytest.approx(2 * (x[2] - x[1]), rel=0.01)
    assert x[0] < x[1] < x[2]


def test_a_paragraph_and_fifteen_bullets_leave_no_stray_slide() -> None:
    m = Metrics(resolve_template("default", allow_path=False).deck_face)
    text = "Words that make a bullet long enough to take two lines on a slide of this width."
    paras = [para(text * 3), *(para(text, bullet="bullet") for _ in range(15))]
    box = (600.0, 300.0)
    pages = paginate(m, paras, 20, box, box[1])
    assert len(pages) > 1
    assert not thin(m, pages[-1], 20, box)
    assert min(len(p) for p in pages) >= 3


def test_narrow_memo_columns_hyphenate_and_never_break_a_date() -> None:
    from reportlab.platypus import Paragraph

    from reportgen.render.pdf._fonts import register_fonts
    from reportgen.render.pdf._text import build_styles, hyphenating, hyphenation_language

    assert [hyphenation_language(x) for x in ("de-DE", "en-GB", "fr-CA", "xx")] == [
        "de_DE",
        "en_GB",
        "fr",
        None,
    ]
    template = resolve_template("default", allow_path=False)
    styles = build_styles(template.theme, register_fonts(template.font))
    cell = Paragraph(
        "Internationalisation since 2026-08-15", hyphenating(styles.cell, template.theme)
    )
    cell.wrap(48, 1000)
    # Plain paragraphs are laid out as (spare width, words) per line.
    joined = [" ".join(words) for _, words in cell.blPara.lines]
    assert any(line.endswith("-") for line in joined[:-1]), joined  # hyphenated, with a hyphen
    assert any("2026-08-15" in line for line in joined), joined  # the date in one piece

"""Threat assessment and scenarios in the Word memo: charts, factor table, scenario outlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.shared import Pt

from reportgen.render.docx._ooxml import border_paragraph, shade_paragraph
from reportgen.render.docx._tables import column_width, data_table, text_cell
from reportgen.source.model import Direction, Trend
from reportgen.theming.locale import capital

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from reportgen.charts.spec import Charts, ChartSpec
    from reportgen.render.docx._tables import CellWriter
    from reportgen.render.docx._writer import Writer
    from reportgen.source.model import Briefing, Scenario, ThreatFactor

# The same signs as the PDF's table (render/pdf/_assessment.py).
TREND_ARROWS = {Trend.RISING: "↑", Trend.STEADY: "→", Trend.EASING: "↓"}
CHANGE_ARROWS = {Direction.UP: "▲", Direction.SAME: "=", Direction.DOWN: "▼"}
NO_CHANGE = "—"


def chart(w: Writer, spec: ChartSpec) -> None:
    """The chart's caption, then its picture drawn by render/images, with its alt text."""
    from reportgen.render.images import chart_png, chart_width_inches

    caption = w.paragraph(spec.title, "caption")
    caption.paragraph_format.keep_with_next = True
    w.picture(chart_png(spec, w.template, titled=False), spec, chart_width_inches(w.template))


def threats(w: Writer, briefing: Briefing, charts: Charts) -> None:
    """Threat assessment: intro, risk charts, then the factor table with descriptions."""
    labels = w.theme.labels
    w.heading(labels.threats, 1)
    if briefing.threats.intro:
        w.paragraph(briefing.threats.intro)
    for spec in (charts.risk_scores, charts.risk_matrix, charts.history):
        if spec is not None:
            chart(w, spec)
    w.heading(labels.factors, 2)
    head = [
        labels.factor,
        labels.likelihood,
        labels.impact,
        labels.score,
        labels.level,
        labels.trend,
        labels.change,
    ]
    factors = briefing.threats.factors
    rows = [_factor_row(w, f) for f in factors]
    data_table(w, head, rows, centred=range(1, 4), widths=_factor_widths(w, head, factors))


def _factor_widths(w: Writer, head: list[str], factors: list[ThreatFactor]) -> list[float]:
    """The numbers' columns as wide as their words; the rest 60:40 to factor and change."""
    words = w.theme.words
    texts = [
        [
            str(f.likelihood),
            str(f.impact),
            str(f.score),
            f"● {capital(words.level(f.level))}",
            f"{TREND_ARROWS[f.trend]} {words.trend(f.trend)}",
        ]
        for f in factors
    ]
    fixed = [column_width(w, head[i + 1], [t[i] for t in texts]) for i in range(5)]
    top, right, bottom, left = w.theme.page.margin_points()
    rest = max(w.theme.page.points[0] - left - right - sum(fixed), 120.0)
    return [rest * 0.6, *fixed, rest * 0.4]


def _factor_row(w: Writer, f: ThreatFactor) -> list[CellWriter]:
    c, small = w.theme.colours, w.theme.fonts.size * 0.85

    def name(paragraph: Paragraph) -> None:
        w.runs(paragraph, f.name, bold=True)
        if f.description:
            w.line_break(paragraph)
            w.runs(paragraph, f.description, colour=c.muted, size=small)

    def level(paragraph: Paragraph) -> None:
        w.runs(paragraph, "● ", colour=c.level(f.level))
        w.runs(paragraph, capital(w.theme.words.level(f.level)))

    def change(paragraph: Paragraph) -> None:
        ch = f.change
        if ch is None:
            w.runs(paragraph, NO_CHANGE)
            return
        hue = {Direction.UP: c.levels.critical, Direction.DOWN: c.levels.low}.get(
            ch.direction, c.muted
        )
        w.runs(paragraph, f"{ch.old_score} → {ch.new_score} ")
        w.runs(paragraph, CHANGE_ARROWS[ch.direction], colour=hue)
        w.runs(paragraph, f" {w.theme.words.date(ch.since)}", colour=c.muted, size=small)

    return [
        name,
        text_cell(w, str(f.likelihood)),
        text_cell(w, str(f.impact)),
        text_cell(w, str(f.score), bold=True),
        level,
        text_cell(w, f"{TREND_ARROWS[f.trend]} {w.theme.words.trend(f.trend)}"),
        change,
    ]


def scenarios(w: Writer, briefing: Briefing, charts: Charts) -> None:
    """Scenarios to the horizon: intro, probability chart, then one outline per scenario."""
    sc = briefing.scenarios
    w.heading(w.theme.words("scenarios", horizon=sc.horizon), 1)
    if sc.intro:
        w.paragraph(sc.intro)
    chart(w, charts.scenarios)
    for item in sc.items:
        _scenario(w, item)


def _scenario(w: Writer, item: Scenario) -> None:
    labels = w.theme.labels
    w.heading(item.name, 2)
    if item.summary:
        w.paragraph(item.summary)
    _facts(w, item)
    for title, entries in (
        (labels.drivers, item.drivers),
        (labels.indicators, item.indicators),
        (labels.implications, item.implications),
    ):
        if entries:
            w.heading(title, 3)
            w.bullets(entries)


def _facts(w: Writer, item: Scenario) -> None:
    """Probability, impact and kind on one shaded line, as in the PDF."""
    c, labels = w.theme.colours, w.theme.labels
    paragraph = w.paragraph()
    shade_paragraph(paragraph, c.shade)
    border_paragraph(paragraph, "left", w.theme.colours.kind(item.kind), 24, space=6)
    paragraph.paragraph_format.space_before = Pt(w.theme.fonts.size * 0.3)
    words = w.theme.words
    impact = "—" if item.impact is None else words("rating", value=item.impact)
    facts = (
        (
            labels.probability,
            f"{words.percent(item.probability)} ({words.probability(item.probability)})",
        ),
        (labels.impact, impact),
        (labels.kind, None),
    )
    for i, (label, value) in enumerate(facts):
        if i:
            w.runs(paragraph, "     ")
        w.runs(paragraph, f"{label}: ", bold=True, colour=c.muted)
        if value is not None:
            w.runs(paragraph, value)
    w.runs(paragraph, "■ ", colour=c.kind(item.kind))
    w.runs(paragraph, capital(words.kind(item.kind)))

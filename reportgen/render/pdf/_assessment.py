"""Threat assessment and scenarios: charts, the factor table and the scenario outlines."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportgen.render.pdf._blocks import Bookmark, bullet_list, heading
from reportgen.render.pdf._charts import chart_flowables
from reportgen.render.pdf._tables import (
    FlowTable,
    cell_width,
    column_width,
    data_table,
    label_width,
    table_style,
)
from reportgen.render.pdf._tags import as_table
from reportgen.render.pdf._text import bold, colour, fg, markup, para, raw_para
from reportgen.source.model import Direction, Trend
from reportgen.theming.labels import is_placeholder, parts
from reportgen.theming.locale import capital

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.charts.spec import Charts
    from reportgen.render.pdf._blocks import Layout
    from reportgen.render.pdf._text import Styles
    from reportgen.source.model import Briefing, Scenario, ThreatFactor

TREND_ARROWS = {Trend.RISING: "↑", Trend.STEADY: "→", Trend.EASING: "↓"}
NO_CHANGE = "—"


def threat_flowables(briefing: Briefing, charts: Charts, lay: Layout) -> list[Flowable]:
    """Threat assessment: intro, risk charts, then the factor table with descriptions."""
    s, threats = lay.styles, briefing.threats
    story = heading(s.theme.labels.threats, s.h1, 0, lay)
    if threats.intro:
        story.append(_lead_in(para(threats.intro, s.body, s)))
    for spec in (charts.risk_scores, charts.risk_matrix, charts.history):
        if spec is not None:
            story += chart_flowables(spec, s, lay.width, lay.height - s.size * 4)
    story += heading(s.theme.labels.factors, s.h2, 1, lay)
    story.append(_factor_table(threats.factors, lay))
    return story


def _lead_in(p: Flowable) -> Flowable:
    """An introduction that moves with the chart after it, never left alone at a page bottom
    with its heading (docs/layout.md)."""
    p.keepWithNext = 1
    return p


def _factor_table(factors: list[ThreatFactor], lay: Layout) -> FlowTable:
    s = lay.styles
    rows = [[_factor_cell(f, s), *_factor_numbers(f, s), _change_cell(f, s)] for f in factors]
    labels = s.theme.labels
    columns = [
        labels.factor,
        labels.likelihood,
        labels.impact,
        labels.score,
        labels.level,
        labels.trend,
        labels.change,
    ]
    fixed = [column_width(columns[i], [r[i] for r in rows], s) for i in range(1, 6)]
    if sum(fixed) > lay.width * 0.45:  # long words ("Wahrscheinlichkeit"): the short forms
        columns[1:3] = [labels.likelihood_short, labels.impact_short]
        fixed = [column_width(columns[i], [r[i] for r in rows], s) for i in range(1, 6)]
    rest = lay.width - sum(fixed)
    widths = [rest * 0.6, *fixed, rest * 0.4]
    return data_table(columns, rows, widths, s, centred=range(1, 4))


def _factor_cell(f: ThreatFactor, s: Styles) -> str:
    text = f"<b>{markup(f.name, s.theme.colours.accent)}</b>"
    if f.description:
        size = s.size * 0.8
        text += (
            f'<br/><font size="{size:.2f}" color="{s.theme.colours.muted}">'
            f"{markup(f.description, s.theme.colours.accent)}</font>"
        )
    return text


def _factor_numbers(f: ThreatFactor, s: Styles) -> list[str]:
    level_hex = s.theme.colours.level(f.level)
    w = s.theme.words
    return [
        str(f.likelihood),
        str(f.impact),
        f"<b>{f.score}</b>",
        f"{fg('●', level_hex)} {markup(capital(w.level(f.level)), '')}",
        f"{TREND_ARROWS[f.trend]} {markup(w.trend(f.trend), '')}",
    ]


def _change_cell(f: ThreatFactor, s: Styles) -> str:
    change = f.change
    if change is None:
        return NO_CHANGE
    levels = s.theme.colours.levels
    hue = {Direction.UP: levels.critical, Direction.DOWN: levels.low}.get(
        change.direction, s.theme.colours.muted
    )
    arrow = fg(change.direction.arrow, hue)
    w = s.theme.words
    values = {
        "old": escape(str(change.old_score)),
        "new": escape(str(change.new_score)),
        "direction": arrow,  # markup already
        "date": markup(w.date(change.since), ""),
    }
    return "".join(
        values[p] if is_placeholder(p) else markup(p, "") for p in parts(w.labels.change_since)
    )


def scenario_flowables(briefing: Briefing, charts: Charts, lay: Layout) -> list[Flowable]:
    """Scenarios to the horizon: intro, probability chart, then one outline per scenario."""
    s, sc = lay.styles, briefing.scenarios
    story = heading(s.theme.words("scenarios", horizon=sc.horizon), s.h1, 0, lay)
    if sc.intro:
        story.append(_lead_in(para(sc.intro, s.body, s)))
    story += chart_flowables(charts.scenarios, s, lay.width, lay.height - s.size * 4)
    for item in sc.items:
        story += _scenario(item, lay)
    return story


def _scenario(item: Scenario, lay: Layout) -> list[Flowable]:
    s = lay.styles
    kind_hex = s.theme.colours.kind(item.kind)
    story: list[Flowable] = [
        Bookmark(lay.key(), item.name.plain, 1),
        raw_para(
            f"{fg('■', kind_hex)} {markup(item.name, s.theme.colours.accent)}", s.h2, role="H2"
        ),
    ]
    if item.summary:
        story.append(para(item.summary, s.body, s))
    story.append(_scenario_facts(item, kind_hex, lay))
    labels = s.theme.labels
    for key, entries in item.lists():
        title = str(getattr(labels, key))
        if entries:
            story.append(raw_para(bold(markup(title, "")), s.h3, role="H3"))  # escaped too
            story += bullet_list(entries, s, numbered=False)
    return story


def _scenario_facts(item: Scenario, kind_hex: str, lay: Layout) -> FlowTable:
    """Probability, impact and kind in one shaded strip (stacked if they do not fit)."""
    s = lay.styles
    w = s.theme.words
    values = [
        f"<b>{markup(w.percent(item.probability), '')}</b>"
        f" ({markup(w.probability(item.probability), '')})",
        "—" if item.impact is None else markup(w("rating", value=item.impact), ""),
        f"{fg('■', kind_hex)} {markup(capital(w.kind(item.kind)), '')}",
    ]
    pad = s.size * 1.2
    facts = (s.theme.labels.probability, s.theme.labels.impact, s.theme.labels.kind)
    label_w = [label_width(k, s) + pad for k in facts]
    value_w = [cell_width(v, s) + pad for v in values]
    if sum(label_w) + sum(value_w) <= lay.width:
        spare = (lay.width - sum(label_w) - sum(value_w)) / len(values)
        pairs = zip(label_w, value_w, strict=True)
        widths = [w for label, value in pairs for w in (label, value + spare)]
        rows = [[c for k, v in zip(facts, values, strict=True) for c in (k, v)]]
    else:
        widths = [max(label_w), lay.width - max(label_w)]
        rows = [[k, v] for k, v in zip(facts, values, strict=True)]
    data = [
        [
            raw_para(markup(c, ""), s.label) if j % 2 == 0 else raw_para(c, s.cell)
            for j, c in enumerate(row)
        ]
        for row in rows
    ]
    table = FlowTable(data, colWidths=widths, hAlign="LEFT")
    as_table(table, data, row_header=lambda column: column % 2 == 0)
    table.setStyle(
        table_style(
            s,
            [
                ("BACKGROUND", (0, 0), (-1, -1), colour(s.theme.colours.shade)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.6),
                ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.2),
                ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.35),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.45),
            ],
        )
    )
    table.spaceBefore, table.spaceAfter = s.size * 0.1, s.size * 0.5
    return table

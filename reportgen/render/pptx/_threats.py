"""Chart and table slides: threat overview, risk matrix, factor table, history, scenarios."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reportgen.render.pptx._charts import (
    add_bar_chart,
    add_legend,
    add_line_chart,
    add_risk_matrix,
    legend_height,
    matrix_key,
    matrix_pages,
)
from reportgen.render.pptx._frame import finish_slide, new_slide, place_text
from reportgen.render.pptx._paginate import truncate
from reportgen.render.pptx._shapes import Rect, inches, points
from reportgen.render.pptx._table import (
    TableData,
    add_table,
    cell,
    clip_rows,
    column_widths,
    table_pages,
    table_rect,
)
from reportgen.render.pptx._text import INSET_X, INSET_Y, fits, flow_height, para
from reportgen.source.inline import Run
from reportgen.theming.locale import capital

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.slide import Slide

    from reportgen.charts.spec import BarChart, Charts, LineChart
    from reportgen.render.pptx._frame import Deck
    from reportgen.source.inline import Text
    from reportgen.source.model import Briefing, ThreatFactor
    from reportgen.theming.locale import Words

_GAP = inches(0.12)


def _chunks(n: int, per: int) -> list[range]:
    """Index ranges of at most ``per`` items, balanced so the last page is not a stub."""
    pages = max(1, -(-n // per))
    size = -(-n // pages)
    return [range(i, min(i + size, n)) for i in range(0, n, size)]


def _caption(deck: Deck, slide: Slide, rect: Rect, text: Text | None) -> Rect:
    """Write an intro above a chart if it fits in a few lines; return the area left below."""
    if text is None:
        return rect
    p = para(text.runs, colour=deck.theme.colours.muted)
    size = max(deck.comfort, deck.chart.size)
    h = points(flow_height(deck.m, [p], size, rect.pt[0] - 2 * INSET_X) + 2 * INSET_Y) + 2
    if h > rect.h // 4 or not fits(deck.m, [p], size, Rect(0, 0, rect.w, h).pt):
        return rect  # too long for a caption: it stays in the notes
    place_text(deck, slide, rect.with_height(h), [p], size)
    return rect.below(h + _GAP)


def _bar_slides(
    deck: Deck, title: str, spec: BarChart, intro: Text | None, notes: Sequence[str]
) -> None:
    """A bar chart over as many slides as keep its bars readable, legend underneath."""
    rect = deck.content
    # Enough height per bar for a two-line category label; more bars continue on a new slide.
    per = max(3, int((rect.pt[1] - 110) // (deck.chart.size * 2.2)))
    pages = _chunks(len(spec.categories), per)
    for i, rng in enumerate(pages, start=1):
        slide, rect = new_slide(deck, "chart", (Run(title),), (i, len(pages)))
        area = _caption(deck, slide, rect, intro)
        leg = legend_height(deck.chart) if spec.legend else 0
        chart_rect = area.with_height(area.h - leg - (_GAP if leg else 0))
        add_bar_chart(slide.shapes, _slice(spec, rng), chart_rect, deck.chart, deck.stamp)
        if spec.legend:
            leg_rect = Rect(area.x, chart_rect.bottom + _GAP, area.w, leg)
            add_legend(slide.shapes, spec.legend, leg_rect, deck.m, deck.chart)
        intro_text = [intro.plain.strip()] if intro is not None else []
        finish_slide(deck, slide, "\n".join([*intro_text, *(notes[j] for j in rng)]))


def _slice(spec: BarChart, rng: range) -> BarChart:
    s = slice(rng.start, rng.stop)
    return replace(
        spec,
        categories=spec.categories[s],
        values=spec.values[s],
        colours=spec.colours[s],
        labels=spec.labels[s],
    )


def _factor_note(f: ThreatFactor, w: Words) -> str:
    line = w(
        "note_factor",
        name=f.name.plain,
        likelihood=f.likelihood,
        impact=f.impact,
        score=f.score,
        level=w.level(f.level),
        trend=w.trend(f.trend),
    )
    if f.change is not None:
        c = f.change
        line += ", " + w(
            "note_factor_change", old=c.old_score, new=c.new_score, date=w.date(c.since)
        )
    return line + (f". {f.description.plain.strip()}" if f.description else ".")


def threat_overview_slides(deck: Deck, b: Briefing, charts: Charts) -> None:
    """The native risk-score bar chart."""
    notes = [_factor_note(f, deck.theme.words) for f in b.threats.factors]
    _bar_slides(deck, deck.theme.labels.threats, charts.risk_scores, b.threats.intro, notes)


def scenario_overview_slides(deck: Deck, b: Briefing, charts: Charts) -> None:
    """The native scenario-probability bar chart."""
    w = deck.theme.words
    notes = [
        w(
            "note_scenario",
            name=s.name.plain,
            probability=w.percent(s.probability),
            words=w.probability(s.probability),
            kind=w.kind(s.kind),
        )
        + (f", {w('impact_rating', impact=s.impact)}." if s.impact is not None else ".")
        for s in b.scenarios.items
    ]
    title = w("scenarios", horizon=b.scenarios.horizon)
    _bar_slides(deck, title, charts.scenarios, b.scenarios.intro, notes)


def matrix_slides(deck: Deck, b: Briefing, charts: Charts) -> None:
    """The risk matrix as shapes, its numbered key beside it; crowded matrices continue."""
    spec = charts.risk_matrix
    rect = deck.content
    grid_w = min(rect.h + points(deck.chart.size * 3.2), rect.w * 11 // 20)
    side = Rect(rect.x + grid_w + inches(0.5), rect.y, rect.w - grid_w - inches(0.5), rect.h)
    legend_h = legend_height(deck.chart, len(spec.legend))
    key = side.with_height(side.h - legend_h - inches(0.3))
    per = min(len(spec.points), 25)  # more markers than that make an unreadable matrix
    while per > 1 and not all(
        matrix_key(pg, key, deck.m, deck.chart, deck.floor) for pg in matrix_pages(spec, per)
    ):
        per -= 1
    pages = matrix_pages(spec, per)
    factors = b.threats.factors
    title = (Run(deck.theme.labels.risk_matrix),)
    for i, pts in enumerate(pages, start=1):
        slide, rect = new_slide(deck, "chart", title, (i, len(pages)))
        paras, size = matrix_key(pts, key, deck.m, deck.chart, deck.floor) or (
            [truncate(deck.m, para(f"{p.number} {p.label}"), deck.floor, key.pt) for p in pts],
            deck.floor,
        )  # the fallback only for a single absurdly long factor name
        used = points(flow_height(deck.m, paras, size, key.pt[0] - 2 * INSET_X) + 2 * INSET_Y) + 2
        place_text(deck, slide, key.with_height(used), paras, size)
        legend = Rect(side.x, key.y + used + inches(0.3), side.w, legend_h)
        grid = Rect(rect.x, rect.y, grid_w, rect.h)
        add_risk_matrix(slide.shapes, spec, pts, grid, legend, deck.m, deck.chart)
        w = deck.theme.words
        notes = (f"{p.number}. {_factor_note(factors[p.number - 1], w)}" for p in pts)
        finish_slide(deck, slide, "\n".join(notes))


def factor_table_slides(deck: Deck, b: Briefing) -> None:
    """Factor, L, I, score, level (coloured), trend and change; continued with its header."""
    factors = b.threats.factors
    data = _factor_table(deck, factors)
    rect = table_rect(deck)
    for size in (18.0, 16.0, deck.comfort):  # shrink a little, then continue on more slides
        widths = column_widths(deck.m, data, rect.pt[0], size)
        data = clip_rows(deck.m, data, widths, size, rect.pt[1])
        pages = table_pages(deck.m, data, widths, size, (rect.pt[1], rect.pt[1]))
        if len(pages) == 1:
            break
    title = (Run(deck.theme.labels.factors),)
    for i, rows in enumerate(pages, start=1):
        slide, _ = new_slide(deck, "chart", title, (i, len(pages)))
        add_table(slide.shapes, rect, data, rows, size, deck.m, deck.table)
        w = deck.theme.words
        finish_slide(deck, slide, "\n".join(_factor_note(factors[r], w) for r in rows))


def _factor_table(deck: Deck, factors: Sequence[ThreatFactor]) -> TableData:
    # The memo's headers, in full: "I5" would read like "15" (docs/layout.md).
    keys = ("factor", "likelihood", "impact", "score", "level", "trend", "change")
    header = tuple(cell(getattr(deck.theme.labels, k)) for k in keys)
    w = deck.theme.words
    rows = []
    for f in factors:
        colour = deck.theme.colours.level(f.level)
        rows.append(
            (
                cell(f.name.runs),
                cell(str(f.likelihood), align="center"),
                cell(str(f.impact), align="center"),
                cell(str(f.score), align="center", bold=True),
                cell(capital(w.level(f.level)), fill=colour, align="center", bold=True),
                cell(capital(w.trend(f.trend))),
                cell(_change(f, w)),
            )
        )
    items = "; ".join(
        w(
            "alt_factor_table_item",
            name=f.name.plain,
            likelihood=f.likelihood,
            impact=f.impact,
            likelihood_short=w("likelihood_short"),
            impact_short=w("impact_short"),
            score=f.score,
            level=w.level(f.level),
        )
        for f in factors
    )
    alt = w("alt_factor_table", items=items)
    return TableData(header, tuple(rows), (2.9, 1.15, 0.85, 0.8, 1.3, 1.05, 2.95), alt)


def _change(f: ThreatFactor, w: Words) -> str:
    c = f.change
    if c is None:
        return "—"
    how = f"({w.direction(c.direction)})"
    return w("change_since", old=c.old_score, new=c.new_score, direction=how, date=w.date(c.since))


def history_slides(deck: Deck, charts: Charts) -> None:
    """Risk score over time as a native line chart, at most eight lines per slide."""
    spec = charts.history
    if spec is None:
        return
    pages = _chunks(len(spec.series), 8)
    for i, rng in enumerate(pages, start=1):
        slide, rect = new_slide(deck, "chart", (Run(spec.title),), (i, len(pages)))
        part: LineChart = replace(spec, series=spec.series[rng.start : rng.stop])
        add_line_chart(slide.shapes, part, rect, deck.chart, deck.stamp)
        finish_slide(deck, slide, _history_notes(part, deck.theme.words))


def _history_notes(spec: LineChart, w: Words) -> str:
    return "\n".join(
        w("memo_field", label=s.name)
        + " "
        + ", ".join(
            w("alt_history_point", date=d, score=w.number(v))
            for d, v in zip(spec.categories, s.values, strict=True)
            if v is not None
        )
        for s in spec.series
    )

"""Decide every chart once, from the briefing and theme: data, order, labels, colours, alt text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.charts.spec import (
    BarChart,
    Charts,
    LegendEntry,
    LineChart,
    LineSeries,
    MatrixPoint,
    RiskMatrix,
)
from reportgen.source.model import RiskLevel, ScenarioKind
from reportgen.theming.locale import capital

if TYPE_CHECKING:
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Theme


def chart_specs(briefing: Briefing, theme: Theme) -> Charts:
    """The charts both renderers draw for ``briefing``."""
    return Charts(
        risk_scores=risk_score_chart(briefing, theme),
        risk_matrix=risk_matrix(briefing, theme),
        scenarios=scenario_chart(briefing, theme),
        history=history_chart(briefing, theme),
    )


def line_palette(theme: Theme) -> list[str]:
    """The theme's series colours (``colours.series``), cycled by the charts."""
    return list(theme.colours.series)


_BANDS = {RiskLevel.LOW: (1, 4), RiskLevel.MODERATE: (5, 9), RiskLevel.HIGH: (10, 15)}


def _level_legend(theme: Theme) -> tuple[LegendEntry, ...]:
    w = theme.words
    return tuple(
        LegendEntry(
            w("level_band", level=capital(w.level(lvl)), low=low, high=high),
            theme.colours.level(lvl),
        )
        for lvl in RiskLevel
        for low, high in (_BANDS.get(lvl, (16, 25)),)
    )


def risk_score_chart(briefing: Briefing, theme: Theme) -> BarChart:
    """Risk score (likelihood × impact) per factor, bars coloured by level, in briefing order."""
    w = theme.words
    factors = briefing.threats.factors
    names = tuple(f.name.plain for f in factors)
    scores = tuple(float(f.score) for f in factors)
    labels = tuple(w("bar_score", score=f.score, level=w.level(f.level)) for f in factors)
    items = "; ".join(
        w("alt_risk_scores_item", name=f.name.plain, score=f.score, level=w.level(f.level))
        for f in factors
    )
    return BarChart(
        key="risk-scores",
        title=w("chart_risk_scores"),
        categories=names,
        values=scores,
        colours=tuple(theme.colours.level(f.level) for f in factors),
        labels=labels,
        maximum=25,
        major_unit=5,
        axis_title=w("chart_risk_scores_axis"),
        legend=_level_legend(theme),
        alt_text=w("alt_risk_scores", items=items),
    )


def risk_matrix(briefing: Briefing, theme: Theme) -> RiskMatrix:
    """The 5×5 matrix with each factor as a numbered marker in its cell."""
    w = theme.words
    cells = tuple(
        tuple(theme.colours.level(RiskLevel.of(lk * im)) for lk in range(1, 6))
        for im in range(1, 6)
    )
    factors = briefing.threats.factors
    short = {"likelihood_short": w("likelihood_short"), "impact_short": w("impact_short")}
    points = tuple(
        MatrixPoint(
            i,
            f.name.plain,
            f.likelihood,
            f.impact,
            theme.colours.level(f.level),
            w("matrix_entry", name=f.name.plain, likelihood=f.likelihood, impact=f.impact, **short),
        )
        for i, f in enumerate(factors, start=1)
    )
    items = "; ".join(
        w(
            "alt_matrix_item",
            number=p.number,
            name=p.label,
            likelihood=p.likelihood,
            impact=p.impact,
        )
        for p in points
    )
    return RiskMatrix(
        key="risk-matrix",
        title=w("risk_matrix"),
        cell_colours=cells,
        points=points,
        x_title=w("likelihood"),
        y_title=w("impact"),
        legend=_level_legend(theme),
        alt_text=w("alt_matrix", items=items),
    )


def scenario_chart(briefing: Briefing, theme: Theme) -> BarChart:
    """Probability per scenario, coloured by kind, labelled with the impact where given."""
    w = theme.words
    items = briefing.scenarios.items
    horizon = briefing.scenarios.horizon
    labels = tuple(
        w.percent(s.probability)
        if s.impact is None
        else w("bar_probability_impact", probability=w.percent(s.probability), impact=s.impact)
        for s in items
    )
    kinds = [k for k in ScenarioKind if any(s.kind is k for s in items)]
    alt_items = "; ".join(
        w(
            "alt_scenarios_item" if s.impact is None else "alt_scenarios_item_impact",
            name=s.name.plain,
            probability=w.percent(s.probability),
            words=w.probability(s.probability),
            kind=w.kind(s.kind),
            impact=s.impact,
        )
        for s in items
    )
    return BarChart(
        key="scenarios",
        title=w("chart_scenarios", horizon=horizon),
        categories=tuple(s.name.plain for s in items),
        values=tuple(s.probability for s in items),
        colours=tuple(theme.colours.kind(s.kind) for s in items),
        labels=labels,
        maximum=1.0,
        major_unit=0.25,
        axis_title=w("probability"),
        legend=tuple(LegendEntry(capital(w.kind(k)), theme.colours.kind(k)) for k in kinds),
        alt_text=w("alt_scenarios", horizon=horizon, items=alt_items),
        percent=True,
        percent_text=theme.formats.percent,
    )


def history_chart(briefing: Briefing, theme: Theme) -> LineChart | None:
    """Risk score over time, one line per factor (all factors in one chart).

    A factor without history shows as today's point (a marker, no line). None when no
    factor has history: a chart of single points would say nothing.
    """
    w = theme.words
    factors = briefing.threats.factors
    if not any(f.history for f in factors):
        return None
    dates = sorted({h.date for f in factors for h in f.history} | {briefing.date})
    palette = line_palette(theme)
    series = []
    for i, f in enumerate(factors):
        by_date = {h.date: float(h.score) for h in f.history} | {briefing.date: float(f.score)}
        series.append(
            LineSeries(
                f.name.plain,
                tuple(by_date.get(d) for d in dates),
                palette[i % len(palette)],
            )
        )
    items = "; ".join(
        w(
            "alt_history_item",
            name=s.name,
            points=", ".join(
                w("alt_history_point", date=w.date(d), score=w.number(v))
                for d, v in zip(dates, s.values, strict=True)
                if v is not None
            ),
        )
        for s in series
    )
    return LineChart(
        key="history",
        title=w("chart_history"),
        categories=tuple(w.short_date(d) for d in dates),
        dates=tuple(dates),
        series=tuple(series),
        maximum=25,
        major_unit=5,
        axis_title=w("chart_history_axis"),
        alt_text=w("alt_history", items=items),
    )

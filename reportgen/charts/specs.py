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
    """Distinct theme colours for lines, cycled. The level colours come last, because a
    green line for a critical factor would read as "low risk" at a glance."""
    c = theme.colours
    candidates = [
        c.primary,
        c.levels.high,
        c.levels.critical,
        c.accent,
        c.kinds.muddle_through,
        c.muted,
        c.levels.moderate,
        c.levels.low,
    ]
    return list(dict.fromkeys(candidates))


def _level_legend(theme: Theme) -> tuple[LegendEntry, ...]:
    bands = {"low": "1–4", "moderate": "5–9", "high": "10–15", "critical": "16–25"}
    return tuple(
        LegendEntry(f"{lvl.value.capitalize()} ({bands[lvl.value]})", theme.colours.level(lvl))
        for lvl in RiskLevel
    )


def risk_score_chart(briefing: Briefing, theme: Theme) -> BarChart:
    """Risk score (likelihood × impact) per factor, bars coloured by level, in briefing order."""
    factors = briefing.threats.factors
    names = tuple(f.name.plain for f in factors)
    scores = tuple(float(f.score) for f in factors)
    labels = tuple(f"{f.score} · {f.level.value}" for f in factors)
    alt = "Bar chart of risk score (likelihood × impact, 1–25) by threat factor: " + "; ".join(
        f"{f.name.plain} {f.score} ({f.level.value})" for f in factors
    )
    return BarChart(
        key="risk-scores",
        title="Risk score by factor",
        categories=names,
        values=scores,
        colours=tuple(theme.colours.level(f.level) for f in factors),
        labels=labels,
        maximum=25,
        major_unit=5,
        axis_title="Risk score (likelihood × impact)",
        legend=_level_legend(theme),
        alt_text=alt + ".",
    )


def risk_matrix(briefing: Briefing, theme: Theme) -> RiskMatrix:
    """The 5×5 matrix with each factor as a numbered marker in its cell."""
    cells = tuple(
        tuple(theme.colours.level(RiskLevel.of(lk * im)) for lk in range(1, 6))
        for im in range(1, 6)
    )
    factors = briefing.threats.factors
    points = tuple(
        MatrixPoint(i, f.name.plain, f.likelihood, f.impact, theme.colours.level(f.level))
        for i, f in enumerate(factors, start=1)
    )
    alt = "Risk matrix, likelihood (1–5) across, impact (1–5) up: " + "; ".join(
        f"{p.number}. {p.label} at likelihood {p.likelihood}, impact {p.impact}" for p in points
    )
    return RiskMatrix(
        key="risk-matrix",
        title="Risk matrix",
        cell_colours=cells,
        points=points,
        x_title="Likelihood",
        y_title="Impact",
        legend=_level_legend(theme),
        alt_text=alt + ".",
    )


def scenario_chart(briefing: Briefing, theme: Theme) -> BarChart:
    """Probability per scenario, coloured by kind, labelled with the impact where given."""
    items = briefing.scenarios.items
    labels = tuple(
        f"{s.probability:.0%}" + (f" · impact {s.impact}" if s.impact is not None else "")
        for s in items
    )
    kinds = [k for k in ScenarioKind if any(s.kind is k for s in items)]
    alt = f"Bar chart of scenario probability to {briefing.scenarios.horizon}: " + "; ".join(
        f"{s.name.plain} {s.probability:.0%} ({s.probability_words}, {s.kind.value}"
        + (f", impact {s.impact})" if s.impact is not None else ")")
        for s in items
    )
    return BarChart(
        key="scenarios",
        title=f"Scenario probability to {briefing.scenarios.horizon}",
        categories=tuple(s.name.plain for s in items),
        values=tuple(s.probability for s in items),
        colours=tuple(theme.colours.kind(s.kind) for s in items),
        labels=labels,
        maximum=1.0,
        major_unit=0.25,
        axis_title="Probability",
        legend=tuple(LegendEntry(k.value.capitalize(), theme.colours.kind(k)) for k in kinds),
        alt_text=alt + ".",
        percent=True,
    )


def history_chart(briefing: Briefing, theme: Theme) -> LineChart | None:
    """Risk score over time, one line per factor (issue 6: all factors in one chart).

    A factor without history shows as today's point. None when no factor has history: a
    chart of single points would say nothing.
    """
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
    alt = "Line chart of risk score over time: " + "; ".join(
        f"{s.name} "
        + ", ".join(
            f"{d.isoformat()} {v:.0f}"
            for d, v in zip(dates, s.values, strict=True)
            if v is not None
        )
        for s in series
    )
    return LineChart(
        key="history",
        title="Risk score over time",
        categories=tuple(d.isoformat() for d in dates),
        series=tuple(series),
        maximum=25,
        major_unit=5,
        axis_title="Risk score",
        alt_text=alt + ".",
    )

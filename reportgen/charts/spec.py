"""Renderer-neutral chart descriptions: what to draw, never how (no plotting imports)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A colour swatch and what it means."""

    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, one per category, each with its own colour and data label.

    ``values`` run from ``0`` to ``maximum``; ``percent`` means the values are fractions
    shown as percentages.
    """

    key: str
    title: str
    categories: tuple[str, ...]
    values: tuple[float, ...]
    colours: tuple[str, ...]
    labels: tuple[str, ...]
    maximum: float
    major_unit: float
    axis_title: str
    legend: tuple[LegendEntry, ...]
    alt_text: str
    percent: bool = False
    percent_text: str = "{number}%"  # the locale's percentage, for a chart's number format


@dataclass(frozen=True, slots=True)
class MatrixPoint:
    """A factor placed in the risk matrix, shown as a numbered marker."""

    number: int
    label: str
    likelihood: int
    impact: int
    colour: str
    entry: str = ""  # the key's text: the name with its rating, "Ethnic tensions (L4 × I5)"


@dataclass(frozen=True, slots=True)
class RiskMatrix:
    """The 5×5 likelihood × impact grid; ``cell_colours[impact-1][likelihood-1]``."""

    key: str
    title: str
    cell_colours: tuple[tuple[str, ...], ...]
    points: tuple[MatrixPoint, ...]
    x_title: str
    y_title: str
    legend: tuple[LegendEntry, ...]
    alt_text: str


@dataclass(frozen=True, slots=True)
class LineSeries:
    """One line: a value per category, None where there is no data."""

    name: str
    values: tuple[float | None, ...]
    colour: str


@dataclass(frozen=True, slots=True)
class LineChart:
    """Lines over shared categories (dates, oldest first).

    A series with one value is drawn as a marker alone, in the chart and in its legend.
    """

    key: str
    title: str
    categories: tuple[str, ...]
    dates: tuple[dt.date, ...]  # the categories' dates: the time axis is spaced by them
    series: tuple[LineSeries, ...]
    maximum: float
    major_unit: float
    axis_title: str
    alt_text: str


ChartSpec = BarChart | RiskMatrix | LineChart


@dataclass(frozen=True, slots=True)
class Charts:
    """The charts of one briefing; ``history`` is None when no factor has history."""

    risk_scores: BarChart
    risk_matrix: RiskMatrix
    scenarios: BarChart
    history: LineChart | None

    def all(self) -> tuple[BarChart | RiskMatrix | LineChart, ...]:
        """Every chart, in reading order."""
        charts = (self.risk_scores, self.risk_matrix, self.scenarios, self.history)
        return tuple(c for c in charts if c is not None)


def spec_hash(spec: ChartSpec) -> str:
    """A stable hash of everything that changes the chart's look (for caches and manifests)."""
    return hashlib.sha256(repr(spec).encode()).hexdigest()[:16]

"""The risk matrix as a vector drawing: a 5×5 grid, numbered markers and their legends."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors

from reportgen.render.pdf._ink import (
    LEGEND_PITCH,
    Ink,
    circle,
    drawing,
    fit_lines,
    legend_table,
    outlined,
    rect,
    swatch,
)
from reportgen.render.pdf._text import colour, on_colour, tint

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

    from reportgen.charts.spec import MatrixPoint, RiskMatrix
    from reportgen.render.pdf._text import Styles

CELL_TINT = 0.55  # cells are lightened so the full-colour markers stand out


@dataclass(frozen=True, slots=True)
class _Grid:
    """The grid's origin (bottom left of likelihood 1, impact 1) and cell size."""

    x: float
    y: float
    cell: float

    def centre(self, likelihood: int, impact: int) -> tuple[float, float]:
        """Centre of the cell at (likelihood, impact), both 1–5."""
        return self.x + (likelihood - 0.5) * self.cell, self.y + (impact - 0.5) * self.cell


def matrix_flowables(
    spec: RiskMatrix, ink: Ink, styles: Styles, width: float, max_height: float
) -> tuple[Drawing, list[Flowable]]:
    """The matrix drawing, plus its numbered legend as a table if too long to sit beside it."""
    cell = min(width * 0.46 / 5, ink.size * 5.2)
    grid = _Grid(ink.size * 1.6 + ink.tick * 1.6, ink.tick * 2.0 + ink.size * 2.0, cell)
    right_x = grid.x + 5 * grid.cell + ink.size * 2.0
    entries = [_PointEntry.fit(p, ink, width - right_x) for p in spec.points]
    levels_h = len(spec.legend) * ink.tick * LEGEND_PITCH + ink.size
    grid_h = grid.y + 5 * grid.cell + ink.size * 0.6
    height = max(grid_h, sum(e.height for e in entries) + levels_h)
    extra: list[Flowable] = []
    if height > max_height:
        legend = [(f"<b>{p.number}</b> {escape(p.label)}", p.colour) for p in spec.points]
        extra, entries, height = [legend_table(legend, styles, width)], [], grid_h
    d = drawing(width, height, ink)
    _cells(d, spec, grid)
    _markers(d, spec.points, ink, grid)
    _axes(d, spec, ink, grid)
    y = height - ink.size * 0.2
    for entry in entries:
        entry.draw(d, right_x, y)
        y -= entry.height
    y -= ink.size * 0.6
    for level in spec.legend:
        y -= ink.tick * LEGEND_PITCH
        swatch(d, right_x, y, level, ink)
    return d, extra


@dataclass(frozen=True, slots=True)
class _PointEntry:
    """One entry of the numbered legend: a marker and the wrapped factor name."""

    point: MatrixPoint
    lines: list[str]
    ink: Ink

    @classmethod
    def fit(cls, p: MatrixPoint, ink: Ink, width: float) -> _PointEntry:
        return cls(p, fit_lines(p.label, ink, ink.size, width - ink.size * 2.1, 3), ink)

    @property
    def radius(self) -> float:
        return self.ink.size * 0.75

    @property
    def height(self) -> float:
        lines_h = len(self.lines) * self.ink.size * 1.2
        return max(self.radius * 2, lines_h) + self.ink.size * 0.5

    def draw(self, d: Drawing, x: float, top: float) -> None:
        ink, r = self.ink, self.radius
        _marker(d, x + r, top - r, r, self.point, ink)
        for k, text in enumerate(self.lines):
            y = top - r - ink.size * 0.35 - k * ink.size * 1.2
            d.add(ink.string(x + ink.size * 2.1, y, text))


def _marker(d: Drawing, cx: float, cy: float, r: float, p: MatrixPoint, ink: Ink) -> None:
    outlined(circle(d, cx, cy, r, colour(p.colour)), colors.white, max(0.6, r * 0.12))
    size = r * (1.05 if p.number < 10 else 0.85)
    fill = on_colour(p.colour, ink.text_hex)
    y = cy - size * 0.36
    d.add(ink.string(cx, y, str(p.number), size=size, anchor="middle", fill=fill, bold=True))


def _cells(d: Drawing, spec: RiskMatrix, grid: _Grid) -> None:
    for im in range(5):
        for lk in range(5):
            fill = tint(spec.cell_colours[im][lk], CELL_TINT)
            x, y = grid.x + lk * grid.cell, grid.y + im * grid.cell
            outlined(rect(d, x, y, grid.cell, grid.cell, fill), colors.white, 1.5)


def _axes(d: Drawing, spec: RiskMatrix, ink: Ink, grid: _Grid) -> None:
    for k in range(1, 6):
        x, y = grid.centre(k, k)
        ink.tick_label(d, x, grid.y - ink.tick * 1.4, str(k), "middle")
        ink.tick_label(d, grid.x - ink.tick * 0.6, y - ink.tick * 0.35, str(k), "end")
    mid_x, mid_y = grid.centre(3, 3)
    ink.axis_title(d, mid_x, grid.y - ink.tick * 2.0 - ink.size, spec.x_title, vertical=False)
    ink.axis_title(d, ink.size * 0.9, mid_y, spec.y_title, vertical=True)


def _markers(d: Drawing, points: tuple[MatrixPoint, ...], ink: Ink, grid: _Grid) -> None:
    by_cell: dict[tuple[int, int], list[MatrixPoint]] = defaultdict(list)
    for p in points:
        by_cell[(p.likelihood, p.impact)].append(p)
    for (lk, im), group in by_cell.items():
        # Several factors in one cell sit on a small grid of their own, never on top
        # of each other; markers shrink as the cell fills.
        cols = math.ceil(math.sqrt(len(group)))
        rows = math.ceil(len(group) / cols)
        pitch = grid.cell / max(cols, rows)
        r = min(grid.cell * 0.2, pitch * 0.42)
        cx, cy = grid.centre(lk, im)
        x0, y0 = cx - (cols - 1) * pitch / 2, cy + (rows - 1) * pitch / 2
        for k, p in enumerate(group):
            _marker(d, x0 + (k % cols) * pitch, y0 - (k // cols) * pitch, r, p, ink)

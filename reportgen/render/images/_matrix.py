"""The 5×5 risk matrix: tinted cells, numbered markers, and their key beside the grid."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from matplotlib.patches import Circle, Rectangle

from reportgen.render.images._draw import wrap
from reportgen.render.images._figure import new_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from reportgen.charts.spec import MatrixPoint, RiskMatrix
    from reportgen.render.images._figure import Ink

CELL_TINT = 0.55  # cells are lightened so the full-colour markers stand out (as in the PDF)


def tint(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with white; ``amount`` 0 keeps it, 1 gives white."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def on_colour(hex_colour: str) -> str:
    """Black or white, whichever reads better on ``hex_colour``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#1F2328" if 0.299 * r + 0.587 * g + 0.114 * b > 0.6 else "#FFFFFF"


def matrix_figure(spec: RiskMatrix, ink: Ink, title: str | None) -> Figure:
    """The grid on the left, the numbered factors and the level key on the right."""
    rows = sum(wrap(p.label, 34).count("\n") + 1 for p in spec.points) + len(spec.legend) + 1
    grid_h = min(ink.width * 0.46, 3.2)
    height = max(grid_h + 0.6, rows * ink.tick * 1.9 / 72 + 0.4) + (0.3 if title else 0)
    fig = new_figure(ink, height)
    grid, key = fig.subplots(1, 2, width_ratios=[1, 1])
    _grid(grid, spec, ink)
    _key(key, spec, ink, rows)
    if title:
        fig.suptitle(title, x=0.0, ha="left", fontweight="bold", fontsize=ink.size * 1.1)
    return fig


def _grid(ax: Axes, spec: RiskMatrix, ink: Ink) -> None:
    for im in range(5):
        for lk in range(5):
            fill = tint(spec.cell_colours[im][lk], CELL_TINT)
            ax.add_patch(Rectangle((lk, im), 1, 1, facecolor=fill, edgecolor="white", lw=1.5))
    cells: dict[tuple[int, int], list[MatrixPoint]] = defaultdict(list)
    for point in spec.points:
        cells[(point.likelihood, point.impact)].append(point)
    for (lk, im), points in cells.items():
        per_row = math.ceil(math.sqrt(len(points)))
        radius = 0.36 / per_row
        for k, point in enumerate(points):
            row, col = divmod(k, per_row)
            x = lk - 1 + (col + 0.5) / per_row
            y = im - (row + 0.5) / per_row
            ax.add_patch(Circle((x, y), radius, facecolor=point.colour, edgecolor="white", lw=1))
            ax.text(
                x,
                y,
                str(point.number),
                ha="center",
                va="center_baseline",
                fontsize=ink.tick * (1.0 if per_row == 1 else 0.8),
                fontweight="bold",
                color=on_colour(point.colour),
            )
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 5)
    ax.set_aspect("equal")
    ticks = [0.5 + k for k in range(5)]
    ax.set_xticks(ticks, [str(k) for k in range(1, 6)])
    ax.set_yticks(ticks, [str(k) for k in range(1, 6)])
    ax.tick_params(length=0)
    ax.set_xlabel(spec.x_title)
    ax.set_ylabel(spec.y_title)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _key(ax: Axes, spec: RiskMatrix, ink: Ink, rows: int) -> None:
    """Numbered factors, then the level swatches, top down, one text line per row."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(rows, 0)
    y = 0.5
    for point in spec.points:
        ax.scatter([0.04], [y], s=(ink.tick * 1.9) ** 2, color=point.colour, clip_on=False)
        ax.text(
            0.04,
            y,
            str(point.number),
            ha="center",
            va="center_baseline",
            fontsize=ink.tick * 0.85,
            fontweight="bold",
            color=on_colour(point.colour),
        )
        for line in wrap(point.label, 34).split("\n"):
            ax.text(0.1, y, line, va="center_baseline", fontsize=ink.tick)
            y += 1
    y += 0.5
    for entry in spec.legend:
        ax.scatter([0.04], [y], s=(ink.tick * 1.1) ** 2, marker="s", color=entry.colour)
        ax.text(0.1, y, entry.label, va="center_baseline", fontsize=ink.tick)
        y += 1

"""Chart images: every chart spec as SVG and PNG, drawn by matplotlib (docs/charts.md).

The only package that imports matplotlib; the Word memo takes its chart pictures from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts, ChartSpec
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.render.images._figure import Ink
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template

__all__ = ["chart_png", "render_charts"]


def render_charts(
    briefing: Briefing,
    template: Template,
    charts: Charts,
    info: DocumentInfo,
    changes: Changes | None,
) -> dict[str, bytes]:
    """``<chart-key>.svg`` and ``<chart-key>.png`` for every chart, titled, by file name."""
    from reportgen.render.images._figure import save_png, save_svg, themed

    files: dict[str, bytes] = {}
    with themed(template) as ink:
        for spec in charts.all():
            fig = _draw_spec(spec, ink, spec.title)
            files[f"{spec.key}.svg"] = save_svg(fig, spec.title, spec.alt_text, info.generator)
            files[f"{spec.key}.png"] = save_png(fig)
    return files


def chart_png(spec: ChartSpec, template: Template, *, titled: bool = True) -> bytes:
    """One chart as PNG at twice screen resolution, as wide as the memo's text."""
    from reportgen.render.images._figure import save_png, themed

    with themed(template) as ink:
        return save_png(_draw_spec(spec, ink, spec.title if titled else None))


def chart_width_inches(template: Template) -> float:
    """The width charts are drawn at: the memo's text width, in inches."""
    from reportgen.render.images._figure import Ink

    return Ink.of(template).width


def _draw_spec(spec: ChartSpec, ink: Ink, title: str | None) -> Figure:
    from reportgen.charts.spec import BarChart, RiskMatrix
    from reportgen.render.images._draw import bar_figure, line_figure
    from reportgen.render.images._matrix import matrix_figure

    if isinstance(spec, BarChart):
        return bar_figure(spec, ink, title)
    if isinstance(spec, RiskMatrix):
        return matrix_figure(spec, ink, title)
    return line_figure(spec, ink, title)

"""A matplotlib figure in the theme's fonts and colours, saved byte-for-byte reproducibly.

No pyplot: every figure is a ``matplotlib.figure.Figure`` drawn and saved inside an
``rc_context``, so nothing leaks into matplotlib's global settings (docs/outputs.md).
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from reportgen.theming.theme import Template

PNG_DPI = 192  # 2× a 96 dpi screen: sharp on high-density displays and in a printed memo
SVG_SALT = "reportgen"  # fixed, so clip-path and glyph ids are the same on every build


@dataclass(frozen=True, slots=True)
class Ink:
    """The theme's chart text sizes and colours, in points and '#RRGGBB'."""

    size: float  # category, value and legend labels
    tick: float  # tick labels
    text: str
    muted: str
    rule: str
    width: float  # inches: the memo's text width, so 1:1 placement keeps the text size

    @classmethod
    def of(cls, template: Template) -> Ink:
        """Sizes as the PDF's charts use them: 0.85 and 0.75 of the body size."""
        theme = template.theme
        top, right, bottom, left = theme.page.margin_points()
        body = theme.fonts.size
        return cls(
            size=body * 0.85,
            tick=body * 0.75,
            text=theme.colours.text,
            muted=theme.colours.muted,
            rule=theme.colours.rule,
            width=(theme.page.points[0] - left - right) / 72,
        )


def _family(template: Template) -> str:
    """Register the template's font files with matplotlib; the family name they carry."""
    face = template.font
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in dict.fromkeys((face.regular, face.bold, face.italic, face.bold_italic)):
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    return str(font_manager.get_font(str(face.regular)).family_name)


def _rc(template: Template, ink: Ink) -> dict[str, Any]:
    return {
        "font.family": [_family(template)],
        "font.size": ink.size,
        "text.color": ink.text,
        "axes.edgecolor": ink.muted,
        "axes.labelcolor": ink.text,
        "axes.labelsize": ink.size,
        "xtick.color": ink.muted,
        "ytick.color": ink.muted,
        "xtick.labelcolor": ink.text,
        "ytick.labelcolor": ink.text,
        "xtick.labelsize": ink.tick,
        "ytick.labelsize": ink.tick,
        "legend.fontsize": ink.tick,
        "svg.hashsalt": SVG_SALT,
        "svg.fonttype": "path",  # glyphs as outlines: the SVG looks the same without the font
        "path.simplify": False,
        "figure.dpi": PNG_DPI,
        "savefig.dpi": PNG_DPI,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    }


@contextmanager
def themed(template: Template) -> Iterator[Ink]:
    """Inside: matplotlib draws in the template's fonts and colours."""
    ink = Ink.of(template)
    settings: Any = _rc(template, ink)  # matplotlib types keys as a Literal of every rc name
    with mpl.rc_context(settings), warnings.catch_warnings():
        # The build's preflight already reports each character the font lacks, located in the
        # briefing; matplotlib's own unlocated warning would only repeat it.
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        yield ink


def new_figure(ink: Ink, height: float) -> Figure:
    """A figure as wide as the memo's text, ``height`` inches tall, laid out by constraint."""
    return Figure(figsize=(ink.width, height), layout="constrained")


def save_png(fig: Figure) -> bytes:
    """PNG bytes without a timestamp or software tag (call inside ``themed``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buf.getvalue()


def save_svg(fig: Figure, title: str, description: str, creator: str) -> bytes:
    """SVG bytes with fixed ids, no date, and the chart's title and alt text for screen readers."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": creator})
    text = buf.getvalue().decode("utf-8")
    head, sep, rest = text.partition(">\n <metadata>")
    if not sep:  # a matplotlib that lays the file out differently: leave it as drawn
        return text.encode("utf-8")
    accessible = (
        f' role="img">\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>'
    )
    return (head + accessible + "\n <metadata>" + rest).encode("utf-8")


def font_file(template: Template) -> Path:
    """The regular font file charts are drawn in (for tests and diagnostics)."""
    return template.font.regular

"""Drawing primitives the PDF charts share: theme ink, shapes, fitted labels and legends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Circle, Group, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportgen.render.pdf._fonts import visual
from reportgen.render.pdf._tables import FlowTable, table_style
from reportgen.render.pdf._tags import FigureDrawing, as_list
from reportgen.render.pdf._text import colour, fg, raw_para

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from reportgen.charts.spec import LegendEntry
    from reportgen.render.pdf._text import Styles
    from reportgen.theming.locale import Words

ELLIPSIS = "…"
LEGEND_PITCH = 1.8  # legend row height, in tick-label sizes

LegendRows = list[list[tuple[float, "LegendEntry"]]]


@dataclass(frozen=True, slots=True)
class Ink:
    """The theme's font names, chart text sizes and colours."""

    font: str
    bold: str
    size: float  # category, value and legend labels
    tick: float  # axis ticks and swatch legends
    text: colors.Color
    text_hex: str  # the same colour, for choosing ink on a fill
    muted: colors.Color
    rule: colors.Color
    words: Words

    @classmethod
    def of(cls, styles: Styles) -> Ink:
        """Chart ink for the memo's styles: labels a little smaller than body text."""
        c = styles.theme.colours
        return cls(
            font=styles.fonts.regular,
            bold=styles.fonts.bold,
            size=styles.size * 0.85,
            tick=styles.size * 0.75,
            text=colour(c.text),
            text_hex=c.text,
            muted=colour(c.muted),
            rule=colour(c.rule),
            words=styles.theme.words,
        )

    def width(self, text: str, size: float | None = None, *, bold: bool = False) -> float:
        """Width of ``text`` in points."""
        return float(stringWidth(text, self.bold if bold else self.font, size or self.size))

    def string(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float | None = None,
        anchor: str = "start",
        fill: colors.Color | None = None,
        bold: bool = False,
    ) -> String:
        """A text shape in the theme font (baseline at ``y``), right-to-left runs reordered."""
        font, fill, size = (self.bold if bold else self.font), fill or self.text, size or self.size
        return String(
            x, y, visual(text), fontName=font, fontSize=size, fillColor=fill, textAnchor=anchor
        )

    def tick_label(self, d: Drawing, x: float, y: float, text: str, anchor: str) -> None:
        """A muted axis tick label."""
        d.add(self.string(x, y, text, size=self.tick, anchor=anchor, fill=self.muted))

    def axis_title(self, d: Drawing, x: float, y: float, text: str, *, vertical: bool) -> None:
        """A muted axis title centred on (x, y), read bottom to top when ``vertical``."""
        if not vertical:
            d.add(self.string(x, y, text, anchor="middle", fill=self.muted))
            return
        label = self.string(0, 0, text, anchor="middle", fill=self.muted)
        group = Group(label)
        group.translate(x, y)
        group.rotate(90)
        d.add(group)


def drawing(width: float, height: float, ink: Ink) -> FigureDrawing:
    """An empty drawing whose default font is the theme's (reportlab's is Helvetica)."""
    d = FigureDrawing(width, height, initialFontName=ink.font, initialFontSize=ink.size)
    d.hAlign = "LEFT"
    return d


def line(
    d: Drawing, x1: float, y1: float, x2: float, y2: float, ink: colors.Color, width: float
) -> None:
    """A straight line."""
    d.add(Line(x1, y1, x2, y2, strokeColor=ink, strokeWidth=width))


def rect(d: Drawing, x: float, y: float, w: float, h: float, fill: colors.Color) -> Rect:
    """A filled rectangle without outline; returned so a caller may outline it."""
    shape = Rect(x, y, w, h, fillColor=fill, strokeColor=None)
    d.add(shape)
    return shape


def outlined(shape: Rect | Circle, stroke: colors.Color, width: float) -> Rect | Circle:
    """``shape`` with an outline (white gaps between cells, a halo round markers)."""
    shape.strokeColor, shape.strokeWidth = stroke, width
    return shape


def circle(d: Drawing, cx: float, cy: float, r: float, fill: colors.Color) -> Circle:
    """A filled circle without outline; returned so a caller may outline it."""
    shape = Circle(cx, cy, r, fillColor=fill, strokeColor=None)
    d.add(shape)
    return shape


# --- fitting labels --------------------------------------------------------------------------


def fit_lines(text: str, ink: Ink, size: float, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped to ``width``, at most ``max_lines`` lines; the last ends in … if cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if ink.width(trial, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines = [*lines, current] if current else lines or [""]
    cut = len(lines) > max_lines
    lines = lines[:max_lines]
    lines[-1] = truncate(lines[-1], ink, size, width, force=cut)
    return lines


def truncate(text: str, ink: Ink, size: float, width: float, *, force: bool = False) -> str:
    """``text`` cut to ``width`` with an ellipsis; ``force`` adds one even if it fits."""
    if not force and ink.width(text, size) <= width:
        return text
    # Binary search on the cut: O(log n) measurements, not one per dropped character.
    good, bad = 0, len(text) + 1
    while bad - good > 1:
        mid = (good + bad) // 2
        if ink.width(text[:mid].rstrip() + ELLIPSIS, size) <= width:
            good = mid
        else:
            bad = mid
    return text[:good].rstrip() + ELLIPSIS


# --- legends ---------------------------------------------------------------------------------


def legend_rows(entries: tuple[LegendEntry, ...], ink: Ink, x0: float, width: float) -> LegendRows:
    """Swatch legend entries laid out left to right from ``x0``, wrapping at ``width``."""
    rows: LegendRows = []
    row: list[tuple[float, LegendEntry]] = []
    x = x0
    for entry in entries:
        w = ink.tick * 3.0 + ink.width(entry.label, ink.tick)
        if row and x + w > width:
            rows.append(row)
            row, x = [], x0
        row.append((x, entry))
        x += w
    return [*rows, row] if row else rows


def draw_legend_rows(d: Drawing, rows: LegendRows, ink: Ink, top: float) -> None:
    """Draw rows from ``legend_rows`` downwards from ``top``."""
    for r, row in enumerate(rows):
        y = top - (r + 0.75) * ink.tick * LEGEND_PITCH
        for x, entry in row:
            swatch(d, x, y, entry, ink)


def swatch(d: Drawing, x: float, y: float, entry: LegendEntry, ink: Ink) -> None:
    """A colour square and its label, baseline at ``y``."""
    s = ink.tick * 0.95
    rect(d, x, y - s * 0.15, s, s, colour(entry.colour))
    d.add(ink.string(x + ink.tick * 1.4, y, entry.label, size=ink.tick))


def legend_table(entries: list[tuple[str, str]], styles: Styles, width: float) -> FlowTable:
    """A legend too long for a drawing, as a flowing table of (markup, colour) entries."""
    cols = 2 if width > styles.size * 30 else 1
    cells: list[object] = [
        raw_para(f"{fg('●', hex_)} {text}", styles.small) for text, hex_ in entries
    ]
    rows: list[list[object]] = [cells[i : i + cols] for i in range(0, len(cells), cols)]
    rows[-1] += [""] * (cols - len(rows[-1]))
    table = FlowTable(rows, colWidths=[width / cols] * cols)
    padding = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ]
    table.setStyle(table_style(styles, padding))
    table.tag = as_list(cells, labelled=False)  # read as a list; the padding cells are empty
    return table

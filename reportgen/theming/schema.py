"""The theme file's schema: page, fonts, colours, classification, labels, deck layouts.

Validated like briefings, with located errors (docs/layout.md).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field
from pydantic.functional_validators import PlainValidator
from pydantic.json_schema import WithJsonSchema

from reportgen.source.fields import LANGUAGE_TAG as BCP47
from reportgen.source.model import Model, RiskLevel, ScenarioKind
from reportgen.theming.labels import Formats, Labels
from reportgen.theming.locale import DEFAULT_LOCALE, Words

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_MM = 72 / 25.4  # points per millimetre
PAGE_SIZES = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValueError(f"must be a colour like '#1F3A5F', got {value!r}")
    return value.upper()


def _names(value: Any) -> list[str]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ValueError(f"must be a layout name or a list of names, got {value!r}")
    return names


def _locale(value: Any) -> str:
    if not isinstance(value, str) or not BCP47.match(value):
        raise ValueError(f"must be a BCP 47 language tag like 'en-GB' or 'de-DE', got {value!r}")
    return value


Locale = Annotated[
    str, PlainValidator(_locale), WithJsonSchema({"type": "string", "pattern": BCP47.pattern})
]
TextNames = Annotated[
    list[str],
    PlainValidator(_names),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
Colour = Annotated[
    str, PlainValidator(_colour), WithJsonSchema({"type": "string", "pattern": _HEX.pattern})
]


class Margins(Model):
    """Page margins in millimetres."""

    top: float = Field(20, ge=5, le=80)
    bottom: float = Field(20, ge=5, le=80)
    left: float = Field(20, ge=5, le=80)
    right: float = Field(20, ge=5, le=80)


class Page(Model):
    """PDF page geometry."""

    size: str = Field("A4", pattern="^(A4|Letter)$")
    margins: Margins = Margins()

    @property
    def points(self) -> tuple[float, float]:
        """Page width and height in points."""
        return PAGE_SIZES[self.size]

    def margin_points(self) -> tuple[float, float, float, float]:
        """Top, right, bottom, left margins in points."""
        m = self.margins
        return (m.top * _MM, m.right * _MM, m.bottom * _MM, m.left * _MM)


class FontFiles(Model):
    """TrueType files of a font family, relative to the template folder."""

    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None


class Fonts(Model):
    """Fonts: a built-in family name or TTF files for the PDF, a face name for the deck.

    ``deck_metrics`` names TrueType files with the advance widths of the deck face, for a
    face reportgen has no metric-compatible face for (docs/fonts.md).
    """

    family: str = "DejaVu Sans"
    files: FontFiles | None = None
    deck: str = "Calibri"
    deck_metrics: FontFiles | None = None
    size: float = Field(10, ge=6, le=16)


class LevelColours(Model):
    """Colour of each risk level."""

    low: Colour = "#2E7D32"
    moderate: Colour = "#F9A825"
    high: Colour = "#EF6C00"
    critical: Colour = "#C62828"


class KindColours(Model):
    """Colour of each scenario kind."""

    escalation: Colour = "#C62828"
    integration: Colour = "#1565C0"
    muddle_through: Colour = Field("#8D6E63", alias="muddle-through")
    other: Colour = "#607D8B"


class Colours(Model):
    """The palette."""

    primary: Colour = "#1F3A5F"
    accent: Colour = "#2F6DB5"
    text: Colour = "#1F2328"
    muted: Colour = "#5F6B7A"
    rule: Colour = "#C9D1DA"
    shade: Colour = "#EEF2F6"
    levels: LevelColours = LevelColours()
    kinds: KindColours = KindColours()
    # Lines of a chart, in order: Okabe and Ito's colour-blind-safe set (black and yellow,
    # which read poorly as thin lines on white, last). See docs/layout.md.
    series: list[Colour] = Field(
        default_factory=lambda: [
            "#0072B2",
            "#D55E00",
            "#009E73",
            "#CC79A7",
            "#E69F00",
            "#56B4E9",
            "#000000",
        ],
        min_length=2,
    )

    def level(self, level: RiskLevel) -> str:
        """The colour of a risk level."""
        return str(getattr(self.levels, level.value))

    def kind(self, kind: ScenarioKind) -> str:
        """The colour of a scenario kind."""
        return str(getattr(self.kinds, kind.value.replace("-", "_")))


class Classification(Model):
    """The default marking and the banner colour of each marking."""

    default: str = "UNCLASSIFIED"
    colours: dict[str, Colour] = Field(
        default_factory=lambda: {
            "UNCLASSIFIED": "#007A33",
            "RESTRICTED": "#1F3A5F",
            "CONFIDENTIAL": "#0033A0",
            "SECRET": "#C8102E",
            "TOP SECRET": "#FF8C00",
        }
    )
    fallback: Colour = "#5F6B7A"

    def colour_of(self, marking: str) -> str:
        """Banner colour for ``marking`` (case-insensitive; caveats after '//' ignored)."""
        base = marking.split("//")[0].strip().upper()
        known = {k.upper(): v for k, v in self.colours.items()}
        return known.get(base, self.fallback)


ROLES = ("title", "section", "content", "chart", "two_column", "closing")


class Layouts(Model):
    """Layout names of the master to use for each slide role, first existing name wins.

    Several names per role let one theme serve localised masters ("Titelfolie", …).
    The defaults are the layouts of python-pptx's built-in master.
    """

    title: TextNames = ["Title Slide"]
    section: TextNames = ["Section Header"]
    content: TextNames = ["Title and Content"]
    chart: TextNames = ["Title Only"]
    two_column: TextNames = ["Two Content"]
    closing: TextNames = ["Title Only"]

    def names(self, role: str) -> list[str]:
        """The candidate layout names for ``role``."""
        return list(getattr(self, role))


class Deck(Model):
    """Deck options: the master file and the layout names to use for each role."""

    master: str | None = None
    layouts: Layouts = Layouts()
    min_font_pt: float = Field(12, ge=6, le=24)


class DocxStyles(Model):
    """The style names the Word memo uses for each role (as named in the reference document)."""

    body: str = "Normal"
    title: str = "Title"
    subtitle: str = "Subtitle"
    heading_1: str = "Heading 1"
    heading_2: str = "Heading 2"
    heading_3: str = "Heading 3"
    list_bullet: str = "List Bullet"
    list_number: str = "List Number"
    caption: str = "Caption"
    quote: str = "Quote"
    table: str = "Table Grid"


DOCX_TABLE_ROLES = frozenset({"table"})  # roles that name a table style; the rest are paragraphs


class Docx(Model):
    """Word memo options: an organisation's reference .docx/.dotx and its style names.

    Without ``reference`` the memo is styled from the theme's fonts and colours; with it, the
    reference document's styles are used as they are (docs/word.md).
    """

    reference: str | None = None
    styles: DocxStyles = DocxStyles()


class Theme(Model):
    """Everything visual a renderer needs; renderers hard-code none of it."""

    name: str = "default"
    description: str = ""
    extends: str | None = None
    locale: Locale = DEFAULT_LOCALE
    page: Page = Page()
    fonts: Fonts = Fonts()
    colours: Colours = Colours()
    classification: Classification = Classification()
    labels: Labels = Labels()
    formats: Formats = Formats()
    logo: str | None = None
    deck: Deck = Deck()
    docx: Docx = Docx()

    @property
    def words(self) -> Words:
        """The labels and formats, with the vocabulary of levels, trends and probabilities."""
        return Words(self.labels, self.formats)

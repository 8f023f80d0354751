"""Templates: a theme file (validated like briefings) plus optional master deck, logo and fonts."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field
from pydantic.functional_validators import PlainValidator
from pydantic.json_schema import WithJsonSchema

from reportgen.catalog import THEME_FILE, available_templates, folder_digest
from reportgen.errors import Location, Problem, TemplateError
from reportgen.model import TEMPLATE_NAME, Model

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_MM = 72 / 25.4  # points per millimetre
PAGE_SIZES = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
# DejaVu ships inside matplotlib (a declared dependency); found without importing it.
BUILTIN_FAMILIES = {
    "DejaVu Sans": ("DejaVuSans", "-Bold", "-Oblique", "-BoldOblique"),
    "DejaVu Serif": ("DejaVuSerif", "-Bold", "-Italic", "-BoldItalic"),
    "DejaVu Sans Mono": ("DejaVuSansMono", "-Bold", "-Oblique", "-BoldOblique"),
}


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValueError(f"must be a colour like '#1F3A5F', got {value!r}")
    return value.upper()


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
    """Fonts: a built-in family name or TTF files for the PDF, a face name for the deck."""

    family: str = "DejaVu Sans"
    files: FontFiles | None = None
    deck: str = "Calibri"
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


class Labels(Model):
    """Headings and fixed words printed in the documents (translate them here)."""

    memo: str = "Memorandum"
    to: str = "To"
    from_: str = Field("From", alias="from")
    cc: str = "Cc"
    date: str = "Date"
    subject: str = "Subject"
    summary: str = "Bottom line up front"
    takeaways: str = "Key takeaways"
    threats: str = "Threat assessment"
    risk_matrix: str = "Risk matrix"
    factors: str = "Threat factors"
    scenarios: str = "Scenarios to {horizon}"
    conclusion: str = "Conclusion"
    sources: str = "Sources"
    page: str = "Page {page} of {pages}"
    agenda: str = "Agenda"


class Deck(Model):
    """Deck options: the master file and the layout names to use for each role."""

    master: str | None = None
    layouts: dict[str, list[str]] = Field(default_factory=dict)
    min_font_pt: float = Field(12, ge=6, le=24)


class Theme(Model):
    """Everything visual a renderer needs; renderers hard-code none of it."""

    name: str = "default"
    description: str = ""
    extends: str | None = None
    page: Page = Page()
    fonts: Fonts = Fonts()
    colours: Colours = Colours()
    classification: Classification = Classification()
    labels: Labels = Labels()
    logo: str | None = None
    deck: Deck = Deck()


@dataclass(frozen=True, slots=True)
class FontFace:
    """Resolved TTF paths of one family."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True, slots=True)
class Template:
    """A resolved template: its theme, folder, font files and the hash of every file in it."""

    name: str
    folder: Path
    theme: Theme
    font: FontFace
    logo: Path | None
    master: Path | None
    digest: str
    chain: tuple[str, ...]  # how it was asked for, then every template it extends

    @classmethod
    def load(cls, folder: Path, asked_as: str | None = None) -> Template:
        """Load the template in ``folder``; raises TemplateError with located problems."""
        theme_file = folder / THEME_FILE
        if not theme_file.is_file():
            raise TemplateError([Problem(Location(str(theme_file)), "", "theme file is missing")])
        from reportgen.loader import load_model  # the same walker as briefings

        theme = load_model(theme_file, Theme, TemplateError)
        return cls(
            name=folder.name,
            folder=folder,
            theme=theme,
            font=_font_face(theme, folder, theme_file),
            logo=_asset(folder, theme.logo, theme_file, "logo"),
            master=_asset(folder, theme.deck.master, theme_file, "deck.master"),
            digest=folder_digest(folder),
            chain=(asked_as or folder.name,),
        )


def resolve_template(name_or_path: str, *, allow_path: bool, cwd: Path | None = None) -> Template:
    """Find a template by name (search path) or, from the command line only, by folder path."""
    if allow_path and not TEMPLATE_NAME.match(name_or_path):
        folder = Path(name_or_path)
        if not (folder / THEME_FILE).is_file():
            raise TemplateError(
                [Problem(Location(name_or_path), "", f"no {THEME_FILE} in this folder")]
            )
        return Template.load(folder, asked_as=name_or_path)
    templates = available_templates(cwd)
    if name_or_path not in templates:
        names = ", ".join(sorted(templates)) or "none"
        raise TemplateError(
            [
                Problem(
                    Location(name_or_path),
                    "",
                    f"unknown template {name_or_path!r}; available: {names}",
                )
            ]
        )
    return Template.load(templates[name_or_path], asked_as=name_or_path)


def _font_face(theme: Theme, folder: Path, theme_file: Path) -> FontFace:
    files = theme.fonts.files
    if files is not None:
        regular = _asset(folder, files.regular, theme_file, "fonts.files.regular")
        assert regular is not None
        pick = {
            k: _asset(folder, getattr(files, k), theme_file, f"fonts.files.{k}") or regular
            for k in ("bold", "italic", "bold_italic")
        }
        return FontFace(theme.fonts.family, regular, **pick)
    if theme.fonts.family not in BUILTIN_FAMILIES:
        known = ", ".join(BUILTIN_FAMILIES)
        raise TemplateError(
            [
                Problem(
                    Location(str(theme_file)),
                    "fonts.family",
                    f"unknown built-in family {theme.fonts.family!r}; choose one of {known} "
                    "or give fonts.files",
                )
            ]
        )
    return builtin_face(theme.fonts.family)


def builtin_face(family: str) -> FontFace:
    """The DejaVu family of that name, from matplotlib's font folder."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.origin is not None, "matplotlib is a declared dependency"
    ttf = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    stem, bold, italic, bold_italic = BUILTIN_FAMILIES[family]
    return FontFace(
        family,
        ttf / f"{stem}.ttf",
        ttf / f"{stem}{bold}.ttf",
        ttf / f"{stem}{italic}.ttf",
        ttf / f"{stem}{bold_italic}.ttf",
    )


def _asset(folder: Path, rel: str | None, theme_file: Path, key: str) -> Path | None:
    if rel is None:
        return None
    path = (folder / rel).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise TemplateError(
            [Problem(Location(str(theme_file)), key, f"must stay inside the template folder, got {rel!r}")]
        )
    if not path.is_file():
        raise TemplateError(
            [Problem(Location(str(theme_file)), key, f"file not found: {rel!r}")]
        )
    return path


def describe_templates(cwd: Path | None = None) -> list[tuple[str, Path, str]]:
    """Name, folder and description of every template on the search path."""
    rows = []
    for name, folder in available_templates(cwd).items():
        try:
            description = Template.load(folder).theme.description or "(no description)"
        except TemplateError as exc:
            description = f"(invalid: {exc.problems[0]})"
        rows.append((name, folder, description))
    return rows

"""Font families bundled with reportgen: a table of TrueType files in ``theming/fonts/``.

The files ship as package data next to this module (with their licences), so building a
memo or a deck needs no other distribution to locate fonts. To bundle another family, put
its four faces and its licence in ``fonts/`` and add one row to ``BUNDLED_FAMILIES``
(docs/templates.md lists the built-in families).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"


@dataclass(frozen=True, slots=True)
class FontFace:
    """Resolved TTF paths of one family."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True, slots=True)
class BundledFamily:
    """File names, inside ``FONT_DIR``, of a bundled family's four faces and its licence."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    licence: str

    def files(self) -> tuple[str, ...]:
        """Every file of the family, licence included."""
        return (self.regular, self.bold, self.italic, self.bold_italic, self.licence)


_DEJAVU = "LICENSE_DEJAVU"
BUNDLED_FAMILIES: dict[str, BundledFamily] = {
    "DejaVu Sans": BundledFamily(
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
        _DEJAVU,
    ),
    "DejaVu Serif": BundledFamily(
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
        _DEJAVU,
    ),
    "DejaVu Sans Mono": BundledFamily(
        "DejaVuSansMono.ttf",
        "DejaVuSansMono-Bold.ttf",
        "DejaVuSansMono-Oblique.ttf",
        "DejaVuSansMono-BoldOblique.ttf",
        _DEJAVU,
    ),
}


def bundled_face(family: str) -> FontFace:
    """The bundled family of that name (a key of ``BUNDLED_FAMILIES``) as file paths."""
    row = BUNDLED_FAMILIES[family]
    return FontFace(
        family,
        FONT_DIR / row.regular,
        FONT_DIR / row.bold,
        FONT_DIR / row.italic,
        FONT_DIR / row.bold_italic,
    )

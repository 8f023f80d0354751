"""The faces the deck is measured in: metric-compatible open faces for the faces it is written in.

A deck names a face (``fonts.deck``, e.g. Calibri) that PowerPoint draws with; reportgen
measures its text with a face of the same advance widths, so what fits here fits there
(docs/fonts.md). Carlito and Caladea ship inside the package (SIL Open Font Licence, see
``fonts/OFL-*.txt``); Liberation is found where the system installs it (fonts-liberation2).
A theme can name the files to measure a face with (``fonts.deck_metrics``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from reportgen.theming.families import FONT_DIR

BUNDLED = FONT_DIR  # the package's own fonts folder (theming/families.py)
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")

# Written face (lower case) -> the metric-compatible family and its file stem.
METRIC_FACES: dict[str, tuple[str, str]] = {
    "calibri": ("Carlito", "Carlito"),
    "carlito": ("Carlito", "Carlito"),
    "cambria": ("Caladea", "Caladea"),
    "caladea": ("Caladea", "Caladea"),
    "arial": ("Liberation Sans", "LiberationSans"),
    "helvetica": ("Liberation Sans", "LiberationSans"),
    "liberation sans": ("Liberation Sans", "LiberationSans"),
    "times new roman": ("Liberation Serif", "LiberationSerif"),
    "times": ("Liberation Serif", "LiberationSerif"),
    "liberation serif": ("Liberation Serif", "LiberationSerif"),
    "courier new": ("Liberation Mono", "LiberationMono"),
    "liberation mono": ("Liberation Mono", "LiberationMono"),
}


def _font_dirs() -> tuple[Path, ...]:
    """Where the metric-compatible faces may be: the package, then the system's font folders."""
    home = Path.home()
    system = [
        Path("/usr/share/fonts/truetype/liberation2"),
        Path("/usr/share/fonts/truetype/liberation"),
        Path("/usr/share/fonts/liberation-sans"),  # Fedora splits the family by folder
        Path("/usr/share/fonts/liberation-serif"),
        Path("/usr/share/fonts/liberation-mono"),
        Path("/usr/share/fonts/truetype/crosextra"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]
    if sys.platform == "darwin":
        system += [Path("/Library/Fonts"), home / "Library/Fonts"]
    return (BUNDLED, *system)


@dataclass(frozen=True, slots=True)
class DeckFace:
    """How the deck's written face is measured: the files, what they are and whether exact.

    ``exact`` is False when no metrics were found for the written face and the memo's face
    is used instead (widths are then a guess; ``templates check`` says so).
    """

    written: str
    measured: str
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic
    exact: bool

    @property
    def note(self) -> str | None:
        """A warning for ``templates check`` when the written face has no metrics."""
        if self.exact:
            return None
        return (
            f"deck face {self.written!r} has no metrics; its text is measured with "
            f"{self.measured}, so widths are a guess. Use a face reportgen knows "
            f"({', '.join(sorted({v[0] for v in METRIC_FACES.values()}))}, or the faces they "
            "stand in for) or name its files in fonts.deck_metrics"
        )


def find_metric_files(written: str) -> tuple[str, tuple[Path, Path, Path, Path]] | None:
    """The family and files of a metric-compatible face for ``written``, if one is found."""
    known = METRIC_FACES.get(written.strip().lower())
    if known is None:
        return None
    family, stem = known
    for folder in _font_dirs():
        paths = tuple(folder / f"{stem}-{style}.ttf" for style in _STYLES)
        if paths[0].is_file():
            regular = paths[0]
            # A missing style is measured in the regular or bold one, never left out.
            bold = paths[1] if paths[1].is_file() else regular
            italic = paths[2] if paths[2].is_file() else regular
            bold_italic = paths[3] if paths[3].is_file() else bold
            return family, (regular, bold, italic, bold_italic)
    return None

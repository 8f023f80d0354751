"""Glyph coverage: which characters of a briefing a font cannot draw (docs/templates.md)."""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

Path_ = tuple[str | int, ...]

# Characters that draw nothing, so a font need not have them.
_INVISIBLE = {"\n", "\t", "\r", "\u200b", "\u200c", "\u200d", "\u2060", "\ufe0e", "\ufe0f"}


@functools.lru_cache(maxsize=16)
def font_characters(font: Path) -> frozenset[int]:
    """Code points the TrueType font at ``font`` maps to a glyph (memoised: fonts are files)."""
    from fontTools.ttLib import TTFont

    # Our own handle: TTFont leaves its file open when the font is broken and it raises.
    with open(font, "rb") as handle, TTFont(handle, lazy=True) as tt:
        return frozenset(tt.getBestCmap() or {})


def missing_characters(text: str, font: Path) -> list[str]:
    """Characters of ``text`` the font cannot draw, in order of first appearance."""
    have = font_characters(font)
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in have and ch not in _INVISIBLE and unicodedata.category(ch) != "Mn":
            seen.setdefault(ch, None)
    return list(seen)


def text_fields(value: object, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string inside a model (or list, or string), with its path of keys and indexes."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from text_fields(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from text_fields(item, (*path, i))


def glyph_findings(model: BaseModel, font: Path) -> list[tuple[Path_, str]]:
    """(path, message) for every text field holding characters ``font`` lacks."""
    findings = []
    for path, text in text_fields(model):
        missing = missing_characters(text, font)
        if missing:
            shown = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            findings.append((path, f"font {font.name} has no glyph for {shown}{more}"))
    return findings

"""Fonts of the memo: embedded TrueType faces, their text layer, right-to-left order."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from unicodedata import bidirectional, combining

from reportlab.pdfbase import pdfmetrics

from reportgen.render.pdf._reportlab import SubsetFixingTTFont, glyph_map

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from reportgen.theming.theme import FontFace


@dataclass(frozen=True, slots=True)
class FontNames:
    """Names under which the template's four TrueType faces are registered with reportlab."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def register_fonts(face: FontFace) -> FontNames:
    """Register the face's TTF files (idempotently) and their family; return their names.

    reportlab's font registry is process-global, so each file is registered under a name
    derived from its content: registering it again is a no-op, and an edited file (watch
    mode) gets a new name instead of silently reusing the stale one.
    """
    names = FontNames(
        regular=_register(face.regular),
        bold=_register(face.bold),
        italic=_register(face.italic),
        bold_italic=_register(face.bold_italic),
    )
    # The family is named after the regular face, so <b>/<i> in a paragraph whose
    # fontName is the regular face resolve to the matching embedded faces.
    pdfmetrics.registerFontFamily(
        names.regular,
        normal=names.regular,
        bold=names.bold,
        italic=names.italic,
        boldItalic=names.bold_italic,
    )
    return names


def _register(path: Path) -> str:
    data = path.read_bytes()
    name = "rg-" + hashlib.sha256(data).hexdigest()[:16]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_Font(name, str(path)))
    return name


class _Font(SubsetFixingTTFont):
    """A TrueType font whose ToUnicode map is right beyond the BMP too (emoji, rare CJK).

    reportlab writes each code's Unicode value as four hex digits, which is wrong for
    code points above U+FFFF (PDF wants UTF-16 there), so text extraction and search lose
    them. Those subsets' maps are rewritten once reportlab has written them.
    """

    @staticmethod
    def fix(name: str, codes: list[int]) -> str | None:
        return _to_unicode_cmap(name, codes) if max(codes, default=0) > 0xFFFF else None


def _to_unicode_cmap(name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a subset, with every value in UTF-16BE hex."""
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo\n<< /Registry ({name})\n/Ordering ({name})\n/Supplement 0\n>> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        f"1 begincodespacerange\n<00> <{len(subset) - 1:02X}>\nendcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    entries = [
        f"<{i:02X}> <{chr(c).encode('utf-16-be').hex().upper()}>" for i, c in enumerate(subset)
    ]
    tail = ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join([*head, *entries, *tail])


def map_missing_glyphs(fonts: FontNames, texts: Iterable[str]) -> str:
    """Give characters the fonts lack their own codes (drawn as .notdef); return them sorted.

    reportlab encodes a character without a glyph as code 0, losing it from the text layer.
    Mapping it to glyph 0 (the box it prints as anyway) gives it a code and a ToUnicode
    entry, so copying, searching and extraction still find it. The registered fonts are
    shared process-wide; the entries added are the same whoever adds them.
    """
    chars = {ord(c) for text in texts for c in text if not c.isspace()}
    missing: set[int] = set()
    for name in {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic}:
        char_to_glyph = glyph_map(name)
        for code in chars:
            if not char_to_glyph.get(code):  # absent, or mapped to .notdef by us before
                missing.add(code)
                char_to_glyph.setdefault(code, 0)
    return "".join(sorted(map(chr, missing)))


# --- right-to-left text -----------------------------------------------------------------------

_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})
# The right-to-left blocks in living use (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
# presentation forms): the ones PDF readers and text extractors agree to reorder.
_RTL_BLOCKS = (("\u0590", "\u08ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufefe"))


def visual(text: str) -> str:
    """``text`` in display order: each right-to-left stretch (Hebrew, Arabic…) reversed.

    reportlab draws characters in the order given, so a right-to-left phrase would read
    backwards, and PDF text extraction (which reorders such runs) would return it
    reversed. A simplified bidi: within a stretch from one strong right-to-left
    character to the last, characters are reversed, but combining marks stay on their
    base and digits keep their order. No shaping (joined Arabic forms) is attempted, and
    historic right-to-left scripts outside the living blocks are left in typed order.
    """
    if not any(_is_rtl(c) for c in text):
        return text
    units = _clusters(text)
    kinds = [_kind(u) for u in units]
    out: list[str] = []
    i = 0
    while i < len(units):
        if kinds[i] != "R":
            out.append(units[i])
            i += 1
            continue
        end = i
        for j in range(i, len(units)):
            if kinds[j] == "L":
                break
            if kinds[j] == "R":
                end = j
        out += _reversed_keeping_numbers(units[i : end + 1])
        i = end + 1
    return "".join(out)


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks attached."""
    units: list[str] = []
    for c in text:
        if units and combining(c):
            units[-1] += c
        else:
            units.append(c)
    return units


def _is_rtl(c: str) -> bool:
    return bidirectional(c) in _RTL and any(lo <= c <= hi for lo, hi in _RTL_BLOCKS)


def _kind(unit: str) -> str:
    """R (right-to-left), L (any other strong letter), D (digit) or N (neutral)."""
    if _is_rtl(unit[0]):
        return "R"
    cls = bidirectional(unit[0])
    return "D" if cls in _NUMBER else "N" if cls not in ("L", "R", "AL") else "L"


def _reversed_keeping_numbers(units: list[str]) -> list[str]:
    tokens: list[str] = []
    for u in units:
        if tokens and _kind(u) == "D" and _kind(tokens[-1][-1]) == "D":
            tokens[-1] += u
        else:
            tokens.append(u)
    return tokens[::-1]


def visual_rtl(text: str) -> str:
    """``text`` of a right-to-left paragraph in display order, left to right.

    Right-to-left letters are reversed one by one, while numbers and runs of left-to-right
    words (with the spaces between them) keep their own order, as whole blocks.
    """
    units = _clusters(text)
    kinds = [_kind(u) for u in units]
    # Neutrals before the first and after the last letter or digit stay where they are, as
    # extraction (poppler) expects of a line's ends: "النص." keeps its full stop last.
    ends = [i for i, k in enumerate(kinds) if k != "N"]
    if not ends:
        return text
    head, tail = "".join(units[: ends[0]]), "".join(units[ends[-1] + 1 :])
    units, kinds = units[ends[0] : ends[-1] + 1], kinds[ends[0] : ends[-1] + 1]
    strong = [k if k in ("L", "R") else None for k in kinds]
    for i, k in enumerate(kinds):  # a neutral between two left-to-right letters is one too
        if k == "N":
            before = next((s for s in reversed(strong[:i]) if s), None)
            after = next((s for s in strong[i + 1 :] if s), None)
            kinds[i] = "L" if before == after == "L" else "R"
    blocks: list[list[str]] = []
    for i, (u, k) in enumerate(zip(units, kinds, strict=True)):
        if k in ("L", "D") and i and kinds[i - 1] == k:
            blocks[-1].append(u)
        else:
            blocks.append([u])
    return head + "".join("".join(b) for b in reversed(blocks)) + tail

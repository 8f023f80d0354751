"""A template's files checked at load: master package, fonts, logo (docs/refused.md).

Each check reads the file once, with a size bound, and either returns nothing or says in one
line what is wrong. They run at template load, so `templates check` and `build` agree: a
template that passes builds, and one that would fail a build fails the check the same way.
"""

from __future__ import annotations

import struct
import sys
import warnings
from array import array
from io import BytesIO
from typing import TYPE_CHECKING

from reportgen.source.files import FileRefused, read_bounded
from reportgen.theming.package import MAX_MASTER_BYTES, PackageProblem, check_package

if TYPE_CHECKING:
    from pathlib import Path

MAX_FONT_BYTES = 50 * 1024 * 1024
MAX_LOGO_BYTES = 20 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
LOGO_FORMATS = ("PNG", "JPEG")  # what both the PDF and the deck can place (README)

# Tables reportlab's TrueType reader and subsetter need (docs/refused.md).
_REQUIRED = (b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name", b"post")
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_OTHER_KINDS = {
    b"OTTO": "an OpenType font with CFF (PostScript) outlines, which reportgen cannot embed "
    "in both outputs; use a TrueType (.ttf) font",
    b"ttcf": "a font collection (.ttc); give one TrueType (.ttf) font per face",
    b"wOFF": "a web font (WOFF); use the TrueType (.ttf) font it was made from",
    b"wOF2": "a web font (WOFF2); use the TrueType (.ttf) font it was made from",
}


def asset_problem(kind: str, path: Path, folder: Path) -> str | None:
    """What is wrong with the template file ``path`` used as ``kind``, or None.

    ``kind`` is "master", "reference" (a Word .docx/.dotx), "font" or "logo"; ``folder`` is
    the template folder the file must stay inside.
    """
    limits = {"master": MAX_MASTER_BYTES, "reference": MAX_MASTER_BYTES, "font": MAX_FONT_BYTES}
    limit = limits.get(kind, MAX_LOGO_BYTES)
    try:
        data = read_bounded(path, limit, within=folder)
    except FileRefused as exc:
        return str(exc)
    if len(data) > limit:
        return f"{path.name} is larger than {limit // 2**20} MB"
    try:
        if kind in ("master", "reference"):
            check_package(data, word=kind == "reference")
            return None
        return font_problem(data) if kind == "font" else logo_problem(data)
    except PackageProblem as exc:
        return f"cannot open {path.name}: {exc}"


# --- fonts -------------------------------------------------------------------------------------


def font_problem(data: bytes) -> str | None:
    """Why ``data`` is not a TrueType font both outputs can embed, or None.

    Checks the table directory, the tables reportlab reads, every table's checksum (a
    damaged font is caught here, not as a runaway allocation in the PDF renderer), and the
    glyph index: all in linear time, without parsing a glyph.
    """
    kind = data[:4]
    if kind in _OTHER_KINDS:
        return f"is {_OTHER_KINDS[kind]}"
    if kind not in _TRUETYPE or len(data) < 12:
        return "is not a TrueType font"
    (count,) = struct.unpack(">H", data[4:6])
    if not 1 <= count <= 64 or len(data) < 12 + 16 * count:
        return "is not a TrueType font: damaged table directory"
    tables: dict[bytes, bytes] = {}
    for i in range(count):
        tag, checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if offset + length > len(data):
            return f"is damaged: table {tag.decode('latin-1')!r} runs past the end of the file"
        body = data[offset : offset + length]
        if tag == b"head" and length >= 12:
            body_for_sum = body[:8] + b"\0\0\0\0" + body[12:]
        else:
            body_for_sum = body
        if _checksum(body_for_sum) != checksum:
            return f"is damaged: table {tag.decode('latin-1')!r} does not match its checksum"
        tables[tag] = body
    missing = [t.decode() for t in _REQUIRED if t not in tables]
    if missing:
        outlines = " (no TrueType outlines)" if "glyf" in missing else ""
        return f"is not a usable TrueType font: missing table(s) {', '.join(missing)}{outlines}"
    return _glyph_index_problem(tables)


def _checksum(body: bytes) -> int:
    words = array("I")
    if words.itemsize != 4:  # pragma: no cover - every platform we support has 4-byte "I"
        words = array("L")
    words.frombytes(body + b"\0" * (-len(body) % 4))
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _glyph_index_problem(tables: dict[bytes, bytes]) -> str | None:
    head, maxp, hhea = tables[b"head"], tables[b"maxp"], tables[b"hhea"]
    if len(head) < 54 or len(maxp) < 6 or len(hhea) < 36:
        return "is damaged: head, maxp or hhea table too short"
    (magic,) = struct.unpack(">I", head[12:16])
    (units,) = struct.unpack(">H", head[18:20])
    (loca_format,) = struct.unpack(">h", head[50:52])
    (glyphs,) = struct.unpack(">H", maxp[4:6])
    (metrics,) = struct.unpack(">H", hhea[34:36])
    if magic != 0x5F0F3CF5 or not 16 <= units <= 16384 or loca_format not in (0, 1):
        return "is damaged: the head table is not valid"
    if glyphs < 1 or not 1 <= metrics <= glyphs or len(tables[b"hmtx"]) < 4 * metrics:
        return "is damaged: glyph count and metrics do not agree"
    loca = array("H" if loca_format == 0 else "I")
    size = loca.itemsize * (glyphs + 1)
    if len(tables[b"loca"]) < size:
        return "is damaged: the glyph index (loca) is too short"
    loca.frombytes(tables[b"loca"][:size])
    if sys.byteorder == "little":
        loca.byteswap()
    scale = 2 if loca_format == 0 else 1
    offsets = loca.tolist()
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)):
        return "is damaged: the glyph index (loca) is out of order"
    if offsets[-1] * scale > len(tables[b"glyf"]):
        return "is damaged: the glyph index (loca) points past the glyph table"
    return None


# --- logos -------------------------------------------------------------------------------------


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` is not a logo both outputs can place, or None (decodes it fully)."""
    from PIL import Image, UnidentifiedImageError

    accepted = " or ".join(LOGO_FORMATS)
    if not data:
        return f"is empty; a logo is a {accepted} image"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=None)
            kind = image.format or "unknown"
            if kind not in LOGO_FORMATS:
                return f"is a {kind} image; a logo must be {accepted}"
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_LOGO_PIXELS:
                return (
                    f"is {width}×{height} pixels; a logo may have at most "
                    f"{MAX_LOGO_PIXELS:,} pixels"
                )
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except Image.DecompressionBombError:
        return f"has far more than {MAX_LOGO_PIXELS:,} pixels, the most a logo may have"
    except UnidentifiedImageError:
        return f"is not an image reportgen can read; a logo must be {accepted}"
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return f"is a damaged image ({exc}); a logo must be a complete {accepted} file"
    return None

"""A layout lint for decks and memos, read back from the files (docs/layout.md).

Deck, per slide: each text frame's content, measured in the face it is written in (its
metric-compatible files), fits its box; no shape leaves the slide or overlaps another shape
holding text; no text below the theme's floor; no continuation slide with fewer than three
items or filled under a third. Memo, per page (poppler): no word outside the side margins or
near the paper's edge; no two text lines overlapping; no page more than a quarter empty,
except the last and one before something taller than the gap.

Each check is independent of the renderer's own measuring code: it reads the PPTX with
python-pptx and the PDF with pdftotext and pdftoppm.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

from PIL import Image, ImageFont
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.theming.deckfaces import find_metric_files

EMU_PT = 12700
_CONTINUED = re.compile(r"\((\d+) of (\d+)\)$")
_A_R, _A_BR, _A_T, _A_RPR = qn("a:r"), qn("a:br"), qn("a:t"), qn("a:rPr")
_A_LATIN, _A_LNSPC, _A_SPCPCT = qn("a:latin"), qn("a:lnSpc"), qn("a:spcPct")
_X = "{http://www.w3.org/1999/xhtml}"
MIN_ITEMS, MIN_FILL, MAX_EMPTY = 3, 1 / 3, 0.25


@dataclass
class Report:
    """Findings of one document, and one row per slide or page for the printed table."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def table(self) -> str:
        """The rows as a fixed-width table under the document's name."""
        cells = [
            tuple(str(c) for c in self.columns),
            *(tuple(str(c) for c in r) for r in self.rows),
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = [f"== {self.name}: {len(self.findings)} finding(s)"]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
        lines += [f"!! {f}" for f in self.findings]
        return "\n".join(lines)


# --- deck -------------------------------------------------------------------------------------


@cache
def _face(typeface: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    found = find_metric_files(typeface)
    assert found is not None, f"no metric-compatible face for {typeface!r}: cannot measure it"
    regular, b, i, bi = found[1]
    path = {(False, False): regular, (True, False): b, (False, True): i, (True, True): bi}
    return ImageFont.truetype(str(path[(bold, italic)]), 1000)


@cache
def _line_em(typeface: str) -> float:
    """One line at single spacing, in ems: the face's ascent + descent + line gap (hhea),
    as LibreOffice sets it (Pillow's getmetrics gives the typo box, 1.0 em for Carlito)."""
    from fontTools.ttLib import TTFont

    found = find_metric_files(typeface)
    assert found is not None
    with TTFont(str(found[1][0]), lazy=True) as font:
        hhea = font["hhea"]
        return float(hhea.ascent - hhea.descent + hhea.lineGap) / font["head"].unitsPerEm


def _para_height(p, width: float, default_face: str) -> tuple[float, float, str]:  # type: ignore[no-untyped-def]
    """Lines × line height of a paragraph wrapped greedily in ``width`` points; its size, face."""
    ppr = p._p.pPr
    marl = int(ppr.get("marL", "0")) / EMU_PT if ppr is not None else 0.0
    avail = width - marl
    lines, x, size, face = 1, 0.0, 0.0, default_face
    for child in p._p:
        if child.tag == _A_BR:
            lines, x = lines + 1, 0.0
            continue
        if child.tag != _A_R:
            continue
        rpr = child.find(_A_RPR)
        latin = rpr.find(_A_LATIN) if rpr is not None else None
        face = latin.get("typeface") if latin is not None else default_face
        run_size = int(rpr.get("sz", "1800")) / 100 if rpr is not None else 18.0
        size = max(size, run_size)
        font = _face(
            face, rpr is not None and rpr.get("b") == "1", rpr is not None and rpr.get("i") == "1"
        )
        for word in re.findall(r"\S+|\s+", child.findtext(_A_T) or ""):
            w = font.getlength(word) / 1000 * run_size
            if not word.isspace() and x > 0 and x + w > avail:
                lines, x = lines + 1, 0.0
            while w > avail:  # a word wider than the line breaks between letters
                lines, w = lines + 1, w - avail
            x += w
    spacing = 1.0
    if ppr is not None and (ln := ppr.find(_A_LNSPC)) is not None:
        pct = ln.find(_A_SPCPCT)
        spacing = int(pct.get("val")) / 100000 if pct is not None else 1.0
    return lines * size * _line_em(face) * spacing, size, face


def text_height(tf, width: float, face: str) -> float:  # type: ignore[no-untyped-def]
    """Height in points of a text frame's paragraphs set in ``width`` points."""
    total = 0.0
    for i, p in enumerate(tf.paragraphs):
        if not p.runs:
            continue
        h, _, _ = _para_height(p, width, face)
        before = p.space_before.pt if (i and p.space_before is not None) else 0.0
        total += before + h
    return total


def _shapes(container):  # type: ignore[no-untyped-def]
    for shape in container:
        yield shape
        if shape.shape_type == 6:  # group
            yield from _shapes(shape.shapes)


def _has_text(shape) -> bool:  # type: ignore[no-untyped-def]
    if shape.has_text_frame:
        return bool(shape.text_frame.text.strip())
    return bool(getattr(shape, "has_table", False) or getattr(shape, "has_chart", False))


def _is_title(shape) -> bool:  # type: ignore[no-untyped-def]
    if shape.is_placeholder:
        return shape.placeholder_format.idx == 0
    return shape.name == "Title"


def _sizes(element) -> list[float]:  # type: ignore[no-untyped-def]
    return [
        int(e.get("sz")) / 100
        for e in element.iter()
        if e.tag.endswith("}rPr") or e.tag.endswith("}defRPr")
        if e.get("sz")
    ]


def lint_deck(data: bytes, name: str, floor: float, face: str) -> Report:
    """Every slide of a deck checked (see the module's docstring)."""
    prs = Presentation(io.BytesIO(data))
    sw, sh = prs.slide_width, prs.slide_height
    report = Report(name, ("slide", "title", "body pt", "items", "fill", "worst box"))
    for n, slide in enumerate(prs.slides, start=1):
        title, boxes, items, sizes, worst = "", [], 0, set(), 0.0
        bottom_banner = sh
        content_bottom, content_top, body_top = 0, None, sh
        for shape in _shapes(slide.shapes):
            where = f"slide {n} {shape.name!r}"
            if shape.rotation == 0 and not (
                shape.left >= 0
                and shape.top >= 0
                and shape.left + shape.width <= sw
                and shape.top + shape.height <= sh
            ):
                report.findings.append(f"{where}: leaves the slide")
            if shape.name == "Classification bottom":
                bottom_banner = shape.top
            if not _has_text(shape):
                continue
            boxes.append(shape)
            body = not _is_title(shape) and not shape.name.startswith("Classification")
            if body:
                body_top = min(body_top, shape.top)
            if _is_title(shape):
                title = shape.text_frame.text
                content_top = shape.top + shape.height
            small = [s for s in _sizes(shape._element) if s < floor - 1e-6]
            if getattr(shape, "has_chart", False):
                small += [s for s in _sizes(shape.chart._chartSpace) if s < floor - 1e-6]
            if small:
                report.findings.append(
                    f"{where}: text at {min(small):g} pt, below the floor {floor:g}"
                )
            if shape.has_text_frame:
                tf = shape.text_frame
                width = (shape.width - tf.margin_left - tf.margin_right) / EMU_PT
                room = (shape.height - tf.margin_top - tf.margin_bottom) / EMU_PT
                need = text_height(tf, width, face)
                worst = max(worst, need / room if room > 0 else 9.0)
                if need > room + 0.5:
                    report.findings.append(f"{where}: needs {need:.0f} pt, has {room:.0f} pt")
                if body:
                    items += sum(
                        1 for p in tf.paragraphs if "".join(r.text for r in p.runs).strip()
                    )
                    sizes |= {r.font.size.pt for p in tf.paragraphs for r in p.runs if r.font.size}
                    content_bottom = max(
                        content_bottom, shape.top + tf.margin_top + int(need * EMU_PT)
                    )
            elif getattr(shape, "has_table", False):
                table = shape.table
                items += len(table.rows) - 1
                height = sum(r.height for r in table.rows)
                content_bottom = max(content_bottom, shape.top + height)
                if shape.top + height > sh:
                    report.findings.append(f"{where}: table runs off the slide")
                for i, row in enumerate(table.rows):
                    for j, c in enumerate(row.cells):
                        width = (table.columns[j].width - c.margin_left - c.margin_right) / EMU_PT
                        need = (
                            text_height(c.text_frame, width, face)
                            + (c.margin_top + c.margin_bottom) / EMU_PT
                        )
                        if need > row.height / EMU_PT + 0.5:
                            report.findings.append(
                                f"{where}: cell ({i}, {j}) needs {need:.0f} pt, "
                                f"has {row.height / EMU_PT:.0f} pt"
                            )
            elif body:
                items += 1
                content_bottom = max(content_bottom, shape.top + shape.height)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                dx = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
                dy = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
                if dx > EMU_PT and dy > EMU_PT:
                    report.findings.append(f"slide {n}: {a.name!r} overlaps {b.name!r}")
        fill = 1.0
        # How much of the room between the top of the content and the bottom banner is used.
        top = min(body_top, sh) if body_top < sh else content_top
        if top is not None and bottom_banner > top:
            fill = max(0.0, (content_bottom - top) / (bottom_banner - top))
        m = _CONTINUED.search(title)
        if m and int(m[1]) > 1:
            # Fewer than three items pass only when they fill the slide (a long paragraph
            # or a chart continued): it is the stray item or two that looks left over.
            if items < MIN_ITEMS and fill < 2 * MIN_FILL:
                report.findings.append(f"slide {n} {title!r}: a continuation with {items} item(s)")
            if fill < MIN_FILL:
                report.findings.append(f"slide {n} {title!r}: a continuation filled {fill:.0%}")
        body_pt = "/".join(f"{s:g}" for s in sorted(sizes)) or "-"
        report.rows.append((n, title[:38], body_pt, items, f"{fill:.0%}", f"{worst:.0%}"))
    return report


# --- memo -------------------------------------------------------------------------------------


def _lines(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: width, height and every text line as (x0, y0, x1, y1, text)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter(f"{_X}page"):
        lines = []
        for line in page.iter(f"{_X}line"):
            box = tuple(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            text = " ".join(w.text or "" for w in line.iter(f"{_X}word"))
            lines.append((*box, text))
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def _ink_rows(pdf: Path, dpi: int) -> list[list[bool]]:
    """Per page, per pixel row: whether anything is drawn there (text, rules, charts)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True
        )
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        out = []
        for f in files:
            img = Image.open(f).convert("L")
            w, h = img.size
            data = img.tobytes()
            out.append([min(data[y * w : (y + 1) * w]) < 235 for y in range(h)])
        return out


def _blocks(rows: list[bool], top: int, bottom: int, gap: int) -> list[tuple[int, int]]:
    """Runs of inked rows between ``top`` and ``bottom``, split where ``gap`` rows are blank."""
    out: list[tuple[int, int]] = []
    start, blank = None, 0
    for y in range(top, bottom):
        if rows[y]:
            if start is None:
                start = y
            elif blank >= gap:
                out.append((start, y - blank))
                start = y
            blank = 0
        elif start is not None:
            blank += 1
    if start is not None:
        out.append((start, bottom - blank))
    return out


def lint_memo(pdf: Path, name: str, margins: tuple[float, float, float, float]) -> Report:
    """Every page of a memo checked; ``margins`` = top, right, bottom, left in points."""
    top_m, right_m, bottom_m, left_m = margins
    dpi = 36
    scale = dpi / 72
    ink = _ink_rows(pdf, dpi)
    pages = _lines(pdf)
    report = Report(name, ("page", "lines", "first line", "empty below", "findings"))
    frames = []
    for n, (w, h, lines) in enumerate(pages, start=1):
        before = len(report.findings)
        for x0, y0, x1, y1, text in lines:
            if x0 < left_m - 1 or x1 > w - right_m + 1:
                report.findings.append(
                    f"page {n}: {text[:40]!r} outside the side margins "
                    f"({x0:.0f}–{x1:.0f} of {w:.0f} pt)"
                )
            if y0 < 8 or y1 > h - 8:
                report.findings.append(f"page {n}: {text[:40]!r} at the paper's edge")
        for i, a in enumerate(lines):
            for b in lines[i + 1 :]:
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > 1 and dy > 0.3 * min(a[3] - a[1], b[3] - b[1]):
                    report.findings.append(f"page {n}: {a[4][:30]!r} overlaps {b[4][:30]!r}")
        top, bottom = int(top_m * scale) + 1, int((h - bottom_m) * scale)
        frames.append((top, bottom))
        inked = [y for y in range(top, bottom) if ink[n - 1][y]]
        empty = (bottom - (inked[-1] if inked else top)) / (bottom - top)
        first = next((t for *_, t in lines if t and _between(lines, t, top_m, h - bottom_m)), "")
        report.rows.append(
            (n, len(lines), first[:40], f"{empty:.0%}", len(report.findings) - before)
        )
    for n in range(1, len(pages)):  # every page but the last
        top, bottom = frames[n - 1]
        inked = [y for y in range(top, bottom) if ink[n - 1][y]]
        gap = bottom - (inked[-1] if inked else top)
        if gap <= MAX_EMPTY * (bottom - top):
            continue
        # Allowed before something that could not fit the gap and cannot be split like text:
        # the next page's first unit (ink without a blank band of 36 pt, so a heading with
        # its chart or table) when it holds drawing (ink outside every text line) and is
        # at least as tall as the gap.
        unit = _blocks(ink[n], *frames[n], gap=int(36 * scale))[:1]
        text_rows = {
            y
            for x0, y0, x1, y1, _ in pages[n][2]
            for y in range(int(y0 * scale), int(y1 * scale) + 2)
        }
        drawn = unit and any(ink[n][y] and y not in text_rows for y in range(*unit[0]))
        if not (drawn and (unit[0][1] - unit[0][0]) * 1.1 >= gap):
            report.findings.append(
                f"page {n}: {gap / (bottom - top):.0%} empty before what would fit there"
            )
    return report


def _between(lines, text: str, top: float, bottom: float) -> bool:  # type: ignore[no-untyped-def]
    return any(t == text and top <= y0 and y1 <= bottom for _, y0, _, y1, t in lines)

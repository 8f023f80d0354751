"""Deck text layout: paragraphs measured with real font metrics, fitted, split and paginated."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from PIL import ImageFont

from reportgen.source.inline import Run

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from reportgen.theming.deckfaces import DeckFace

EMU_PER_PT = 12700
# PowerPoint's single spacing is about 1.2 em for Calibri; 1.25 keeps a safety margin for
# faces with taller ascenders and for rounding in LibreOffice.
LINE_FACTOR = 1.25
INSET_X = 6.0  # text frame insets in points, set explicitly so measurement matches the file
INSET_Y = 3.6
INDENT_EM = 1.3  # hanging indent of a list item, in ems of its font size
_TIE = 1e-6  # points: far above any difference in how a sum of heights is rounded
_TOKEN = re.compile(r"\n|[ \t]+|[^ \t\n]+")

Lines = tuple[tuple[int, int], ...]
# A token of a paragraph's text: its kind, (start, end) offsets and the width in ems of
# each styled stretch of it (one, unless the style changes inside a word).
Token = tuple[int, int, int, tuple[float, ...]]
_NEWLINE, _SPACE, _WORD = 0, 1, 2
Bullet = Literal["none", "bullet", "number", "hang"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph to lay out: inline runs plus how it is set.

    ``scale`` multiplies the flow's font size, never below ``floor``; ``space`` is the gap
    above in ems. ``bullet`` "hang" indents like a list item without a marker (the rest of
    an item split across slides); ``hang`` is that indent in ems (see ``number_hang``).
    """

    runs: tuple[Run, ...]
    scale: float = 1.0
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    bullet: Bullet = "none"
    number: int = 1
    level: int = 0
    space: float = 0.45
    align: Align | None = "left"
    keep_with_next: bool = False
    floor: float = 0.0
    hang: float = INDENT_EM

    def font_size(self, size: float) -> float:
        """The size this paragraph is set in when its flow is set at ``size``: scaled, floored."""
        return round(max(size * self.scale, self.floor) * 2) / 2

    @property
    def text(self) -> str:
        """The paragraph's characters."""
        return "".join(r.text for r in self.runs)


def para(text: str | Sequence[Run], **style: object) -> Para:
    """A Para from a plain string or runs, trailing whitespace removed."""
    runs = (Run(text),) if isinstance(text, str) else tuple(text)
    return Para(rstrip_runs(runs), **style)  # type: ignore[arg-type]


def rstrip_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Drop the trailing newline YAML folding leaves, and runs left empty."""
    out = list(runs)
    while out and not out[-1].text.rstrip():
        out.pop()
    if out and out[-1].text != out[-1].text.rstrip():  # replace() is slow: only when needed
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    while out and not out[0].text.strip():
        out.pop(0)
    if out and out[0].text != out[0].text.lstrip():
        out[0] = replace(out[0], text=out[0].text.lstrip())
    return tuple(out) or (Run("—"),)


class Metrics:
    """Text widths in the deck's written face, in points, with a per-render cache.

    Measured with the face's metric-compatible files (docs/fonts.md), so what fits here
    fits in PowerPoint.
    """

    def __init__(self, face: DeckFace) -> None:
        # One font object per style at 1000 units per em; widths scale linearly.
        regular, bold, italic, bold_italic = face.files
        self._fonts = {
            (False, False): ImageFont.truetype(str(regular), 1000),
            (True, False): ImageFont.truetype(str(bold), 1000),
            (False, True): ImageFont.truetype(str(italic), 1000),
            (True, True): ImageFont.truetype(str(bold_italic), 1000),
        }
        self._cache: dict[tuple[str, bool, bool], float] = {}
        # Fitting a deck wraps the same paragraph at many sizes and the same size many times:
        # its tokens and their widths in ems are kept by (runs, bold, italic), its lines
        # also by font size and available width.
        self.tokens: dict[tuple[object, ...], tuple[Token, ...]] = {}
        self.wrapped: dict[tuple[object, ...], Lines] = {}
        # Other measurements derived from these (table rows and columns), by what they depend on.
        self.derived: dict[tuple[object, ...], object] = {}

    def em(self, text: str, *, bold: bool = False, italic: bool = False) -> float:
        """Advance width of ``text`` in ems."""
        key = (text, bold, italic)
        em = self._cache.get(key)
        if em is None:
            em = self._fonts[(bold, italic)].getlength(text) / 1000
            self._cache[key] = em
        return em

    def width(self, text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
        """Advance width of ``text`` at ``size`` points."""
        return self.em(text, bold=bold, italic=italic) * size

    def line_height(self, size: float) -> float:
        """Height of one line of text at ``size`` points."""
        return size * LINE_FACTOR


# --- wrapping ---------------------------------------------------------------------------------


def indent_pt(p: Para, size: float) -> float:
    """Left margin of a paragraph's text in points (list items hang, levels nest)."""
    hang = p.hang * size if p.bullet != "none" else 0.0  # the flow's size, so items align
    return hang + p.level * INDENT_EM * size


def number_hang(count: int) -> float:
    """Hanging indent in ems that leaves room for the numbers of a list of ``count`` items."""
    return max(INDENT_EM, 0.75 + 0.6 * len(str(count)))


def _styled(p: Para) -> list[tuple[int, int, bool, bool]]:
    """Character spans of the paragraph text with their bold/italic style."""
    spans, pos = [], 0
    for r in p.runs:
        spans.append((pos, pos + len(r.text), p.bold or r.bold, p.italic or r.italic))
        pos += len(r.text)
    return spans


def _measure(
    m: Metrics, text: str, spans: list[tuple[int, int, bool, bool]], size: float
) -> Callable[[int, int], float]:
    """A function giving the width of ``text[a:b]``, styled by ``spans``."""
    if len(spans) == 1:  # one style throughout, as most paragraphs are: no span walk
        _, _, bold1, italic1 = spans[0]

        def plain(a: int, b: int) -> float:
            return m.width(text[a:b], size, bold=bold1, italic=italic1)

        return plain

    def width(a: int, b: int) -> float:
        total = 0.0
        for s, e, bold, italic in spans:
            lo, hi = max(a, s), min(b, e)
            if lo < hi:
                total += m.width(text[lo:hi], size, bold=bold, italic=italic)
        return total

    return width


def wrap(m: Metrics, p: Para, size: float, width: float) -> Lines:
    """Split the paragraph into lines that fit ``width`` points: (start, end) offsets."""
    fsize = p.font_size(size)
    avail = max(width - indent_pt(p, size), fsize)
    key = (p.runs, p.bold, p.italic, fsize, avail)
    lines = m.wrapped.get(key)
    if lines is None:
        lines = m.wrapped[key] = _wrap(m, p, fsize, avail)
    return lines


def _wrap(m: Metrics, p: Para, fsize: float, avail: float) -> Lines:
    """Greedy line breaking of the paragraph at ``fsize`` points in ``avail`` points."""
    lines: list[tuple[int, int]] = []
    start, x, gap = 0, 0.0, 0.0
    for kind, a, b, ems in _tokens(m, p):
        if kind == _NEWLINE:
            lines.append((start, a))
            start, x, gap = b, 0.0, 0.0
            continue
        w = ems[0] * fsize if len(ems) == 1 else _total(ems, fsize)
        if kind == _SPACE:
            gap = w
        elif x > 0 and x + gap + w <= avail:
            x += gap + w
        else:
            if x > 0:
                lines.append((start, a))
                start = a
            measure = _measure(m, p.text, _styled(p), fsize)
            start, x = _break_long(measure, lines, start, b, avail)
    lines.append((start, len(p.text)))
    return tuple(lines)


def _total(ems: tuple[float, ...], size: float) -> float:
    """Width at ``size`` of a token styled in several stretches, summed as ``_measure`` does."""
    total = 0.0
    for em in ems:
        total += em * size
    return total


def _tokens(m: Metrics, p: Para) -> tuple[Token, ...]:
    """The paragraph's newlines, spaces and words with their widths in ems, kept on ``m``."""
    key = (p.runs, p.bold, p.italic)
    found = m.tokens.get(key)
    if found is None:
        found = m.tokens[key] = tuple(_tokenize(m, p.text, _styled(p)))
    return found


def _tokenize(m: Metrics, text: str, spans: list[tuple[int, int, bool, bool]]) -> list[Token]:
    """Tokens of ``text`` with the width in ems of each styled stretch of them."""
    out: list[Token] = []
    single = spans[0] if len(spans) == 1 else None  # one style: a token is one stretch
    for tok in _TOKEN.finditer(text):
        a, b = tok.span()
        t = tok[0]
        if t == "\n":
            out.append((_NEWLINE, a, b, ()))
            continue
        if single is not None:
            ems: tuple[float, ...] = (m.em(t, bold=single[2], italic=single[3]),)
        else:
            ems = tuple(
                m.em(text[max(a, s) : min(b, e)], bold=bold, italic=italic)
                for s, e, bold, italic in spans
                if max(a, s) < min(b, e)
            )
        out.append((_SPACE if t.isspace() else _WORD, a, b, ems))
    return out


def _break_long(
    w: Callable[[int, int], float], lines: list[tuple[int, int]], start: int, end: int, avail: float
) -> tuple[int, float]:
    """Place a word beginning a line, breaking it between characters when it is too wide.

    Each cut is found by doubling, then halving, the stretch measured: O(n log n) in the
    word's length, never a measurement per character (docs/refused.md).
    """
    while end - start > 1:
        cut = _longest_fit(w, start, end, avail)
        if cut >= end:
            break
        lines.append((start, cut))
        start = cut
    return start, w(start, end)


def _longest_fit(w: Callable[[int, int], float], start: int, end: int, avail: float) -> int:
    """The largest ``cut`` (at least ``start + 1``) with ``text[start:cut]`` within ``avail``."""
    good, step = start + 1, 1
    while good < end:  # doubling: the stretch measured is at most twice a line
        probe = min(end, good + step)
        if w(start, probe) > avail:
            bad = probe
            break
        good, step = probe, step * 2
    else:
        return end
    while bad - good > 1:  # halving between the last fit and the first overflow
        mid = (good + bad) // 2
        if w(start, mid) <= avail:
            good = mid
        else:
            bad = mid
    return good


def para_height(m: Metrics, p: Para, size: float, width: float, *, first: bool) -> float:
    """Height of the paragraph in points, with its space above unless it opens the box."""
    lines = len(wrap(m, p, size, width))
    above = 0.0 if first else p.space * p.font_size(size)
    return above + lines * m.line_height(p.font_size(size))


def flow_height(m: Metrics, paras: Sequence[Para], size: float, width: float) -> float:
    """Height of paragraphs stacked in one text frame, without the frame's insets."""
    return sum(para_height(m, p, size, width, first=i == 0) for i, p in enumerate(paras))


def fits(m: Metrics, paras: Sequence[Para], size: float, box: tuple[float, float]) -> bool:
    """Whether the paragraphs fit a text frame of ``box`` = (width, height) points."""
    width, height = box[0] - 2 * INSET_X, box[1] - 2 * INSET_Y
    # Most sizes tried while fitting are too big: stop measuring once clearly past the
    # height, and decide a near tie with flow_height's own sum.
    total = 0.0
    for i, p in enumerate(paras):
        total += para_height(m, p, size, width, first=i == 0)
        if total > height + _TIE:
            return False
    if total < height - _TIE:
        return True
    return flow_height(m, paras, size, width) <= height


def sizes(start: float, floor: float) -> Iterator[float]:
    """Candidate font sizes from ``start`` down to ``floor``, in whole points."""
    size = max(start, floor)
    while size > floor:
        yield size
        size -= 1 if size <= 20 else 2
    yield floor


def step_down(size: float, floor: float) -> float:
    """The next candidate size below ``size`` (see ``sizes``), never below ``floor``."""
    return max(floor, size - (1 if size <= 20 else 2))

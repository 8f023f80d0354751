"""Right-to-left paragraphs of the memo: shaped words, lines laid out right to left, and
``/ActualText`` so that extraction, search and screen readers get the logical order.

reportlab shapes each word with HarfBuzz (joined Arabic forms, glyphs in visual order) but,
without its optional bidi package, lays the words of a line out left to right. Lines are
broken in logical order as usual; when drawn, the words of each line are reversed (runs of
left-to-right words keep their own order). The whole paragraph sits in one marked-content
span whose ``/ActualText`` is its logical text (docs/languages.md).
"""

from __future__ import annotations

import copy
import re
from typing import Any
from unicodedata import bidirectional

from reportlab.pdfgen.textobject import PDFTextObject

from reportgen.render.pdf._fonts import visual, visual_rtl
from reportgen.render.pdf._tags import TaggedParagraph
from reportgen.source.inline import first_strong_rtl


def is_rtl_text(text: str) -> bool:
    """Whether the first strong letter of ``text`` is right-to-left (Unicode bidi rule P2)."""
    return bool(first_strong_rtl(text))


def _word_text(word: Any) -> str:
    return word if isinstance(word, str) else str(getattr(word, "text", ""))


def _visual_words(words: list[Any], rtl: bool = True) -> list[Any]:
    """A line's words in display order.

    Right-to-left base: the words run right to left, a run of left-to-right words keeping
    its own order. Left-to-right base: only each run of right-to-left words is reversed.
    """
    kinds = [first_strong_rtl(_word_text(w)) for w in words]
    if rtl:
        groups: list[tuple[bool, list[Any]]] = []
        for w, k in zip(words, kinds, strict=True):
            ltr = k is False
            if ltr and groups and groups[-1][0]:
                groups[-1][1].append(w)
            else:
                groups.append((ltr, [w]))
        return [w for _, ws in reversed(groups) for w in ws]
    out: list[Any] = []
    i = 0
    while i < len(words):
        if not kinds[i]:
            out.append(words[i])
            i += 1
            continue
        end = i
        for j in range(i, len(words)):
            if kinds[j] is False:
                break
            if kinds[j]:
                end = j
        out += words[i : end + 1][::-1]
        i = end + 1
    return out


def actual_text(text: str) -> str:
    """A PDF text string (UTF-16BE, hex) for ``/ActualText``."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _LineTexts(PDFTextObject):  # type: ignore[misc]  # reportlab is untyped
    """A text object that wraps each line it writes in a span with that line's ActualText.

    A line is everything written up to the ``_textOut`` that moves to the next line (T*).
    """

    def __init__(self, canvas: Any, x: float, y: float, texts: list[str]) -> None:
        super().__init__(canvas, x, y)
        self._texts = texts
        self._open = False

    def _textOut(self, text: str, TStar: int = 0) -> None:
        if self._texts and not self._open:
            self._code.append(f"/Span <</ActualText {actual_text(self._texts.pop(0))}>> BDC")
            self._open = True
        super()._textOut(text, TStar)
        if TStar and self._open:
            self._code.append("EMC")
            self._open = False


def _visual_frags(frags: list[Any], rtl: bool) -> list[Any]:
    """A line of styled fragments right to left: split into words, then as ``_visual_words``."""
    words = []
    for f in frags:
        if not hasattr(f, "text") or hasattr(f, "cbDefn"):
            words.append(f)
            continue
        for token in re.split(r"(\s+)", f.text):
            if token:
                piece = copy.copy(f)
                piece.text = token
                words.append(piece)
    return _visual_words(words, rtl)


class BidiParagraph(TaggedParagraph):
    """A paragraph with right-to-left text, its logical text kept as ``/ActualText``.

    Right to left as a whole (``base_rtl``, the default) or left to right with right-to-left
    runs inside.

    Poppler reads ``/ActualText`` as if drawn left to right and reorders right-to-left runs
    itself, so each line's text is given in display order: extraction then returns the
    logical text (docs/languages.md).
    """

    _line_texts: list[str] | None = None
    base_rtl = True

    def beginText(self, x: float, y: float) -> Any:
        if self._line_texts is None:
            return super().beginText(x, y)
        return _LineTexts(self.canv, x, y, self._line_texts)

    def drawPara(self, debug: int = 0) -> None:
        bl = self.blPara
        original = bl.lines
        if bl.kind == 0:
            logical = [[str(w) for w in ws] for _, ws in original]
            bl.lines = [
                (extra, _visual_words(list(words), self.base_rtl)) for extra, words in original
            ]
        else:
            logical = [[_word_text(w) for w in ln.words] for ln in original]
            for line in original:
                line._logical_words = line.words
                line.words = _visual_frags(list(line.words), self.base_rtl)
        order = visual_rtl if self.base_rtl else visual
        self._line_texts = [
            order(" ".join(" ".join(w.split()) for w in ws if w.strip())) for ws in logical
        ]
        try:
            super().drawPara(debug)
        finally:
            self._line_texts = None
            if bl.kind == 0:
                bl.lines = original
            else:
                for line in original:
                    line.words = line._logical_words


class LtrBidiParagraph(BidiParagraph):
    """A left-to-right paragraph holding right-to-left words (an Arabic name in a list)."""

    base_rtl = False


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left letter."""
    return any(bidirectional(c) in ("R", "AL") for c in text)

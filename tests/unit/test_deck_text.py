"""Deck text layout below the renderer: wrapping, splitting, pagination and truncation.

A monospaced stand-in for the font (every character 0.5 em) makes each expected line
break computable by hand: at 10 pt a character is 5 pt wide and a line 12.5 pt high.
"""

from __future__ import annotations

from reportgen.render.pptx._paginate import SAFE_FILL, paginate, split_para, split_runs, truncate
from reportgen.render.pptx._text import INSET_X, INSET_Y, Metrics, Para, fits, para, wrap
from reportgen.source.inline import Run


class Mono(Metrics):
    """Metrics of a face whose every character is half an em wide."""

    def __init__(self) -> None:  # no font files: the widths are fixed
        self._cache = {}
        self.tokens = {}
        self.wrapped = {}
        self.derived = {}

    def em(self, text: str, *, bold: bool = False, italic: bool = False) -> float:
        return 0.5 * len(text)


M = Mono()


def _lines(p: Para, width: float, size: float = 10) -> list[str]:
    return [p.text[a:b] for a, b in wrap(M, p, size, width)]


def _box(width: float, lines: float, size: float = 10) -> tuple[float, float]:
    """A text frame ``width`` points wide with room for ``lines`` lines at ``size``."""
    return width + 2 * INSET_X, lines * M.line_height(size) + 2 * INSET_Y


def _page(width: float, lines: float, size: float = 10) -> tuple[float, float]:
    """A slide body that paginate fills with exactly ``lines`` lines (it keeps SAFE_FILL)."""
    return _box(width, lines / SAFE_FILL, size)


# --- wrapping ----------------------------------------------------------------------------------


def test_words_wrap_at_the_last_space_that_fits() -> None:
    # 40 pt holds 8 characters at 10 pt; a line keeps its trailing space.
    assert _lines(para("aaa bbb ccc dd"), 40) == ["aaa bbb ", "ccc dd"]


def test_a_word_wider_than_the_line_breaks_between_characters() -> None:
    assert _lines(para("abcdefghijkl xy"), 40) == ["abcdefgh", "ijkl xy"]


def test_newlines_end_lines() -> None:
    assert _lines(para("ab\ncd\n\nef"), 100) == ["ab", "cd", "", "ef"]


def test_scale_and_list_indent_narrow_the_line() -> None:
    assert _lines(para("aaa bbb ccc", scale=2.0), 80) == ["aaa bbb ", "ccc"]  # 10 pt chars
    # A bullet hangs 1.3 em (13 pt at 10 pt): 40 pt leaves room for 5 characters.
    assert _lines(para("aaa bbb ccc", bullet="bullet"), 40) == ["aaa ", "bbb ", "ccc"]


def test_fits_counts_lines_and_space_above() -> None:
    two = [para("aaaa"), para("bbbb", space=0.0)]
    assert fits(M, two, 10, _box(40, 2))
    assert not fits(M, two, 10, _box(40, 1.9))
    assert not fits(M, [para("aaaa"), para("bbbb", space=1.0)], 10, _box(40, 2))


# --- splitting ---------------------------------------------------------------------------------


def test_split_runs_keeps_each_runs_style() -> None:
    runs = (Run("ab"), Run("cd", bold=True), Run("ef"))
    assert split_runs(runs, 3) == (
        (Run("ab"), Run("c", bold=True)),
        (Run("d", bold=True), Run("ef")),
    )
    assert split_runs(runs, 2) == ((Run("ab"),), (Run("cd", bold=True), Run("ef")))


def test_split_para_cuts_at_a_line_and_loses_nothing() -> None:
    p = para(" ".join(["word"] * 12), space=0.5)  # two words a 50 pt line: 6 lines
    assert len(wrap(M, p, 10, 50)) == 6
    parts = split_para(M, p, 10, 50, room=3 * M.line_height(10), first=True)
    assert parts is not None
    head, tail = parts
    assert len(wrap(M, head, 10, 50)) == 3
    assert (head.text + " " + tail.text).split() == p.text.split()
    assert tail.space == 0.0


def test_short_paragraphs_and_stubs_are_not_split() -> None:
    three_lines = para("aaaaaaa bbbbbbb ccccccc")
    assert split_para(M, three_lines, 10, 40, room=2 * 12.5, first=True) is None
    long = para(" ".join(["word"] * 12))
    assert split_para(M, long, 10, 50, room=1 * 12.5, first=True) is None  # a one-line stub


# --- pagination --------------------------------------------------------------------------------


def test_paginate_fills_pages_in_order() -> None:
    paras = [para(f"p{i}", space=0.0) for i in range(5)]
    pages = paginate(M, paras, 10, _page(40, 2), _page(40, 2)[1])
    assert [[p.text for p in page] for page in pages] == [["p0", "p1"], ["p2", "p3"], ["p4"]]


def test_a_heading_moves_with_what_it_introduces_and_is_repeated() -> None:
    heading = para("Head", keep_with_next=True, space=0.0)
    items = [para(f"item {i}", space=0.0) for i in range(3)]
    paras = [para("intro", space=0.0), para("more", space=0.0), heading, *items]

    def continued(h: Para) -> Para:
        return para(h.text + " (cont.)", space=0.0)

    pages = paginate(M, paras, 10, _page(60, 3), _page(60, 3)[1], continued=continued)
    texts = [[p.text for p in page] for page in pages]
    assert texts == [["intro", "more"], ["Head", "item 0", "item 1"], ["Head (cont.)", "item 2"]]


# --- truncation --------------------------------------------------------------------------------


def test_truncate_keeps_what_fits_and_ends_with_an_ellipsis() -> None:
    p = para(" ".join(["word"] * 12))
    cut = truncate(M, p, 10, _box(40, 2))
    assert cut.text.endswith("…")
    assert fits(M, [cut], 10, _box(40, 2))
    assert p.text.startswith(cut.text[:-1].rstrip())
    # No more is cut than needed: at 45 pt (9 characters a line) the ellipsis does not fit
    # after the fourth word, so the cut moves back one character at a time.
    assert truncate(M, p, 10, _box(45, 2)).text == "word word word wor…"


def test_truncate_leaves_fitting_text_alone_and_adds_the_suffix() -> None:
    assert truncate(M, para("short"), 10, _box(60, 1)).text == "short"
    assert truncate(M, para("Title"), 10, _box(80, 1), " (2 of 3)").text == "Title (2 of 3)"
    cut = truncate(M, para("a long title here"), 10, _box(60, 1), " (2 of 3)")
    assert cut.text.endswith("… (2 of 3)")
    assert fits(M, [cut], 10, _box(60, 1))

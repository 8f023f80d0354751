"""Deck text split across slides: paragraphs cut at a line, pagination, truncation."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reportgen.render.pptx._text import (
    INSET_X,
    INSET_Y,
    Metrics,
    Para,
    fits,
    flow_height,
    para_height,
    rstrip_runs,
    wrap,
)
from reportgen.source.inline import Run

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def split_runs(runs: Sequence[Run], at: int) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """Runs before and after character offset ``at``."""
    head: list[Run] = []
    tail: list[Run] = []
    pos = 0
    for r in runs:
        end = pos + len(r.text)
        if end <= at:
            head.append(r)
        elif pos >= at:
            tail.append(r)
        else:
            head.append(replace(r, text=r.text[: at - pos]))
            tail.append(replace(r, text=r.text[at - pos :]))
        pos = end
    return tuple(head), tuple(tail)


def split_para(
    m: Metrics, p: Para, size: float, width: float, room: float, *, first: bool
) -> tuple[Para, Para] | None:
    """Split ``p`` so its head fits ``room`` points: (head, tail) or None if under 2 lines fit."""
    lines = wrap(m, p, size, width)
    lh = m.line_height(p.font_size(size))
    above = 0.0 if first else p.space * p.font_size(size)
    n = int((room - above) // lh)
    # Short paragraphs (a source, a list item) move whole rather than leave a stub behind.
    if n < 2 or n >= len(lines) or len(lines) < 4:
        return None
    head_runs, tail_runs = split_runs(p.runs, lines[n][0])
    head = replace(p, runs=rstrip_runs(head_runs), keep_with_next=False)
    tail = replace(p, runs=rstrip_runs(tail_runs), bullet="hang" if p.bullet != "none" else "none")
    return head, replace(tail, space=0.0)


# A continuation page with fewer items than this, or filled less than this share of its
# height, is rebalanced with the page before it (docs/layout.md).
MIN_ITEMS = 3
MIN_FILL = 1 / 3
# Continued text fills a box to this share only: PowerPoint's renderers round line heights
# and kern a little differently, and a box filled to the last point overflows in some.
SAFE_FILL = 0.97


def paginate(
    m: Metrics,
    paras: Sequence[Para],
    size: float,
    box: tuple[float, float],
    first_room: float,
    *,
    continued: Callable[[Para], Para] | None = None,
) -> list[list[Para]]:
    """Distribute paragraphs over pages of ``box``; the first page has ``first_room`` points.

    Paragraphs split between lines when they do not fit; a paragraph marked keep_with_next
    (a heading) moves to the next page with the paragraph it introduces. With ``continued``,
    a page that opens in the middle of a heading's items starts with ``continued(heading)``.
    The first page may be empty when nothing fits ``first_room``.

    A last page that would be thin (``thin``) is avoided by filling every page less: the
    pages are laid out again in the least height that still gives as many pages.
    """
    pages = _greedy(m, paras, size, box, first_room, continued)
    if len(pages) < 2 or not thin(m, pages[-1], size, box):
        return pages
    lo, hi = box[1] * MIN_FILL, box[1]
    best = pages
    for _ in range(8):  # about 0.3% of the height: far finer than a line
        mid = (lo + hi) / 2
        trial = _greedy(m, paras, size, (box[0], mid), min(first_room, mid), continued)
        if len(trial) == len(pages):
            best, hi = trial, mid
        else:
            lo = mid
    return best


def thin(m: Metrics, page: Sequence[Para], size: float, box: tuple[float, float]) -> bool:
    """Whether a continuation page holds too little: under three items or a third of its height."""
    if len(page) < MIN_ITEMS:
        return True
    return flow_height(m, page, size, box[0] - 2 * INSET_X) < (box[1] - 2 * INSET_Y) * MIN_FILL


def _greedy(
    m: Metrics,
    paras: Sequence[Para],
    size: float,
    box: tuple[float, float],
    first_room: float,
    continued: Callable[[Para], Para] | None,
) -> list[list[Para]]:
    """Fill each page as far as it goes (see ``paginate``), to ``SAFE_FILL`` of its height."""
    width, full = box[0] - 2 * INSET_X, (box[1] - 2 * INSET_Y) * SAFE_FILL
    pages: list[list[Para]] = [[]]
    room = (first_room - 2 * INSET_Y) * SAFE_FILL
    queue = list(paras)
    heading: Para | None = None
    repeats: list[Para] = []
    while queue:
        p = queue.pop(0)
        page = pages[-1]
        h = para_height(m, p, size, width, first=not page)
        nxt = (
            para_height(m, queue[0], size, width, first=False) if p.keep_with_next and queue else 0
        )
        if h + min(nxt, 2 * m.line_height(size)) <= room:
            page.append(p)
            room -= h
            if p.keep_with_next and not any(p is r for r in repeats):
                heading = p
            continue
        parts: tuple[Para | None, Para | None]
        if not page and room >= full:  # taller than a whole page even alone: cut it
            parts = split_para(m, p, size, width, room, first=True) or (p, None)
        elif p.keep_with_next:
            parts = (None, p)
        else:
            parts = split_para(m, p, size, width, room, first=not page) or (None, p)
        if parts[0] is not None:
            page.append(parts[0])
        if parts[1] is not None:
            queue.insert(0, parts[1])
        pages.append([])
        room = full
        if continued is not None and heading is not None and queue and not queue[0].keep_with_next:
            repeats.append(continued(heading))
            queue.insert(0, repeats[-1])
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    return pages


def truncate(m: Metrics, p: Para, size: float, box: tuple[float, float], suffix: str = "") -> Para:
    """The paragraph cut with an ellipsis so that it, plus ``suffix``, fits ``box``."""
    full = replace(p, runs=(*p.runs, Run(suffix)) if suffix else p.runs)
    if fits(m, [full], size, box):
        return full
    width, height = box[0] - 2 * INSET_X, box[1] - 2 * INSET_Y
    keep = max(1, int(height // m.line_height(p.font_size(size))))
    lines = wrap(m, p, size, width)
    cut = lines[min(keep, len(lines)) - 1][1]

    def candidate(at: int) -> Para:
        head, _ = split_runs(p.runs, at)
        return replace(p, runs=(*rstrip_runs(head), Run("…" + suffix)))

    # Binary search on the cut: O(log n) fittings, not one per dropped character.
    good, bad = 0, cut + 1
    while bad - good > 1:
        mid = (good + bad) // 2
        if fits(m, [candidate(mid)], size, box):
            good = mid
        else:
            bad = mid
    return candidate(good) if good > 0 else replace(p, runs=(Run("…" + suffix),))

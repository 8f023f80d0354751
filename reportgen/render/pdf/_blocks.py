"""Building blocks of the memo's story: layout context, headings with bookmarks, blocks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from reportgen.render.pdf._tables import FlowTable, data_table, table_style
from reportgen.render.pdf._tags import as_group, as_list
from reportgen.render.pdf._text import colour, markup, para, raw_para

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from reportlab.lib.styles import ParagraphStyle

    from reportgen.render.pdf._text import Styles
    from reportgen.source.inline import Text
    from reportgen.source.model import Block, Section

OUTLINE_TITLE_MAX = 200  # characters; a bookmark is a pointer, not the whole heading


@dataclass(slots=True)
class Layout:
    """What every part of the story needs: styles, frame size and outline keys."""

    styles: Styles
    width: float
    height: float
    _keys: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def key(self) -> str:
        """A fresh, deterministic bookmark key."""
        return f"h{next(self._keys)}"


class Bookmark(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A zero-size anchor: an outline entry pointing at the heading that follows it."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key, self.level = key, level
        self.title = title if len(title) <= OUTLINE_TITLE_MAX else title[:OUTLINE_TITLE_MAX] + "…"
        self.keepWithNext = 1  # never left behind at a page bottom without its heading

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def heading(text: Text | str, style: ParagraphStyle, level: int, lay: Layout) -> list[Flowable]:
    """A heading with its outline entry (``level`` 0 is top level, tagged H1)."""
    plain = getattr(text, "plain", str(text))
    return [Bookmark(lay.key(), plain, level), para(text, style, lay.styles, role=f"H{level + 1}")]


def section_flowables(section: Section, lay: Layout) -> list[Flowable]:
    """A narrative section: its heading and every block in order."""
    story = heading(section.heading, lay.styles.h1, 0, lay)
    for block in section.blocks:
        story += _block(block, lay)
    return story


def _block(block: Block, lay: Layout) -> list[Flowable]:
    s = lay.styles
    if block.paragraph is not None:
        return [para(block.paragraph, s.body, s)]
    if block.numbered is not None:
        return bullet_list(block.numbered, s, numbered=True)
    if block.bullets is not None:
        return bullet_list(block.bullets, s, numbered=False)
    if block.quote is not None:
        return [_quote(block.quote.text, block.quote.attribution, lay)]
    assert block.table is not None
    table = block.table
    n = len(table.columns)
    rows = [[markup(c, s.theme.colours.accent) for c in row] for row in table.rows]
    head = [c.plain for c in table.columns]
    return [data_table(head, rows, [lay.width / n] * n, s)]


def bullet_list(items: Sequence[Text | str], s: Styles, *, numbered: bool) -> list[Flowable]:
    """One paragraph per item, bulleted or numbered; each splits across pages on its own."""
    out: list[Flowable] = []
    for i, item in enumerate(items, start=1):
        # bulletText is not markup: only numbers and "•" go there, never user text.
        style, bullet = (s.numbered, f"{i}.") if numbered else (s.bullet, "•")
        out.append(para(item, style, s, bulletText=bullet))
    if out:
        out[-1].spaceAfter = s.body.spaceAfter
    as_list(out)
    return out


def _quote(text: Text, attribution: Text | None, lay: Layout) -> FlowTable:
    s = lay.styles
    cell: list[Flowable] = [para(text, s.quote, s)]
    if attribution:
        cell.append(raw_para(f"— {markup(attribution, s.theme.colours.accent)}", s.attribution))
    box = FlowTable([[cell]], colWidths=[lay.width - s.size * 1.5], hAlign="RIGHT")
    box.setStyle(
        table_style(
            s,
            [
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour(s.theme.colours.accent)),
                ("LEFTPADDING", (0, 0), (-1, -1), s.size * 1.0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.3),
            ],
        )
    )
    box.spaceBefore, box.spaceAfter = s.size * 0.2, s.size * 0.9
    as_group(box, [cell], "BlockQuote")
    return box

"""The memo as a Word document, in the PDF's order and words (render/pdf/_story.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reportgen.changes import change_lines, headline
from reportgen.render.docx._assessment import scenarios, threats
from reportgen.render.docx._document import (
    add_furniture,
    marking_of,
    open_base,
    save,
    set_page,
    set_properties,
    styles_by_role,
)
from reportgen.render.docx._ooxml import border_paragraph, shade_paragraph
from reportgen.render.docx._tables import data_table, text_cell
from reportgen.render.docx._writer import Writer
from reportgen.source.inline import Run as InlineRun

if TYPE_CHECKING:
    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Block, Briefing, Section, Source
    from reportgen.theming.theme import Template


def render_word_memo(
    briefing: Briefing,
    template: Template,
    charts: Charts,
    info: DocumentInfo,
    changes: Changes | None,
) -> bytes:
    """The memo as DOCX bytes: same content and order as the PDF, styled by theme or reference."""
    document = open_base(template)
    styles = styles_by_role(document, template)
    theme = template.theme
    set_page(document, theme)
    add_furniture(document, briefing, theme, styles["body"])
    set_properties(document, briefing, info, marking_of(briefing, theme))
    w = Writer(document, template, styles)
    _header(w, briefing)
    w.heading(theme.labels.summary, 1)
    _summary(w, briefing)
    if changes is not None:
        _what_changed(w, changes)
    _takeaways(w, briefing)
    threats(w, briefing, charts)
    for section in briefing.sections:
        _section(w, section)
    scenarios(w, briefing, charts)
    w.heading(theme.labels.conclusion, 1)
    w.paragraph(briefing.conclusion)
    if briefing.sources:
        _sources(w, briefing.sources)
    return save(document, info)


def _header(w: Writer, briefing: Briefing) -> None:
    """The memo label, title, subtitle and the To/From/Cc/Date/Subject block."""
    labels, c = w.theme.labels, w.theme.colours
    label = w.paragraph()
    w.runs(label, labels.memo.upper(), bold=True, colour=c.muted, size=w.theme.fonts.size * 0.85)
    w.paragraph(briefing.title, "title")
    if briefing.subtitle:
        w.paragraph(briefing.subtitle, "subtitle")
    memo = briefing.memo
    rows: list[tuple[str, list[object]]] = []
    if memo and memo.to:
        rows.append((labels.to, list(memo.to)))
    if memo and memo.from_:
        rows.append((labels.from_, [memo.from_]))
    if memo and memo.cc:
        rows.append((labels.cc, list(memo.cc)))
    rows.append((labels.date, [w.theme.words.date(briefing.date)]))
    rows.append((labels.subject, [briefing.subject]))
    for i, (key, values) in enumerate(rows):
        paragraph = w.paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.left_indent, fmt.first_line_indent = Pt(1), Pt(60), Pt(-60)
        fmt.tab_stops.add_tab_stop(Pt(60))
        if i == 0:
            border_paragraph(paragraph, "top", c.rule, 4, space=4)
        if i == len(rows) - 1:
            border_paragraph(paragraph, "bottom", c.primary, 10, space=4)
            fmt.space_after = Pt(w.theme.fonts.size)
        w.runs(paragraph, f"{key}:\t", bold=True, colour=c.muted)
        for j, value in enumerate(values):
            if j:
                w.line_break(paragraph)
            w.runs(paragraph, value, bold=key == labels.subject)  # type: ignore[arg-type]


def _summary(w: Writer, briefing: Briefing) -> None:
    """The bottom line in a shaded box with a bar at the left, as in the PDF."""
    c = w.theme.colours
    paragraph = w.paragraph(briefing.summary)
    shade_paragraph(paragraph, c.shade)
    border_paragraph(paragraph, "left", c.primary, 24, space=8)
    paragraph.paragraph_format.left_indent = Pt(8)
    for run in paragraph.runs:
        run.font.size = Pt(w.theme.fonts.size * 1.05)


def _what_changed(w: Writer, changes: Changes) -> None:
    """The differences from the previous edition, right after the bottom line."""
    w.heading(w.theme.labels.what_changed, 1)
    note = w.paragraph()
    w.runs(note, headline(changes, w.theme.words), colour=w.theme.colours.muted)
    for group, lines in change_lines(changes, w.theme.words):
        w.heading(group, 3)
        w.bullets(lines)  # plain strings: printed literally


def _takeaways(w: Writer, briefing: Briefing) -> None:
    w.heading(w.theme.labels.takeaways, 1)
    items = w.bullets([t.headline for t in briefing.takeaways], numbered=True)
    for paragraph, takeaway in zip(items, briefing.takeaways, strict=True):
        for run in paragraph.runs:
            run.bold = True
        if takeaway.detail:
            w.line_break(paragraph)
            w.runs(paragraph, takeaway.detail)


def _section(w: Writer, section: Section) -> None:
    w.heading(section.heading, 1)
    for block in section.blocks:
        _block(w, block)


def _block(w: Writer, block: Block) -> None:
    if block.paragraph is not None:
        w.paragraph(block.paragraph)
    elif block.numbered is not None:
        w.bullets(block.numbered, numbered=True)
    elif block.bullets is not None:
        w.bullets(block.bullets)
    elif block.quote is not None:
        w.paragraph(block.quote.text, "quote")
        if block.quote.attribution:
            by = w.paragraph()
            by.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            w.runs(by, "— ", colour=w.theme.colours.muted)
            w.runs(by, block.quote.attribution, colour=w.theme.colours.muted)
    else:
        assert block.table is not None
        rows = [[text_cell(w, cell) for cell in row] for row in block.table.rows]
        data_table(w, block.table.columns, rows)


def _sources(w: Writer, sources: list[Source]) -> None:
    w.heading(w.theme.labels.sources, 1)
    items = w.bullets([s.title for s in sources], numbered=True)
    for paragraph, src in zip(items, sources, strict=True):
        for run in paragraph.runs:
            run.bold = True
        details: list[object] = [x for x in (src.publisher,) if x]
        if src.date:
            details.append(w.theme.words.date(src.date))
        for i, detail in enumerate(details):
            w.runs(paragraph, ". " if i == 0 else ", ")
            w.runs(paragraph, detail)  # type: ignore[arg-type]
        if src.url:
            w.line_break(paragraph)
            w.runs(paragraph, InlineRun(src.url, href=src.url))

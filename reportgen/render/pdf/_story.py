"""The memo's content as reportlab flowables, in reading order (README.md, "What you get")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer

from reportgen.changes import change_lines, headline
from reportgen.render.pdf._assessment import scenario_flowables, threat_flowables
from reportgen.render.pdf._blocks import Layout, bullet_list, heading, section_flowables
from reportgen.render.pdf._tables import FlowTable, label_width, no_padding, table_style
from reportgen.render.pdf._tags import FigureImage, as_group, as_list, as_table
from reportgen.render.pdf._text import colour, join_markup, link, markup, para, raw_para

if TYPE_CHECKING:
    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.pdf._text import Styles
    from reportgen.source.model import Briefing, Source
    from reportgen.theming.theme import Template

__all__ = ["Layout", "build_story"]


def build_story(
    briefing: Briefing,
    template: Template,
    charts: Charts,
    lay: Layout,
    changes: Changes | None = None,
) -> list[Flowable]:
    """Every flowable of the memo: header, BLUF, what changed, takeaways, threats, sections, …"""
    story = [*_header(briefing, template, lay), *_summary(briefing, lay)]
    if changes is not None:
        story += _what_changed(changes, lay)
    story += _takeaways(briefing, lay)
    story += threat_flowables(briefing, charts, lay)
    for section in briefing.sections:
        story += section_flowables(section, lay)
    story += scenario_flowables(briefing, charts, lay)
    story += heading(lay.styles.theme.labels.conclusion, lay.styles.h1, 0, lay)
    story.append(para(briefing.conclusion, lay.styles.body, lay.styles))
    if briefing.sources:
        story += _sources(briefing.sources, lay)
    return story


def _header(briefing: Briefing, template: Template, lay: Layout) -> list[Flowable]:
    s = lay.styles
    label = raw_para(markup(s.theme.labels.memo.upper(), ""), s.memo_label)
    top: Flowable = label
    if template.logo is not None:
        top = _with_logo(label, template, lay)
    story: list[Flowable] = [top, para(briefing.title, s.title, s)]
    if briefing.subtitle:
        story.append(para(briefing.subtitle, s.subtitle, s))
    story += [Spacer(1, s.size * 0.4), _memo_fields(briefing, lay)]
    return story


def _with_logo(label: Flowable, template: Template, lay: Layout) -> FlowTable:
    assert template.logo is not None
    w, h = ImageReader(str(template.logo)).getSize()
    height = lay.styles.size * 4
    width = min(height * w / h, lay.width * 0.4)
    logo = FigureImage(
        str(template.logo), width=width, height=width * h / w, hAlign="RIGHT", alt=template.logo_alt
    )
    table = FlowTable([[label, logo]], colWidths=[lay.width - width, width])
    table.setStyle(table_style(lay.styles, [*no_padding(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    as_group(table, [label, logo])
    return table


def _memo_fields(briefing: Briefing, lay: Layout) -> FlowTable:
    s, labels, memo = lay.styles, lay.styles.theme.labels, briefing.memo
    rows: list[tuple[str, str]] = []
    if memo and memo.to:
        rows.append((labels.to, join_markup(memo.to, "<br/>", s)))
    if memo and memo.from_:
        rows.append((labels.from_, markup(memo.from_, s.theme.colours.accent)))
    if memo and memo.cc:
        rows.append((labels.cc, join_markup(memo.cc, "<br/>", s)))
    rows.append((labels.date, markup(s.theme.words.date(briefing.date), "")))
    rows.append((labels.subject, f"<b>{markup(briefing.subject, s.theme.colours.accent)}</b>"))
    rows = [(s.theme.words("memo_field", label=k), v) for k, v in rows]
    label_w = max(label_width(k, s) for k, _ in rows) + s.size * 1.5
    data = [[raw_para(markup(k, ""), s.label), raw_para(v, s.body)] for k, v in rows]
    table = FlowTable(data, colWidths=[label_w, lay.width - label_w], hAlign="LEFT")
    drop = s.body.fontSize - s.label.fontSize
    table.setStyle(
        table_style(
            s,
            [
                *no_padding(),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.15),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.15),
                ("TOPPADDING", (0, 0), (-1, 0), s.size * 0.6),
                # The smaller labels sit lower so their baselines meet the values'.
                ("TOPPADDING", (0, 1), (0, -1), s.size * 0.15 + drop),
                ("TOPPADDING", (0, 0), (0, 0), s.size * 0.6 + drop),
                ("BOTTOMPADDING", (0, -1), (-1, -1), s.size * 0.8),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, colour(s.theme.colours.rule)),
                ("LINEBELOW", (0, -1), (-1, -1), 1.2, colour(s.theme.colours.primary)),
            ],
        )
    )
    table.spaceAfter = s.size * 0.4
    as_table(table, data, row_header=lambda column: column == 0)
    return table


def _summary(briefing: Briefing, lay: Layout) -> list[Flowable]:
    s = lay.styles
    lead = para(briefing.summary, s.lead, s)
    box = FlowTable([[lead]], colWidths=[lay.width])
    box.setStyle(
        table_style(
            s,
            [
                ("BACKGROUND", (0, 0), (-1, -1), colour(s.theme.colours.shade)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour(s.theme.colours.primary)),
                ("LEFTPADDING", (0, 0), (-1, -1), s.size * 1.1),
                ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 1.1),
                ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.4),
            ],
        )
    )
    box.tag = lead.tag
    return [*heading(s.theme.labels.summary, s.h1, 0, lay), box]


def _what_changed(changes: Changes, lay: Layout) -> list[Flowable]:
    """The differences from the previous edition, right after the bottom line."""
    s = lay.styles
    story = heading(s.theme.labels.what_changed, s.h1, 0, lay)
    story.append(para(headline(changes, s.theme.words), s.muted, s))
    for group, lines in change_lines(changes, s.theme.words):
        story.append(para(group, s.h3, s, role="H2"))
        story += bullet_list(list(lines), s, numbered=False)  # plain strings: printed literally
    return story


def _takeaways(briefing: Briefing, lay: Layout) -> list[Flowable]:
    s = lay.styles
    items: list[Flowable] = []
    for i, t in enumerate(briefing.takeaways, start=1):
        text = f"<b>{markup(t.headline, s.theme.colours.accent)}</b>"
        if t.detail:
            text += f"<br/>{markup(t.detail, s.theme.colours.accent)}"
        items.append(raw_para(text, s.numbered, bulletText=f"{i}."))
    as_list(items)
    return [*heading(s.theme.labels.takeaways, s.h1, 0, lay), *items]


def _sources(sources: list[Source], lay: Layout) -> list[Flowable]:
    s = lay.styles
    items: list[Flowable] = [
        raw_para(_source_markup(src, s), s.source, bulletText=f"{i}.")
        for i, src in enumerate(sources, start=1)
    ]
    as_list(items)
    return [*heading(s.theme.labels.sources, s.h1, 0, lay), *items]


def _source_markup(src: Source, s: Styles) -> str:
    accent = s.theme.colours.accent
    parts = [f"<b>{markup(src.title, accent)}</b>"]
    details = [markup(x, accent) for x in (src.publisher,) if x]
    if src.date:
        details.append(markup(s.theme.words.date(src.date), ""))
    if details:
        parts.append(", ".join(details))
    text = ". ".join(parts)
    if src.url:
        text += f"<br/>{link(src.url, src.url, accent)}"
    return text

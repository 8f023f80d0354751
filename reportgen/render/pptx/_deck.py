"""The PowerPoint deck: native charts, editable risk matrix, notes and classification."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.util import Emu

from reportgen.errors import TemplateError
from reportgen.render.pptx._charts import ChartStyle
from reportgen.render.pptx._frame import Deck, band_height, content_rect, layout_for
from reportgen.render.pptx._ooxml.a11y import finish_deck
from reportgen.render.pptx._ooxml.access import element, slide_id_list
from reportgen.render.pptx._ooxml.language import declare_language
from reportgen.render.pptx._ooxml.names import A_EXT, A_OFF, R_ID
from reportgen.render.pptx._ooxml.runs import Style
from reportgen.render.pptx._sections import section_size, section_slides
from reportgen.render.pptx._shapes import slide_size
from reportgen.render.pptx._slides import (
    conclusion_slides,
    scenario_size,
    scenario_slides,
    source_slides,
    summary_slides,
    takeaway_slides,
    title_slide,
    what_changed_slides,
)
from reportgen.render.pptx._table import TableStyle
from reportgen.render.pptx._text import Metrics
from reportgen.render.pptx._threats import (
    factor_table_slides,
    history_slides,
    matrix_slides,
    scenario_overview_slides,
    threat_overview_slides,
)
from reportgen.render.pptx.master import master_problems, open_master
from reportgen.render.zipfix import normalize_zip

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT

    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template

__all__ = ["layout_for", "master_problems", "render_deck"]

_WIDE = (12192000, 6858000)  # 13.333 × 7.5 in (16:9) for python-pptx's 4:3 built-in template


def render_deck(
    briefing: Briefing,
    template: Template,
    charts: Charts,
    info: DocumentInfo,
    changes: Changes | None = None,
) -> bytes:
    """The deck as PPTX bytes; ``changes`` adds a "What changed" slide after the takeaways."""
    prs = _open(template)
    deck = _deck(prs, briefing, template, info)
    title_slide(deck, briefing)
    summary_slides(deck, briefing)
    takeaway_slides(deck, briefing)
    what_changed_slides(deck, changes)
    threat_overview_slides(deck, briefing, charts)
    matrix_slides(deck, briefing, charts)
    factor_table_slides(deck, briefing)
    history_slides(deck, charts)
    scenario_overview_slides(deck, briefing, charts)
    # Sibling slides share one body size (docs/layout.md).
    size = scenario_size(deck, briefing.scenarios.items)
    for scenario in briefing.scenarios.items:
        scenario_slides(deck, briefing, scenario, size)
    size = section_size(deck, briefing.sections)
    for section in briefing.sections:
        section_slides(deck, section, size)
    conclusion_slides(deck, briefing)
    source_slides(deck, briefing)
    finish_deck(prs)
    _core_properties(prs, briefing, template, info)
    declare_language(prs, briefing.language or template.theme.locale)
    out = BytesIO()
    prs.save(out)
    # python-pptx stamps every zip entry with the wall clock; the deck must not depend on it.
    return normalize_zip(out.getvalue(), info.stamp)


def _open(template: Template) -> PresentationT:
    """The template's master deck without its slides, or python-pptx's default made 16:9."""
    if template.master is None:
        prs = Presentation()
        _widen(prs, *_WIDE)
        return prs
    prs = open_master(template)
    # The same checks as `templates check`: a master that fails it never builds silently.
    problems = master_problems(template, prs)
    if problems:
        raise TemplateError(problems)
    _drop_slides(prs)
    return prs


def _widen(prs: PresentationT, width: int, height: int) -> None:
    """Resize the slides, stretching every master and layout shape to the new width."""
    old_w, old_h = slide_size(prs)
    fx, fy = width / old_w, height / old_h
    parts = list(prs.slide_masters) + [lay for m in prs.slide_masters for lay in m.slide_layouts]
    for part in parts:
        for off in element(part).iter(A_OFF):
            off.set("x", str(round(int(off.get("x")) * fx)))
            off.set("y", str(round(int(off.get("y")) * fy)))
        for ext in element(part).iter(A_EXT):
            if ext.get("cx") is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * fx)))
                ext.set("cy", str(round(int(ext.get("cy")) * fy)))
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)


def _drop_slides(prs: PresentationT) -> None:
    """Remove example slides a master deck may carry; its layouts are what we use."""
    ids = slide_id_list(prs)
    for sld in list(ids):
        prs.part.drop_rel(sld.get(R_ID))
        ids.remove(sld)


def _deck(prs: PresentationT, b: Briefing, template: Template, info: DocumentInfo) -> Deck:
    theme = template.theme
    colours = theme.colours
    style = Style(theme.fonts.deck, colours.text, colours.accent, colours.accent)
    band = band_height(theme.deck.min_font_pt)
    content = content_rect(prs, layout_for(prs, theme, "content", template.master), band)
    chart_size = max(theme.deck.min_font_pt, 14.0)
    return Deck(
        prs=prs,
        template=template,
        m=Metrics(template.deck_face),
        style=style,
        chart=ChartStyle(style, chart_size, colours.rule, colours.text),
        table=TableStyle(style, colours.primary, colours.shade),
        marking=(b.classification.plain if b.classification else theme.classification.default),
        stamp=info.stamp.astimezone(dt.UTC).replace(tzinfo=None),
        band=band,
        content=content,
    )


def _core_properties(
    prs: PresentationT, b: Briefing, template: Template, info: DocumentInfo
) -> None:
    """Document metadata: the briefing's identity, the stamp and provenance (docs/ci.md)."""
    stamp = info.stamp.astimezone(dt.UTC).replace(tzinfo=None)
    provenance = f"{info.generator}; template {template.name}; briefing sha256 {info.source_sha256}"
    props = prs.core_properties
    props.title = b.title.plain[:255]
    props.subject = b.subject.plain[:255]
    sender = b.memo.from_ if b.memo is not None else None
    props.author = sender.plain[:255] if sender is not None else info.generator
    props.created = props.modified = stamp
    props.revision = 1
    props.last_modified_by = info.generator
    props.keywords = provenance
    props.comments = provenance
    props.category = (
        b.classification.plain if b.classification else template.theme.classification.default
    )[:255]

"""The PDF memo: reportlab platypus document, page furniture and metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
)

from reportgen.render.pdf._fonts import map_missing_glyphs, register_fonts, visual
from reportgen.render.pdf._reportlab import (
    frame_at_top,
    kept_together,
    last_annotation,
    split_in,
    splitting_frame,
)
from reportgen.render.pdf._story import Layout, build_story
from reportgen.render.pdf._structure import Metadata, write_structure
from reportgen.render.pdf._tags import Annot, Tagger
from reportgen.render.pdf._text import build_styles, colour, on_colour

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reportlab.platypus import Flowable

    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.render.pdf._text import Styles
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template

PAGE_FORM = "reportgen-page-{}"  # one form XObject per page holds its "Page x of y"


def render_memo(
    briefing: Briefing,
    template: Template,
    charts: Charts,
    info: DocumentInfo,
    changes: Changes | None = None,
) -> bytes:
    """The memo as PDF bytes; ``changes`` adds "What changed" after the bottom line."""
    styles = build_styles(template.theme, register_fonts(template.font))
    _map_missing_glyphs(briefing, template, charts, styles)
    geometry = Geometry.of(styles)
    furniture = Furniture(briefing, styles, geometry)
    lay = Layout(styles, geometry.frame_w, geometry.frame_h)
    story = build_story(briefing, template, charts, lay, changes)
    tagger = Tagger()
    tagger.attach(story)
    meta = Metadata(
        title=briefing.title.plain,
        subject=briefing.subject.plain,
        author=_author(briefing),
        lang=briefing.language or language(template),  # the text's (docs/languages.md)
        producer=info.producer,
        stamp=info.stamp,
    )
    out = io.BytesIO()
    doc = _document(out, briefing, info, styles, geometry, meta.lang)
    maker = partial(MemoCanvas, furniture=furniture, tagger=tagger, meta=meta)
    doc.build(story, canvasmaker=maker)
    return out.getvalue()


def language(template: Template) -> str:
    """The memo's language tag (BCP 47) from the template's locale; en-GB by default."""
    locale = getattr(template.theme, "locale", None) or "en-GB"
    return str(locale).replace("_", "-")


def _author(briefing: Briefing) -> str:
    return briefing.memo.from_.plain if briefing.memo and briefing.memo.from_ else ""


def _map_missing_glyphs(
    briefing: Briefing, template: Template, charts: Charts, styles: Styles
) -> None:
    """Keep characters the font lacks in the text layer (the build's preflight warns of them)."""
    texts = itertools.chain(
        _strings(briefing.model_dump()),
        _strings(template.theme.labels.model_dump()),
        [template.theme.classification.default],
        _strings([dataclasses.asdict(chart) for chart in charts.all()]),
    )
    map_missing_glyphs(styles.fonts, texts)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


# --- geometry and page furniture -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Geometry:
    """Page size, the text frame, and where the banners and running lines sit."""

    page_w: float
    page_h: float
    left: float
    bottom: float
    frame_w: float
    frame_h: float
    edge: float  # from the paper edge to the banner
    band: float  # banner height

    @classmethod
    def of(cls, styles: Styles) -> Geometry:
        """The geometry for the theme; margins are honoured as a minimum."""
        page = styles.theme.page
        w, h = page.points
        top, right, bottom, left = page.margin_points()
        s = styles.size
        edge, band = s * 1.2, s * 1.5
        # Banners, running header and page number need room even with tiny margins.
        top = max(top, edge + band + s * 3.2)
        bottom = max(bottom, edge + band + s * 2.8)
        return cls(w, h, left, bottom, w - left - right, h - top - bottom, edge, band)


@dataclass(frozen=True, slots=True)
class Furniture:
    """What is drawn on every page outside the text frame."""

    briefing: Briefing
    styles: Styles
    geometry: Geometry

    @property
    def marking(self) -> str:
        """The classification printed top and bottom (default: docs/templates.md)."""
        marking = self.briefing.classification
        return marking.plain if marking else self.styles.theme.classification.default

    def draw_page(self, canv: Canvas, page: int) -> None:
        """Banners, running header (after page 1) and this page's number form."""
        canv.saveState()
        g = self.geometry
        self._banner(canv, g.page_h - g.edge - g.band)
        self._banner(canv, g.edge)
        if page > 1:
            self._running_header(canv)
        canv.doForm(PAGE_FORM.format(page))
        canv.restoreState()

    def draw_page_number(self, canv: Canvas, page: int, pages: int) -> None:
        """Draw "Page x of y" above the bottom banner (into the page's form, at the end)."""
        g, s = self.geometry, self.styles
        text = visual(s.theme.words("page", page=page, pages=pages))
        canv.setFont(s.fonts.regular, s.size * 0.8)
        canv.setFillColor(colour(s.theme.colours.muted))
        canv.drawCentredString(g.left + g.frame_w / 2, g.edge + g.band + s.size * 0.9, text)

    def _banner(self, canv: Canvas, y: float) -> None:
        g, s = self.geometry, self.styles
        hex_ = s.theme.classification.colour_of(self.marking)
        canv.setFillColor(colour(hex_))
        canv.rect(g.left, y, g.frame_w, g.band, stroke=0, fill=1)
        canv.setFillColor(on_colour(hex_, s.theme.colours.text))
        size = s.size * 0.85
        canv.setFont(s.fonts.bold, size)
        text = visual(_fit(self.marking, s.fonts.bold, size, g.frame_w - s.size))
        canv.drawCentredString(g.left + g.frame_w / 2, y + (g.band - size * 0.7) / 2, text)

    def _running_header(self, canv: Canvas) -> None:
        g, s = self.geometry, self.styles
        size = s.size * 0.8
        y = g.page_h - g.edge - g.band - s.size * 1.7
        date = visual(s.theme.words.date(self.briefing.date))
        room = g.frame_w - stringWidth(date, s.fonts.regular, size) - s.size * 2
        canv.setFont(s.fonts.regular, size)
        canv.setFillColor(colour(s.theme.colours.muted))
        title = _fit(self.briefing.title.plain, s.fonts.regular, size, room)
        canv.drawString(g.left, y, visual(title))
        canv.drawRightString(g.left + g.frame_w, y, date)
        canv.setStrokeColor(colour(s.theme.colours.rule))
        canv.setLineWidth(0.5)
        canv.line(g.left, y - s.size * 0.5, g.left + g.frame_w, y - s.size * 0.5)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """One line of ``text`` no wider than ``width``, cut with an ellipsis if needed."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with its ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid].rstrip() + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class MemoCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that fixes the metadata date, tags the memo, and defines page-number forms.

    "Page x of y" needs the page count before it is known. Each page draws a form XObject
    that is only defined in ``save()``, when the count is final: one pass, deterministic,
    and bookmarks still point at the right pages (a deferred-showPage canvas breaks them).
    The ``tagger`` marks what each page draws (docs/accessibility.md): the furniture is a
    pagination artifact, the story's flowables mark their own content.
    """

    def __init__(
        self, *args: Any, furniture: Furniture, tagger: Tagger, meta: Metadata, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages = 0
        self.tagger = tagger
        self._meta = meta
        pdf_date = meta.stamp.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
        self.setDateFormatter(lambda *_: pdf_date)

    def decorate(self) -> None:
        """Draw this page's furniture; called from the page template."""
        self._pages = self.getPageNumber()
        self.tagger.begin_page(self)
        with self.tagger.marked(self, "pagination"):
            self._furniture.draw_page(self, self._pages)

    def showPage(self) -> None:
        self.tagger.end_page(self)
        super().showPage()

    def drawText(self, aTextObject: Any) -> None:
        super().drawText(aTextObject)
        self.tagger.text_drawn(self)

    def linkURL(self, url: str, rect: Any, relative: int = 0, *args: Any, **kw: Any) -> None:
        """A link annotation with a description, referenced by a Link structure element."""
        kw["Contents"] = PDFString(url)
        link = self.tagger.link()
        if link is not None:
            kw["StructParent"] = link[0]
        super().linkURL(url, rect, relative, *args, **kw)
        if link is not None:
            link[1].kids.append(Annot(len(self.tagger.pages) - 1, last_annotation(self)))

    def save(self) -> None:
        """Define the page-number forms and the structure tree, then write the document."""
        for page in range(1, self._pages + 1):
            self.beginForm(PAGE_FORM.format(page))
            self._furniture.draw_page_number(self, page, self._pages)
            self.endForm()
        write_structure(self, self.tagger, self._meta)
        super().save()


# --- the document ----------------------------------------------------------------------------


class KeepWithNext(KeepTogether):  # type: ignore[misc]  # reportlab is untyped
    """keepWithNext groups (a heading and what follows): never a heading alone at a page foot.

    reportlab's KeepTogether undercounts the group (it skips the first spaceBefore), so a
    heading could still be left behind; and when the group does not fit it moves it all,
    leaving a gap before a long table or paragraph. Here the heights are summed in full,
    and a long next block starts in place when its first part fits beside the heading.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        canv = self.canv
        content = kept_together(self)
        *head, last = content
        head_h = sum(_outer_height(f, aW, aH, canv) for f in head)
        if head_h + _outer_height(last, aW, aH, canv) - last.getSpaceAfter() <= aH:
            return content
        frame = splitting_frame(self)
        room = aH - head_h - last.getSpaceBefore()
        if room > 0 and frame is not None and _starts_within(last, aW, room, canv, frame):
            return [*head, last]  # the frame splits ``last`` at the height really left
        if frame is not None and not frame_at_top(frame):
            return [FrameBreak(), *content]
        return content  # taller than a page: let each part flow


def _outer_height(f: Flowable, aW: float, aH: float, canv: Canvas) -> float:
    """Height with space before and after; a KeepTogether's is its content's."""
    if isinstance(f, KeepTogether):  # its wrap() reports a huge height to force a split
        return sum(_outer_height(g, aW, aH, canv) for g in kept_together(f))
    _, h = f.wrapOn(canv, aW, aH)
    return float(h + f.getSpaceBefore() + f.getSpaceAfter())


def _starts_within(f: Flowable, aW: float, room: float, canv: Canvas, frame: Frame) -> bool:
    """Whether ``f`` splits so that a real first part fits in ``room`` of ``frame``."""
    if isinstance(f, KeepTogether):
        return False
    with split_in(f, frame):  # as the frame itself would while splitting (FlowTable reads it)
        parts = f.splitOn(canv, aW, room)
    if not parts or isinstance(parts[0], ActionFlowable | KeepTogether):
        return False
    _, h = parts[0].wrapOn(canv, aW, room)
    return bool(h <= room)


def _document(
    out: io.BytesIO,
    briefing: Briefing,
    info: DocumentInfo,
    styles: Styles,
    geometry: Geometry,
    lang: str,
) -> BaseDocTemplate:
    g = geometry
    frame = Frame(
        g.left,
        g.bottom,
        g.frame_w,
        g.frame_h,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return BaseDocTemplate(
        out,
        pagesize=(g.page_w, g.page_h),
        invariant=1,
        title=briefing.title.plain,
        author=_author(briefing),
        subject=briefing.subject.plain,
        creator=info.generator,
        producer=info.producer,
        keywords=[info.generator, f"template {info.template}", f"sha256 {info.source_sha256}"],
        initialFontName=styles.fonts.regular,  # else reportlab sets Helvetica on every page
        displayDocTitle=1,
        lang=lang,
        keepTogetherClass=KeepWithNext,
        # The furniture reaches each page through MemoCanvas.
        pageTemplates=[PageTemplate("memo", [frame], onPage=_decorate)],
    )


def _decorate(canv: Canvas, doc: BaseDocTemplate) -> None:
    canv.showOutline()
    if isinstance(canv, MemoCanvas):
        canv.decorate()

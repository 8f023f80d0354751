"""Each fast path of render/pptx/_ooxml/ writes what python-pptx's public API writes.

The same content is built twice, through the public API and through the fast path, and
the two elements are compared as canonical XML (C14N). Where python-pptx has no public
API for something the fast path sets (paragraph indents, list markers, the shape style a
shadow comes from), the comparison says so and leaves that part out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.render.pptx._ooxml import chart as fast_chart
from reportgen.render.pptx._ooxml.reuse import Reuse, notes_body, set_plain_text
from reportgen.render.pptx._ooxml.runs import Style, link_in_run_colour, write_paras
from reportgen.render.pptx._ooxml.tree import add_sp
from reportgen.render.pptx._text import para
from reportgen.source.inline import Run

if TYPE_CHECKING:
    from lxml.etree import _Element
    from pptx.slide import Slide

STYLE = Style("Calibri", "#1F2328", "#2F6DB5", "#2F6DB5")
RECT = (Emu(914400), Emu(457200), Emu(2743200), Emu(914400))


def c14n(el: _Element) -> bytes:
    """Canonical XML of a copy of ``el`` (namespaces and attribute order normalised)."""
    copy = etree.fromstring(etree.tostring(el))
    return bytes(etree.tostring(copy, method="c14n"))


def _slide() -> Slide:
    prs = Presentation()
    return prs.slides.add_slide(prs.slide_layouts[6])  # blank


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


# --- shapes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [None, MSO_SHAPE.RECTANGLE, MSO_SHAPE.ROUNDED_RECTANGLE, MSO_SHAPE.OVAL]
)
@pytest.mark.parametrize("name", [None, "Classification top"])
def test_shapes(kind: MSO_SHAPE | None, name: str | None) -> None:
    public, fast = _slide(), _slide()
    public.shapes.add_textbox(*RECT)  # a shape before, so ids and default names count on
    fast.shapes.add_textbox(*RECT)
    if kind is None:
        expected = public.shapes.add_textbox(*RECT)
    else:
        expected = public.shapes.add_shape(kind, *RECT)
        # The fast path leaves out the theme style reference (its shadow); no public API does.
        expected._element.remove(expected._element.find(qn("p:style")))
    if name:
        expected.name = name
    got = add_sp(fast.shapes, RECT, kind, name)
    assert c14n(got._element) == c14n(expected._element)


# --- paragraphs and runs -----------------------------------------------------------------------

PARAS = [
    [para("Plain text, one run")],
    [para([Run("mixed "), Run("bold", bold=True), Run(" and "), Run("italic", italic=True)])],
    [para("coloured & <escaped> text", colour="#C62828", bold=True)],
    [para([Run("see "), Run("the source", href="https://example.org/a?b=1&c=2")])],
    [para("first line\nsecond line"), para("tab\there, control \x0b char", space=0.8)],
    [para("centred", align="center", scale=1.5), para("right", align="right")],
]


def _public_paras(slide: Slide, paras: list, size: float) -> _Element:  # type: ignore[type-arg]
    tf = slide.shapes.add_textbox(*RECT).text_frame
    align = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
    for i, p in enumerate(paras):
        out = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        out.alignment = align[p.align]
        out.line_spacing = 1.0
        out.space_before = Pt(0 if i == 0 else round(p.space * p.font_size(size), 1))
        out.space_after = Pt(0)
        for r in p.runs:
            for k, piece in enumerate(r.text.replace("\t", " ").split("\n")):
                if k:
                    out.add_line_break()
                if not piece:
                    continue
                run = out.add_run()
                run.text = piece
                font = run.font
                font.size = Pt(p.font_size(size))
                font.bold = p.bold or r.bold
                font.italic = p.italic or r.italic
                font.color.rgb = _rgb(STYLE.link if r.href else (p.colour or STYLE.text))
                font.name = STYLE.font
                if r.href:
                    run.hyperlink.address = r.href
                    # The one addition without a public API: links in the run's colour.
                    link_in_run_colour(run._r.find(qn("a:rPr")).find(qn("a:hlinkClick")))
    return tf._txBody


def _comparable(body: _Element) -> list[bytes]:
    """Each paragraph's runs and breaks, alignment and spacing; not its indents and marker,
    which python-pptx has no public API for."""
    out = []
    for p in body.iterchildren(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        keep = ("a:lnSpc", "a:spcBef", "a:spcAft")
        out.append(f"algn={ppr.get('algn')}".encode())
        out += [c14n(ppr.find(qn(t))) for t in keep]
        out += [c14n(c) for c in p if c.tag in (qn("a:r"), qn("a:br"))]
    return out


@pytest.mark.parametrize("paras", PARAS, ids=range(len(PARAS)))
def test_runs_and_paragraphs(paras: list) -> None:  # type: ignore[type-arg]
    public, fast = _slide(), _slide()
    expected = _public_paras(public, paras, 18)
    tf = fast.shapes.add_textbox(*RECT).text_frame
    write_paras(tf, paras, 18, STYLE)
    assert _comparable(tf._txBody) == _comparable(expected)
    rels = [(r.reltype, r.target_ref) for r in fast.part.rels.values() if r.is_external]
    assert rels == [(r.reltype, r.target_ref) for r in public.part.rels.values() if r.is_external]


def _rels(part) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted((r.reltype, str(r.target_part.partname)) for r in part.rels.values())


# --- notes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["One line", "Line one\nLine two\vafter a break\n\nx & <y>"])
def test_notes(text: str) -> None:
    public, fast = Presentation(), Presentation()
    reuse = Reuse()
    for n in range(3):  # the first page is python-pptx's own; later ones are copies
        for prs in (public, fast):
            prs.slides.add_slide(prs.slide_layouts[6])
        public.slides[n].notes_slide.notes_text_frame.text = text
        set_plain_text(notes_body(fast.slides[n], reuse), text)
    for a, b in zip(public.slides, fast.slides, strict=True):
        assert c14n(b.notes_slide._element) == c14n(a.notes_slide._element)
        assert str(b.notes_slide.part.partname) == str(a.notes_slide.part.partname)
        rels = sorted(
            (r.reltype, str(r.target_part.partname)) for r in b.notes_slide.part.rels.values()
        )
        assert rels == sorted(
            (r.reltype, str(r.target_part.partname)) for r in a.notes_slide.part.rels.values()
        )


# --- chart series ------------------------------------------------------------------------------


def _chart(slide: Slide, kind: XL_CHART_TYPE, series: int):  # type: ignore[no-untyped-def]
    data = CategoryChartData()
    data.categories = ["A", "B", "C"]
    for k in range(series):
        data.add_series(f"S{k}", (1 + k, 2, 3))
    return slide.shapes.add_chart(kind, *RECT, data).chart


def test_line_series() -> None:
    colours = ["#C62828", "#1565C0"]
    public = _chart(_slide(), XL_CHART_TYPE.LINE_MARKERS, 2)
    for series, colour in zip(public.plots[0].series, colours, strict=True):
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(2.5)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 9
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(colour)
        series.marker.format.line.color.rgb = _rgb(colour)
        series.smooth = False
    fast = _chart(_slide(), XL_CHART_TYPE.LINE_MARKERS, 2)
    for series, colour in zip(fast.plots[0].series, colours, strict=True):
        fast_chart.format_line(series._element, colour, 2.5, 9)
    for a, b in zip(public.plots[0].series, fast.plots[0].series, strict=True):
        assert c14n(b._element) == c14n(a._element)


def test_bar_series() -> None:
    colours, labels = ["#2E7D32", "#F9A825", "#C62828"], ["10%", "55 & up", "<90%>"]
    public = _chart(_slide(), XL_CHART_TYPE.BAR_CLUSTERED, 1)
    series = public.plots[0].series[0]
    for i, (colour, label) in enumerate(zip(colours, labels, strict=True)):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(colour)
        point.format.line.fill.background()
        dl = point.data_label
        tf = dl.text_frame
        tf.word_wrap = False
        run = tf.paragraphs[0].add_run()
        run.text = label
        run.font.size = Pt(12)
        run.font.color.rgb = _rgb("#1F2328")
        run.font.name = "Calibri"
        dl.position = XL_LABEL_POSITION.OUTSIDE_END
        dl.show_value = True
    fast = _chart(_slide(), XL_CHART_TYPE.BAR_CLUSTERED, 1)
    fast_chart.format_bars(
        fast.plots[0].series[0]._element, colours, labels, 12, "Calibri", "#1F2328"
    )
    assert c14n(fast.plots[0].series[0]._element) == c14n(series._element)


def test_series_child_order_is_python_pptx_own() -> None:
    # The fast path keeps a copy of the schema order python-pptx declares (and then deletes)
    # in CT_SeriesComposite's class body; read it from python-pptx's source.
    import ast
    import inspect

    from pptx.oxml.chart import series

    tree = ast.parse(inspect.getsource(series))
    cls = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "CT_SeriesComposite"
    )
    seq = next(
        ast.literal_eval(n.value)
        for n in cls.body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "_tag_seq"
    )
    assert tuple(qn(t) for t in seq[seq.index("c:dLbls") + 1 :]) == fast_chart._AFTER_LABELS


# --- tables ------------------------------------------------------------------------------------


def test_table_skeleton() -> None:
    """Grid, row heights, table flags, cell margins, anchor and fill as the public API sets them;
    the cells' text is write_body, compared with the public API above."""
    from pptx.enum.text import MSO_ANCHOR

    from reportgen.render.pptx._shapes import Rect
    from reportgen.render.pptx._table import TableData, TableStyle, add_table, cell
    from reportgen.render.pptx._text import Metrics
    from reportgen.theming.deckfaces import DeckFace, find_metric_files

    found = find_metric_files("Calibri")
    assert found is not None
    metrics = Metrics(DeckFace("Calibri", found[0], found[1], exact=True))
    data = TableData(
        header=(cell("Factor"), cell("Score")),
        rows=((cell("Ethnic tensions"), cell("20", fill="#C62828")), (cell("Unrest"), cell("9"))),
    )
    style = TableStyle(STYLE, "#1F3A5F", "#EEF2F6")
    rect = Rect(Emu(457200), Emu(914400), Emu(6096000), Emu(2743200))
    fast = add_table(_slide().shapes, rect, data, [0, 1], 14, metrics, style)
    tbl = fast._element.find(f"{qn('a:graphic')}/{qn('a:graphicData')}/{qn('a:tbl')}")
    widths = [int(c.get("w")) for c in tbl.find(qn("a:tblGrid"))]
    heights = [int(tr.get("h")) for tr in tbl.iterchildren(qn("a:tr"))]
    fills = [["#1F3A5F"] * 2, ["#FFFFFF", "#C62828"], ["#EEF2F6"] * 2]  # header, banded

    public = _slide().shapes.add_table(
        3, 2, Emu(rect.x), Emu(rect.y), Emu(rect.w), Emu(sum(heights))
    )
    table = public.table
    table.first_row, table.horz_banding = True, False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = Emu(w)
    for row, h, row_fills in zip(table.rows, heights, fills, strict=True):
        row.height = Emu(h)
        for c, fill in zip(row.cells, row_fills, strict=True):
            c.margin_left = c.margin_right = Emu(int(6.0 * 12700))
            c.margin_top = c.margin_bottom = Emu(int(3.6 * 12700))
            c.vertical_anchor = MSO_ANCHOR.MIDDLE
            c.fill.solid()
            c.fill.fore_color.rgb = _rgb(fill)

    def skeleton(frame) -> bytes:  # type: ignore[no-untyped-def]
        el = etree.fromstring(etree.tostring(frame._element))
        for body in el.iter(qn("a:txBody")):
            body.getparent().remove(body)
        el.find(f"{qn('p:nvGraphicFramePr')}/{qn('p:cNvPr')}").attrib.pop("descr", None)
        return c14n(el)

    assert skeleton(fast) == skeleton(public)

"""The deck read back with python-pptx: order, native charts, notes, alt text, fit, determinism."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from reportgen.errors import TemplateError
from reportgen.render.pptx._deck import layout_for, render_deck
from reportgen.theming.theme import Deck
from tests.conftest import EXAMPLE, minimal_briefing, needs_tool, render_inputs, run_tool

if TYPE_CHECKING:
    from pathlib import Path

LITERAL = r"Literal <b>x</b> & {{y}} %s \ stays"
UNICODE = "Република Српска, Brčko, Zvečan, Đakovica, ćevapi, Šabac, Žabljak"
EMU_PT = 12700


# --- fixtures -------------------------------------------------------------------------------


def huge_briefing() -> dict[str, Any]:
    """A briefing that overflows every slide: long lists, a long title and a 60-row table."""
    words = [
        "regional",
        "security",
        "cooperation",
        "deterrence",
        "integration",
        "resilience",
        "stability",
    ]

    def sentence(i: int, n: int) -> str:
        return " ".join(words[(i + k) % len(words)] for k in range(n)).capitalize() + "."

    factors = [
        {
            "name": f"Factor {i:02d} {sentence(i, 3)[:-1]}",
            "description": sentence(i, 25),
            "likelihood": 1 + i % 5,
            "impact": 1 + (i * 3) % 5,
            "trend": ("rising", "steady", "easing")[i % 3],
            **(
                {"history": [{"date": "2026-05-01", "likelihood": 2, "impact": 3}]}
                if i % 4 == 0
                else {}
            ),
        }
        for i in range(40)
    ]
    return minimal_briefing(
        title=("Western Balkans long title " + UNICODE + " ") * 10 + "end of title",
        subtitle="A subtitle that is also rather long " * 6,
        classification="RESTRICTED",
        memo={"from": "Policy Planning Unit", "to": ["Committee"]},
        summary=" ".join(sentence(i, 14) for i in range(30)),
        takeaways=[
            {"headline": f"Takeaway {i}: {sentence(i, 6)}", "detail": sentence(i, 30)}
            for i in range(30)
        ],
        threats={"intro": sentence(1, 20), "factors": factors},
        scenarios={
            "horizon": 2029,
            "intro": sentence(2, 40),
            "items": [
                {
                    "name": "A scenario with very many indicators to watch " * 3,
                    "kind": "escalation",
                    "probability": 0.3,
                    "impact": 4,
                    "summary": sentence(3, 60),
                    "drivers": [sentence(i, 12) for i in range(10)],
                    "indicators": [f"Indicator {i}: {sentence(i, 16)}" for i in range(25)],
                    "implications": [sentence(i, 14) for i in range(8)],
                },
                {"name": "Quiet scenario", "probability": 0.7},
            ],
        },
        sections=[
            {
                "heading": "A section with a big table",
                "blocks": [
                    {"paragraph": sentence(4, 50)},
                    {
                        "table": {
                            "columns": ["Year", "Event", "Assessment"],
                            "rows": [
                                [str(1990 + i), sentence(i, 8), sentence(i + 2, 14)]
                                for i in range(60)
                            ],
                        }
                    },
                    {"bullets": [sentence(i, 20) for i in range(12)]},
                    {"quote": {"text": sentence(5, 30), "attribution": "A. Speaker"}},
                ],
            },
            {"heading": "Literal text", "blocks": [{"paragraph": LITERAL}]},
        ],
        conclusion=" ".join(sentence(i, 20) for i in range(20)),
        sources=[
            {
                "title": f"Source {i} " + sentence(i, 6),
                "publisher": "Publisher",
                "url": f"https://example.org/{'very-long-path-segment/' * 5}{i}",
                "date": "2026-11-01",
            }
            for i in range(14)
        ],
    )


def _render(path: Path) -> bytes:
    return render_deck(*render_inputs(path))


@pytest.fixture(scope="module")
def example_deck() -> bytes:
    return _render(EXAMPLE)


@pytest.fixture(scope="module")
def huge_deck(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import yaml

    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    path.write_text(yaml.safe_dump(huge_briefing(), allow_unicode=True), encoding="utf-8")
    return _render(path)


@pytest.fixture(params=["example", "huge"])
def any_deck(request: pytest.FixtureRequest, example_deck: bytes, huge_deck: bytes) -> bytes:
    return example_deck if request.param == "example" else huge_deck


def _open(data: bytes):  # type: ignore[no-untyped-def]
    return Presentation(io.BytesIO(data))


def _shapes(container):  # type: ignore[no-untyped-def]
    """Every shape, descending into groups."""
    for shape in container:
        yield shape
        if shape.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _shapes(shape.shapes)


def _texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for shape in _shapes(slide.shapes):
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False):
            out += [c.text for row in shape.table.rows for c in row.cells]
    return out


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _charts(slide) -> list[Any]:  # type: ignore[no-untyped-def]
    return [s for s in slide.shapes if getattr(s, "has_chart", False)]


# --- structure ------------------------------------------------------------------------------


def test_slide_order_follows_the_spec(example_deck: bytes) -> None:
    b, t, _, _ = render_inputs(EXAMPLE)
    labels = t.theme.labels
    titles = [_title(s) for s in _open(example_deck).slides]
    assert titles == [
        b.title.plain,
        labels.summary,
        labels.takeaways,
        labels.threats,
        labels.risk_matrix,
        labels.factors,
        "Risk score over time",
        labels.scenarios.format(horizon=2029),
        *(s.name.plain for s in b.scenarios.items),
        *(s.heading.plain for s in b.sections),
        labels.conclusion,
        labels.sources,
    ]


def test_layouts_are_the_masters_by_role(example_deck: bytes) -> None:
    prs = _open(example_deck)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[:3] == ["Title Slide", "Title and Content", "Title and Content"]
    assert layouts[3] == "Title Only"
    assert layouts[8] == "Two Content"
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9


def test_no_placeholder_prompts_remain(any_deck: bytes) -> None:
    for slide in _open(any_deck).slides:
        for ph in slide.placeholders:
            assert ph.has_text_frame, (ph.name, _title(slide))
            assert ph.text_frame.text.strip(), (ph.name, _title(slide))


def test_risk_score_chart_is_native_with_the_yaml_scores(example_deck: bytes) -> None:
    b, *_ = render_inputs(EXAMPLE)
    slide = _open(example_deck).slides[3]
    (frame,) = _charts(slide)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == [f.name.plain for f in b.threats.factors]
    values = list(chart.series[0].values)
    assert values == [f.likelihood * f.impact for f in b.threats.factors] == [20, 12, 9, 16]
    assert chart.category_axis.reverse_order  # first factor on top
    assert chart.value_axis.maximum_scale == 25
    # the workbook is embedded, so the chart stays editable
    assert frame.chart.part.chart_workbook.xlsx_part is not None


def test_scenario_chart_values_are_the_probabilities(example_deck: bytes) -> None:
    b, *_ = render_inputs(EXAMPLE)
    slide = _open(example_deck).slides[7]
    (frame,) = _charts(slide)
    assert frame.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(frame.chart.series[0].values) == [s.probability for s in b.scenarios.items]
    assert frame.chart.value_axis.tick_labels.number_format == "0%"


def test_line_chart_present_with_history(example_deck: bytes) -> None:
    slide = _open(example_deck).slides[6]
    (frame,) = _charts(slide)
    assert frame.chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert [s.name for s in frame.chart.series] == [
        "Ethnic tensions",
        "Political unrest",
        "Economic challenges",
        "External influences",
    ]
    assert list(frame.chart.series[0].values) == [12, 15, 20]
    assert list(frame.chart.series[1].values) == [None, None, 12]  # no history: today's point
    # A real time axis: dates, spaced by time, written as the memo writes them.
    space = frame.chart._chartSpace
    (axis,) = space.findall(".//" + qn("c:dateAx"))
    assert axis.find(qn("c:baseTimeUnit")).get("val") == "days"
    assert space.find(".//" + qn("c:catAx")) is None
    # A factor without history is a marker alone: its line (and legend key) has no fill.
    lines = [ser.find(f"{qn('c:spPr')}/{qn('a:ln')}") for ser in space.iter(qn("c:ser"))]
    assert [ln.find(qn("a:noFill")) is not None for ln in lines] == [False, True, False, True]
    colours = [ser.find(f".//{qn('a:srgbClr')}").get("val") for ser in space.iter(qn("c:ser"))]
    assert colours == ["0072B2", "D55E00", "009E73", "CC79A7"]  # Okabe–Ito, in order


def test_chart_axis_ids_are_positive_distinct_and_paired(example_deck: bytes) -> None:
    """c:axId is an unsignedInt; python-pptx writes negative ids (docs/validation.md)."""
    frames = [f for s in _open(example_deck).slides for f in _charts(s)]
    assert len(frames) == 3
    for frame in frames:
        plot_area = frame.chart._chartSpace.chart.plotArea
        axes = {
            ax.find(qn("c:axId")).get("val"): ax.find(qn("c:crossAx")).get("val")
            for ax in plot_area
            if ax.tag in (qn("c:catAx"), qn("c:dateAx"), qn("c:valAx"))
        }
        assert len(axes) == 2
        assert all(int(i) > 0 for i in axes)
        assert {axes[a]: a for a in axes} == axes  # each axis crosses the other
        (plot,) = [el for el in plot_area if el.tag in (qn("c:barChart"), qn("c:lineChart"))]
        assert [el.get("val") for el in plot.findall(qn("c:axId"))] == sorted(axes)


def test_no_line_chart_without_history(write_briefing) -> None:  # type: ignore[no-untyped-def]
    prs = _open(_render(write_briefing(minimal_briefing())))
    types = [f.chart.chart_type for s in prs.slides for f in _charts(s)]
    assert XL_CHART_TYPE.LINE_MARKERS not in types
    assert types == [XL_CHART_TYPE.BAR_CLUSTERED] * 2
    assert "Risk score over time" not in [_title(s) for s in prs.slides]


def test_factor_table_has_the_columns_and_level_colours(example_deck: bytes) -> None:
    b, t, *_ = render_inputs(EXAMPLE)
    slide = _open(example_deck).slides[5]
    (frame,) = [s for s in slide.shapes if getattr(s, "has_table", False)]
    rows = [[c.text for c in r.cells] for r in frame.table.rows]
    assert rows[0] == [  # the memo's headers: "I5" would read like "15"
        "Factor",
        "Likelihood",
        "Impact",
        "Score",
        "Level",
        "Trend",
        "Change since last assessment",
    ]
    assert [r[0] for r in rows[1:]] == [f.name.plain for f in b.threats.factors]
    assert rows[1][1:5] == ["4", "5", "20", "Critical"]
    assert rows[1][6].startswith("15 → 20")
    level = frame.table.cell(1, 4)
    assert str(level.fill.fore_color.rgb) == t.theme.colours.levels.critical.lstrip("#")


# --- notes, alt text, marking, text ---------------------------------------------------------


def test_notes_on_every_slide_but_the_title(any_deck: bytes) -> None:
    slides = list(_open(any_deck).slides)
    assert not slides[0].has_notes_slide
    for slide in slides[1:]:
        assert slide.has_notes_slide, _title(slide)
        assert slide.notes_slide.notes_text_frame.text.strip(), _title(slide)


def test_notes_carry_detail_not_on_the_slide(example_deck: bytes) -> None:
    slides = list(_open(example_deck).slides)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in slides[1:])
    assert "Long-standing ethnic disputes can lead to instability" in notes  # descriptions
    assert "https://www.eeas.europa.eu/" in notes


def test_alt_text_on_every_chart_picture_and_the_matrix(example_deck: bytes) -> None:
    framed = 0
    for slide in _open(example_deck).slides:
        for shape in _shapes(slide.shapes):
            descr = shape._element._nvXxPr.cNvPr.get("descr", "")
            if getattr(shape, "has_chart", False) or shape.shape_type == 13:  # picture
                assert descr.strip(), shape.name
                framed += 1
            if shape.name == "Risk matrix":
                assert descr.startswith("Risk matrix, likelihood")
                framed += 1
    assert framed == 4  # three charts and the matrix group


def test_classification_on_every_slide(example_deck: bytes, huge_deck: bytes) -> None:
    for data, marking in ((example_deck, "UNCLASSIFIED"), (huge_deck, "RESTRICTED")):
        for slide in _open(data).slides:
            assert _texts(slide).count(marking) >= 2, _title(slide)  # top and bottom


def test_every_headline_factor_and_scenario_appears(example_deck: bytes) -> None:
    b, *_ = render_inputs(EXAMPLE)
    text = "\n".join(t for s in _open(example_deck).slides for t in _texts(s))
    names = [t.headline.plain for t in b.takeaways]
    names += [f.name.plain for f in b.threats.factors]
    names += [s.name.plain for s in b.scenarios.items]
    for name in names:
        assert name in text


def test_runs_keep_bold_italic_and_live_links(example_deck: bytes) -> None:
    slides = list(_open(example_deck).slides)
    runs = [
        r
        for s in slides
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
    ]
    assert any(r.text == "KFOR" and r.font.bold for r in runs)
    assert any(r.text == "muddle-through" and r.font.italic for r in runs)
    links = {r.hyperlink.address for r in runs if r.hyperlink.address}
    assert links == {
        "https://www.nato.int/cps/en/natohq/topics_48818.htm",
        "https://www.eeas.europa.eu/",
    }


def test_markup_like_and_unicode_text_is_literal(huge_deck: bytes) -> None:
    text = "\n".join(t for s in _open(huge_deck).slides for t in _texts(s))
    assert LITERAL in text
    assert "Република Српска, Brčko, Zvečan, Đakovica, ćevapi" in text


def test_core_properties_carry_stamp_and_provenance(example_deck: bytes) -> None:
    props = _open(example_deck).core_properties
    assert props.title == "Western Balkans Security Briefing"
    assert props.subject == "Western Balkans security outlook to 2029"
    assert props.author == "Policy Planning Unit"
    midnight = dt.datetime(2026, 11, 26, tzinfo=dt.UTC).replace(tzinfo=None)  # naive UTC in OOXML
    assert props.created == props.modified == midnight
    assert props.revision == 1
    assert props.last_modified_by == "reportgen test"
    assert props.category == "UNCLASSIFIED"
    assert "template default" in props.comments
    assert "0" * 64 in props.comments


def test_same_inputs_give_identical_parts(example_deck: bytes) -> None:
    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist()}

    again = parts(_render(EXAMPLE))
    assert parts(example_deck) == again
    assert any(n.endswith(".xlsx") for n in again)  # embedded workbooks are stamped too


# --- XML written directly -------------------------------------------------------------------

_PPR_ORDER = ["lnSpc", "spcBef", "spcAft", "buClr", "buFont", "buNone", "buAutoNum", "buChar"]
_RPR_ORDER = ["solidFill", "latin", "hlinkClick"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_shape_ids_are_unique_on_every_slide(any_deck: bytes) -> None:
    for n, slide in enumerate(_open(any_deck).slides, start=1):
        ids = [int(v) for v in slide._element.xpath("//p:cNvPr/@id")]
        assert len(ids) == len(set(ids)), f"slide {n}: {sorted(ids)}"


def test_paragraph_and_run_properties_follow_the_schema_order(any_deck: bytes) -> None:
    for n, slide in enumerate(_open(any_deck).slides, start=1):
        for ppr in slide._element.iter(qn("a:pPr")):
            names = [_local(c.tag) for c in ppr]
            assert names == sorted(names, key=_PPR_ORDER.index), f"slide {n}: {names}"
        for rpr in slide._element.iter(qn("a:rPr")):
            names = [_local(c.tag) for c in rpr]
            assert names == sorted(names, key=_RPR_ORDER.index), f"slide {n}: {names}"
            assert rpr.get("sz")
            assert (rpr.get("b"), rpr.get("i")) in {("0", "0"), ("0", "1"), ("1", "0"), ("1", "1")}


def test_every_notes_page_is_its_slides_own(any_deck: bytes) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    slides = list(_open(any_deck).slides)[1:]
    names = {s.notes_slide.part.partname for s in slides}
    assert len(names) == len(slides)  # one part per slide, none shared
    for slide in slides:
        notes = slide.notes_slide
        assert notes.part.part_related_by(RT.SLIDE) is slide.part
        assert notes.part.part_related_by(RT.NOTES_MASTER) is not None
        placeholders = [p.placeholder_format.type for p in notes.placeholders]
        assert len(placeholders) == len(set(placeholders)) >= 2  # image and body, cloned once


@pytest.mark.parametrize("master", [None, "harbour"])
def test_placeholder_rects_read_from_xml_match_python_pptx(master: str | None) -> None:
    from reportgen.render.pptx._frame import BODY_TYPES, layout_placeholders, placeholder_rects
    from reportgen.render.pptx._shapes import shape_rect
    from tests.conftest import ROOT

    prs = Presentation(str(ROOT / "templates" / master / "master.pptx") if master else None)
    title_types = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    for layout in prs.slide_layouts:
        for types in (title_types, BODY_TYPES):
            expected = [shape_rect(p) for p in layout_placeholders(layout, types)]
            assert placeholder_rects(layout, types) == expected, layout.name


def test_links_keep_their_relationship_per_slide(huge_deck: bytes) -> None:
    for slide in _open(huge_deck).slides:
        for link in slide._element.iter(qn("a:hlinkClick")):
            rel = slide.part.rels[link.get(qn("r:id"))]
            assert rel.is_external
            assert rel.target_ref.startswith("https://example.org/")


# --- templates ------------------------------------------------------------------------------


def test_missing_layout_names_the_role_and_the_choices() -> None:
    _, template, _, _ = render_inputs(EXAMPLE)
    theme = template.theme.model_copy(update={"deck": Deck(layouts={"chart": ["Nope", "Nah"]})})
    with pytest.raises(TemplateError) as err:
        layout_for(Presentation(), theme, "chart", None)
    msg = str(err.value)
    assert msg.startswith("default master: deck.layouts.chart: no layout for role 'chart'")
    assert "tried 'Nope', 'Nah'" in msg
    assert "'Title Only'" in msg


def test_a_master_keeps_its_size_and_loses_its_slides(tmp_path: Path) -> None:
    master = Presentation()
    master.slides.add_slide(master.slide_layouts[0]).shapes.title.text = "Example slide"
    master.save(tmp_path / "master.pptx")
    briefing, template, charts, info = render_inputs(EXAMPLE)
    template = replace(template, master=tmp_path / "master.pptx")
    prs = _open(render_deck(briefing, template, charts, info))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert _title(prs.slides[0]) == briefing.title.plain
    assert "Example slide" not in [_title(s) for s in prs.slides]


# --- nothing overflows ----------------------------------------------------------------------


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    """The face the deck is written in, as its metric-compatible files (Carlito for Calibri)."""
    _, template, _, _ = render_inputs(EXAMPLE)
    regular, bold_file, _, _ = template.deck_face.files
    return ImageFont.truetype(str(bold_file if bold else regular), 1000)


def _line_em() -> float:
    """The written face's ascent + descent + line gap in ems (hhea): one line at single
    spacing, as LibreOffice sets it."""
    from tests.layout_lint import _line_em as line_em

    return line_em("Calibri")


def _para_lines(p, width_pt: float) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    """Lines and font size of a paragraph wrapped greedily in ``width_pt`` (independent check)."""
    size = max([r.font.size.pt for r in p.runs if r.font.size] or [18.0])
    marl = int(p._p.pPr.get("marL", "0")) / EMU_PT if p._p.pPr is not None else 0.0
    avail = width_pt - marl
    lines, x = 1, 0.0
    for child in p._p:
        if child.tag == qn("a:br"):
            lines, x = lines + 1, 0.0
            continue
        if child.tag != qn("a:r"):
            continue
        rpr = child.find(qn("a:rPr"))
        font = _font(rpr is not None and rpr.get("b") == "1")
        for word in re.findall(r"\S+|\s+", child.findtext(qn("a:t")) or ""):
            w = font.getlength(word) / 1000 * size
            if not word.isspace() and x > 0 and x + w > avail:
                lines, x = lines + 1, 0.0
            while w > avail:  # a word wider than the line breaks between letters
                lines, w = lines + 1, w - avail
            x += w
    return lines, size


def _text_height(tf, width_pt: float) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for i, p in enumerate(tf.paragraphs):
        if not p.runs:
            continue
        lines, size = _para_lines(p, width_pt)
        before = p.space_before.pt if (i and p.space_before is not None) else 0.0
        total += before + lines * size * _line_em()
    return total


def _overflows(data: bytes) -> list[str]:
    prs = _open(data)
    bad = []
    for n, slide in enumerate(prs.slides, start=1):
        for shape in _shapes(slide.shapes):
            inside = (
                shape.left >= 0
                and shape.top >= 0
                and shape.left + shape.width <= prs.slide_width
                and shape.top + shape.height <= prs.slide_height
            )
            if shape.rotation == 0 and not inside:
                bad.append(f"slide {n}: {shape.name} off the slide")
            if shape.has_text_frame and shape.text_frame.text.strip():
                tf = shape.text_frame
                width = (shape.width - tf.margin_left - tf.margin_right) / EMU_PT
                room = (shape.height - tf.margin_top - tf.margin_bottom) / EMU_PT
                if tf.word_wrap is False:
                    width = 1e9
                if tf._txBody.bodyPr.get("vert") in ("vert", "vert270"):
                    width, room = room, width
                need = _text_height(tf, width)
                if need > room + 0.5:
                    bad.append(f"slide {n}: {shape.name} needs {need:.0f}pt, has {room:.0f}pt")
            if getattr(shape, "has_table", False):
                bad += _table_overflows(n, shape, prs.slide_height)
    return bad


def _table_overflows(n: int, frame, slide_h: int) -> list[str]:  # type: ignore[no-untyped-def]
    bad = []
    table = frame.table
    if frame.top + sum(r.height for r in table.rows) > slide_h:
        bad.append(f"slide {n}: table runs off the slide")
    for i, row in enumerate(table.rows):
        for j, c in enumerate(row.cells):
            width = (table.columns[j].width - c.margin_left - c.margin_right) / EMU_PT
            need = _text_height(c.text_frame, width) + (c.margin_top + c.margin_bottom) / EMU_PT
            if need > row.height / EMU_PT + 0.5:
                bad.append(f"slide {n}: table cell ({i}, {j}) needs {need:.0f}pt")
    return bad


def test_example_text_fits_its_boxes(example_deck: bytes) -> None:
    assert _overflows(example_deck) == []


def test_huge_briefing_continues_and_never_overflows(huge_deck: bytes) -> None:
    prs = _open(huge_deck)
    titles = [_title(s) for s in prs.slides]
    assert len(titles) > 40
    for label in ("Key takeaways", "Threat factors", "A section with a big table", "Sources"):
        assert any(t.startswith(label) and "(2 of" in t for t in titles), label
    assert any("(2 of" in t and t.startswith("A scenario with very many") for t in titles)
    assert _overflows(huge_deck) == []


def test_huge_tables_repeat_their_header(huge_deck: bytes) -> None:
    prs = _open(huge_deck)
    tables = [
        sh.table
        for s in prs.slides
        if _title(s).startswith("A section with a big table")
        for sh in s.shapes
        if getattr(sh, "has_table", False)
    ]
    assert len(tables) >= 2
    assert all([c.text for c in t.rows[0].cells] == ["Year", "Event", "Assessment"] for t in tables)
    years = [t.cell(i, 0).text for t in tables for i in range(1, len(t.rows))]
    assert years == [str(1990 + i) for i in range(60)]


def test_huge_min_font_is_respected(huge_deck: bytes) -> None:
    _, template, _, _ = render_inputs(EXAMPLE)
    floor = template.theme.deck.min_font_pt
    for slide in _open(huge_deck).slides:
        for shape in _shapes(slide.shapes):
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    assert all(r.font.size is None or r.font.size.pt >= floor for r in p.runs)


# --- LibreOffice ----------------------------------------------------------------------------


def test_libreoffice_renders_one_page_per_slide(example_deck: bytes, tmp_path: Path) -> None:
    needs_tool("soffice")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(example_deck)
    done = run_tool(
        "soffice",
        "--headless",
        f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(deck),
    )
    assert done.returncode == 0, done.stderr
    from pypdf import PdfReader

    pages = len(PdfReader(tmp_path / "deck.pdf").pages)
    assert pages == len(_open(example_deck).slides) == 16

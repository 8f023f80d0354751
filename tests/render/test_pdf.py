"""The PDF memo read back from its bytes: text, outline, links, fonts, metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import time
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from pypdf import PdfReader

from reportgen.render.pdf._memo import render_memo
from tests.conftest import EXAMPLE, ROOT, minimal_briefing, needs_tool, render_inputs, run_tool

if TYPE_CHECKING:
    from pathlib import Path

MARKUP = r"<b>x</b> & {{y}} %s \ <img src=z> &amp; <font color='red'>f</font>"
SOUTH_SLAVIC = "Zvečan, Leposavić, Đakovica, Šid, Žabljak, Përmet"
CYRILLIC = "Република Српска"
GREEK = "Ελληνική Δημοκρατία"


# --- helpers ---------------------------------------------------------------------------------


def render(path: Path, out: Path, **info_changes: Any) -> Path:
    """Render the briefing at ``path`` to ``out`` and return ``out``."""
    briefing, template, charts, info = render_inputs(path)
    info = dataclasses.replace(info, **info_changes)
    out.write_bytes(render_memo(briefing, template, charts, info))
    return out


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped across lines compares as one string."""
    return " ".join(text.split())


def page_texts(pdf: Path) -> list[str]:
    return [flat(p.extract_text()) for p in PdfReader(pdf).pages]


def outline_titles(items: list[Any]) -> list[Any]:
    """The outline as nested lists of titles: a sub-list follows its parent's title."""
    return [outline_titles(i) if isinstance(i, list) else i.title for i in items]


def headings_ending_a_page(pdf: Path) -> list[str]:
    """Headings (outline titles) printed as the last line of a page: widowed headings."""
    reader = PdfReader(pdf)
    titles = {flat(t) for t in flatten(outline_titles(reader.outline))}
    last_lines = [flat(lines[-1]) for p in reader.pages if (lines := p.extract_text().splitlines())]
    return [line for line in last_lines if line in titles or line.lstrip("■ ") in titles]


def flatten(items: list[Any]) -> list[str]:
    return [t for i in items for t in (flatten(i) if isinstance(i, list) else [i])]


def xobjects(resources: Any) -> list[Any]:
    """Every XObject reachable from a resource dictionary, forms included."""
    found = []
    for obj in (resources or {}).get("/XObject", {}).values():
        obj = obj.get_object()
        found.append(obj)
        if obj.get("/Subtype") == "/Form":
            found += xobjects(obj.get("/Resources"))
    return found


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(EXAMPLE, tmp_path_factory.mktemp("pdf") / "example.pdf")


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tricky_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A briefing full of markup-like text, Balkan scripts and links with query strings."""
    folder = tmp_path_factory.mktemp("tricky")
    data = minimal_briefing(
        title=f"Title {MARKUP}",
        classification="SECRET",
        summary=f"{SOUTH_SLAVIC}. {CYRILLIC}. {GREEK}. Literal: {MARKUP}",
        takeaways=[
            {"headline": f"Headline {MARKUP}", "detail": "See [a<b>&c](https://x.org/?a=1&b=2)"}
        ],
        sections=[
            {
                "heading": f"Section {CYRILLIC}",
                "blocks": [
                    {"paragraph": f"Paragraph {MARKUP}"},
                    {"quote": {"text": f"Quote {MARKUP}", "attribution": f"Attribution {GREEK}"}},
                    {"table": {"columns": ["<th>", "&"], "rows": [[MARKUP, SOUTH_SLAVIC]]}},
                ],
            }
        ],
        sources=[
            {"title": "Query", "url": "https://example.org/search?q=a&b=%22c%22"},
            {"title": "Mail", "url": "mailto:desk@example.org", "publisher": f"Pub {MARKUP}"},
        ],
    )
    path = folder / "tricky.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return render(path, folder / "tricky.pdf"), data


def huge_briefing() -> dict[str, Any]:
    """Every list long and some texts very long: nothing may be "too large on page"."""
    words = ["security", "cooperation", "integration", "tensions", "unrest", "influence"]

    def text(n: int, seed: int = 0) -> str:
        return " ".join(words[(seed + i) % len(words)] for i in range(n))

    factors = [
        {
            "name": f"Factor {i} {text(i % 9, i)}",
            "description": text(30, i),
            "likelihood": 1 + i % 5,
            "impact": 1 + (i * 3) % 5,
            "history": [{"date": "2026-01-01", "likelihood": 2, "impact": 2}] if i % 4 == 0 else [],
        }
        for i in range(40)
    ]
    scenarios = [
        {
            "name": f"Scenario {i} {text(6, i)}",
            "kind": ["escalation", "integration", "muddle-through", "other"][i % 4],
            "probability": round(i / 12, 2),
            "summary": text(60, i),
            "drivers": [text(12, j) for j in range(5)],
            "indicators": [text(15, j) for j in range(25)],
            "implications": [text(10, j) for j in range(4)],
        }
        for i in range(12)
    ]
    rows = [[f"Row {i}", text(20, i), text(8, i)] for i in range(60)]
    return minimal_briefing(
        title="Huge " + text(400)[:3000],
        takeaways=[{"headline": f"Takeaway {i}", "detail": text(40, i)} for i in range(30)],
        threats={"factors": factors},
        scenarios={"horizon": 2030, "items": scenarios},
        sections=[
            {
                "heading": "Long table",
                "blocks": [
                    {"paragraph": text(2000)},
                    {"table": {"columns": ["Country", "Assessment", "Notes"], "rows": rows}},
                    {"table": {"columns": ["One cell"], "rows": [[text(1800)]]}},
                    {"quote": {"text": text(1800), "attribution": "Someone"}},
                ],
            }
        ],
    )


# --- content ---------------------------------------------------------------------------------


def test_every_heading_and_name_is_printed(example_pdf: Path, example: dict[str, Any]) -> None:
    text = " ".join(page_texts(example_pdf))
    expected = [
        "MEMORANDUM",
        "Bottom line up front",
        "Key takeaways",
        "Threat assessment",
        "Threat factors",
        "Scenarios to 2029",
        "Conclusion",
        "Sources",
        *(t["headline"] for t in example["takeaways"]),
        *(f["name"] for f in example["threats"]["factors"]),
        *(s["name"] for s in example["scenarios"]["items"]),
        *(s["heading"] for s in example["sections"]),
    ]
    missing = [e for e in expected if flat(e) not in text]
    assert missing == []


def test_memo_header_has_the_rows_given(example_pdf: Path) -> None:
    first = page_texts(example_pdf)[0]
    for row in (
        "To: NATO Political Committee",
        "From: Policy Planning Unit",
        "Cc: Deputy Secretary General KFOR Liaison Office",
        "Date: 26 November 2026",
        "Subject: Western Balkans security outlook to 2029",
    ):
        assert row in first


def test_empty_memo_rows_are_omitted(write_briefing: Any, tmp_path: Path) -> None:
    pdf = render(write_briefing(minimal_briefing()), tmp_path / "minimal.pdf")
    first = page_texts(pdf)[0]
    assert "Date: 26 November 2026" in first
    assert "Subject: Minimal briefing" in first
    assert not re.search(r"\b(To|From|Cc):", first)


def test_derived_values_are_shown(example_pdf: Path) -> None:
    text = " ".join(page_texts(example_pdf))
    assert "15 → 20 ▲ since 15 August 2026" in text  # ethnic tensions: rose since last time
    assert "12 → 9 ▼ since 15 August 2026" in text
    assert "20% (unlikely)" in text
    assert "15% (very unlikely)" in text
    assert "—" in text  # a factor without history


def test_page_numbers_and_classification_on_every_page(example_pdf: Path) -> None:
    pages = page_texts(example_pdf)
    assert len(pages) > 1
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text
        assert text.count("UNCLASSIFIED") == 2  # top and bottom banner


def test_classification_banner_uses_the_marking_and_its_colour(
    tricky_pdf: tuple[Path, dict[str, Any]],
) -> None:
    pdf, _ = tricky_pdf
    secret = ".784314 .062745 .180392 rg"  # #C8102E, the default theme's SECRET
    for page, text in zip(PdfReader(pdf).pages, page_texts(pdf), strict=True):
        assert text.count("SECRET") == 2
        assert secret in page.get_contents().get_data().decode("latin-1")


def test_markup_like_text_prints_literally(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    pdf, _ = tricky_pdf
    text = " ".join(page_texts(pdf))
    for where in ("Title", "Headline", "Paragraph", "Quote", "Pub"):
        assert f"{where} {MARKUP}" in text
    assert "Literal: " + MARKUP in text
    assert "See a<b>&c" in text
    assert "<th>" in text


def test_balkan_cyrillic_and_greek_text_survives(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    pdf, _ = tricky_pdf
    text = " ".join(page_texts(pdf))
    for sample in (SOUTH_SLAVIC, CYRILLIC, GREEK, f"Section {CYRILLIC}"):
        assert sample in text


def test_pdftotext_reads_the_same_unicode(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    needs_tool("pdftotext")
    pdf, _ = tricky_pdf
    text = flat(run_tool("pdftotext", "-enc", "UTF-8", str(pdf), "-").stdout)
    for sample in (SOUTH_SLAVIC, CYRILLIC, GREEK, MARKUP):
        assert sample in text


# --- structure -------------------------------------------------------------------------------


def test_outline_has_every_heading_and_nests_scenarios(
    example_pdf: Path, example: dict[str, Any]
) -> None:
    assert outline_titles(PdfReader(example_pdf).outline) == [
        "Bottom line up front",
        "Key takeaways",
        "Threat assessment",
        ["Threat factors"],
        *(s["heading"] for s in example["sections"]),
        "Scenarios to 2029",
        [s["name"] for s in example["scenarios"]["items"]],
        "Conclusion",
        "Sources",
    ]


@pytest.mark.parametrize("padding", [0, 40, 95, 150, 210])
def test_no_heading_is_left_at_a_page_foot(
    padding: int, example: dict[str, Any], write_briefing: Any, tmp_path: Path
) -> None:
    data = {**example, "summary": example["summary"] + " padding" * padding}
    data["threats"] = {k: v for k, v in example["threats"].items() if k != "intro"}
    pdf = render(write_briefing(data), tmp_path / "padded.pdf")
    assert headings_ending_a_page(pdf) == []


def test_scenario_heading_stays_with_its_facts(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    # This layout once left "Only scenario" alone at the foot of page 2.
    pdf, _ = tricky_pdf
    assert headings_ending_a_page(pdf) == []


def test_outline_entries_point_at_their_pages(example_pdf: Path) -> None:
    reader = PdfReader(example_pdf)
    pages = page_texts(example_pdf)
    entries = [e for e in reader.outline if not isinstance(e, list)]
    for entry in entries:
        assert entry.title in pages[reader.get_destination_page_number(entry)]


def test_every_source_url_is_a_live_link(
    example_pdf: Path, example: dict[str, Any], tricky_pdf: tuple[Path, dict[str, Any]]
) -> None:
    for pdf, data in ((example_pdf, example), tricky_pdf):
        uris = [
            annot.get_object()["/A"]["/URI"]
            for page in PdfReader(pdf).pages
            for annot in page.get("/Annots", [])
            if annot.get_object().get("/Subtype") == "/Link"
        ]
        urls = [s["url"] for s in data.get("sources", []) if "url" in s]
        assert [u for u in uris if u in urls] == urls
        assert set(uris) - set(urls) <= {"https://x.org/?a=1&b=2"}  # the inline link


def test_inline_link_keeps_its_query_string(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    pdf, _ = tricky_pdf
    annots = [a.get_object() for p in PdfReader(pdf).pages for a in p.get("/Annots", [])]
    assert "https://x.org/?a=1&b=2" in [a["/A"]["/URI"] for a in annots]


# --- fonts, charts, metadata -----------------------------------------------------------------


def test_only_embedded_truetype_fonts(tricky_pdf: tuple[Path, dict[str, Any]]) -> None:
    pdf, _ = tricky_pdf
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_pdffonts_reports_every_font_embedded(example_pdf: Path) -> None:
    needs_tool("pdffonts")
    rows = run_tool("pdffonts", str(example_pdf)).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Type 1" not in row
        assert "Helvetica" not in row
        emb = row.split()[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", row


def test_charts_are_vector_graphics(example_pdf: Path) -> None:
    reader = PdfReader(example_pdf)
    images = [
        x
        for page in reader.pages
        for x in xobjects(page["/Resources"])
        if x.get("/Subtype") == "/Image"
    ]
    assert images == []
    chart_page = next(
        p for p, t in zip(reader.pages, page_texts(example_pdf), strict=True) if "Risk matrix" in t
    )
    text = flat(chart_page.extract_text())
    for label in ("Likelihood", "Impact", "1 Ethnic tensions", "Critical (16–25)"):
        assert label in text


def test_metadata(example_pdf: Path, example: dict[str, Any]) -> None:
    meta = PdfReader(example_pdf).metadata
    assert meta is not None
    assert meta.title == example["title"]
    assert meta.subject == example["memo"]["subject"]
    assert meta.creator == "reportgen test"
    assert meta.creation_date == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert meta.modification_date == meta.creation_date
    keywords = meta["/Keywords"]
    assert "template default" in keywords
    assert "sha256 " + "0" * 64 in keywords


def test_creation_date_is_the_stamp_given(tmp_path: Path) -> None:
    stamp = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    pdf = render(EXAMPLE, tmp_path / "stamped.pdf", stamp=stamp)
    meta = PdfReader(pdf).metadata
    assert meta is not None
    assert meta.creation_date == stamp


def test_two_renders_are_identical_whatever_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render(EXAMPLE, tmp_path / "a.pdf").read_bytes()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86_400 * 400)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        second = render(EXAMPLE, tmp_path / "b.pdf").read_bytes()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert first == second


# --- long content and templates --------------------------------------------------------------


def test_huge_briefing_flows_across_pages(write_briefing: Any, tmp_path: Path) -> None:
    data = huge_briefing()
    pdf = render(write_briefing(data, "huge"), tmp_path / "huge.pdf")
    pages = page_texts(pdf)
    text = " ".join(pages)
    for i in range(40):
        assert re.search(rf"\bFactor {i}\b", text)
    for i in range(12):
        assert re.search(rf"\bScenario {i}\b", text)
    table_pages = [t for t in pages if re.search(r"\bRow \d+\b", t)]
    assert len(table_pages) > 1
    for t in table_pages:  # the header row repeats on every page the table reaches
        assert "Country Assessment Notes" in t
    assert [t.count("Country Assessment Notes") for t in table_pages] == [1] * len(table_pages)
    titles = outline_titles(PdfReader(pdf).outline)
    assert len(titles[titles.index("Scenarios to 2030") + 1]) == 12
    assert headings_ending_a_page(pdf) == []


def test_logo_on_the_first_page_only(tmp_path: Path) -> None:
    pil = pytest.importorskip("PIL.Image")
    folder = tmp_path / "templates" / "logo"
    shutil.copytree(ROOT / "templates" / "default", folder)
    pil.new("RGB", (120, 40), (31, 58, 95)).save(folder / "logo.png")
    theme = folder / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    briefing, _, charts, info = render_inputs(EXAMPLE)
    from reportgen.theming.theme import Template

    pdf = tmp_path / "logo.pdf"
    pdf.write_bytes(render_memo(briefing, Template.load(folder), charts, info))
    images = [
        [x for x in xobjects(p["/Resources"]) if x.get("/Subtype") == "/Image"]
        for p in PdfReader(pdf).pages
    ]
    assert len(images[0]) == 1
    assert all(not i for i in images[1:])


def test_font_registration_is_idempotent() -> None:
    from reportlab.pdfbase import pdfmetrics

    from reportgen.render.pdf._fonts import register_fonts

    _, template, _, _ = render_inputs(EXAMPLE)
    first = register_fonts(template.font)
    font = pdfmetrics.getFont(first.regular)
    assert register_fonts(template.font) == first
    assert pdfmetrics.getFont(first.regular) is font


def test_without_classification_the_template_default_is_printed(
    write_briefing: Any, tmp_path: Path
) -> None:
    pdf = render(write_briefing(minimal_briefing()), tmp_path / "default.pdf")
    assert all(t.count("UNCLASSIFIED") == 2 for t in page_texts(pdf))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("abc", "abc"),
        ("שלום עולם", "םלוע םולש"),
        ("Ab توترات 12 x", "Ab تارتوت 12 x"),
        ("שנת 2029 היא", "איה 2029 תנש"),
        ("ו\u05bcו", "וו\u05bc"),  # the mark stays on its letter
    ],
)
def test_right_to_left_runs_are_drawn_in_display_order(text: str, shown: str) -> None:
    from reportgen.render.pdf._fonts import visual

    assert visual(text) == shown


def test_text_without_glyphs_and_right_to_left_text_stay_extractable(
    write_briefing: Any, tmp_path: Path
) -> None:
    # The default font lacks CJK and emoji: they print as boxes but must stay in the
    # text layer (search, copy, extraction), emoji included (beyond U+FFFF).
    names = ["民族紧张", "Risk 🚀", "שלום עולם", "توترات عرقية"]
    data = minimal_briefing(
        threats={"factors": [{"name": n, "likelihood": 2, "impact": 2} for n in names]}
    )
    pdf = render(write_briefing(data), tmp_path / "scripts.pdf")
    text = " ".join(page_texts(pdf))
    for name in names:
        assert name in text


def test_a_character_without_glyph_is_reported_with_its_place(
    write_briefing: Any, tmp_path: Path
) -> None:
    import io

    from reportgen.cli import main

    path = write_briefing(minimal_briefing(summary="Flag 🇷🇸 and ok text."))
    err = io.StringIO()
    code = main(
        ["build", "-j", "1", "-o", str(tmp_path), str(path)], stdout=io.StringIO(), stderr=err
    )
    assert code == 0  # it renders, but the reader is told where the boxes will be
    assert err.getvalue() == (
        f"warning: {path}:9:10: summary: font DejaVuSans.ttf has no glyph for "
        "'🇷' (U+1F1F7) '🇸' (U+1F1F8)\n"
    )


# --- chart drawing units ---------------------------------------------------------------------


def chart_inputs() -> tuple[Any, Any]:
    """The example's styles and ink, for drawing charts directly."""
    from reportgen.render.pdf._fonts import register_fonts
    from reportgen.render.pdf._ink import Ink
    from reportgen.render.pdf._text import build_styles

    _, template, _, _ = render_inputs(EXAMPLE)
    styles = build_styles(template.theme, register_fonts(template.font))
    return styles, Ink.of(styles)


def test_markers_sharing_a_cell_do_not_overlap() -> None:
    from reportlab.graphics.shapes import Circle

    from reportgen.charts.spec import LegendEntry, MatrixPoint, RiskMatrix
    from reportgen.render.pdf._matrix import matrix_flowables

    styles, ink = chart_inputs()
    points = tuple(MatrixPoint(i, f"Factor {i}", 3, 3, "#C62828") for i in range(1, 8))
    spec = RiskMatrix(
        "m",
        "Risk matrix",
        (("#2E7D32",) * 5,) * 5,
        points,
        "Likelihood",
        "Impact",
        (LegendEntry("Low", "#2E7D32"),),
        "alt",
    )
    drawing, extra = matrix_flowables(spec, ink, styles, 450, 700)
    assert extra == []
    cells = [s for s in drawing.contents if isinstance(s, Circle) and s.r < ink.size * 0.75]
    assert len(cells) == 7
    for i, a in enumerate(cells):
        for b in cells[i + 1 :]:
            assert ((a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2) ** 0.5 >= a.r + b.r


def test_long_labels_wrap_then_end_in_an_ellipsis() -> None:
    from reportgen.render.pdf._ink import fit_lines

    _, ink = chart_inputs()
    lines = fit_lines("Violent escalation in Bosnia and Herzegovina " * 3, ink, 8, 120, 2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(ink.width(line, 8) <= 120 for line in lines)
    assert fit_lines("Short", ink, 8, 120, 2) == ["Short"]

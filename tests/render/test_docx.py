"""The Word memo read back with python-docx: content, headings, marking, tables, lists, links."""

from __future__ import annotations

import io
import re
import uuid
from functools import cache
from typing import TYPE_CHECKING, Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from reportgen.build.preflight import check_template
from reportgen.changes import changes_from_history
from reportgen.errors import TemplateError
from reportgen.render.docx import render_word_memo
from tests.conftest import EXAMPLE, minimal_briefing, needs_tool, render_inputs, run_tool

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document

_DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@cache
def _example_bytes(template: str = "default") -> bytes:
    briefing, tmpl, charts, info = render_inputs(EXAMPLE, template)
    return render_word_memo(briefing, tmpl, charts, info, changes_from_history(briefing))


def _open(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def memo() -> Document:
    return _open(_example_bytes())


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _headings(document: Document) -> list[tuple[int, str]]:
    """(outline level 1–3, text) of every paragraph in the navigation pane."""
    found = []
    for p in document.paragraphs:
        level = p._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            found.append((int(level.get(qn("w:val"))) + 1, p.text))
    return found


def _plain(text: str) -> str:
    return re.sub(r"\*\*|\*", "", re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text))


def test_every_takeaway_factor_and_scenario_name_is_in_the_memo(
    memo: Document, example: dict[str, Any]
) -> None:
    text = _all_text(memo)
    names = [t["headline"] for t in example["takeaways"]]
    names += [f["name"] for f in example["threats"]["factors"]]
    names += [s["name"] for s in example["scenarios"]["items"]]
    for name in names:
        assert _plain(name) in text, name


def test_headings_are_real_heading_styles_at_their_levels(
    memo: Document, example: dict[str, Any]
) -> None:
    headings = _headings(memo)
    top = [t for level, t in headings if level == 1]
    assert top == [
        "Bottom line up front",
        "What changed",
        "Key takeaways",
        "Threat assessment",
        *(_plain(s["heading"]) for s in example["sections"]),
        f"Scenarios to {example['scenarios']['horizon']}",
        "Conclusion",
        "Sources",
    ]
    second = [t for level, t in headings if level == 2]
    assert second == ["Threat factors", *(_plain(s["name"]) for s in example["scenarios"]["items"])]
    styles = {p.text: p.style.name for p in memo.paragraphs}
    assert styles["Key takeaways"] == "Heading 1"
    assert styles["Threat factors"] == "Heading 2"
    assert styles["Drivers"] == "Heading 3"


def test_marking_is_in_header_and_footer_in_the_theme_colour(memo: Document) -> None:
    section = memo.sections[0]
    for part in (section.header, section.footer):
        banner = [p for p in part.paragraphs if p.text == "UNCLASSIFIED"]
        assert len(banner) == 1
        shading = banner[0]._p.find(f"{qn('w:pPr')}/{qn('w:shd')}")
        assert shading is not None
        assert shading.get(qn("w:fill")) == "007A33"


def test_page_x_of_y_are_fields(memo: Document) -> None:
    footer = memo.sections[0].footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in "".join(t.text for t in footer.iter(qn("w:t")))


def test_factor_table_cells_equal_the_yaml_numbers(memo: Document, example: dict[str, Any]) -> None:
    table = next(t for t in memo.tables if t.rows[0].cells[0].text == "Factor")
    rows = table.rows[1:]
    factors = example["threats"]["factors"]
    assert len(rows) == len(factors)
    for row, factor in zip(rows, factors, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0].startswith(_plain(factor["name"]))
        assert cells[1:4] == [
            str(factor["likelihood"]),
            str(factor["impact"]),
            str(factor["likelihood"] * factor["impact"]),
        ]


def test_every_table_repeats_its_header_row(memo: Document) -> None:
    assert memo.tables
    for table in memo.tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_block_tables_are_word_tables(write_briefing: Any) -> None:
    from reportgen.changes import changes_from_history as history

    columns, rows = ["Country", "Troops"], [["Italy", "1,200"], ["Türkiye", "**350**"]]
    path = write_briefing(
        minimal_briefing(
            sections=[
                {"heading": "Forces", "blocks": [{"table": {"columns": columns, "rows": rows}}]}
            ]
        )
    )
    briefing, tmpl, charts, info = render_inputs(path)
    document = _open(render_word_memo(briefing, tmpl, charts, info, history(briefing)))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Country"]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        columns,
        ["Italy", "1,200"],
        ["Türkiye", "350"],
    ]
    bold = table.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert bold is True


def test_every_picture_has_the_charts_alt_text(memo: Document) -> None:
    _, _, charts, _ = render_inputs(EXAMPLE)
    pictures = list(memo.element.body.iter(qn("wp:docPr")))
    assert [p.get("descr") for p in pictures] == [
        charts.risk_scores.alt_text,
        charts.risk_matrix.alt_text,
        *([charts.history.alt_text] if charts.history else []),
        charts.scenarios.alt_text,
    ]
    assert len(memo.inline_shapes) == len(pictures)


def test_lists_are_word_lists_and_each_numbered_list_starts_at_one(memo: Document) -> None:
    def num_id(p: Any) -> str | None:
        found = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        return None if found is None else str(found.get(qn("w:val")))

    numbered = [p for p in memo.paragraphs if p.style.name == "List Number"]
    bullets = [p for p in memo.paragraphs if p.style.name == "List Bullet"]
    assert numbered
    assert bullets
    lists = {num_id(p) for p in numbered}
    assert None not in lists
    assert len(lists) >= 3  # takeaways, the section's numbered list, sources: each from 1
    numbering = memo.part.numbering_part.element
    for n in lists:
        num = numbering.num_having_numId(int(str(n)))
        assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"


def test_links_are_live(memo: Document, example: dict[str, Any]) -> None:
    urls = {s["url"] for s in example["sources"] if s.get("url")}
    targets = {
        rel.target_ref for rel in memo.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert urls <= targets
    links = list(memo.element.body.iter(qn("w:hyperlink")))
    assert len(links) >= len(urls)


def test_core_properties_come_from_the_briefing(memo: Document, example: dict[str, Any]) -> None:
    props = memo.core_properties
    assert props.title == example["title"]
    assert props.created is not None
    assert props.created.date().isoformat() == str(example["date"])
    assert props.modified == props.created
    assert props.last_modified_by == "reportgen test"


# --- a reference document --------------------------------------------------------------------


def _reference_template(tmp_path: Path, styles: dict[str, str]) -> Path:
    """A template extending default, whose .dotx renames Heading 1 and List Bullet."""
    reference = docx.Document()
    by_name = {s.name: s for s in reference.styles}
    by_name["Heading 1"].name = "Überschrift 1"
    by_name["List Bullet"].name = "Aufzählung"
    buffer = io.BytesIO()
    reference.save(buffer)
    folder = tmp_path / "org"
    folder.mkdir()
    _write_dotx(buffer.getvalue(), folder / "org.dotx")
    theme = {
        "name": "org",
        "extends": "default",
        "docx": {"reference": "org.dotx", "styles": styles},
    }
    (folder / "theme.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    return folder


def _write_dotx(data: bytes, path: Path) -> None:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(_DOCX, _DOTX)
            target.writestr(item, body)


def test_a_reference_document_supplies_the_styles_under_its_own_names(tmp_path: Path) -> None:
    folder = _reference_template(
        tmp_path, {"heading_1": "Überschrift 1", "list_bullet": "Aufzählung"}
    )
    assert check_template(str(folder)) == []
    briefing, tmpl, charts, info = render_inputs(EXAMPLE, str(folder))
    document = _open(render_word_memo(briefing, tmpl, charts, info, None))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Key takeaways"] == "Überschrift 1"
    assert styles["Threat factors"] == "Heading 2"
    assert {p.style.name for p in document.paragraphs if p.text.startswith("Kosovo–Serbia")} == {
        "Aufzählung"
    }
    assert (1, "Key takeaways") in _headings(document)


def test_a_style_the_reference_lacks_is_a_located_template_error(tmp_path: Path) -> None:
    folder = _reference_template(
        tmp_path, {"heading_1": "Heading One", "list_bullet": "Aufzählung"}
    )
    problems = check_template(str(folder))
    assert len(problems) == 1
    text = str(problems[0])
    assert text.startswith(f"{folder / 'theme.yaml'}:")
    assert (
        ": docx.styles.heading_1: no paragraph style 'Heading One' in the reference document"
        in text
    )
    briefing, tmpl, charts, info = render_inputs(EXAMPLE, str(folder))
    with pytest.raises(TemplateError):
        render_word_memo(briefing, tmpl, charts, info, None)


# --- real clients ----------------------------------------------------------------------------


def test_libreoffice_converts_the_memo_with_its_text(
    tmp_path: Path, example: dict[str, Any]
) -> None:
    needs_tool("soffice")
    needs_tool("pdftotext")
    source = tmp_path / "memo.docx"
    source.write_bytes(_example_bytes())
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    done = run_tool(
        "soffice",
        "--headless",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    text = run_tool("pdftotext", "-layout", str(tmp_path / "memo.pdf"), "-").stdout
    flat = " ".join(text.split())
    for expected in (example["title"], "UNCLASSIFIED", "Key takeaways", "Page 1 of "):
        assert expected in flat, expected
    for scenario in example["scenarios"]["items"]:
        assert " ".join(_plain(scenario["name"]).split()) in flat


def test_a_missing_or_unreadable_reference_is_a_located_template_error(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    theme = folder / "theme.yaml"
    theme.write_text("name: org\ndocx:\n  reference: org.dotx\n", encoding="utf-8")
    (problem,) = check_template(str(folder))
    assert str(problem) == f"{theme}:3:14: docx.reference: file not found: 'org.dotx'"
    (folder / "org.dotx").write_text("not a Word file", encoding="utf-8")
    (problem,) = check_template(str(folder))
    assert str(problem).startswith(f"{theme}:3:14: docx.reference: cannot open org.dotx: ")


def test_a_title_longer_than_a_property_holds_is_clipped_there_only(write_briefing: Any) -> None:
    title = "An extremely long briefing title " * 12
    path = write_briefing(minimal_briefing(title=title))
    briefing, tmpl, charts, info = render_inputs(path)
    document = _open(render_word_memo(briefing, tmpl, charts, info, None))
    assert len(document.core_properties.title) == 255
    assert document.core_properties.title.endswith("…")
    assert title.strip() in _all_text(document)

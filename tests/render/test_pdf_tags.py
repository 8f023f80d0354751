"""The tagged memo read back: structure tree, marked content, PDF/UA checks.

What is tagged and why: docs/accessibility.md.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from reportgen.render.pdf._memo import render_memo
from tests.conftest import EXAMPLE, ROOT, needs_tool, render_inputs, run_tool

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TEMPLATES = ("default", "harbour")
BRIEFINGS = (EXAMPLE, *sorted((ROOT / "tests" / "data").glob("*.yaml")))
TEXT_OPS = {"Tj", "TJ", "'", '"'}
HEADING = re.compile(r"H([1-6])")


@cache
def memo(path: Path, template: str) -> bytes:
    briefing, tmpl, charts, info = render_inputs(path, template)
    return render_memo(briefing, tmpl, charts, info)


def write(tmp_path: Path, path: Path, template: str) -> Path:
    out = tmp_path / f"{path.stem}-{template}.pdf"
    out.write_bytes(memo(path, template))
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


# --- reading the structure back --------------------------------------------------------------


@dataclass
class Elem:
    """A structure element read back: role, attributes, kids, and its text in order."""

    role: str
    obj: Any
    kids: list[Elem] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annots: list[Any] = field(default_factory=list)

    def walk(self) -> Iterator[Elem]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def structure(pdf: pikepdf.Pdf) -> Elem:
    """The structure tree below /StructTreeRoot, every MCID resolved to its page index."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot

    def read(obj: Any, page: int | None) -> Elem:
        elem = Elem(str(obj.S)[1:], obj)
        if "/Pg" in obj:
            page = pages[obj.Pg.objgen]
        kids = obj.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in items:
            if isinstance(kid, int):
                assert page is not None, f"{elem.role}: MCID without a page"
                elem.mcids.append((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                elem.mcids.append((pages[kid.Pg.objgen], int(kid.MCID)))
            elif kid.get("/Type") == "/OBJR":
                elem.annots.append(kid.Obj)
            else:
                elem.kids.append(read(kid, page))
        return elem

    return Elem("StructTreeRoot", root, kids=[read(root.K, None)])


def marked_text(path: Path) -> tuple[dict[tuple[int, int], str], list[str]]:
    """Text of each (page, MCID), and the text of every artifact sequence, via pypdf."""
    texts: dict[tuple[int, int], str] = defaultdict(str)
    artifacts: list[str] = []
    stack: list[Any] = []
    page_no = [0]

    def before(op: bytes, args: Any, *_: Any) -> None:
        if op == b"BDC":
            mcid = args[1].get("/MCID") if hasattr(args[1], "get") else None
            stack.append("artifact" if mcid is None else (page_no[0], int(mcid)))
        elif op == b"BMC":
            stack.append("artifact")
        elif op == b"EMC":
            stack.pop()

    def text(t: str, *_: Any) -> None:
        if stack and stack[-1] == "artifact":
            artifacts.append(t)
        elif stack:
            texts[stack[-1]] += t

    for n, page in enumerate(PdfReader(path).pages):
        page_no[0] = n
        stack.clear()
        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts, artifacts


def structure_text(path: Path) -> list[tuple[str, str]]:
    """(role, text) of every element with content, in structure (reading) order."""
    texts, _ = marked_text(path)
    with pikepdf.open(path) as pdf:
        return [
            (e.role, flat("".join(texts[m] for m in e.mcids)))
            for e in structure(pdf).walk()
            if e.mcids
        ]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("tags"), EXAMPLE, "default")


@pytest.fixture(scope="module")
def huge_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("tags"), ROOT / "tests/data/huge.yaml", "harbour")


# --- what checkers see -----------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("briefing", BRIEFINGS, ids=lambda p: p.stem)
def test_pdfua_check_finds_nothing(briefing: Path, template: str, tmp_path: Path) -> None:
    pdf = write(tmp_path, briefing, template)
    done = run_tool(sys.executable, "-m", "pdfua", "check", str(pdf))
    assert "errors=0 warnings=0 info=0" in done.stdout, done.stdout
    assert done.returncode == 0, done.stdout


def test_pdfinfo_says_tagged(example_pdf: Path) -> None:
    needs_tool("pdfinfo")
    assert re.search(r"^Tagged:\s+yes$", run_tool("pdfinfo", str(example_pdf)).stdout, re.M)


def test_catalog_pages_and_xmp(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.Tabs == "/S" for page in pdf.pages)
        keys = [int(p.StructParents) for p in pdf.pages]
        assert len(set(keys)) == len(keys)
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Western Balkans Security Briefing"
        assert meta["dc:language"] == {"en-GB"}
        assert meta["pdfuaid:part"] == "1"
        assert meta["xmp:CreateDate"] == "2026-11-26T00:00:00Z"


# --- the structure walk ----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["example_pdf", "huge_pdf"])
def test_every_text_operator_is_tagged_or_an_artifact(which: str, request: Any) -> None:
    path: Path = request.getfixturevalue(which)
    with pikepdf.open(path) as pdf:
        tagged = {m for e in structure(pdf).walk() for m in e.mcids}
        for n, page in enumerate(pdf.pages):
            stack: list[str] = []
            seen: list[int] = []
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "BDC":
                    mcid = (
                        operands[1].get("/MCID")
                        if isinstance(operands[1], pikepdf.Dictionary)
                        else None
                    )
                    assert not stack, f"page {n + 1}: nested marked content"
                    stack.append("artifact" if mcid is None else "mcid")
                    if mcid is not None:
                        seen.append(int(mcid))
                        assert str(operands[0]) != "/Artifact"
                    else:
                        assert str(operands[0]) == "/Artifact"
                elif name == "BMC":
                    stack.append("artifact")
                elif name == "EMC":
                    stack.pop()
                elif name in TEXT_OPS:
                    assert stack, f"page {n + 1}: {name} outside marked content"
            assert not stack
            assert seen == list(range(len(seen))), f"page {n + 1}: MCIDs not 0, 1, 2, …"
            assert {(n, m) for m in seen} == {t for t in tagged if t[0] == n}
            # ParentTree: the page's array names, per MCID, the element that owns it.
            parents = pdf.Root.StructTreeRoot.ParentTree
            array = _number_tree(parents)[int(page.StructParents)]
            assert len(array) == len(seen)
            for mcid, owner in enumerate(array):
                assert mcid in _own_mcids(owner), (n, mcid)


def _number_tree(node: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    nums = list(node.get("/Nums", []))
    out.update({int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)})
    for kid in node.get("/Kids", []):
        out.update(_number_tree(kid))
    return out


def _own_mcids(elem: Any) -> set[int]:
    kids = elem.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return {int(k) if isinstance(k, int) else int(k.MCID) for k in items if _is_mcid(k)}


def _is_mcid(k: Any) -> bool:
    return isinstance(k, int) or (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR")


@pytest.mark.parametrize("which", ["example_pdf", "huge_pdf"])
def test_headings_never_skip_a_level(which: str, request: Any) -> None:
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        levels = [int(m[1]) for e in structure(pdf).walk() if (m := HEADING.fullmatch(e.role))]
    assert levels
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert {1, 2, 3} <= set(levels)


def test_every_figure_has_alt_text_and_a_box(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE, "harbour")  # harbour has a logo
    briefing, tmpl, charts, _ = render_inputs(EXAMPLE, "harbour")
    with pikepdf.open(path) as pdf:
        figures = [e for e in structure(pdf).walk() if e.role == "Figure"]
        alts = [str(f.obj.Alt) for f in figures]
        for f in figures:
            x0, y0, x1, y1 = (float(v) for v in f.obj.A.BBox)
            assert 0 <= x0 < x1 <= float(pdf.pages[0].MediaBox[2])
            assert 0 <= y0 < y1 <= float(pdf.pages[0].MediaBox[3])
            assert f.mcids
    assert all(alt.strip() for alt in alts)
    assert alts[0] == tmpl.logo_alt
    assert sorted(s.alt_text for s in charts.all()) == sorted(alts[1:])  # the deck's alt text


@pytest.mark.parametrize("which", ["example_pdf", "huge_pdf"])
def test_every_table_row_has_as_many_cells_as_its_header(which: str, request: Any) -> None:
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        tables = [e for e in structure(pdf).walk() if e.role == "Table"]
        assert tables
        for table in tables:
            rows = [e for e in table.walk() if e.role == "TR"]
            widths = {len([c for c in r.kids if c.role in ("TH", "TD")]) for r in rows}
            assert len(widths) == 1, widths
            assert all(c.role in ("TH", "TD") for r in rows for c in r.kids)
            for th in (e for e in table.walk() if e.role == "TH"):
                assert th.obj.A.Scope in ("/Column", "/Row")
        data_tables = [t for t in tables if t.kids[0].role == "THead"]
        assert data_tables


def test_a_split_table_stays_one_table_and_its_header_is_read_once(huge_pdf: Path) -> None:
    texts, artifacts = marked_text(huge_pdf)
    with pikepdf.open(huge_pdf) as pdf:
        tables = [e for e in structure(pdf).walk() if e.role == "Table"]
        split = [t for t in tables if len({p for e in t.walk() for p, _ in e.mcids}) > 1]
        assert split
        for table in split:
            head = [e for e in table.walk() if e.role == "TH"]
            header = [flat("".join(texts[m] for m in th.mcids)) for th in head]
            assert all(len(th.mcids) == 1 for th in head), header
    # The repeated header on the following pages is drawn, but as an artifact.
    assert any(header[0] in flat(a) for a in artifacts)


def test_every_link_annotation_belongs_to_a_link_element(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        links = {a.objgen: e for e in structure(pdf).walk() if e.role == "Link" for a in e.annots}
        parents = _number_tree(pdf.Root.StructTreeRoot.ParentTree)
        annots = [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
        assert annots
        for annot in annots:
            assert annot.objgen in links
            assert str(annot.Contents) == str(annot.A.URI)
            assert parents[int(annot.StructParent)].objgen == links[annot.objgen].obj.objgen


def test_lists_have_labels_and_bodies(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        items = [e for e in structure(pdf).walk() if e.role == "LI"]
    texts, _ = marked_text(example_pdf)
    assert items
    for item in items:
        roles = [k.role for k in item.kids]
        assert roles in (["Lbl", "LBody"], ["LBody"]), roles
    labels = [
        flat("".join(texts[m] for m in k.mcids)) for i in items for k in i.kids if k.role == "Lbl"
    ]
    assert set(labels) <= {"•", *(f"{n}." for n in range(1, 100))}, labels


def test_text_in_structure_order_follows_the_briefing(example_pdf: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    expected = [
        data["title"],
        data["summary"],
        *(t["headline"] for t in data["takeaways"]),
        *(f["name"] for f in data["threats"]["factors"]),
        *(s["heading"] for s in data.get("sections", [])),
        *(s["name"] for s in data["scenarios"]["items"]),
        data["conclusion"],
        *(s["title"] for s in data.get("sources", [])),
    ]
    elements = structure_text(example_pdf)
    text = " ".join(t for _, t in elements)
    at = 0
    for want in expected:
        found = text.find(flat(_plain(want)), at)
        assert found >= 0, f"{want!r} missing or out of order after {text[max(0, at - 80) : at]!r}"
        at = found
    # Banners, running header and page numbers are never read as content.
    assert "Page 1 of" not in text
    assert not any(t == "UNCLASSIFIED" for _, t in elements)


def _plain(value: Any) -> str:
    """A briefing string as printed (inline markup like **bold** or [text](url) dropped)."""
    text = str(value)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def test_a_paragraph_split_across_pages_is_one_element(huge_pdf: Path) -> None:
    texts, _ = marked_text(huge_pdf)
    with pikepdf.open(huge_pdf) as pdf:
        elements = [e for e in structure(pdf).walk() if e.mcids]
        split = [e for e in elements if len({p for p, _ in e.mcids}) > 1]
    assert any(e.role in ("P", "LBody") for e in split)  # the huge memo splits some
    data = yaml.safe_load((ROOT / "tests/data/huge.yaml").read_text(encoding="utf-8"))
    details = [flat(_plain(t["detail"])) for t in data["takeaways"] if t.get("detail")]
    bodies = [flat("".join(texts[m] for m in e.mcids)) for e in elements]
    for detail in details:  # each whole inside one list item's body, never in two halves
        assert any(detail in body for body in bodies), detail[:60]

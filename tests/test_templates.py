"""Templates (docs/templates.md): `templates check` finds located problems; own masters work."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.theming.catalog import available_templates
from reportgen.theming.theme import Template, Theme
from tests.conftest import EXAMPLE, ROOT, needs_tool, run_tool

if TYPE_CHECKING:
    from pathlib import Path

# python-pptx's built-in layouts renamed as a Finnish organisation's master might name them.
FINNISH = {
    "Title Slide": "Kansi",
    "Title and Content": "Sisältö",
    "Section Header": "Väliotsikko",
    "Two Content": "Kaksi saraketta",
    "Title Only": "Vain otsikko",
    "Blank": "Tyhjä",
}
MASTER_HAS = "the master has " + ", ".join(repr(n) for n in FINNISH.values())
EXAMPLE_SLIDES = ("Organisaation esimerkkidia", "Poista tämä esimerkki")
FINNISH_THEME = """\
name: fi
deck:
  master: pohja.pptx
  layouts:
    title: Kansi
    section: Väliotsikko
    content: [Inhalt, Sisältö]   # the German master's name first: one theme for both
    chart: Vain otsikko
    two_column: Kaksi saraketta
    closing: Vain otsikko
"""
MAPPED = {"Kansi", "Väliotsikko", "Sisältö", "Kaksi saraketta", "Vain otsikko"}
PPTX_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
POTX_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def finnish_master(examples: bool = True) -> bytes:
    """A 4:3 master (10 × 7.5 in) with our own layout names, and example slides if asked."""
    prs = Presentation()  # python-pptx's built-in deck is 4:3
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name in FINNISH:
            layout.name = FINNISH[layout.name]
        else:
            master.slide_layouts.remove(layout)
    if examples:
        for text, layout in zip(EXAMPLE_SLIDES, master.slide_layouts, strict=False):
            prs.slides.add_slide(layout).shapes.title.text = text
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def as_potx(pptx: bytes) -> bytes:
    """The same package saved as a PowerPoint template (.potx): only the main content type."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(PPTX_TYPE, POTX_TYPE)
            dst.writestr(item, body)
    return out.getvalue()


def template_dir(folder: Path, theme: str, **files: bytes) -> Path:
    """A template folder holding ``theme`` as theme.yaml and the given files."""
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(theme, encoding="utf-8")
    for name, data in files.items():
        (folder / name.replace("_", ".")).write_bytes(data)
    return folder


def build(template: str, out: Path, *formats: str) -> int:
    """Build the example briefing with ``template`` into ``out``; returns the exit code."""
    flags = [arg for f in formats for arg in ("-f", f)]
    code, _, err = run("build", str(EXAMPLE), "-t", template, "-o", str(out), "-j", "1", *flags)
    assert code == 0, err
    return code


# --- templates check: every kind of problem, located --------------------------------------


@pytest.mark.parametrize("name", ["default", "harbour"])
def test_shipped_templates_pass_check(name: str) -> None:
    assert run("templates", "check", name, str(EXAMPLE)) == (0, f"ok         {name}\n", "")


def _theme_with(layouts: str) -> str:
    return f"name: fi\ndeck:\n  master: pohja.pptx\n  layouts:\n{layouts}"


MASTER_CASES = {
    "unmapped role": (
        _theme_with(
            "    title: Kansi\n    content: Sisältö\n    chart: Vain otsikko\n"
            "    two_column: Kaksi saraketta\n    closing: Vain otsikko\n"
        ),
        "5:5: deck.layouts.section: role 'section' is not mapped and its default "
        f"'Section Header' is not in the master; {MASTER_HAS}",
    ),
    "no such layout": (
        FINNISH_THEME.replace("[Inhalt, Sisältö]", "[Inhalt, Sisällys]"),
        "7:14: deck.layouts.content: no layout for role 'content': tried 'Inhalt', 'Sisällys'; "
        + MASTER_HAS,
    ),
    "layout without a title placeholder": (
        FINNISH_THEME.replace("chart: Vain otsikko", "chart: Tyhjä"),
        "8:12: deck.layouts.chart: layout 'Tyhjä' has no title placeholder; role 'chart' needs one",
    ),
}


@pytest.mark.parametrize("case", MASTER_CASES)
def test_check_locates_master_problems(case: str, tmp_path: Path) -> None:
    theme, expected = MASTER_CASES[case]
    folder = template_dir(tmp_path / "fi", theme, pohja_pptx=finnish_master())
    assert run("templates", "check", str(folder)) == (1, "", f"{folder}/theme.yaml:{expected}\n")


def test_check_reports_a_corrupt_master_and_build_fails_the_same_way(tmp_path: Path) -> None:
    folder = template_dir(tmp_path / "fi", FINNISH_THEME, pohja_pptx=b"not a deck")
    line = (
        f"{folder}/theme.yaml:3:11: deck.master: "
        "cannot open pohja.pptx: not a zip archive, so not a .pptx or .potx\n"
    )
    assert run("templates", "check", str(folder)) == (1, "", line)
    code, _, err = run("build", str(EXAMPLE), "-t", str(folder), "-o", str(tmp_path / "out"))
    assert code == 1
    assert line in err
    assert "Traceback" not in err


THEME_CASES = {
    "missing font file": (
        "name: x\nfonts:\n  files:\n    regular: fonts/Missing.ttf\n",
        "4:14: fonts.files.regular: file not found: 'fonts/Missing.ttf'",
    ),
    "bad colour": (
        'name: x\ncolours:\n  primary: "teal"\n',
        "3:12: colours.primary: must be a colour like '#1F3A5F', got 'teal'",
    ),
    "unknown key": (
        "name: x\ncolors:\n  primary: '#123456'\n",
        "2:1: colors: unknown key 'colors'; did you mean 'colours'?",
    ),
    "asset escaping the folder": (
        "name: x\nlogo: ../../etc/passwd\n",
        "2:7: logo: must stay inside the template folder, got '../../etc/passwd'",
    ),
}


@pytest.mark.parametrize("case", THEME_CASES)
def test_check_locates_theme_problems(case: str, tmp_path: Path) -> None:
    theme, expected = THEME_CASES[case]
    folder = template_dir(tmp_path / "x", theme)
    assert run("templates", "check", str(folder)) == (1, "", f"{folder}/theme.yaml:{expected}\n")


def test_check_locates_extends_of_unknown_template(tmp_path: Path) -> None:
    folder = template_dir(tmp_path / "x", "name: x\nextends: nosuch\n")
    known = ", ".join(sorted(available_templates()))
    assert {"default", "harbour"} <= set(known.split(", "))
    expected = f"{folder}/theme.yaml:2:10: extends: unknown template 'nosuch'; available: {known}\n"
    assert run("templates", "check", str(folder)) == (1, "", expected)


def test_check_finds_characters_the_font_lacks(tmp_path: Path) -> None:
    briefing = tmp_path / "cjk.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    briefing.write_text(text.replace("title: ", "title: 民族 — ", 1), encoding="utf-8")
    line = 1 + text[: text.index("title: ")].count("\n")
    code, out, err = run("templates", "check", "default", str(briefing))
    missing = "has no glyph for '民' (U+6C11) '族' (U+65CF)"
    faces = ("DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans.ttf")
    assert (code, out) == (1, "")
    assert err == "".join(f"{briefing}:{line}:8: title: font {f} {missing}\n" for f in faces)
    assert run("templates", "check", "default", str(EXAMPLE))[0] == 0  # the same text without


def test_problem_in_an_inherited_mapping_points_at_the_parent_theme(tmp_path: Path) -> None:
    # Harbour maps every role to its own names; a child that swaps in another master
    # without remapping gets errors in harbour's theme.yaml, where those names are.
    theme = "name: child\nextends: harbour\ndeck:\n  master: pohja.pptx\n"
    folder = template_dir(tmp_path / "child", theme, pohja_pptx=finnish_master())
    code, _, err = run("templates", "check", str(folder))
    harbour = available_templates()["harbour"] / "theme.yaml"
    lines = harbour.read_text(encoding="utf-8").splitlines()
    row = next(i for i, t in enumerate(lines, 1) if t.strip() == "title: Harbour Cover")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{harbour}:{row}:12: deck.layouts.title: no layout for role 'title': "
        f"tried 'Harbour Cover'; {MASTER_HAS}"
    )
    assert len(err.splitlines()) == 6  # every role


# --- bring your own master ------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_master(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built on the 4:3 Finnish master with example slides, and without them."""
    base = tmp_path_factory.mktemp("own-master")
    decks = {}
    for kind, examples in (("with-examples", True), ("clean", False)):
        folder = template_dir(base / kind, FINNISH_THEME, pohja_pptx=finnish_master(examples))
        build(str(folder), base / f"out-{kind}", "pptx")
        decks[kind] = base / f"out-{kind}" / "western-balkans.pptx"
    return decks


def test_own_master_passes_check(tmp_path: Path) -> None:
    folder = template_dir(tmp_path / "fi", FINNISH_THEME, pohja_pptx=finnish_master())
    assert run("templates", "check", str(folder), str(EXAMPLE)) == (0, f"ok         {folder}\n", "")


def test_own_master_slides_use_the_mapped_layouts(own_master: dict[str, Path]) -> None:
    prs = Presentation(str(own_master["with-examples"]))
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[0] == "Kansi"
    assert "Kansi" not in names[1:]
    assert set(names) <= MAPPED
    assert "Sisältö" in names  # the second candidate, after the missing "Inhalt"


def test_own_master_keeps_its_4_3_size_and_everything_stays_on_the_slide(
    own_master: dict[str, Path],
) -> None:
    prs = Presentation(str(own_master["with-examples"]))
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            box = (shape.left, shape.top, shape.width, shape.height)
            assert min(box) >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_own_master_example_slides_are_left_out(own_master: dict[str, Path]) -> None:
    deck = Presentation(str(own_master["with-examples"]))
    clean = Presentation(str(own_master["clean"]))
    assert len(deck.slides) == len(clean.slides) > 10
    text = " ".join(
        shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
    )
    assert not any(example in text for example in EXAMPLE_SLIDES)
    with zipfile.ZipFile(own_master["with-examples"]) as z:  # no orphaned slide parts either
        parts = [n for n in z.namelist() if n.startswith("ppt/slides/slide")]
    assert len(parts) == len(deck.slides)


def test_own_master_deck_opens_in_libreoffice(own_master: dict[str, Path], tmp_path: Path) -> None:
    needs_tool("soffice")
    done = run_tool(
        "soffice",
        "--headless",
        f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(own_master["with-examples"]),
    )
    assert done.returncode == 0, done.stderr
    pdf = PdfReader(tmp_path / "western-balkans.pdf")
    assert len(pdf.pages) == len(Presentation(str(own_master["with-examples"])).slides)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (720, 540)  # 10 × 7.5 in


def test_potx_master_is_checked_and_builds(tmp_path: Path) -> None:
    theme = FINNISH_THEME.replace("pohja.pptx", "pohja.potx")
    folder = template_dir(tmp_path / "fi", theme, pohja_potx=as_potx(finnish_master()))
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        Presentation(str(folder / "pohja.potx"))  # why reportgen opens it itself
    assert run("templates", "check", str(folder)) == (0, f"ok         {folder}\n", "")
    build(str(folder), tmp_path / "out", "pptx")
    prs = Presentation(str(tmp_path / "out" / "western-balkans.pptx"))
    assert prs.slides[0].slide_layout.name == "Kansi"
    assert prs.slide_width == Inches(10)
    assert not any(
        s.has_text_frame and s.text_frame.text in EXAMPLE_SLIDES
        for slide in prs.slides
        for s in slide.shapes
    )


# --- the shipped templates look different ---------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Output folder of the example built with each shipped template."""
    base = tmp_path_factory.mktemp("shipped")
    for name in ("default", "harbour"):
        build(name, base / name)
    return {name: base / name for name in ("default", "harbour")}


def _pdf_fonts(pdf: Path) -> set[str]:
    """Base font names used anywhere in the PDF, subset prefixes stripped."""
    names: set[str] = set()

    def walk(resources: object) -> None:
        resources = getattr(resources, "get_object", lambda: resources)()
        if not isinstance(resources, dict):
            return
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(pdf).pages:
        walk(page.get("/Resources"))
    return names


def test_shipped_templates_give_different_page_sizes(shipped: dict[str, Path]) -> None:
    sizes = {}
    for name, out in shipped.items():
        box = PdfReader(out / "western-balkans.pdf").pages[0].mediabox
        sizes[name] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"default": (595, 842), "harbour": (612, 792)}  # A4, Letter


def test_shipped_templates_give_different_fonts(shipped: dict[str, Path]) -> None:
    default = _pdf_fonts(shipped["default"] / "western-balkans.pdf")
    harbour = _pdf_fonts(shipped["harbour"] / "western-balkans.pdf")
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= default
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= harbour
    assert not any("Serif" in f for f in default)
    assert not any(f.startswith("DejaVuSans") for f in harbour)


def test_shipped_templates_give_different_slide_layouts(shipped: dict[str, Path]) -> None:
    layouts = {
        name: {s.slide_layout.name for s in Presentation(str(out / "western-balkans.pptx")).slides}
        for name, out in shipped.items()
    }
    assert "Title Slide" in layouts["default"]
    assert all(n.startswith("Harbour ") for n in layouts["harbour"])
    assert not layouts["default"] & layouts["harbour"]


# --- templates new and extends --------------------------------------------------------------


def test_templates_new_copies_harbour_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = available_templates()["harbour"]
    code, out, err = run("templates", "new", "mine", "--from", "harbour")
    assert (code, err) == (0, "")
    assert out == "wrote templates/mine/ (from harbour); edit templates/mine/theme.yaml\n"
    copy = tmp_path / "templates" / "mine"
    for asset in ("master.pptx", "logo.png"):
        assert (copy / asset).read_bytes() == (source / asset).read_bytes()
    assert "name: mine\n" in (copy / "theme.yaml").read_text(encoding="utf-8")
    assert run("templates", "check", "mine", str(EXAMPLE)) == (0, "ok         mine\n", "")
    (copy / "theme.yaml").write_text("name: mine\n# my edits\n", encoding="utf-8")
    again = run("templates", "new", "mine", "--from", "harbour")
    assert again == (1, "", "templates/mine: already exists; not overwritten\n")
    assert (copy / "theme.yaml").read_text(encoding="utf-8") == "name: mine\n# my edits\n"


def test_extends_inherits_everything_but_what_it_sets(tmp_path: Path) -> None:
    theme = 'name: red\nextends: default\ncolours:\n  primary: "#8B0000"\n'
    folder = template_dir(tmp_path / "red", theme)
    red, default = Template.load(folder).theme, Template.load(ROOT / "templates" / "default").theme
    assert red.colours.primary == "#8B0000"
    expected = default.model_copy(
        update={
            "name": "red",
            "extends": "default",
            "colours": default.colours.model_copy(update={"primary": "#8B0000"}),
        }
    )
    assert red == expected
    assert red.page.size == "A4"
    assert red.fonts.family == "DejaVu Sans"
    assert Theme().colours.primary != red.colours.primary
    build(str(folder), tmp_path / "out")
    prs = Presentation(str(tmp_path / "out" / "western-balkans.pptx"))
    title = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    assert str(title.font.color.rgb) == "8B0000"
    assert (tmp_path / "out" / "western-balkans.pdf").stat().st_size > 10_000

"""The deck is measured in the face it is written in (docs/fonts.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PIL import ImageFont

from reportgen.render.pptx._text import Metrics
from reportgen.theming.deckfaces import BUNDLED
from reportgen.theming.theme import resolve_template
from tests.test_templates import run, template_dir

if TYPE_CHECKING:
    from pathlib import Path

TITLE = "Western Balkans Security Briefing: stability, deterrence and integration"


@pytest.mark.parametrize(
    ("template", "written", "measured"),
    [("default", "Calibri", "Carlito"), ("harbour", "Cambria", "Caladea")],
)
def test_shipped_deck_faces_are_measured_with_their_metric_compatible_face(
    template: str, written: str, measured: str
) -> None:
    face = resolve_template(template, allow_path=False).deck_face
    assert (face.written, face.measured, face.exact) == (written, measured, True)
    assert [f.name for f in face.files] == [
        f"{measured}-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic")
    ]
    assert all(f.parent == BUNDLED for f in face.files)
    assert (BUNDLED / f"OFL-{measured}.txt").read_text(encoding="utf-8").count("Open Font")


def test_metrics_measure_calibri_text_as_carlito_not_dejavu() -> None:
    template = resolve_template("default", allow_path=False)
    m = Metrics(template.deck_face)
    carlito = ImageFont.truetype(str(BUNDLED / "Carlito-Regular.ttf"), 1000).getlength(TITLE)
    dejavu = ImageFont.truetype(str(template.font.regular), 1000).getlength(TITLE)
    assert m.em(TITLE) == pytest.approx(carlito / 1000)
    assert dejavu > carlito * 1.15  # the face the deck used to be measured with: far wider


def test_liberation_stands_in_for_arial(tmp_path: Path) -> None:
    # fonts-liberation2, installed by .ci/run (LibreOffice draws Arial with it too).
    folder = template_dir(tmp_path / "arial", "name: arial\nfonts:\n  deck: Arial\n")
    face = resolve_template(str(folder), allow_path=True).deck_face
    assert (face.measured, face.exact) == ("Liberation Sans", True)
    assert face.files[0].name == "LiberationSans-Regular.ttf"


def test_check_warns_when_a_deck_face_has_no_metrics(tmp_path: Path) -> None:
    folder = template_dir(tmp_path / "g", "name: g\nfonts:\n  deck: Georgia\n")
    code, out, err = run("templates", "check", str(folder))
    assert (code, out) == (0, f"ok         {folder}\n")
    assert err == (
        f"warning: {folder}/theme.yaml: fonts.deck: deck face 'Georgia' has no metrics; "
        "its text is measured with DejaVu Sans, so widths are a guess. Use a face reportgen "
        "knows (Caladea, Carlito, Liberation Mono, Liberation Sans, Liberation Serif, or the "
        "faces they stand in for) or name its files in fonts.deck_metrics\n"
    )


def test_a_theme_names_the_metrics_of_its_deck_face(tmp_path: Path) -> None:
    theme = "name: g\nfonts:\n  deck: Georgia\n  deck_metrics: {regular: g.ttf, bold: gb.ttf}\n"
    regular = (BUNDLED / "Caladea-Regular.ttf").read_bytes()
    bold = (BUNDLED / "Caladea-Bold.ttf").read_bytes()
    folder = template_dir(tmp_path / "g", theme, g_ttf=regular, gb_ttf=bold)
    assert run("templates", "check", str(folder)) == (0, f"ok         {folder}\n", "")
    face = resolve_template(str(folder), allow_path=True).deck_face
    assert [f.name for f in face.files] == ["g.ttf", "gb.ttf", "g.ttf", "gb.ttf"]
    assert (face.measured, face.exact) == ("g.ttf", True)


def test_deck_metrics_outside_the_template_folder_are_refused(tmp_path: Path) -> None:
    theme = "name: g\nfonts:\n  deck: Georgia\n  deck_metrics: {regular: ../x.ttf}\n"
    folder = template_dir(tmp_path / "g", theme)
    code, _, err = run("templates", "check", str(folder))
    assert code == 1
    assert err == (
        f"{folder}/theme.yaml:4:27: fonts.deck_metrics.regular: "
        "must stay inside the template folder, got '../x.ttf'\n"
    )


def test_check_warns_when_series_colours_are_too_close(tmp_path: Path) -> None:
    theme = 'name: m\ncolours:\n  series: ["#7A1F3D", "#C77D2E", "#8B2346", "#1B7F8C"]\n'
    folder = template_dir(tmp_path / "m", theme)
    code, out, err = run("templates", "check", str(folder))
    assert (code, out) == (0, f"ok         {folder}\n")
    assert err == (
        f"warning: {folder}/theme.yaml: colours.series: #7A1F3D and #8B2346 are hard to tell "
        "apart in a chart (colour difference ΔE2000 3.6, below 12); choose colours further apart\n"
    )


def test_ciede2000_matches_the_published_test_data() -> None:
    from reportgen.theming.colour import ciede2000

    # Sharma, Wu and Dalal (2005), pairs 1, 3, 17 and 28.
    for lab1, lab2, expected in [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ]:
        assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)

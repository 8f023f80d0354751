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

"""Chart images: SVG that parses, PNG that opens, theme fonts, no timestamps, no global state."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from reportgen.render.images import render_charts
from tests.conftest import EXAMPLE, minimal_briefing, render_inputs

if TYPE_CHECKING:
    from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_charts(*render_inputs(EXAMPLE), None)


def test_every_chart_is_an_svg_and_a_png(files: dict[str, bytes]) -> None:
    _, _, charts, _ = render_inputs(EXAMPLE)
    keys = [spec.key for spec in charts.all()]
    assert sorted(files) == sorted(f"{k}.{ext}" for k in keys for ext in ("svg", "png"))


def test_svgs_parse_and_carry_title_and_alt_text(files: dict[str, bytes]) -> None:
    _, _, charts, _ = render_inputs(EXAMPLE)
    for spec in charts.all():
        root = ET.fromstring(files[f"{spec.key}.svg"])
        assert root.tag == f"{SVG}svg"
        assert root.findtext(f"{SVG}title") == spec.title
        assert root.findtext(f"{SVG}desc") == spec.alt_text
        text = files[f"{spec.key}.svg"].decode()
        assert "<dc:date>" not in text  # no build date in the metadata


def test_pngs_open_at_twice_screen_resolution_without_timestamps(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if not name.endswith(".png"):
            continue
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.format == "PNG"
        # 170 mm of A4 text width at 192 dpi
        assert image.width == pytest.approx(166 / 25.4 * 192, abs=2), name
        assert "Software" not in image.info
        assert b"tIME" not in data
        assert image.info.get("dpi", (192, 192))[0] == pytest.approx(192, abs=1)


def test_charts_draw_in_the_theme_font(files: dict[str, bytes], tmp_path: Path) -> None:
    # svg.fonttype 'path': each glyph is a path whose id names the font file it came from.
    text = files["risk-scores.svg"].decode()
    assert 'id="DejaVuSans-' in text
    assert 'id="DejaVuSans-Bold-' in text  # the title


def test_rendering_twice_gives_identical_bytes_and_leaves_matplotlib_as_it_was() -> None:
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    first = render_charts(*render_inputs(EXAMPLE), None)
    assert dict(mpl.rcParams) == before
    assert render_charts(*render_inputs(EXAMPLE), None) == first


def test_long_names_and_single_items_draw(write_briefing: object) -> None:
    long = "A very long threat factor name that goes on " * 3
    path = write_briefing(  # type: ignore[operator]
        minimal_briefing(threats={"factors": [{"name": long, "likelihood": 5, "impact": 5}]})
    )
    files = render_charts(*render_inputs(path), None)
    assert sorted(files) == sorted(
        f"{k}.{e}" for k in ("risk-scores", "risk-matrix", "scenarios") for e in ("svg", "png")
    )
    for name, data in files.items():
        if name.endswith(".png"):
            Image.open(io.BytesIO(data)).load()


def test_build_f_charts_writes_a_folder_tracked_in_the_manifest(
    write_briefing: object, tmp_path: Path
) -> None:
    from tests.test_build import run

    path = write_briefing(minimal_briefing(), "brief")  # type: ignore[operator]
    out = tmp_path / "out"
    code, stdout, _ = run("build", str(path), "-o", str(out), "-f", "charts")
    assert code == 0
    folder = out / "brief" / "charts"
    assert str(folder) in stdout
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        f"{k}.{e}" for k in ("risk-scores", "risk-matrix", "scenarios") for e in ("svg", "png")
    )
    assert not (out / "brief.pdf").exists()  # only the format asked for
    assert run("build", str(path), "-o", str(out), "-f", "charts", "--check")[0] == 0
    (folder / "scenarios.png").unlink()
    code, stdout, _ = run("build", str(path), "-o", str(out), "-f", "charts", "--check")
    assert code == 3
    assert f"missing    {folder}" in stdout


def test_a_chart_that_goes_away_leaves_no_stale_image(
    write_briefing: object, tmp_path: Path
) -> None:
    from tests.test_build import run

    factor = {"name": "Only factor", "likelihood": 2, "impact": 3}
    history = [{"date": "2026-05-01", "likelihood": 1, "impact": 3}]
    path = write_briefing(  # type: ignore[operator]
        minimal_briefing(threats={"factors": [{**factor, "history": history}]}), "brief"
    )
    out = tmp_path / "out"
    assert run("build", str(path), "-o", str(out), "-f", "charts")[0] == 0
    folder = out / "brief" / "charts"
    assert (folder / "history.svg").is_file()
    write_briefing(minimal_briefing(), "brief")  # type: ignore[operator]
    assert run("build", str(path), "-o", str(out), "-f", "charts")[0] == 0
    assert not (folder / "history.svg").exists()
    assert not (folder / "history.png").exists()
    assert (folder / "risk-scores.svg").is_file()

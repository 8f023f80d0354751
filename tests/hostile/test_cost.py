"""Inputs that used to cost minutes: long unbreakable words, deep `extends` chains.

Run under the suite's CPU limit (test_hostile.py): too slow is a failed test, not a hang.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from pypdf import PdfReader

from tests.hostile.test_hostile import BASE
from tests.hostile.test_text_and_paths import run

if TYPE_CHECKING:
    from pathlib import Path


def test_four_20000_character_factor_names_build(tmp_path: Path) -> None:
    names = "".join(f"    - {{name: {c * 19_990}, likelihood: 2, impact: 2}}\n" for c in "WXYZ")
    source = tmp_path / "long.yaml"
    source.write_text(BASE.replace("scenarios:", names + "scenarios:", 1))
    assert source.stat().st_size > 80_000
    out = tmp_path / "out"
    done = run("build", "-j", "1", "-o", str(out), str(source))
    assert done.returncode == 0, done.stderr[-2000:]
    pages = PdfReader(out / "long.pdf").pages
    text = "".join(p.extract_text() for p in pages).replace("\n", "")
    assert "W" * 80 + "…" in text
    assert "W" * 81 not in text  # cut with an ellipsis, never run off the page
    with zipfile.ZipFile(out / "long.pptx") as deck:
        slides = b"".join(deck.read(n) for n in deck.namelist() if n.startswith("ppt/slides/"))
        charts = b"".join(deck.read(n) for n in deck.namelist() if n.startswith("ppt/charts/"))
    assert b"WWWW" in slides
    # A chart application cannot break a category label: cut with an ellipsis as in the PDF.
    assert ("W" * 80 + "…").encode() in charts
    assert b"W" * 81 not in charts


def test_scenario_name_with_a_long_word_builds(tmp_path: Path) -> None:
    source = tmp_path / "s.yaml"
    source.write_text(BASE.replace("name: Escalation", "name: " + "Ü" * 6000, 1))
    out = tmp_path / "out"
    done = run("build", "-j", "1", "-o", str(out), str(source))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "LayoutError" not in done.stderr
    assert {p.name for p in out.iterdir() if p.is_file()} == {"s.pdf", "s.pptx"}


def test_listing_300_templates_extending_each_other_is_quick(tmp_path: Path) -> None:
    base = tmp_path / "templates"
    for i in range(300):
        (base / f"t{i:03}").mkdir(parents=True)
        parent = f"extends: t{i + 1:03}\n" if i < 299 else ""
        (base / f"t{i:03}" / "theme.yaml").write_text(f"name: t{i:03}\n{parent}")
    done = run("templates", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum("extend each other more than 10 deep" in line for line in lines) == 289
    assert any(line.startswith("t299 ") and "(no description)" in line for line in lines)

"""Bundled fonts: shipped as package data, found from the package itself, never via matplotlib."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
from typing import TYPE_CHECKING

import pytest

from reportgen.cli import main
from reportgen.theming.families import BUNDLED_FAMILIES, FONT_DIR, bundled_face
from tests.conftest import EXAMPLE, ROOT

if TYPE_CHECKING:
    from pathlib import Path

# Imported first by every Python process started with this folder on PYTHONPATH (build
# workers included): any import of matplotlib fails.
_BLOCK = "import sys\nsys.modules['matplotlib'] = None\n"


def test_every_bundled_family_has_its_files_and_licence() -> None:
    for family, row in BUNDLED_FAMILIES.items():
        face = bundled_face(family)
        for path in (face.regular, face.bold, face.italic, face.bold_italic):
            assert path.parent == FONT_DIR
            assert path.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true"), f"{path} is no TTF"
        assert (FONT_DIR / row.licence).stat().st_size > 0, f"{family}: no licence file"


def test_the_font_folder_ships_as_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["reportgen"]
    folder = FONT_DIR.relative_to(ROOT / "reportgen").as_posix()
    assert f"{folder}/*" in patterns


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    code = main(["build", "-q", "-o", str(out), str(EXAMPLE)], stdout=io.StringIO())
    assert code == 0
    return {p.name: p.read_bytes() for p in out.glob("western-balkans.*")}


@pytest.mark.parametrize("mode", ["matplotlib unimportable", "python -O"])
def test_example_builds_without_matplotlib_and_under_optimize(
    mode: str, tmp_path: Path, reference: dict[str, bytes]
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    flags = []
    if mode == "python -O":
        flags = ["-O"]
    else:
        (tmp_path / "sitecustomize.py").write_text(_BLOCK, "utf-8")
        env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(ROOT)])
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, *flags, "-m", "reportgen", "build", "-q", "-o", str(out), str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert {p.name: p.read_bytes() for p in out.glob("western-balkans.*")} == reference

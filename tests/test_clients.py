"""Real clients accept every output: poppler, LibreOffice and python-pptx (docs/validation.md).

qpdf and the other validators check every output in tests/test_validators.py.
"""

from __future__ import annotations

import io
import re
import uuid
from typing import TYPE_CHECKING

import pytest

from reportgen.cli import main
from tests.conftest import EXAMPLE, ROOT, needs_tool, run_tool

if TYPE_CHECKING:
    from pathlib import Path

EDGE_CASES = sorted((ROOT / "tests" / "data").glob("*.yaml"))
SOURCES = [EXAMPLE, *EDGE_CASES]
NAMES = [p.stem for p in SOURCES]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example and every edge briefing, built once for this module."""
    out = tmp_path_factory.mktemp("clients")
    err = io.StringIO()
    code = main(
        ["build", "-j", "2", "-o", str(out), *map(str, SOURCES)], stdout=io.StringIO(), stderr=err
    )
    assert code == 0, err.getvalue()
    return out


@pytest.mark.parametrize("name", NAMES)
def test_pdf_embeds_every_font(built: Path, name: str) -> None:
    needs_tool("pdffonts")
    done = run_tool("pdffonts", str(built / f"{name}.pdf"))
    assert done.returncode == 0
    rows = done.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # columns: name type encoding emb sub uni object ID
        emb = row.split()[-5]
        assert emb == "yes", row


@pytest.mark.parametrize("name", NAMES)
def test_deck_reopens_with_python_pptx(built: Path, name: str) -> None:
    from pptx import Presentation

    prs = Presentation(str(built / f"{name}.pptx"))
    assert len(prs.slides) >= 8


def test_libreoffice_converts_every_deck_one_page_per_slide(built: Path, tmp_path: Path) -> None:
    from pptx import Presentation

    needs_tool("soffice")
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    decks = [str(built / f"{name}.pptx") for name in NAMES]
    done = run_tool(
        "soffice",
        "--headless",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        *decks,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for name in NAMES:
        converted = tmp_path / f"{name}.pdf"
        assert converted.is_file(), f"LibreOffice did not convert {name}.pptx: {done.stderr}"
        info = run_tool("pdfinfo", str(converted))
        pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
        assert pages == len(Presentation(str(built / f"{name}.pptx")).slides), name

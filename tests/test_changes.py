"""What changed between editions (README.md): detected, and shown in diff, deck and memo."""

from __future__ import annotations

import io
import subprocess
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from reportgen.cli import main
from tests.conftest import minimal_briefing, needs_tool

if TYPE_CHECKING:
    from pathlib import Path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def edition(**changes: Any) -> dict[str, Any]:
    data = minimal_briefing(
        takeaways=[{"headline": "Support holds"}, {"headline": "Old takeaway"}],
        threats={
            "factors": [
                {"name": "Ethnic tensions", "likelihood": 3, "impact": 5},
                {"name": "Foreign interference", "likelihood": 4, "impact": 4},
                {"name": "Dropped factor", "likelihood": 2, "impact": 2},
            ]
        },
        scenarios={
            "horizon": 2029,
            "items": [
                {"name": "Escalation", "probability": 0.1, "indicators": ["Old signpost", "Kept"]},
                {"name": "Stalemate", "probability": 0.5},
            ],
        },
        date="2026-08-15",
    )
    data.update(changes)
    return data


NEW = edition(
    date="2026-11-26",
    takeaways=[{"headline": "support HOLDS"}, {"headline": "New takeaway"}],
    threats={
        "factors": [
            {"name": "ethnic tensions", "likelihood": 4, "impact": 5},
            {
                "name": "External influences",
                "renamed_from": "Foreign interference",
                "likelihood": 4,
                "impact": 4,
            },
            {"name": "Brand-new factor", "likelihood": 1, "impact": 1},
        ]
    },
    scenarios={
        "horizon": 2029,
        "items": [
            {"name": "Escalation", "probability": 0.3, "indicators": ["Kept", "New signpost"]},
            {"name": "Breakthrough", "probability": 0.2},
        ],
    },
)

EXPECTED_LINES = [
    "ethnic tensions: ▲ score 15 → 20, high → critical (likelihood 3 → 4)",
    "External influences (renamed from Foreign interference): unchanged at 16 (critical)",
    "New: Brand-new factor",
    "Removed: Dropped factor",
    "Escalation: ▲ 10% (very unlikely) → 30% (unlikely)",
    "New: Breakthrough",
    "Removed: Stalemate",
    "New for Escalation: New signpost",
    "Dropped from Escalation: Old signpost",
    "New: New takeaway",
    "Removed: Old takeaway",
]


@pytest.fixture
def editions(write_briefing) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    return write_briefing(edition(), "old"), write_briefing(NEW, "new")


def test_diff_text_shows_every_kind_of_change(editions: tuple[Path, Path]) -> None:
    old, new = editions
    code, out, err = run("diff", str(old), str(new))
    assert (code, err) == (0, "")
    assert out == (
        "What changed since the previous edition (15 August 2026)\n\n"
        "Threat factors:\n"
        + "".join(f"  - {line}\n" for line in EXPECTED_LINES[:4])
        + "\nScenarios:\n"
        + "".join(f"  - {line}\n" for line in EXPECTED_LINES[4:7])
        + "\nIndicators:\n"
        + "".join(f"  - {line}\n" for line in EXPECTED_LINES[7:9])
        + "\nTakeaways:\n"
        + "".join(f"  - {line}\n" for line in EXPECTED_LINES[9:])
    )


def test_diff_markdown(editions: tuple[Path, Path]) -> None:
    old, new = editions
    code, out, _ = run("diff", "--format", "markdown", str(old), str(new))
    assert code == 0
    assert out.startswith(
        "## What changed since the previous edition (15 August 2026)\n\n### Threat factors\n"
    )
    assert "- Brand-new factor" not in out  # it is "New: Brand-new factor"
    assert "- New: Brand-new factor\n" in out


def test_identical_editions(editions: tuple[Path, Path]) -> None:
    old, _ = editions
    assert run("diff", str(old), str(old)) == (0, "No changes since 15 August 2026\n", "")


def test_diff_of_an_invalid_file_is_located(editions: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = editions
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\ntitle: [\n", encoding="utf-8")
    code, out, err = run("diff", str(old), str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"{bad}:3:1: invalid YAML: ")


def _deck_text(path: Path) -> str:
    from pptx import Presentation

    return "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def _pdf_text(path: Path) -> str:
    needs_tool("pdftotext")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def test_build_since_shows_changes_in_deck_and_memo(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = editions
    code, _, err = run(
        "build", "-j", "1", "-o", str(tmp_path / "out"), "--since", str(old), str(new)
    )
    assert (code, err) == (0, "")
    deck = _deck_text(tmp_path / "out" / "new.pptx")
    memo = _pdf_text(tmp_path / "out" / "new.pdf")
    assert "What changed since the previous edition (15 August 2026)" in deck
    assert "What changed since the previous edition (15 August 2026)" in memo
    for line in EXPECTED_LINES:
        assert line in deck, line
        assert " ".join(line.split()) in memo, line


def test_previous_key_in_the_briefing(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "summer.yaml").write_text(
        yaml.safe_dump(edition(), allow_unicode=True), encoding="utf-8"
    )
    current = tmp_path / "current.yaml"
    current.write_text(
        yaml.safe_dump({**NEW, "previous": "archive/summer.yaml"}, allow_unicode=True), "utf-8"
    )
    code, _, err = run("build", "-j", "1", "-f", "pptx", "-o", str(tmp_path / "out"), str(current))
    assert (code, err) == (0, "")
    assert "New: Brand-new factor" in _deck_text(tmp_path / "out" / "current.pptx")


def test_missing_previous_edition_is_a_located_error(write_briefing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_briefing(minimal_briefing(previous="archive/nope.yaml"))
    code, _, err = run("build", "-j", "1", "-o", str(tmp_path / "out"), str(path))
    assert code == 1
    line = err.splitlines()[1]
    assert line.startswith(f"{path}:")
    assert line.endswith(f"previous: no such file: {path.parent / 'archive' / 'nope.yaml'}")


def test_history_without_previous_edition_shows_change_since_last_assessment(
    write_briefing,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    data = minimal_briefing(
        threats={
            "factors": [
                {
                    "name": "Ethnic tensions",
                    "likelihood": 4,
                    "impact": 5,
                    "history": [{"date": "2026-08-15", "likelihood": 3, "impact": 5}],
                },
            ]
        }
    )
    path = write_briefing(data)
    run("build", "-j", "1", "-f", "pptx", "-o", str(tmp_path / "out"), str(path))
    deck = _deck_text(tmp_path / "out" / f"{path.stem}.pptx")
    assert "What changed since the last assessment (15 August 2026)" in deck
    assert "Ethnic tensions: ▲ score 15 → 20, high → critical (likelihood 3 → 4)" in deck

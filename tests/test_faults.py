"""One broken template fails its briefings alone; validate says what build would say."""

from __future__ import annotations

import io
import json
import os
import shutil
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from reportgen.cli import main
from tests.conftest import ROOT, minimal_briefing

if TYPE_CHECKING:
    from pathlib import Path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(path: Path, **overrides: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(minimal_briefing(**overrides), allow_unicode=True), "utf-8")
    return path


def recorded(project: Path) -> set[str]:
    manifest = project / "out" / ".reportgen" / "manifest.json"
    return set(json.loads(manifest.read_text("utf-8"))["outputs"])


def broken_font(folder: Path) -> None:
    (folder / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"not really a font" * 10)
    theme = folder / "theme.yaml"
    theme.write_text(
        theme.read_text("utf-8").replace(
            "  family: DejaVu Sans        # built-in: DejaVu Sans, DejaVu Serif; or give `files:`",
            "  family: Broken\n  files: {regular: broken.ttf}",
        ),
        "utf-8",
    )


def logo_loop(folder: Path) -> None:
    os.symlink("loop.png", folder / "loop.png")
    with (folder / "theme.yaml").open("a", encoding="utf-8") as handle:
        handle.write("logo: loop.png\n")


BREAKAGES = {"broken-font": broken_font, "logo-symlink-loop": logo_loop}


def located(line: str, project: Path) -> bool:
    """A line located at the briefing, or (checked at template load) at the broken template's
    theme file with line and column."""
    theme = str(project / "templates" / "broken" / "theme.yaml")
    return line.startswith("data/bravo.yaml: ") or (
        line.startswith(f"{theme}:") and line[len(theme) + 1 : len(theme) + 2].isdigit()
    )


@pytest.fixture(params=sorted(BREAKAGES))
def project(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Two good briefings and one on a template that is broken in the parametrized way."""
    folder = tmp_path / "templates" / "broken"
    shutil.copytree(ROOT / "templates" / "default", folder)
    BREAKAGES[request.param](folder)
    write(tmp_path / "data" / "alpha.yaml")
    write(tmp_path / "data" / "bravo.yaml", template="broken")
    write(tmp_path / "data" / "charlie.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_template_fails_its_briefing_alone(project: Path, jobs: str) -> None:
    code, out, err = run("build", "-j", jobs, "data")
    assert code == 1
    assert "internal error" not in err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == "failed     data/bravo.yaml"
    assert located(lines[1], project), lines[1]
    assert len(lines) == 2
    assert out.splitlines()[-1] == "2 built, 1 failed"
    assert recorded(project) == {"alpha.pdf", "alpha.pptx", "charlie.pdf", "charlie.pptx"}
    code, out, _ = run("build", "--check", "-q", "data")
    assert (code, out) == (
        3,
        "missing    out/bravo.pdf (from data/bravo.yaml)\n"
        "missing    out/bravo.pptx (from data/bravo.yaml)\n",
    )


def test_validate_reports_a_broken_template_as_one_line(project: Path) -> None:
    code, out, err = run("validate", "data")
    assert code == 1
    assert out == "ok         data/alpha.yaml\nok         data/charlie.yaml\n"
    assert len(err.splitlines()) == 1
    assert located(err, project), err
    assert "internal error" not in err


def test_templates_and_templates_check_report_a_broken_template(project: Path) -> None:
    code, out, err = run("templates")
    assert code == 0
    assert any(line.startswith("broken ") for line in out.splitlines())
    code, out, err = run("templates", "check", "templates/broken", "data/bravo.yaml")
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("templates/broken")
    assert "internal error" not in err


# --- validate does what build does, short of rendering -----------------------------------------


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_fails_on_a_missing_previous_edition_like_build(plain: Path) -> None:
    write(plain / "data" / "alpha.yaml", previous="archive/nope.yaml")
    code, out, err = run("validate", "data/alpha.yaml")
    assert (code, out) == (1, "")
    assert err == "data/alpha.yaml:3:11: previous: no such file: data/archive/nope.yaml\n"
    code, _, build_err = run("build", "-j", "1", "data/alpha.yaml")
    assert code == 1
    assert build_err == "failed     data/alpha.yaml\n" + err


def test_glyph_warnings_in_validate_and_again_while_up_to_date(plain: Path) -> None:
    write(plain / "data" / "alpha.yaml", summary="Kyiv 基辅")
    warning = "warning: data/alpha.yaml:"
    code, out, err = run("validate", "data/alpha.yaml")
    assert (code, out) == (0, "ok         data/alpha.yaml\n")
    assert err.startswith(warning)
    assert "has no glyph for '基' (U+57FA)" in err
    assert run("validate", "--strict", "data/alpha.yaml")[0] == 1

    code, out, build_err = run("build", "-j", "1", "data/alpha.yaml")
    assert code == 0
    assert build_err == err  # the same warnings as validate
    assert out.splitlines()[-1] == "1 built, 1 warning"
    code, out, again = run("build", "-j", "1", "data/alpha.yaml")
    assert code == 0
    assert again == err  # kept in the manifest, shown again
    assert out == "up to date data/alpha.yaml\n1 up to date, 1 warning\n"
    assert run("build", "-j", "1", "--strict", "data/alpha.yaml")[0] == 1
    assert run("build", "--check", "--strict", "data/alpha.yaml")[0] == 1


def test_validate_reports_an_unreadable_master_like_build(plain: Path) -> None:
    folder = plain / "templates" / "fi"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text("name: fi\ndeck:\n  master: pohja.pptx\n", "utf-8")
    (folder / "pohja.pptx").write_bytes(b"not a deck")
    write(plain / "data" / "alpha.yaml", template="fi")
    write(plain / "data" / "bravo.yaml", template="fi")
    line = (
        f"{folder}/theme.yaml:3:11: deck.master: "
        "cannot open pohja.pptx: not a zip archive, so not a .pptx or .potx"
    )
    code, out, err = run("validate", "data")
    assert (code, out, err) == (1, "", f"{line}\n{line}\n")
    code, _, build_err = run("build", "-j", "1", "data/alpha.yaml")
    assert code == 1
    assert build_err == f"failed     data/alpha.yaml\n{line}\n"

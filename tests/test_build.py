"""Incremental, checkable, sharded, atomic builds (docs/ci.md), through the real CLI."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reportgen.cli import main
from tests.conftest import EXAMPLE, ROOT, minimal_briefing

if TYPE_CHECKING:
    from pathlib import Path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project: data/ with two small briefings, templates/, out/; cwd inside it."""
    import yaml

    (tmp_path / "data").mkdir()
    for name in ("alpha", "bravo"):
        text = yaml.safe_dump(minimal_briefing(title=f"Briefing {name}"), allow_unicode=True)
        (tmp_path / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_then_nothing_to_do(project: Path) -> None:
    code, out, err = run("build", "-j", "1", "data")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "2 built"
    first = _snapshot(project / "out")
    assert set(first) == {"alpha.pdf", "alpha.pptx", "bravo.pdf", "bravo.pptx"}
    code, out, _ = run("build", "-j", "1", "data")
    assert code == 0
    assert out.splitlines() == [
        "up to date data/alpha.yaml",
        "up to date data/bravo.yaml",
        "2 up to date",
    ]
    assert _snapshot(project / "out") == first


def test_check_exits_3_until_built_then_0(project: Path) -> None:
    code, out, _ = run("build", "--check", "data")
    assert code == 3
    assert out.splitlines() == [
        "missing    out/alpha.pdf (from data/alpha.yaml)",
        "missing    out/alpha.pptx (from data/alpha.yaml)",
        "missing    out/bravo.pdf (from data/bravo.yaml)",
        "missing    out/bravo.pptx (from data/bravo.yaml)",
        "4 of 4 outputs missing or out of date",
    ]
    assert not (project / "out").exists()  # --check writes nothing
    assert run("build", "-j", "1", "data")[0] == 0
    assert run("build", "--check", "data") == (0, "all 4 outputs up to date\n", "")
    (project / "data" / "alpha.yaml").write_text(
        (project / "data" / "alpha.yaml").read_text(encoding="utf-8") + "# edited\n",
        encoding="utf-8",
    )
    assert run("build", "--check", "-q", "data")[1] == (
        "stale      out/alpha.pdf (from data/alpha.yaml)\n"
        "stale      out/alpha.pptx (from data/alpha.yaml)\n"
    )


def test_deleted_or_tampered_output_is_stale(project: Path) -> None:
    run("build", "-j", "1", "data")
    (project / "out" / "alpha.pdf").unlink()
    (project / "out" / "bravo.pptx").write_bytes(b"not a deck")
    code, out, _ = run("build", "--check", "-q", "data")
    assert code == 3
    assert out.splitlines() == [
        "missing    out/alpha.pdf (from data/alpha.yaml)",
        "stale      out/bravo.pptx (from data/bravo.yaml)",
    ]


def test_touching_a_template_makes_exactly_its_briefings_stale(project: Path) -> None:
    import yaml

    shutil.copytree(ROOT / "templates" / "default", project / "templates" / "house")
    text = yaml.safe_dump(minimal_briefing(template="house"), allow_unicode=True)
    (project / "data" / "charlie.yaml").write_text(text, encoding="utf-8")
    assert run("build", "-j", "1", "data")[0] == 0
    theme = project / "templates" / "house" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    code, out, _ = run("build", "--check", "-q", "data")
    assert code == 3
    assert {line.split("(from ")[1] for line in out.splitlines()} == {"data/charlie.yaml)"}


def test_force_rebuilds(project: Path) -> None:
    run("build", "-j", "1", "data")
    code, out, _ = run("build", "-j", "1", "--force", "data")
    assert code == 0
    assert out.splitlines()[-1] == "2 built"


def test_shards_cover_every_briefing_once(project: Path) -> None:
    import yaml

    for i in range(10):
        text = yaml.safe_dump(minimal_briefing(title=f"B{i}"), allow_unicode=True)
        (project / "data" / f"extra-{i}.yaml").write_text(text, encoding="utf-8")
    stale = []
    for k in (1, 2):
        code, out, _ = run("build", "--check", "-q", "-f", "pdf", "--shard", f"{k}/2", "data")
        assert code == 3
        stale.append({line.split("(from ")[1] for line in out.splitlines()})
    assert not stale[0] & stale[1]
    assert len(stale[0] | stale[1]) == 12
    assert stale[0]
    assert stale[1]


def test_one_bad_briefing_does_not_stop_the_others(project: Path) -> None:
    (project / "data" / "broken.yaml").write_text("schema: 1\ntitle: [\n", encoding="utf-8")
    code, out, err = run("build", "-j", "1", "data")
    assert code == 1
    assert err.startswith("failed     data/broken.yaml\ndata/broken.yaml:3:1: invalid YAML: ")
    assert "Traceback" not in err
    assert sorted(p.name for p in (project / "out").glob("*.p*")) == [
        "alpha.pdf",
        "alpha.pptx",
        "bravo.pdf",
        "bravo.pptx",
    ]


def test_invalid_edit_keeps_previous_outputs(project: Path) -> None:
    run("build", "-j", "1", "data")
    before = _snapshot(project / "out")
    (project / "data" / "alpha.yaml").write_text("schema: 1\n", encoding="utf-8")
    assert run("build", "-j", "1", "data")[0] == 1
    assert _snapshot(project / "out") == before
    assert not [p for p in (project / "out").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_renderer_failure_keeps_previous_outputs(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    run("build", "-j", "1", "data")
    before = _snapshot(project / "out")
    import reportgen.render.pptx as deck

    def explode(*args: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(deck, "render_deck", explode)
    code, _, err = run("build", "-j", jobs, "--force", "data")
    assert code == 1
    assert "data/alpha.yaml: building PPTX failed: RuntimeError: boom" in err
    assert _snapshot(project / "out") == before  # the PDF was rendered but not written alone
    assert not [p for p in (project / "out").iterdir() if p.name.endswith(".tmp")]


def test_parallel_build_matches_serial(project: Path) -> None:
    run("build", "-j", "1", "-o", "serial", "data")
    run("build", "-j", "2", "-o", "parallel", "data")
    assert _snapshot(project / "serial") == _snapshot(project / "parallel")


def test_noop_build_imports_no_heavy_library(project: Path) -> None:
    run("build", "-j", "1", "data")
    code = (
        "import io, sys\nfrom reportgen.cli import main\n"
        "rc = main(['build', 'data'], stdout=io.StringIO(), stderr=io.StringIO())\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('reportlab', 'pptx', 'matplotlib', 'pydantic'))\n"
        "print(rc, heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=project
    )
    assert done.stdout.strip() == "0 []"


def test_example_builds(tmp_path: Path) -> None:
    code, out, err = run("build", "-j", "1", "-o", str(tmp_path), str(EXAMPLE))
    assert (code, err) == (0, "")
    assert (tmp_path / "western-balkans.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "western-balkans.pptx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unwritable_output_folder_fails_each_briefing_cleanly(project: Path, jobs: str) -> None:
    (project / "blocked").write_text("a file where the output folder should be", "utf-8")
    code, _, err = run("build", "-j", jobs, "-o", "blocked", "data")
    assert code == 1
    assert "internal error" not in err
    for name in ("alpha", "bravo"):
        assert f"failed     data/{name}.yaml\ndata/{name}.yaml: writing failed: " in err


def _explode(*args: object) -> bytes:
    raise RuntimeError("boom inside the renderer")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_debug_prints_the_traceback_of_a_renderer_failure(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    import reportgen.render.pptx as deck

    monkeypatch.setattr(deck, "render_deck", _explode)
    line = "data/alpha.yaml: building PPTX failed: RuntimeError: boom inside the renderer"
    code, _, err = run("build", "-j", jobs, "data")
    assert code == 1
    assert line in err
    assert "Traceback" not in err
    code, _, err = run("--debug", "build", "-j", jobs, "data")
    assert code == 1
    trace = err[: err.index(line)]
    assert "Traceback (most recent call last):" in trace
    assert 'raise RuntimeError("boom inside the renderer")' in trace  # the failing line itself
    assert "\nRuntimeError: boom inside the renderer\n" in trace  # the traceback's last line

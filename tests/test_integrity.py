"""Never a silently wrong, mixed or half-written output (docs/ci.md): identity, code, manifest."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
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
    text = yaml.safe_dump(minimal_briefing(**overrides), allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """data/alpha.yaml and data/bravo.yaml; cwd inside."""
    for name in ("alpha", "bravo"):
        write(tmp_path / "data" / f"{name}.yaml", title=f"Briefing {name}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- output identity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"), [("d1/x.yaml", "d2/x.yaml"), ("d1/x.yaml", "d1/x.yml")]
)
def test_two_inputs_for_one_output_fail_before_anything_is_built(
    project: Path, first: str, second: str
) -> None:
    write(project / first, title="One")
    write(project / second, title="Two")
    folders = sorted({first.split("/")[0], second.split("/")[0]})
    code, out, err = run("build", "-j", "1", "data", *folders)
    assert code == 1
    assert out == ""
    assert err == (
        f"reportgen: {first} and {second} would both write out/x.pdf and out/x.pptx; "
        "rename one of them, or build each folder into its own -o folder\n"
    )
    assert not (project / "out").exists()  # nothing written, not even for the others
    assert run("build", "--check", "data", *folders)[0] == 1


def test_the_same_file_named_twice_is_not_a_collision(project: Path) -> None:
    code, out, _ = run("build", "-j", "1", "data", "data/alpha.yaml")
    assert code == 0
    assert out.splitlines()[-1] == "2 built"


# --- --since -----------------------------------------------------------------------------------


def test_since_with_more_than_one_briefing_is_a_usage_error(project: Path) -> None:
    old = write(project / "archive" / "old.yaml", title="Old")
    code, out, err = run("build", "-j", "1", "--since", str(old), "data")
    assert code == 2
    assert out == ""
    assert err == (
        "reportgen: --since compares one briefing with its previous edition, but 2 were given; "
        "build one briefing at a time, or set `previous:` in each briefing\n"
    )
    assert not (project / "out").exists()


def test_since_sharing_no_name_with_the_briefing_warns(project: Path) -> None:
    old = write(
        project / "archive" / "baltic.yaml",
        title="Baltic",
        threats={"factors": [{"name": "Baltic factor", "likelihood": 2, "impact": 3}]},
        scenarios={"horizon": 2027, "items": [{"name": "Baltic scenario", "probability": 0.5}]},
    )
    code, _, err = run("build", "-j", "1", "--since", str(old), "data/alpha.yaml")
    assert code == 0
    assert err == (
        f"warning: {old}: shares no threat factor or scenario name with data/alpha.yaml; "
        "is it an edition of the same briefing?\n"
    )
    assert run("build", "-j", "1", "--strict", "--since", str(old), "data/alpha.yaml")[0] == 1


# --- reportgen's own code is an input ----------------------------------------------------------


def test_a_change_to_reportgens_code_makes_outputs_stale(tmp_path: Path) -> None:
    package = tmp_path / "site" / "reportgen"
    shutil.copytree(ROOT / "reportgen", package, ignore=shutil.ignore_patterns("__pycache__"))
    write(tmp_path / "data" / "alpha.yaml")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "PYTHONDONTWRITEBYTECODE": "1"}

    def reportgen(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reportgen", *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            check=False,
        )

    assert reportgen("build", "-j", "1", "data").returncode == 0
    assert reportgen("build", "--check", "data").returncode == 0
    labels = package / "theming" / "schema.py"
    labels.write_text(labels.read_text("utf-8") + "\n# a local edit\n", "utf-8")
    done = reportgen("build", "--check", "data")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "stale      out/alpha.pdf (from data/alpha.yaml)" in done.stdout
    assert reportgen("build", "-j", "1", "data").stdout.splitlines()[-1] == "1 built"
    assert reportgen("build", "--check", "data").returncode == 0


# --- a briefing's outputs change together ------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failure_between_formats_leaves_the_old_pair(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    assert run("build", "-j", "1", "data")[0] == 0
    before = snapshot(project / "out")
    write(project / "data" / "alpha.yaml", title="Edited")
    import reportgen.build.pipeline as pipeline

    real = pipeline.inputs_key

    def flaky(*args: Any, **kwargs: Any) -> str:
        if args[2] == "pptx":  # the deck's record, needed after the PDF was renamed on main
            raise MemoryError("no room")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "inputs_key", flaky)
    code, _, err = run("build", "-j", jobs, "data/alpha.yaml")
    assert code == 1
    assert "data/alpha.yaml: building failed: MemoryError: no room" in err
    assert "internal error" not in err
    assert snapshot(project / "out") == before
    assert temps(project / "out") == []


def test_leftover_temporary_files_are_removed_by_the_next_build(project: Path) -> None:
    assert run("build", "-j", "1", "data")[0] == 0
    out = project / "out"
    dead = 2**22 + 12345  # beyond the default pid_max: no such process
    leftovers = [f".alpha.pdf.{dead}.c3d9e2ab.tmp", f".alpha.pptx.{dead}.0a1b2c3d.tmp"]
    for name in leftovers:
        (out / name).write_bytes(b"half a file")
    (out / ".reportgen" / f".manifest.json.{dead}.fe99dd88.tmp").write_bytes(b"{")
    mine = [".notes.tmp", "alpha.tmp", f".alpha.pdf.{os.getpid()}.abcdef01.tmp"]
    for name in mine:
        (out / name).write_bytes(b"not reportgen's, or a running build's")
    assert run("build", "-j", "1", "data")[0] == 0  # even a no-op build tidies up
    assert temps(out) == sorted(mine)


# --- the manifest ------------------------------------------------------------------------------


def test_concurrent_builds_into_one_folder_keep_every_entry(tmp_path: Path) -> None:
    for i in range(10):
        write(tmp_path / "data" / f"b{i}.yaml", title=f"B{i}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reportgen", "build", "-q", "-j", "1", f"data/b{i}.yaml"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(10)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    manifest = json.loads((tmp_path / "out" / ".reportgen" / "manifest.json").read_text("utf-8"))
    assert len(manifest["outputs"]) == 20
    check = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", "--check", "data"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (check.returncode, check.stdout) == (0, "all 20 outputs up to date\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_manifest_that_cannot_be_written_is_one_line_and_results_still_print(
    project: Path, jobs: str
) -> None:
    (project / "out" / ".reportgen" / "manifest.json").mkdir(parents=True)
    code, out, err = run("build", "-j", jobs, "data")
    assert code == 1
    assert "built      data/alpha.yaml → out/alpha.pdf, out/alpha.pptx" in out
    assert "built      data/bravo.yaml → out/bravo.pdf, out/bravo.pptx" in out
    assert out.splitlines()[-1] == "2 built"
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("out/.reportgen/manifest.json: cannot record the build: ")
    assert "internal error" not in err


def test_a_corrupt_manifest_is_empty_with_a_warning(project: Path) -> None:
    assert run("build", "-j", "1", "data")[0] == 0
    (project / "out" / ".reportgen" / "manifest.json").write_text('{"outputs": {', "utf-8")
    code, out, err = run("build", "-j", "1", "data")
    assert code == 0
    assert err.startswith(
        "warning: out/.reportgen/manifest.json: unreadable, so every output is rebuilt ("
    )
    assert out.splitlines()[-1] == "2 built"
    assert run("build", "-j", "1", "data") == (
        0,
        "up to date data/alpha.yaml\nup to date data/bravo.yaml\n2 up to date\n",
        "",
    )


# --- --shard -----------------------------------------------------------------------------------


def test_a_shard_with_nothing_in_it_says_so(project: Path) -> None:
    (project / "data" / "bravo.yaml").unlink()
    from reportgen.build.plan import in_shard

    empty = next(k for k in (1, 2, 3) if not in_shard("data/alpha.yaml", (k, 3)))
    assert run("build", "-j", "1", "--shard", f"{empty}/3", "data") == (
        0,
        f"shard {empty}/3: no briefings\n",
        "",
    )
    assert run("build", "--check", "--shard", f"{empty}/3", "data") == (
        0,
        f"shard {empty}/3: no briefings\n",
        "",
    )


def test_manifest_updates_are_serialised_by_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow reader widens the read-merge-write window; the lock still keeps every entry."""
    import threading
    import time

    from reportgen.build import manifest

    real = manifest.read_manifest

    def slow(out_dir: Path) -> Any:
        found = real(out_dir)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(manifest, "read_manifest", slow)
    entry = manifest.Entry("s.yaml", "b", ("default",), "k", "h")
    threads = [
        threading.Thread(target=manifest.update_manifest, args=(tmp_path, {f"o{i}.pdf": entry}))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(real(tmp_path)[0]) == {f"o{i}.pdf" for i in range(8)}

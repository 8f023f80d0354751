"""Ctrl-C, SIGTERM and kill -9 in the middle of a build: what finished is kept, nothing is mixed.

Behaviour only; bench/interrupts.py measures how fast (200 briefings, 50 kills).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.conftest import ROOT, minimal_briefing

if TYPE_CHECKING:
    from pathlib import Path


def reportgen(*argv: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen", *argv],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )


def finished(cwd: Path, *argv: str) -> tuple[int, str, str]:
    proc = reportgen(*argv, cwd=cwd)
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def _wait_for_outputs(out: Path, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300
    while len(list(out.glob("*.pdf"))) < count:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("jobs", "how", "code"),
    [("2", signal.SIGINT, 130), ("2", signal.SIGTERM, 143), ("1", signal.SIGINT, 130)],
)
def test_a_stopped_batch_keeps_and_reports_what_finished(
    tmp_path: Path, jobs: str, how: signal.Signals, code: int
) -> None:
    total = 60
    for i in range(total):
        text = yaml.safe_dump(minimal_briefing(title=f"B{i}"))
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / f"b{i:03}.yaml").write_text(text, encoding="utf-8")
    proc = reportgen("build", "-j", jobs, "-f", "pdf", "data", cwd=tmp_path)
    _wait_for_outputs(tmp_path / "out", 3, proc)
    # As a terminal's Ctrl-C does: the signal goes to the whole process group, workers too.
    os.killpg(proc.pid, how) if how == signal.SIGINT else proc.send_signal(how)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    built = {line.split()[1] for line in out.splitlines() if line.startswith("built ")}
    assert 3 <= len(built) < total
    assert err.splitlines()[-1] == (
        f"interrupted: {len(built)} built of {total}; the next build picks up the rest"
    )
    assert "Traceback" not in err
    assert not list((tmp_path / "out").glob("*.tmp"))  # the ended workers' temp files too
    check, out, _ = finished(tmp_path, "build", "--check", "-q", "-f", "pdf", "data")
    assert check == 3
    stale = {line.split("(from ")[1].rstrip(")") for line in out.splitlines()}
    assert stale == {f"data/b{i:03}.yaml" for i in range(total)} - built


def test_kill_9_never_leaves_a_mixed_pair(tmp_path: Path) -> None:
    """A few kills here; `python bench/interrupts.py kill --kills 50` runs fifty."""
    sys.path.insert(0, str(ROOT / "bench"))
    from interrupts import kill_rounds

    mixed, leftovers = kill_rounds(tmp_path, kills=5, rng=random.Random(11))
    assert mixed == 0
    assert leftovers == []

"""`reportgen watch` rebuilds on save, reports errors without exiting, keeps good outputs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import IO, TYPE_CHECKING

import yaml

from tests.conftest import ROOT, minimal_briefing

if TYPE_CHECKING:
    from pathlib import Path


def _wait_for(predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _read_lines(stream: IO[str], into: list[str]) -> None:
    for line in stream:
        into.append(line.rstrip("\n"))


def test_watch_rebuilds_reports_and_keeps_last_good(tmp_path: Path) -> None:
    import threading

    source = tmp_path / "brief.yaml"
    source.write_text(yaml.safe_dump(minimal_briefing(title="First")), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "watch", "-f", "pptx", "-o", str(out), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    lines: list[str] = []
    reader = threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True)
    reader.start()
    deck = out / "brief.pptx"
    try:
        _wait_for(lambda: any(line.startswith("built") for line in lines))
        first = deck.read_bytes()

        source.write_text(yaml.safe_dump(minimal_briefing(title="Second")), encoding="utf-8")
        _wait_for(lambda: sum(line.startswith("built") for line in lines) >= 2)
        second = deck.read_bytes()
        assert second != first

        source.write_text("schema: 1\ntitle: [\n", encoding="utf-8")
        _wait_for(lambda: any(line.startswith(f"{source}:3:1: invalid YAML") for line in lines))
        assert proc.poll() is None  # still watching
        assert deck.read_bytes() == second  # the last good deck stays
        assert not any("Traceback" in line for line in lines)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        reader.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()
    assert proc.returncode == 0
    assert lines[-1] == "stopped"

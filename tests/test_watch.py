"""`reportgen watch` rebuilds on save, reports errors without exiting, keeps good outputs."""

from __future__ import annotations

import os
import re
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


STAMP = re.compile(r"^\d\d:\d\d:\d\d ")


def _read_lines(stream: IO[str], into: list[str]) -> None:
    """Collect the lines, each checked for and stripped of its time of day."""
    for line in stream:
        assert STAMP.match(line), line
        into.append(STAMP.sub("", line.rstrip("\n")))


class Watch:
    """`reportgen watch` in a subprocess, its lines (times stripped) collected as they come."""

    def __init__(self, *argv: str, cwd: Path) -> None:
        import threading

        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reportgen", "watch", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=cwd,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(
            target=_read_lines, args=(self.proc.stdout, self.lines), daemon=True
        )
        self.reader.start()

    def count(self, prefix: str) -> int:
        return sum(line.startswith(prefix) for line in self.lines)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        return self.proc.returncode


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
    assert proc.returncode == 130  # as for build: interrupted
    assert lines[-1] == "stopped"


def test_watch_picks_up_added_and_removed_briefings(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "one.yaml").write_text(yaml.safe_dump(minimal_briefing()), encoding="utf-8")
    watch = Watch("-f", "pdf", "-o", "out", "data", cwd=tmp_path)
    try:
        _wait_for(lambda: watch.count("built      data/one.yaml") == 1)
        (folder / "two.yaml").write_text(yaml.safe_dump(minimal_briefing()), encoding="utf-8")
        _wait_for(lambda: watch.count("built      data/two.yaml") == 1)
        (folder / "one.yaml").unlink()
        _wait_for(lambda: watch.count("removed    data/one.yaml") == 1)
        assert watch.proc.poll() is None
    finally:
        code = watch.stop()
    assert code == 130
    assert (tmp_path / "out" / "two.pdf").is_file()


def test_watch_sees_an_edit_that_keeps_size_and_mtime(tmp_path: Path) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(yaml.safe_dump(minimal_briefing(title="Alpha")), encoding="utf-8")
    watch = Watch("-f", "pdf", "-o", "out", "brief.yaml", cwd=tmp_path)
    try:
        _wait_for(lambda: watch.count("built") == 1)
        first = (tmp_path / "out" / "brief.pdf").read_bytes()
        st = source.stat()
        source.write_text(yaml.safe_dump(minimal_briefing(title="Bravo")), encoding="utf-8")
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (source.stat().st_size, source.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
        _wait_for(lambda: watch.count("built") == 2)
        assert (tmp_path / "out" / "brief.pdf").read_bytes() != first
    finally:
        assert watch.stop() == 130

"""Faults during a build, measured: kill -9 at random moments, and Ctrl-C into a large batch.

    python bench/interrupts.py kill [--kills 50]     old/old or new/new after every kill?
    python bench/interrupts.py ctrl-c [--briefings 200] [--after 2]

tests/test_interrupts.py runs a few kills through ``kill_rounds`` and checks the behaviour of
Ctrl-C and SIGTERM; this script gives the counts and times quoted in the notes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _briefing(title: str, factors: int = 3) -> str:
    data = {
        "schema": 1,
        "title": title,
        "date": "2026-11-26",
        "summary": f"Summary of {title}.",
        "takeaways": [{"headline": "One takeaway"}],
        "threats": {
            "factors": [
                {"name": f"Factor {i}", "likelihood": 1 + i % 5, "impact": 5 - i % 5}
                for i in range(factors)
            ]
        },
        "scenarios": {"horizon": 2027, "items": [{"name": "Only scenario", "probability": 0.5}]},
        "conclusion": "The end.",
    }
    return yaml.safe_dump(data, allow_unicode=True)


def _build(cwd: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", *argv],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _run(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    proc = _build(cwd, *argv)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def kill_rounds(work: Path, kills: int, rng: random.Random) -> tuple[int, list[str]]:
    """Rebuild an existing pair ``kills`` times, each killed (-9) at a random moment.

    Returns how many kills left a mixed or broken pair, and the temp files left after one more
    normal build. Alternates -j1 (one process) and -j2 (the PDF and deck in two workers).
    """
    editions = {"old": _briefing("Old edition", 3), "new": _briefing("New edition", 5)}
    source = work / "data" / "pair.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    reference: dict[str, dict[str, bytes]] = {}
    for name, text in editions.items():
        source.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        assert _run(work, "-j", "1", "-o", f"ref-{name}", "data/pair.yaml").returncode == 0
        took = time.perf_counter() - started
        reference[name] = {
            fmt: (work / f"ref-{name}" / f"pair.{fmt}").read_bytes() for fmt in ("pdf", "pptx")
        }
    shutil.copytree(work / "ref-old", work / "out", ignore=shutil.ignore_patterns(".reportgen"))
    state, mixed = "old", 0
    for i in range(kills):
        target = "new" if state == "old" else "old"
        source.write_text(editions[target], encoding="utf-8")
        proc = _build(work, "-j", "1" if i % 2 == 0 else "2", "-o", "out", "data/pair.yaml")
        time.sleep(rng.uniform(0.0, took * 1.2))
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as an OOM kill might
        proc.communicate()
        found = [
            next(
                (
                    n
                    for n, ref in reference.items()
                    if ref[fmt] == (work / "out" / f"pair.{fmt}").read_bytes()
                ),
                None,
            )
            for fmt in ("pdf", "pptx")
        ]
        if found[0] is None or found[0] != found[1]:
            mixed += 1
            print(f"kill {i + 1}: mixed pair {found}", file=sys.stderr)
            continue
        state = found[0]
    assert _run(work, "-j", "1", "-o", "out", "data/pair.yaml").returncode == 0
    leftovers = sorted(str(p.relative_to(work)) for p in (work / "out").rglob("*.tmp"))
    return mixed, leftovers


def ctrl_c(work: Path, briefings: int, after: float) -> None:
    """Ctrl-C ``after`` seconds into a -j2 batch: exit code, time to exit, what --check says."""
    for i in range(briefings):
        (work / "data").mkdir(exist_ok=True)
        (work / "data" / f"b{i:03}.yaml").write_text(_briefing(f"B{i}"), encoding="utf-8")
    proc = _build(work, "-j", "2", "data")
    time.sleep(after)
    sent = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    out, err = proc.communicate()
    took = time.perf_counter() - sent
    built = {line.split()[1] for line in out.splitlines() if line.startswith("built ")}
    check = _run(work, "--check", "-q", "data")
    stale = {line.split("(from ")[1].rstrip(")") for line in check.stdout.splitlines()}
    unfinished = {f"data/b{i:03}.yaml" for i in range(briefings)} - built
    print(f"exit code {proc.returncode} after Ctrl-C at {after:.1f} s; exited {took:.2f} s later")
    print(f"last line: {err.splitlines()[-1]}")
    print(
        f"built {len(built)} of {briefings}; --check exit {check.returncode}, lists {len(stale)} briefings"
    )
    print(f"--check lists exactly the unfinished ones: {stale == unfinished}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    k = sub.add_parser("kill")
    k.add_argument("--kills", type=int, default=50)
    k.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("ctrl-c")
    c.add_argument("--briefings", type=int, default=200)
    c.add_argument("--after", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.what == "kill":
            mixed, leftovers = kill_rounds(Path(tmp), args.kills, random.Random(args.seed))
            print(f"{args.kills - mixed} of {args.kills} kills left old/old or new/new")
            print(f"temp files after the next build: {len(leftovers)} {leftovers}")
        else:
            ctrl_c(Path(tmp), args.briefings, args.after)


if __name__ == "__main__":
    main()

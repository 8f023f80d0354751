"""reportgen's benchmark: whole-process wall time and peak memory against a naive baseline.

Every scenario runs as fresh processes, after a warm-up, several times. Ratios are taken run by
run against a baseline run in the same iteration (so machine noise cancels), then the median.
Usage: python bench/run.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
EXAMPLE = ROOT / "data" / "western-balkans.yaml"
PY = sys.executable
sys.path.insert(0, str(ROOT / "bench"))

from briefings import write_batch, write_large  # noqa: E402


@dataclass
class Sample:
    seconds: float
    peak_mb: float


def _tree_pss_kb(pid: int) -> int:
    """Proportional memory (PSS) of a process and all its descendants, from /proc (Linux).

    PSS splits pages that forked workers share with their parent, so a tree is not counted
    twice for the same memory; for a single process it is close to its RSS.
    """
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(argv: list[str], cwd: Path = ROOT, *, memory: bool = False) -> Sample:
    """Run one process to completion: wall time and, with ``memory``, its tree's peak memory.

    Workers count too: the tree's PSS is sampled every 20 ms (reading it costs the kernel
    real work, so timing-only runs skip it). A single process is also measured by its own
    peak RSS (from wait4), and the larger of the two is reported.
    """
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak_kb = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG if memory else 0)
        if pid:
            break
        peak_kb = max(peak_kb, _tree_pss_kb(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(
            f"failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr.read().decode()}"
        )
    return Sample(seconds, max(peak_kb, usage.ru_maxrss) / 1024)


def reportgen(*args: str) -> list[str]:
    return [PY, "-m", "reportgen", *args]


def baseline(source: Path = EXAMPLE) -> list[str]:
    return [PY, str(ROOT / "bench" / "baseline.py"), str(source), str(WORK / "baseline-out")]


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def edited_copy(n: int) -> Path:
    """The example with a text-only edit (charts unchanged), different each run."""
    folder = WORK / "edit"
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "archive").exists():  # the example names its previous edition
        shutil.copytree(EXAMPLE.parent / "archive", folder / "archive")
    text = EXAMPLE.read_text(encoding="utf-8")
    target = folder / EXAMPLE.name
    target.write_text(text.replace("summary: >", f"summary: >\n  Edit {n}.", 1), encoding="utf-8")
    return target


WATCH_REBUILD = """
import shutil, statistics, sys, time
from pathlib import Path
from reportgen.build.batch import BuildOptions, build_one
work = Path(sys.argv[1])
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(sys.argv[2], work)
source = work / "western-balkans.yaml"
options = BuildOptions(out_dir=work / "out", force=True, jobs=1)
build_one(str(source), options)  # what `watch` does first
times = []
for i in range(int(sys.argv[3])):
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("summary: >", f"summary: >\\n  Edit {i}.", 1), "utf-8")
    started = time.perf_counter()
    build_one(str(source), options)
    times.append(time.perf_counter() - started)
print(statistics.median(times))
"""


def watch_rebuild_seconds(runs: int) -> float:
    """Median in-process rebuild after a text edit, as `reportgen watch` does it."""
    done = subprocess.run(
        [PY, "-c", WATCH_REBUILD, str(WORK / "watch"), str(EXAMPLE.parent), str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(done.stdout.strip())


def run_all(runs: int, batch_size: int) -> list[tuple[str, str, str, str]]:
    batch = write_batch(fresh(WORK / "batch"), batch_size)
    large = write_large(WORK / "large.yaml")
    rows: dict[str, list[float]] = {
        k: [] for k in ["a", "b", "c", "d1", "dper", "e", "f", "mem", "g", "h"]
    }
    raw: dict[str, list[float]] = {k: [] for k in ("base", "base_mb", "a", "a_mb")}
    for i in range(runs + 1):  # run 0 is the warm-up and is discarded
        base = measure(baseline(), memory=True)
        a = measure(
            reportgen("build", "-q", "-o", str(fresh(WORK / "a")), str(EXAMPLE)), memory=True
        )
        measure(reportgen("build", "-q", "-o", str(fresh(WORK / "b")), str(edited_copy(-1))))
        b = measure(reportgen("build", "-q", "-o", str(WORK / "b"), str(edited_copy(i))))
        c = measure(reportgen("build", "-q", "-o", str(WORK / "a"), str(EXAMPLE)))
        d1 = measure(reportgen("build", "-q", "-j", "1", "-o", str(fresh(WORK / "d1")), str(batch)))
        d2 = measure(reportgen("build", "-q", "-j", "2", "-o", str(fresh(WORK / "d2")), str(batch)))
        e = measure(reportgen("build", "-q", "-o", str(fresh(WORK / "e")), str(large)))
        f = measure(reportgen("validate", str(EXAMPLE)))
        # The formats built only on request: reported, no target (docs/word.md).
        g = measure(
            reportgen("build", "-q", "-f", "docx", "-o", str(fresh(WORK / "g")), str(EXAMPLE))
        )
        h = measure(
            reportgen("build", "-q", "-f", "charts", "-o", str(fresh(WORK / "h")), str(EXAMPLE))
        )
        if i == 0:
            continue
        rows["a"].append(a.seconds / base.seconds)
        rows["b"].append(b.seconds / base.seconds)
        rows["c"].append(c.seconds / base.seconds)
        rows["d1"].append(d2.seconds / d1.seconds)
        rows["dper"].append(d2.seconds / batch_size / base.seconds)
        rows["e"].append(e.seconds / a.seconds)
        rows["f"].append(f.seconds / base.seconds)
        rows["mem"].append(a.peak_mb / base.peak_mb)
        rows["g"].append(g.seconds / base.seconds)
        rows["h"].append(h.seconds / base.seconds)
        raw["base"].append(base.seconds)
        raw["base_mb"].append(base.peak_mb)
        raw["a"].append(a.seconds)
        raw["a_mb"].append(a.peak_mb)
        print(
            f"run {i}: baseline {base.seconds:.3f}s, cold {a.seconds:.3f}s, "
            f"no-op {c.seconds:.3f}s, batch j1 {d1.seconds:.2f}s j2 {d2.seconds:.2f}s",
            file=sys.stderr,
        )
    med = {k: statistics.median(v) for k, v in rows.items()}
    watch = watch_rebuild_seconds(runs) / statistics.median(raw["base"])
    ok = lambda value, target: "yes" if value <= target else "**no**"  # noqa: E731
    return [
        (
            "(a) cold build, both formats",
            f"{med['a']:.2f} × baseline",
            "≤ 0.70",
            ok(med["a"], 0.70),
        ),
        (
            "(b) rebuild after a text edit",
            f"{med['b']:.2f} × baseline",
            "≤ 0.35",
            ok(med["b"], 0.35),
        ),
        (
            "(b′) the same edit in a running `reportgen watch` (in-process)",
            f"{watch:.2f} × baseline",
            "(≤ 0.35)",
            ok(watch, 0.35),
        ),
        ("(c) no-op build", f"{med['c']:.3f} × baseline", "≤ 0.08", ok(med["c"], 0.08)),
        (
            f"(d) batch of {batch_size}, -j2 vs -j1",
            f"{med['d1']:.2f} × -j1",
            "≤ 0.55",
            ok(med["d1"], 0.55),
        ),
        (
            f"(d) batch of {batch_size}, -j2 per briefing",
            f"{med['dper']:.3f} × baseline",
            "≤ 0.15",
            ok(med["dper"], 0.15),
        ),
        ("(e) large briefing", f"{med['e']:.2f} × example", "≤ 2.5", ok(med["e"], 2.5)),
        ("(f) validate", f"{med['f']:.2f} × baseline", "≤ 0.25", ok(med["f"], 0.25)),
        ("(g) cold build, Word memo only (`-f docx`)", f"{med['g']:.2f} × baseline", "—", ""),
        ("(h) cold build, chart images only (`-f charts`)", f"{med['h']:.2f} × baseline", "—", ""),
        ("peak memory, example", f"{med['mem']:.2f} × baseline", "≤ 1.2", ok(med["mem"], 1.2)),
        (
            "baseline (absolute)",
            f"{statistics.median(raw['base']):.3f} s, {statistics.median(raw['base_mb']):.0f} MB",
            "",
            "",
        ),
        (
            "reportgen cold (absolute)",
            f"{statistics.median(raw['a']):.3f} s, {statistics.median(raw['a_mb']):.0f} MB",
            "",
            "",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs after one warm-up")
    parser.add_argument("--quick", action="store_true", help="3 runs, batch of 12")
    args = parser.parse_args()
    runs, size = (3, 12) if args.quick else (args.runs, 48)
    rows = run_all(runs, size)
    lines = [
        f"# reportgen benchmark ({runs} runs after a warm-up; median of per-run ratios)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. "
        "Reproduce with `make bench`.",
        "",
        "| scenario | measured | target | met |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

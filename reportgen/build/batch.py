"""The build: plan what is stale, then build it, serially or across worker processes.

Every briefing's outcome is recorded in the manifest as it finishes, so a batch stopped by
Ctrl-C or SIGTERM keeps what it finished (docs/ci.md, "Interrupts").
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportgen.build.manifest import STATE, Entry, read_manifest, update_manifest
from reportgen.build.output import deferred_signals, discard, remove_leftovers
from reportgen.build.pipeline import Staged, build_one, commit, stage, with_code
from reportgen.build.plan import (
    FORMATS,
    BriefingResult,
    BuildOptions,
    Status,
    check_environment,
    discover,
    identity_problems,
    in_shard,
    output_name,
    output_states,
)
from reportgen.errors import BuildError, Interrupted, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

__all__ = [
    "FORMATS",
    "BatchReport",
    "BriefingResult",
    "BuildOptions",
    "Status",
    "build",
    "build_one",
    "discover",
]

RECORD_EVERY = 0.25  # seconds between manifest updates while a batch runs


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a build run did: one result per briefing, and what concerns the run as a whole."""

    results: list[BriefingResult]
    warnings: tuple[str, ...] = ()  # e.g. a corrupt manifest
    errors: tuple[str, ...] = ()  # e.g. the manifest could not be written
    interrupted: int | None = None  # the signal that stopped the run
    total: int = 0  # briefings the run was asked to build or check


def build(
    paths: Iterable[str],
    options: BuildOptions,
    on_result: Callable[[BriefingResult, int, int], None] | None = None,
) -> BatchReport:
    """Build (or with ``check``, only assess) every briefing; one failure never stops the rest.

    Raises BuildError when two inputs would write one output and UsageError for ``since`` with
    more than one briefing, before anything is written. ``on_result(result, done, total)`` is
    called as each rebuilt briefing finishes.
    """
    check_environment()  # SOURCE_DATE_EPOCH: a usage error before anything is built
    found = discover(paths)
    problems = identity_problems(found, options)
    if problems:
        raise BuildError("\n".join(problems))
    if options.since is not None and len(found) > 1:
        raise UsageError(
            f"reportgen: --since compares one briefing with its previous edition, but {len(found)}"
            " were given; build one briefing at a time, or set `previous:` in each briefing"
        )
    sources = [s for s in found if in_shard(s, options.shard)]
    options = with_code(options)
    manifest, warning = read_manifest(options.out_dir)
    warnings = (warning,) if warning else ()
    plan = {s: output_states(s, options, manifest) for s in sources}
    if options.check:
        results = [_assessed(s, plan[s], options, manifest) for s in sources]
        return BatchReport(results, warnings, total=len(sources))
    for folder in (options.out_dir, options.out_dir / STATE):
        remove_leftovers(folder)
    stale = [s for s in sources if options.force or plan[s]]
    recorder = _Recorder(options)
    interrupted: int | None = None
    try:
        _run(stale, options, recorder, on_result)
    except KeyboardInterrupt:
        interrupted = int(signal.SIGINT)
    except Interrupted as exc:
        interrupted = exc.signum
    finally:
        recorder.flush(final=True)
        if interrupted is not None:  # ended workers leave temp files: theirs, by pid
            remove_leftovers(options.out_dir)
    built = {r.source: r for r in recorder.results}
    results = [
        built.get(s) or _assessed(s, plan[s], options, manifest)
        for s in sources
        if s in built or interrupted is None
    ]
    return BatchReport(results, warnings, recorder.errors, interrupted, len(sources))


def _assessed(
    source: str,
    states: list[tuple[Path, Status]],
    options: BuildOptions,
    manifest: dict[str, Entry],
) -> BriefingResult:
    """An up-to-date briefing shows its recorded warnings again; with --check, what is stale."""
    outputs = tuple(options.out_dir / output_name(source, fmt) for fmt in options.formats)
    if states:
        return BriefingResult(source, Status.STALE, outputs, stale=tuple(states))
    warnings = tuple(
        dict.fromkeys(
            w
            for fmt in options.formats
            if (entry := manifest.get(output_name(source, fmt))) is not None
            for w in entry.warnings
        )
    )
    return BriefingResult(source, Status.UP_TO_DATE, outputs, warnings=warnings)


class _Recorder:
    """Collects results as briefings finish and merges their entries into the manifest."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.results: list[BriefingResult] = []
        self.errors: tuple[str, ...] = ()
        self._pending: dict[str, Entry] = {}
        self._last = time.monotonic()

    def add(self, result: BriefingResult) -> None:
        self.results.append(result)
        self._pending.update(result.entries)
        self.flush()

    def flush(self, *, final: bool = False) -> None:
        if not self._pending or self.errors:
            return
        if not final and time.monotonic() - self._last < RECORD_EVERY:
            return
        try:
            update_manifest(self.options.out_dir, self._pending)
        except BuildError as exc:
            self.errors = (str(exc),)
            return
        self._pending = {}
        self._last = time.monotonic()


def _run(
    sources: list[str],
    options: BuildOptions,
    recorder: _Recorder,
    on_result: Callable[[BriefingResult, int, int], None] | None,
) -> None:
    def done(result: BriefingResult) -> None:
        recorder.add(result)
        if on_result is not None:
            on_result(result, len(recorder.results), len(sources))

    if options.jobs <= 1 or len(sources) * len(options.formats) <= 1:
        for source in sources:
            staged = stage(source, options.formats, options)
            with deferred_signals():  # renamed ⇒ recorded and reported, even on Ctrl-C
                done(commit(source, [staged]))
    else:
        _run_pool(sources, options, done)


def _run_pool(
    sources: list[str], options: BuildOptions, done: Callable[[BriefingResult], None]
) -> None:
    """Whole briefings when there are enough to keep every worker busy, else one task per
    (briefing, format) so that one briefing's PDF and deck render on two cores at once.
    """
    from reportgen.build.workers import run_in_workers

    whole = len(sources) >= options.jobs
    if whole:
        tasks = [(s, options.formats) for s in sources]
    else:
        tasks = [(s, (fmt,)) for s in sources for fmt in options.formats]
    parts: dict[str, list[Staged]] = {}

    def staged(part: Staged) -> None:
        parts.setdefault(part.source, []).append(part)
        if whole or len(parts[part.source]) == len(options.formats):
            with deferred_signals():  # renamed ⇒ recorded and reported, even on Ctrl-C
                done(commit(part.source, parts.pop(part.source)))

    try:
        run_in_workers(tasks, options.jobs, options, staged)
    finally:
        for waiting in parts.values():  # half a briefing staged when the batch stopped
            discard(tmp for p in waiting for tmp in p.temps.values())

"""The build: plan what is stale, then build it, serially or across worker processes."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from reportgen.build.manifest import Entry, read_manifest, write_manifest
from reportgen.build.pipeline import Rendered, build_one, finish, render_format
from reportgen.build.plan import (
    FORMATS,
    BriefingResult,
    BuildOptions,
    Status,
    discover,
    in_shard,
    output_states,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

__all__ = ["FORMATS", "BriefingResult", "BuildOptions", "Status", "build", "build_one", "discover"]


def build(
    paths: Iterable[str],
    options: BuildOptions,
    on_result: Callable[[BriefingResult, int, int], None] | None = None,
) -> list[BriefingResult]:
    """Build (or with ``check``, only assess) every briefing; one failure never stops the rest.

    ``on_result(result, done, total)`` is called as each rebuilt briefing finishes.
    """
    sources = [s for s in discover(paths) if in_shard(s, options.shard)]
    manifest = read_manifest(options.out_dir)
    plan = {s: output_states(s, options, manifest) for s in sources}
    stale = [s for s in sources if options.force or plan[s]]
    if options.check:
        return [
            BriefingResult(s, Status.STALE, stale=tuple(plan[s]))
            if plan[s]
            else BriefingResult(s, Status.UP_TO_DATE)
            for s in sources
        ]
    built = {r.source: r for r in _run(stale, options, on_result)}
    results = [built.get(s) or BriefingResult(s, Status.UP_TO_DATE) for s in sources]
    _record(options.out_dir, manifest, results)
    return results


def _run(
    sources: list[str],
    options: BuildOptions,
    on_result: Callable[[BriefingResult, int, int], None] | None,
) -> list[BriefingResult]:
    results: list[BriefingResult] = []

    def done(result: BriefingResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result, len(results), len(sources))

    tasks = [(s, fmt) for s in sources for fmt in options.formats]
    if options.jobs <= 1 or len(tasks) <= 1:
        for source in sources:
            done(build_one(source, options))
    else:
        _run_pool(tasks, options, done)
    return results


def _run_pool(
    tasks: list[tuple[str, str]], options: BuildOptions, done: Callable[[BriefingResult], None]
) -> None:
    """Build in worker processes: whole briefings when there are enough to keep every worker
    busy, else one task per (briefing, format) so that one briefing's PDF and deck render on
    two cores at once. Workers are reused across the batch and pay the heavy imports once.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: workers start with the parent's modules instead of importing them again, so the
    # model layer (pydantic builds its validators at import) is loaded once, here.
    import reportgen.changes  # noqa: F401
    import reportgen.charts.specs  # noqa: F401
    import reportgen.source.loader  # noqa: F401

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    sources = list(dict.fromkeys(s for s, _ in tasks))
    whole = len(sources) >= options.jobs
    workers = min(options.jobs, len(sources) if whole else len(tasks))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        if whole:
            for built in as_completed([pool.submit(build_one, s, options) for s in sources]):
                done(built.result())
            return
        pending: dict[str, list[Rendered]] = defaultdict(list)
        parts = [pool.submit(render_format, s, fmt, options) for s, fmt in tasks]
        for rendered in as_completed(parts):
            part = rendered.result()
            pending[part.source].append(part)
            if len(pending[part.source]) == len(options.formats):
                done(finish(part.source, options, pending.pop(part.source)))


def _record(out_dir: Path, manifest: dict[str, Entry], results: list[BriefingResult]) -> None:
    updated = dict(manifest)
    for result in results:
        updated.update(result.entries)
    if updated != manifest:
        write_manifest(out_dir, updated)

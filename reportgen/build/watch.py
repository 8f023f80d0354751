"""`reportgen watch`: rebuild a briefing whenever it or its template changes on disk."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.build.batch import BuildOptions, build_one, discover
from reportgen.theming.catalog import find_template

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reportgen.build.batch import BriefingResult

POLL_SECONDS = 0.25  # well inside the "within a second" promise, cheap on a laptop


def snapshot(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime_ns) of every file under ``paths``: a change detector, not a cache key."""
    seen = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            seen.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(seen)


def watched_paths(source: str, result: BriefingResult | None, options: BuildOptions) -> list[Path]:
    """The briefing itself plus every template folder its last build used."""
    paths = [Path(source)]
    names: tuple[str, ...] = (options.template,) if options.template else ()
    if result is not None:
        for entry in result.entries.values():
            names = entry.templates
    for name in names or ("default",):
        folder = find_template(name, options.cwd)
        if folder is not None:
            paths.append(folder)
    return paths


def watch(
    sources: Iterable[str],
    options: BuildOptions,
    on_result: Callable[[BriefingResult], None],
    *,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Build each briefing now and again after every change; failures are reported, not fatal.

    A failed build leaves the previous outputs in place (writes are atomic and happen only
    after every format rendered), so the last good documents stay open in the viewer.
    """
    options = replace(options, force=True, jobs=1)
    state: dict[str, tuple[tuple[tuple[str, int, int], ...], BriefingResult | None]] = {}
    for source in discover(sources):
        state[source] = ((), None)
    while keep_going():
        for source, (before, last) in state.items():
            now = snapshot(watched_paths(source, last, options))
            if now != before:
                result = build_one(source, options)
                on_result(result)
                # Re-snapshot: the build may have pulled in a different template folder.
                state[source] = (snapshot(watched_paths(source, result, options)), result)
        time.sleep(POLL_SECONDS)

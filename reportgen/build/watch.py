"""`reportgen watch`: rebuild a briefing whenever it or its template changes on disk."""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.build.batch import BuildOptions, build_one, discover
from reportgen.build.manifest import update_manifest
from reportgen.build.plan import check_environment
from reportgen.errors import BuildError
from reportgen.theming.catalog import find_template

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reportgen.build.batch import BriefingResult

POLL_SECONDS = 0.25  # well inside the "within a second" promise, cheap on a laptop

Snapshot = tuple[tuple[str, int, str], ...]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(path, size, sha256) of every file under ``paths``.

    Content, not mtimes: an editor or a sync tool may keep size and mtime across an edit. The
    files are a briefing and its template folders, small enough to hash four times a second.
    """
    seen = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError:
                continue
            seen.append((str(f), len(data), hashlib.sha256(data).hexdigest()))
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
    on_removed: Callable[[str], None] = lambda source: None,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Build each briefing now and again after every change; failures are reported, not fatal.

    The watched folders are listed again on every poll, so briefings added to them are built
    and removed ones are dropped (their outputs stay). A failed build leaves the previous
    outputs in place (writes are atomic and happen only after every format rendered), so the
    last good documents stay open in the viewer.
    """
    check_environment()  # SOURCE_DATE_EPOCH: a usage error before anything is built
    paths = list(sources)
    options = replace(options, force=True, jobs=1)
    state: dict[str, tuple[Snapshot, BriefingResult | None]] = {}
    while keep_going():
        found = discover(paths)
        for source in [s for s in state if s not in found]:
            del state[source]
            on_removed(source)
        for source in found:
            before, last = state.get(source, ((), None))
            now = snapshot(watched_paths(source, last, options))
            if now != before:
                result = _record(options, build_one(source, options))
                on_result(result)
                # Re-snapshot: the build may have pulled in a different template folder.
                state[source] = (snapshot(watched_paths(source, result, options)), result)
        time.sleep(POLL_SECONDS)


def _record(options: BuildOptions, result: BriefingResult) -> BriefingResult:
    """Record a build in the manifest, so that a later `build` finds it up to date."""
    if result.entries:
        try:
            update_manifest(options.out_dir, result.entries)
        except BuildError as exc:  # the documents were written; say so without stopping
            return replace(result, warnings=(*result.warnings, str(exc)))
    return result

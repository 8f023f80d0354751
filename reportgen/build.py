"""The build: plan what is stale, run load → template → charts → render → write per briefing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.catalog import find_template, folder_digest
from reportgen.errors import BuildError, ReportgenError, dotted
from reportgen.manifest import Entry, read_manifest, sha256_bytes, sha256_file, write_manifest
from reportgen.output import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reportgen.model import Briefing
    from reportgen.theme import Template
    from reportgen.yamlsource import Document

FORMATS = ("pdf", "pptx")
BRIEFING_SUFFIXES = (".yaml", ".yml")


class Status(StrEnum):
    """What happened to one briefing, or (with --check) the state of one output."""

    BUILT = "built"
    UP_TO_DATE = "up to date"
    STALE = "stale"
    MISSING = "missing"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Every choice of one build run (SPEC §2 `build` options)."""

    out_dir: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    template: str | None = None
    jobs: int = 1
    force: bool = False
    check: bool = False
    shard: tuple[int, int] | None = None
    since: str | None = None  # --since PREVIOUS.yaml, wins over the briefing's `previous:`
    cwd: Path | None = None


@dataclass(frozen=True, slots=True)
class BriefingResult:
    """The outcome for one briefing."""

    source: str
    status: Status
    outputs: tuple[Path, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    stale: tuple[tuple[Path, Status], ...] = ()  # with --check: each output not up to date


def discover(paths: Iterable[str]) -> list[str]:
    """Briefing files named or inside the named folders (not recursive), as the user typed them."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                str(path / p.name)
                for p in sorted(path.iterdir())
                if p.suffix in BRIEFING_SUFFIXES and p.is_file()
            )
        else:
            found.append(raw)
    return list(dict.fromkeys(found))


def in_shard(source: str, shard: tuple[int, int] | None) -> bool:
    """Whether ``source`` belongs to shard K of N; stable as briefings come and go."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(Path(source).stem.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


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
    plan = {s: _output_states(s, options, manifest) for s in sources}
    stale = [s for s in sources if options.force or plan[s]]
    if options.check:
        return [
            BriefingResult(s, Status.STALE, stale=tuple(plan[s])) if plan[s]
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

    if options.jobs <= 1 or len(sources) <= 1:
        for source in sources:
            done(build_one(source, options))
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Workers are reused across the batch; each pays the heavy imports once.
    with ProcessPoolExecutor(max_workers=min(options.jobs, len(sources))) as pool:
        futures = [pool.submit(build_one, s, options) for s in sources]
        for future in as_completed(futures):
            done(future.result())
    return results


def _record(out_dir: Path, manifest: dict[str, Entry], results: list[BriefingResult]) -> None:
    updated = dict(manifest)
    for result in results:
        updated.update(result.entries)
    if updated != manifest:
        write_manifest(out_dir, updated)


# --- freshness: no YAML parsing and no heavy imports on this path (issue 3) --------------------


def output_name(source: str, fmt: str) -> str:
    """The output file name of a briefing in a format."""
    return f"{Path(source).stem}.{fmt}"


def inputs_key(
    briefing_sha: str,
    templates: Iterable[str],
    fmt: str,
    cwd: Path | None,
    extra: Iterable[str] = (),
) -> str:
    """Hash of everything an output depends on: briefing, templates, other inputs, version."""
    from reportgen import __version__

    h = hashlib.sha256()
    for part in (__version__, briefing_sha, fmt, os.environ.get("SOURCE_DATE_EPOCH", "")):
        h.update(part.encode("utf-8") + b"\0")
    for path in extra:
        h.update(f"{path}={sha256_file(Path(path)) or 'missing'}\0".encode())
    for name in templates:
        folder = find_template(name, cwd)
        h.update(f"{name}={folder_digest(folder) if folder else 'missing'}\0".encode())
    return h.hexdigest()


def _output_states(
    source: str, options: BuildOptions, manifest: dict[str, Entry]
) -> list[tuple[Path, Status]]:
    """Each output of ``source`` that is missing or out of date; empty when all are fresh."""
    briefing_sha = sha256_file(Path(source))
    states = []
    for fmt in options.formats:
        out = options.out_dir / output_name(source, fmt)
        actual = sha256_file(out)
        if actual is None:
            states.append((out, Status.MISSING))
        elif briefing_sha is None or not _fresh(manifest.get(out.name), source, briefing_sha,
                                                 fmt, actual, options):
            states.append((out, Status.STALE))
    return states


def _fresh(
    entry: Entry | None, source: str, briefing_sha: str, fmt: str, actual: str,
    options: BuildOptions,
) -> bool:
    if entry is None or entry.briefing_sha256 != briefing_sha or entry.source != source:
        return False
    if options.template is not None and entry.templates[:1] != (options.template,):
        return False
    if options.since is not None and entry.extra_inputs != (options.since,):
        return False
    key = inputs_key(briefing_sha, entry.templates, fmt, options.cwd, entry.extra_inputs)
    return key == entry.inputs and actual == entry.sha256


# --- one briefing, start to finish -------------------------------------------------------------


def build_one(source: str, options: BuildOptions) -> BriefingResult:
    """Load, render and atomically write every format of one briefing; never raises."""
    started = time.perf_counter()
    warnings: list[str] = []
    try:
        outputs, entries = _build(source, options, warnings)
    except ReportgenError as exc:
        return BriefingResult(
            source, Status.FAILED, seconds=_since(started), error=str(exc),
            warnings=tuple(warnings),
        )
    return BriefingResult(
        source, Status.BUILT, outputs, _since(started), entries=entries, warnings=tuple(warnings)
    )


def _build(
    source: str, options: BuildOptions, warnings: list[str]
) -> tuple[tuple[Path, ...], dict[str, Entry]]:
    from reportgen import __version__
    from reportgen.changes import changes_from_history, compare
    from reportgen.charts.build import chart_specs
    from reportgen.docinfo import DocumentInfo
    from reportgen.errors import BriefingError, Problem
    from reportgen.glyphs import glyph_findings
    from reportgen.loader import read_yaml, validate_document
    from reportgen.model import Briefing

    raw = _read(source)
    doc = read_yaml(raw, source, BriefingError)
    briefing = validate_document(doc, Briefing, BriefingError)
    template = load_template_for(briefing, options)
    # Preflight: say which characters would print as empty boxes, and where they are.
    warnings.extend(
        str(Problem(doc.locate(path), dotted(path), message))
        for path, message in glyph_findings(briefing, template.font.regular)
    )
    info = DocumentInfo(
        stamp=document_stamp(briefing.date),
        generator=f"reportgen {__version__}",
        template=template.name,
        source_sha256=sha256_bytes(raw),
    )
    previous = previous_edition(source, doc, briefing, options)
    changes = compare(previous[1], briefing) if previous else changes_from_history(briefing)
    charts = chart_specs(briefing, template.theme)
    rendered = {
        fmt: _render(fmt, source, briefing, template, charts, info, changes)
        for fmt in options.formats
    }
    extra = (previous[0],) if previous else ()
    # Write only once every format rendered, so a failure leaves all previous outputs alone.
    entries: dict[str, Entry] = {}
    outputs = []
    for fmt, data in rendered.items():
        path = options.out_dir / output_name(source, fmt)
        write_atomic(path, data)
        outputs.append(path)
        entries[path.name] = Entry(
            source=source,
            briefing_sha256=info.source_sha256,
            templates=template.chain,
            inputs=inputs_key(info.source_sha256, template.chain, fmt, options.cwd, extra),
            sha256=sha256_bytes(data),
            extra_inputs=extra,
        )
    return tuple(outputs), entries


def _read(source: str) -> bytes:
    from reportgen.errors import BriefingError, Location, Problem

    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise BriefingError(
            [Problem(Location(source), "", f"cannot read file: {exc.strerror}")]
        ) from None


def previous_edition(
    source: str, doc: Document, briefing: Briefing, options: BuildOptions
) -> tuple[str, Briefing] | None:
    """The earlier edition to compare with: --since, else the briefing's `previous:` key."""
    from reportgen.errors import BriefingError, Location, Problem
    from reportgen.loader import load_briefing

    if options.since is not None:
        path = options.since
        where = Location(path)
    elif briefing.previous is not None:
        path = str(Path(source).parent / briefing.previous)
        where = doc.locate(("previous",))
    else:
        return None
    if not Path(path).is_file():
        raise BriefingError([Problem(where, "previous" if where.line else "", f"no such file: {path}")])
    return path, load_briefing(path)


def load_template_for(briefing: Briefing, options: BuildOptions) -> Template:
    """The template the command line names (name or path), else the briefing's, else default."""
    from reportgen.theme import resolve_template

    if options.template is not None:
        return resolve_template(options.template, allow_path=True, cwd=options.cwd)
    return resolve_template(briefing.template or "default", allow_path=False, cwd=options.cwd)


def document_stamp(date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the briefing's date at midnight UTC (SPEC §3)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}"
            ) from None
    return dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)


def _render(fmt: str, source: str, *args: object) -> bytes:
    renderer = _renderer(fmt)
    try:
        return renderer(*args)
    except ReportgenError:
        raise
    except Exception as exc:  # a renderer bug must not take the other briefings down
        label = {"pdf": "PDF", "pptx": "PPTX"}[fmt]
        raise BuildError(f"{source}: building {label} failed: {type(exc).__name__}: {exc}") from exc


def _renderer(fmt: str) -> Callable[..., bytes]:
    # Imported here: each heavy library loads only when its format is actually built.
    if fmt == "pdf":
        from reportgen.render.pdf import render_memo

        def memo(briefing: Briefing, template: Template, charts: object, info: object,
                 changes: object) -> bytes:
            return render_memo(briefing, template, charts, info)  # type: ignore[arg-type]

        return memo
    from reportgen.render.pptx import render_deck
    from reportgen.output import normalize_zip

    def deck(
        briefing: Briefing, template: Template, charts: object, info: object, changes: object
    ) -> bytes:
        data = render_deck(briefing, template, charts, info, changes)  # type: ignore[arg-type]
        return normalize_zip(data, info.stamp)  # type: ignore[attr-defined]

    return deck


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)

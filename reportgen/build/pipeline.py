"""One briefing, start to finish: load → template → charts → render each format → write."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.build.manifest import STATE, Entry, files_digest, sha256_bytes
from reportgen.build.output import discard, replace_all, write_temp
from reportgen.build.plan import (
    BriefingResult,
    BuildOptions,
    Status,
    inputs_key,
    output_name,
    source_date_epoch,
)
from reportgen.errors import BuildError, ReportgenError, dotted

if TYPE_CHECKING:
    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render import Output
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Briefing
    from reportgen.source.yamlsource import Document
    from reportgen.theming.theme import Template


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the manifest records about a briefing's inputs."""

    briefing_sha256: str
    templates: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything a renderer takes, plus what the manifest records about the inputs."""

    briefing: Briefing
    template: Template
    charts: Charts
    info: DocumentInfo
    changes: Changes | None
    extra_inputs: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def inputs(self) -> Inputs:
        """The facts the manifest keeps about this briefing's inputs."""
        return Inputs(self.info.source_sha256, self.template.chain, self.extra_inputs)


@dataclass(frozen=True, slots=True)
class Staged:
    """Some formats of one briefing, rendered into fsynced temp files that are not yet in place.

    A worker stages, the parent commits: the renames and the manifest stay in one process.
    """

    source: str
    temps: dict[str, Path]  # output file (a folder output's: each file in it) → its temp file
    entries: dict[str, Entry]  # output file name → what the manifest will record
    seconds: float
    warnings: tuple[str, ...] = ()
    error: str | None = None
    trace: str | None = None  # the failure's traceback, for --debug


def build_one(source: str, options: BuildOptions) -> BriefingResult:
    """Load, render and atomically write every format of one briefing; never raises.

    The caller records the result's entries in the manifest (``manifest.update_manifest``).
    """
    return commit(source, [stage(source, options.formats, with_code(options))])


def with_code(options: BuildOptions) -> BuildOptions:
    """``options`` with the fingerprint of reportgen's code, an input of every output."""
    from reportgen.build.fingerprint import code_fingerprint

    if options.code:
        return options
    state = options.out_dir / STATE
    return replace(options, code=code_fingerprint(state, save=not options.check))


def stage(source: str, formats: tuple[str, ...], options: BuildOptions) -> Staged:
    """Render ``formats`` of one briefing to temp files beside their outputs; never raises.

    Any failure (invalid input, a broken template or font, a renderer bug, a full disk) fails
    this briefing alone with a line naming it, and removes whatever temp files it wrote.
    """
    started = time.perf_counter()
    warnings: tuple[str, ...] = ()
    temps: dict[str, Path] = {}
    try:
        prepared = prepare(source, options)
        warnings = prepared.warnings
        entries = {}
        for fmt in formats:
            data = render(fmt, source, prepared)
            name = output_name(source, fmt)
            entries[name] = _entry(source, fmt, options, prepared.inputs, data, warnings)
            # A folder format (chart images) stages a file per name inside its folder.
            if isinstance(data, dict):
                files = {f"{name}/{k}": v for k, v in data.items()}
            else:
                files = {name: data}
            for file, blob in files.items():
                temps[file] = _write_temp(source, options.out_dir / file, blob)
    except BaseException as exc:
        discard(temps.values())
        if not isinstance(exc, Exception):
            raise  # Ctrl-C, SIGTERM: the batch stops
        message = _message(source, exc)
        return Staged(source, {}, {}, _since(started), warnings, message, _trace(exc))
    return Staged(source, temps, entries, _since(started), warnings)


def commit(source: str, parts: list[Staged]) -> BriefingResult:
    """Rename every staged format into place together, or, if any part failed, none of them."""
    seconds = max(p.seconds for p in parts)
    warnings = tuple(dict.fromkeys(w for p in parts for w in p.warnings))
    temps = {name: tmp for p in parts for name, tmp in p.temps.items()}
    errors = list(dict.fromkeys(p.error for p in parts if p.error is not None))
    if not errors:
        moves = [(tmp, tmp.with_name(Path(name).name)) for name, tmp in temps.items()]
        try:
            replace_all(moves)
            _drop_stale(moves)
        except OSError as exc:
            errors.append(f"{source}: writing failed: {exc}")
    if errors:
        discard(temps.values())
        trace = "".join(p.trace for p in parts if p.trace is not None) or None
        return BriefingResult(
            source,
            Status.FAILED,
            seconds=seconds,
            error="\n".join(errors),
            warnings=warnings,
            trace=trace,
        )
    entries = {name: e for p in parts for name, e in p.entries.items()}
    # A folder output is reported as its folder, not file by file.
    outputs = tuple(
        dict.fromkeys(
            final.parent if "/" in name else final
            for name, (_, final) in zip(temps, moves, strict=True)
        )
    )
    return BriefingResult(
        source, Status.BUILT, outputs, seconds, entries=entries, warnings=warnings
    )


def _entry(
    source: str,
    fmt: str,
    options: BuildOptions,
    inputs: Inputs,
    data: Output,
    warnings: tuple[str, ...],
) -> Entry:
    files: tuple[str, ...] = ()
    if isinstance(data, dict):  # a folder output: its files and one hash over them
        files = tuple(sorted(data))
        digest = files_digest((f, sha256_bytes(data[f])) for f in files)
    else:
        digest = sha256_bytes(data)
    return Entry(
        source=source,
        briefing_sha256=inputs.briefing_sha256,
        templates=inputs.templates,
        inputs=inputs_key(inputs.briefing_sha256, inputs.templates, fmt, options, inputs.extra),
        sha256=digest,
        extra_inputs=inputs.extra,
        warnings=warnings,
        files=files,
    )


def _drop_stale(moves: list[tuple[Path, Path]]) -> None:
    """Remove images an earlier build left in a folder output that this build no longer has
    (a chart that went away, e.g. the history chart once no factor has history)."""
    written = {final for _, final in moves}
    for folder in {final.parent for final in written if final.suffix in {".svg", ".png"}}:
        for stale in folder.iterdir():
            if stale.suffix in {".svg", ".png"} and stale not in written:
                stale.unlink(missing_ok=True)


def _write_temp(source: str, path: Path, data: bytes) -> Path:
    try:
        return write_temp(path, data)
    except OSError as exc:
        raise BuildError(f"{source}: writing failed: {exc}") from exc


def _trace(exc: Exception) -> str | None:
    """The traceback of an unexpected failure (a renderer bug, an OSError), for ``--debug``.

    Formatted where it happened (in a worker process too); None for an ordinary located
    error of the input, whose message says everything.
    """
    import traceback

    cause = exc.__cause__ if isinstance(exc, ReportgenError) else exc
    if cause is None or isinstance(cause, ReportgenError):
        return None
    return "".join(traceback.format_exception(cause))


def _message(source: str, exc: Exception) -> str:
    if isinstance(exc, ReportgenError):
        return str(exc)
    return f"{source}: building failed: {type(exc).__name__}: {exc}"


@dataclass(frozen=True, slots=True)
class Checked:
    """A briefing that passed every check a build runs before rendering (``validate`` too)."""

    briefing: Briefing
    template: Template
    raw: bytes
    stamp: dt.datetime
    changes: Changes | None
    extra_inputs: tuple[str, ...]
    warnings: tuple[str, ...]


def preflight(source: str, options: BuildOptions) -> Checked:
    """Load and validate the briefing, resolve its template, check glyphs and previous edition.

    Everything ``build`` checks short of rendering, so that ``validate`` reports the same errors
    and warnings; raises a located ReportgenError.
    """
    from reportgen.changes import changes_from_history, compare
    from reportgen.errors import BriefingError, Problem
    from reportgen.source.loader import read_source, read_yaml, validate_document
    from reportgen.source.model import Briefing
    from reportgen.theming.glyphs import glyph_findings

    raw = read_source(source)
    doc = read_yaml(raw, source, BriefingError)
    briefing = validate_document(doc, Briefing, BriefingError)
    template = load_template_for(briefing, options)
    # Say which characters would print as empty boxes, and where they are.
    warnings = [
        str(Problem(doc.locate(path), dotted(path), message))
        for path, message in glyph_findings(briefing, template.font.regular)
    ]
    stamp = document_stamp(briefing.date)
    previous = previous_edition(source, doc, briefing, options)
    if previous is None:
        return Checked(
            briefing, template, raw, stamp, changes_from_history(briefing), (), tuple(warnings)
        )
    changes = compare(previous[1], briefing)
    if len(changes.factors_added) == len(briefing.threats.factors) and len(
        changes.scenarios_added
    ) == len(briefing.scenarios.items):
        warnings.append(
            f"{previous[0]}: shares no threat factor or scenario name with {source}; "
            "is it an edition of the same briefing?"
        )
    return Checked(briefing, template, raw, stamp, changes, (previous[0],), tuple(warnings))


def prepare(source: str, options: BuildOptions) -> Prepared:
    """Everything a renderer takes: the checked briefing, its charts and document facts."""
    from reportgen import __version__
    from reportgen.charts.specs import chart_specs
    from reportgen.render.docinfo import DocumentInfo

    c = preflight(source, options)
    info = DocumentInfo(
        stamp=c.stamp,
        generator=f"reportgen {__version__}",
        template=c.template.name,
        source_sha256=sha256_bytes(c.raw),
    )
    charts = chart_specs(c.briefing, c.template.theme)
    return Prepared(c.briefing, c.template, charts, info, c.changes, c.extra_inputs, c.warnings)


def previous_edition(
    source: str, doc: Document, briefing: Briefing, options: BuildOptions
) -> tuple[str, Briefing] | None:
    """The earlier edition to compare with: --since, else the briefing's `previous:` key."""
    from reportgen.errors import BriefingError, Location, Problem
    from reportgen.source.loader import read_source, validate_bytes
    from reportgen.source.model import Briefing

    if options.since is not None:
        path = options.since
        where = Location(path)
    elif briefing.previous is not None:
        path = str(Path(source).parent / briefing.previous)
        where = doc.locate(("previous",))
    else:
        return None
    if not Path(path).is_file():
        field = "previous" if where.line else ""
        raise BriefingError([Problem(where, field, f"no such file: {path}")])
    # `previous:` may not lead out of the briefing's folder through a symbolic link.
    within = Path(source).parent if options.since is None else None
    try:
        raw = read_source(path, within=within)
    except BriefingError as exc:
        if not where.line:
            raise
        message = f"{path}: {exc.problems[0].message}"
        raise BriefingError([Problem(where, "previous", message)]) from None
    return path, validate_bytes(raw, path, Briefing, BriefingError)


def load_template_for(briefing: Briefing, options: BuildOptions) -> Template:
    """The template the command line names (name or path), else the briefing's, else default."""
    from reportgen.theming.theme import resolve_template

    if options.template is not None:
        return resolve_template(options.template, allow_path=True, cwd=options.cwd)
    return resolve_template(briefing.template or "default", allow_path=False, cwd=options.cwd)


def document_stamp(date: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the briefing's date at midnight UTC (SPEC §3)."""
    try:
        epoch = source_date_epoch()
    except ValueError as exc:  # the command line refuses it first; this guards library callers
        raise BuildError(str(exc)) from None
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)


def render(fmt: str, source: str, prepared: Prepared) -> Output:
    """One format's bytes (or files); a renderer's own failure becomes a located BuildError."""
    from reportgen.render import format_label, renderer

    p = prepared
    try:
        return renderer(fmt)(p.briefing, p.template, p.charts, p.info, p.changes)
    except ReportgenError:
        raise
    except Exception as exc:  # a renderer bug must not take the other briefings down
        raise BuildError(
            f"{source}: building {format_label(fmt)} failed: {type(exc).__name__}: {exc}"
        ) from exc


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)

"""One briefing, start to finish: load → template → charts → render each format → write."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import BuildError, ReportgenError, dotted
from reportgen.build.manifest import Entry, sha256_bytes
from reportgen.build.output import write_atomic
from reportgen.build.plan import BriefingResult, BuildOptions, Status, inputs_key, output_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template
    from reportgen.source.yamlsource import Document


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
class Rendered:
    """One format of one briefing, rendered in a worker (``data``) or failed (``error``)."""

    source: str
    fmt: str
    data: bytes | None
    error: str | None
    seconds: float
    warnings: tuple[str, ...] = ()
    inputs: Inputs | None = None


def build_one(source: str, options: BuildOptions) -> BriefingResult:
    """Load, render and atomically write every format of one briefing; never raises."""
    started = time.perf_counter()
    warnings: tuple[str, ...] = ()
    try:
        prepared = prepare(source, options)
        warnings = prepared.warnings
        rendered = {fmt: render(fmt, source, prepared) for fmt in options.formats}
        outputs, entries = write_outputs(source, options, prepared.inputs, rendered)
    except ReportgenError as exc:
        return BriefingResult(
            source, Status.FAILED, seconds=_since(started), error=str(exc), warnings=warnings
        )
    return BriefingResult(
        source, Status.BUILT, outputs, _since(started), entries=entries, warnings=warnings
    )


def render_format(source: str, fmt: str, options: BuildOptions) -> Rendered:
    """Prepare and render one format in a worker process; never raises."""
    started = time.perf_counter()
    try:
        prepared = prepare(source, options)
        data = render(fmt, source, prepared)
    except ReportgenError as exc:
        return Rendered(source, fmt, None, str(exc), _since(started))
    return Rendered(source, fmt, data, None, _since(started), prepared.warnings, prepared.inputs)


def finish(source: str, options: BuildOptions, parts: list[Rendered]) -> BriefingResult:
    """Write a briefing's formats rendered by workers, only if every one of them succeeded."""
    seconds = max(p.seconds for p in parts)
    warnings = tuple(dict.fromkeys(w for p in parts for w in p.warnings))
    errors = list(dict.fromkeys(p.error for p in parts if p.error is not None))
    if errors:
        return BriefingResult(
            source, Status.FAILED, seconds=seconds, error="\n".join(errors), warnings=warnings
        )
    ordered = sorted(parts, key=lambda p: options.formats.index(p.fmt))
    rendered = {p.fmt: p.data for p in ordered if p.data is not None}
    assert parts[0].inputs is not None  # set on every part that rendered
    try:
        outputs, entries = write_outputs(source, options, parts[0].inputs, rendered)
    except ReportgenError as exc:
        return BriefingResult(
            source, Status.FAILED, seconds=seconds, error=str(exc), warnings=warnings
        )
    return BriefingResult(
        source, Status.BUILT, outputs, seconds, entries=entries, warnings=warnings
    )


def prepare(source: str, options: BuildOptions) -> Prepared:
    """Load and validate the briefing, resolve its template, decide charts and changes."""
    from reportgen import __version__
    from reportgen.changes import changes_from_history, compare
    from reportgen.charts.specs import chart_specs
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.errors import BriefingError, Problem
    from reportgen.theming.glyphs import glyph_findings
    from reportgen.source.loader import read_source, read_yaml, validate_document
    from reportgen.source.model import Briefing

    raw = read_source(source)
    doc = read_yaml(raw, source, BriefingError)
    briefing = validate_document(doc, Briefing, BriefingError)
    template = load_template_for(briefing, options)
    # Preflight: say which characters would print as empty boxes, and where they are.
    warnings = tuple(
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
    return Prepared(
        briefing,
        template,
        chart_specs(briefing, template.theme),
        info,
        changes,
        (previous[0],) if previous else (),
        warnings,
    )


def write_outputs(
    source: str, options: BuildOptions, inputs: Inputs, rendered: dict[str, bytes]
) -> tuple[tuple[Path, ...], dict[str, Entry]]:
    """Write every rendered format atomically; called only once all of them rendered.

    A file system error becomes a BuildError naming the briefing, like any other failure.
    """
    entries: dict[str, Entry] = {}
    outputs = []
    for fmt, data in rendered.items():
        path = options.out_dir / output_name(source, fmt)
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise BuildError(f"{source}: writing failed: {exc}") from exc
        outputs.append(path)
        entries[path.name] = Entry(
            source=source,
            briefing_sha256=inputs.briefing_sha256,
            templates=inputs.templates,
            inputs=inputs_key(
                inputs.briefing_sha256, inputs.templates, fmt, options.cwd, inputs.extra
            ),
            sha256=sha256_bytes(data),
            extra_inputs=inputs.extra,
        )
    return tuple(outputs), entries


def previous_edition(
    source: str, doc: Document, briefing: Briefing, options: BuildOptions
) -> tuple[str, Briefing] | None:
    """The earlier edition to compare with: --since, else the briefing's `previous:` key."""
    from reportgen.errors import BriefingError, Location, Problem
    from reportgen.source.loader import load_briefing

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
    return path, load_briefing(path)


def load_template_for(briefing: Briefing, options: BuildOptions) -> Template:
    """The template the command line names (name or path), else the briefing's, else default."""
    from reportgen.theming.theme import resolve_template

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


def render(fmt: str, source: str, prepared: Prepared) -> bytes:
    """One format's bytes; a renderer's own failure becomes a located BuildError."""
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

"""What a build run is asked to do and what is already done: options, discovery, freshness.

Light on purpose: the no-op build runs only this (no YAML parsing, no pydantic, no renderer).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.build.manifest import Entry, sha256_file, sha256_files
from reportgen.theming.catalog import find_template, folder_digest

if TYPE_CHECKING:
    from collections.abc import Iterable

FORMATS = ("pdf", "pptx")  # built when no -f is given (SPEC §2: "default both")
ALL_FORMATS = ("pdf", "pptx", "docx", "charts")
FOLDER_FORMATS = frozenset({"charts"})  # written as out/<stem>/<format>/<file>, see docs/outputs.md
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
    """Every choice of one build run (`build` options, README.md)."""

    out_dir: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    template: str | None = None
    jobs: int = 1
    force: bool = False
    check: bool = False
    shard: tuple[int, int] | None = None
    since: str | None = None  # --since PREVIOUS.yaml, wins over the briefing's `previous:`
    cwd: Path | None = None
    code: str = ""  # fingerprint of reportgen's own code; filled in by the batch


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
    trace: str | None = None  # traceback of the failure behind ``error``, shown with --debug


# SOURCE_DATE_EPOCH must fit every output: zip entry times end with 2107 (docs/refused.md).
_LAST_EPOCH = 4_354_819_199  # 2107-12-31T23:59:59Z


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds, or None when unset; ValueError says what is wrong."""
    text = os.environ.get("SOURCE_DATE_EPOCH")
    if not text:
        return None
    try:
        seconds = int(text)
    except ValueError:
        seconds = -1
    if not 0 <= seconds <= _LAST_EPOCH:
        raise ValueError(
            "SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to "
            f"{_LAST_EPOCH} (2107-12-31T23:59:59Z), got {text!r}"
        )
    return seconds


def check_environment() -> None:
    """Raise UsageError (exit 2) when SOURCE_DATE_EPOCH is set but unusable."""
    from reportgen.errors import UsageError

    try:
        source_date_epoch()
    except ValueError as exc:
        raise UsageError(f"reportgen: {exc}") from None


def discover(paths: Iterable[str]) -> list[str]:
    """Briefing files named or inside the named folders (not recursive), as the user typed them.

    A file reached twice (``data`` and ``./data/x.yaml``) is listed once.
    """
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
    seen: set[str] = set()
    unique = []
    for source in found:
        real = os.path.realpath(source)
        if real not in seen:
            seen.add(real)
            unique.append(source)
    return unique


def identity_problems(sources: Iterable[str], options: BuildOptions) -> list[str]:
    """One message per output that two or more inputs would write (an error up front)."""
    by_stem: dict[str, list[str]] = {}
    for source in sources:
        by_stem.setdefault(Path(source).stem, []).append(source)
    problems = []
    for group in by_stem.values():
        if len(group) < 2:
            continue
        names = ", ".join(group[:-1]) + f" and {group[-1]}"
        outputs = [str(options.out_dir / output_name(group[0], fmt)) for fmt in options.formats]
        written = (
            ", ".join(outputs[:-1]) + f" and {outputs[-1]}" if len(outputs) > 1 else outputs[0]
        )
        problems.append(
            f"reportgen: {names} would {'both' if len(group) == 2 else 'all'} write {written}; "
            "rename one of them, or build each folder into its own -o folder"
        )
    return problems


def in_shard(source: str, shard: tuple[int, int] | None) -> bool:
    """Whether ``source`` belongs to shard K of N; stable as briefings come and go."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(Path(source).stem.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def output_name(source: str, fmt: str) -> str:
    """The output of a briefing in a format, relative to the output folder.

    A file (``stem.pdf``), or for a format of several files, their folder (``stem/charts``).
    """
    stem = Path(source).stem
    return f"{stem}/{fmt}" if fmt in FOLDER_FORMATS else f"{stem}.{fmt}"


def inputs_key(
    briefing_sha: str,
    templates: Iterable[str],
    fmt: str,
    options: BuildOptions,
    extra: Iterable[str] = (),
) -> str:
    """Hash of everything an output depends on: briefing, templates, other inputs, our code."""
    cwd = options.cwd
    h = hashlib.sha256()
    for part in (options.code, briefing_sha, fmt, os.environ.get("SOURCE_DATE_EPOCH", "")):
        h.update(part.encode("utf-8") + b"\0")
    for path in extra:
        h.update(f"{path}={sha256_file(Path(path)) or 'missing'}\0".encode())
    for name in templates:
        folder = find_template(name, cwd)
        h.update(f"{name}={folder_digest(folder) if folder else 'missing'}\0".encode())
    return h.hexdigest()


def output_states(
    source: str, options: BuildOptions, manifest: dict[str, Entry]
) -> list[tuple[Path, Status]]:
    """Each output of ``source`` that is missing or out of date; empty when all are fresh."""
    briefing_sha = sha256_file(Path(source))
    states = []
    for fmt in options.formats:
        name = output_name(source, fmt)
        out = options.out_dir / name
        entry = manifest.get(name)
        if fmt in FOLDER_FORMATS:
            actual = sha256_files(out, entry.files) if entry is not None else None
        else:
            actual = sha256_file(out)
        if actual is None:
            states.append((out, Status.MISSING))
        elif briefing_sha is None or not _fresh(entry, source, briefing_sha, fmt, actual, options):
            states.append((out, Status.STALE))
    return states


def _fresh(
    entry: Entry | None,
    source: str,
    briefing_sha: str,
    fmt: str,
    actual: str,
    options: BuildOptions,
) -> bool:
    if entry is None or entry.briefing_sha256 != briefing_sha or entry.source != source:
        return False
    if options.template is not None and entry.templates[:1] != (options.template,):
        return False
    if options.since is not None and entry.extra_inputs != (options.since,):
        return False
    key = inputs_key(briefing_sha, entry.templates, fmt, options, entry.extra_inputs)
    return key == entry.inputs and actual == entry.sha256

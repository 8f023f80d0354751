"""The build manifest in the output folder: what each output was built from (never mtimes).

Several builds may write into one folder at once (a CI matrix, two terminals), so every update
reads, merges and writes the manifest under a lock (docs/ci.md, "Incremental").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.build.output import deferred_signals, write_atomic
from reportgen.errors import BuildError
from reportgen.source.files import hash_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

STATE = Path(".reportgen")
MANIFEST = STATE / "manifest.json"
LOCK = STATE / "lock"


@dataclass(frozen=True, slots=True)
class Entry:
    """One output: the hash of its inputs, the facts needed to recompute it, its own hash."""

    source: str
    briefing_sha256: str
    templates: tuple[str, ...]  # the template and every template it extends, as resolved
    inputs: str
    sha256: str
    extra_inputs: tuple[str, ...] = ()  # other files read, e.g. the previous edition
    warnings: tuple[str, ...] = ()  # shown again while the output stays up to date
    files: tuple[str, ...] = ()  # a folder output (chart images): its files, by name


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex sha256 of a regular file's content, or None if it cannot be read (never blocks:
    a manifest restored from a cache may name a FIFO or a device)."""
    return hash_file(path)


def sha256_files(folder: Path, names: tuple[str, ...]) -> str | None:
    """One hash over the named files of a folder output, or None if any cannot be read."""
    digests = [(name, sha256_file(folder / name)) for name in names]
    if any(d is None for _, d in digests):
        return None
    return files_digest([(name, str(d)) for name, d in digests])


def files_digest(digests: Iterable[tuple[str, str]]) -> str:
    """One hash over (file name, sha256) pairs, in the order given."""
    h = hashlib.sha256()
    for name, digest in digests:
        h.update(f"{name}={digest}\0".encode())
    return h.hexdigest()


def read_manifest(out_dir: Path) -> tuple[dict[str, Entry], str | None]:
    """Entries by output file name, and a warning when the manifest exists but is corrupt.

    A missing or unreadable manifest is an empty one (everything is rebuilt); a corrupt one too,
    but that is worth saying.
    """
    path = out_dir / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, None
    try:
        raw = json.loads(text)
        return {name: _entry(e) for name, e in raw["outputs"].items()}, None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        why = f"{type(exc).__name__}: {exc}"
        return {}, f"{path}: unreadable, so every output is rebuilt ({why})"


def update_manifest(out_dir: Path, entries: dict[str, Entry]) -> None:
    """Merge ``entries`` into the manifest on disk, under the folder's lock.

    Raises a BuildError naming the manifest when it cannot be written.
    """
    path = out_dir / MANIFEST
    try:
        with deferred_signals(), _locked(out_dir):
            current, _ = read_manifest(out_dir)
            merged = {**current, **entries}
            if merged != current:
                write_atomic(path, _dump(merged))
    except OSError as exc:
        raise BuildError(f"{path}: cannot record the build: {exc}") from exc


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    import fcntl

    (out_dir / STATE).mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _entry(e: dict[str, object]) -> Entry:
    fields = dict(e)
    for key in ("templates", "extra_inputs", "warnings", "files"):
        value = fields.get(key, ())
        if not isinstance(value, list | tuple):
            raise TypeError(f"{key} must be a list")
        fields[key] = tuple(str(v) for v in value)
    return Entry(**fields)  # type: ignore[arg-type]


def _dump(entries: dict[str, Entry]) -> bytes:
    body = {"version": 1, "outputs": {k: asdict(entries[k]) for k in sorted(entries)}}
    return (json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")

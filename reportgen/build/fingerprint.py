"""reportgen's own code as a build input: one hash over the package's files and templates.

An upgrade or a local edit of reportgen changes what it writes, so it makes every output stale
(docs/ci.md, "Incremental"). Hashing ~70 files on every no-op build would
cost more than the no-op build itself, so each file's hash is cached by its stat signature in
the output folder's state folder; a run then only stats the files.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path

from reportgen.build.output import write_atomic
from reportgen.theming.catalog import PACKAGE_TEMPLATES

PACKAGE = Path(__file__).resolve().parent.parent
CACHE = Path(".reportgen") / "code.json"
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = (".pyc", ".pyo")

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def code_fingerprint(state_dir: Path | None = None, *, save: bool = True) -> str:
    """sha256 over every file of the installed package and its bundled templates.

    With ``state_dir`` (the output folder's ``.reportgen``), per-file hashes are read from a
    cache there, keyed by size, mtime, ctime and inode, and saved back when ``save`` (never
    with --check, which writes nothing). Memoised per process.
    """
    return _fingerprint(str(state_dir) if state_dir is not None else None, save)


@functools.cache
def _fingerprint(state_dir: str | None, save: bool) -> str:
    cache_file = Path(state_dir) / CACHE.name if state_dir is not None else None
    cached = _read_cache(cache_file) if cache_file is not None else {}
    fresh: dict[str, tuple[Signature, str]] = {}
    h = hashlib.sha256()
    for label, path in _files():
        try:
            st = os.stat(path)
        except OSError as exc:  # a dangling link, a loop: an input like any other
            h.update(f"{label}\0unreadable {type(exc).__name__}\0".encode())
            continue
        signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = cached.get(label)
        digest = known[1] if known is not None and known[0] == signature else _hash(path)
        fresh[label] = (signature, digest)
        h.update(f"{label}\0{digest}\0".encode())
    if cache_file is not None and save and fresh != cached:
        _write_cache(cache_file, fresh)
    return h.hexdigest()


def _files() -> list[tuple[str, str]]:
    """(label, path) of every file, in a stable order; symlinked folders are not followed."""
    found = []
    for label, root in (("reportgen", PACKAGE), ("templates", PACKAGE_TEMPLATES.resolve())):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            rel = os.path.relpath(folder, root)
            for name in sorted(files):
                if not name.endswith(_SKIP_SUFFIXES):
                    found.append((f"{label}/{rel}/{name}", os.path.join(folder, name)))
    return found


def _hash(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError as exc:
        return f"unreadable {type(exc).__name__}"


def _read_cache(path: Path) -> dict[str, tuple[Signature, str]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {k: ((v[0], v[1], v[2], v[3]), str(v[4])) for k, v in raw.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def _write_cache(path: Path, entries: dict[str, tuple[Signature, str]]) -> None:
    body = {k: [*sig, digest] for k, (sig, digest) in sorted(entries.items())}
    with contextlib.suppress(OSError):  # only a cache: the next run hashes again
        write_atomic(path, json.dumps(body, separators=(",", ":")).encode("utf-8"))

"""Writing outputs: fsynced temp files, then renames back to back (docs/ci.md, "Atomic").

Temp files are named ``.<output>.<pid>.<8 hex>.tmp`` beside their output. The pid lets the
next build remove the leftovers of a killed build while leaving a running build's alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9a-f]{8}\.tmp$")
_DEFERRED = {signal.SIGINT, signal.SIGTERM}


def write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new fsynced temp file beside ``path``; returns the temp file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        # BaseException too: a Ctrl-C mid-write must not leave a stray temporary file.
        discard([tmp])
        raise
    return tmp


def replace_all(moves: Iterable[tuple[Path, Path]]) -> None:
    """Rename each temp file onto its output, back to back, with Ctrl-C and SIGTERM held off.

    Nothing runs between the renames, so the outputs of one briefing change together; a kill -9
    (which cannot be held off) could only land in the microseconds between two renames.
    """
    moves = list(moves)
    with deferred_signals():
        for tmp, final in moves:
            os.replace(tmp, final)
    for folder in {final.parent for _, final in moves}:
        _fsync_folder(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once; on any failure the old file stays as it was."""
    tmp = write_temp(path, data)
    try:
        replace_all([(tmp, path)])
    except BaseException:
        discard([tmp])
        raise


def discard(paths: Iterable[Path]) -> None:
    """Remove temp files that will not be renamed into place."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def remove_leftovers(folder: Path) -> list[str]:
    """Remove reportgen's temp files in ``folder`` whose writing process no longer runs.

    Only names of our own pattern, and never those of a build that is still running (another
    `reportgen build` into the same folder, or a worker of this one). Returns the names removed.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        found = TEMP_NAME.match(entry.name)
        if found is None or _running(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold off SIGINT and SIGTERM for a moment that must not be cut in two."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    # The renames themselves survive a power cut only once the folder is synced.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Reading input files safely: regular files only, inside their folder, never more than a limit.

A FIFO would block, ``/dev/zero`` never ends, and a symbolic link can lead out of the folder
a file is allowed to come from; each is refused before a byte is read (docs/refused.md).
Standard library only: the no-op build path uses it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

_CHUNK = 1024 * 1024


class FileRefused(Exception):  # noqa: N818 - a reason to show the user, located by the caller
    """A file that must not be read; the message says why, without the file name."""


def _open_regular(path: Path, within: Path | None) -> int:
    """An open descriptor of ``path``, a regular file inside ``within`` (when given)."""
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        raise FileRefused(f"a symbolic link to a file outside {within}{os.sep}; not read")
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileRefused("not a regular file; not read")
    return fd


def read_bounded(path: str | Path, limit: int, within: Path | None = None) -> bytes:
    """At most ``limit + 1`` bytes of a regular file, so a caller can tell "too large".

    Raises FileRefused when the file is not a regular file, cannot be opened, or (with
    ``within``) resolves to a place outside that folder.
    """
    fd = _open_regular(Path(path), within)
    try:
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def hash_file(path: str | Path) -> str | None:
    """Hex sha256 of a regular file, read in chunks; None if it is not one or cannot be read."""
    try:
        fd = _open_regular(Path(path), None)
    except FileRefused:
        return None
    h = hashlib.sha256()
    try:
        while chunk := os.read(fd, _CHUNK):
            h.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return h.hexdigest()


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data``; FileExistsError if anything is there, a symbolic
    link too (even a dangling one, which a plain open would follow)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)

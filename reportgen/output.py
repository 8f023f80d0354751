"""Writing outputs: atomic replacement and byte-stable zip packaging (SPEC §3)."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once; on any failure the old file stays as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        # BaseException too: a Ctrl-C mid-write must not leave a stray temporary file.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def normalize_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip (an OOXML package) with fixed entry times and attributes.

    python-pptx stamps every entry with the wall-clock time; this makes the bytes depend only
    on the content. Entry order is kept: ``[Content_Types].xml`` must stay first.
    """
    when = max(_ZIP_EPOCH, stamp.timetuple()[:6])
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(item.filename), compresslevel=6)
    return target_buffer.getvalue()

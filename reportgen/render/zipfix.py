"""Byte-stable OOXML packages: fixed zip entry times and attributes (docs/outputs.md)."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


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

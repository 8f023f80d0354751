"""What every output records about itself: its timestamp and provenance (docs/ci.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Timestamp and provenance a renderer writes into document metadata.

    ``stamp`` is timezone-aware UTC: SOURCE_DATE_EPOCH when set, else the briefing's date at
    midnight UTC. Renderers never read the clock.
    """

    stamp: dt.datetime
    generator: str
    template: str
    source_sha256: str

    @property
    def producer(self) -> str:
        """The producer string, e.g. ``reportgen 0.1.0``."""
        return self.generator

"""The build: plan what is stale, render each briefing, write atomically, record the manifest."""

from __future__ import annotations

from reportgen.build.batch import (
    FORMATS,
    BriefingResult,
    BuildOptions,
    Status,
    build,
    build_one,
    discover,
)

__all__ = ["FORMATS", "BriefingResult", "BuildOptions", "Status", "build", "build_one", "discover"]

"""reportgen: a structured briefing (YAML) becomes a PDF memo and a PowerPoint deck."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The single source of the version (pyproject reads it); a constant, because asking
# importlib.metadata costs ~90 ms on every no-op build.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from reportgen.build.batch import BuildOptions, build
    from reportgen.source.loader import load_briefing

__all__ = ["BuildOptions", "__version__", "build", "load_briefing"]

_LAZY = {
    "load_briefing": "reportgen.source.loader",
    "build": "reportgen.build.batch",
    "BuildOptions": "reportgen.build.batch",
}


def __getattr__(name: str) -> Any:
    # Lazy, so that `import reportgen` stays cheap on the no-op and --help paths.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")

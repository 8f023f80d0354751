"""reportgen: a structured briefing (YAML) becomes a PDF memo and a PowerPoint deck."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("reportgen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from reportgen.build import BuildOptions, build
    from reportgen.loader import load_briefing

__all__ = ["BuildOptions", "__version__", "build", "load_briefing"]

_LAZY = {"load_briefing": "reportgen.loader", "build": "reportgen.build",
         "BuildOptions": "reportgen.build"}


def __getattr__(name: str) -> Any:
    # Lazy, so that `import reportgen` stays cheap on the no-op and --help paths.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")

"""reportgen: a structured briefing (YAML) becomes a PDF memo and a PowerPoint deck."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reportgen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from reportgen.loader import load_briefing

__all__ = ["__version__", "load_briefing"]

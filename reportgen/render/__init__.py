"""Renderers: the model, theme and charts become document bytes.

Each format is one package (``render.pdf``, ``render.pptx``, ``render.docx``,
``render.images``) exposing one function with the ``Renderer`` signature; the registry below
imports it only when that format is built, so each heavy library loads only when needed.

A format is one file (``bytes``, written to ``out/<stem>.<format>``) or a set of files (a
mapping of file name → bytes, written into ``out/<stem>/<format>/``), see docs/outputs.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from reportgen.changes import Changes
    from reportgen.charts.spec import Charts
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template


Output = bytes | dict[str, bytes]  # one file, or file name → bytes for a folder of files


class Renderer(Protocol):
    """A format's entry point: everything it needs in, the finished file's bytes out."""

    def __call__(
        self,
        briefing: Briefing,
        template: Template,
        charts: Charts,
        info: DocumentInfo,
        changes: Changes | None,
    ) -> Output: ...


# format → (package, function, the name a user reads in messages)
_REGISTRY: dict[str, tuple[str, str, str]] = {
    "pdf": ("reportgen.render.pdf", "render_memo", "PDF"),
    "pptx": ("reportgen.render.pptx", "render_deck", "PPTX"),
    "docx": ("reportgen.render.docx", "render_word_memo", "DOCX"),
    "charts": ("reportgen.render.images", "render_charts", "chart images"),
}


def renderer(fmt: str) -> Renderer:
    """The entry point of one format, imported on first use."""
    package, function, _ = _REGISTRY[fmt]
    found: Renderer = getattr(importlib.import_module(package), function)
    return found


def format_label(fmt: str) -> str:
    """How messages name a format: 'PDF', 'PPTX', 'DOCX', 'chart images'."""
    return _REGISTRY[fmt][2]

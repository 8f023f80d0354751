"""The PowerPoint deck renderer (python-pptx): one entry point, ``render_deck``."""

from typing import TYPE_CHECKING

from reportgen.render.pptx._deck import render_deck

__all__ = ["render_deck"]

if TYPE_CHECKING:  # mypy checks the entry point against the Renderer protocol
    from reportgen.render import Renderer

    _entry: Renderer = render_deck

"""The PowerPoint deck renderer (python-pptx): one entry point, ``render_deck``."""

from reportgen.render.pptx._deck import render_deck

__all__ = ["render_deck"]

"""The PDF memo renderer (reportlab): one entry point, ``render_memo``."""

from reportgen.render.pdf._memo import render_memo

__all__ = ["render_memo"]

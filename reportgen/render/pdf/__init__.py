"""The PDF memo renderer (reportlab): one entry point, ``render_memo``."""

from typing import TYPE_CHECKING

from reportgen.render.pdf._memo import render_memo

__all__ = ["render_memo"]

if TYPE_CHECKING:  # mypy checks the entry point against the Renderer protocol
    from reportgen.render import Renderer

    _entry: Renderer = render_memo

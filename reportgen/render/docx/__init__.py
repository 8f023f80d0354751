"""The Word memo renderer (python-docx): one entry point, ``render_word_memo`` (docs/word.md)."""

from reportgen.render.docx._memo import render_word_memo
from reportgen.render.docx.reference import reference_problems

__all__ = ["reference_problems", "render_word_memo"]

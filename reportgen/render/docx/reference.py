"""A template's reference Word document: can it be opened, and has it every mapped style?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.errors import TemplateError
from reportgen.render.docx._document import open_base, style_problems

if TYPE_CHECKING:
    from reportgen.errors import Problem
    from reportgen.theming.theme import Template


def reference_problems(template: Template) -> list[Problem]:
    """Everything that stops the Word memo using the template's styles (for templates check)."""
    try:
        document = open_base(template)
    except TemplateError as exc:
        return exc.problems
    return style_problems(document, template)

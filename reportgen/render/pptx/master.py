"""A template's master deck: open it (.pptx or .potx) and check it has a layout for every role."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from reportgen.errors import Problem, TemplateError
from reportgen.render.pptx._frame import layout_placeholders
from reportgen.render.pptx._ooxml.package import clean_master
from reportgen.theming.locate import locate as _locate
from reportgen.theming.package import PackageProblem, read_master
from reportgen.theming.theme import ROLES

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from reportgen.theming.theme import Template

__all__ = ["master_problems", "open_master"]

_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def open_master(template: Template) -> PresentationT:
    """The template's master as python-pptx reads it (a .potx too), or python-pptx's default.

    Raises TemplateError, located at ``deck.master``, when the file is not a readable deck.
    """
    if template.master is None:
        return Presentation()
    try:
        return Presentation(BytesIO(clean_master(read_master(template.master))))
    # SyntaxError covers lxml's XMLSyntaxError: a part that is not well-formed XML.
    except (PackageProblem, OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        message = f"cannot open {template.master.name}: {_unreadable(exc)}"
        where = _locate(template, ("deck", "master"))
        raise TemplateError([Problem(where, "deck.master", message)]) from None


def master_problems(template: Template, prs: PresentationT | None = None) -> list[Problem]:
    """Everything that stops the deck using the master: unreadable, or a role without layout.

    `templates check` and the deck renderer both call this, so they fail alike.
    """
    if prs is None:
        try:
            prs = open_master(template)
        except TemplateError as exc:
            return exc.problems
    layouts = {lay.name: lay for m in prs.slide_masters for lay in m.slide_layouts}
    problems = (_role_problem(template, layouts, role) for role in ROLES)
    return [p for p in problems if p is not None]


def _role_problem(template: Template, layouts: dict[str, SlideLayout], role: str) -> Problem | None:
    """What is wrong with the layout the theme gives ``role``, or None."""
    names = template.theme.deck.layouts.names(role)
    layout = next((layouts[n] for n in names if n in layouts), None)
    if layout is None:
        message = _no_layout(template, role, names, list(layouts))
    elif not layout_placeholders(layout, _TITLE_TYPES):
        # The deck would fall back to a text box: a slide without a title that outline view,
        # the slide sorter and screen readers can name.
        message = f"layout {layout.name!r} has no title placeholder; role {role!r} needs one"
    else:
        return None
    return Problem(_locate(template, ("deck", "layouts", role)), f"deck.layouts.{role}", message)


def _no_layout(template: Template, role: str, names: list[str], have: list[str]) -> str:
    tried = ", ".join(repr(n) for n in names)
    where = f"the master has {', '.join(repr(n) for n in have) or 'no layouts'}"
    if role in template.theme.deck.layouts.model_fields_set:
        return f"no layout for role {role!r}: tried {tried}; {where}"
    # Unmapped: the default names are python-pptx's, which a custom master rarely has.
    return f"role {role!r} is not mapped and its default {tried} is not in the master; {where}"


def _unreadable(exc: Exception) -> str:
    if isinstance(exc, PackageProblem):
        return str(exc)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return "not a zip archive, so not a .pptx or .potx"
    return "not a PowerPoint deck or template"

"""`reportgen templates check`: lint a template before anyone builds with it (issue 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.errors import BriefingError, Location, Problem, TemplateError, dotted

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reportgen.theming.theme import Template


def check_template(
    name_or_path: str, briefings: Iterable[str] = (), warnings: list[Problem] | None = None
) -> list[Problem]:
    """Every problem with a template: theme, assets, master layouts, and glyph coverage.

    What does not stop a build but makes it worse (a deck face without metrics) is added
    to ``warnings``.
    """
    from reportgen.theming.catalog import THEME_FILE
    from reportgen.theming.theme import resolve_template

    try:
        template = resolve_template(name_or_path, allow_path=True)
    except TemplateError as exc:
        return exc.problems
    if warnings is not None:
        note = template.deck_face.note
        if note is not None:
            where = Location(str(template.folder / THEME_FILE))
            warnings.append(Problem(where, "fonts.deck", note))
    problems = _master_problems(template)
    for source in briefings:
        problems.extend(_coverage_problems(template, source))
    return problems


def _master_problems(template: Template) -> list[Problem]:
    # The deck renderer owns python-pptx, so it is the one that can read a master.
    from reportgen.render.pptx._deck import master_problems

    return master_problems(template)


def _coverage_problems(template: Template, source: str) -> list[Problem]:
    from reportgen.theming.glyphs import glyph_findings
    from reportgen.source.loader import read_source, read_yaml, validate_document
    from reportgen.source.model import Briefing

    try:
        doc = read_yaml(read_source(source), source, BriefingError)
        briefing = validate_document(doc, Briefing, BriefingError)
    except BriefingError as exc:
        return exc.problems
    fonts = {template.font.regular, template.font.bold, template.font.italic}
    return [
        Problem(doc.locate(path), dotted(path), message)
        for font in sorted(fonts)
        for path, message in glyph_findings(briefing, font)
    ]

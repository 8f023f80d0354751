"""`validate` and `templates check`: every check a build runs, short of rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.errors import (
    BriefingError,
    BuildError,
    Location,
    Problem,
    ReportgenError,
    TemplateError,
    dotted,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from reportgen.build.plan import BuildOptions
    from reportgen.build.report import Line
    from reportgen.theming.theme import Template


def validate_sources(sources: list[str], options: BuildOptions) -> tuple[list[Line], int, int]:
    """What ``build`` would say about each briefing before rendering: (lines, errors, warnings).

    The same checks as the build (``pipeline.preflight``), so the same errors and warnings;
    any failure, even an unexpected one in a broken template, is a line naming the briefing.
    """
    from reportgen.build.pipeline import preflight
    from reportgen.build.plan import identity_problems

    lines: list[Line] = [(True, p) for p in identity_problems(sources, options)]
    bad, warned = len(lines), 0
    masters: dict[Path, str | None] = {}  # each master opened once, as the deck would open it
    for source in sources:
        try:
            checked = preflight(source, options)
            warnings = checked.warnings
            _open_master(checked.template, masters)
        except Exception as exc:  # reported, located, for this briefing alone
            bad += 1
            lines.append((True, _located(source, exc)))
            continue
        warned += len(warnings)
        lines.extend((True, f"warning: {w}") for w in warnings)
        lines.append((False, f"ok         {source}"))
    return lines, bad, warned


def _open_master(template: Template, seen: dict[Path, str | None]) -> None:
    """Raise what building the deck would raise about the template's master (unreadable)."""
    if template.master is None:
        return
    if template.master not in seen:
        from reportgen.render.pptx.master import open_master

        try:
            open_master(template)
            seen[template.master] = None
        except TemplateError as exc:
            seen[template.master] = str(exc)
    error = seen[template.master]
    if error is not None:
        raise BuildError(error)


def _located(where: str, exc: Exception) -> str:
    if isinstance(exc, ReportgenError):
        return str(exc)
    return f"{where}: {type(exc).__name__}: {exc}"


def check_template(
    name_or_path: str, briefings: Iterable[str] = (), warnings: list[Problem] | None = None
) -> list[Problem]:
    """Every problem with a template: theme, assets, master layouts, and glyph coverage.

    What does not stop a build but makes it worse (a deck face without metrics) is added
    to ``warnings``. Never raises: whatever breaks while reading a template is a problem
    located at it.
    """
    from reportgen.theming.catalog import THEME_FILE
    from reportgen.theming.theme import resolve_template

    try:
        template = resolve_template(name_or_path, allow_path=True)
        if warnings is not None:
            where = Location(str(template.folder / THEME_FILE))
            note = template.deck_face.note
            if note is not None:
                warnings.append(Problem(where, "fonts.deck", note))
            warnings += _series_warnings(template, where)
        problems = _master_problems(template) + _word_problems(template) + _docx_problems(template)
        for source in briefings:
            problems.extend(_coverage_problems(template, source))
    except TemplateError as exc:
        return exc.problems
    except Exception as exc:  # a broken font or asset, reported where it is
        why = f"cannot be read: {type(exc).__name__}: {exc}"
        return [Problem(Location(name_or_path), "", why)]
    return problems


def _series_warnings(template: Template, where: Location) -> list[Problem]:
    """Chart series colours too close to tell apart (CIEDE2000, docs/layout.md)."""
    from reportgen.theming.colour import TOO_CLOSE, close_pairs

    return [
        Problem(
            where,
            "colours.series",
            f"{a} and {b} are hard to tell apart in a chart (colour difference "
            f"ΔE2000 {d:.1f}, below {TOO_CLOSE:g}); choose colours further apart",
        )
        for a, b, d in close_pairs(template.theme.colours.series)
    ]


def _master_problems(template: Template) -> list[Problem]:
    # The deck renderer owns python-pptx, so it is the one that can read a master.
    from reportgen.render.pptx._deck import master_problems

    return master_problems(template)


def _word_problems(template: Template) -> list[Problem]:
    """The theme's words (its locale's and its own labels, month names) the fonts cannot draw."""
    from reportgen.theming.catalog import THEME_FILE
    from reportgen.theming.glyphs import missing_characters

    where = Location(str(template.folder / THEME_FILE))
    fonts = {template.font.regular, template.font.bold, template.font.italic}
    theme = template.theme
    words = {"labels": theme.labels.model_dump(), "formats": theme.formats.model_dump()}
    problems = []
    for font in sorted(fonts):
        for path, text in _texts(words):
            missing = missing_characters(text, font)
            if missing:
                shown = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:5])
                message = f"font {font.name} has no glyph for {shown}"
                problems.append(Problem(where, dotted(path), message))
    return problems


def _texts(
    value: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, v in value.items():
            yield from _texts(v, (*path, key))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*path, i))


def _docx_problems(template: Template) -> list[Problem]:
    # The Word renderer owns python-docx: it checks the reference document and style names.
    from reportgen.render.docx import reference_problems

    return reference_problems(template)


def _coverage_problems(template: Template, source: str) -> list[Problem]:
    from reportgen.source.loader import read_source, read_yaml, validate_document
    from reportgen.source.model import Briefing
    from reportgen.theming.glyphs import glyph_findings

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

"""The Word document around the memo: base styles (theme or reference), page, furniture, save."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from reportgen.errors import Problem, TemplateError
from reportgen.render.docx._ooxml import add_field, shade_paragraph
from reportgen.render.zipfix import normalize_zip
from reportgen.theming.locate import locate
from reportgen.theming.schema import DOCX_TABLE_ROLES, DocxStyles

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph

    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.model import Briefing
    from reportgen.theming.theme import Template, Theme

# python-docx opens only documents; a Word template (.dotx) is the same package, another type.
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PROPERTY_MAX = 255  # characters in a core property (python-docx enforces the limit)
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def open_base(template: Template) -> Document:
    """The reference document emptied of content, or python-docx's default restyled by theme."""
    reference = template.theme.docx.reference
    if reference is None:
        document = docx.Document()
        _restyle(document, template.theme)
        return document
    try:
        with open(reference, "rb") as handle:
            document = docx.Document(io.BytesIO(_as_document(handle.read())))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        where = locate(template, ("docx", "reference"))
        message = f"cannot open {reference.rsplit('/', 1)[-1]}: {exc}"
        raise TemplateError([Problem(where, "docx.reference", message)]) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx's bytes relabelled as a .docx (python-docx checks the main part's type)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
            target.writestr(item, body)
    return out.getvalue()


def styles_by_role(document: Document, template: Template) -> dict[str, Any]:
    """Each role's style, as the theme maps it; a missing style is a located TemplateError."""
    problems = style_problems(document, template)
    if problems:
        raise TemplateError(problems)
    found = {s.name: s for s in document.styles}
    names = template.theme.docx.styles
    return {role: found[getattr(names, role)] for role in DocxStyles.model_fields}


def style_problems(document: Document, template: Template) -> list[Problem]:
    """Every role whose style the document lacks (or has as the wrong kind of style)."""
    found = {s.name: s for s in document.styles}
    problems = []
    for role in DocxStyles.model_fields:
        name = getattr(template.theme.docx.styles, role)
        kind = WD_STYLE_TYPE.TABLE if role in DOCX_TABLE_ROLES else WD_STYLE_TYPE.PARAGRAPH
        style = found.get(name)
        if style is None or style.type != kind:
            what = "table" if kind == WD_STYLE_TYPE.TABLE else "paragraph"
            names = sorted(n for n, s in found.items() if n and s.type == kind)
            message = f"no {what} style {name!r} in the reference document; it has: " + ", ".join(
                names
            )
            problems.append(
                Problem(locate(template, ("docx", "styles", role)), f"docx.styles.{role}", message)
            )
    return problems


def _set_font(style: BaseStyle, family: str) -> None:
    """The family for every script, replacing the default template's theme-font references."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), family)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _restyle(document: Document, theme: Theme) -> None:
    """Fonts, sizes and colours of the roles' styles from the theme (no reference document)."""
    found = {s.name: s for s in document.styles}
    names, c, size = theme.docx.styles, theme.colours, theme.fonts.size
    looks = {
        "body": (size, c.text, False, False),
        "title": (size * 2.2, c.primary, True, False),
        "subtitle": (size * 1.3, c.muted, False, False),
        "heading_1": (size * 1.5, c.primary, True, False),
        "heading_2": (size * 1.2, c.primary, True, False),
        "heading_3": (size * 1.05, c.primary, True, False),
        "caption": (size * 0.95, c.text, True, False),
        "quote": (size * 1.05, c.muted, False, True),
    }
    for role, (pt, colour, bold, italic) in looks.items():
        style = found[getattr(names, role)]
        _set_font(style, theme.fonts.family)
        font = style.font
        font.size, font.bold, font.italic = Pt(pt), bold, italic
        font.color.rgb = _rgb(colour)
    body = found[names.body].paragraph_format
    body.space_after, body.line_spacing = Pt(size * 0.6), 1.15
    for role, before in (("heading_1", 1.6), ("heading_2", 1.2), ("heading_3", 0.9)):
        fmt = found[getattr(names, role)].paragraph_format
        fmt.space_before, fmt.space_after = Pt(size * before), Pt(size * 0.4)
    title = found[names.title]
    title.element.get_or_add_pPr()  # the default Title has a theme-coloured bottom border
    pbdr = title.element.pPr.find(qn("w:pBdr"))
    if pbdr is not None:
        title.element.pPr.remove(pbdr)


def set_page(document: Document, theme: Theme) -> None:
    """Page size and margins as the PDF's (millimetres in the theme)."""
    section = document.sections[0]
    width, height = theme.page.points
    section.page_width, section.page_height = Pt(width), Pt(height)
    m = theme.page.margins
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance = section.footer_distance = Mm(min(m.top, m.bottom) * 0.4)
    section.different_first_page_header_footer = False


def add_furniture(document: Document, briefing: Briefing, theme: Theme, body_style: Any) -> None:
    """The marking in the header and footer of every page; 'Page X of Y' as live fields."""
    marking = marking_of(briefing, theme)
    fill = theme.classification.colour_of(marking)
    section = document.sections[0]
    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
        for child in list(part._element):
            part._element.remove(child)
    footer_page = section.footer.add_paragraph(style=body_style)
    _page_numbers(footer_page, theme)
    for part in (section.header, section.footer):
        _banner(part.add_paragraph(style=body_style), marking, fill, theme)


def marking_of(briefing: Briefing, theme: Theme) -> str:
    """The briefing's classification, else the template's default (SPEC §1)."""
    return (
        briefing.classification.plain if briefing.classification else theme.classification.default
    )


def _banner(paragraph: Paragraph, marking: str, fill: str, theme: Theme) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    shade_paragraph(paragraph, fill)
    run = paragraph.add_run(marking)
    run.bold = True
    run.font.size = Pt(theme.fonts.size * 0.8)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _page_numbers(paragraph: Paragraph, theme: Theme) -> None:
    """The theme's page label, its {page} and {pages} as PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(theme.fonts.size * 0.3)
    size, colour = Pt(theme.fonts.size * 0.75), _rgb(theme.colours.muted)
    for i, piece in enumerate(_PLACEHOLDER.split(theme.labels.page)):
        if i % 2 == 0:
            if piece:
                run = paragraph.add_run(piece)
                run.font.size, run.font.color.rgb = size, colour
            continue
        field = add_field(paragraph, "PAGE" if piece == "page" else "NUMPAGES", "1")
        rpr = docx.oxml.parse_xml(  # the field's result in the label's size and colour
            f'<w:rPr {nsdecls("w")}><w:color w:val="{theme.colours.muted.lstrip("#")}"/>'
            f'<w:sz w:val="{round(size.pt * 2)}"/></w:rPr>'
        )
        field.find(qn("w:r")).insert(0, rpr)


def set_properties(
    document: Document, briefing: Briefing, info: DocumentInfo, marking: str
) -> None:
    """Core properties from the briefing and the stamp (never the clock)."""
    props = document.core_properties
    stamp = info.stamp.replace(tzinfo=None)  # python-docx writes UTC 'Z' for naive datetimes
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.title = _clip(briefing.title.plain)
    props.subject = _clip(briefing.subject.plain)
    props.author = _clip(briefing.memo.from_.plain if briefing.memo and briefing.memo.from_ else "")
    props.last_modified_by = _clip(info.generator)
    props.category = _clip(marking)
    props.comments = f"{info.generator}, template {info.template}"
    props.keywords = ""
    props.identifier = info.source_sha256
    props.language = ""
    props.content_status = ""
    props.version = ""


def _clip(text: str) -> str:
    """At most the 255 characters a core property holds; the memo itself has it all."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"


def save(document: Document, info: DocumentInfo) -> bytes:
    """The package's bytes with fixed zip entry times (docs/outputs.md)."""
    _drop_styles_with_effects(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), info.stamp)


def _drop_styles_with_effects(document: Document) -> None:
    """Drop Word 2010's stale copy of the styles (python-docx's default template carries one).

    It no longer matches styles.xml once styles are changed, which Word reports as content to
    repair; styles.xml alone is complete.
    """
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(r_id)

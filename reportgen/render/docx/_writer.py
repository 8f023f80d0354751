"""Writing the memo's parts into the document: styled paragraphs, inline runs, lists, pictures."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from reportgen.render.docx._ooxml import (
    add_hyperlink,
    move_run_into,
    outline_level,
    restart_numbering,
)
from reportgen.source.inline import Run as InlineRun
from reportgen.source.inline import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from reportgen.charts.spec import ChartSpec
    from reportgen.theming.theme import Template, Theme


def rgb(colour: str) -> RGBColor:
    """A '#RRGGBB' theme colour as python-docx takes it."""
    return RGBColor.from_string(colour.lstrip("#").upper())


@dataclass(slots=True)
class Writer:
    """The document being written, its styles by role, and the template."""

    document: Document
    template: Template
    styles: dict[str, Any]  # paragraph and table styles by role (docs/word.md)

    @property
    def theme(self) -> Theme:
        """The template's theme."""
        return self.template.theme

    def paragraph(self, text: Text | str | None = None, role: str = "body") -> Paragraph:
        """A new paragraph in the role's style; ``text`` with its inline markup."""
        paragraph = self.document.add_paragraph(style=self.styles[role])
        if text is not None:
            self.runs(paragraph, text)
        return paragraph

    def runs(
        self,
        paragraph: Paragraph,
        text: Text | str | InlineRun,
        *,
        bold: bool = False,
        colour: str | None = None,
        size: float | None = None,
    ) -> None:
        """Append ``text``: a Text's bold, italic and links; a plain str printed literally."""
        if isinstance(text, InlineRun):
            runs: tuple[InlineRun, ...] = (text,)
        else:
            runs = text.runs if isinstance(text, Text) else (InlineRun(str(text)),)
        for piece in runs:
            run = paragraph.add_run(piece.text)
            run.bold = True if (bold or piece.bold) else None
            run.italic = True if piece.italic else None
            if size is not None:
                run.font.size = Pt(size)
            if piece.href is not None:
                run.font.color.rgb = rgb(self.theme.colours.accent)
                run.font.underline = True
                move_run_into(run, add_hyperlink(paragraph, piece.href))
            elif colour is not None:
                run.font.color.rgb = rgb(colour)

    def line_break(self, paragraph: Paragraph) -> None:
        """A line break inside the paragraph (Shift+Enter in Word)."""
        paragraph.add_run().add_break()

    def heading(self, text: Text | str, level: int) -> Paragraph:
        """A heading (level 1–3) that shows in the navigation pane whatever the style says."""
        paragraph = self.paragraph(text, f"heading_{level}")
        outline_level(paragraph, level - 1)
        return paragraph

    def bullets(self, items: Sequence[Text | str], *, numbered: bool = False) -> list[Paragraph]:
        """A Word list: one paragraph per item; a numbered list starts again at 1."""
        role = "list_number" if numbered else "list_bullet"
        num_id = self._new_numbering(role) if numbered else None
        out = []
        for item in items:
            paragraph = self.paragraph(item, role)
            if num_id is not None:
                restart_numbering(paragraph, num_id)
            out.append(paragraph)
        return out

    def _new_numbering(self, role: str) -> int | None:
        """A fresh numbering instance of the style's list, so this list counts from 1."""
        ppr = self.styles[role].element.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return None  # a reference style without numbering: its own look wins
        numbering = self.document.part.numbering_part.numbering_definitions._numbering
        abstract = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def picture(self, png: bytes, spec: ChartSpec, width: float) -> Paragraph:
        """The chart's picture in its own paragraph, with the chart's alt text (wp:docPr descr)."""
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_together = True
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(png), width=Inches(width))
        doc_pr = shape._inline.find(qn("wp:docPr"))
        doc_pr.set("descr", spec.alt_text)
        doc_pr.set("name", spec.key)
        return paragraph

"""Colours, paragraph styles and inline runs → reportlab paragraph markup for the memo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import ttfonts

from reportgen.render.pdf._fonts import visual
from reportgen.render.pdf._rtl import BidiParagraph, LtrBidiParagraph, has_rtl, is_rtl_text
from reportgen.render.pdf._tags import TaggedParagraph
from reportgen.source.inline import shorten_words
from reportgen.theming.contrast import ink_on

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reportgen.render.pdf._fonts import FontNames
    from reportgen.source.inline import Text
    from reportgen.theming.theme import Theme

_ATTR = {'"': "&quot;"}
_TAGS = re.compile(r"<[^>]*>")
SHAPING = bool(getattr(ttfonts, "uharfbuzz", None))  # reportlab shapes TrueType text


# --- colours ---------------------------------------------------------------------------------


def colour(hex_colour: str) -> colors.Color:
    """A reportlab colour from a theme hex string."""
    return colors.HexColor(hex_colour)


def tint(hex_colour: str, amount: float) -> colors.Color:
    """``hex_colour`` mixed with white; ``amount`` 0 keeps it, 1 gives white."""
    base = colour(hex_colour)
    return colors.Color(*(c + (1 - c) * amount for c in (base.red, base.green, base.blue)))


def on_colour(hex_colour: str, dark: str) -> colors.Color:
    """White or ``dark`` (the theme's text colour), whichever contrasts more with the fill."""
    return colour(ink_on(hex_colour, dark))


# --- styles ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Styles:
    """Every paragraph style of the memo, derived from the theme's font size and colours."""

    theme: Theme
    fonts: FontNames
    size: float
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    memo_label: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    caption: ParagraphStyle
    bullet: ParagraphStyle
    numbered: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_centre: ParagraphStyle
    source: ParagraphStyle


def hyphenation_language(locale: str) -> str | None:
    """pyphen's dictionary for a locale like ``de-DE`` (``de_DE``, else ``de``), or None."""
    import pyphen

    tag = locale.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        if candidate in pyphen.LANGUAGES:
            return candidate
    return None


def hyphenating(style: ParagraphStyle, theme: Theme) -> ParagraphStyle:
    """``style`` hyphenating words by the theme's language (pyphen) instead of cutting them
    between letters, and never breaking a date or number (docs/layout.md).

    For narrow table columns only: loading a dictionary costs more than a whole table.
    Without a dictionary for the language, ``style`` itself.
    """
    locale = str(getattr(theme, "locale", None) or "en-GB")  # the theme's language, if set
    lang = hyphenation_language(locale)
    if lang is None:
        return style
    return ParagraphStyle(
        f"{style.name}-hyphenated",
        parent=style,
        hyphenationLang=lang,
        splitLongWords=0,
        embeddedHyphenation=0,
    )


def build_styles(theme: Theme, fonts: FontNames) -> Styles:
    """The memo's paragraph styles; sizes are ratios of the theme's body size."""
    s = theme.fonts.size
    c = theme.colours
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=s,
        leading=s * 1.4,
        textColor=colour(c.text),
        alignment=TA_LEFT,
        spaceAfter=s * 0.6,
        bulletFontName=fonts.regular,
        splitLongWords=1,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    def heading(name: str, ratio: float, before: float, colour_hex: str) -> ParagraphStyle:
        return derive(
            name,
            fontName=fonts.bold,
            fontSize=s * ratio,
            leading=s * ratio * 1.25,
            textColor=colour(colour_hex),
            spaceBefore=s * before,
            spaceAfter=s * 0.5,
            keepWithNext=1,
        )

    cell = derive("cell", fontSize=s * 0.88, leading=s * 1.2, spaceAfter=0)
    cell_head = derive(
        "cell_head",
        fontName=fonts.bold,
        fontSize=s * 0.85,
        leading=s * 1.15,
        textColor=colour(c.primary),
        spaceAfter=0,
    )
    return Styles(
        theme=theme,
        fonts=fonts,
        size=s,
        body=body,
        lead=derive("lead", fontSize=s * 1.1, leading=s * 1.55),
        small=derive("small", fontSize=s * 0.85, leading=s * 1.15, spaceAfter=0),
        muted=derive("muted", textColor=colour(c.muted)),
        label=derive(
            "label",
            fontName=fonts.bold,
            fontSize=s * 0.85,
            leading=s * 1.2,
            textColor=colour(c.muted),
            spaceAfter=0,
        ),
        memo_label=derive(
            "memo_label",
            fontName=fonts.bold,
            fontSize=s * 1.0,
            leading=s * 1.3,
            textColor=colour(c.muted),
            spaceAfter=s * 0.8,
        ),
        title=derive(
            "title",
            fontName=fonts.bold,
            fontSize=s * 2.1,
            leading=s * 2.6,
            textColor=colour(c.primary),
            spaceBefore=s * 0.8,
            spaceAfter=s * 0.3,
        ),
        subtitle=derive(
            "subtitle",
            fontSize=s * 1.25,
            leading=s * 1.6,
            textColor=colour(c.muted),
            spaceAfter=s * 0.6,
        ),
        h1=heading("h1", 1.45, 1.6, c.primary),
        h2=heading("h2", 1.15, 1.2, c.primary),
        h3=heading("h3", 0.95, 0.7, c.muted),
        caption=derive(
            "caption",
            fontName=fonts.bold,
            fontSize=s * 0.95,
            leading=s * 1.3,
            textColor=colour(c.text),
            spaceBefore=s * 0.6,
            spaceAfter=s * 0.3,
            keepWithNext=1,
        ),
        bullet=derive(
            "bullet",
            leftIndent=s * 1.6,
            bulletIndent=s * 0.4,
            spaceAfter=s * 0.3,
            bulletColor=colour(c.primary),
        ),
        numbered=derive(
            "numbered",
            leftIndent=s * 1.9,
            bulletIndent=0,
            spaceAfter=s * 0.3,
            bulletFontName=fonts.bold,
            bulletColor=colour(c.primary),
        ),
        quote=derive(
            "quote",
            fontName=fonts.italic,
            fontSize=s * 1.05,
            leading=s * 1.5,
            textColor=colour(c.text),
            spaceAfter=s * 0.2,
        ),
        attribution=derive(
            "attribution",
            fontSize=s * 0.9,
            leading=s * 1.25,
            textColor=colour(c.muted),
            spaceAfter=0,
        ),
        cell=cell,
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_head=cell_head,
        cell_head_centre=ParagraphStyle("cell_head_centre", parent=cell_head, alignment=TA_CENTER),
        source=derive(
            "source",
            fontSize=s * 0.9,
            leading=s * 1.3,
            leftIndent=s * 1.9,
            bulletIndent=0,
            spaceAfter=s * 0.4,
            bulletFontName=fonts.bold,
            bulletColor=colour(c.primary),
            bulletFontSize=s * 0.9,
        ),
    )


# --- inline runs → markup --------------------------------------------------------------------


def markup(text: Text | str, link_colour: str, *, reorder: bool = False) -> str:
    """Paragraph markup for ``text``: its runs' styles and links, every character escaped.

    Raw user text never reaches reportlab's markup parser: ``&``, ``<`` and ``>`` are
    escaped in every run, and ``"`` too in attribute values, so ``<b>`` or ``&amp;`` print
    as typed. A plain ``str`` (a theme label, a number) is escaped as one literal run.
    """
    # Paragraphs are shaped and reordered by word (BidiParagraph); only without HarfBuzz
    # are right-to-left characters reversed here.
    order = visual if reorder or not SHAPING else str
    runs = getattr(text, "runs", None)
    if runs is None:
        return escape(order(shorten_words(str(text))))
    parts = []
    for run in runs:
        piece = escape(order(shorten_words(run.text)))
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.href:
            piece = f'<a href="{escape(run.href, _ATTR)}" color="{link_colour}">{piece}</a>'
        parts.append(piece)
    return "".join(parts)


# reportlab breaks an over-long word by measuring it a character at a time, on every wrap of
# its paragraph: a word of thousands of characters would cost minutes. Such words are shown
# cut, with an ellipsis (docs/refused.md); links keep their whole target.


def link(url: str, label: str, link_colour: str) -> str:
    """Markup for a live link showing ``label``."""
    return f'<a href="{escape(url, _ATTR)}" color="{link_colour}">{escape(label)}</a>'


def para(text: Text | str, style: ParagraphStyle, styles: Styles, **kw: Any) -> TaggedParagraph:
    """A paragraph of ``text`` (inline runs honoured, everything else literal).

    Its structure role is P unless ``role=`` says otherwise (docs/accessibility.md).
    """
    return raw_para(markup(text, styles.theme.colours.accent), style, **kw)


def raw_para(markup_text: str, style: ParagraphStyle, **kw: Any) -> TaggedParagraph:
    """A paragraph of markup the renderer built itself from escaped pieces.

    Right-to-left text (Arabic, Hebrew) is shaped by reportlab (HarfBuzz) and laid out by
    ``BidiParagraph``: right-aligned when the paragraph starts right to left.
    """
    if SHAPING and has_rtl(markup_text):
        plain = strip_markup(markup_text)
        if is_rtl_text(plain):
            rtl = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
            return BidiParagraph(markup_text, rtl, **kw)
        if has_rtl(plain):
            return LtrBidiParagraph(markup_text, style, **kw)
    return TaggedParagraph(markup_text, style, **kw)


def strip_markup(markup_text: str) -> str:
    """The text of paragraph markup, tags removed and entities read."""
    return unescape(_TAGS.sub("", markup_text))


def join_markup(texts: Iterable[Text | str], sep: str, styles: Styles) -> str:
    """The markup of several texts joined by ``sep`` (itself markup, e.g. ``<br/>``)."""
    return sep.join(markup(t, styles.theme.colours.accent) for t in texts)


def fg(text: str, hex_colour: str) -> str:
    """Escaped ``text`` in a colour."""
    return f'<font color="{hex_colour}">{escape(text)}</font>'


def bold(text: str) -> str:
    """Escaped ``text`` in bold."""
    return f"<b>{escape(text)}</b>"

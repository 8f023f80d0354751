"""Text slides of the deck: title, summary, takeaways, scenarios, sections, conclusion, sources."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from reportgen.changes import change_lines, headline
from reportgen.render.pptx._frame import (
    BODY_TYPES,
    finish_slide,
    new_slide,
    place_text,
    set_title_slide_title,
    title_rect,
)
from reportgen.render.pptx._ooxml.placeholders import body_placeholders, placeholder_rects
from reportgen.render.pptx._paginate import paginate, thin, truncate
from reportgen.render.pptx._shapes import Rect, inches, set_alt_text, shape_rect, slide_size
from reportgen.render.pptx._text import INSET_Y, Para, fits, number_hang, para, sizes, step_down
from reportgen.source.inline import Run
from reportgen.theming.locale import capital

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from pptx.slide import Slide, SlideLayout

    from reportgen.changes import Changes
    from reportgen.render.pptx._frame import Deck
    from reportgen.source.inline import Text
    from reportgen.source.model import Briefing, Scenario, Source
    from reportgen.theming.locale import Words


def notes_of(paras: Sequence[Para]) -> str:
    """Plain talking points from paragraphs, one per line."""
    return "\n".join(p.text for p in paras)


# --- title slide ---------------------------------------------------------------------------


def title_slide(deck: Deck, b: Briefing) -> None:
    """Title, subtitle, date and the sender; no notes (README.md, "What you get")."""
    layout = deck.layout("title")
    slide = deck.prs.slides.add_slide(layout)
    subs = [p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE]
    sub_ph = subs[0] if subs else next(iter(body_placeholders(slide)), None)
    title = title_rect(deck.prs, layout, deck.band)
    sub = (
        shape_rect(sub_ph)
        if sub_ph is not None
        else Rect(title.x, title.bottom + inches(0.3), title.w, inches(1.5))
    )
    bottom = slide_size(deck.prs)[1] - deck.band - inches(0.1)
    sub = sub.with_height(min(sub.bottom, bottom) - sub.y)
    # Long titles may use the space up to the top banner; the text sits on the subtitle.
    top = deck.band + inches(0.3)
    title = Rect(title.x, top, title.w, max(title.bottom, sub.y - inches(0.15)) - top)
    # align=None: the layout decides (the built-in one centres its title and subtitle).
    heading = para(b.title.runs, bold=True, colour=deck.theme.colours.primary, align=None)
    set_title_slide_title(deck, slide, title, heading)
    paras = _subtitle_paras(deck, b)
    size = fit_size(deck, paras, sub, 24, deck.floor)
    if not fits(deck.m, paras, size, sub.pt):  # at the floor: cut the long lines short
        lh = deck.m.line_height(size) + 2 * INSET_Y + 1
        paras = [
            truncate(deck.m, p, size, (sub.pt[0], lh * (3 if i == 0 else 1)))
            for i, p in enumerate(paras)
        ]
    place_text(deck, slide, sub, paras, size, placeholder=sub_ph)
    _logo(deck, slide)
    finish_slide(deck, slide, None)


def _subtitle_paras(deck: Deck, b: Briefing) -> list[Para]:
    muted = deck.theme.colours.muted
    paras = [para(deck.theme.words.date(b.date), colour=muted, space=0.6, align=None)]
    if b.memo is not None and b.memo.from_ is not None:
        paras.append(para(b.memo.from_.runs, colour=muted, space=0.2, align=None))
    if b.subtitle is not None:
        paras.insert(0, para(b.subtitle.runs, colour=deck.theme.colours.text, align=None))
    return paras


def _logo(deck: Deck, slide: Slide) -> None:
    logo = deck.template.logo
    if logo is None:
        return
    h = inches(0.7)
    slide_w, slide_h = slide_size(deck.prs)
    y = slide_h - deck.band - inches(0.1) - h
    pic = slide.shapes.add_picture(str(logo), Emu(0), Emu(y), height=Emu(h))
    pic.left = Emu(slide_w - inches(0.5) - int(pic.width or 0))
    set_alt_text(pic, deck.template.logo_alt)


def fit_size(deck: Deck, paras: Sequence[Para], rect: Rect, start: float, floor: float) -> float:
    """The largest size from ``start`` down to ``floor`` at which ``paras`` fit ``rect``."""
    size = floor
    for size in sizes(start, floor):
        if fits(deck.m, paras, size, rect.pt):
            return size
    return size


# --- flowing text slides -------------------------------------------------------------------


def text_slides(
    deck: Deck,
    role: str,
    title: Sequence[Run],
    paras: Sequence[Para],
    notes: Callable[[Sequence[Para]], str] = notes_of,
    start: float = 24,
    floor: float | None = None,
) -> None:
    """Slides of flowing text: shrink to fit (to ``floor``, by default the comfortable body
    size), then continue on "(2 of n)" slides."""
    rect = deck.content
    size = fit_size(deck, paras, rect, start, max(deck.floor, floor or deck.comfort))
    pages = [list(paras)]
    if not fits(deck.m, paras, size, rect.pt):
        pages = paginate(deck.m, paras, size, rect.pt, rect.pt[1])
        smaller = step_down(size, deck.floor)
        # A last slide that would hold little: one size step smaller may save it.
        if thin(deck.m, pages[-1], size, rect.pt) and fits(deck.m, paras, smaller, rect.pt):
            size, pages = smaller, [list(paras)]
    for i, page in enumerate(pages, start=1):
        slide, rect = new_slide(deck, role, title, (i, len(pages)))
        phs = body_placeholders(slide)
        place_text(deck, slide, rect, page, size, placeholder=phs[0] if phs else None)
        finish_slide(deck, slide, notes(page))


def summary_slides(deck: Deck, b: Briefing) -> None:
    """Bottom line up front."""
    title = (Run(deck.theme.labels.summary),)
    text_slides(deck, "content", title, [para(b.summary.runs)], start=26)


def takeaway_slides(deck: Deck, b: Briefing) -> None:
    """Numbered takeaway headlines with their detail beneath."""
    paras: list[Para] = []
    hang = number_hang(len(b.takeaways))
    for n, t in enumerate(b.takeaways, start=1):
        paras.append(
            para(
                t.headline.runs,
                bold=True,
                bullet="number",
                number=n,
                space=0.7,
                hang=hang,
                keep_with_next=t.detail is not None,  # a headline never ends a slide alone
            )
        )
        if t.detail is not None:
            muted = deck.theme.colours.muted
            paras.append(
                para(
                    t.detail.runs,
                    bullet="hang",
                    hang=hang,
                    scale=0.85,
                    floor=deck.floor,
                    colour=muted,
                    space=0.15,
                )
            )
    paras[0] = replace(paras[0], space=0)
    text_slides(deck, "content", (Run(deck.theme.labels.takeaways),), paras, start=24)


def what_changed_slides(deck: Deck, changes: Changes | None) -> None:
    """What changed since the previous edition (or last assessment), after the takeaways."""
    if changes is None:
        return
    muted = deck.theme.colours.muted
    w = deck.theme.words
    paras = [para(headline(changes, w), colour=muted, space=0)]
    for heading, lines in change_lines(changes, w):
        paras.append(para(heading, bold=True, space=0.8, keep_with_next=True))
        paras += [para(line, bullet="bullet", space=0.25) for line in lines]
    # A dense list read at a glance: one slide at the theme's floor beats a second slide.
    title = (Run(deck.theme.labels.what_changed),)
    text_slides(deck, "content", title, paras, start=22, floor=deck.floor)


def conclusion_slides(deck: Deck, b: Briefing) -> None:
    """The conclusion, on the closing layout."""
    title = (Run(deck.theme.labels.conclusion),)
    text_slides(deck, "closing", title, [para(b.conclusion.runs)], start=24)


def source_slides(deck: Deck, b: Briefing) -> None:
    """Numbered sources with live links; URLs repeated in the notes."""
    if not b.sources:
        return
    hang = number_hang(len(b.sources))
    w = deck.theme.words
    paras = [replace(_source_para(n, s, w), hang=hang) for n, s in enumerate(b.sources, start=1)]
    text_slides(deck, "content", (Run(deck.theme.labels.sources),), paras, _source_notes, 20)


def _source_para(n: int, s: Source, words: Words) -> Para:
    runs = [Run(r.text, r.bold, r.italic, r.href or s.url) for r in s.title.runs]
    extra = [
        x for x in (s.publisher.plain if s.publisher else None, s.date and words.date(s.date)) if x
    ]
    if extra:
        runs.append(Run(" — " + ", ".join(extra)))
    if s.url:
        runs.append(Run("\n" + s.url, href=s.url))
    return para(runs, bullet="number", number=n, space=0.6)


def _source_notes(paras: Sequence[Para]) -> str:
    return "\n".join(p.text.replace("\n", " — ") for p in paras)


# --- scenarios -----------------------------------------------------------------------------


def scenario_size(deck: Deck, items: Sequence[Scenario]) -> float:
    """The one body size of every scenario slide: the largest at which each fits, or at
    which the longest continues (siblings look alike, docs/layout.md)."""
    cols = _scenario_columns(deck)
    return min(_fit_pair(deck, *_scenario_flows(deck, s), cols) or deck.comfort for s in items)


def _scenario_columns(deck: Deck) -> list[Rect]:
    if not deck.reuse.columns:  # every scenario has the same two columns
        deck.reuse.columns.extend(_columns(deck, deck.layout("two_column")))
    return deck.reuse.columns


def scenario_slides(deck: Deck, b: Briefing, s: Scenario, size: float | None = None) -> None:
    """One scenario: probability, kind and summary beside its drivers, indicators, implications.

    Both columns are set in ``size`` (by default the largest at which both fit, down to the
    comfortable size); when they do not fit, everything flows through the columns of as
    many "(2 of n)" slides as it needs, each list's heading repeated.
    """
    left, right = _scenario_flows(deck, s)
    cols = _scenario_columns(deck)
    if size is None:
        size = _fit_pair(deck, left, right, cols) or deck.comfort
    if _pair_fits(deck, left, right, cols, size):
        pages = [([*left], [*right])]
    else:
        pages = _flow_columns(deck, [*left, *right], cols, size)
    for i, (lp, rp) in enumerate(pages, start=1):
        slide, _ = new_slide(deck, "two_column", s.name.runs, (i, len(pages)))
        phs = body_placeholders(slide)
        for k, (rect, paras) in enumerate(zip(cols, (lp, rp), strict=True)):
            if paras:
                ph = phs[k] if k < len(phs) else None
                place_text(deck, slide, rect, paras, size, placeholder=ph)
        finish_slide(deck, slide, _scenario_notes(deck, b, s) if i == 1 else notes_of(lp + rp))


def _columns(deck: Deck, layout: SlideLayout) -> list[Rect]:
    """The two column rectangles: the layout's body placeholders, over the content's height."""
    bodies = placeholder_rects(layout, BODY_TYPES)
    c = deck.content
    if len(bodies) >= 2:
        return [Rect(b.x, c.y, b.w, c.h) for b in bodies[:2]]
    return c.columns(2, inches(0.4))


def _scenario_flows(deck: Deck, s: Scenario) -> tuple[list[Para], list[Para]]:
    colours = deck.theme.colours
    w = deck.theme.words
    facts = [capital(w.kind(s.kind))]
    if s.impact is not None:
        facts.append(f"{w('impact')} {w('rating', value=s.impact)}")
    left = [
        para(
            f"{w.percent(s.probability)} — {w.probability(s.probability)}",
            bold=True,
            scale=1.2,
            colour=colours.primary,
            space=0,
        ),
        para(" · ".join(facts), colour=colours.muted, space=0.2),
    ]
    if s.summary is not None:
        left.append(para(s.summary.runs, space=0.7))
    # The first list (drivers) under the summary, the others in the right-hand column.
    headed = [_headed(deck, str(getattr(deck.theme.labels, k)), items) for k, items in s.lists()]
    return left + headed[0], [p for paras in headed[1:] for p in paras]


def _headed(deck: Deck, heading: str, items: Sequence[Text]) -> list[Para]:
    if not items:
        return []
    head = para(
        heading, bold=True, colour=deck.theme.colours.accent, space=0.9, keep_with_next=True
    )
    return [head, *(para(t.runs, bullet="bullet", space=0.3) for t in items)]


def _fit_pair(deck: Deck, left: list[Para], right: list[Para], cols: list[Rect]) -> float | None:
    """The largest size at which both columns fit one slide, or None."""
    for size in sizes(20, deck.comfort):
        if _pair_fits(deck, left, right, cols, size):
            return size
    return None


def _pair_fits(
    deck: Deck, left: list[Para], right: list[Para], cols: list[Rect], size: float
) -> bool:
    return all(fits(deck.m, f, size, r.pt) for f, r in zip((left, right), cols, strict=True))


def _flow_columns(
    deck: Deck, flow: list[Para], cols: list[Rect], size: float
) -> list[tuple[list[Para], list[Para]]]:
    """Pages of (left, right) paragraphs, the flow filling left then right columns in turn."""
    box = (min(c.pt[0] for c in cols), cols[0].pt[1])
    more = deck.theme.labels.continued

    def continued(heading: Para) -> Para:
        return replace(heading, runs=(*heading.runs, Run(f" ({more})")), space=0)

    chunks = paginate(deck.m, flow, size, box, box[1], continued=continued)
    chunks += [[]] * (len(chunks) % 2)
    return [(chunks[i], chunks[i + 1]) for i in range(0, len(chunks), 2)]


def _scenario_notes(deck: Deck, b: Briefing, s: Scenario) -> str:
    w = deck.theme.words
    first = w(
        "note_scenario_horizon",
        name=s.name.plain,
        probability=w.percent(s.probability),
        words=w.probability(s.probability),
        horizon=b.scenarios.horizon,
        kind=w.kind(s.kind),
    )
    impact = f"; {w('impact_rating', impact=s.impact)}" if s.impact is not None else ""
    lines = [f"{first}{impact}."]
    if s.summary is not None:
        lines.append(s.summary.plain.strip())
    labels = deck.theme.labels
    for key, items in s.lists():
        if items:
            lines.append(w("memo_field", label=getattr(labels, key)))
            lines += [f"- {t.plain}" for t in items]
    return "\n".join(lines)

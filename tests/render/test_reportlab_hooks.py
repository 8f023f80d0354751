"""Canaries for render/pdf/_reportlab.py: each fails with a plain message when reportlab changes
an internal the memo relies on (reportlab is pinned in pyproject.toml to what these pass on)."""

from __future__ import annotations

import io

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether, Paragraph, Spacer, Table

from reportgen.render.pdf import _reportlab as rl
from reportgen.render.pdf._fonts import register_fonts
from reportgen.theming.families import bundled_face


class _Probe(Flowable):  # type: ignore[misc]
    """A flowable that records which frame reportlab says is splitting it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Frame | None] = []

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, 10_000  # never fits: the frame must split it

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.seen.append(rl.splitting_frame(self))
        return []


def _canvas() -> Canvas:
    return Canvas(io.BytesIO())


def test_frame_split_sets_the_frame_on_the_flowable() -> None:
    frame, probe = Frame(0, 0, 200, 100, showBoundary=0), _Probe()
    frame.split(probe, _canvas())
    assert probe.seen == [frame], (
        "reportlab's Frame.split no longer sets flowable._frame: splitting_frame() in "
        "render/pdf/_reportlab.py (KeepWithNext, FlowTable) needs another way to find the frame"
    )


def test_split_in_sets_and_removes_the_frame() -> None:
    frame, probe = Frame(0, 0, 200, 100), _Probe()
    with rl.split_in(probe, frame):
        probe.split(200, 100)
    assert probe.seen == [frame]
    assert rl.splitting_frame(probe) is None


def test_frame_knows_whether_it_is_at_top_and_its_height() -> None:
    frame = Frame(0, 0, 200, 100, topPadding=6, bottomPadding=6)
    try:
        fresh = (rl.frame_at_top(frame), rl.frame_height(frame))
    except AttributeError as exc:
        raise AssertionError(
            f"reportlab's Frame lost an attribute render/pdf/_reportlab.py reads: {exc}"
        ) from None
    assert fresh == (True, 88.0), "Frame._atTop/_aH no longer mean 'empty' and 'usable height'"
    frame.add(Spacer(10, 20), _canvas())
    assert rl.frame_at_top(frame) is False, "Frame._atTop no longer clears once something is drawn"


def test_keep_together_holds_its_content() -> None:
    parts = [Spacer(1, 1), Spacer(2, 2)]
    try:
        content = rl.kept_together(KeepTogether(parts))
    except AttributeError:
        raise AssertionError(
            "reportlab's KeepTogether no longer keeps its flowables in _content: "
            "kept_together() in render/pdf/_reportlab.py (KeepWithNext) must change"
        ) from None
    assert content == parts, "KeepTogether._content no longer holds the flowables as given"


def test_table_row_heights_after_layout() -> None:
    body = getSampleStyleSheet()["BodyText"]
    table = Table([[Paragraph("one", body)], [Paragraph("two " * 40, body)]], colWidths=[100])
    table.wrap(100, 1000)
    try:
        heights = rl.row_heights(table)
    except AttributeError:
        raise AssertionError(
            "reportlab's Table no longer sets _rowHeights: row_heights() in "
            "render/pdf/_reportlab.py (FlowTable) must change"
        ) from None
    assert len(heights) == 2
    assert heights[1] > heights[0] > 0, "Table._rowHeights no longer holds laid-out row heights"


def test_glyph_map_is_the_shared_font_table() -> None:
    names = register_fonts(bundled_face("DejaVu Sans"))
    table = rl.glyph_map(names.regular)
    assert table.get(ord("A")), "face.charToGlyph no longer maps code points to glyphs"
    assert rl.glyph_map(names.regular) is table, (
        "face.charToGlyph is no longer one shared table per registered font: "
        "map_missing_glyphs() in render/pdf/_fonts.py relies on adding entries to it"
    )


def test_subset_cmaps_can_be_rewritten() -> None:
    from reportlab.pdfbase import pdfmetrics

    calls: list[tuple[str, list[int]]] = []

    class Font(rl.SubsetFixingTTFont):  # type: ignore[misc]
        @staticmethod
        def fix(name: str, codes: list[int]) -> str | None:
            calls.append((name, codes))
            return "% canary cmap"

    # reportlab keeps one font object per face name, so the canary uses a face no memo uses.
    face = bundled_face("DejaVu Sans Mono")
    pdfmetrics.registerFont(Font("rg-canary", str(face.bold_italic)))
    assert isinstance(pdfmetrics.getFont("rg-canary"), Font), "face already registered"
    out = io.BytesIO()
    canv = Canvas(out, pageCompression=0, invariant=1)
    canv.setFont("rg-canary", 12)
    canv.drawString(10, 10, "Ab")
    canv.save()
    assert calls, "reportlab no longer calls TTFont.addObjects with the document's subsets"
    name, codes = calls[0]
    assert name.endswith("+DejaVuSansMono-BoldOblique"), f"subset font names changed: {name!r}"
    assert {ord("A"), ord("b")} <= set(codes), "TTFont.state[doc].subsets no longer hold codes"
    assert b"% canary cmap" in out.getvalue(), (
        "the ToUnicode stream is no longer found under idToObject['toUnicodeCMap:<subset>']: "
        "SubsetFixingTTFont in render/pdf/_reportlab.py must change"
    )


def test_table_and_frame_heights() -> None:
    body = getSampleStyleSheet()["BodyText"]
    table = Table([[Paragraph("one", body)], [Paragraph("two", body)]], colWidths=[100])
    _, height = table.wrap(100, 1000)
    frame = Frame(0, 0, 200, 100, topPadding=6, bottomPadding=6)
    try:
        measured = (rl.table_height(table), rl.frame_full_height(frame))
    except AttributeError:
        raise AssertionError(
            "reportlab's Table or Frame no longer sets _height: table_height()/"
            "frame_full_height() in render/pdf/_reportlab.py (FlowTable keeps short tables whole)"
            " must change"
        ) from None
    assert measured == (height, 100.0), "Table._height/Frame._height no longer mean their heights"

"""Each deck fast path (render/pptx/_ooxml) against python-pptx's public API, same content.

Run: PYTHONPATH=. python bench/fastpaths.py  (prints a Markdown table for bench/results.md).
The public-API builders are the ones tests/render/test_ooxml_equivalence.py proves equal.
"""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from reportgen.render.pptx._ooxml import chart as fast_chart
from reportgen.render.pptx._ooxml.reuse import Reuse, notes_body, set_plain_text
from reportgen.render.pptx._ooxml.runs import write_paras
from reportgen.render.pptx._ooxml.tree import add_sp
from reportgen.render.pptx._text import para
from reportgen.source.inline import Run
from tests.render import test_ooxml_equivalence as eq

if TYPE_CHECKING:
    from collections.abc import Callable

PARAS = [
    para([Run("The role of the "), Run("United States", bold=True), Run(" remains crucial.")]),
    para("A second paragraph with a link to the source.", space=0.6),
    para([Run("see "), Run("the source", href="https://example.org/")]),
]


def _time(work: Callable[[], object], n: int) -> float:
    """Median milliseconds per item over 5 rounds of ``n`` items (after one warm-up)."""
    work()
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            work()
        rounds.append((time.perf_counter() - start) / n * 1000)
    return statistics.median(rounds)


def main() -> None:
    slide_a, slide_b = eq._slide(), eq._slide()
    rows = []

    def public_text() -> None:
        eq._public_paras(slide_a, PARAS, 18)

    def fast_text() -> None:
        write_paras(slide_b.shapes.add_textbox(*eq.RECT).text_frame, PARAS, 18, eq.STYLE)

    rows.append(("text box, 3 paragraphs (6 runs)", _time(public_text, 50), _time(fast_text, 50)))

    def public_shape() -> None:
        shape = eq._slide().shapes.add_shape(MSO_SHAPE.RECTANGLE, *eq.RECT)
        shape._element.remove(shape._element.find(eq.qn("p:style")))

    def fast_shape() -> None:
        add_sp(eq._slide().shapes, eq.RECT, MSO_SHAPE.RECTANGLE, None)

    rows.append(("auto shape (incl. a new slide)", _time(public_shape, 30), _time(fast_shape, 30)))

    def notes(fast: bool) -> Callable[[], None]:
        prs = eq.Presentation()
        reuse = Reuse()

        def work() -> None:
            slide = prs.slides.add_slide(prs.slide_layouts[6])
            if fast:
                set_plain_text(notes_body(slide, reuse), "Talking point one\nand two")
            else:
                slide.notes_slide.notes_text_frame.text = "Talking point one\nand two"

        return work

    rows.append(("notes page (incl. its slide)", _time(notes(False), 30), _time(notes(True), 30)))

    colours, labels = ["#2E7D32", "#F9A825", "#C62828"], ["10", "55", "90"]

    def public_bars() -> None:
        series = eq._chart(eq._slide(), XL_CHART_TYPE.BAR_CLUSTERED, 1).plots[0].series[0]
        for i, (colour, label) in enumerate(zip(colours, labels, strict=True)):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = eq._rgb(colour)
            point.format.line.fill.background()
            tf = point.data_label.text_frame
            tf.word_wrap = False
            run = tf.paragraphs[0].add_run()
            run.text = label
            run.font.size = Pt(12)

    def fast_bars() -> None:
        series = eq._chart(eq._slide(), XL_CHART_TYPE.BAR_CLUSTERED, 1).plots[0].series[0]
        fast_chart.format_bars(series._element, colours, labels, 12, "Calibri", "#1F2328")

    rows.append(
        (
            "bar chart, 3 labelled bars (incl. the chart)",
            _time(public_bars, 10),
            _time(fast_bars, 10),
        )
    )
    print("| fast path | public API + caching, ms | fast path, ms | saved, ms |")
    print("| --- | --- | --- | --- |")
    for name, public, fast in rows:
        print(f"| {name} | {public:.2f} | {fast:.2f} | {public - fast:.2f} |")


if __name__ == "__main__":
    main()

"""The ink on a coloured fill: one WCAG contrast rule, the same choice in the memo and the deck."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reportgen.render.pdf._text import on_colour
from reportgen.theming.contrast import WHITE, contrast_ratio, ink_on, relative_luminance

PACKAGE = Path(__file__).resolve().parents[2] / "reportgen"
DARK = "#1F2328"  # the default template's text colour
# 16 steps per channel: 4,096 colours spread over the whole cube.
SAMPLES = [f"#{r:02X}{g:02X}{b:02X}" for r, g, b in itertools.product(range(0, 256, 17), repeat=3)]


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [("#000000", 0.0), ("#FFFFFF", 1.0), ("#808080", 0.2158605), ("#FF0000", 0.2126)],
)
def test_relative_luminance_follows_wcag(colour: str, luminance: float) -> None:
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-6)


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#2F6DB5", "#2F6DB5") == 1.0


def test_ink_is_the_candidate_with_the_higher_contrast() -> None:
    for fill in SAMPLES:
        ink = ink_on(fill, DARK)
        best = max(contrast_ratio(fill, DARK), contrast_ratio(fill, WHITE))
        assert contrast_ratio(fill, ink) == best, fill


def test_memo_and_deck_pick_the_same_ink() -> None:
    # The deck's tables and banners call ink_on; the memo's banners and markers on_colour.
    for fill in SAMPLES:
        memo = on_colour(fill, DARK).hexval().upper().replace("0X", "#")
        assert memo == ink_on(fill, DARK), fill


def test_orange_gets_dark_text() -> None:
    # White on the default 'high' orange is 3.1:1; the theme's dark text is 5.1:1.
    assert ink_on("#EF6C00", DARK) == DARK
    assert ink_on("#1F3A5F", DARK) == WHITE


def test_no_other_module_computes_luminance() -> None:
    # The sRGB luminance weight of green appears only in the one definition of the rule.
    holders = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "0.7152" in p.read_text(encoding="utf-8")
    )
    assert holders == ["theming/contrast.py"]

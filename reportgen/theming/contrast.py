"""Text colour on a coloured fill: the WCAG 2.x contrast rule, one definition for every output.

Relative luminance and contrast ratio as WCAG 2.2 defines them (sRGB, threshold 0.04045).
Both the memo and the deck pick their ink with ``ink_on``, so a template's colours give the
same text colour in both (docs/templates.md, "Colours").
"""

from __future__ import annotations

WHITE = "#FFFFFF"


def linear_rgb(hex_colour: str) -> tuple[float, float, float]:
    """The linear-light sRGB channels (0–1) of ``#RRGGBB``."""
    digits = hex_colour.lstrip("#")
    channels = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``: 0 for black, 1 for white (CIE Y)."""
    r, g, b = linear_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (equal) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def ink_on(fill: str, dark: str, light: str = WHITE) -> str:
    """``dark`` or ``light``, whichever has the higher contrast ratio with ``fill`` (dark on a tie).

    ``dark`` is normally the theme's text colour, ``light`` white.
    """
    return light if contrast_ratio(fill, light) > contrast_ratio(fill, dark) else dark

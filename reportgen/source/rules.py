"""The rules that derive values from a briefing: levels, directions, estimative bands.

One definition each; every output and the change comparison use these (docs/briefing-format.md).
"""

from __future__ import annotations

import re
from enum import StrEnum

# A template named in a briefing or asked for by name: letters, digits, '-' and '_' (never a
# path). Here, not in fields.py, so that the no-op build path can use it without pydantic.
TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


class Trend(StrEnum):
    """Direction an analyst expects a factor to move."""

    RISING = "rising"
    STEADY = "steady"
    EASING = "easing"


class ScenarioKind(StrEnum):
    """Broad family of a scenario; charts colour scenarios by it."""

    ESCALATION = "escalation"
    INTEGRATION = "integration"
    MUDDLE_THROUGH = "muddle-through"
    OTHER = "other"


class RiskLevel(StrEnum):
    """Band of a risk score: low 1–4, moderate 5–9, high 10–15, critical 16–25.

    The bands are documented in docs/briefing-format.md, "Derived values".
    """

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    CRITICAL = "critical"

    @classmethod
    def of(cls, score: int) -> RiskLevel:
        """The band a score of 1–25 falls in."""
        if score >= 16:
            return cls.CRITICAL
        if score >= 10:
            return cls.HIGH
        if score >= 5:
            return cls.MODERATE
        return cls.LOW


class Direction(StrEnum):
    """How a score moved between two assessments."""

    UP = "up"
    SAME = "same"
    DOWN = "down"

    @classmethod
    def between(cls, old: float, new: float) -> Direction:
        """The direction from ``old`` to ``new``."""
        return cls.UP if new > old else cls.DOWN if new < old else cls.SAME

    @property
    def arrow(self) -> str:
        """The mark every output prints for this direction: ▲, = or ▼."""
        return _DIRECTION_ARROWS[self]


_DIRECTION_ARROWS = {Direction.UP: "▲", Direction.SAME: "=", Direction.DOWN: "▼"}


# Bands of estimative probability by upper bound (docs/briefing-format.md); words: locale data.
_WEP = (
    (0.05, False, "almost_no_chance"),
    (0.20, False, "very_unlikely"),
    (0.45, False, "unlikely"),
    (0.55, True, "roughly_even_chance"),
    (0.80, True, "likely"),
    (0.95, True, "very_likely"),
)


def probability_band(p: float) -> str:
    """The estimative-probability band of ``p`` (0–1), as a key of the locale's words."""
    for bound, inclusive, band in _WEP:
        if p < bound or (inclusive and p <= bound):
            return band
    return "almost_certain"

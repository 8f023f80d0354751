"""Locales: the words (data files) and the date and number formats (CLDR) of a BCP 47 tag.

The shipped languages' words are ``locales/<language>.yaml``; their formats are precomputed
from Babel into ``locales/formats.yaml`` (scripts/locale_formats.py), so a build in a shipped
locale never imports Babel. Any other tag Babel knows gets its formats from Babel when the
template loads, and English words unless the theme's ``labels:`` give others
(docs/languages.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportgen.source.rules import Direction, RiskLevel, ScenarioKind, Trend, probability_band
from reportgen.theming.labels import LOCALES, fill, reference

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from reportgen.theming.labels import Formats, Labels

DEFAULT_LOCALE = "en-GB"
SHIPPED = ("en-GB", "de-DE", "fr-FR")  # the documented ones; formats.yaml holds a few more
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "syr"})


def _read(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 (a safe loader)


@functools.cache
def _words(language: str) -> dict[str, Any]:
    if language == "en":
        return reference()
    path = LOCALES / f"{language}.yaml"
    return dict(_read(path)["labels"]) if path.is_file() else {}


@functools.cache
def _shipped_formats() -> dict[str, dict[str, Any]]:
    return dict(_read(LOCALES / "formats.yaml"))


def language_of(tag: str) -> str:
    """The language subtag of a BCP 47 tag, lower case (``de`` for ``de-AT``)."""
    return tag.split("-")[0].lower()


def is_rtl(tag: str) -> bool:
    """Whether the language of ``tag`` is written right to left."""
    return language_of(tag) in RTL_LANGUAGES


def locale_defaults(tag: str) -> dict[str, Any] | None:
    """``{"labels": …, "formats": …}`` for ``tag``; None if neither we nor Babel know it.

    Words come from the language's file over English (so a missing entry is English, never
    empty); formats from the precomputed file, or Babel for other tags.
    """
    formats = _shipped_formats().get(tag) or babel_formats(tag)
    if formats is None:
        return None
    labels = _merge(_words("en"), _words(language_of(tag)))
    return {"labels": labels, "formats": formats}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) else value
    return out


def babel_formats(tag: str) -> dict[str, Any] | None:
    """Date patterns, month names and number symbols of ``tag`` from Babel's CLDR data."""
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_date_format, get_month_names
    except ImportError:  # pragma: no cover - babel is a declared dependency
        return None
    try:
        loc = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    pattern = loc.percent_formats[None].pattern.split(";")[0]
    number = re.search(r"[#0,.]+", pattern)
    assert number is not None, pattern
    percent = pattern[: number.start()] + "{number}" + pattern[number.end() :]
    months = get_month_names("wide", "format", loc)
    return {
        "date": get_date_format("long", loc).pattern,
        "date_short": get_date_format("short", loc).pattern,
        "months": [months[m] for m in range(1, 13)],
        "decimal": symbols.get("decimal", "."),
        "group": symbols.get("group", ","),
        "percent": percent.replace("%", symbols.get("percentSign", "%")).replace("'", ""),
    }


# --- writing dates and numbers ----------------------------------------------------------------

_FIELD = re.compile(r"'([^']*)'|([A-Za-z])\2*")


def format_date(d: dt.date, pattern: str, months: list[str]) -> str:
    """``d`` written by a CLDR date pattern (day, month, year fields and quoted literals)."""

    def field(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1) or "'"
        token = m.group(0)
        letter, width = token[0], len(token)
        if letter == "d":
            return f"{d.day:0{width}d}"
        if letter in "ML":
            return months[d.month - 1] if width >= 3 else f"{d.month:0{width}d}"
        if letter == "y":
            return f"{d.year % 100:02d}" if width == 2 else f"{d.year:0{width}d}"
        return ""  # eras, weekdays: not in the long and short patterns we use

    return _FIELD.sub(field, pattern)


def group_digits(digits: str, group: str) -> str:
    """``1234567`` → ``1,234,567`` with the locale's group separator."""
    head = len(digits) % 3 or 3
    return group.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


@dataclass(frozen=True, slots=True)
class Words:
    """A theme's words and formats, with the vocabulary the derived values use."""

    labels: Labels
    formats: Formats

    def __call__(self, key: str, **values: object) -> str:
        """Label ``key`` with its placeholders filled."""
        return fill(getattr(self.labels, key), **values)

    def date(self, d: dt.date) -> str:
        """The long date, as memo and deck print it ("1. Dezember 2026")."""
        return format_date(d, self.formats.date, self.formats.months)

    def short_date(self, d: dt.date) -> str:
        """The short date, for chart axes ("01.12.26")."""
        return format_date(d, self.formats.date_short, self.formats.months)

    def number(self, value: float, decimals: int = 0) -> str:
        """A number with the locale's decimal and group symbols."""
        text = f"{abs(value):.{decimals}f}"
        whole, _, frac = text.partition(".")
        out = group_digits(whole, self.formats.group) if len(whole) > 4 else whole
        sign = "-" if value < 0 and float(text) != 0 else ""
        return sign + out + (self.formats.decimal + frac if frac else "")

    def percent(self, fraction: float) -> str:
        """A fraction as a whole percentage ("20 %" in German)."""
        return fill(self.formats.percent, number=self.number(fraction * 100))

    def level(self, level: RiskLevel) -> str:
        """The word for a risk level."""
        return str(getattr(self.labels.levels, level.value))

    def trend(self, trend: Trend) -> str:
        """The word for a trend."""
        return str(getattr(self.labels.trends, trend.value))

    def kind(self, kind: ScenarioKind) -> str:
        """The word for a scenario kind."""
        return str(getattr(self.labels.kinds, kind.value.replace("-", "_")))

    def direction(self, direction: Direction) -> str:
        """The word for a change's direction."""
        return str(getattr(self.labels.directions, direction.value))

    def probability(self, p: float) -> str:
        """The estimative-probability words for ``p`` (bands: docs/briefing-format.md)."""
        return str(getattr(self.labels.probability_words, probability_band(p)))


def capital(text: str) -> str:
    """``text`` with its first letter upper case (the rest untouched, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]

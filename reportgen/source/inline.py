"""Inline text: ``**bold**``, ``*italic*`` and ``[text](url)``; everything else is literal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from unicodedata import bidirectional

from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Emphasis must hug its text (`2 * 3 * 4` stays literal), as in CommonMark.
_TOKEN = re.compile(
    r"\[(?P<ltext>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
    r"|\*\*(?P<bold>\S(?:.*?\S)?)\*\*"
    r"|\*(?P<ital>[^\s*](?:[^*]*?[^\s*])?)\*",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one style; ``href`` is set for links."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


MAX_WORD = 80  # longer words are shown cut where an output cannot break them (docs/refused.md)
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def shorten_words(text: str) -> str:
    """``text`` with every word over MAX_WORD characters cut to MAX_WORD and an ellipsis."""
    if len(text) <= MAX_WORD:
        return text
    return _LONG_WORD.sub(lambda m: m.group()[:MAX_WORD] + "…", text)


def check_url(url: str) -> str:
    """Return ``url`` if its scheme is http, https or mailto, else raise ValueError."""
    if not url.lower().startswith(SAFE_SCHEMES) or len(url) <= len("http://"):
        raise ValueError(f"links must be http, https or mailto, got {url!r}")
    return url


def parse_runs(text: str, *, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Split ``text`` into styled runs; raises ValueError for an unsafe link."""
    runs: list[Run] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos : match.start()], bold, italic))
        if match["url"] is not None:
            href = check_url(match["url"])
            runs.extend(
                Run(r.text, r.bold, r.italic, href)
                for r in parse_runs(match["ltext"], bold=bold, italic=italic)
            )
        elif match["bold"] is not None:
            runs.extend(parse_runs(match["bold"], bold=True, italic=italic))
        else:
            runs.extend(parse_runs(match["ital"], bold=bold, italic=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return tuple(runs)


class Text(str):
    """A string field as typed, with its inline runs parsed once at validation."""

    runs: tuple[Run, ...]

    def __new__(cls, raw: str) -> Text:
        self = super().__new__(cls, raw)
        self.runs = parse_runs(raw)
        return self

    @property
    def plain(self) -> str:
        """The text without markup, for labels, metadata and alt text."""
        return "".join(r.text for r in self.runs)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls._validate, core_schema.str_schema(strict=True)
        )

    @classmethod
    def _validate(cls, value: str) -> Text:
        if not value.strip():
            raise ValueError("must not be empty")
        return cls(value)


def first_strong_rtl(text: str) -> bool | None:
    """Whether the first strong letter of ``text`` is right-to-left (Unicode bidi rule P2).

    None when ``text`` has no strong letter (digits, punctuation only). Both outputs decide a
    paragraph's direction with this one rule.
    """
    for c in text:
        kind = bidirectional(c)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None

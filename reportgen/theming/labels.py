"""Every fixed word the documents print, and the placeholders each may use (docs/languages.md).

The words themselves are data: ``theming/locales/<language>.yaml`` gives them per language and
a theme's ``labels:`` overrides single entries. A label is plain text with ``{name}``
placeholders from its own list (``PLACEHOLDERS``); ``fill`` substitutes them. User text never
goes through ``str.format``: no format specs, attribute or index access, and ``{{``/``}}``
are the only way to print a brace.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from pydantic_core import CoreSchema, core_schema

from reportgen.errors import InconsistentData

LOCALES = Path(__file__).resolve().parent / "locales"

# Which placeholders each label may use; a label not named here takes none.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "scenarios": ("horizon",),
    "page": ("page", "pages"),
    "slide_page": ("page", "pages"),
    "memo_field": ("label",),
    "rating": ("value",),
    "change_since": ("old", "new", "direction", "date"),
    "chart_scenarios": ("horizon",),
    "level_band": ("level", "low", "high"),
    "bar_score": ("score", "level"),
    "bar_probability_impact": ("probability", "impact"),
    "matrix_entry": ("name", "likelihood", "impact", "likelihood_short", "impact_short"),
    "alt_risk_scores": ("items",),
    "alt_risk_scores_item": ("name", "score", "level"),
    "alt_matrix": ("items",),
    "alt_matrix_item": ("number", "name", "likelihood", "impact"),
    "alt_scenarios": ("horizon", "items"),
    "alt_scenarios_item": ("name", "probability", "words", "kind"),
    "alt_scenarios_item_impact": ("name", "probability", "words", "kind", "impact"),
    "alt_history": ("items",),
    "alt_history_item": ("name", "points"),
    "alt_history_point": ("date", "score"),
    "alt_factor_table": ("items",),
    "alt_factor_table_item": (
        "name",
        "likelihood",
        "impact",
        "likelihood_short",
        "impact_short",
        "score",
        "level",
    ),
    "alt_table": ("rows", "columns"),
    "alt_logo": ("template",),
    "note_factor": ("name", "likelihood", "impact", "score", "level", "trend"),
    "note_factor_change": ("old", "new", "date"),
    "note_scenario": ("name", "probability", "words", "kind"),
    "note_scenario_horizon": ("name", "probability", "words", "horizon", "kind"),
    "impact_rating": ("impact",),
    "changes_none": ("date",),
    "changes_since_edition": ("date",),
    "changes_since_assessment": ("date",),
    "changes_new": ("name",),
    "changes_removed": ("name",),
    "changes_new_indicator": ("scenario", "indicator"),
    "changes_dropped_indicator": ("scenario", "indicator"),
    "changes_renamed": ("name", "old_name"),
    "changes_unchanged": ("name", "value"),
    "changes_line": ("name", "change"),
    "changes_score": ("arrow", "old", "new"),
    "changes_likelihood": ("old", "new"),
    "changes_impact": ("old", "new"),
    "changes_probability": ("arrow", "old", "old_words", "new", "new_words"),
}

# {name}, or a doubled brace; anything else with a brace is an error.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z_]+$")


def placeholder_problem(text: str, allowed: tuple[str, ...]) -> str | None:
    """Why ``text`` is not a valid label with placeholders ``allowed``, or None if it is."""
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        inner = m.group(1)
        if inner is None:
            problem = f"unmatched {token!r} at character {m.start() + 1} (write {token * 2!r})"
        elif inner in allowed:
            continue
        elif _NAME.match(inner):
            problem = f"unknown placeholder {token}"
        else:
            problem = f"{token} is not a placeholder (no format specs, attributes or indexes)"
        offer = ", ".join(f"{{{a}}}" for a in allowed)
        return f"{problem}; allowed: {offer}" if allowed else f"{problem}; this label takes none"
    return None


def fill(text: str, **values: object) -> str:
    """``text`` with each ``{name}`` replaced by ``str(values[name])``; ``{{``/``}}`` are braces.

    The labels were checked when the theme was loaded, so every name is known here.
    """
    return "".join(str(p) if not isinstance(p, _Name) else str(values[p]) for p in parts(text))


class _Name(str):
    """A placeholder name in the pieces of a label (as opposed to literal text)."""

    __slots__ = ()


def parts(text: str) -> list[str]:
    """A label split into literal strings and placeholder names (``_Name``), in order."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        token, inner = m.group(0), m.group(1)
        out.append(_Name(inner) if inner is not None else token[0])
        pos = m.end()
    out.append(text[pos:])
    return [p for p in out if p]


def is_placeholder(piece: str) -> bool:
    """Whether a piece from ``parts`` is a placeholder name."""
    return isinstance(piece, _Name)


@functools.cache
def reference() -> dict[str, Any]:
    """The English words (``locales/en.yaml``): every label there is, with its groups."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (LOCALES / "en.yaml").open(encoding="utf-8") as fh:
        return dict(yaml.load(fh, Loader=loader)["labels"])  # noqa: S506 (a safe loader)


Finding = tuple[tuple[str | int, ...], str]


def label_findings(
    value: Any, path: tuple[str | int, ...] = ("labels",), known: dict[str, Any] | None = None
) -> list[Finding]:
    """(path, message) for every unknown label, non-text word or bad placeholder in ``value``."""
    known = reference() if known is None else known
    if not isinstance(value, dict):
        return [(path, f"must be a mapping of labels to words, got {type(value).__name__}")]
    findings: list[Finding] = []
    for key, word in value.items():
        where = (*path, key)
        if key not in known:
            import difflib

            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            findings.append((where, f"unknown label {key!r}{hint}"))
        elif isinstance(known[key], dict):
            findings += label_findings(word, where, known[key])
        elif not isinstance(word, str):
            findings.append((where, f"must be text, got {word!r}"))
        elif (problem := placeholder_problem(word, PLACEHOLDERS.get(str(key), ()))) is not None:
            findings.append((where, problem))
    return findings


class Labels:
    """Headings and fixed words printed in the documents, read as attributes.

    ``labels.summary``, ``labels.from_`` (the key ``from``), ``labels.levels.low``,
    ``labels.kinds.muddle_through`` (the key ``muddle-through``). A loaded template has every
    word of ``locales/en.yaml``, from its locale and its own ``labels:``; a word not set is
    empty. A plain class rather than a pydantic model of a hundred fields: the theme is
    loaded by every build, and such a model costs more to define than a whole build may.
    """

    __slots__ = ("_words",)

    def __init__(self, words: dict[str, Any] | None = None) -> None:
        self._words = {k: Labels(v) if isinstance(v, dict) else v for k, v in (words or {}).items()}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        words = self._words
        key = name[:-1] if name.endswith("_") else name
        for candidate in (key, key.replace("_", "-")):
            if candidate in words:
                return words[candidate]
        return ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Labels) and self._words == other._words

    def __hash__(self) -> int:
        return hash(repr(self))

    def __repr__(self) -> str:
        return f"Labels({self.model_dump()!r})"

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The words as nested dicts, keyed as in the locale files."""
        return {k: v.model_dump() if isinstance(v, Labels) else v for k, v in self._words.items()}

    def fill(self, key: str, **values: object) -> str:
        """Label ``key`` with its placeholders replaced (see ``fill``)."""
        return fill(getattr(self, key), **values)

    @classmethod
    def validate(cls, value: Any) -> Labels:
        """The labels of a theme file; located problems raise ``InconsistentData``."""
        if isinstance(value, Labels):
            return value
        findings = label_findings(value)
        if findings:
            raise InconsistentData(findings)
        return cls(value)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v.model_dump()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "object"}


class Formats:
    """How dates and numbers are written in a locale (CLDR data; docs/languages.md).

    ``date`` and ``date_short`` are CLDR date patterns (``d``, ``dd``, ``M``, ``MM``,
    ``MMMM``, ``y``, ``yy``, quoted literals); ``months`` the twelve month names; ``percent``
    the text of a whole percentage, ``{number}`` standing for the digits. A plain class for
    the same reason as ``Labels``.
    """

    __slots__ = ("date", "date_short", "decimal", "group", "months", "percent")
    FIELDS = ("date", "date_short", "months", "decimal", "group", "percent")

    def __init__(self, **values: Any) -> None:
        for key in self.FIELDS:
            setattr(self, key, values.get(key, [] if key == "months" else ""))

    date: str
    date_short: str
    months: list[str]
    decimal: str
    group: str
    percent: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Formats) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(repr(self))

    def __repr__(self) -> str:
        return f"Formats({self.model_dump()!r})"

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The formats as a dict, keyed as in the locale data."""
        return {key: getattr(self, key) for key in self.FIELDS}

    @classmethod
    def validate(cls, value: Any, path: tuple[str | int, ...] = ("formats",)) -> Formats:
        """The formats of a theme file; located problems raise ``InconsistentData``."""
        if isinstance(value, Formats):
            return value
        if not isinstance(value, dict):
            message = f"must be a mapping of format names to values, got {type(value).__name__}"
            raise InconsistentData([(path, message)])
        findings: list[Finding] = []
        for key, v in value.items():
            where = (*path, key)
            if key not in cls.FIELDS:
                findings.append(
                    (where, f"unknown key {key!r}; expected one of: " + ", ".join(cls.FIELDS))
                )
            elif key == "months":
                if not isinstance(v, list) or not all(isinstance(m, str) for m in v):
                    findings.append((where, f"must be a list of month names, got {v!r}"))
                elif len(v) != 12:
                    findings.append((where, f"must name the 12 months, got {len(v)}"))
            elif not isinstance(v, str):
                findings.append((where, f"must be text, got {v!r}"))
            elif key == "percent" and (problem := placeholder_problem(v, ("number",))):
                findings.append((where, problem))
        if findings:
            raise InconsistentData(findings)
        return cls(**value)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v.model_dump()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "object"}

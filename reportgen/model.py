"""The briefing as frozen pydantic models, with the values derived from it (SPEC §1)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.functional_validators import PlainValidator
from pydantic.json_schema import WithJsonSchema

from reportgen.errors import InconsistentData, shown
from reportgen.inline import Text, check_url

SCHEMA_VERSION = 1
TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- leaf validators: a bare message, the loader adds place and path -------------------------


def _score(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= 5:
        raise ValueError(f"must be an integer 1–5, got {shown(value)}")
    return value


def _probability(value: Any) -> float:
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise ValueError(f"must be a number from 0 to 1, got {shown(value)}")
    return float(value)


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"must be a date without a time of day (YYYY-MM-DD), got {shown(value)}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be an ISO date (YYYY-MM-DD), got {shown(value)}")


def _year(value: Any) -> int:
    if type(value) is not int or not 1900 <= value <= 9999:
        raise ValueError(f"must be a year such as 2029, got {shown(value)}")
    return value


def _schema_version(value: Any) -> int:
    if type(value) is not int or value != SCHEMA_VERSION:
        raise ValueError(f"must be {SCHEMA_VERSION}, got {shown(value)}")
    return value


def _edition_path(value: Any) -> str:
    parts = value.replace("\\", "/").split("/") if isinstance(value, str) else []
    if (
        not parts
        or value.startswith(("/", "\\"))
        or ":" in value
        or any(p in ("", ".", "..") for p in parts)
        or not value.endswith((".yaml", ".yml"))
    ):
        raise ValueError(
            "must be a .yaml file in this briefing's folder or below it, such as "
            f"'archive/2026-08.yaml', got {shown(value)}"
        )
    return str(value)


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _template_name(value: Any) -> str:
    if not isinstance(value, str) or not TEMPLATE_NAME.match(value):
        raise ValueError(
            "must be a template name (letters, digits, '-', '_'); "
            f"a path is only accepted from --template, got {shown(value)}"
        )
    return value


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a link, got {shown(value)}")
    return check_url(value)


Score = Annotated[
    int, PlainValidator(_score), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 5})
]
Probability = Annotated[
    float,
    PlainValidator(_probability),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
IsoDate = Annotated[
    dt.date, PlainValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
Year = Annotated[int, PlainValidator(_year), WithJsonSchema({"type": "integer"})]
Url = Annotated[
    str, PlainValidator(_url), WithJsonSchema({"type": "string", "pattern": "^(https?:|mailto:)"})
]
TemplateName = Annotated[
    str,
    PlainValidator(_template_name),
    WithJsonSchema({"type": "string", "pattern": TEMPLATE_NAME.pattern}),
]
EditionPath = Annotated[
    str, PlainValidator(_edition_path), WithJsonSchema({"type": "string", "pattern": r"\.ya?ml$"})
]
SchemaVersion = Annotated[
    int, PlainValidator(_schema_version), WithJsonSchema({"const": SCHEMA_VERSION})
]
TextList = Annotated[
    list[Text],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


# --- enums and derived values ----------------------------------------------------------------


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
    """Band of a risk score (SPEC §1: low 1–4, moderate 5–9, high 10–15, critical 16–25)."""

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
    def between(cls, old: int, new: int) -> Direction:
        """The direction from ``old`` to ``new``."""
        return cls.UP if new > old else cls.DOWN if new < old else cls.SAME


_WEP = (  # SPEC §1 words of estimative probability, by upper bound
    (0.05, False, "almost no chance"),
    (0.20, False, "very unlikely"),
    (0.45, False, "unlikely"),
    (0.55, True, "roughly even chance"),
    (0.80, True, "likely"),
    (0.95, True, "very likely"),
)


def probability_words(p: float) -> str:
    """The estimative-probability phrase for ``p`` (0–1)."""
    for bound, inclusive, words in _WEP:
        if p < bound or (inclusive and p <= bound):
            return words
    return "almost certain"


# --- the briefing ----------------------------------------------------------------------------


class Model(BaseModel):
    """Frozen, strict about unknown keys; the base of every briefing part."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Memo(Model):
    """The memo header block."""

    to: TextList = Field(default_factory=list)
    from_: Text | None = Field(default=None, alias="from")
    cc: TextList = Field(default_factory=list)
    subject: Text | None = None


class Takeaway(Model):
    """One key takeaway: a headline and optional detail."""

    headline: Text
    detail: Text | None = None


class Assessment(Model):
    """An earlier assessment of a factor."""

    date: IsoDate
    likelihood: Score
    impact: Score

    @property
    def score(self) -> int:
        """Likelihood × impact."""
        return self.likelihood * self.impact


class Change(Model):
    """A factor's score at its last earlier assessment against now."""

    since: dt.date
    old_score: int
    new_score: int

    @property
    def direction(self) -> Direction:
        """Whether the score rose, fell or held."""
        return Direction.between(self.old_score, self.new_score)


class ThreatFactor(Model):
    """A threat factor with its likelihood × impact assessment."""

    name: Text
    renamed_from: Text | None = None
    description: Text | None = None
    likelihood: Score
    impact: Score
    trend: Trend = Trend.STEADY
    history: list[Assessment] = Field(default_factory=list)

    @property
    def score(self) -> int:
        """Risk score, likelihood × impact (1–25)."""
        return self.likelihood * self.impact

    @property
    def level(self) -> RiskLevel:
        """Risk band of the score."""
        return RiskLevel.of(self.score)

    @property
    def change(self) -> Change | None:
        """Change since the last history entry, or None without history."""
        if not self.history:
            return None
        last = self.history[-1]
        return Change(since=last.date, old_score=last.score, new_score=self.score)


class Threats(Model):
    """The threat assessment: an optional intro and at least one factor."""

    intro: Text | None = None
    factors: list[ThreatFactor] = Field(min_length=1)


class Scenario(Model):
    """A scenario outline to the briefing's horizon."""

    name: Text
    renamed_from: Text | None = None
    kind: ScenarioKind = ScenarioKind.OTHER
    probability: Probability
    impact: Score | None = None
    summary: Text | None = None
    drivers: list[Text] = Field(default_factory=list)
    indicators: list[Text] = Field(default_factory=list)
    implications: list[Text] = Field(default_factory=list)

    @property
    def probability_words(self) -> str:
        """The probability in words of estimative probability."""
        return probability_words(self.probability)


class Scenarios(Model):
    """The scenario set: a horizon year, an optional intro and at least one scenario."""

    horizon: Year
    intro: Text | None = None
    items: list[Scenario] = Field(min_length=1)


class Quote(Model):
    """A quotation with an optional attribution."""

    text: Text
    attribution: Text | None = None


class Table(Model):
    """A table of text cells; every row has one cell per column."""

    columns: list[Text] = Field(min_length=1)
    rows: list[list[Text]] = Field(default_factory=list)


BlockKind = Literal["paragraph", "numbered", "bullets", "quote", "table"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("paragraph", "numbered", "bullets", "quote", "table")


class Block(Model):
    """A narrative block: exactly one of paragraph, numbered, bullets, quote or table."""

    paragraph: Text | None = None
    numbered: list[Text] | None = None
    bullets: list[Text] | None = None
    quote: Quote | None = None
    table: Table | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) != 1:
            keys = ", ".join(map(str, data)) or "none"
            raise ValueError(
                f"a block is a mapping with exactly one of {', '.join(BLOCK_KINDS)}; got {keys}"
            )
        return data

    @property
    def kind(self) -> BlockKind:
        """Which of the block kinds this is."""
        return next(k for k in BLOCK_KINDS if getattr(self, k) is not None)


class Section(Model):
    """A free narrative section: a heading and its blocks, in reading order."""

    heading: Text
    blocks: list[Block] = Field(min_length=1)


class Source(Model):
    """A cited source."""

    title: Text
    publisher: Text | None = None
    url: Url | None = None
    date: IsoDate | None = None


class Briefing(Model):
    """A whole briefing: the single input of every renderer."""

    schema_: SchemaVersion = Field(alias="schema")
    title: Text
    subtitle: Text | None = None
    date: IsoDate
    classification: Text | None = None
    template: TemplateName | None = None
    previous: EditionPath | None = None
    memo: Memo | None = None
    summary: Text
    takeaways: list[Takeaway] = Field(min_length=1)
    threats: Threats
    scenarios: Scenarios
    sections: list[Section] = Field(default_factory=list)
    conclusion: Text
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Briefing:
        findings = [
            *_horizon_findings(self),
            *_history_findings(self),
            *_table_findings(self),
            *_unique_findings(("threats", "factors"), [f.name for f in self.threats.factors]),
            *_unique_findings(("scenarios", "items"), [s.name for s in self.scenarios.items]),
        ]
        if findings:
            raise InconsistentData(findings)
        return self

    @property
    def subject(self) -> Text:
        """The memo subject, defaulting to the title."""
        return self.memo.subject if self.memo and self.memo.subject else self.title


Finding = tuple[tuple[str | int, ...], str]


def _horizon_findings(b: Briefing) -> list[Finding]:
    if b.scenarios.horizon >= b.date.year:
        return []
    return [
        (
            ("scenarios", "horizon"),
            f"must be no earlier than the briefing's year {b.date.year}, got {b.scenarios.horizon}",
        )
    ]


def _history_findings(b: Briefing) -> list[Finding]:
    findings: list[Finding] = []
    for i, factor in enumerate(b.threats.factors):
        previous: dt.date | None = None
        for j, entry in enumerate(factor.history):
            path = ("threats", "factors", i, "history", j, "date")
            if previous is not None and entry.date <= previous:
                findings.append(
                    (path, f"must be later than the entry before ({previous}), got {entry.date}")
                )
            elif entry.date > b.date:
                findings.append(
                    (path, f"must be no later than the briefing's date {b.date}, got {entry.date}")
                )
            previous = entry.date
    return findings


def _table_findings(b: Briefing) -> list[Finding]:
    findings: list[Finding] = []
    for i, section in enumerate(b.sections):
        for j, block in enumerate(section.blocks):
            if block.table is None:
                continue
            width = len(block.table.columns)
            findings.extend(
                (
                    ("sections", i, "blocks", j, "table", "rows", k),
                    f"must have {width} cells, one per column, got {len(row)}",
                )
                for k, row in enumerate(block.table.rows)
                if len(row) != width
            )
    return findings


def _unique_findings(where: tuple[str, ...], names: list[Text]) -> list[Finding]:
    seen: dict[str, int] = {}
    findings: list[Finding] = []
    for i, name in enumerate(names):
        key = name.plain.casefold().strip()
        if key in seen:
            findings.append(
                ((*where, i, "name"), f"duplicate name {str(name)!r} (also item {seen[key] + 1})")
            )
        seen.setdefault(key, i)
    return findings


def briefing_json_schema() -> dict[str, Any]:
    """The JSON Schema of the briefing format, derived from the models so it cannot drift."""
    schema = Briefing.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://reportgen.invalid/schema/briefing-1.json",
        **schema,
        "title": "reportgen briefing (schema 1)",
    }

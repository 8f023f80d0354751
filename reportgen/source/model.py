"""The briefing as frozen pydantic models (docs/briefing-format.md)."""

from __future__ import annotations

import datetime as dt  # noqa: TC003 (pydantic reads the annotations at run time)
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reportgen.errors import InconsistentData
from reportgen.source.fields import (
    SCHEMA_VERSION,
    EditionPath,
    IsoDate,
    LanguageTag,
    Probability,
    SchemaVersion,
    Score,
    TemplateName,
    TextList,
    Url,
    Year,
)
from reportgen.source.inline import Text  # noqa: TC001 (pydantic reads it at run time)
from reportgen.source.rules import (
    TEMPLATE_NAME,
    Direction,
    RiskLevel,
    ScenarioKind,
    Trend,
    probability_band,
)

__all__ = [
    "SCHEMA_VERSION",
    "TEMPLATE_NAME",
    "Direction",
    "RiskLevel",
    "ScenarioKind",
    "Trend",
    "probability_band",
]


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


# The lists a scenario outline may have, in reading order; each output heads them with the
# theme label of the same name.
SCENARIO_LISTS = ("drivers", "indicators", "implications")


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

    def lists(self) -> list[tuple[str, list[Text]]]:
        """The lists of the outline as (key, items), in reading order (``SCENARIO_LISTS``)."""
        return [(key, getattr(self, key)) for key in SCENARIO_LISTS]

    @property
    def probability_band(self) -> str:
        """The band of estimative probability (a locale words key; docs/briefing-format.md)."""
        return probability_band(self.probability)


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
    language: LanguageTag | None = None  # the text's language when not the template's locale
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

"""What changed between two editions of a briefing: plain values, words from the locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportgen.source.model import Direction, RiskLevel

if TYPE_CHECKING:
    import datetime as dt

    from reportgen.source.model import Briefing, Scenario, ThreatFactor
    from reportgen.theming.locale import Words


@dataclass(frozen=True, slots=True)
class Rating:
    """A factor's assessment at one point in time."""

    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        """Likelihood × impact."""
        return self.likelihood * self.impact

    @property
    def level(self) -> RiskLevel:
        """The risk band of the score."""
        return RiskLevel.of(self.score)


@dataclass(frozen=True, slots=True)
class FactorChange:
    """A factor present in both editions whose rating or name changed."""

    name: str
    old_name: str | None  # set when the factor was renamed
    old: Rating
    new: Rating

    @property
    def direction(self) -> Direction:
        """Whether the risk score rose, fell or held."""
        return Direction.between(self.old.score, self.new.score)


@dataclass(frozen=True, slots=True)
class ScenarioChange:
    """A scenario present in both editions whose probability or name changed."""

    name: str
    old_name: str | None
    old_probability: float
    new_probability: float

    @property
    def direction(self) -> Direction:
        """Whether the probability rose, fell or held."""
        old, new = round(self.old_probability, 4), round(self.new_probability, 4)
        return Direction.between(old, new)


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that differs between an earlier edition (or assessment) and this one."""

    since: dt.date
    from_history: bool = False  # True: compared with each factor's last history entry
    factors_changed: tuple[FactorChange, ...] = ()
    factors_added: tuple[str, ...] = ()
    factors_removed: tuple[str, ...] = ()
    scenarios_changed: tuple[ScenarioChange, ...] = ()
    scenarios_added: tuple[str, ...] = ()
    scenarios_removed: tuple[str, ...] = ()
    indicators_added: tuple[tuple[str, str], ...] = ()  # (scenario, indicator)
    indicators_dropped: tuple[tuple[str, str], ...] = ()
    takeaways_added: tuple[str, ...] = ()
    takeaways_removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.factors_changed
            or self.factors_added
            or self.factors_removed
            or self.scenarios_changed
            or self.scenarios_added
            or self.scenarios_removed
            or self.indicators_added
            or self.indicators_dropped
            or self.takeaways_added
            or self.takeaways_removed
        )


def _key(text: str) -> str:
    return text.casefold().strip()


def _match(old_items: list, new_items: list) -> tuple[list, list, list]:  # type: ignore[type-arg]
    """Pair items by name (case-insensitive) or ``renamed_from``: (pairs, added, removed)."""
    by_name = {_key(o.name.plain): o for o in old_items}
    pairs, added = [], []
    for item in new_items:
        old = by_name.pop(_key(item.name.plain), None)
        if old is None and item.renamed_from is not None:
            old = by_name.pop(_key(item.renamed_from.plain), None)
        if old is None:
            added.append(item)
        else:
            pairs.append((old, item))
    return pairs, added, list(by_name.values())


def _renamed(old: ThreatFactor | Scenario, new: ThreatFactor | Scenario) -> str | None:
    return old.name.plain if _key(old.name.plain) != _key(new.name.plain) else None


def compare(old: Briefing, new: Briefing) -> Changes:
    """The changes from edition ``old`` to edition ``new``."""
    f_pairs, f_added, f_removed = _match(old.threats.factors, new.threats.factors)
    s_pairs, s_added, s_removed = _match(old.scenarios.items, new.scenarios.items)
    factor_changes = tuple(
        FactorChange(
            n.name.plain,
            _renamed(o, n),
            Rating(o.likelihood, o.impact),
            Rating(n.likelihood, n.impact),
        )
        for o, n in f_pairs
        if (o.likelihood, o.impact) != (n.likelihood, n.impact) or _renamed(o, n)
    )
    scenario_changes = tuple(
        ScenarioChange(n.name.plain, _renamed(o, n), o.probability, n.probability)
        for o, n in s_pairs
        if round(o.probability, 4) != round(n.probability, 4) or _renamed(o, n)
    )
    added_ind, dropped_ind = _indicator_changes(s_pairs)
    old_heads = {_key(t.headline.plain): t.headline.plain for t in old.takeaways}
    new_heads = {_key(t.headline.plain): t.headline.plain for t in new.takeaways}
    return Changes(
        since=old.date,
        factors_changed=factor_changes,
        factors_added=tuple(f.name.plain for f in f_added),
        factors_removed=tuple(f.name.plain for f in f_removed),
        scenarios_changed=scenario_changes,
        scenarios_added=tuple(s.name.plain for s in s_added),
        scenarios_removed=tuple(s.name.plain for s in s_removed),
        indicators_added=added_ind,
        indicators_dropped=dropped_ind,
        takeaways_added=tuple(v for k, v in new_heads.items() if k not in old_heads),
        takeaways_removed=tuple(v for k, v in old_heads.items() if k not in new_heads),
    )


def _indicator_changes(
    pairs: list[tuple[Scenario, Scenario]],
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    added, dropped = [], []
    for old, new in pairs:
        before = {_key(i.plain): i.plain for i in old.indicators}
        after = {_key(i.plain): i.plain for i in new.indicators}
        added += [(new.name.plain, v) for k, v in after.items() if k not in before]
        dropped += [(new.name.plain, v) for k, v in before.items() if k not in after]
    return tuple(added), tuple(dropped)


def changes_from_history(briefing: Briefing) -> Changes | None:
    """Each factor against its last history entry; None if no factor has history."""
    with_history = [f for f in briefing.threats.factors if f.history]
    if not with_history:
        return None
    changed = tuple(
        FactorChange(
            f.name.plain,
            None,
            Rating(f.history[-1].likelihood, f.history[-1].impact),
            Rating(f.likelihood, f.impact),
        )
        for f in with_history
        if (f.history[-1].likelihood, f.history[-1].impact) != (f.likelihood, f.impact)
    )
    since = max(f.history[-1].date for f in with_history)
    return Changes(since=since, from_history=True, factors_changed=changed)


def change_lines(changes: Changes, w: Words) -> list[tuple[str, list[str]]]:
    """The changes as (heading, lines) groups in reading order, in ``w``'s language; shared
    by every output."""
    if changes.empty:
        return []
    groups: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            groups.append((heading, lines))

    def new_and_removed(added: tuple[str, ...], removed: tuple[str, ...]) -> list[str]:
        return [w("changes_new", name=n) for n in added] + [
            w("changes_removed", name=n) for n in removed
        ]

    add(
        w("changes_factors"),
        [_factor_line(c, w) for c in changes.factors_changed]
        + new_and_removed(changes.factors_added, changes.factors_removed),
    )
    add(
        w("changes_scenarios"),
        [_scenario_line(c, w) for c in changes.scenarios_changed]
        + new_and_removed(changes.scenarios_added, changes.scenarios_removed),
    )
    add(
        w("changes_indicators"),
        [w("changes_new_indicator", scenario=s, indicator=i) for s, i in changes.indicators_added]
        + [
            w("changes_dropped_indicator", scenario=s, indicator=i)
            for s, i in changes.indicators_dropped
        ],
    )
    add(
        w("changes_takeaways"),
        new_and_removed(changes.takeaways_added, changes.takeaways_removed),
    )
    return groups


def _subject(name: str, old_name: str | None, w: Words) -> str:
    return w("changes_renamed", name=name, old_name=old_name) if old_name else name


def _factor_line(c: FactorChange, w: Words) -> str:
    subject = _subject(c.name, c.old_name, w)
    if (c.old.likelihood, c.old.impact) == (c.new.likelihood, c.new.impact):
        value = f"{c.new.score} ({w.level(c.new.level)})"
        return w("changes_unchanged", name=subject, value=value)
    score = w("changes_score", arrow=c.direction.arrow, old=c.old.score, new=c.new.score)
    level = (
        f", {w.level(c.old.level)} → {w.level(c.new.level)}"
        if c.old.level is not c.new.level
        else ""
    )
    parts = [
        w(key, old=old, new=new)
        for key, old, new in (
            ("changes_likelihood", c.old.likelihood, c.new.likelihood),
            ("changes_impact", c.old.impact, c.new.impact),
        )
        if old != new
    ]
    return w("changes_line", name=subject, change=f"{score}{level} ({', '.join(parts)})")


def _scenario_line(c: ScenarioChange, w: Words) -> str:
    subject = _subject(c.name, c.old_name, w)
    if c.direction is Direction.SAME:
        return w("changes_unchanged", name=subject, value=w.percent(c.new_probability))
    moved = w(
        "changes_probability",
        arrow=c.direction.arrow,
        old=w.percent(c.old_probability),
        old_words=w.probability(c.old_probability),
        new=w.percent(c.new_probability),
        new_words=w.probability(c.new_probability),
    )
    return w("changes_line", name=subject, change=moved)


def headline(changes: Changes, w: Words) -> str:
    """The one-line heading of a change report."""
    date = w.date(changes.since)
    if changes.empty:
        return w("changes_none", date=date)
    key = "changes_since_assessment" if changes.from_history else "changes_since_edition"
    return w(key, date=date)


def format_changes(changes: Changes, w: Words, *, markdown: bool = False) -> str:
    """The changes as terminal text or Markdown (for e-mail and pull-request comments)."""
    lines = [f"## {headline(changes, w)}" if markdown else headline(changes, w)]
    for heading, items in change_lines(changes, w):
        lines += ["", f"### {heading}" if markdown else w("memo_field", label=heading)]
        lines += [f"- {_md(i)}" if markdown else f"  - {i}" for i in items]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    # Names are user text: keep Markdown from reading them as emphasis or links.
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text

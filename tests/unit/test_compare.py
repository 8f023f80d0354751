"""The change comparison (reportgen/changes.py) on models, below any text an output prints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportgen.changes import FactorChange, Rating, ScenarioChange, changes_from_history, compare
from reportgen.source.model import Briefing, Direction
from tests.conftest import minimal_briefing


def _briefing(
    factors: list[dict[str, Any]],
    scenarios: list[dict[str, Any]] | None = None,
    takeaways: tuple[str, ...] = ("One takeaway",),
) -> Briefing:
    data = minimal_briefing(
        threats={"factors": factors},
        scenarios={
            "horizon": 2027,
            "items": scenarios or [{"name": "Only scenario", "probability": 0.5}],
        },
        takeaways=[{"headline": t} for t in takeaways],
    )
    return Briefing.model_validate(data)


def _factor(name: str, likelihood: int, impact: int, **more: Any) -> dict[str, Any]:
    return {"name": name, "likelihood": likelihood, "impact": impact, **more}


def test_nothing_changed() -> None:
    b = _briefing([_factor("A", 2, 3)])
    changes = compare(b, b)
    assert changes.empty
    assert changes.factors_changed == ()


def test_factor_rating_change_with_direction_and_level() -> None:
    old = _briefing([_factor("Ethnic tensions", 2, 2), _factor("Unchanged", 1, 1)])
    new = _briefing([_factor("ethnic TENSIONS", 4, 5), _factor("Unchanged", 1, 1)])
    changes = compare(old, new)
    assert changes.factors_changed == (
        FactorChange("ethnic TENSIONS", None, Rating(2, 2), Rating(4, 5)),
    )
    (c,) = changes.factors_changed
    assert (c.old.score, c.new.score, c.direction) == (4, 20, Direction.UP)
    assert (c.old.level.value, c.new.level.value) == ("low", "critical")


def test_rename_is_matched_not_added_and_removed() -> None:
    old = _briefing([_factor("Foreign interference", 3, 3)])
    new = _briefing([_factor("External influences", 3, 3, renamed_from="Foreign interference")])
    changes = compare(old, new)
    assert changes.factors_added == changes.factors_removed == ()
    assert changes.factors_changed == (
        FactorChange("External influences", "Foreign interference", Rating(3, 3), Rating(3, 3)),
    )
    assert changes.factors_changed[0].direction is Direction.SAME


def test_added_and_removed_factors_scenarios_and_takeaways() -> None:
    old = _briefing([_factor("Kept", 1, 1), _factor("Gone", 2, 2)], takeaways=("Old point",))
    new = _briefing(
        [_factor("Kept", 1, 1), _factor("Fresh", 3, 3)],
        [{"name": "Only scenario", "probability": 0.5}, {"name": "New one", "probability": 0.1}],
        takeaways=("New point",),
    )
    changes = compare(old, new)
    assert (changes.factors_added, changes.factors_removed) == (("Fresh",), ("Gone",))
    assert (changes.scenarios_added, changes.scenarios_removed) == (("New one",), ())
    assert (changes.takeaways_added, changes.takeaways_removed) == (("New point",), ("Old point",))


def test_scenario_probability_and_indicators() -> None:
    factors = [_factor("A", 1, 1)]
    old = _briefing(factors, [{"name": "S", "probability": 0.2, "indicators": ["X", "Y"]}])
    new = _briefing(factors, [{"name": "S", "probability": 0.35, "indicators": ["y", "Z"]}])
    changes = compare(old, new)
    assert changes.scenarios_changed == (ScenarioChange("S", None, 0.2, 0.35),)
    (s,) = changes.scenarios_changed
    assert s.direction is Direction.UP
    assert changes.indicators_added == (("S", "Z"),)
    assert changes.indicators_dropped == (("S", "X"),)  # "Y" → "y" is the same indicator


def test_a_probability_change_below_rounding_is_no_change() -> None:
    factors = [_factor("A", 1, 1)]
    old = _briefing(factors, [{"name": "S", "probability": 0.2}])
    new = _briefing(factors, [{"name": "S", "probability": 0.200001}])
    assert compare(old, new).empty


def test_changes_from_history_compare_each_factor_with_its_last_assessment() -> None:
    history = [
        {"date": "2026-05-01", "likelihood": 1, "impact": 1},
        {"date": "2026-08-01", "likelihood": 4, "impact": 4},
    ]
    b = _briefing([_factor("A", 3, 4, history=history), _factor("No history", 2, 2)])
    changes = changes_from_history(b)
    assert changes is not None
    assert changes.from_history
    assert changes.since == dt.date(2026, 8, 1)
    assert changes.factors_changed == (FactorChange("A", None, Rating(4, 4), Rating(3, 4)),)
    assert changes.factors_changed[0].direction is Direction.DOWN
    assert changes_from_history(_briefing([_factor("No history", 2, 2)])) is None

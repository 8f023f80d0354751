"""Loader rules: each bad input gives exact, located messages (docs/briefing-format.md)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from reportgen.errors import BriefingError
from reportgen.source.loader import load_briefing

if TYPE_CHECKING:
    from pathlib import Path

BASE = """\
schema: 1
title: Test briefing
date: 2026-11-26
summary: Bottom line.
takeaways:
  - headline: A takeaway
threats:
  factors:
    - name: Ethnic tensions
      likelihood: 4
      impact: 5
scenarios:
  horizon: 2029
  items:
    - name: Escalation
      probability: 0.2
conclusion: The end.
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "b.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(BriefingError) as info:
        load_briefing(path)
    prefix = f"{path}:"
    return [str(p).removeprefix(prefix) for p in info.value.problems]


def test_base_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BASE, encoding="utf-8")
    briefing = load_briefing(path)
    assert briefing.threats.factors[0].score == 20
    assert briefing.date == dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "likelihood: 4",
            "likelihood: 7",
            "10:19: threats.factors[0].likelihood: must be an integer 1–5, got 7",
            id="likelihood-out-of-range",
        ),
        pytest.param(
            "impact: 5",
            "impact: 0",
            "11:15: threats.factors[0].impact: must be an integer 1–5, got 0",
            id="impact-zero",
        ),
        pytest.param(
            "impact: 5",
            "impact: '5'",
            "11:15: threats.factors[0].impact: must be an integer 1–5, got '5'",
            id="impact-string-not-coerced",
        ),
        pytest.param(
            "impact: 5",
            "impact: 4.5",
            "11:15: threats.factors[0].impact: must be an integer 1–5, got 4.5",
            id="impact-float",
        ),
        pytest.param(
            "likelihood: 4",
            "likelihood: true",
            "10:19: threats.factors[0].likelihood: must be an integer 1–5, got true",
            id="likelihood-bool",
        ),
        pytest.param(
            "probability: 0.2",
            "probability: 1.2",
            "16:20: scenarios.items[0].probability: must be a number from 0 to 1, got 1.2",
            id="probability-above-one",
        ),
        pytest.param(
            "probability: 0.2",
            "probability: '20%'",
            "16:20: scenarios.items[0].probability: must be a number from 0 to 1, got '20%'",
            id="probability-text",
        ),
        pytest.param(
            "      impact: 5",
            "      impact: 5\n      trend: up",
            "12:14: threats.factors[0].trend: must be one of 'rising', 'steady' or 'easing', "
            "got 'up'",
            id="trend-enum",
        ),
        pytest.param(
            "      probability: 0.2",
            "      probability: 0.2\n      kind: war",
            "17:13: scenarios.items[0].kind: must be one of 'escalation', 'integration', "
            "'muddle-through' or 'other', got 'war'",
            id="kind-enum",
        ),
        pytest.param(
            "      impact: 5",
            "      impact: 5\n      likelyhood: 3",
            "12:7: threats.factors[0].likelyhood: unknown key 'likelyhood'; "
            "did you mean 'likelihood'?",
            id="unknown-key-did-you-mean",
        ),
        pytest.param(
            "conclusion: The end.",
            "conclusion: The end.\nsumary: x",
            "18:1: sumary: unknown key 'sumary'; did you mean 'summary'?",
            id="unknown-top-level-key",
        ),
        pytest.param(
            "summary: Bottom line.\n",
            "",
            "1:1: summary: required key is missing",
            id="missing-top-level-key",
        ),
        pytest.param(
            "      likelihood: 4\n",
            "",
            "9:7: threats.factors[0].likelihood: required key is missing",
            id="missing-key-located-at-mapping",
        ),
        pytest.param(
            "title: Test briefing",
            "title: Test briefing\ntitle: Again",
            "3:1: title: duplicate key 'title'",
            id="duplicate-key",
        ),
        pytest.param(
            "schema: 1",
            "schema: 99",
            "1:9: schema: must be 1, got 99",
            id="schema-version",
        ),
        pytest.param(
            "schema: 1",
            "schema: true",
            "1:9: schema: must be 1, got true",
            id="schema-bool",
        ),
        pytest.param(
            "date: 2026-11-26",
            "date: 2026-11-26T10:00:00",
            "3:7: date: must be a date without a time of day (YYYY-MM-DD), "
            "got datetime.datetime(2026, 11, 26, 10, 0)",
            id="date-with-time",
        ),
        pytest.param(
            "date: 2026-11-26",
            "date: 26/11/2026",
            "3:7: date: must be an ISO date (YYYY-MM-DD), got '26/11/2026'",
            id="date-not-iso",
        ),
        pytest.param(
            "date: 2026-11-26",
            "date: '2026-02-30'",
            "3:7: date: must be an ISO date (YYYY-MM-DD), got '2026-02-30'",
            id="date-impossible",
        ),
        pytest.param(
            "conclusion: The end.",
            "conclusion: The end.\nsources:\n  - {title: S, url: 'javascript:alert(1)'}",
            "19:21: sources[0].url: links must be http, https or mailto, got 'javascript:alert(1)'",
            id="url-scheme",
        ),
        pytest.param(
            "conclusion: The end.",
            "conclusion: See [this](file:///etc/passwd).",
            "17:13: conclusion: links must be http, https or mailto, got 'file:///etc/passwd'",
            id="inline-link-scheme",
        ),
        pytest.param(
            "  horizon: 2029",
            "  horizon: 2020",
            "13:12: scenarios.horizon: must be no earlier than the briefing's year 2026, got 2020",
            id="horizon-before-date",
        ),
        pytest.param(
            "    - name: Escalation\n      probability: 0.2",
            "    - name: Escalation\n      probability: 0.2\n    - name: ESCALATION\n"
            "      probability: 0.1",
            "17:13: scenarios.items[1].name: duplicate name 'ESCALATION' (also item 1)",
            id="duplicate-scenario-name-case-insensitive",
        ),
        pytest.param(
            "title: Test briefing",
            "title: Test briefing\ntemplate: ../../etc",
            "3:11: template: must be a template name (letters, digits, '-', '_'); "
            "a path is only accepted from --template, got '../../etc'",
            id="template-path-in-briefing",
        ),
        pytest.param(
            "takeaways:\n  - headline: A takeaway",
            "takeaways: []",
            "5:12: takeaways: must have at least 1 item(s)",
            id="empty-required-list",
        ),
        pytest.param(
            "title: Test briefing",
            "title: [a, b]",
            "2:8: title: must be text, got a list",
            id="wrong-type-list-for-text",
        ),
        pytest.param(
            "title: Test briefing",
            "title: 2026",
            "2:8: title: must be text, got 2026",
            id="wrong-type-number-for-text",
        ),
        pytest.param(
            "title: Test briefing",
            "title: '   '",
            "2:8: title: must not be empty",
            id="blank-text",
        ),
    ],
)
def test_rule(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in BASE
    assert _errors(tmp_path, BASE.replace(old, new, 1)) == [expected]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE.replace("likelihood: 4", "likelihood: 9").replace(
        "probability: 0.2", "probability: 2"
    )
    assert _errors(tmp_path, text) == [
        "10:19: threats.factors[0].likelihood: must be an integer 1–5, got 9",
        "16:20: scenarios.items[0].probability: must be a number from 0 to 1, got 2",
    ]


def test_history_must_increase_and_precede_the_date(tmp_path: Path) -> None:
    history = (
        "      history:\n"
        "        - {date: 2026-06-01, likelihood: 3, impact: 5}\n"
        "        - {date: 2026-05-01, likelihood: 3, impact: 5}\n"
        "        - {date: 2027-01-01, likelihood: 3, impact: 5}\n"
    )
    text = BASE.replace("      impact: 5\n", "      impact: 5\n" + history, 1)
    assert _errors(tmp_path, text) == [
        "14:18: threats.factors[0].history[1].date: must be later than the entry before "
        "(2026-06-01), got 2026-05-01",
        "15:18: threats.factors[0].history[2].date: must be no later than the briefing's date "
        "2026-11-26, got 2027-01-01",
    ]


def test_table_rows_must_match_columns(tmp_path: Path) -> None:
    text = (
        BASE
        + "sections:\n  - heading: H\n    blocks:\n      - table: {columns: [A, B], rows: [[a]]}\n"
    )
    assert _errors(tmp_path, text) == [
        "21:41: sections[0].blocks[0].table.rows[0]: must have 2 cells, one per column, got 1"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"", "1:1: file is empty", id="empty-file"),
        pytest.param(
            b"- a\n- b\n", "1:1: must be a mapping of keys to values, got list", id="top-level-list"
        ),
        pytest.param(
            b"a: [1, 2\n", "2:1: invalid YAML: did not find expected ',' or ']'", id="unclosed-flow"
        ),
        pytest.param(
            b"a:\n\tb: 1\n",
            "2:1: invalid YAML: found character that cannot start any token",
            id="tab-indent",
        ),
        pytest.param(b'a: "\xff"\n', "1:5: file is not valid UTF-8 text", id="invalid-utf8"),
        pytest.param(
            b"a: x\x00y\n", "1:5: control character '\\x00' is not allowed", id="nul-byte"
        ),
        pytest.param(
            b"a: !!python/object/apply:os.system [ls]\n",
            "1:4: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
            id="python-tag",
        ),
        pytest.param(
            b"a: 1\n---\nb: 2\n",
            "2:1: expected one YAML document, found another",
            id="two-documents",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert _errors(tmp_path, raw) == [expected]  # type: ignore[arg-type]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_briefing(path).title == "Test briefing"


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefg"):
        prev = "abcdefg"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (message,) = _errors(tmp_path, "\n".join(lines) + "\n")
    assert message.endswith("document expands to more than 10,000 values (YAML aliases?)")
    assert message.startswith("4:")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    (message,) = _errors(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert "nesting" in message
    assert message.startswith("1:")


def test_long_string_and_long_list_limits(tmp_path: Path) -> None:
    assert _errors(tmp_path, BASE.replace("Bottom line.", "x" * 20_001)) == [
        "4:10: summary: text is longer than 20,000 characters (20,001)"
    ]
    many = "\n".join(f"  - headline: T{i}" for i in range(501))
    assert _errors(tmp_path, BASE.replace("  - headline: A takeaway", many)) == [
        "506:5: takeaways: a list may hold at most 500 items"
    ]


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BASE + "#" * (2 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(BriefingError) as info:
        load_briefing(path)
    assert str(info.value) == (
        f"{path}:1:1: file is larger than 2 MB (the limit is 2,097,152 bytes)"
    )


def test_inline_runs_are_parsed_once(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        BASE.replace("Bottom line.", "'**Bold** and *it* and [link](https://x.org) 2 * 3 * 4 <b>'"),
        encoding="utf-8",
    )
    runs = load_briefing(path).summary.runs
    assert [(r.text, r.bold, r.italic, r.href) for r in runs] == [
        ("Bold", True, False, None),
        (" and ", False, False, None),
        ("it", False, True, None),
        (" and ", False, False, None),
        ("link", False, False, "https://x.org"),
        (" 2 * 3 * 4 <b>", False, False, None),
    ]


def test_memo_to_accepts_string_or_list(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BASE + "memo:\n  to: Committee\n  from: Unit\n", encoding="utf-8")
    memo = load_briefing(path).memo
    assert memo is not None
    assert memo.to == ["Committee"]
    assert memo.from_ == "Unit"

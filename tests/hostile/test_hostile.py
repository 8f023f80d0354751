"""Hostile and broken input: exit 1, one located line, no traceback, nothing written (docs/briefing-format.md).

The cases that could exhaust resources (a YAML bomb, deep nesting, huge strings and lists) run
the real command in a subprocess with CPU-time and address-space limits, so a parser that loops
or balloons fails the test instead of the machine. The others call ``main`` in-process (the
same command line, without the cost of starting Python for each case).
"""

from __future__ import annotations

import io
import re
import resource
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reportgen.cli import main
from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

CPU_SECONDS = 20
MEMORY_BYTES = 2 * 1024**3

BASE = """\
schema: 1
title: Hostile input test
date: 2026-11-26
summary: Bottom line.
takeaways:
  - headline: A takeaway
threats:
  factors:
    - name: Ethnic tensions
      likelihood: 4
      impact: 5
      history:
        - {date: 2026-05-01, likelihood: 3, impact: 5}
scenarios:
  horizon: 2029
  items:
    - name: Escalation
      probability: 0.2
      impact: 4
conclusion: The end.
sources:
  - {title: Source, url: "https://example.org/a"}
"""


def edit(old: str, new: str) -> bytes:
    assert old in BASE, old
    return BASE.replace(old, new, 1).encode("utf-8")


def nest(depth: int) -> bytes:
    return (BASE + "extra: " + "[" * depth + "]" * depth + "\n").encode()


def bomb() -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


# (id, file bytes, regex the single problem line must match after "FILE:")
CASES: list[tuple[str, bytes, str]] = [
    # malformed YAML
    ("unclosed-flow-seq", b"a: [1, 2\n", r"2:1: invalid YAML: "),
    ("unclosed-flow-map", b"a: {b: 1\n", r"2:1: invalid YAML: "),
    ("unclosed-quote", b'title: "abc\n', r"2:1: invalid YAML: "),
    ("bad-indentation", b"a:\n  b: 1\n c: 2\n", r"3:\d+: invalid YAML: "),
    ("mapping-in-scalar", b"a: b: c\n", r"1:5: invalid YAML: mapping values are not allowed"),
    ("tab-indentation", b"a:\n\tb: 1\n", r"2:1: invalid YAML: found character"),
    ("two-documents", b"a: 1\n---\nb: 2\n", r"2:1: expected one YAML document"),
    ("undefined-alias", b"a: *nowhere\n", r"1:4: unknown YAML alias \*nowhere"),
    # resource exhaustion
    ("billion-laughs", bomb(), r"\d+:\d+: document expands to more than 10,000 values"),
    ("nesting-10000", nest(10_000), r"2\d:\d+: .*nesting"),
    ("nesting-25", nest(25), r"2\d:\d+: nesting is deeper than 20 levels"),
    ("string-20MB", edit("Bottom line.", "x" * 20_000_000), r"1:1: file is larger than 2 MB"),
    ("string-30k", edit("Bottom line.", "y" * 30_000), r"4:10: summary: text is longer than"),
    (
        "list-100000",
        BASE.encode() + b"extra:\n" + b"  - x\n" * 100_000,
        r"\d+:\d+: extra: a list may hold at most 500 items",
    ),
    # encodings and bytes
    ("nul-byte", edit("Bottom line.", "Bottom\x00line."), r"4:16: control character '\\x00'"),
    ("escape-sequence", edit("Bottom line.", "\x1b[31mred"), r"4:10: control character '\\x1b'"),
    ("c1-control", edit("Bottom line.", "a\x85b"), r"4:11: control character '\\x85'"),
    (
        "invalid-utf8",
        BASE.encode().replace(b"Bottom", b"Bott\xffm"),
        r"4:14: file is not valid UTF-8",
    ),
    ("utf16", b"\xff\xfe" + BASE.encode("utf-16-le"), r"1:1: file is not valid UTF-8"),
    (
        "latin1",
        BASE.replace("Bottom line.", "Café in Zürich").encode("latin-1"),
        r"4:\d+: file is not valid UTF-8",
    ),
    # tags that construct objects
    (
        "python-object-apply",
        edit("title: Hostile input test", "title: !!python/object/apply:os.system [echo pwned]"),
        r"2:8: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    (
        "python-name",
        edit("title: Hostile input test", "title: !!python/name:os.system"),
        r"2:8: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    ),
    (
        "custom-tag-mapping",
        BASE.encode() + b"memo: !custom {to: x}\n",
        r"23:7: YAML tag '!custom' is not allowed",
    ),
    (
        "binary-tag",
        edit("title: Hostile input test", "title: !!binary aGVsbG8="),
        r"2:8: YAML tag 'tag:yaml.org,2002:binary' is not allowed",
    ),
    # shapes of the whole file
    ("empty-file", b"", r"1:1: file is empty"),
    ("whitespace-only", b"  \n\n", r"1:1: file is empty"),
    ("comment-only", b"# nothing here\n", r"1:1: file is empty"),
    ("top-level-list", b"- schema: 1\n", r"1:1: must be a mapping of keys to values, got list"),
    ("top-level-scalar", b"hello\n", r"1:1: must be a mapping of keys to values, got str"),
    ("schema-99", edit("schema: 1", "schema: 99"), r"1:9: schema: must be 1, got 99"),
    ("schema-string", edit("schema: 1", "schema: '1'"), r"1:9: schema: must be 1, got '1'"),
    (
        "duplicate-key",
        edit("conclusion: The end.", "conclusion: The end.\nconclusion: Again."),
        r"21:1: conclusion: duplicate key 'conclusion'",
    ),
    (
        "duplicate-factor",
        edit("scenarios:", "    - {name: ethnic TENSIONS, likelihood: 1, impact: 1}\nscenarios:"),
        r"14:14: threats.factors\[1\].name: duplicate name 'ethnic TENSIONS' \(also item 1\)",
    ),
    (
        "unknown-key",
        edit("impact: 5", "impact: 5\n      severity: 3"),
        r"12:7: threats.factors\[0\].severity: unknown key 'severity'",
    ),
    (
        "missing-title",
        edit("title: Hostile input test\n", ""),
        r"1:1: title: required key is missing",
    ),
    # wrong types and out-of-range numbers, every numeric field
    (
        "likelihood-6",
        edit("likelihood: 4", "likelihood: 6"),
        r"10:19: threats.factors\[0\].likelihood: must be an integer 1–5, got 6",
    ),
    (
        "likelihood-negative",
        edit("likelihood: 4", "likelihood: -1"),
        r"10:19: .*likelihood: must be an integer 1–5, got -1",
    ),
    (
        "likelihood-null",
        edit("likelihood: 4", "likelihood: null"),
        r"10:19: .*likelihood: must be an integer 1–5, got null",
    ),
    (
        "likelihood-huge",
        edit("likelihood: 4", "likelihood: 99999999999999999999999"),
        r"10:19: .*likelihood: must be an integer 1–5",
    ),
    (
        "impact-string",
        edit("impact: 5", "impact: high"),
        r"11:15: .*impact: must be an integer 1–5, got 'high'",
    ),
    (
        "impact-float",
        edit("impact: 5", "impact: 4.5"),
        r"11:15: .*impact: must be an integer 1–5, got 4.5",
    ),
    (
        "impact-bool",
        edit("impact: 5", "impact: yes"),
        r"11:15: .*impact: must be an integer 1–5, got true",
    ),
    (
        "history-likelihood",
        edit("{date: 2026-05-01, likelihood: 3", "{date: 2026-05-01, likelihood: 0"),
        r"13:42: threats.factors\[0\].history\[0\].likelihood: must be an integer 1–5, got 0",
    ),
    (
        "history-impact",
        edit("likelihood: 3, impact: 5}", "likelihood: 3, impact: 6}"),
        r"13:53: threats.factors\[0\].history\[0\].impact: must be an integer 1–5, got 6",
    ),
    (
        "probability-negative",
        edit("probability: 0.2", "probability: -0.1"),
        r"18:20: .*probability: must be a number from 0 to 1, got -0.1",
    ),
    (
        "probability-above-1",
        edit("probability: 0.2", "probability: 1.01"),
        r"18:20: .*probability: must be a number from 0 to 1, got 1.01",
    ),
    (
        "probability-nan",
        edit("probability: 0.2", "probability: .nan"),
        r"18:20: .*probability: must be a number from 0 to 1, got nan",
    ),
    (
        "probability-inf",
        edit("probability: 0.2", "probability: .inf"),
        r"18:20: .*probability: must be a number from 0 to 1, got inf",
    ),
    (
        "probability-string",
        edit("probability: 0.2", "probability: likely"),
        r"18:20: .*probability: must be a number from 0 to 1, got 'likely'",
    ),
    (
        "scenario-impact-0",
        edit("      impact: 4", "      impact: 0"),
        r"19:15: scenarios.items\[0\].impact: must be an integer 1–5, got 0",
    ),
    (
        "horizon-string",
        edit("horizon: 2029", "horizon: soon"),
        r"15:12: scenarios.horizon: must be a year such as 2029, got 'soon'",
    ),
    (
        "horizon-past",
        edit("horizon: 2029", "horizon: 2001"),
        r"15:12: scenarios.horizon: must be no earlier than",
    ),
    # dates
    (
        "date-time-of-day",
        edit("date: 2026-11-26", "date: 2026-11-26 10:30:00"),
        r"3:7: date: must be a date without a time of day",
    ),
    (
        "date-month-13",
        edit("date: 2026-11-26", "date: '2026-13-01'"),
        r"3:7: date: must be an ISO date",
    ),
    (
        "history-in-future",
        edit("{date: 2026-05-01", "{date: 2027-05-01"),
        r"13:18: .*history\[0\].date: must be no later than",
    ),
    # links and paths
    (
        "javascript-url",
        edit("https://example.org/a", "javascript:alert(document.cookie)"),
        r"22:26: sources\[0\].url: links must be http, https or mailto, got 'javascript:alert\(document.cookie\)'",
    ),
    (
        "file-url",
        edit("https://example.org/a", "file:///etc/passwd"),
        r"22:26: sources\[0\].url: links must be http, https or mailto",
    ),
    (
        "data-url",
        edit("https://example.org/a", "data:text/html,<script>x</script>"),
        r"22:26: sources\[0\].url: links must be",
    ),
    (
        "inline-javascript-link",
        edit("Bottom line.", "'[click](javascript:alert)'"),
        r"4:10: summary: links must be http, https or mailto, got 'javascript:alert'",
    ),
    (
        "template-escapes-folder",
        edit("title: Hostile input test", "title: Hostile input test\ntemplate: ../../../etc"),
        r"3:11: template: must be a template name",
    ),
    (
        "template-absolute-path",
        edit("title: Hostile input test", "title: Hostile input test\ntemplate: /tmp"),
        r"3:11: template: must be a template name",
    ),
    # structure
    (
        "block-two-keys",
        BASE.encode()
        + b"sections:\n  - heading: H\n    blocks:\n      - {paragraph: a, bullets: [b]}\n",
        r"26:9: sections\[0\].blocks\[0\]: a block is a mapping with exactly one of",
    ),
    (
        "section-no-blocks",
        BASE.encode() + b"sections:\n  - heading: H\n    blocks: []\n",
        r"25:13: sections\[0\].blocks: must have at least 1 item",
    ),
    (
        "takeaways-as-string",
        edit("takeaways:\n  - headline: A takeaway", "takeaways: just one"),
        r"5:12: takeaways: must be a list, got 'just one'",
    ),
    (
        "threats-as-list",
        edit("threats:\n  factors:", "threats:\n  - factors:"),
        r"8:\d+: threats: must be a mapping",
    ),
    ("mapping-as-key", b"? [a, b]\n: 1\n", r"1:3: mapping keys must be plain text"),
]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


# Cases that could loop or balloon: each runs in a subprocess under resource limits.
NEEDS_LIMITS = {"billion-laughs", "nesting-10000", "string-20MB", "list-100000"}


def _build(source: Path, out: Path, *, limited: bool) -> tuple[int, str]:
    """Exit code and stderr of ``reportgen build`` of one file, in a subprocess if ``limited``."""
    argv = ["build", "-j", "1", "-o", str(out), str(source)]
    if not limited:
        err = io.StringIO()
        return main(argv, stdout=io.StringIO(), stderr=err), err.getvalue()
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limits,
        cwd=ROOT,
        check=False,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(("raw", "expected"), [pytest.param(r, e, id=i) for i, r, e in CASES])
def test_hostile_input(
    tmp_path: Path, request: pytest.FixtureRequest, raw: bytes, expected: str
) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_bytes(raw)
    out = tmp_path / "out"
    limited = request.node.callspec.id in NEEDS_LIMITS
    code, stderr = _build(source, out, limited=limited)
    assert code == 1, stderr[-2000:]
    lines = stderr.splitlines()
    assert lines[0] == f"failed     {source}"
    assert len(lines) == 2, lines
    assert re.fullmatch(re.escape(f"{source}:") + expected + ".*", lines[1]), lines[1]
    assert "Traceback" not in stderr
    assert not out.exists() or not any(out.glob("hostile*"))


def test_every_limited_case_exists() -> None:
    assert {case[0] for case in CASES} >= NEEDS_LIMITS


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "bom.yaml"
    source.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(source)], stdout=out, stderr=err)
    assert (code, out.getvalue(), err.getvalue()) == (0, f"ok         {source}\n", "")

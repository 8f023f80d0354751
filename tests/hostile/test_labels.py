"""Hostile labels in a theme: placeholders are checked per label, never run through format().

A label may use only the ``{name}`` placeholders documented for it (docs/languages.md); format
specs, attribute or index access, unknown names and stray braces are one located line, exit 1.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import EXAMPLE, ROOT
from tests.hostile.test_hostile import _limits

if TYPE_CHECKING:
    from pathlib import Path

# (id, labels YAML lines, regex of the problem after "theme.yaml:")
CASES = [
    (
        "format-spec-padding",
        'scenarios: "Scenarios to {horizon:>99999999}"',
        r"4:\d+: labels\.scenarios: \{horizon:>99999999\} is not a placeholder \(no format specs, "
        r"attributes or indexes\); allowed: \{horizon\}$",
    ),
    (
        "attribute-access",
        'scenarios: "{horizon.__class__}"',
        r"4:\d+: labels\.scenarios: \{horizon\.__class__\} is not a placeholder .*; allowed: \{horizon\}$",
    ),
    (
        "index-access",
        'page: "Page {page[0]} of {pages}"',
        r"4:\d+: labels\.page: \{page\[0\]\} is not a placeholder .*; allowed: \{page\}, \{pages\}$",
    ),
    (
        "unknown-placeholder",
        'chart_scenarios: "Probability to {missing}"',
        r"4:\d+: labels\.chart_scenarios: unknown placeholder \{missing\}; allowed: \{horizon\}$",
    ),
    (
        "placeholder-in-plain-label",
        'summary: "Summary {horizon}"',
        r"4:\d+: labels\.summary: unknown placeholder \{horizon\}; this label takes none$",
    ),
    (
        "stray-open-brace",
        'page: "Page { of {pages}"',
        r"4:\d+: labels\.page: unmatched '\{' at character 6 \(write '\{\{'\); allowed: \{page\}, \{pages\}$",
    ),
    (
        "stray-close-brace",
        'risk_matrix: "Matrix }"',
        r"4:\d+: labels\.risk_matrix: unmatched '\}' at character 8 \(write '\}\}'\); this label takes none$",
    ),
    (
        "nested-vocabulary",
        'levels: {low: "{level}"}',
        r"4:\d+: labels\.levels\.low: unknown placeholder \{level\}; this label takes none$",
    ),
    (
        "percent-format",
        None,
        r"3:\d+: formats\.percent: \{number:%\} is not a placeholder .*; allowed: \{number\}$",
    ),
    (
        "unknown-locale",
        None,
        r"2:\d+: locale: unknown locale 'xx-QQ'; shipped: en-GB, de-DE, fr-FR .*$",
    ),
    (
        "locale-not-a-tag",
        None,
        r"2:\d+: locale: must be a BCP 47 language tag like 'en-GB' or 'de-DE', got 'Deutsch'$",
    ),
]

THEMES = {
    "percent-format": 'name: bad\nformats:\n  percent: "{number:%}"\n',
    "unknown-locale": "name: bad\nlocale: xx-QQ\n",
    "locale-not-a-tag": "name: bad\nlocale: Deutsch\n",
}


@pytest.mark.parametrize(("labels", "expected"), [pytest.param(lb, e, id=i) for i, lb, e in CASES])
def test_hostile_labels(
    tmp_path: Path, request: pytest.FixtureRequest, labels: str | None, expected: str
) -> None:
    template = tmp_path / "bad"
    template.mkdir()
    case = request.node.callspec.id
    theme = THEMES.get(case) or f"name: bad\nextends: default\nlabels:\n  {labels}\n"
    (template / "theme.yaml").write_text(theme, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen",
            "build",
            "-j",
            "1",
            "-o",
            str(out),
            "-t",
            str(template),
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limits,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert len(lines) == 2, lines
    assert re.fullmatch(re.escape(f"{template / 'theme.yaml'}:") + expected, lines[1]), lines[1]
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.glob("*.pdf"))

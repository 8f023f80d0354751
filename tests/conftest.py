"""Shared fixtures: a fixed environment, the example briefing, and a briefing factory."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

# CI replays the same examples every run (a submission must not flake); locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# A shell that starts a job in the background (CI runners may) leaves SIGINT ignored, and an
# ignored signal stays ignored across exec: the reportgen processes the tests start would never
# see the Ctrl-C the interrupt and watch tests send. A handled signal resets to the default on
# exec, so handling it here gives every child Python's usual KeyboardInterrupt.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "western-balkans.yaml"


@pytest.fixture(autouse=True)
def _scrub_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test depends on the caller's time zone, locale or SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def minimal_briefing(**overrides: Any) -> dict[str, Any]:
    """The smallest valid briefing as a dict; keyword arguments replace top-level keys."""
    data: dict[str, Any] = {
        "schema": 1,
        "title": "Minimal briefing",
        "date": "2026-11-26",
        "summary": "One line of summary.",
        "takeaways": [{"headline": "One takeaway"}],
        "threats": {"factors": [{"name": "Only factor", "likelihood": 2, "impact": 3}]},
        "scenarios": {"horizon": 2027, "items": [{"name": "Only scenario", "probability": 0.5}]},
        "conclusion": "The end.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def write_briefing(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a briefing dict (or raw YAML text) to ``tmp_path/<name>.yaml``; returns the path."""

    def write(data: dict[str, Any] | str, name: str = "briefing") -> Path:
        path = tmp_path / f"{name}.yaml"
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The shipped example briefing."""
    return EXAMPLE


def render_inputs(path: Path, template: str = "default"):  # type: ignore[no-untyped-def]
    """Load a briefing and everything a renderer takes: (briefing, template, charts, info)."""
    from reportgen.charts.specs import chart_specs
    from reportgen.render.docinfo import DocumentInfo
    from reportgen.source.loader import load_briefing
    from reportgen.theming.theme import resolve_template

    briefing = load_briefing(path)
    tmpl = resolve_template(template, allow_path=True, cwd=ROOT)
    info = DocumentInfo(
        stamp=dt.datetime.combine(briefing.date, dt.time(), tzinfo=dt.UTC),
        generator="reportgen test",
        template=tmpl.name,
        source_sha256="0" * 64,
    )
    return briefing, tmpl, chart_specs(briefing, tmpl.theme), info


def needs_tool(name: str) -> None:
    """Skip outside CI when a system tool is missing; in CI a missing tool is a failure."""
    if shutil.which(name) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (see .ci/run)")
        pytest.skip(f"{name} not installed")


def run_tool(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a system tool and return its completed process (text mode)."""
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)

"""The shipped CI recipe is valid YAML with the promised triggers (issue 3)."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT


def test_reports_workflow_triggers_and_steps() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "reports.yml").read_text("utf-8"))
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = flow.get("on", flow.get(True))
    assert set(triggers) == {"schedule", "push", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"]
    assert set(triggers["push"]["paths"]) == {"data/**", "templates/**"}
    steps = flow["jobs"]["build"]["steps"]
    assert any(s.get("run", "").startswith("make report") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)

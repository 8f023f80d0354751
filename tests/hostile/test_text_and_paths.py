"""Hostile text, dates and paths: one located line, exit 1 (or 2), nothing written, no hang.

Every command runs in a subprocess under the suite's CPU and memory limits (test_hostile.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT
from tests.hostile.test_hostile import BASE, _limits, edit

if TYPE_CHECKING:
    from pathlib import Path


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args],
        capture_output=True,
        text=True,
        timeout=300,  # wall time on a loaded machine; the CPU limit is the real bound
        preexec_fn=_limits,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )


def nothing_written(out: Path) -> bool:
    """No output in ``out``: the build's own state folder (lock, manifest) does not count."""
    return not out.exists() or all(p.name == ".reportgen" for p in out.iterdir())


def one_failure(done: subprocess.CompletedProcess[str], source: str) -> str:
    """The single located line of a failed build of ``source``."""
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"failed     {source}", lines
    assert len(lines) == 2, lines
    return lines[1]


# YAML escapes that make characters no document may carry from plain ASCII.
ESCAPES = [
    ("esc-title-bell", r'"Bottom \e]0;pwned\a\e[31mRED\e[0m"', r"control character '\\x1b'"),
    ("nul", r'"a\0b"', r"control character '\\x00'"),
    ("bell", r'"a\ab"', r"control character '\\x07'"),
    ("backspace", r'"a\bb"', r"control character '\\x08'"),
    ("form-feed", r'"a\fb"', r"control character '\\x0c'"),
    ("del", r'"a\x7fb"', r"control character '\\x7f'"),
    ("csi", r'"a\x9bb"', r"control character '\\x9b'"),
    ("carriage-return", r'"a\rb"', r"control character '\\r'"),
    ("next-line", r'"a\Nb"', r"control character '\\x85'"),
    ("line-separator", r'"a\Lb"', r"character '\\u2028' \(U\+2028\) is not allowed in text"),
    ("paragraph-separator", r'"a\Pb"', r"character '\\u2029' \(U\+2029\)"),
    ("noncharacter-fffe", r'"a\uFFFEb"', r"character '\\ufffe' \(U\+FFFE\)"),
    ("noncharacter-ffff", r'"a\uFFFFb"', r"character '\\uffff' \(U\+FFFF\)"),
    ("noncharacter-plane1", r'"a\U0001FFFEb"', r"character '\\U0001fffe' \(U\+1FFFE\)"),
    ("noncharacter-fdd0", r'"a\uFDD0b"', r"character '\\ufdd0' \(U\+FDD0\)"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in ESCAPES])
def test_yaml_escape_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    source = tmp_path / "esc.yaml"
    source.write_bytes(edit("Bottom line.", text))
    out = tmp_path / "out"
    line = one_failure(run("build", "-j", "1", "-o", str(out), str(source)), str(source))
    assert re.fullmatch(re.escape(f"{source}:4:10: summary: ") + expected + ".*", line), line
    assert "\x1b" not in line
    assert nothing_written(out)


def test_escape_in_a_theme_label_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "theme.yaml").write_text('name: t\nlabels:\n  summary: "Bottom \\e[2J line"\n')
    done = run("templates", "check", str(folder))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{folder}/theme.yaml:3:12: labels.summary: control character '\\x1b' is not allowed"
    ]


def test_tab_and_newline_escapes_are_text(tmp_path: Path) -> None:
    source = tmp_path / "ok.yaml"
    source.write_bytes(edit("Bottom line.", r'"Bottom\tline.\nNext."'))
    done = run("validate", str(source))
    assert done.returncode == 0, done.stderr


def test_diff_and_errors_never_write_terminal_controls(tmp_path: Path) -> None:
    # A file name is the one thing the loader cannot refuse; it is shown escaped.
    source = tmp_path / "a\x1b[2Jb.yaml"
    source.write_bytes(edit("likelihood: 4", "likelihood: 9"))
    done = run("validate", str(source))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr
    assert "a\\x1b[2Jb.yaml:10:19: threats.factors[0].likelihood:" in done.stderr
    other = tmp_path / "b.yaml"
    other.write_bytes(edit("Bottom line.", r'"\e[2J"'))
    done = run("diff", str(other), str(other))
    assert (done.returncode, "\x1b" in done.stdout + done.stderr) == (1, False)


# YAML 1.1 reads these plain scalars otherwise than most authors mean.
YAML11 = [
    ("exponent", "probability: 0.2", "probability: 1e-300", r"18:20: .*got '1e-300'; YAML 1.1 reads 1e-300 as text, not a number; write 1.0e-300"),
    ("sexagesimal", "probability: 0.2", "probability: 1:30", r"18:20: .*got 90; YAML 1.1 reads 1:30 as the base-60 number 90; quote it \('1:30'\)"),
    ("octal-zero", "likelihood: 4", "likelihood: 017", r"10:19: .*got 15; YAML 1.1 reads 017 as the octal number 15; write 17"),
    ("octal-0o", "likelihood: 4", "likelihood: 0o4", r"10:19: .*got '0o4'; YAML 1.1 reads 0o4 as text; write the number 4"),
    ("no", "title: Hostile input test", "title: no", r"2:8: title: must be text, got false; YAML 1.1 reads no as false; quote it \('no'\)"),
    ("on-as-key", "      impact: 5", "      impact: 5\n      on: 1", r"12:7: threats.factors\[0\].True: unknown key 'True'.*; YAML 1.1 reads on as true"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "expected"), [pytest.param(o, n, e, id=i) for i, o, n, e in YAML11]
)
def test_yaml11_surprise_is_explained(tmp_path: Path, old: str, new: str, expected: str) -> None:
    source = tmp_path / "y.yaml"
    source.write_bytes(edit(old, new))
    out = tmp_path / "out"
    line = one_failure(run("build", "-j", "1", "-o", str(out), str(source)), str(source))
    assert re.fullmatch(re.escape(f"{source}:") + expected + ".*", line), line


def test_year_after_2107_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "d.yaml"
    source.write_bytes(edit("date: 2026-11-26", "date: 2108-01-01").replace(b"2029", b"2110"))
    out = tmp_path / "out"
    line = one_failure(run("build", "-j", "1", "-o", str(out), str(source)), str(source))
    assert line == (
        f"{source}:3:7: date: must be a date no later than 2107-12-31 "
        "(the last year a PowerPoint file can store), got 2108-01-01"
    )
    assert nothing_written(out)


@pytest.mark.parametrize("epoch", ["4354819200", "-1", "soon", "99999999999999999999"])
def test_source_date_epoch_out_of_range_is_a_usage_error(tmp_path: Path, epoch: str) -> None:
    source = tmp_path / "ok.yaml"
    source.write_bytes(BASE.encode())
    out = tmp_path / "out"
    done = run("build", "-j", "1", "-o", str(out), str(source), env={"SOURCE_DATE_EPOCH": epoch})
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "reportgen: SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to 4354819199 "
        f"(2107-12-31T23:59:59Z), got {epoch!r}"
    ]
    assert nothing_written(out)


# --- paths ------------------------------------------------------------------------------------


def test_previous_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("api_password: hunter2\n")
    data = tmp_path / "data"
    (data / "archive").mkdir(parents=True)
    (data / "archive" / "old.yaml").symlink_to(secret)
    source = data / "b.yaml"
    source.write_bytes(edit("title: Hostile input test", "title: T\nprevious: archive/old.yaml"))
    out = tmp_path / "out"
    line = one_failure(run("build", "-j", "1", "-o", str(out), str(source)), str(source))
    assert line == (
        f"{source}:3:11: previous: {data}/archive/old.yaml: a symbolic link to a file outside "
        f"{data}/; not read"
    )
    assert "api_password" not in line
    assert nothing_written(out)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "briefing-link-out"])
def test_briefing_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / "b.yaml"
    if kind == "fifo":
        os.mkfifo(source)
        message = "not a regular file; not read"
    elif kind == "dev-zero":
        source.symlink_to("/dev/zero")
        message = "a symbolic link to a file outside"
    else:
        (tmp_path / "elsewhere.yaml").write_bytes(BASE.encode())
        source.symlink_to(tmp_path / "elsewhere.yaml")
        message = "a symbolic link to a file outside"
    out = tmp_path / "out"
    line = one_failure(run("build", "-j", "1", "-o", str(out), str(source)), str(source))
    assert line.startswith(f"{source}: {message}"), line
    assert nothing_written(out)


def test_dev_zero_in_place_is_refused_quickly() -> None:
    done = run("diff", "/dev/zero", "/dev/zero")
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["/dev/zero: not a regular file; not read"] * 2


def test_manifest_naming_a_fifo_never_hangs(tmp_path: Path) -> None:
    source = tmp_path / "b.yaml"
    source.write_bytes(BASE.encode())
    out = tmp_path / "out"
    assert run("build", "-j", "1", "-f", "pdf", "-o", str(out), str(source)).returncode == 0
    manifest = out / ".reportgen" / "manifest.json"
    fifo = tmp_path / "cache-input"
    os.mkfifo(fifo)
    text = manifest.read_text().replace('"extra_inputs": []', f'"extra_inputs": ["{fifo}"]')
    manifest.write_text(text)
    done = run("build", "-j", "1", "-f", "pdf", "--check", "-o", str(out), str(source))
    assert done.returncode == 3, done.stderr


def test_new_never_follows_a_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    outside = tmp_path / "outside.yaml"
    (tmp_path / "data" / "n.yaml").symlink_to(outside)
    done = run("new", "n", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["data/n.yaml: already exists; not overwritten"]
    assert not outside.exists()


@pytest.mark.parametrize("kind", ["file-link", "loop-link", "fifo"])
def test_templates_new_copies_no_links(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "theme.yaml").write_text("name: src\n")
    if kind == "file-link":
        (src / "passwd").symlink_to("/etc/passwd")
        bad, message = src / "passwd", "is a symbolic link; templates are copied without links"
    elif kind == "loop-link":
        (src / "a").symlink_to(".")
        bad, message = src / "a", "is a symbolic link; templates are copied without links"
    else:
        os.mkfifo(src / "f")
        bad, message = src / "f", "is not a regular file or folder; not copied"
    done = run("templates", "new", "x", "--from", str(src), cwd=tmp_path)
    assert (done.returncode, done.stderr.splitlines()) == (1, [f"{bad}: {message}"])
    assert not (tmp_path / "templates" / "x").exists()

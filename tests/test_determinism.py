"""Byte-identical outputs whatever the clock, time zone, folder or job count (docs/ci.md)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from tests.conftest import EXAMPLE, ROOT

if TYPE_CHECKING:
    from pathlib import Path


def _build(cwd: Path, out: Path, *extra: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "reportgen", "build", "-q", "-o", str(out), *extra],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(changes)
    return env


def test_two_builds_in_other_processes_give_identical_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    two.mkdir()
    shutil.copytree(EXAMPLE.parent, one / "data")  # the example and its previous edition
    _build(one, tmp_path / "out-a", "-j", "1", "data", env=_env(TZ="Pacific/Kiritimati"))
    time.sleep(1.1)  # a different wall-clock second must not leak in
    _build(two, tmp_path / "out-b", "-j", "2", str(EXAMPLE), env=_env(TZ="America/Los_Angeles"))
    for name in ("western-balkans.pdf", "western-balkans.pptx"):
        a = (tmp_path / "out-a" / name).read_bytes()
        b = (tmp_path / "out-b" / name).read_bytes()
        assert a == b, name


def test_word_memo_and_chart_images_are_identical_across_processes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    two.mkdir()
    shutil.copytree(EXAMPLE.parent, one / "data")
    formats = ("-f", "docx", "-f", "charts")
    _build(one, tmp_path / "out-a", *formats, "data", env=_env(TZ="Pacific/Kiritimati"))
    time.sleep(1.1)
    _build(two, tmp_path / "out-b", *formats, str(EXAMPLE), env=_env(TZ="America/Los_Angeles"))
    names = ["western-balkans.docx"]
    names += [
        f"western-balkans/charts/{p.name}"
        for p in (tmp_path / "out-a/western-balkans/charts").iterdir()
    ]
    assert len(names) == 9
    for name in names:
        assert (tmp_path / "out-a" / name).read_bytes() == (
            tmp_path / "out-b" / name
        ).read_bytes(), name


def test_source_date_epoch_sets_the_document_dates(tmp_path: Path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    epoch = 1_700_000_000
    _build(ROOT, tmp_path, str(EXAMPLE), env=_env(SOURCE_DATE_EPOCH=str(epoch)))
    expected = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    info = PdfReader(tmp_path / "western-balkans.pdf").metadata
    assert info is not None
    assert info.creation_date is not None
    assert info.creation_date.astimezone(dt.UTC) == expected
    props = Presentation(str(tmp_path / "western-balkans.pptx")).core_properties
    assert props.created == expected.replace(tzinfo=None)
    assert props.modified == expected.replace(tzinfo=None)


def test_without_epoch_the_briefing_date_is_the_timestamp(tmp_path: Path) -> None:
    from pypdf import PdfReader

    _build(ROOT, tmp_path, str(EXAMPLE), env=_env())
    info = PdfReader(tmp_path / "western-balkans.pdf").metadata
    assert info is not None
    assert info.creation_date is not None
    assert info.creation_date.astimezone(dt.UTC) == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)

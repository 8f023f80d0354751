"""A master deck's package, checked before python-pptx inflates any part (docs/refused.md).

The zip directory says how large every part would be: a small master that inflates to
gigabytes, a package of many thousand parts, a relationship to a part that is not there or
a slide size PowerPoint refuses are found here, at template load, so that `templates check`
and `build` fail alike with one located line. What is stripped rather than refused
(external relationships, macros, ActiveX, OLE objects, comments) is stripped by the deck
renderer when it opens the master.
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

from reportgen.source.files import FileRefused, read_bounded

if TYPE_CHECKING:
    from pathlib import Path
    from xml.etree.ElementTree import Element

MAX_MASTER_BYTES = 100 * 1024 * 1024  # the .pptx/.potx file itself
MAX_PART_BYTES = 64 * 1024 * 1024  # one part, inflated
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # every part, inflated
MAX_PARTS = 2000
MAX_RATIO = 100  # inflated / compressed, for parts over 1 MB inflated
# PowerPoint accepts slide sides from 1 inch to 56 inches (914400 EMU per inch).
MIN_SIDE_EMU, MAX_SIDE_EMU = 914_400, 51_206_400

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PML_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_OFFICE_DOCUMENT = "/officeDocument"


class PackageProblem(Exception):  # noqa: N818 - a reason, located by the caller at deck.master
    """The master cannot be used; the message says why."""


def check_package(data: bytes, *, word: bool = False) -> None:
    """Raise PackageProblem for the first thing that stops ``data`` being a usable master.

    With ``word`` the package is a Word reference document (.docx/.dotx) instead: the same
    zip and relationship checks, no slide size.
    """
    app, endings = ("Word", ".docx or .dotx") if word else ("PowerPoint", ".pptx or .potx")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageProblem(f"not a zip archive, so not a {endings}") from None
    with archive:
        names = _directory(archive)
        if "[Content_Types].xml" not in names:
            raise PackageProblem(f"not a {app} package: [Content_Types].xml is missing")
        main = None
        for rels in sorted(n for n in names if n.endswith(".rels")):
            source = _source_of(rels)
            if source != "" and source not in names:
                continue  # relationships of a part that is not there: never read
            for rel in _relationships(archive, rels):
                if rel.get("TargetMode") == "External":
                    continue  # stripped when the deck opens the master
                target = resolve_target(source, rel.get("Target", ""))
                if target not in names:
                    raise PackageProblem(
                        f"part {rels!r} has a relationship {rel.get('Id')!r} to a part that "
                        f"is not in the package: {target!r}"
                    )
                if source == "" and rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                    main = target
        if main is None:
            raise PackageProblem(f"not a {app} package: no main document part")
        if not word:
            _check_slide_size(_parse(archive, main), main)


def _directory(archive: zipfile.ZipFile) -> set[str]:
    """Part names, after checking sizes and counts from the directory alone."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise PackageProblem(f"the package has {len(infos):,} parts; at most {MAX_PARTS:,}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise PackageProblem(f"part {info.filename!r} is encrypted")
        if info.file_size > MAX_PART_BYTES:
            raise PackageProblem(
                f"part {info.filename!r} inflates to {info.file_size:,} bytes; "
                f"at most {MAX_PART_BYTES // 2**20} MB per part"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 2**20 and ratio > MAX_RATIO:
            raise PackageProblem(
                f"part {info.filename!r} inflates {ratio:,.0f} times (a zip bomb?); "
                f"at most {MAX_RATIO} times"
            )
    if total > MAX_TOTAL_BYTES:
        raise PackageProblem(
            f"the package inflates to {total:,} bytes; at most {MAX_TOTAL_BYTES // 2**20} MB"
        )
    return {i.filename for i in infos}


def _source_of(rels: str) -> str:
    """The part a relationships part belongs to: ``ppt/_rels/x.xml.rels`` → ``ppt/x.xml``."""
    folder, name = posixpath.split(rels)
    if posixpath.basename(folder) != "_rels":
        return rels  # not a relationships part; treated as its own source (never a match)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def resolve_target(source: str, target: str) -> str:
    """A relationship's target as a part name in the zip."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _relationships(archive: zipfile.ZipFile, rels: str) -> list[Element]:
    return list(_parse(archive, rels).iter(f"{{{_RELS_NS}}}Relationship"))


def read_master(path: Path) -> bytes:
    """The master's bytes, read with the size bound; PackageProblem when it cannot be."""
    try:
        data = read_bounded(path, MAX_MASTER_BYTES)
    except FileRefused as exc:
        raise PackageProblem(str(exc)) from None
    if len(data) > MAX_MASTER_BYTES:
        raise PackageProblem(f"larger than {MAX_MASTER_BYTES // 2**20} MB")
    return data


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    # ElementTree, not lxml: `reportgen templates` loads templates and must stay light. Its
    # expat refuses entity amplification and never fetches anything.
    from xml.etree import ElementTree

    try:
        return ElementTree.fromstring(archive.read(name))
    except (ElementTree.ParseError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise PackageProblem(f"part {name!r} is damaged: {exc}") from None


def _check_slide_size(presentation: Element, name: str) -> None:
    size = presentation.find(f"{{{_PML_NS}}}sldSz")
    if size is None:
        return  # PowerPoint's default size applies
    sides = [size.get("cx", ""), size.get("cy", "")]
    ok = all(s.isdigit() and MIN_SIDE_EMU <= int(s) <= MAX_SIDE_EMU for s in sides)
    if not ok:
        raise PackageProblem(
            f"slide size {sides[0]}×{sides[1]} EMU in {name!r} is outside what PowerPoint "
            f"accepts ({MIN_SIDE_EMU:,} to {MAX_SIDE_EMU:,} EMU, 1 to 56 inches, per side)"
        )

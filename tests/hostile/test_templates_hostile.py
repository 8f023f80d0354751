"""Hostile templates: masters, fonts and logos made from the shipped ones by zip edits and byte
flips. `templates check` passes exactly when `build` succeeds; a failure is the same single
located line in both, with nothing written, under the suite's CPU and memory limits.
"""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from io import BytesIO
from typing import TYPE_CHECKING

import pytest

from reportgen.theming.catalog import PACKAGE_TEMPLATES
from reportgen.theming.families import bundled_face as builtin_face
from tests.hostile.test_hostile import BASE
from tests.hostile.test_text_and_paths import nothing_written, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

HARBOUR = PACKAGE_TEMPLATES / "harbour"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # Harbour Text: the content role
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
PRES_RELS = "ppt/_rels/presentation.xml.rels"


def rezip(data: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """``data`` (a zip) with its parts edited in a dict, order kept, new parts last."""
    with zipfile.ZipFile(BytesIO(data)) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    edit(parts)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue()


def add_rel(
    parts: dict[str, bytes], rels: str, rid: str, kind: str, target: str, ext: bool
) -> None:
    mode = ' TargetMode="External"' if ext else ""
    rel = f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'
    parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def in_layout(parts: dict[str, bytes], xml: str) -> None:
    parts[LAYOUT] = parts[LAYOUT].replace(b"</p:spTree>", xml.encode() + b"</p:spTree>", 1)


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Write ``size`` as the inflated size of ``name`` in the zip's central directory."""
    at = data.index(b"PK\x01\x02")
    while True:
        (length,) = struct.unpack("<H", data[at + 28 : at + 30])
        if data[at + 46 : at + 46 + length] == name.encode():
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at = data.index(b"PK\x01\x02", at + 4)


def shipped_master() -> bytes:
    return (HARBOUR / "master.pptx").read_bytes()


# --- masters refused: check and build fail with the same line ---------------------------------


def _bomb() -> bytes:
    data = rezip(shipped_master(), lambda p: p.__setitem__("ppt/media/unused.bin", b"x" * 1000))
    return lie_about_size(data, "ppt/media/unused.bin", 3_000_000_000)


def _ratio() -> bytes:
    return rezip(
        shipped_master(),
        lambda p: p.__setitem__(
            "ppt/theme/theme1.xml", p["ppt/theme/theme1.xml"] + b" " * 5_000_000
        ),
    )


def _many() -> bytes:
    return rezip(shipped_master(), lambda p: p.update({f"junk/{i}.bin": b"" for i in range(2001)}))


def _dangling(parts: dict[str, bytes]) -> None:
    add_rel(parts, PRES_RELS, "rId99", "image", "media/gone.png", ext=False)


def _size(cx: int, cy: int) -> Callable[[dict[str, bytes]], None]:
    def edit(parts: dict[str, bytes]) -> None:
        xml = parts["ppt/presentation.xml"]
        parts["ppt/presentation.xml"] = re.sub(
            rb'<p:sldSz cx="\d+" cy="\d+"', f'<p:sldSz cx="{cx}" cy="{cy}"'.encode(), xml
        )

    return edit


def _no_title(parts: dict[str, bytes]) -> None:
    parts[LAYOUT] = parts[LAYOUT].replace(b'<p:ph type="title"/>', b'<p:ph type="body" idx="9"/>')


REFUSED_MASTERS = {
    "unused-3GB-entry": (_bomb, r"cannot open master.pptx: part 'ppt/media/unused.bin' inflates to 3,000,000,000 bytes; at most 64 MB per part"),
    "inflation-ratio": (_ratio, r"cannot open master.pptx: part 'ppt/theme/theme1.xml' inflates \d+ times \(a zip bomb\?\)"),
    "too-many-parts": (_many, r"cannot open master.pptx: the package has 2,02\d parts; at most 2,000"),
    "dangling-relationship": (lambda: rezip(shipped_master(), _dangling), r"cannot open master.pptx: part 'ppt/_rels/presentation.xml.rels' has a relationship 'rId99' to a part that is not in the package: 'ppt/media/gone.png'"),
    "slide-size-0x0": (lambda: rezip(shipped_master(), _size(0, 0)), r"cannot open master.pptx: slide size 0×0 EMU in 'ppt/presentation.xml' is outside what PowerPoint accepts"),
    "slide-size-60in": (lambda: rezip(shipped_master(), _size(54_864_000, 6_858_000)), r"cannot open master.pptx: slide size 54864000×6858000 EMU"),
    "not-a-zip": (lambda: b"PK\x03\x04 not really", r"cannot open master.pptx: not a zip archive"),
}  # fmt: skip


def template(tmp_path: Path, **files: bytes) -> Path:
    """A copy of harbour with some files replaced."""
    folder = tmp_path / "tpl"
    shutil.copytree(HARBOUR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    for name, data in files.items():
        (folder / name.replace("_", ".")).write_bytes(data)
    return folder


def check_and_build(tmp_path: Path, folder: Path) -> tuple[list[str], list[str], Path]:
    """``templates check`` lines and ``build`` lines (both must exit alike), and the out dir."""
    source = tmp_path / "b.yaml"
    source.write_bytes(BASE.encode())
    out = tmp_path / "out"
    check = run("templates", "check", str(folder))
    build = run("build", "-j", "1", "-o", str(out), "-t", str(folder), str(source))
    for done in (check, build):
        assert "Traceback" not in done.stderr + done.stdout
    assert (check.returncode == 0) == (build.returncode == 0), (check.stderr, build.stderr)
    if build.returncode == 0:
        return [], [], out
    assert (check.returncode, build.returncode) == (1, 1)
    build_lines = build.stderr.splitlines()
    assert build_lines[0] == f"failed     {source}"
    return check.stderr.splitlines(), build_lines[1:], out


@pytest.mark.parametrize(
    ("make", "expected"), [pytest.param(m, e, id=i) for i, (m, e) in REFUSED_MASTERS.items()]
)
def test_hostile_master_fails_check_and_build_alike(
    tmp_path: Path, make: Callable[[], bytes], expected: str
) -> None:
    folder = template(tmp_path, master_pptx=make())
    check, build, out = check_and_build(tmp_path, folder)
    assert check == build, (check, build)
    assert len(check) == 1, check
    where = re.escape(f"{folder}/theme.yaml:") + r"\d+:\d+: deck.master: "
    assert re.fullmatch(where + expected + ".*", check[0]), check[0]
    assert nothing_written(out)


def test_missing_title_placeholder_fails_check_and_build_alike(tmp_path: Path) -> None:
    folder = template(tmp_path, master_pptx=rezip(shipped_master(), _no_title))
    check, build, out = check_and_build(tmp_path, folder)
    assert check == build
    assert len(check) == 1, check
    assert check[0].startswith(f"{folder}/theme.yaml:")
    assert check[0].endswith(
        "deck.layouts.content: layout 'Harbour Text' has no title placeholder; "
        "role 'content' needs one"
    )
    assert nothing_written(out)


# --- fonts and logos ----------------------------------------------------------------------------


def _flipped_dejavu() -> bytes:
    data = bytearray(builtin_face("DejaVu Sans").regular.read_bytes())
    data[len(data) // 2] ^= 0x10  # one bit, inside the glyph outlines
    return bytes(data)


def _cff_font() -> bytes:
    return b"OTTO" + _flipped_dejavu()[4:]


FONT_FILES = "fonts:\n  files:\n    regular: face.ttf\n"
BAD_FONTS = {
    "not-a-font": (b"<html>404 Not Found</html>\n", "face.ttf is not a TrueType font"),
    "cff-otf": (_cff_font(), "face.ttf is an OpenType font with CFF (PostScript) outlines"),
    "bit-flipped-dejavu": (_flipped_dejavu(), "face.ttf is damaged: table 'glyf' does not match its checksum"),
    "empty": (b"", "face.ttf is not a TrueType font"),
    "truncated": (builtin_face("DejaVu Sans").regular.read_bytes()[:5000], "face.ttf is damaged: table"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"), [pytest.param(d, e, id=i) for i, (d, e) in BAD_FONTS.items()]
)
def test_bad_font_fails_check_and_build_alike(tmp_path: Path, data: bytes, expected: str) -> None:
    folder = template(tmp_path, face_ttf=data)
    theme = folder / "theme.yaml"
    theme.write_text(theme.read_text().replace("fonts:\n", FONT_FILES, 1))
    check, build, out = check_and_build(tmp_path, folder)
    assert check == build
    assert len(check) == 1, check
    assert re.fullmatch(
        re.escape(f"{theme}:") + r"\d+:\d+: fonts.files.regular: " + re.escape(expected) + ".*",
        check[0],
    ), check[0]
    assert nothing_written(out)


def _png() -> bytes:
    return (HARBOUR / "logo.png").read_bytes()


def _webp() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8)).save(out, "WEBP")
    return out.getvalue()


def _resized_png(width: int, height: int) -> bytes:
    """The shipped logo claiming other dimensions (header checksum made right)."""
    png = _png()
    header = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]


BAD_LOGOS = {
    "empty": (b"", "logo.png is empty; a logo is a PNG or JPEG image"),
    "truncated": (_png()[: len(_png()) // 2], "logo.png is a damaged image"),
    "corrupt": (_png()[:100] + bytes(200) + _png()[300:], "logo.png is a damaged image"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "logo.png is not an image reportgen can read; a logo must be PNG or JPEG"),
    "webp": (_webp(), "logo.png is a WEBP image; a logo must be PNG or JPEG"),
    "many-pixels": (_resized_png(6000, 6000), "logo.png is 6000×6000 pixels; a logo may have at most 25,000,000 pixels"),
    "pixel-bomb": (_resized_png(60000, 60000), "logo.png has far more than 25,000,000 pixels"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"), [pytest.param(d, e, id=i) for i, (d, e) in BAD_LOGOS.items()]
)
def test_bad_logo_fails_check_and_build_alike(tmp_path: Path, data: bytes, expected: str) -> None:
    folder = template(tmp_path, logo_png=data)
    check, build, out = check_and_build(tmp_path, folder)
    assert check == build
    assert len(check) == 1, check
    prefix = re.escape(f"{folder}/theme.yaml:") + r"\d+:\d+: logo: "
    assert re.fullmatch(prefix + re.escape(expected) + ".*", check[0]), check[0]
    assert nothing_written(out)


def test_extends_deeper_than_10_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "templates"
    for i in range(12):
        (base / f"t{i}").mkdir(parents=True)
        parent = f"extends: t{i + 1}\n" if i < 11 else ""
        (base / f"t{i}" / "theme.yaml").write_text(f"name: t{i}\n{parent}")
    done = run("templates", "check", "t0", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{base}/t10/theme.yaml:2:10: extends: templates extend each other more than "
        "10 deep; at most 10"
    ]


# --- masters stripped: check passes, build succeeds, and the deck carries none of it -----------

SOURCE_URL = "https://example.org/a"  # BASE's one source link
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def _everything_hostile(parts: dict[str, bytes]) -> None:
    """A master with a tracking image, a file: link, a macro, ActiveX, OLE and comments."""
    add_rel(parts, LAYOUT_RELS, "rId90", "image", "http://attacker.example/track.png", ext=True)
    add_rel(parts, LAYOUT_RELS, "rId91", "hyperlink", "file:///etc/passwd", ext=True)
    add_rel(parts, LAYOUT_RELS, "rId92", "control", "../activeX/activeX1.xml", ext=False)
    add_rel(parts, LAYOUT_RELS, "rId93", "oleObject", "../embeddings/oleObject1.bin", ext=False)
    pic = (
        '<p:pic><p:nvPicPr><p:cNvPr id="90" name="Beacon"><a:hlinkClick r:id="rId91"/>'
        '</p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="rId90"/>'
        '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</p:spPr></p:pic>"
    )
    ole = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="91" name="Object"/>'
        '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="9525" cy="9525"/></p:xfrm><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        '<p:oleObj r:id="rId93" progId="Package"><p:embed/></p:oleObj>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )
    in_layout(parts, pic + ole)
    parts[LAYOUT] = parts[LAYOUT].replace(
        b"</p:cSld>",
        b'<p:controls><p:control r:id="rId92" name="X" spid="_x0000_s1"/></p:controls></p:cSld>',
        1,
    )
    parts["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>'
    parts["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 OLE"
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    add_rel(parts, PRES_RELS, "rId94", "vbaProject", "vbaProject.bin", ext=False)
    add_rel(parts, PRES_RELS, "rId95", "commentAuthors", "commentAuthors.xml", ext=False)
    parts["ppt/commentAuthors.xml"] = (
        b'<?xml version="1.0"?><p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/'
        b'presentationml/2006/main"><p:cmAuthor id="0" name="Mallory" initials="M" lastIdx="1"'
        b' clrIdx="0"/></p:cmAuthorLst>'
    )
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>",
        b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/'
        b'vnd.ms-office.vbaProject"/>'
        b'<Override PartName="/ppt/commentAuthors.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/></Types>',
    ).replace(  # saved as a macro-enabled deck, as PowerPoint does when a macro is added
        b"vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    )


ALLOWED_TYPES = re.compile(
    r"application/(vnd\.openxmlformats-(officedocument|package)\.[\w.+-]+"
    r"|xml|vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)"
    r"|image/(png|jpeg)"
)


def test_deck_on_a_hostile_master_carries_none_of_it(tmp_path: Path) -> None:
    folder = template(tmp_path, master_pptx=rezip(shipped_master(), _everything_hostile))
    check = run("templates", "check", str(folder))
    assert check.returncode == 0, check.stderr
    source = tmp_path / "b.yaml"
    source.write_bytes(BASE.encode())
    out = tmp_path / "out"
    done = run("build", "-j", "1", "-f", "pptx", "-o", str(out), "-t", str(folder), str(source))
    assert done.returncode == 0, done.stderr
    from lxml import etree

    with zipfile.ZipFile(out / "b.pptx") as deck:
        names = deck.namelist()
        external = set()
        for rels in (n for n in names if n.endswith(".rels")):
            for rel in etree.fromstring(deck.read(rels)):
                if rel.get("TargetMode") == "External":
                    assert rel.get("Type") == f"{R}/hyperlink", (rels, rel.attrib)
                    external.add(rel.get("Target"))
        xml = b"".join(deck.read(n) for n in names if n.endswith(".xml"))
        types = etree.fromstring(deck.read("[Content_Types].xml"))
        content_types = {t.get("ContentType") for t in types}
    assert external == {SOURCE_URL}
    assert not [n for n in names if re.search(r"vba|activeX|embeddings/ole|comment", n, re.I)]
    for marker in (b"attacker.example", b"file:///", b"oleObj", b"p:controls", b"r:link"):
        assert marker not in xml, marker
    assert content_types, "no content types"
    assert all(ALLOWED_TYPES.fullmatch(t or "") for t in content_types), content_types
    assert not any("macroEnabled" in (t or "") for t in content_types)

"""A master's package made safe to copy into every deck (docs/refused.md).

Stripped before python-pptx reads it: every external relationship (tracking images,
``file:`` links), macros, ActiveX controls, OLE objects, comments and slide jumps, with the
XML that points at them. python-pptx copies only the parts relationships reach, so a part
whose relationship is gone never reaches a deck. A .potx (or a macro-enabled deck) becomes a
plain deck by its main content type. The package was checked at template load
(theming/package.py), so sizes and targets are known to be sane here.
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Relationship types (their last path segment) that never travel into a deck.
_DROPPED_TYPES = {
    "vbaProject",
    "control",
    "activeXControl",
    "activeXControlBinary",
    "oleObject",
    "package",
    "comments",
    "commentAuthors",
    "authors",
    "slide",  # a layout's jump to an example slide would carry that slide along
}
_MAIN_TYPES = {
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def safe_parser() -> object:
    """An lxml parser that resolves no entity and fetches nothing (python-pptx's settings)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def clean_master(data: bytes) -> bytes:
    """The master's bytes with everything a deck must not carry taken out."""
    with zipfile.ZipFile(BytesIO(data)) as src:
        names = set(src.namelist())
        changed: dict[str, bytes] = {}
        for rels in sorted(n for n in names if n.endswith(".rels")):
            source = _source_of(rels)
            # Only a layout's or master's jump to a slide goes; the deck drops the slides itself.
            jumps = "/slideLayouts/" in source or "/slideMasters/" in source
            kept, dropped = _split(src.read(rels), jumps)
            if not dropped:
                continue
            changed[rels] = kept
            if source in names and source.endswith(".xml"):
                changed[source] = _unlink(src.read(source), dropped)
        types = src.read("[Content_Types].xml")
        for main in _MAIN_TYPES:
            types = types.replace(main, _DECK_TYPE)
        changed["[Content_Types].xml"] = types
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, changed.get(item.filename) or src.read(item))
    return out.getvalue()


def _source_of(rels: str) -> str:
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _split(body: bytes, drop_slides: bool) -> tuple[bytes, set[str]]:
    """The relationships part without the dropped relationships, and their ids."""
    from lxml import etree

    root = etree.fromstring(body, parser=safe_parser())
    dropped: set[str] = set()
    for rel in list(root.iter(f"{{{_RELS_NS}}}Relationship")):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        external = rel.get("TargetMode") == "External"
        if external or (kind in _DROPPED_TYPES and (drop_slides or kind != "slide")):
            dropped.add(rel.get("Id", ""))
            parent = rel.getparent()
            if parent is not None:
                parent.remove(rel)
    if not dropped:
        return body, dropped
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), dropped


def _unlink(body: bytes, dropped: set[str]) -> bytes:
    """A part's XML without the elements and references that used dropped relationships."""
    from lxml import etree

    root = etree.fromstring(body, parser=safe_parser())
    for tag in (f"{{{_P_NS}}}controls", f"{{{_P_NS}}}oleObj"):
        for element in list(root.iter(tag)):
            _remove_whole(element)
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name.startswith(f"{{{_R_NS}}}") and value in dropped:
                del element.attrib[name]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _remove_whole(element: _Element) -> None:
    """Remove an OLE object's or control's whole shape, with any mc:AlternateContent."""
    target = element
    for ancestor in element.iterancestors():
        if ancestor.tag in (f"{{{_P_NS}}}graphicFrame", f"{{{_MC_NS}}}AlternateContent"):
            target = ancestor
        if ancestor.tag in (f"{{{_P_NS}}}spTree", f"{{{_P_NS}}}grpSp"):
            break
    if target is element and element.tag == f"{{{_P_NS}}}oleObj":
        return  # not inside a shape we understand; its relationship is gone anyway
    parent = target.getparent()
    if parent is not None:
        parent.remove(target)

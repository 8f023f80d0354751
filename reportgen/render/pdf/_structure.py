"""The structure tree, ParentTree, page entries and XMP metadata of the tagged memo.

Written with reportlab's own PDF objects when the canvas saves, so tagging costs no second
pass over the file (docs/accessibility.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

from reportgen.render.pdf._reportlab import pages, register, set_page_entries
from reportgen.render.pdf._tags import Annot, Content, Node

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFObjectReference
    from reportlab.pdfgen.canvas import Canvas

    from reportgen.render.pdf._tags import Tagger


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the XMP packet says about the memo (the same as the document information)."""

    title: str
    subject: str
    author: str
    lang: str
    producer: str
    stamp: dt.datetime


def write_structure(canv: Canvas, tagger: Tagger, meta: Metadata) -> None:
    """Add the structure tree, /MarkInfo, page /StructParents and /Tabs, and XMP."""
    _adopt_orphans(tagger)
    page_refs = [register(canv, page) for page in pages(canv)]
    nodes = list(tagger.root.nodes())
    dicts = {id(n): PDFDictionary() for n in nodes}
    refs = {id(n): register(canv, dicts[id(n)]) for n in nodes}
    tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = register(canv, tree)
    for node in nodes:
        parent = refs[id(node.parent)] if node.parent is not None else tree_ref
        dicts[id(node)].dict.update(_element(node, parent, refs, page_refs))
    nums: list[tuple[int, Any]] = [
        (key, PDFArray([refs[id(n)] for n in mcids]))
        for key, mcids in zip(tagger.page_keys, tagger.pages, strict=True)
    ]
    nums += [(key, refs[id(node)]) for key, node in tagger.links]
    nums.sort(key=lambda kv: kv[0])
    tree.dict.update(
        {
            "K": refs[id(tagger.root)],
            "ParentTree": PDFDictionary({"Nums": PDFArray([x for kv in nums for x in kv])}),
            "ParentTreeNextKey": max((k for k, _ in nums), default=-1) + 1,
        }
    )
    for page, key in zip(pages(canv), tagger.page_keys, strict=True):
        set_page_entries(page, StructParents=key, Tabs=PDFName("S"))
    canv.setCatalogEntry("StructTreeRoot", tree)
    canv.setCatalogEntry("MarkInfo", {"Marked": "true"})
    canv.setCatalogEntry("Metadata", _xmp(meta))


def _adopt_orphans(tagger: Tagger) -> None:
    """Content whose node never reached the tree (a safety net) is read at the end."""
    reached = {id(n) for n in tagger.root.nodes()}
    for page in tagger.pages:
        for node in page:
            if id(node) not in reached:
                top = node.top()
                tagger.root.append(top)
                reached.update(id(n) for n in top.nodes())


def _element(
    node: Node,
    parent: PDFObjectReference,
    refs: dict[int, PDFObjectReference],
    page_refs: list[PDFObjectReference],
) -> dict[str, Any]:
    pages_of = [k.page for k in node.kids if isinstance(k, Content | Annot)]
    home = pages_of[0] if pages_of else None
    kids: list[Any] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Content) and kid.page == home:
            kids.append(kid.mcid)
        elif isinstance(kid, Content):
            kids.append(
                PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[kid.page], "MCID": kid.mcid})
            )
        else:
            kids.append(
                PDFDictionary({"Type": PDFName("OBJR"), "Obj": kid.ref, "Pg": page_refs[kid.page]})
            )
    entry: dict[str, Any] = {"Type": PDFName("StructElem"), "S": PDFName(node.role), "P": parent}
    if kids:
        entry["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    if home is not None:
        entry["Pg"] = page_refs[home]
    if node.alt is not None:
        entry["Alt"] = PDFString(node.alt)
    attrs = _attributes(node)
    if attrs is not None:
        entry["A"] = attrs
    return entry


def _attributes(node: Node) -> PDFDictionary | None:
    if "Scope" in node.attrs:
        scope = PDFName(node.attrs["Scope"])
        return PDFDictionary({"O": PDFName("Table"), "Scope": scope})
    if "BBox" in node.attrs:
        box = PDFArray(node.attrs["BBox"])
        return PDFDictionary({"O": PDFName("Layout"), "BBox": box, "Placement": PDFName("Block")})
    return None


def _xmp(meta: Metadata) -> PDFStream:
    """An uncompressed XMP packet (PDF/UA identification, title, language, dates)."""
    date = meta.stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    e = escape
    author = (
        f"<dc:creator><rdf:Seq><rdf:li>{e(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
        if meta.author
        else ""
    )
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta.subject)}</rdf:li></rdf:Alt>
</dc:description>
{author}
<dc:language><rdf:Bag><rdf:li>{e(meta.lang)}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{e(meta.producer)}</pdf:Producer>
<xmp:CreatorTool>{e(meta.producer)}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    stream = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    return PDFStream(stream, packet.encode("utf-8"))

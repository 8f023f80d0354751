"""The structure tree, ParentTree, page entries and XMP metadata of the tagged memo.

Written with reportlab's own PDF objects when the canvas saves, so tagging costs no second
pass over the file (docs/accessibility.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream, PDFString

from reportgen.render.pdf._reportlab import (
    formatted,
    pages,
    reference_bytes,
    set_page_entries,
)
from reportgen.render.pdf._tags import Annot, Content, Node

if TYPE_CHECKING:
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


class _Raw(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """A PDF object given as its bytes.

    The structure tree has an element per paragraph, cell and list label; reportlab's
    generic dictionaries sort and re-encode every key at save, which made tagging cost more
    than the rest of saving. Object numbers are fixed when an object is registered, so each
    element is written once, here, as bytes.
    """

    def __init__(self) -> None:
        self.data = b""

    def format(self, document: Any) -> bytes:
        return self.data


def write_structure(canv: Canvas, tagger: Tagger, meta: Metadata) -> None:
    """Add the structure tree, /MarkInfo, page /StructParents and /Tabs, and XMP."""
    _adopt_orphans(tagger)
    page_refs = [reference_bytes(canv, page) for page in pages(canv)]
    nodes = list(tagger.root.nodes())
    elems = [_Raw() for _ in nodes]
    refs = {id(n): reference_bytes(canv, e) for n, e in zip(nodes, elems, strict=True)}
    tree = _Raw()
    tree_ref = reference_bytes(canv, tree)
    for node, elem in zip(nodes, elems, strict=True):
        parent = refs[id(node.parent)] if node.parent is not None else tree_ref
        elem.data = _element(canv, node, parent, refs, page_refs)
    nums = [
        (key, b"[" + b" ".join(refs[id(n)] for n in mcids) + b"]")
        for key, mcids in zip(tagger.page_keys, tagger.pages, strict=True)
    ]
    nums += [(key, refs[id(node)]) for key, node in tagger.links]
    nums.sort(key=lambda kv: kv[0])
    next_key = max((k for k, _ in nums), default=-1) + 1
    tree.data = (
        b"<< /Type /StructTreeRoot /K %s\n/ParentTree << /Nums [%s ] >>\n/ParentTreeNextKey %d >>"
        % (refs[id(tagger.root)], b"".join(b"\n%d %s" % kv for kv in nums), next_key)
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
    canv: Canvas, node: Node, parent: bytes, refs: dict[int, bytes], page_refs: list[bytes]
) -> bytes:
    home = next((k.page for k in node.kids if isinstance(k, Content | Annot)), None)
    kids: list[bytes] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Content) and kid.page == home:
            kids.append(b"%d" % kid.mcid)
        elif isinstance(kid, Content):
            kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (page_refs[kid.page], kid.mcid))
        else:
            obj = formatted(canv, kid.ref)
            kids.append(b"<< /Type /OBJR /Obj %s /Pg %s >>" % (obj, page_refs[kid.page]))
    out = [b"<< /Type /StructElem /S /" + node.role.encode("ascii") + b" /P " + parent]
    if kids:
        out.append(b"\n/K [ " + b" ".join(kids) + b" ]")
    if home is not None:
        out.append(b" /Pg " + page_refs[home])
    if node.alt is not None:
        out.append(b"\n/Alt " + formatted(canv, PDFString(node.alt)))
    if "Scope" in node.attrs:
        out.append(b"\n/A << /O /Table /Scope /" + node.attrs["Scope"].encode("ascii") + b" >>")
    if "BBox" in node.attrs:
        box = " ".join(f"{v:.2f}" for v in node.attrs["BBox"]).encode("ascii")
        out.append(b"\n/A << /O /Layout /BBox [" + box + b"] /Placement /Block >>")
    out.append(b" >>")
    return b"".join(out)


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

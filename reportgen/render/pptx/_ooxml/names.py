"""DrawingML written with lxml directly: tag names, colours, fills and run text.

python-pptx's object API finds each child by walking the schema's successor list and
builds Clark names on every call (``qn``); on a deck of thousands of runs and shapes that
is most of the render. These helpers produce the same elements in schema order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeAlias

    from lxml.etree import _Element
    from pptx.opc.package import Part as _Part

    # For annotations outside this package, which may not import lxml or pptx.opc.
    Element: TypeAlias = _Element
    Part: TypeAlias = _Part

# Clark names, computed once: qn() costs a namespace lookup and a string build per call.
A_P = qn("a:p")
A_PPR = qn("a:pPr")
A_R = qn("a:r")
A_RPR = qn("a:rPr")
A_T = qn("a:t")
A_BR = qn("a:br")
A_FLD = qn("a:fld")
A_END_PARA_RPR = qn("a:endParaRPr")
A_LN_SPC = qn("a:lnSpc")
A_SPC_BEF = qn("a:spcBef")
A_SPC_AFT = qn("a:spcAft")
A_SPC_PCT = qn("a:spcPct")
A_SPC_PTS = qn("a:spcPts")
A_BU_CLR = qn("a:buClr")
A_BU_FONT = qn("a:buFont")
A_BU_NONE = qn("a:buNone")
A_BU_CHAR = qn("a:buChar")
A_BU_AUTO_NUM = qn("a:buAutoNum")
A_TAB_LST = qn("a:tabLst")
A_DEF_RPR = qn("a:defRPr")
A_EXT_LST = qn("a:extLst")
A_SOLID_FILL = qn("a:solidFill")
A_NO_FILL = qn("a:noFill")
A_SRGB_CLR = qn("a:srgbClr")
A_LATIN = qn("a:latin")
A_HLINK_CLICK = qn("a:hlinkClick")
A_LN = qn("a:ln")
A_XFRM = qn("a:xfrm")
A_OFF = qn("a:off")
A_EXT = qn("a:ext")
A_BODY_PR = qn("a:bodyPr")
A_NO_AUTOFIT = qn("a:noAutofit")
A_NORM_AUTOFIT = qn("a:normAutofit")
A_SP_AUTOFIT = qn("a:spAutoFit")
A_SCENE_3D = qn("a:scene3d")
A_SP_3D = qn("a:sp3d")
A_FLAT_TX = qn("a:flatTx")
A_TC_PR = qn("a:tcPr")
A_TBL_PR = qn("a:tblPr")
A_TBL_GRID = qn("a:tblGrid")
A_GRID_COL = qn("a:gridCol")
A_TR = qn("a:tr")
A_TC = qn("a:tc")
A_TX_BODY = qn("a:txBody")
P_FRAME_TBL = f"{qn('a:graphic')}/{qn('a:graphicData')}/{qn('a:tbl')}"  # find() paths
P_FRAME_EXT = f"{qn('p:xfrm')}/{qn('a:ext')}"
P_STYLE = qn("p:style")
P_EXT_LST = qn("p:extLst")
P_SP_PR = qn("p:spPr")
R_ID = qn("r:id")
P_SP = qn("p:sp")
SP_TREE = f"{qn('p:cSld')}/{qn('p:spTree')}"  # a slide's, layout's or master's shape tree
ANY_PH = f"*/{qn('p:nvPr')}/{qn('p:ph')}"  # the p:ph of a placeholder of any shape kind
SP_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"  # the p:ph of a p:sp placeholder
GRAPHIC_DATA = f"{qn('a:graphic')}/{qn('a:graphicData')}"
XFRM_PATHS = (f"{qn('p:spPr')}/{qn('a:xfrm')}", f"{qn('p:grpSpPr')}/{qn('a:xfrm')}", qn("p:xfrm"))
# What python-pptx iterates as a slide's shapes.
SHAPE_TAGS = tuple(
    qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart")
)

# python-pptx escapes control characters other than tab and newline as "_xHHHH_".
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def hex_rgb(colour: str) -> str:
    """'RRGGBB' in upper case, as python-pptx's RGBColor writes a '#rrggbb' theme colour."""
    return "".join(f"{int(colour.lstrip('#')[i : i + 2], 16):02X}" for i in (0, 2, 4))


def emu_str(points: float) -> str:
    """EMU of ``points`` as python-pptx's Pt() truncates it, as an attribute value."""
    return str(int(points * 12700))


def centipoints(points: float) -> str:
    """Hundredths of a point, as python-pptx's Pt(points).centipoints writes sizes."""
    return str(int(points * 12700) // 127)


def child(parent: _Element, tag: str, attrib: dict[str, str] | None = None) -> _Element:
    """A new last child of ``parent``."""
    return etree.SubElement(parent, tag, attrib)


def solid_fill(parent: _Element, colour: str) -> _Element:
    """Append ``<a:solidFill><a:srgbClr val=…/></a:solidFill>`` to ``parent``."""
    fill = etree.SubElement(parent, A_SOLID_FILL)
    etree.SubElement(fill, A_SRGB_CLR, val=hex_rgb(colour))
    return fill


def insert_before(parent: _Element, element: _Element, successors: Iterable[str]) -> None:
    """Insert ``element`` before the first child whose tag is in ``successors``, else append."""
    tags = frozenset(successors)
    for existing in parent:
        if existing.tag in tags:
            existing.addprevious(element)
            return
    parent.append(element)


def remove_tags(parent: _Element, tags: frozenset[str]) -> None:
    """Remove every child of ``parent`` whose tag is in ``tags``."""
    for existing in [c for c in parent if c.tag in tags]:
        parent.remove(existing)


def escape_text(text: str) -> str:
    """``text`` with control characters escaped as python-pptx writes run text."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(1)):04X}_"

"""How this template's master.pptx and logo.png were made (run once; the results are committed).

Usage: python templates/harbour/make_assets.py   (needs python-pptx and Pillow)
"""

from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

HERE = Path(__file__).resolve().parent
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Our own layout names: the theme maps the deck's roles to them.
NAMES = {
    "Title Slide": "Harbour Cover",
    "Section Header": "Harbour Divider",
    "Title and Content": "Harbour Text",
    "Two Content": "Harbour Two Columns",
    "Title Only": "Harbour Canvas",
}
COLOURS = {"dk2": "16424A", "lt2": "E8F1F2", "accent1": "1B7F8C", "accent2": "D9822B",
           "accent3": "4C6A78", "accent4": "8FB8C0", "accent5": "A23B3B", "accent6": "5E8C31"}


def make_master() -> None:
    prs = Presentation()
    scale = 13.333 / 10  # stretch the 4:3 default layouts to 16:9
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    master = prs.slide_master
    shapes = [*master.placeholders, *(p for lay in master.slide_layouts for p in lay.placeholders)]
    # Only shapes with their own position; the rest inherit the (scaled) master's.
    own = [(s, s.left, s.width) for s in shapes if s._element.spPr.find(f"{{{A}}}xfrm") is not None]
    for shape, left, width in own:
        shape.left, shape.width = Emu(int(left * scale)), Emu(int(width * scale))
    for layout in list(master.slide_layouts):
        if layout.name in NAMES:
            layout.name = NAMES[layout.name]
        else:
            master.slide_layouts.remove(layout)
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor(0xF7, 0xFA, 0xFA)
    theme = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    root = etree.fromstring(theme.blob)
    for name, hex_ in COLOURS.items():
        node = root.find(f".//{{{A}}}clrScheme/{{{A}}}{name}")
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}srgbClr", val=hex_)
    for kind in ("majorFont", "minorFont"):
        root.find(f".//{{{A}}}{kind}/{{{A}}}latin").set("typeface", "Cambria")
    root.find(f".//{{{A}}}clrScheme").set("name", "Harbour")
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(HERE / "master.pptx"))


def make_logo() -> None:
    import matplotlib

    fonts = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    img = Image.new("RGBA", (720, 180), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((10, 10, 170, 170), fill=(27, 127, 140, 255))
    draw.rectangle((60, 85, 120, 95), fill="white")
    draw.rectangle((85, 45, 95, 140), fill="white")
    draw.arc((50, 70, 130, 145), 20, 160, fill="white", width=10)
    serif = ImageFont.truetype(str(fonts / "DejaVuSerif-Bold.ttf"), 58)
    small = ImageFont.truetype(str(fonts / "DejaVuSerif.ttf"), 30)
    draw.text((195, 30), "Harbour", font=serif, fill=(22, 66, 74, 255))
    draw.text((198, 108), "Policy Institute", font=small, fill=(76, 106, 120, 255))
    img.save(HERE / "logo.png", optimize=True)


if __name__ == "__main__":
    make_master()
    make_logo()

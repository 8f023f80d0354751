"""Contact sheets of the example's memo pages and deck slides (`make gallery`, docs/gallery.md).

Usage: python scripts/gallery.py [--out docs/gallery] [--template NAME|DIR] [--prefix NAME]
                                 [--briefing FILE] [--dpi N]

Builds the briefing, converts the deck to PDF with LibreOffice (private profile, so it runs
beside other soffice processes), renders every page with pdftoppm and lays the pages out
on one sheet per document with Pillow. The PNGs depend only on their inputs: no dates,
no text chunks, fixed compression.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
GAP, PAD, LABEL = 16, 24, 22  # pixels
BACKGROUND, INK, FRAME = (246, 247, 249), (60, 66, 74), (200, 205, 212)


def build(briefing: Path, template: str | None, out: Path) -> tuple[Path, Path]:
    """The briefing's memo and deck, built into ``out``."""
    cmd = [sys.executable, "-m", "reportgen", "build", str(briefing), "-o", str(out), "--force"]
    if template:
        cmd += ["-t", template]
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / f"{briefing.stem}.pdf", out / f"{briefing.stem}.pptx"


def deck_pdf(deck: Path, work: Path) -> Path:
    """The deck as PDF, converted by LibreOffice with its own profile."""
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "deck"),
            str(deck),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return work / "deck" / f"{deck.stem}.pdf"


def pages(pdf: Path, work: Path, dpi: int) -> list[Image.Image]:
    """Every page of ``pdf`` as an image."""
    prefix = work / f"{pdf.parent.name}-{pdf.stem}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    files = sorted(
        prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.split("-")[-1])
    )
    return [Image.open(f).convert("RGB") for f in files]


def sheet(images: list[Image.Image], columns: int, title: str) -> Image.Image:
    """The pages side by side, ``columns`` to a row, numbered, under ``title``."""
    w = max(i.width for i in images)
    h = max(i.height for i in images)
    rows = -(-len(images) // columns)
    font = ImageFont.truetype(str(_font()), 16)
    out = Image.new(
        "RGB",
        (PAD * 2 + columns * w + (columns - 1) * GAP, PAD * 2 + LABEL + rows * (h + LABEL + GAP)),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(out)
    draw.text((PAD, PAD - 6), title, fill=INK, font=font)
    for n, img in enumerate(images):
        x = PAD + (n % columns) * (w + GAP)
        y = PAD + LABEL + (n // columns) * (h + LABEL + GAP)
        draw.text((x, y), str(n + 1), fill=INK, font=font)
        out.paste(img, (x, y + LABEL))
        draw.rectangle((x - 1, y + LABEL - 1, x + img.width, y + LABEL + img.height), outline=FRAME)
    return out


def _font() -> Path:
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    ap.add_argument("--briefing", type=Path, default=ROOT / "data" / "western-balkans.yaml")
    ap.add_argument("--template", default=None)
    ap.add_argument("--prefix", default="example")
    ap.add_argument("--dpi", type=int, default=32)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="reportgen-gallery-"))
    try:
        memo, deck = build(args.briefing, args.template, work / "out")
        memo_pages = pages(memo, work, args.dpi)
        slides = pages(deck_pdf(deck, work), work, args.dpi)
        name = args.briefing.name
        for kind, images, columns in (("memo", memo_pages, 4), ("deck", slides, 4)):
            target = args.out / f"{args.prefix}-{kind}.png"
            title = f"{name}: {kind}, {len(images)} {'pages' if kind == 'memo' else 'slides'}"
            sheet(images, columns, title).save(target, optimize=False, compress_level=9)
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

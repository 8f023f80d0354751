"""The naive way, kept deliberately plain: the yardstick reportgen is measured against.

Load the YAML, draw two matplotlib charts, write a reportlab PDF and a python-pptx deck.
Usage: python bench/baseline.py BRIEFING.yaml OUTDIR
"""

import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import yaml  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

source, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
data = yaml.safe_load(source.read_text(encoding="utf-8"))
factors = data["threats"]["factors"]
scenarios = data["scenarios"]["items"]

charts = []
fig, ax = plt.subplots(figsize=(6, 3))
ax.barh([f["name"] for f in factors], [f["likelihood"] * f["impact"] for f in factors])
ax.set_xlabel("Risk score")
buf = io.BytesIO()
fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
charts.append(buf)
plt.close(fig)
fig, ax = plt.subplots(figsize=(6, 3))
ax.barh([s["name"] for s in scenarios], [s["probability"] for s in scenarios])
ax.set_xlabel("Probability")
buf = io.BytesIO()
fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
charts.append(buf)
plt.close(fig)

styles = getSampleStyleSheet()
story = [Paragraph(data["title"], styles["Title"]), Paragraph(data["summary"], styles["BodyText"])]
for t in data["takeaways"]:
    story.append(Paragraph(t["headline"], styles["Heading3"]))
for f in factors:
    story.append(Paragraph(f"{f['name']}: {f.get('description', '')}", styles["BodyText"]))
for buf in charts:
    buf.seek(0)
    story += [Spacer(1, 12), Image(buf, width=400, height=200)]
for s in scenarios:
    story.append(Paragraph(s["name"], styles["Heading3"]))
    story.append(Paragraph(s.get("summary", ""), styles["BodyText"]))
story.append(Paragraph(data["conclusion"], styles["BodyText"]))
SimpleDocTemplate(str(out / f"{source.stem}.pdf"), pagesize=A4).build(story)

prs = Presentation()
slide = prs.slides.add_slide(prs.slide_layouts[0])
slide.shapes.title.text = data["title"]
for t in data["takeaways"]:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = t["headline"]
    slide.placeholders[1].text = t.get("detail", "")
for buf in charts:
    buf.seek(0)
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.add_picture(buf, Inches(1), Inches(1.5), width=Inches(8))
for s in scenarios:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = s["name"]
    slide.placeholders[1].text = s.get("summary", "")
prs.save(str(out / f"{source.stem}.pptx"))

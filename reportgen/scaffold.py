"""`reportgen new`: a valid, commented briefing skeleton to start from."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reportgen.errors import BriefingError, Location, Problem
from reportgen.source.files import write_new_file
from reportgen.source.rules import TEMPLATE_NAME

if TYPE_CHECKING:
    from pathlib import Path

SKELETON = """\
# {name}.yaml — a reportgen briefing (format: `reportgen schema`, guide: README.md).
# Build it with `reportgen build data/{name}.yaml`; check it with `reportgen validate`.
# Inline text may use **bold**, *italic* and [links](https://example.org).
schema: 1
title: {title}
subtitle: One line that says what this briefing is for      # optional
date: {today}                                             # ISO date; also the document date
classification: UNCLASSIFIED                               # optional; banner on every page
memo:                                                      # optional memo header
  to: [Decision maker]
  from: Your unit
  cc: []
summary: >
  The bottom line up front, in one paragraph: what the reader must know and do.
takeaways:                                                 # at least one
  - headline: First key takeaway
    detail: Why it matters, in a sentence or two.           # optional
threats:
  intro: What the threat picture looks like overall.        # optional
  factors:                                                 # at least one; names unique
    - name: First threat factor
      description: What drives it.
      likelihood: 3                                        # integer 1–5
      impact: 4                                            # integer 1–5
      trend: steady                                        # rising | steady | easing
      history: []                            # earlier assessments, oldest first:
      #  - {{date: 2026-01-15, likelihood: 2, impact: 4}}
scenarios:
  horizon: {horizon}                                       # year the scenarios look ahead to
  items:                                                   # at least one
    - name: Most likely course
      kind: muddle-through     # escalation | integration | muddle-through | other
      probability: 0.5                                     # 0.0–1.0
      impact: 3                                            # optional, 1–5
      summary: How this scenario unfolds.
      drivers: [What pushes events this way]
      indicators: [A signpost to watch]
      implications: [What it would mean for us]
sections: []                                               # optional narrative, e.g.
#  - heading: Background
#    blocks:
#      - paragraph: Text…
#      - bullets: [One, Two]
#      - numbered: [First, Second]
#      - quote: {{text: "A quotation.", attribution: Someone}}
#      - table: {{columns: [A, B], rows: [[a1, b1]]}}
conclusion: What follows from all of the above.
sources: []                                                # e.g.
#  - {{title: A report, publisher: Someone, url: "https://example.org", date: 2026-01-01}}
"""


def write_skeleton(name: str, folder: Path, today: dt.date | None = None) -> Path:
    """Write ``folder/NAME.yaml``; refuses to overwrite or to take a name that is a path."""
    if not TEMPLATE_NAME.match(name):
        raise BriefingError(
            [Problem(Location(name), "", "a briefing name is letters, digits, '-' and '_' only")]
        )
    path = folder / f"{name}.yaml"
    day = today or dt.datetime.now(tz=dt.UTC).date()  # a skeleton's suggested date only
    title = name.replace("-", " ").replace("_", " ").strip().capitalize()
    text = SKELETON.format(name=name, title=title, today=day.isoformat(), horizon=day.year + 3)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_new_file(path, text.encode("utf-8"))
    except FileExistsError:
        # Also a symbolic link, even a dangling one: never followed (docs/refused.md).
        raise BriefingError(
            [Problem(Location(str(path)), "", "already exists; not overwritten")]
        ) from None
    return path

"""Generated briefings for the benchmark: a batch of small variants and one large briefing."""

from __future__ import annotations

from pathlib import Path

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "western-balkans.yaml"


def _example() -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.pop("previous", None)  # generated briefings stand alone
    return data


def write_batch(folder: Path, count: int) -> Path:
    """``count`` variants of the example (titles and scores differ) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        data = _example()
        data["title"] = f"{data['title']} — edition {i + 1}"
        for j, factor in enumerate(data["threats"]["factors"]):
            factor["likelihood"] = 1 + (i + j) % 5
        (folder / f"briefing-{i:02d}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder


def write_large(path: Path) -> Path:
    """24 factors with history, 10 scenarios, 8 long sections."""
    data = _example()
    base = data["threats"]["factors"]
    data["threats"]["factors"] = [
        {
            **base[i % len(base)],
            "name": f"{base[i % len(base)]['name']} {i + 1}",
            "likelihood": 1 + i % 5,
            "impact": 1 + (i * 3) % 5,
            "history": [
                {"date": f"2026-0{m}-01", "likelihood": 1 + (i + m) % 5, "impact": 1 + m % 5}
                for m in (2, 5, 8)
            ],
        }
        for i in range(24)
    ]
    items = data["scenarios"]["items"]
    data["scenarios"]["items"] = [
        {**items[i % len(items)], "name": f"{items[i % len(items)]['name']} {i + 1}"}
        for i in range(10)
    ]
    paragraph = " ".join(["The region's security picture is shaped by overlapping pressures."] * 12)
    data["sections"] = [
        {
            "heading": f"Long section {i + 1}",
            "blocks": [
                {"paragraph": paragraph},
                {"bullets": [f"Point {k + 1}: {paragraph[:120]}" for k in range(8)]},
                {"paragraph": paragraph},
                {
                    "table": {
                        "columns": ["Item", "Assessment"],
                        "rows": [[f"Row {r + 1}", paragraph[:90]] for r in range(10)],
                    }
                },
            ],
        }
        for i in range(8)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

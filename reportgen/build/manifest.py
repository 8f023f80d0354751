"""The build manifest in the output folder: what each output was built from (never mtimes)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.build.output import write_atomic

MANIFEST = Path(".reportgen") / "manifest.json"


@dataclass(frozen=True, slots=True)
class Entry:
    """One output: the hash of its inputs, the facts needed to recompute it, its own hash."""

    source: str
    briefing_sha256: str
    templates: tuple[str, ...]  # the template and every template it extends, as resolved
    inputs: str
    sha256: str
    extra_inputs: tuple[str, ...] = ()  # other files read, e.g. the previous edition


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex sha256 of a file's content, or None if it cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def read_manifest(out_dir: Path) -> dict[str, Entry]:
    """Entries by output file name; an unreadable manifest is an empty one (rebuild all)."""
    try:
        raw = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {
            name: Entry(
                **{
                    **e,
                    "templates": tuple(e["templates"]),
                    "extra_inputs": tuple(e.get("extra_inputs", ())),
                }
            )
            for name, e in raw["outputs"].items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_manifest(out_dir: Path, entries: dict[str, Entry]) -> None:
    """Write the manifest atomically, sorted so that it diffs cleanly."""
    body = {"version": 1, "outputs": {k: asdict(entries[k]) for k in sorted(entries)}}
    text = json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(out_dir / MANIFEST, text.encode("utf-8"))

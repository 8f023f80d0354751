"""Where templates live and what their files hash to; light enough for the no-op build path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportgen.source.rules import TEMPLATE_NAME

THEME_FILE = "theme.yaml"
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


def template_dirs(cwd: Path | None = None) -> list[Path]:
    """Where names are looked up, first match wins: ./templates, then the package's own."""
    return [(cwd or Path.cwd()) / "templates", PACKAGE_TEMPLATES]


def available_templates(cwd: Path | None = None) -> dict[str, Path]:
    """Every template name on the search path, with its folder."""
    found: dict[str, Path] = {}
    for base in template_dirs(cwd):
        if base.is_dir():
            for folder in sorted(base.iterdir()):
                if (folder / THEME_FILE).is_file():
                    found.setdefault(folder.name, folder)
    return found


def find_template(name_or_path: str, cwd: Path | None = None) -> Path | None:
    """The folder of a template name or path, or None if there is none."""
    if TEMPLATE_NAME.match(name_or_path):
        return available_templates(cwd).get(name_or_path)
    folder = Path(name_or_path)
    return folder if (folder / THEME_FILE).is_file() else None


def folder_digest(folder: Path) -> str:
    """sha256 over every file's relative path and content, in a stable order."""
    from reportgen.source.files import hash_file

    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(f.relative_to(folder).as_posix().encode())
        h.update((hash_file(f) or "unreadable").encode())
    return h.hexdigest()

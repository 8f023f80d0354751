"""Where a key of a template's theme is set: file, line and column, following ``extends``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from reportgen.errors import Location
from reportgen.theming.catalog import THEME_FILE, find_template

if TYPE_CHECKING:
    from pathlib import Path

    from reportgen.theming.theme import Template


def locate(template: Template, path: tuple[str, ...]) -> Location:
    """``path`` in the theme file that sets it, following ``extends``; else the nearest key.

    PyYAML's node marks, not the loader: renderers may not import the pipeline (STYLE §1.2).
    """
    folder: Path | None = template.folder
    nearest: Location | None = None
    seen: set[Path] = set()
    while folder is not None and folder.resolve() not in seen:
        seen.add(folder.resolve())
        file = str(folder / THEME_FILE)
        root = _compose(folder / THEME_FILE)
        node, depth = _walk(root, path)
        if node is not None and depth == len(path):
            return _at(file, node)
        if nearest is None:  # the top theme file is where a missing key belongs
            nearest = _at(file, node) if node is not None else Location(file)
        parent, _ = _walk(root, ("extends",))
        name = parent.value if isinstance(parent, yaml.ScalarNode) else None
        folder = find_template(name) if isinstance(name, str) else None
    return nearest or Location(str(template.folder / THEME_FILE))


def _compose(file: Path) -> yaml.Node | None:
    try:
        return yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _walk(node: yaml.Node | None, path: tuple[str, ...]) -> tuple[yaml.Node | None, int]:
    """The deepest node along ``path`` and how many keys of it were found."""
    depth = 0
    for key in path:
        value: Any = None
        if isinstance(node, yaml.MappingNode):
            value = next((v for k, v in node.value if k.value == key), None)
        if value is None:
            break
        node, depth = value, depth + 1
    return node, depth


def _at(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)

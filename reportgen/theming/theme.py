"""Templates: a theme file (validated like briefings) plus optional master deck, logo and fonts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.errors import Location, Problem, TemplateError
from reportgen.source.model import TEMPLATE_NAME
from reportgen.theming.assets import asset_problem
from reportgen.theming.catalog import THEME_FILE, available_templates
from reportgen.theming.deckfaces import DeckFace, find_metric_files
from reportgen.theming.families import BUNDLED_FAMILIES, FontFace, bundled_face
from reportgen.theming.labels import Labels
from reportgen.theming.locale import DEFAULT_LOCALE, SHIPPED, locale_defaults
from reportgen.theming.schema import (
    PAGE_SIZES,
    ROLES,
    Deck,
    FontFiles,
    Theme,
)

if TYPE_CHECKING:
    from reportgen.source.yamlsource import Document

__all__ = ["PAGE_SIZES", "ROLES", "Deck", "FontFace", "Labels", "Template", "Theme"]


@dataclass(frozen=True, slots=True)
class Template:
    """A resolved template: its theme, folder, font files, assets and `extends` chain."""

    name: str
    folder: Path
    theme: Theme
    font: FontFace
    deck_face: DeckFace  # what the deck's text is measured with (docs/fonts.md)
    logo: Path | None
    master: Path | None
    chain: tuple[str, ...]  # how it was asked for, then every template it extends

    @property
    def logo_alt(self) -> str:
        """The logo's alternative text, the same in the memo and the deck."""
        return str(self.theme.words("alt_logo", template=self.name))

    @classmethod
    def load(
        cls,
        folder: Path,
        asked_as: str | None = None,
        cwd: Path | None = None,
        cache: _Cache | None = None,
    ) -> Template:
        """Load the template in ``folder`` and those it extends; raises located TemplateError."""
        layers = _layers(folder, asked_as or folder.name, cwd, cache or _Cache())
        merged: dict[str, Any] = {}
        for layer in reversed(layers):
            merged = _merge(merged, layer.data)
        # The locale's words and formats under the theme's own (docs/languages.md); every
        # layer was validated on its own and its locale checked, so the merge is valid too.
        defaults = locale_defaults(merged.get("locale", DEFAULT_LOCALE))
        assert defaults is not None, "each layer's locale was checked"
        theme = Theme.model_validate(_merge(defaults, merged))
        font = _font_face(theme, layers[0].file)
        return cls(
            name=folder.name,
            folder=folder,
            theme=theme,
            font=font,
            deck_face=_deck_face(theme, font),
            logo=Path(theme.logo) if theme.logo else None,
            master=Path(theme.deck.master) if theme.deck.master else None,
            chain=tuple(layer.asked_as for layer in layers),
        )


@dataclass(frozen=True, slots=True)
class _Layer:
    """One theme file of an ``extends`` chain, its asset paths made absolute."""

    folder: Path
    file: str
    asked_as: str
    data: dict[str, Any]


_ASSETS = (
    ("logo",),
    ("deck", "master"),
    ("docx", "reference"),
    *(("fonts", "files", k) for k in FontFiles.model_fields),
    *(("fonts", "deck_metrics", k) for k in FontFiles.model_fields),
)


MAX_EXTENDS = 10  # how deep templates may extend each other (docs/templates.md)


@dataclass(slots=True)
class _Cache:
    """Layers already read and the template names on the search path, for one listing."""

    layers: dict[Path, tuple[_Layer, str | None, Location]] = field(default_factory=dict)
    available: dict[str, Path] | None = None

    def find(self, name: str, cwd: Path | None) -> Path | None:
        if self.available is None:
            self.available = available_templates(cwd)
        return self.available.get(name)


def _layers(folder: Path, asked_as: str, cwd: Path | None, cache: _Cache) -> list[_Layer]:
    """The theme files of ``folder`` and every template it extends, each read once."""
    layers: list[_Layer] = []
    seen: list[Path] = []
    while True:
        key = folder.resolve()
        if key not in cache.layers:
            cache.layers[key] = _read_layer(folder)
        layer, extends, where = cache.layers[key]
        layers.append(replace(layer, asked_as=asked_as))
        seen.append(key)
        if extends is None:
            return layers
        parent = cache.find(extends, cwd) if TEMPLATE_NAME.match(extends) else None
        if parent is None:
            names = ", ".join(sorted(available_templates(cwd))) or "none"
            message = f"unknown template {extends!r}; available: {names}"
            raise TemplateError([Problem(where, "extends", message)])
        if parent.resolve() in seen:
            raise TemplateError([Problem(where, "extends", f"{extends!r} extends itself")])
        if len(layers) > MAX_EXTENDS:
            message = (
                f"templates extend each other more than {MAX_EXTENDS} deep; at most {MAX_EXTENDS}"
            )
            raise TemplateError([Problem(where, "extends", message)])
        folder, asked_as = parent, extends


def _read_layer(folder: Path) -> tuple[_Layer, str | None, Location]:
    """One theme file, validated, its asset paths checked and made absolute."""
    from reportgen.source.loader import read_source, read_yaml, validate_document  # shared walker

    theme_file = folder / THEME_FILE
    doc = read_yaml(read_source(theme_file, TemplateError), str(theme_file), TemplateError)
    theme = validate_document(doc, Theme, TemplateError)
    data = dict(doc.data)
    problems = [p for path in _ASSETS if (p := _absolutize(data, path, folder, doc)) is not None]
    if "locale" in data and locale_defaults(theme.locale) is None:
        shipped = ", ".join(SHIPPED)
        message = f"unknown locale {theme.locale!r}; shipped: {shipped} (or any locale CLDR has)"
        problems.append(Problem(doc.locate(("locale",)), "locale", message))
    if problems:
        raise TemplateError(problems)
    layer = _Layer(folder, str(theme_file), "", data)
    return layer, theme.extends, doc.locate(("extends",))


def _absolutize(
    data: dict[str, Any], path: tuple[str, ...], folder: Path, doc: Document
) -> Problem | None:
    """Replace a relative asset path in ``data`` by an absolute one inside ``folder``."""
    node: Any = data
    for key in path[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return None
        node[key] = node = dict(node[key])
    rel = node.get(path[-1]) if isinstance(node, dict) else None
    if not isinstance(rel, str):
        return None
    target = (folder / rel).resolve()
    where, dotted_path = doc.locate(path), ".".join(path)
    if not target.is_relative_to(folder.resolve()):
        return Problem(where, dotted_path, f"must stay inside the template folder, got {rel!r}")
    if not target.is_file():
        return Problem(where, dotted_path, f"file not found: {rel!r}")
    kinds = {("deck", "master"): "master", ("docx", "reference"): "reference", ("logo",): "logo"}
    kind = kinds.get(path, "font")
    problem = asset_problem(kind, folder / rel, folder)
    if problem is not None:
        message = problem if kind in ("master", "reference") else f"{rel} {problem}"
        return Problem(where, dotted_path, message)
    node[path[-1]] = str(target)
    return None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: mappings merge key by key, anything else replaces."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_template(name_or_path: str, *, allow_path: bool, cwd: Path | None = None) -> Template:
    """Find a template by name (search path) or, from the command line only, by folder path."""
    if allow_path and not TEMPLATE_NAME.match(name_or_path):
        folder = Path(name_or_path)
        if not (folder / THEME_FILE).is_file():
            raise TemplateError(
                [Problem(Location(name_or_path), "", f"no {THEME_FILE} in this folder")]
            )
        return Template.load(folder, asked_as=name_or_path, cwd=cwd)
    templates = available_templates(cwd)
    if name_or_path not in templates:
        names = ", ".join(sorted(templates)) or "none"
        raise TemplateError(
            [
                Problem(
                    Location(name_or_path),
                    "",
                    f"unknown template {name_or_path!r}; available: {names}",
                )
            ]
        )
    return Template.load(templates[name_or_path], asked_as=name_or_path, cwd=cwd)


def _font_face(theme: Theme, theme_file: str) -> FontFace:
    files = theme.fonts.files
    if files is not None:
        regular = Path(files.regular)
        pick = {
            k: Path(getattr(files, k)) if getattr(files, k) else regular
            for k in ("bold", "italic", "bold_italic")
        }
        return FontFace(theme.fonts.family, regular, **pick)
    if theme.fonts.family not in BUNDLED_FAMILIES:
        known = ", ".join(BUNDLED_FAMILIES)
        message = (
            f"unknown built-in family {theme.fonts.family!r}; choose one of {known} "
            "or give fonts.files"
        )
        raise TemplateError([Problem(Location(theme_file), "fonts.family", message)])
    return bundled_face(theme.fonts.family)


def _deck_face(theme: Theme, memo_face: FontFace) -> DeckFace:
    """How the deck face is measured: the theme's metrics files, a metric-compatible face, or
    (a guess, reported by ``templates check``) the memo's face."""
    written = theme.fonts.deck
    files = theme.fonts.deck_metrics
    if files is not None:
        regular = Path(files.regular)
        bold = Path(files.bold) if files.bold else regular
        italic = Path(files.italic) if files.italic else regular
        bold_italic = Path(files.bold_italic) if files.bold_italic else bold
        return DeckFace(written, regular.name, (regular, bold, italic, bold_italic), exact=True)
    found = find_metric_files(written)
    if found is not None:
        return DeckFace(written, found[0], found[1], exact=True)
    paths = (memo_face.regular, memo_face.bold, memo_face.italic, memo_face.bold_italic)
    return DeckFace(written, memo_face.name, paths, exact=False)


def describe_templates(cwd: Path | None = None) -> list[tuple[str, Path, str]]:
    """Name, folder and description of every template on the search path."""
    rows = []
    cache = _Cache()  # a template many others extend is read once for the whole listing
    for name, folder in available_templates(cwd).items():
        try:
            template = Template.load(folder, cwd=cwd, cache=cache)
            description = template.theme.description or "(no description)"
        except TemplateError as exc:
            description = f"(invalid: {exc.problems[0]})"
        except Exception as exc:  # a broken asset (a symlink loop, …): listed, not fatal
            description = f"(invalid: {folder}: {type(exc).__name__}: {exc})"
        rows.append((name, folder, description))
    return rows


def copy_template(source: str, name: str, into: Path, cwd: Path | None = None) -> Path:
    """Copy template ``source`` to ``into/name`` and rename it there; never overwrites.

    Only regular files and folders are copied; a symbolic link or any other kind of file in
    the source is refused before anything is written (docs/refused.md).
    """
    from reportgen.source.files import FileRefused, read_bounded, write_new_file

    if not TEMPLATE_NAME.match(name):
        message = "a template name is letters, digits, '-' and '_' only"
        raise TemplateError([Problem(Location(name), "", message)])
    template = resolve_template(source, allow_path=True, cwd=cwd)
    folders, files = _template_tree(template.folder)
    target = into / name
    try:
        into.mkdir(parents=True, exist_ok=True)
        target.mkdir()  # fails on anything already there, a dangling link too
    except FileExistsError:
        raise TemplateError(
            [Problem(Location(str(target)), "", "already exists; not overwritten")]
        ) from None
    for rel in folders:
        (target / rel).mkdir()
    for rel in files:
        try:
            data = read_bounded(template.folder / rel, _COPY_LIMIT, within=template.folder)
        except FileRefused as exc:
            where = Location(str(template.folder / rel))
            raise TemplateError([Problem(where, "", str(exc))]) from None
        write_new_file(target / rel, data)
    theme_file = target / THEME_FILE
    text = theme_file.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^name:.*$", f"name: {name}", text, count=1)
    theme_file.write_text(text, encoding="utf-8")
    return target


_COPY_LIMIT = 100 * 1024 * 1024  # bytes in all, and at most this many entries:
_COPY_ENTRIES = 1000


def _template_tree(folder: Path) -> tuple[list[Path], list[Path]]:
    """The sub-folders and files of a template folder, relative; TemplateError on anything
    that is neither (a symbolic link, a FIFO, a device) or when it is too large to copy."""
    import os
    import stat

    folders: list[Path] = []
    files: list[Path] = []
    total = 0
    for top, dirs, names in os.walk(folder):  # never follows links into folders
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for entry in [*dirs, *sorted(names)]:
            path = Path(top, entry)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problem = "is a symbolic link; templates are copied without links"
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problem = "is not a regular file or folder; not copied"
            else:
                total += path.lstat().st_size if stat.S_ISREG(mode) else 0
                (folders if stat.S_ISDIR(mode) else files).append(path.relative_to(folder))
                problem = ""
            if len(folders) + len(files) > _COPY_ENTRIES or total > _COPY_LIMIT:
                problem = f"too large to copy (over {_COPY_ENTRIES} entries or 100 MB)"
                path = folder
            if problem:
                raise TemplateError([Problem(Location(str(path)), "", problem)])
    return folders, files

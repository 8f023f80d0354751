"""Load a briefing: safe YAML with positions → pydantic validation → Briefing, or located errors."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from reportgen.errors import BriefingError, InconsistentData, Location, Problem, dotted, shown
from reportgen.source.files import FileRefused, read_bounded
from reportgen.source.model import Briefing
from reportgen.source.yamlsource import MAX_FILE_BYTES, Document, YamlProblem, read_document

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "dict_type": "must be a mapping of keys to values",
    "int_type": "must be an integer",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
}


def load_briefing(path: str | Path) -> Briefing:
    """Read and validate the briefing at ``path``; raises BriefingError listing every problem."""
    return load_model(path, Briefing, BriefingError)


def load_model(path: str | Path, model: type[M], error: type[BriefingError]) -> M:
    """Read ``path`` as YAML and validate it as ``model``; raises ``error`` with every problem."""
    return validate_bytes(read_source(path, error), str(path), model, error)


def read_source(
    path: str | Path, error: type[BriefingError] = BriefingError, within: Path | None = None
) -> bytes:
    """The bytes of an input file (at most the size limit + 1); else ``error``, located at it.

    The file must be a regular file that stays inside ``within`` (default: its own folder)
    once symbolic links are followed (docs/refused.md).
    """
    folder = Path(path).parent if within is None else within
    try:
        return read_bounded(path, MAX_FILE_BYTES, within=folder)
    except FileRefused as exc:
        raise error([Problem(Location(str(path)), "", str(exc))]) from None


def validate_bytes(raw: bytes, file: str, model: type[M], error: type[BriefingError]) -> M:
    """Validate YAML bytes as ``model``; ``file`` names them in messages."""
    return validate_document(read_yaml(raw, file, error), model, error)


def read_yaml(raw: bytes, file: str, error: type[BriefingError]) -> Document:
    """Parse YAML bytes with positions; unreadable input raises ``error``."""
    try:
        return read_document(raw, file)
    except YamlProblem as exc:
        raise error([exc.problem]) from None


def validate_document(doc: Document, model: type[M], error: type[BriefingError]) -> M:
    """Validate parsed YAML as ``model``; raises ``error`` with every located problem."""
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "nothing"
        where = doc.locate(())
        raise error([Problem(where, "", f"must be a mapping of keys to values, got {kind}")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise error([_problem(doc, model, e) for e in exc.errors()]) from None
    except InconsistentData as exc:
        raise error([_finding(doc, path, msg) for path, msg in exc.findings]) from None


def _finding(doc: Document, path: tuple[str | int, ...], message: str) -> Problem:
    return Problem(doc.locate(path), dotted(path), _noted(doc, path, message))


def _problem(doc: Document, model: type[BaseModel], err: ErrorDetails) -> Problem:
    path = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        message = _noted(doc, path, _unknown_key(model, path))
        return Problem(doc.locate(path, key=True), dotted(path), message)
    if kind == "missing":
        return Problem(doc.locate(path), dotted(path), "required key is missing")
    return Problem(doc.locate(path), dotted(path), _noted(doc, path, _message(err)))


def _noted(doc: Document, path: tuple[str | int, ...], message: str) -> str:
    """``message``, plus how YAML 1.1 read the value when that is the likely cause."""
    note = doc.notes.get(path)
    return f"{message}; {note}" if note else message


def _message(err: ErrorDetails) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "too_short":
        return f"must have at least {err.get('ctx', {}).get('min_length', 1)} item(s)"
    if kind == "literal_error":
        return f"must be {err.get('ctx', {}).get('expected')}, got {shown(value)}"
    if kind == "enum":
        return f"must be one of {err.get('ctx', {}).get('expected')}, got {shown(value)}"
    if kind in _TYPE_WORDS:
        return f"{_TYPE_WORDS[kind]}, got {shown(value)}"
    return f"{err['msg'][:1].lower()}{err['msg'][1:]}, got {shown(value)}"


def _unknown_key(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    key = str(path[-1])
    known = _keys_at(model, path[:-1])
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(known)}"
    return f"unknown key {key!r}{hint}"


def _keys_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """The keys the model accepts at ``path``, found by walking field annotations."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        current = _model_in(field.annotation) if field else None
    if current is None:
        return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None

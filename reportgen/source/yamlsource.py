"""Safe YAML to plain Python values, keeping every node's position and enforcing limits.

Built on the event stream rather than yaml.compose so that depth, size and alias expansion
are checked before anything recursive runs (docs/briefing-format.md, "Limits of the file"),
duplicate keys are caught,
and no tag can construct an object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from reportgen.errors import Location, Problem, dotted

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_STRING = 20_000
MAX_ITEMS = 500
MAX_DEPTH = 20
MAX_NODES = 10_000

Path = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# C0 and C1 control characters and DEL; tab, newline and carriage return are text
# (docs/briefing-format.md).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What no document may carry (docs/refused.md): the controls above and carriage return, line
# and paragraph separators, noncharacters and lone surrogates. YAML escapes ("\e", "\r",
# "\L", "\uFFFE") make these from plain ASCII, so every parsed string is checked again.
_NONCHARACTERS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    f"\ud800-\udfff{_NONCHARACTERS}]"
)
_RAW_NOT_TEXT = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]"
)
# Plain scalars that YAML 1.1 reads otherwise than most people expect (docs/refused.md).
_EXPONENT = re.compile(r"^[-+]?(?:\d[\d_]*)?(?:\.\d*)?[eE][-+]?\d+$")
_OCTAL_O = re.compile(r"^[-+]?0o[0-7_]+$")
_OCTAL_ZERO = re.compile(r"^[-+]?0[0-7_]+$")


class YamlProblem(Exception):  # noqa: N818 - a located finding, raised to stop reading
    """Reading stopped at a located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass(slots=True)
class Document:
    """Plain values read from YAML, with the position of every value and key."""

    data: Any
    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    notes: dict[Path, str] = field(default_factory=dict)  # how YAML 1.1 read a surprising value

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The position of ``path``, or of its nearest enclosing value that exists."""
        if key and path in self.keys:
            return Location(self.file, *self.keys[path])
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return Location(self.file, *self.values[path[:end]])
        return Location(self.file, 1, 1)


def read_document(raw: bytes, file: str) -> Document:
    """Decode and parse ``raw``; raises YamlProblem at the first unreadable place."""
    text = _decode(raw, file)
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        what = exc.problem or exc.context or "unreadable"
        raise YamlProblem(Problem(where, "", f"invalid YAML: {what}")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(Location(file, 1, 1), "", f"invalid YAML: {exc}")) from None
    return builder.document()


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            Problem(
                Location(file, 1, 1),
                "",
                f"file is larger than 2 MB (the limit is {MAX_FILE_BYTES:,} bytes)",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"))
        raise YamlProblem(
            Problem(Location(file, line, col), "", "file is not valid UTF-8 text")
        ) from None
    bad = _RAW_NOT_TEXT.search(text)
    if bad:
        line, col = _line_col(text[: bad.start()])
        message = not_text_message(bad.group())
        raise YamlProblem(Problem(Location(file, line, col), "", message))
    if not text.strip():
        raise YamlProblem(Problem(Location(file, 1, 1), "", "file is empty"))
    return text


def not_text_message(char: str) -> str:
    """Why ``char`` is refused, naming it so that a terminal shows it (never raw)."""
    if _CONTROL.match(char) or char == "\r":
        return f"control character {char!r} is not allowed"
    return f"character {char!r} (U+{ord(char):04X}) is not allowed in text"


def find_not_text(text: str) -> str | None:
    """The first character of ``text`` that no document may carry, or None."""
    bad = _NOT_TEXT.search(text)
    return bad.group() if bad else None


def _yaml11_note(event: yaml.ScalarEvent, value: Any) -> str | None:
    """How YAML 1.1 read a plain scalar, when that is not what most people mean."""
    if event.style or not event.implicit[0]:  # quoted or tagged: read as written
        return None
    raw = event.value
    if isinstance(value, bool) and raw.lower() not in ("true", "false"):
        return f"YAML 1.1 reads {raw} as {str(value).lower()}; quote it ('{raw}') for the word"
    if isinstance(value, int | float) and ":" in raw:
        return f"YAML 1.1 reads {raw} as the base-60 number {value}; quote it ('{raw}') for text"
    if isinstance(value, int) and not isinstance(value, bool) and _OCTAL_ZERO.match(raw):
        plain = raw.lstrip("+-0") or "0"
        return f"YAML 1.1 reads {raw} as the octal number {value}; write {plain} or quote it"
    if isinstance(value, str) and _EXPONENT.match(raw):
        mantissa, _, exponent = raw.lower().partition("e")
        mantissa += "" if "." in mantissa else ".0"
        exponent = exponent if exponent[:1] in "+-" else f"+{exponent}"
        return (
            f"YAML 1.1 reads {raw} as text, not a number; "
            f"write {mantissa}e{exponent}, with a point and a signed exponent"
        )
    if isinstance(value, str) and _OCTAL_O.match(raw):
        return f"YAML 1.1 reads {raw} as text; write the number {int(raw.replace('_', ''), 8)}"
    return None


def _line_col(before: str) -> tuple[int, int]:
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


@dataclass(slots=True)
class _Frame:
    path: Path
    value: Any
    anchor: str | None
    event: yaml.Event
    size: int = 1
    pending_key: Any = None
    has_key: bool = False
    key_mark: tuple[int, int] | None = None


class _Builder:
    """Turns parser events into values; one frame per open mapping or sequence."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.root: Any = None
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.notes: dict[Path, str] = {}

    def document(self) -> Document:
        if self.documents == 0:
            raise YamlProblem(Problem(Location(self.file, 1, 1), "", "file is empty"))
        return Document(self.root, self.file, self.values, self.keys, self.notes)

    def fail(self, event: yaml.Event, message: str, path: Path = ()) -> NoReturn:
        raise YamlProblem(Problem(Location(self.file, *_pos(event)), dotted(path), message))

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "expected one YAML document, found another")
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._close()

    # -- where the next value goes ---------------------------------------------------------

    def _next_path(self) -> Path | None:
        """Path of the value about to be read, or None if it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.pending_key) if top.has_key else None

    def _place(self, event: yaml.Event, value: Any, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.fail(event, f"document expands to more than {MAX_NODES:,} values (YAML aliases?)")
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            if len(top.value) >= MAX_ITEMS:
                self.fail(event, f"a list may hold at most {MAX_ITEMS} items", top.path)
            top.value.append(value)
        elif not top.has_key:
            self._take_key(event, top, value)
        else:
            top.value[top.pending_key] = value
            top.has_key = False

    def _take_key(self, event: yaml.Event, top: _Frame, key: Any) -> None:
        if isinstance(key, list | dict):
            self.fail(event, "mapping keys must be plain text", top.path)
        key = str(key) if isinstance(key, bool | int | float) else key
        if key in top.value:
            self.fail(event, f"duplicate key {key!r}", (*top.path, key))
        top.pending_key, top.has_key = key, True
        self.keys[(*top.path, key)] = _pos(event)

    # -- events ----------------------------------------------------------------------------

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        path = self._next_path()
        value = self._construct(event)
        if path is not None:
            self.values[path] = _pos(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(event, value, 1)
        note = _yaml11_note(event, value)
        if note is not None:
            if path is None:  # a key: it was just taken by the mapping on top
                path = (*self.stack[-1].path, self.stack[-1].pending_key)
            self.notes[path] = note

    def _construct(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            resolver = yaml.resolver.Resolver()
            tag = resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        if tag not in _SAFE_TAGS:
            self.fail(event, f"YAML tag {event.tag!r} is not allowed")
        if len(event.value) > MAX_STRING:
            self.fail(
                event,
                f"text is longer than {MAX_STRING:,} characters ({len(event.value):,})",
                self._next_path() or (),
            )
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            value = yaml.constructor.SafeConstructor().construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.fail(event, f"unreadable value {event.value!r}: {exc}")
        if isinstance(value, str) and (bad := find_not_text(value)) is not None:
            self.fail(event, not_text_message(bad), self._next_path() or ())
        return value

    def _alias(self, event: yaml.AliasEvent) -> None:
        path = self._next_path()
        if event.anchor is None or event.anchor not in self.anchors:
            self.fail(event, f"unknown YAML alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        if path is not None:
            self.values[path] = _pos(event)
        self._place(event, value, size)

    def _open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        if event.tag not in (None, "!") and event.tag != f"tag:yaml.org,2002:{kind}":
            self.fail(event, f"YAML tag {event.tag!r} is not allowed")
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels")
        path = self._next_path()
        if path is None:
            self.fail(event, "mapping keys must be plain text", self.stack[-1].path)
        self.values[path] = _pos(event)
        value: Any = {} if kind == "map" else []
        self.stack.append(_Frame(path, value, event.anchor, event))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        # Children were counted as they arrived; the container itself counts once, here.
        self._place(frame.event, frame.value, 1)
        if self.stack:
            self.stack[-1].size += frame.size - 1


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)

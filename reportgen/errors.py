"""Located problems and the exceptions that carry them to the command line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file, 1-based, as the user typed the file name."""

    file: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where, which field, and what."""

    location: Location
    path: str
    message: str

    def __str__(self) -> str:
        if self.path:
            return f"{self.location}: {self.path}: {self.message}"
        return f"{self.location}: {self.message}"

    def sort_key(self) -> tuple[str, int, int]:
        """Order problems by position in their file."""
        loc = self.location
        return (loc.file, loc.line or 0, loc.col or 0)


class ReportgenError(Exception):
    """Base of every error reportgen reports to the user without a traceback."""


class BriefingError(ReportgenError):
    """A briefing file is invalid; carries every problem found, sorted by position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(BriefingError):
    """A template (theme file, master, fonts) is invalid."""


class BuildError(ReportgenError):
    """Rendering or writing an output failed for a reason other than invalid input."""


class UsageError(ReportgenError):
    """The command line asks for something that cannot be done as asked (exit code 2)."""


class Interrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt, a stop, not a failure
    """The run was asked to stop by a signal (SIGTERM); the batch records what finished."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"stopped by signal {signum}")


class InconsistentData(Exception):  # noqa: N818 - carries located findings, not a failure
    """Cross-field rule broken after every field validated: ``(path, message)`` pairs.

    Deliberately not a ValueError, so that pydantic lets it through with its paths intact.
    """

    def __init__(self, findings: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.findings = findings
        super().__init__("; ".join(m for _, m in findings))


def dotted(path: tuple[str | int, ...]) -> str:
    """``('threats', 'factors', 2, 'impact')`` → ``threats.factors[2].impact``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def printable(text: str) -> str:
    """``text`` safe for a terminal: every character that is not printable (but newline and
    tab) as a Python escape, so that no input can move the cursor or retitle the window."""
    if text.isascii() and all(" " <= c <= "~" or c in "\n\t" for c in text):
        return text
    return "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in text)


def shown(value: object) -> str:
    """A value as a YAML author would recognise it in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"

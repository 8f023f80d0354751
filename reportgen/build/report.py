"""What the command line says about each briefing: its lines, and the summary of a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.build.plan import Status

if TYPE_CHECKING:
    from reportgen.build.plan import BriefingResult

Line = tuple[bool, str]  # (for stderr, text)


def no_briefings(paths: list[str]) -> str:
    """The one line for paths that hold no briefing (build, watch and validate)."""
    return f"reportgen: no briefing files (*.yaml) in {' '.join(paths)}"


def result_lines(
    result: BriefingResult,
    *,
    quiet: bool = False,
    check: bool = False,
    stamp: str = "",
    debug: bool = False,
) -> list[Line]:
    """The lines for one briefing: warnings, then its outcome; ``stamp`` starts each line.

    With ``debug``, a failure's traceback (``result.trace``) comes before its outcome.
    """
    lines = [(True, f"{stamp}warning: {w}") for w in result.warnings]
    if debug and result.trace:
        lines.extend((True, line) for line in result.trace.rstrip("\n").splitlines())
    if result.status is Status.FAILED:
        lines.append((True, f"{stamp}failed     {result.source}"))
        lines.extend((True, f"{stamp}{line}") for line in (result.error or "").splitlines())
    elif result.status is Status.STALE:
        lines.extend(
            (False, f"{state.value:<10} {path} (from {result.source})")
            for path, state in result.stale
        )
    elif not check and not quiet:
        made = ", ".join(str(p) for p in result.outputs)
        built = result.status is Status.BUILT
        detail = f" → {made} ({result.seconds:.2f} s)" if built else ""
        lines.append((False, f"{stamp}{result.status.value:<10} {result.source}{detail}"))
    return lines


def summary(results: list[BriefingResult], warned: int = 0, *, check: bool = False) -> str:
    """'2 built, 1 up to date, 1 warning'; with ``check``, how many outputs are not current."""
    if check:
        stale = sum(len(r.stale) for r in results)
        total = sum(len(r.outputs) for r in results)
        if stale:
            return f"{stale} of {total} outputs missing or out of date"
        return f"all {total} outputs up to date"
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    parts = [f"{n} {status}" for status, n in counts.items()]
    if warned:
        parts.append(f"{warned} warning{'s' if warned > 1 else ''}")
    return ", ".join(parts)

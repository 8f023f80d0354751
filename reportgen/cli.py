"""The command line (README.md, docs/ci.md): parse, call one library function, map outcomes
to exit codes.

The only module that prints or exits. Heavy libraries load only in the stage that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reportgen.errors import Interrupted, ReportgenError, UsageError, printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reportgen.build.batch import BatchReport, BriefingResult
    from reportgen.errors import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_STALE = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() stays in charge of exit codes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid, 2 usage, 3 stale)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out):  # --help and --version honour the injected stream
            args = parser.parse_args(argv)
    except _UsageError as exc:
        print(parser.format_usage().rstrip(), file=err)
        print(printable(str(exc)), file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    try:
        return int(args.run(args, out, err))
    except UsageError as exc:
        print(printable(str(exc)), file=err)
        return EXIT_USAGE
    except ReportgenError as exc:
        if args.debug:
            raise
        print(printable(str(exc)), file=err)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130
    except Interrupted as exc:
        print("terminated", file=err)
        return 128 + exc.signum
    except Exception as exc:  # a bug of ours: say so in one line, trace only on request
        if args.debug:
            raise
        print(
            printable(f"reportgen: internal error: {type(exc).__name__}: {exc} ")
            + "(run with --debug for the traceback)",
            file=err,
        )
        return EXIT_INVALID


def _parser() -> argparse.ArgumentParser:
    from reportgen import __version__

    parser = _Parser(prog="reportgen", description="Briefing YAML → PDF memo and PowerPoint deck.")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _build_parser(sub)
    p = sub.add_parser("validate", help="check briefings without building")
    p.add_argument("paths", nargs="*", default=["data/"], metavar="PATH")
    p.add_argument("-t", "--template", help="template name or folder to check against")
    _strict_argument(p)
    p.set_defaults(run=_validate)
    p = sub.add_parser("new", help="write a commented briefing skeleton to data/NAME.yaml")
    p.add_argument("name")
    p.add_argument("--dir", default="data", help="folder to write into (default: data/)")
    p.set_defaults(run=_new)
    p = sub.add_parser("diff", help="print what changed between two editions of a briefing")
    p.add_argument("old", metavar="OLD.yaml")
    p.add_argument("new", metavar="NEW.yaml")
    p.add_argument("--format", choices=["text", "markdown"], default="text", dest="style")
    p.add_argument("-t", "--template", help="template whose words to use (default: NEW's)")
    p.set_defaults(run=_diff)
    p = sub.add_parser("schema", help="print the JSON Schema of the briefing format")
    p.set_defaults(run=_schema)
    p = sub.add_parser("watch", help="rebuild a briefing each time it or its template is saved")
    _output_arguments(p)
    p.set_defaults(run=_watch)
    p = sub.add_parser("templates", help="list, check or copy templates")
    p.set_defaults(run=_templates)
    actions = p.add_subparsers(dest="action", parser_class=_Parser)
    q = actions.add_parser("check", help="lint a template (theme, master, layouts, fonts)")
    q.add_argument("template", metavar="NAME|DIR")
    q.add_argument(
        "briefings",
        nargs="*",
        metavar="BRIEFING",
        help="also check the fonts cover these briefings' characters",
    )
    q.set_defaults(run=_templates_check)
    q = actions.add_parser("new", help="copy a template into ./templates/NAME to start from")
    q.add_argument("name")
    q.add_argument("--from", dest="source", default="default", help="template to copy")
    q.set_defaults(run=_templates_new)
    for p in sub.choices.values():
        # Accept --debug after the command too; SUPPRESS keeps a top-level --debug intact.
        p.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
        )
    return parser


def _output_arguments(p: argparse.ArgumentParser) -> None:
    """What to build and where: shared by `build` and `watch`."""
    p.add_argument("paths", nargs="*", default=["data/"], metavar="PATH")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.add_argument("-t", "--template", help="template name or folder (wins over the briefing's)")
    p.add_argument(
        "-f",
        "--format",
        action="append",
        choices=["pdf", "pptx", "docx", "charts"],
        dest="formats",
        help="pdf, pptx, docx (Word memo) or charts (SVG and PNG images); repeatable "
        "(default: pdf and pptx)",
    )


def _build_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser("build", help="build briefings into PDF and PPTX")
    _output_arguments(p)
    p.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="worker processes (default: number of cores)",
    )
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 3 if anything is stale"
    )
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.add_argument("--shard", type=_shard, help="build only shard K of N, e.g. 1/4")
    p.add_argument(
        "--since",
        metavar="PREVIOUS.yaml",
        help="add a 'What changed' page and slide against this earlier edition",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    _strict_argument(p)
    p.set_defaults(run=_build)


def _strict_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings too, e.g. in CI"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    try:
        shard = int(k), int(n)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be K/N such as 1/4, got {text!r}") from None
    if not 1 <= shard[0] <= shard[1]:
        raise argparse.ArgumentTypeError(f"K must be 1 to N in K/N, got {text!r}")
    return shard


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.build.batch import BuildOptions, build, discover
    from reportgen.build.report import no_briefings
    from reportgen.build.signals import stop_on_sigterm

    formats = tuple(dict.fromkeys(args.formats or ["pdf", "pptx"]))
    if not discover(args.paths):
        print(no_briefings(args.paths), file=err)
        return EXIT_INVALID
    options = BuildOptions(
        out_dir=Path(args.out),
        formats=formats,
        template=args.template,
        jobs=args.jobs,
        force=args.force,
        check=args.check,
        shard=args.shard,
        since=args.since,
    )
    progress = _progress(err) if _interactive(err, args.quiet) else None
    with stop_on_sigterm():
        report = build(args.paths, options, progress)
    if progress is not None:
        print("\r\033[K", end="", file=err)
    if args.shard is not None and not report.total and report.interrupted is None:
        print(f"shard {args.shard[0]}/{args.shard[1]}: no briefings", file=out)
        return EXIT_OK
    return _build_outcome(report, args, out, err)


def _build_outcome(report: BatchReport, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.build.batch import Status
    from reportgen.build.report import result_lines, summary

    for warning in report.warnings:
        print(printable(f"warning: {warning}"), file=err)
    for result in report.results:
        _print(result_lines(result, quiet=args.quiet, check=args.check, debug=args.debug), out, err)
    for error in report.errors:
        print(printable(error), file=err)
    warned = sum(len(r.warnings) for r in report.results)  # the summary counts these
    if report.interrupted is not None:
        done = sum(r.status is Status.BUILT for r in report.results)
        print(
            f"interrupted: {done} built of {report.total}; the next build picks up the rest",
            file=err,
        )
        return 128 + report.interrupted
    if not args.quiet:
        print(summary(report.results, warned, check=args.check), file=out)
    if args.check and any(r.stale for r in report.results):
        return EXIT_STALE
    failed = any(r.status is Status.FAILED for r in report.results)
    if failed or report.errors or (args.strict and (warned or report.warnings)):
        return EXIT_INVALID
    return EXIT_OK


def _print(lines: list[tuple[bool, str]], out: TextIO, err: TextIO) -> None:
    for to_err, line in lines:  # names and messages come from input: never raw controls
        print(printable(line), file=err if to_err else out)


def _interactive(stream: TextIO, quiet: bool) -> bool:
    """A live progress line only for a person at a terminal: never in CI or with -q."""
    return not quiet and not os.environ.get("CI") and stream.isatty()


def _progress(err: TextIO) -> Callable[[BriefingResult, int, int], None]:
    def show(result: BriefingResult, done: int, total: int) -> None:
        print(f"\r\033[K[{done}/{total}] {result.status.value} {result.source}", end="", file=err)
        err.flush()

    return show


def _watch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import time

    from reportgen.build.batch import BuildOptions, discover
    from reportgen.build.report import no_briefings, result_lines
    from reportgen.build.signals import stop_on_sigterm
    from reportgen.build.watch import watch

    if not discover(args.paths):
        print(no_briefings(args.paths), file=err)
        return EXIT_INVALID
    options = BuildOptions(
        out_dir=Path(args.out),
        formats=tuple(dict.fromkeys(args.formats or ["pdf", "pptx"])),
        template=args.template,
    )

    def now() -> str:
        return time.strftime("%H:%M:%S ")

    print(f"{now()}watching for changes; Ctrl-C to stop", file=out, flush=True)

    def show(result: BriefingResult) -> None:
        _print(result_lines(result, stamp=now(), debug=args.debug), out, err)
        out.flush()
        err.flush()

    def gone(source: str) -> None:
        print(f"{now()}removed    {source} (its outputs are kept)", file=out, flush=True)

    try:
        with stop_on_sigterm():
            watch(args.paths, options, show, on_removed=gone)
    except KeyboardInterrupt:  # the normal way to stop watching; exit codes as for build
        print(f"{now()}stopped", file=out)
        return 130
    except Interrupted as exc:
        print(f"{now()}stopped", file=out)
        return 128 + exc.signum
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.build.batch import BuildOptions, discover
    from reportgen.build.preflight import validate_sources
    from reportgen.build.report import no_briefings

    if not (sources := discover(args.paths)):
        print(no_briefings(args.paths), file=err)
        return EXIT_INVALID
    lines, bad, warned = validate_sources(sources, BuildOptions(template=args.template))
    _print(lines, out, err)
    return EXIT_INVALID if bad or (args.strict and warned) else EXIT_OK


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.scaffold import write_skeleton

    path = write_skeleton(args.name, Path(args.dir))
    print(f"wrote {path}", file=out)
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.changes import compare, format_changes
    from reportgen.errors import BriefingError
    from reportgen.source.loader import load_briefing

    loaded, problems = [], []
    for source in (args.old, args.new):
        try:
            loaded.append(load_briefing(source))
        except BriefingError as exc:
            problems.extend(exc.problems)
    if problems:
        raise BriefingError(problems)
    from reportgen.theming.theme import resolve_template

    name = args.template or loaded[1].template or "default"
    words = resolve_template(name, allow_path=bool(args.template)).theme.words
    md = args.style == "markdown"
    print(printable(format_changes(compare(*loaded), words, markdown=md)), end="", file=out)
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from reportgen.source.model import briefing_json_schema

    print(json.dumps(briefing_json_schema(), indent=2, ensure_ascii=False), file=out)
    return EXIT_OK


def _templates_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.build.preflight import check_template

    warnings: list[Problem] = []
    problems = check_template(args.template, args.briefings, warnings)
    for warning in warnings:
        print(f"warning: {warning}", file=err)
    for problem in problems:
        print(printable(str(problem)), file=err)
    if problems:
        return EXIT_INVALID
    print(f"ok         {args.template}", file=out)
    return EXIT_OK


def _templates_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.theming.theme import copy_template

    folder = copy_template(args.source, args.name, Path("templates"))
    print(f"wrote {folder}/ (from {args.source}); edit {folder}/theme.yaml", file=out)
    return EXIT_OK


def _templates(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen.theming.theme import describe_templates

    for name, folder, description in describe_templates():
        print(f"{name:<16} {description}  ({folder})", file=out)
    return EXIT_OK

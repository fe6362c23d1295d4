"""The ``handbook`` command: argument parsing here, the work in the other modules.

``main(argv) -> int`` never raises for user errors: exit code 0 is clean
(warnings allowed), 1 means problems were found or the build failed, 2 means the
command was misused. Heavy modules (MkDocs, Jinja) are imported only by the
commands that need them, so ``handbook validate`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from generator.diagnostics import CODES
from generator.options import DEFAULT_HOST, DEFAULT_PORT

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line asks for something impossible (exit code 2)."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date '{text}': use YYYY-MM-DD") from None


def _code(text: str) -> str:
    code = text.strip().upper()
    if code not in CODES:
        raise argparse.ArgumentTypeError(f"unknown diagnostic code '{text}'")
    return code


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so ``main`` returns 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = _Parser(prog="handbook", description="Process handbook generator.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check process definitions")
    validate.add_argument("path", nargs="?", default="flows", help="flows folder (default: flows)")
    _add_check_options(validate)
    validate.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="output format"
    )

    for name, text in (("build", "build the handbook site"), ("serve", "build and serve it")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--project", default=".", help="project folder (with mkdocs.yml)")
        command.add_argument(
            "--flows", default=None, help="flows folder (default: <project>/flows)"
        )
        _add_check_options(command)
        if name == "build":
            command.add_argument(
                "--site", default=None, help="output folder (default: <project>/site)"
            )
            command.add_argument("--no-pdf", action="store_true", help="skip the PDF decks")
        else:
            command.add_argument("--host", default=DEFAULT_HOST, help="address to serve on")
            command.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to serve on")
            command.add_argument("--pdf", action="store_true", help="also build the PDF decks")

    new = commands.add_parser("new", help="scaffold a new flow: DOMAIN/FLOW")
    new.add_argument("target", help="domain-id/flow-id")
    new.add_argument("--flows", default="flows", help="flows folder (default: flows)")

    from generator.metrics.command import add_parser as add_metrics_parser

    add_metrics_parser(commands)

    schema = commands.add_parser("schema", help="print the JSON Schema of a file kind")
    schema.add_argument("kind", nargs="?", choices=("domain", "roles", "flow"), help="file kind")
    schema.add_argument("--write", metavar="DIR", help="write all three schema files into DIR")
    return parser


def _add_check_options(command: argparse.ArgumentParser) -> None:
    from generator.messages.choice import LANGUAGE_CHOICES

    command.add_argument(
        "--lang",
        choices=LANGUAGE_CHOICES,
        default=None,
        help="language of messages (default: the handbook's, from mkdocs.yml)",
    )
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    command.add_argument(
        "--ignore",
        type=_code,
        action="append",
        default=[],
        metavar="CODE",
        help="drop diagnostics with this code (repeatable)",
    )
    command.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date overdue reviews are judged against (default: today)",
    )


def _run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.check import check
    from generator.options import options_from_args
    from generator.reporters import FORMATTERS, summary_line

    options = options_from_args(args)
    result = check(options)
    out.write(FORMATTERS[args.format](result.diagnostics, options.language))
    if args.format == "text":
        err.write(summary_line(result.diagnostics, options.flows_display, options.language) + "\n")
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _run_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.spec import FILE_KINDS, json_schema

    if args.write:
        folder = Path(args.write)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in FILE_KINDS:
            (folder / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
        err.write(f"wrote {len(FILE_KINDS)} schema files to {folder}\n")
        return EXIT_OK
    if args.kind:
        out.write(schema_text(args.kind))
    else:
        everything = {kind: json_schema(kind) for kind in FILE_KINDS}
        out.write(json.dumps(everything, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def schema_text(kind: str) -> str:
    """The JSON Schema file text of one kind, exactly as committed under ``schema/``."""
    from generator.spec import json_schema

    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def _run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.scaffold import scaffold_flow

    domain, _, flow = args.target.partition("/")
    if not domain or not flow:
        raise UsageError(f"handbook new: expected DOMAIN/FLOW, got '{args.target}'")
    written = scaffold_flow(Path(args.flows), domain, flow)
    for path in written:
        out.write(f"created {path.as_posix()}\n")
    return EXIT_OK


def _run_metrics(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.metrics.command import run

    return run(args, out, err)


def _run_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.commands import run_build
    from generator.options import options_from_args

    return run_build(options_from_args(args), out, err)


def _run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.commands import run_serve
    from generator.options import options_from_args

    return run_serve(options_from_args(args), out, err)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "validate": _run_validate,
    "schema": _run_schema,
    "new": _run_new,
    "metrics": _run_metrics,
    "build": _run_build,
    "serve": _run_serve,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line *argv*; return the exit code."""
    from generator.errors import HandbookError, error_line

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        if "lang" in args:
            from generator.messages.choice import command_language

            flows = getattr(args, "path", None) or getattr(args, "flows", None)
            args.lang = command_language(args.lang, Path(flows) if flows else None)
        return COMMANDS[args.command](args, out, err)
    except UsageError as error:
        err.write(f"{error}\n")
        return EXIT_USAGE
    except HandbookError as error:  # every failure of every stage: one line, no traceback
        err.write(error_line(args.command, error) + "\n")
        return error.exit_code
    except SystemExit as exit_request:  # --help and --version
        return int(exit_request.code or 0)
    except KeyboardInterrupt:
        err.write("handbook: interrupted\n")
        return 130


def entry_point() -> None:
    """The console script: exit with :func:`main`'s code."""
    sys.exit(main())

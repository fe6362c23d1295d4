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
from typing import TYPE_CHECKING, TextIO

from generator.diagnostics import CODES
from generator.options import DEFAULT_HOST, DEFAULT_PORT

if TYPE_CHECKING:
    from generator.clitext import Words

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

    language = "en"
    """The language of usage errors (set by :func:`build_parser`)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from generator.clitext import usage_message

        raise UsageError(f"{self.prog}: {usage_message(message, self.language)}")


def build_parser(language: str = "en") -> argparse.ArgumentParser:
    """The full command-line grammar, its help and usage errors in *language*."""
    from generator import __version__
    from generator.clitext import (
        FLOWS_OPTION_DEST,
        add_help_option,
        formatter,
        localize_groups,
        words_of,
    )

    words = words_of(language)

    def configured(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        if isinstance(parser, _Parser):
            parser.language = language
        localize_groups(parser, language)
        add_help_option(parser, words)
        return parser

    parser = configured(
        _Parser(
            prog="handbook",
            description=words(
                "Process handbook generator: checks the flows and builds the staff handbook."
            ),
            formatter_class=formatter(language),
            add_help=False,
        )
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"handbook {__version__}",
        help=words("show the version and exit"),
    )
    commands = parser.add_subparsers(dest="command", required=True, title=words("commands"))

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return configured(
            commands.add_parser(
                name,
                help=words(text),
                description=words(text),
                formatter_class=formatter(language),
                add_help=False,
            )
        )

    validate = command("validate", "check process definitions")
    _add_flows(validate, words, "flows")
    _add_check_options(validate, words)
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help=words("output format"),
    )

    for name, text in (
        ("build", "build the handbook site"),
        ("serve", "build and serve it, rebuilding on changes"),
    ):
        build = command(name, text)
        _add_flows(build, words, "<project>/flows")
        build.add_argument("--project", default=".", help=words("project folder (with mkdocs.yml)"))
        _add_check_options(build, words)
        if name == "build":
            build.add_argument(
                "--site", default=None, help=words("output folder (default: <project>/site)")
            )
            build.add_argument("--no-pdf", action="store_true", help=words("skip the PDF decks"))
            build.add_argument(
                "--drafts", action="store_true", help=words("publish draft flows too (for review)")
            )
            build.add_argument(
                "-q",
                "--quiet",
                action="store_true",
                help=words("no progress lines (shown only on a terminal, never in CI)"),
            )
            build.add_argument(
                "--engine",
                choices=("mkdocs", "zensical"),
                default="mkdocs",
                help=words("the site engine (default: mkdocs)"),
            )
            build.add_argument(
                "--offline",
                action="store_true",
                help=words("a site that works opened from file:// without network"),
            )
        else:
            build.add_argument("--host", default=DEFAULT_HOST, help=words("address to serve on"))
            build.add_argument(
                "--port", type=int, default=DEFAULT_PORT, help=words("port to serve on")
            )
            build.add_argument("--pdf", action="store_true", help=words("also build the PDF decks"))

    new = command("new", "scaffold a new flow: DOMAIN/FLOW")
    new.add_argument("target", metavar="DOMAIN/FLOW", help=words("domain-id/flow-id"))
    _add_flows(new, words, "flows")
    _add_language_option(new, words)

    from generator.metrics.command import add_parser as add_metrics_parser

    metrics = configured(add_metrics_parser(commands, words))
    metrics.formatter_class = formatter(language)
    metrics.add_argument(
        "--flows", dest=FLOWS_OPTION_DEST, metavar="FLOWS", help=words("the same, as an option")
    )
    _add_language_option(metrics, words)

    from generator.bpmn.command import add_parsers as add_bpmn_parsers

    for bpmn_parser in add_bpmn_parsers(commands):
        configured(bpmn_parser)
        if bpmn_parser.prog.endswith(" bpmn"):
            _add_language_option(bpmn_parser, words)

    schema = command("schema", "print the JSON Schema of a file kind")
    schema.add_argument(
        "kind", nargs="?", choices=("domain", "roles", "flow"), help=words("file kind")
    )
    schema.add_argument(
        "--write", metavar="DIR", help=words("write all three schema files into DIR")
    )
    _add_language_option(schema, words)

    from generator.diff.command import add_parser as add_diff_parser

    diff = configured(add_diff_parser(commands, words))
    diff.formatter_class = formatter(language)
    _add_language_option(diff, words)
    from generator.init.command import add_parser as add_init_parser

    add_init_parser(commands)
    init = configured(commands.choices["init"])
    init.formatter_class = formatter(language)
    _add_language_option(init, words)
    return parser


def _add_flows(command: argparse.ArgumentParser, words: Words, default: str) -> None:
    from generator.clitext import add_flows_arguments

    add_flows_arguments(command, words, default)


def _add_language_option(command: argparse.ArgumentParser, words: Words) -> None:
    from generator.messages.choice import LANGUAGE_CHOICES

    command.add_argument(
        "--lang",
        choices=LANGUAGE_CHOICES,
        default=None,
        help=words("language of messages (default: the handbook's, from mkdocs.yml)"),
    )


def _add_check_options(command: argparse.ArgumentParser, words: Words) -> None:
    _add_language_option(command, words)
    command.add_argument("--strict", action="store_true", help=words("treat warnings as errors"))
    command.add_argument(
        "--ignore",
        type=_code,
        action="append",
        default=[],
        metavar="CODE",
        help=words("drop diagnostics with this code (repeatable)"),
    )
    command.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=words("the date overdue reviews are judged against (default: today)"),
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
    from generator.messages.localize import say
    from generator.spec import FILE_KINDS, json_schema

    if args.write:
        folder = Path(args.write)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in FILE_KINDS:
            (folder / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
        wrote = say(
            "wrote {count} schema files to {folder}",
            args.lang,
            count=len(FILE_KINDS),
            folder=folder,
        )
        err.write(f"handbook schema: {wrote}\n")
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
    from generator.messages.localize import say
    from generator.scaffold import scaffold_flow

    domain, _, flow = args.target.partition("/")
    if not domain or not flow:
        expected = say("expected DOMAIN/FLOW, got '{target}'", args.lang, target=args.target)
        raise UsageError(f"handbook new: {expected}")
    written = scaffold_flow(Path(args.flows), domain, flow)
    for path in written:
        out.write(say("created {path}", args.lang, path=path.as_posix()) + "\n")
    return EXIT_OK


def _run_metrics(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.metrics.command import run

    return run(args, out, err)


def _run_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.init.command import run

    return run(args, out, err)


def _run_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.commands import run_build
    from generator.options import options_from_args

    return run_build(options_from_args(args), out, err)


def _run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.commands import run_serve
    from generator.options import options_from_args

    return run_serve(options_from_args(args), out, err)


def _run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.bpmn.command import run_export

    return run_export(args, out, err)


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.bpmn.command import run_import

    return run_import(args, out, err)


def _run_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from generator.diff.command import run

    return run(args, out, err)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "validate": _run_validate,
    "schema": _run_schema,
    "new": _run_new,
    "metrics": _run_metrics,
    "build": _run_build,
    "serve": _run_serve,
    "export": _run_export,
    "import": _run_import,
    "diff": _run_diff,
    "init": _run_init,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line *argv*; return the exit code."""
    from generator.clitext import FlowsTwiceError, chosen_flows, early_language
    from generator.errors import HandbookError, error_line
    from generator.messages.choice import command_language
    from generator.messages.localize import say

    out = out or sys.stdout
    err = err or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = early_language(arguments)
    subcommand = ""
    try:
        args = build_parser(language).parse_args(arguments)
        subcommand = args.command
        try:
            flows = chosen_flows(args)
        except FlowsTwiceError as twice:
            message = say("FLOWS and --flows name different folders: {both}", language, both=twice)
            raise UsageError(f"handbook {subcommand}: {message}") from None
        _name_flows(args, flows)
        project = Path(getattr(args, "project", None) or ".")
        language = command_language(args.lang, Path(flows) if flows else project / "flows")
        args.lang = language
        return COMMANDS[args.command](args, out, err)
    except UsageError as error:
        err.write(f"{error}\n")
        return EXIT_USAGE
    except HandbookError as error:  # every failure of every stage: one line, no traceback
        err.write(error_line(subcommand, error, language) + "\n")
        return error.exit_code
    except SystemExit as exit_request:  # --help and --version
        return int(exit_request.code or 0)
    except KeyboardInterrupt:
        err.write(f"{' '.join(('handbook', subcommand)).strip()}: {say('interrupted', language)}\n")
        return 130


def _name_flows(args: argparse.Namespace, flows: str | None) -> None:
    """Put the flows folder where each command reads it (either form on the command line)."""
    if args.command == "validate":
        args.path = flows or "flows"
    elif args.command == "metrics":
        args.path = flows or args.path
    elif args.command == "new":
        args.flows = flows or "flows"
    elif args.command in ("build", "serve"):
        args.flows = flows


def entry_point() -> None:
    """The console script: exit with :func:`main`'s code."""
    sys.exit(main())

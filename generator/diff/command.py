"""``handbook diff OLD [NEW]``: parser setup and runner (registered by :mod:`generator.cli`).

Both sides are loaded and validated first. A side with errors stops the command
(exit 1) with its first errors: a diff of files the validator rejects would
compare guesses (a step dropped for a bad key would show as removed). Exit 0
otherwise, whatever the differences; with ``--check``, exit 1 when a flow's
content changed but its version was not bumped or its history lacks the new
version. A side that cannot be read (no such folder or revision, a shallow
clone without the revision, no git) is a usage error: one line, exit 2
(:class:`~generator.diff.sources.SourceError`, a ``HandbookError`` the command
line prints); a Graphviz failure of the visual diff is one line, exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, TextIO

from generator.i18n import DEFAULT_LANGUAGE, LANGUAGES

EXIT_OK = 0
EXIT_PROBLEMS = 1

ERRORS_SHOWN = 10
"""How many of a broken side's errors are printed before the count of the rest."""


def add_parser(subcommands: Any) -> argparse.ArgumentParser:
    """Add the ``diff`` subcommand to *subcommands* (``ArgumentParser.add_subparsers()``)."""
    from generator.diff.formats import FORMATS

    diff: argparse.ArgumentParser = subcommands.add_parser(
        "diff", help="compare two versions of the flows: git revisions or folders"
    )
    diff.add_argument("old", metavar="OLD", help="git revision (main, HEAD~1, a tag) or folder")
    diff.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        default=None,
        help="git revision or folder (default: the flows folder as it is now)",
    )
    diff.add_argument(
        "--flows",
        default="flows",
        help="flows folder, also its place in the repository for revisions (default: flows)",
    )
    diff.add_argument("--format", choices=FORMATS, default="text", help="output format")
    diff.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a flow's content changed but its version or history did not",
    )
    diff.add_argument("--html", metavar="DIR", help="also write the visual diff into DIR")
    diff.add_argument(
        "--language",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help="language of the markdown and HTML output (default: zh)",
    )
    return diff


def _report_errors(side: str, name: str, errors: tuple[Any, ...], err: TextIO) -> None:
    from generator.reporters import format_text

    count = len(errors)
    err.write(f"handbook diff: {side} ({name}) has {count} error{'s' if count != 1 else ''}:\n")
    err.write(format_text(errors[:ERRORS_SHOWN]))
    if count > ERRORS_SHOWN:
        err.write(f"… and {count - ERRORS_SHOWN} more (run handbook validate)\n")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``handbook diff`` with parsed *args*; return the exit code."""
    from generator.diff.compare import compare
    from generator.diff.formats import format_github, format_json, format_markdown, format_text
    from generator.diff.sources import read_side
    from generator.diff.versioncheck import version_problems
    from generator.i18n import labels
    from generator.reporters import visible

    today = dt.date.today()
    old = read_side(args.old, flows=args.flows, today=today)
    new = read_side(args.new or args.flows, flows=args.flows, today=today)
    for side, loaded in (("OLD", old), ("NEW", new)):
        if loaded.errors:
            _report_errors(side, loaded.name, loaded.errors, err)
            return EXIT_PROBLEMS
    diff = compare(old.handbook, new.handbook, old_name=old.name, new_name=new.name)
    problems = version_problems(diff, new.handbook) if args.check else ()
    words = labels(args.language)
    if args.format == "markdown":
        out.write(format_markdown(diff, problems, labels=words))
    else:
        formatter = {"text": format_text, "json": format_json, "github": format_github}
        out.write(formatter[args.format](diff, problems))
    if args.html:
        from generator.diff.visual import write_html

        try:
            pages = write_html(
                diff, new.handbook, Path(args.html), labels=words, language=args.language
            )
        except OSError as error:
            err.write(visible(f"handbook diff: cannot write the visual diff: {error}") + "\n")
            return EXIT_PROBLEMS
        err.write(f"wrote {len(pages)} pages to {args.html}\n")
    if problems:
        if args.format not in ("text", "github"):
            for problem in problems:
                err.write(visible(f"handbook diff: {problem.message}") + "\n")
        return EXIT_PROBLEMS
    return EXIT_OK

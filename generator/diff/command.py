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
Messages, the Markdown comment and the HTML pages are in ``--lang``'s language;
the text and GitHub formats name change kinds by their JSON names.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_PROBLEMS = 1

ERRORS_SHOWN = 10
"""How many of a broken side's errors are printed before the count of the rest."""


def _english(text: str, **args: object) -> str:
    return text.format(**args) if args else text


def add_parser(subcommands: Any, words: Callable[..., str] = _english) -> argparse.ArgumentParser:
    """Add the ``diff`` subcommand to *subcommands* (``ArgumentParser.add_subparsers()``);
    *words* translates the help texts (:func:`generator.clitext.words_of`)."""
    from generator.diff.formats import FORMATS

    text = "compare two versions of the flows: git revisions or folders"
    diff: argparse.ArgumentParser = subcommands.add_parser(
        "diff", help=words(text), description=words(text)
    )
    diff.add_argument(
        "old", metavar="OLD", help=words("git revision (main, HEAD~1, a tag) or folder")
    )
    diff.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        default=None,
        help=words("git revision or folder (default: the flows folder as it is now)"),
    )
    diff.add_argument(
        "--flows",
        default="flows",
        help=words("flows folder, also its place in the repository for revisions (default: flows)"),
    )
    diff.add_argument("--format", choices=FORMATS, default="text", help=words("output format"))
    diff.add_argument(
        "--check",
        action="store_true",
        help=words("exit 1 when a flow's content changed but its version or history did not"),
    )
    diff.add_argument("--html", metavar="DIR", help=words("also write the visual diff into DIR"))
    return diff


def _report_errors(
    side: str, name: str, errors: tuple[Any, ...], language: str, err: TextIO
) -> None:
    from generator.messages.localize import say
    from generator.reporters import format_text

    count = len(errors)
    template = (
        "{side} ({name}) has {count} error:"
        if count == 1
        else ("{side} ({name}) has {count} errors:")
    )
    err.write(f"handbook diff: {say(template, language, side=side, name=name, count=count)}\n")
    err.write(format_text(errors[:ERRORS_SHOWN], language))
    if count > ERRORS_SHOWN:
        rest = count - ERRORS_SHOWN
        err.write(say("… and {count} more (run handbook validate)", language, count=rest) + "\n")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``handbook diff`` with parsed *args*; return the exit code."""
    from generator.diff.compare import compare
    from generator.diff.formats import format_github, format_json, format_markdown, format_text
    from generator.diff.sources import read_side
    from generator.diff.versioncheck import version_problems
    from generator.i18n import DEFAULT_LANGUAGE, labels
    from generator.messages.localize import localized, say
    from generator.reporters import visible

    language = args.lang or DEFAULT_LANGUAGE
    today = dt.date.today()
    old = read_side(args.old, flows=args.flows, today=today)
    new = read_side(args.new or args.flows, flows=args.flows, today=today)
    for side, loaded in (("OLD", old), ("NEW", new)):
        if loaded.errors:
            _report_errors(side, loaded.name, loaded.errors, language, err)
            return EXIT_PROBLEMS
    diff = compare(old.handbook, new.handbook, old_name=old.name, new_name=new.name)
    problems = tuple(
        dataclasses.replace(problem, message=localized(problem.message, language))
        for problem in (version_problems(diff, new.handbook) if args.check else ())
    )
    words = labels(language)
    if args.format == "markdown":
        out.write(format_markdown(diff, problems, labels=words))
    else:
        formatter = {"text": format_text, "json": format_json, "github": format_github}
        out.write(formatter[args.format](diff, problems))
    if args.html:
        from generator.diff.visual import write_html

        try:
            pages = write_html(diff, new.handbook, Path(args.html), labels=words, language=language)
        except OSError as error:
            message = say("cannot write the visual diff: {reason}", language, reason=error)
            err.write(visible(f"handbook diff: {message}") + "\n")
            return EXIT_PROBLEMS
        wrote = say("wrote {count} pages to {folder}", language, count=len(pages), folder=args.html)
        err.write(wrote + "\n")
    if problems:
        if args.format not in ("text", "github"):
            for problem in problems:
                err.write(visible(f"handbook diff: {problem.message}") + "\n")
        return EXIT_PROBLEMS
    return EXIT_OK

"""The command line's own words (help, usage errors, the flows folder) in the handbook's language.

argparse writes its frame in English ("usage:", "options", "the following
arguments are required"); :func:`localized_parser` gives a parser the words of
one language, and :func:`usage_message` rewrites argparse's usage errors. Help
texts are English templates translated by the catalog, like every message.
:func:`add_flows_arguments` and :func:`chosen_flows` give every command the same
two ways to name the flows folder: ``handbook validate flows`` and
``handbook validate --flows flows``.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from generator.i18n import handbook_language
from generator.messages.choice import ENVIRONMENT_VARIABLE, command_language, configured_language
from generator.messages.localize import say

Words = Callable[..., str]
"""(English help text, its field values) -> the same text in the command's language."""

_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (
            r"^the following arguments are required: (?P<names>.*)$",
            "the following arguments are required: {names}",
        ),
        (r"^unrecognized arguments: (?P<names>.*)$", "unrecognized arguments: {names}"),
        (
            r"^argument (?P<name>[^:]+): invalid choice: (?P<value>.*) "
            r"\(choose from (?P<choices>.*)\)$",
            "argument {name}: invalid choice: {value} (choose from {choices})",
        ),
        (
            r"^argument (?P<name>[^:]+): expected one argument$",
            "argument {name}: expected one value",
        ),
        (
            r"^argument (?P<name>[^:]+): invalid (?P<kind>\w+) value: (?P<value>.*)$",
            "argument {name}: invalid {kind} value: {value}",
        ),
        (
            r"^argument (?P<name>[^:]+): invalid date '(?P<value>.*)': use YYYY-MM-DD$",
            "argument {name}: invalid date '{value}': use YYYY-MM-DD",
        ),
        (
            r"^argument (?P<name>[^:]+): unknown diagnostic code '(?P<value>.*)'$",
            "argument {name}: unknown diagnostic code '{value}'",
        ),
        (
            r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$",
            "ambiguous option: {option} could match {matches}",
        ),
    )
)
"""argparse's usage errors we know, as patterns of its English text and our templates."""


def usage_message(message: str, language: str) -> str:
    """An argparse usage error in *language* (unknown ones stay as argparse wrote them)."""
    for pattern, template in _ARGPARSE_ERRORS:
        found = pattern.match(message)
        if found is not None:
            return say(template, language, **found.groupdict())
    return message


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the ``usage:`` prefix in the command's language."""

    language = "en"
    """The language of the prefix (one subclass per language, see :func:`formatter`)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:  # argparse passes "" when it only wants the usage text itself
            prefix = say("usage: ", self.language)
        super().add_usage(usage, actions, groups, prefix)


@functools.cache
def formatter(language: str) -> type[argparse.HelpFormatter]:
    """The ``formatter_class`` of a parser speaking *language*."""
    return type(f"HelpFormatter_{language}", (_HelpFormatter,), {"language": language})


def localize_groups(parser: argparse.ArgumentParser, language: str) -> None:
    """Name the parser's argument groups in *language* (argparse names them in English)."""
    parser._positionals.title = say("arguments", language)
    parser._optionals.title = say("options", language)


def add_help_option(parser: argparse.ArgumentParser, words: Words) -> None:
    """``-h``/``--help`` with its help text in the command's language."""
    existing = parser._option_string_actions.get("-h")
    if existing is not None:  # a parser made elsewhere with argparse's own -h
        existing.help = words("show this help and exit")
        return
    parser.add_argument("-h", "--help", action="help", help=words("show this help and exit"))


def words_of(language: str) -> Words:
    """Translate help texts into *language*."""
    return functools.partial(_help_text, language=language)


def _help_text(text: str, language: str, **args: object) -> str:
    return say(text, language, **args).replace("%", "%%")


def early_language(argv: Sequence[str]) -> str:
    """The language of ``--help`` and usage errors, chosen before the arguments are parsed.

    ``--lang`` (``--lang en`` or ``--lang=en``) wins, then ``HANDBOOK_LANG``, then
    mkdocs.yml of ``--project`` or of the working folder (see
    :func:`generator.messages.choice.command_language`).
    """
    option = _option_value(argv, "--lang")
    if option is not None:
        try:
            return handbook_language(option)
        except ValueError:
            pass
    if not os.environ.get(ENVIRONMENT_VARIABLE, "").strip():
        project = _option_value(argv, "--project")
        if project is not None:
            configured = configured_language(Path(project) / "mkdocs.yml")
            if configured is not None:
                return configured
    return command_language(None, None)


def _option_value(argv: Sequence[str], option: str) -> str | None:
    for index, argument in enumerate(argv):
        if argument == option and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith(option + "="):
            return argument.split("=", 1)[1]
    return None


FLOWS_OPTION_DEST = "flows_option"
"""Where argparse puts ``--flows``; :func:`chosen_flows` merges it with the positional."""


def add_flows_arguments(parser: argparse.ArgumentParser, words: Words, default: str) -> None:
    """The flows folder, as ``FLOWS`` or as ``--flows FLOWS`` (the same for every command)."""
    text = words("flows folder (default: {default})", default=default)
    parser.add_argument("flows", nargs="?", default=None, metavar="FLOWS", help=text)
    parser.add_argument(
        "--flows",
        dest=FLOWS_OPTION_DEST,
        default=None,
        metavar="FLOWS",
        help=words("the same, as an option"),
    )


class FlowsTwiceError(ValueError):
    """``FLOWS`` and ``--flows`` name two different folders."""


def chosen_flows(args: argparse.Namespace) -> str | None:
    """The flows folder named on the command line (either form), or None for the default."""
    positional = getattr(args, "flows", None)
    option = getattr(args, FLOWS_OPTION_DEST, None)
    if positional and option and Path(positional) != Path(option):
        raise FlowsTwiceError(f"{positional} / {option}")
    return positional or option

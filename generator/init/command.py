"""The ``handbook init`` command line: its arguments and its runner."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, TextIO

from generator.i18n import LANGUAGES
from generator.init.project import (
    CI_SYSTEMS,
    DEFAULT_SITE_URL,
    InitError,
    ProjectSettings,
    create_project,
    default_site_name,
    installed_requirement,
)

EXIT_OK = 0
EXIT_REFUSED = 1


def add_parser(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Register ``handbook init`` with its options."""
    init = subcommands.add_parser("init", help="create a new handbook repository in DIR")
    init.add_argument("directory", metavar="DIR", help="the folder to create it in")
    init.add_argument("--name", default=None, help="the site's name (default: by language)")
    init.add_argument(
        "--language", choices=LANGUAGES, default=LANGUAGES[0], help="handbook language"
    )
    init.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        help="where the site is published (default: a placeholder to fill in)",
    )
    init.add_argument(
        "--ci", choices=CI_SYSTEMS, default=CI_SYSTEMS[0], help="the CI pipeline to write"
    )
    init.add_argument(
        "--package",
        default=None,
        help="pip requirement CI installs the handbook command by (default: this version)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Create the repository; 1 with one line when a file is in the way."""
    settings = ProjectSettings(
        site_name=args.name or default_site_name(args.language),
        language=args.language,
        site_url=args.site_url,
        package=args.package or installed_requirement(),
        ci=args.ci,
        today=dt.date.today(),
    )
    target = Path(args.directory)
    try:
        written = create_project(target, settings)
    except InitError as error:
        err.write(f"handbook init: {error}\n")
        return EXIT_REFUSED
    for path in written:
        out.write(f"created {path.as_posix()}\n")
    err.write(
        f"handbook init: next, in {target.as_posix()}: fill in site_url in mkdocs.yml, then "
        "`handbook validate` and `handbook serve`\n"
    )
    return EXIT_OK

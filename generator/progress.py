"""``handbook build`` says what it is doing: one line per stage on stderr, as the stage starts.

A build takes from seconds to minutes (Graphviz, MkDocs, Chromium); a silent
terminal looks hung. The lines go to a person's terminal only: not when stderr is
not a terminal (a pipe, a log file), not in CI (``CI=true``, as CI services set
it), and not with ``--quiet``, so logs and tests stay as they were.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from generator.messages.localize import say

STAGE_WORDS: Mapping[str, str] = {
    "validate": "checking the flows…",
    "diagrams": "drawing the diagrams…",
    "pages": "writing the pages…",
    "mkdocs": "building the site with MkDocs…",
    "zensical": "building the site with Zensical…",
    "pdf": "printing the PDF decks…",
}
"""What each build stage is called in the progress line (English templates; see the catalog)."""


def progress_wanted(
    stream: TextIO, *, quiet: bool, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to show progress on *stream*: a terminal, outside CI, and not ``--quiet``."""
    environ = os.environ if environ is None else environ
    in_ci = environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    is_terminal = getattr(stream, "isatty", lambda: False)()
    return not quiet and not in_ci and bool(is_terminal)


class Progress:
    """Writes ``handbook build: <stage>…`` lines, once per stage, when enabled."""

    def __init__(self, stream: TextIO, language: str, *, enabled: bool, command: str = "build"):
        self.stream = stream
        """Where the lines go (stderr)."""
        self.language = language
        """The language of the lines."""
        self.enabled = enabled
        """False: say nothing (see :func:`progress_wanted`)."""
        self.command = command
        """The command named at the start of each line."""
        self._said: set[str] = set()

    def __call__(self, stage: str) -> None:
        """Announce *stage* (a stage of :mod:`generator.build`); unknown stages are skipped."""
        if not self.enabled or stage in self._said or stage not in STAGE_WORDS:
            return
        self._said.add(stage)
        words = say(STAGE_WORDS[stage], self.language)
        self.stream.write(f"handbook {self.command}: {words}\n")
        self.stream.flush()

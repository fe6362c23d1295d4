"""The one exception root of the generator: every failure a user can act on is a HandbookError.

Each stage raises its own subclass (:class:`~generator.diagrams.errors.DiagramError`,
:class:`~generator.render.pages.RenderError`, :class:`~generator.site.config.SiteConfigError`,
:class:`~generator.printing.stage.PrintError`, ...) with a one-line message and a
:attr:`HandbookError.stage`; the command line prints every one of them the same
way, ``handbook <command>: <stage>: <message>`` (:func:`error_line`), without a
traceback. An error raised without a stage of its own (a missing tool, which
several stages need) is given the stage it surfaced in by :func:`in_stage`, so
no stage catches an error only to raise it again with a prefix.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.check import CheckResult

EXIT_FAILED = 1
"""The exit code of a failed command."""

EXIT_USAGE = 2
"""The exit code of a command that was misused."""


class HandbookError(Exception):
    """A failure with a one-line message a user can act on, and the stage it happened in."""

    stage: str = ""
    """Where it happened: ``config``, ``flows``, ``validate``, ``diagrams``, ``pages``,
    ``mkdocs``, ``site``, ``pdf``, ``new``...; empty until :func:`in_stage` names it."""

    exit_code: int = EXIT_FAILED
    """The exit code the command line returns for it."""

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        if stage is not None:
            self.stage = stage

    @property
    def message(self) -> str:
        """The one-line message, without the stage."""
        return str(self)

    def described(self) -> str:
        """``<stage>: <message>``, or the message alone when no stage is known."""
        return f"{self.stage}: {self.message}" if self.stage else self.message


class BuildError(HandbookError):
    """The build failed in a stage without an exception of its own (the site swap, MkDocs)."""


class InvalidFlowsError(BuildError):
    """Validation found errors (or warnings, when strict): nothing was written."""

    stage = "validate"

    def __init__(self, result: CheckResult):
        super().__init__(f"{result.errors} error(s) in the flows; nothing was built")
        self.result = result
        """The diagnostics to print."""


@contextlib.contextmanager
def in_stage(stage: str) -> Iterator[None]:
    """Name the stage of a :class:`HandbookError` that leaves the block without one."""
    try:
        yield
    except HandbookError as error:
        if not error.stage:
            error.stage = stage
        raise


def error_line(command: str, error: HandbookError, language: str = "en") -> str:
    """The line the command line prints: ``handbook <command>: <stage>: <message>``.

    A message made with :func:`generator.messages.text.msg` is written in
    *language*. Control characters (from a hostile file name or value) are shown
    as escapes.
    """
    from generator.messages.localize import localized
    from generator.reporters import visible

    message = localized(error.args[0], language) if error.args else error.message
    described = f"{error.stage}: {message}" if error.stage else message
    return f"handbook {command}: {visible(described)}"


__all__ = [
    "EXIT_FAILED",
    "EXIT_USAGE",
    "BuildError",
    "HandbookError",
    "InvalidFlowsError",
    "error_line",
    "in_stage",
]

"""The one exception of the diagram stage."""

from __future__ import annotations

from generator.errors import HandbookError


class DiagramError(HandbookError):
    """A diagram could not be rendered; the message is one line a user can act on.

    The command line catches it and prints the message without a traceback.
    """

    stage = "diagrams"

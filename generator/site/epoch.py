"""The build's date for reproducible output: SOURCE_DATE_EPOCH.

MkDocs dates the sitemap (and the PDF stage its decks) with ``SOURCE_DATE_EPOCH``.
When the environment does not set it, the build uses the newest ``effective``
date of any flow (UTC midnight): a property of the sources, so the same sources
give byte-identical sites on any machine and any day. Set ``SOURCE_DATE_EPOCH``
yourself (e.g. to the commit time) to date the site otherwise.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import os
from collections.abc import Iterator

from generator.errors import BuildError
from generator.model import Handbook

VARIABLE = "SOURCE_DATE_EPOCH"
"""The environment variable reproducible-build tools agree on."""


def source_date_epoch(handbook: Handbook) -> int:
    """SOURCE_DATE_EPOCH from the environment, else the newest ``effective`` date (UTC)."""
    configured = os.environ.get(VARIABLE, "").strip()
    if configured:
        try:
            return int(configured)
        except ValueError:
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not '{configured}'",
                stage="config",
            ) from None
    newest = max((flow.effective for flow in handbook.flows), default=dt.date(1970, 1, 1))
    return calendar.timegm(newest.timetuple())


@contextlib.contextmanager
def epoch_set(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to *epoch* for the duration of a block (the engine's run)."""
    previous = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ[VARIABLE]
        else:
            os.environ[VARIABLE] = previous


__all__ = ["epoch_set", "source_date_epoch"]

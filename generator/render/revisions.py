"""Document control facts of one flow as its pages show them: approver, revisions, force.

The flow page and the SOP card take :func:`control_context`; verify pages live at
:func:`verify_page` (``/verify/<domain>/<flow>/<version>/``), where the QR code of
a printed card leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.model import Flow, Handbook, Revision, Status
from generator.publish import approver, replacement
from generator.render import paths

VERIFY_FOLDER = paths.VERIFY_FOLDER
RECENT_REVISIONS = 3
"""How many revisions the SOP card and the printed decks show."""
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def version_slug(version: str) -> str:
    """A version as a URL path segment: ``1.2`` stays, anything else becomes ``-``."""
    slug = _UNSAFE.sub("-", version.strip()).strip("-.")
    return slug or "-"


def verify_page(flow_key: str, version: str) -> str:
    """The verify page of one version: ``verify/<domain>/<flow>/<version>/index.md``."""
    return f"{VERIFY_FOLDER}/{flow_key}/{version_slug(version)}/index.md"


@dataclass(frozen=True)
class RevisionRow:
    """One row of a revision table."""

    revision: Revision
    """The entry of the record."""
    verify_href: str
    """Link from the page to this version's verify page."""


def _href(target: str) -> Markup:
    return Markup(target)


def control_context(flow: Flow, handbook: Handbook, page: str) -> dict[str, Any]:
    """What the flow page and the SOP card show about approval, revisions and force."""
    successor = replacement(flow, handbook)
    successor_href = None
    if successor is not None and successor.status is not Status.RETIRED:
        successor_href = _href(paths.link(page, paths.flow_page(successor.key)))
    rows = [
        RevisionRow(entry, _href(paths.link(page, verify_page(flow.key, entry.version))))
        for entry in flow.history
    ]
    return {
        "approver": approver(flow),
        "revisions": rows,
        "recent_revisions": rows[:RECENT_REVISIONS],
        "archived": flow.status is Status.RETIRED,
        "successor": successor,
        "successor_href": successor_href,
        "review_iso": flow.review.isoformat(),
        "printed_on": None,
        "copy_label": None,
        "overdue_when_printed": False,
    }

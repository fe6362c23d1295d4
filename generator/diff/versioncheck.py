"""``handbook diff --check``: a flow whose content changed needs a new version in its history.

Content is everything but the document-control keys
(:data:`generator.diff.compare.CONTROL_FIELDS`): a new review date or an
approval alone does not need a new version. When a flow's content changed, its
``version`` must have gone up (in dotted-number order, when both versions are
dotted numbers; else it must differ), and when its version changed, its
``history`` must hold an entry for the new version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Location
from generator.diff.compare import content_changed
from generator.diff.model import HandbookDiff, Presence
from generator.messages.text import msg
from generator.model import Handbook

_DOTTED = re.compile(r"[0-9]+(\.[0-9]+)*")


@dataclass(frozen=True)
class VersionProblem:
    """One flow that fails the version check."""

    flow: str
    """The flow's ``domain/id``."""
    message: str
    """What is wrong, one line, starting with the flow's key (a ``msg`` message: any language)."""
    location: Location | None
    """Where the flow's ``version`` is written in the new tree."""


def dotted(version: str) -> tuple[int, ...] | None:
    """``"1.10"`` as ``(1, 10)``; ``None`` when the version is not a dotted number."""
    if _DOTTED.fullmatch(version.strip()) is None:
        return None
    return tuple(int(part) for part in version.strip().split("."))


def _went_up(old: str, new: str) -> bool:
    before, after = dotted(old), dotted(new)
    if before is None or after is None:
        return old != new
    return after > before


def version_problems(diff: HandbookDiff, new: Handbook) -> tuple[VersionProblem, ...]:
    """Every changed flow whose version was not bumped or whose history lacks the new version."""
    problems = []
    for flow_diff in diff.flows:
        if flow_diff.presence is not Presence.CHANGED:
            continue
        flow = new.flow(flow_diff.key, "")
        if flow is None or flow_diff.old_version is None:
            continue
        old, current = flow_diff.old_version, flow.version
        location = flow.where("version")
        changed = content_changed(flow_diff.changes)
        if changed and not _went_up(old, current):
            detail = (
                msg("still {version}", version=current) if old == current else f"{old} → {current}"
            )
            message = msg(
                "{flow}: content changed but version not bumped ({detail})",
                flow=flow.key,
                detail=detail,
            )
            problems.append(VersionProblem(flow.key, message, location))
        elif (changed or old != current) and current not in {
            revision.version for revision in flow.history
        }:
            message = msg(
                "{flow}: version {version} but its history lacks it", flow=flow.key, version=current
            )
            problems.append(VersionProblem(flow.key, message, flow.where("history")))
    return tuple(problems)

"""Checks of a loaded handbook beyond file shape: references, the flow graph, document control.

The loader reports everything about reading files and their shape (``E1xx``).
:func:`validate` runs every check here over the :class:`~generator.model.Handbook`
the loader built and returns all diagnostics at once, sorted by location. Each
check is a generator of diagnostics (in the style of jsonschema's ``iter_errors``),
and each one stays quiet where a problem would only be a consequence of another
(no cascades).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from generator.diagnostics import Diagnostic, sorted_diagnostics
from generator.model import Handbook
from generator.validate import (
    control,
    document,
    duplicates,
    graph,
    kinds,
    placeholders,
    probabilities,
    references,
    roles,
    subflows,
)

Check = Callable[[Handbook], Iterator[Diagnostic]]
"""A check: reads the handbook and yields what it finds wrong."""

CHECKS: tuple[Check, ...] = (
    placeholders.placeholder_text,
    duplicates.duplicate_role_ids,
    duplicates.duplicate_step_ids,
    references.unknown_steps,
    references.unknown_roles,
    references.unknown_flows,
    roles.reporting_cycles,
    roles.unused_roles,
    control.calls_out_of_force,
    subflows.subflow_cycles,
    kinds.misplaced_keys,
    kinds.decision_branches,
    probabilities.branch_probabilities,
    graph.graph_errors,
    document.review_not_after_effective,
    document.tasks_without_checklist,
    control.history_rules,
    control.replacement_rules,
)
"""Every check that needs only the handbook, in registry order."""


def validate(handbook: Handbook, *, today: dt.date) -> list[Diagnostic]:
    """Run every check over *handbook* and return the diagnostics, sorted by location.

    *today* is the date overdue reviews are measured against (``--today`` fixes it).
    """
    found: list[Diagnostic] = []
    for check in CHECKS:
        found.extend(check(handbook))
    found.extend(document.overdue_reviews(handbook, today=today))
    return sorted_diagnostics(found)


__all__ = ["CHECKS", "Check", "validate"]

"""Document control of a flow: review dates (E401, W401) and SOP completeness (W301)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.messages.text import Message, msg
from generator.model import Flow, Handbook, Status, Step, StepKind


def _has_dates(flow: Flow) -> bool:
    """Whether both dates of the flow were read (bad ones are the loader's to report)."""
    return not {"effective", "review"} & flow.invalid


def review_not_after_effective(handbook: Handbook) -> Iterator[Diagnostic]:
    """E401: the next review is on or before the date the version takes effect."""
    for flow in handbook.flows:
        if not _has_dates(flow):
            continue
        if flow.review <= flow.effective:
            yield Diagnostic(
                "E401",
                msg(
                    "review date '{review}' is not after effective date '{effective}'",
                    review=flow.review.isoformat(),
                    effective=flow.effective.isoformat(),
                ),
                flow.where("review"),
            )


def _days(count: int) -> Message:
    """``1 day``, ``330 days``."""
    return msg("{count} day" if count == 1 else "{count} days", count=count)


def overdue_reviews(handbook: Handbook, *, today: dt.date) -> Iterator[Diagnostic]:
    """W401: the review date has passed.

    Retired flows are not reviewed any more, and a review date that is already
    wrong (E401) is reported once, as that error.
    """
    for flow in handbook.flows:
        if "review" in flow.invalid or "status" in flow.invalid:
            continue
        if flow.status is Status.RETIRED or (_has_dates(flow) and flow.review <= flow.effective):
            continue
        if flow.review < today:
            overdue = (today - flow.review).days
            yield Diagnostic(
                "W401",
                msg(
                    "review date '{review}' has passed ({days} overdue)",
                    review=flow.review.isoformat(),
                    days=_days(overdue),
                ),
                flow.where("review"),
            )


def _has_misplaced_keys(step: Step) -> bool:
    """Whether a task has `branches` or `flow` (E302, E303): it was meant as another kind."""
    return bool(step.branches) or "branches" in step.spans or step.flow is not None


def tasks_without_checklist(handbook: Handbook) -> Iterator[Diagnostic]:
    """W301: a task step of an approved flow has no checklist for its SOP card.

    A "task" with `branches` or `flow` is reported as such (E302, E303), not here.
    """
    for flow in handbook.flows:
        if flow.status is not Status.APPROVED or "status" in flow.invalid:
            continue
        for step in flow.steps:
            if {"kind", "checklist"} & step.invalid or _has_misplaced_keys(step):
                continue
            if step.kind is StepKind.TASK and not step.checklist:
                yield Diagnostic(
                    "W301",
                    msg(
                        "task step '{step}' has no checklist, but the flow is approved",
                        step=step.id,
                    ),
                    step.location,
                )

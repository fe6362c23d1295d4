"""Who does what: RACI letters per step, per flow and per role, computed from the model.

All role references are qualified (``domain/id``) so a role of another domain is
the same column everywhere. Letters are always in R, A, C, I order.

A step's ``accountable`` defaults to its ``role``, so writing "R/A" in every cell
where the doer also answers for the result would say nothing: an A is shown
only where the accountable role differs from the doer (the legend says so:
an R without an A elsewhere in the row answers for the result itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.model import Flow, Handbook, Step

LETTERS = ("R", "A", "C", "I")
"""The RACI letters in display order."""


def step_letters(step: Step, flow: Flow, handbook: Handbook) -> dict[str, tuple[str, ...]]:
    """The letters each role holds in one step, by qualified role key.

    At most one A per step, and only when the accountable role is not the doer.
    """
    held: dict[str, list[str]] = {}

    def add(reference: str | None, letter: str) -> None:
        if reference is not None:
            letters = held.setdefault(handbook.qualify(reference, flow.domain), [])
            if letter not in letters:
                letters.append(letter)

    # added in R, A, C, I order, so each role's letters come out in that order
    add(step.role, "R")
    if accountable_differs(step, flow, handbook):
        add(step.accountable_role, "A")
    for reference in step.consulted:
        add(reference, "C")
    for reference in step.informed:
        add(reference, "I")
    return {key: tuple(letters) for key, letters in held.items()}


def accountable_differs(step: Step, flow: Flow, handbook: Handbook) -> bool:
    """Whether a step names an accountable role other than its doer (so an A adds information)."""
    accountable = step.accountable_role
    if accountable is None:
        return False
    if step.role is None:
        return True
    return handbook.qualify(accountable, flow.domain) != handbook.qualify(step.role, flow.domain)


def _ordered(letters: Iterable[str]) -> tuple[str, ...]:
    present = set(letters)
    return tuple(letter for letter in LETTERS if letter in present)


@dataclass(frozen=True)
class StepRow:
    """One row of a flow's RACI matrix."""

    step: Step
    """The step."""
    number: int
    """Its 1-based number in the flow."""
    letters: Mapping[str, tuple[str, ...]]
    """Letters by qualified role key."""


@dataclass(frozen=True)
class FlowMatrix:
    """A flow's RACI matrix: steps × roles."""

    roles: tuple[str, ...]
    """Qualified role keys: lanes (R) in order of first appearance, then the others."""
    rows: tuple[StepRow, ...]
    """Every step that involves a role (end steps usually do not)."""


def step_numbers(flow: Flow) -> dict[str, int]:
    """Each step's 1-based number, as shown in headings and on the SOP card."""
    return {step.id: number for number, step in enumerate(flow.steps, start=1)}


def flow_matrix(flow: Flow, handbook: Handbook) -> FlowMatrix:
    """The RACI matrix of one flow."""
    numbers = step_numbers(flow)
    lanes: dict[str, None] = {}
    others: dict[str, None] = {}
    rows = []
    for step in flow.steps:
        letters = step_letters(step, flow, handbook)
        if step.role is not None:
            lanes.setdefault(handbook.qualify(step.role, flow.domain), None)
        for key in letters:
            others.setdefault(key, None)
        if letters:
            rows.append(StepRow(step, numbers[step.id], letters))
    roles = tuple(lanes) + tuple(key for key in others if key not in lanes)
    return FlowMatrix(roles, tuple(rows))


def flow_letters(flow: Flow, handbook: Handbook) -> dict[str, tuple[str, ...]]:
    """The letters each role holds anywhere in a flow, by qualified role key."""
    held: dict[str, set[str]] = {}
    for step in flow.steps:
        for key, letters in step_letters(step, flow, handbook).items():
            held.setdefault(key, set()).update(letters)
    return {key: _ordered(letters) for key, letters in held.items()}


@dataclass(frozen=True)
class Involvement:
    """The steps of one flow in which a role holds a letter."""

    flow: Flow
    """The flow."""
    rows: tuple[StepRow, ...]
    """The steps, in flow order, each with the role's letters only."""


def involvements(handbook: Handbook) -> dict[str, tuple[Involvement, ...]]:
    """For every role key, the flows (domain order, then id) and steps it takes part in."""
    domain_rank = {domain.id: rank for rank, domain in enumerate(handbook.domains)}
    flows = sorted(
        handbook.flows, key=lambda flow: (domain_rank.get(flow.domain, 1 << 30), flow.key)
    )
    found: dict[str, list[Involvement]] = {}
    for flow in flows:
        numbers = step_numbers(flow)
        per_role: dict[str, list[StepRow]] = {}
        for step in flow.steps:
            for key, letters in step_letters(step, flow, handbook).items():
                per_role.setdefault(key, []).append(StepRow(step, numbers[step.id], {key: letters}))
        for key, rows in per_role.items():
            found.setdefault(key, []).append(Involvement(flow, tuple(rows)))
    return {key: tuple(value) for key, value in found.items()}


def display(letters: Iterable[str]) -> str:
    """Letters as shown in a cell: ``R/A``."""
    return "/".join(letters)

"""Expected visits of each step in one run of a flow: the flow as an absorbing Markov chain.

A run starts at the first step and moves along the flow's arrows: a task or
sub-flow step to its one successor, a decision to each branch with the branch's
``probability`` (or, when the decision gives none, each branch equally likely),
and an end step absorbs. The expected number of visits ``v`` of the transient
steps solves ``v = e_start + Qᵀ v`` (``Q``: the transition probabilities between
non-end steps), exactly, loops included.

The system is sparse and, with the steps numbered in flow order, nearly
triangular: only arrows that loop back lie above the diagonal. Sparse elimination
without pivoting (the matrix is an M-matrix when every loop can be left) costs
little more than one pass over the arrows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.flowgraph import FlowGraph, strongly_connected
from generator.model import StepKind

SINGULAR = 1e-12
"""A pivot below this means the loop has no way out: its steps would repeat for ever."""


@dataclass(frozen=True)
class Visits:
    """The expected visits of each step per run, and the loops that never end."""

    per_step: Mapping[str, float]
    """Expected visits per run, by step id (0 for steps a run never reaches)."""
    endless: tuple[tuple[str, ...], ...]
    """Loops (their step ids, in flow order) a run cannot leave: visits there are infinite."""


def transitions(graph: FlowGraph) -> dict[str, list[tuple[str, float]]]:
    """Where a run goes from each step, with what probability (end steps: nowhere)."""
    moves: dict[str, list[tuple[str, float]]] = {}
    for position, step in enumerate(graph.flow.steps):
        if graph.positions[step.id] != position:
            continue  # a repeated id (reported by validation): its first step stands for it
        if step.kind is StepKind.END:
            moves[step.id] = []
        elif step.kind is StepKind.DECISION:
            branches = [branch for branch in step.branches if branch.next in graph.positions]
            if all(branch.probability is not None for branch in branches):
                moves[step.id] = [(branch.next, branch.probability or 0.0) for branch in branches]
            else:
                moves[step.id] = [(branch.next, 1 / len(branches)) for branch in branches]
        else:
            moves[step.id] = [(target, 1.0) for target in graph.successors(step.id)]
    return moves


def _solve(columns: dict[int, dict[int, float]], right: list[float]) -> list[float] | None:
    """Solve ``(I - M) x = right`` for a sparse ``M`` (``columns[j][i]`` = ``M[i][j]``).

    ``I - M`` is the transposed fundamental matrix of a substochastic chain (an
    M-matrix when every loop can be left), so elimination needs no pivoting. With
    the steps numbered in flow order most entries lie below the diagonal and
    elimination is close to a forward substitution: only the arrows that loop
    back fill anything in. ``None`` when a pivot vanishes: a loop with no way out.
    """
    size = len(right)
    rows: list[dict[int, float]] = [{row: 1.0} for row in range(size)]
    below: list[set[int]] = [set() for _ in range(size)]  # rows with an entry left of the diagonal
    for column, entries in columns.items():
        for row, value in entries.items():
            rows[row][column] = rows[row].get(column, 0.0) - value
            if row > column:
                below[column].add(row)
    values = list(right)
    for pivot in range(size):
        pivot_row = rows[pivot]
        lead = pivot_row.get(pivot, 0.0)
        if abs(lead) < SINGULAR:
            return None
        upper = [(column, value) for column, value in pivot_row.items() if column > pivot]
        for row in sorted(below[pivot]):
            target = rows[row]
            factor = target.pop(pivot, 0.0) / lead
            if not factor:
                continue
            for column, value in upper:
                target[column] = target.get(column, 0.0) - factor * value
                if row > column:
                    below[column].add(row)
            values[row] -= factor * values[pivot]
    solution = [0.0] * size
    for row in range(size - 1, -1, -1):
        known = sum(value * solution[column] for column, value in rows[row].items() if column > row)
        solution[row] = (values[row] - known) / rows[row][row]
    return solution


def _endless_loops(graph: FlowGraph, moves: dict[str, list[tuple[str, float]]]) -> list[set[str]]:
    """The loops (strongly connected sets of steps) from which no arrow leads out."""
    order = {step_id: position for position, step_id in enumerate(graph.positions)}
    reached = set(graph.reachable())
    links = {
        step_id: [target for target, _ in targets]
        for step_id, targets in moves.items()
        if step_id in reached
    }
    trapped = []
    for members in strongly_connected(links):
        first = next(iter(members))
        looping = len(members) > 1 or first in links[first]
        leaves = any(target not in members for step in members for target in links[step])
        if looping and not leaves:
            trapped.append(members)
    return sorted(trapped, key=lambda members: min(order[s] for s in members))


def expected_visits(graph: FlowGraph) -> Visits:
    """How often a run of the flow visits each step, on average (see the module docstring)."""
    moves = transitions(graph)
    visits = dict.fromkeys(moves, 0.0)
    start = graph.start
    if start is None or start not in moves:
        return Visits(visits, ())
    reached = sorted(graph.reachable(), key=graph.positions.__getitem__)
    slot = {step_id: position for position, step_id in enumerate(reached)}
    # (I - Qᵀ) v = e_start: entry [target][source] of Qᵀ is p(source → target)
    columns: dict[int, dict[int, float]] = {}
    for source in reached:
        for target, probability in moves[source]:
            column = columns.setdefault(slot[source], {})
            column[slot[target]] = column.get(slot[target], 0.0) + probability
    solution = _solve(columns, [1.0 if step_id == start else 0.0 for step_id in reached])
    if solution is not None:
        for step_id, value in zip(reached, solution, strict=True):
            visits[step_id] = max(value, 0.0)
        return Visits(visits, ())
    # A loop with no way out (validation reports it, E311): a run never ends, so the
    # expected time is infinite; the loop's steps are marked as visited for ever.
    endless = _endless_loops(graph, moves)
    infinite = {step for members in endless for step in members}
    for step_id in reached:
        if step_id in infinite:
            visits[step_id] = math.inf
    order = {step_id: position for position, step_id in enumerate(graph.positions)}
    return Visits(
        visits,
        tuple(tuple(sorted(members, key=order.__getitem__)) for members in endless),
    )


__all__ = ["Visits", "expected_visits", "transitions"]

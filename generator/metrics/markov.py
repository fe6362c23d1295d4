"""Expected visits of each step in one run of a flow: the flow as an absorbing Markov chain.

A run starts at the first step and moves along the flow's arrows: a task or
sub-flow step to its one successor, a decision to each branch with the branch's
``probability`` (or, when the decision gives none, each branch equally likely),
and an end step absorbs. The expected number of visits ``v`` of the transient
steps solves ``v = e_start + Qᵀ v`` (``Q``: the transition probabilities between
non-end steps), exactly, loops included.

The system is solved one strongly connected component at a time, in topological
order: a step outside any loop gets its visits by one sum over its predecessors,
and only the steps of a loop need a (small) linear solve. A flow of fifteen steps
with one loop of three steps solves a 3×3 system, not a 15×15 one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.flowgraph import FlowGraph
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


def _components(
    nodes: Sequence[str], moves: Mapping[str, list[tuple[str, float]]]
) -> list[list[str]]:
    """Tarjan's strongly connected components, in topological order (sources first)."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = lowlink[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = moves[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position][0]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    lowlink[node] = min(lowlink[node], index[target])
                continue
            if lowlink[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    found.reverse()  # Tarjan emits sinks first
    return found


def _solve(matrix: list[list[float]], right: list[float]) -> list[float] | None:
    """Gaussian elimination with partial pivoting; ``None`` when the matrix is singular."""
    size = len(right)
    rows = [[*row, value] for row, value in zip(matrix, right, strict=True)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda row: abs(rows[row][column]))
        if abs(rows[pivot][column]) < SINGULAR:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        for row in range(column + 1, size):
            factor = rows[row][column] / lead
            if factor:
                for position in range(column, size + 1):
                    rows[row][position] -= factor * rows[column][position]
    solution = [0.0] * size
    for row in range(size - 1, -1, -1):
        known = sum(rows[row][position] * solution[position] for position in range(row + 1, size))
        solution[row] = (rows[row][size] - known) / rows[row][row]
    return solution


def expected_visits(graph: FlowGraph) -> Visits:
    """How often a run of the flow visits each step, on average (see the module docstring)."""
    moves = transitions(graph)
    visits = dict.fromkeys(moves, 0.0)
    start = graph.start
    if start is None or start not in moves:
        return Visits(visits, ())
    reached = graph.reachable()
    inflow = dict.fromkeys(moves, 0.0)
    inflow[start] = 1.0
    endless: list[tuple[str, ...]] = []
    order = {step_id: position for position, step_id in enumerate(graph.positions)}
    for component in _components(reached, moves):
        members = set(component)
        looping = len(component) > 1 or any(t == component[0] for t, _ in moves[component[0]])
        if not looping:
            (step_id,) = component
            visits[step_id] = inflow[step_id]
        else:
            ordered = sorted(component, key=order.__getitem__)
            slot = {step_id: position for position, step_id in enumerate(ordered)}
            # (I - Q_CCᵀ) v_C = inflow_C
            matrix = [[1.0 if row == column else 0.0 for column in ordered] for row in ordered]
            for source in ordered:
                for target, probability in moves[source]:
                    if target in members:
                        matrix[slot[target]][slot[source]] -= probability
            solution = _solve(matrix, [inflow[step_id] for step_id in ordered])
            if solution is None:
                endless.append(tuple(ordered))
                for step_id in ordered:
                    visits[step_id] = float("inf")
            else:
                for step_id, value in zip(ordered, solution, strict=True):
                    visits[step_id] = max(value, 0.0)
        for source in component:
            for target, probability in moves[source]:
                if target not in members:
                    inflow[target] += visits[source] * probability
    return Visits(visits, tuple(endless))


__all__ = ["Visits", "expected_visits", "transitions"]

"""A flow as a graph, computed once: links, edges, reachability, loops and sub-flow calls.

Every part of the generator that asks "where does this step lead?" asks this
module: validation (reachability, ends in reach), the diagram writer (edges,
loops drawn backwards), RACI and the pages (callers of a flow), incremental
builds, metrics, BPMN and the semantic diff. Nothing here reports problems:
targets that are not steps of the flow are kept in :attr:`FlowGraph.links`
(validation reports them) and left out of :attr:`FlowGraph.edges`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.model import Flow, Handbook, Step, StepKind


@dataclass(frozen=True)
class Edge:
    """One arrow of a flow: from a step to a step of the same flow."""

    source: str
    """The id of the step the arrow leaves."""
    target: str
    """The id of the step the arrow enters."""
    label: str | None = None
    """The branch label (``when``) of a decision's arrow; ``None`` for a plain link."""
    branch: int | None = None
    """The index of the branch in the decision's ``branches``; ``None`` for a plain link."""


def step_links(flow: Flow) -> dict[str, tuple[str, ...]]:
    """Where each step leads, by step id: its branches, its ``next``, or the following step.

    An end step leads nowhere; the last step without ``next`` leads nowhere either
    (validation reports it, E312). Targets are kept as written, known or not.
    """
    following: dict[str, tuple[str, ...]] = {}
    for position, step in enumerate(flow.steps):
        if step.kind is StepKind.END:
            targets: tuple[str, ...] = ()
        elif step.kind is StepKind.DECISION:
            targets = tuple(branch.next for branch in step.branches)
        elif step.next is not None:
            targets = (step.next,)
        elif position + 1 < len(flow.steps):
            targets = (flow.steps[position + 1].id,)
        else:
            targets = ()
        following.setdefault(step.id, targets)
    return following


class FlowGraph:
    """The links of one flow, with the questions asked of them answered once each."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        """The flow this graph describes."""
        self.links: dict[str, tuple[str, ...]] = step_links(flow)
        """Where each step leads, by step id (targets as written, even unknown ones)."""
        self.positions: dict[str, int] = {}
        """Each step id's position in the flow's step list (the first, for a repeated id)."""
        for position, step in enumerate(flow.steps):
            self.positions.setdefault(step.id, position)

    @property
    def start(self) -> str | None:
        """The id of the first step, or ``None`` for a flow without steps."""
        return self.flow.steps[0].id if self.flow.steps else None

    @cached_property
    def edges(self) -> tuple[Edge, ...]:
        """Every arrow to a step of the flow, in flow order (branches in their order)."""
        found: list[Edge] = []
        for position, step in enumerate(self.flow.steps):
            if self.positions[step.id] != position:
                continue  # a repeated id: its first step stands for it
            if step.kind is StepKind.DECISION:
                found.extend(
                    Edge(step.id, branch.next, branch.when, index)
                    for index, branch in enumerate(step.branches)
                    if branch.next in self.positions
                )
            else:
                found.extend(
                    Edge(step.id, target)
                    for target in self.links[step.id]
                    if target in self.positions
                )
        return tuple(found)

    @cached_property
    def _successors(self) -> dict[str, tuple[str, ...]]:
        positions = self.positions
        found: dict[str, tuple[str, ...]] = {}
        for step_id, targets in self.links.items():
            for target in targets:
                if target not in positions:  # rare (an error): keep only the steps of the flow
                    targets = tuple(kept for kept in targets if kept in positions)
                    break
            found[step_id] = targets
        return found

    def successors(self, step_id: str) -> tuple[str, ...]:
        """The ids of the steps *step_id* leads to (steps of the flow only, in order)."""
        return self._successors.get(step_id, ())

    @cached_property
    def _outgoing(self) -> dict[str, tuple[Edge, ...]]:
        found: dict[str, list[Edge]] = {step_id: [] for step_id in self.positions}
        for edge in self.edges:
            found[edge.source].append(edge)
        return {step_id: tuple(edges) for step_id, edges in found.items()}

    def outgoing(self, step_id: str) -> tuple[Edge, ...]:
        """The arrows leaving *step_id*, in order (a decision's in the order of its branches)."""
        return self._outgoing.get(step_id, ())

    @cached_property
    def _predecessors(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {step_id: [] for step_id in self.positions}
        for edge in self.edges:
            if edge.source not in found[edge.target]:
                found[edge.target].append(edge.source)
        return {step_id: tuple(sources) for step_id, sources in found.items()}

    def predecessors(self, step_id: str) -> tuple[str, ...]:
        """The ids of the steps that lead to *step_id*, in flow order of their arrows."""
        return self._predecessors.get(step_id, ())

    def reachable(self, start: str | None = None) -> list[str]:
        """The step ids reachable from *start* (default: the first step), breadth first."""
        first = self.start if start is None else start
        if first is None or first not in self.positions:
            return []
        order = [first]
        seen = {first}
        for step_id in order:
            for target in self.successors(step_id):
                if target not in seen:
                    seen.add(target)
                    order.append(target)
        return order

    @cached_property
    def loops(self) -> frozenset[tuple[str, str]]:
        """The arrows that close a loop: (source, target) back to a step on the path.

        Depth first from the start, in flow order; steps not reachable from the
        start are visited afterwards, so the answer is deterministic for any model.
        Reversing these arrows leaves a graph without cycles.
        """
        found: set[tuple[str, str]] = set()
        finished: set[str] = set()
        on_path: set[str] = set()
        for root in self.positions:
            if root in finished:
                continue
            on_path.add(root)
            stack: list[tuple[str, Iterator[str]]] = [(root, iter(self.successors(root)))]
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    on_path.discard(node)
                    finished.add(node)
                    stack.pop()
                elif child in on_path:
                    found.add((node, child))
                elif child not in finished:
                    on_path.add(child)
                    stack.append((child, iter(self.successors(child))))
        return frozenset(found)

    def is_loop(self, edge: Edge) -> bool:
        """Whether *edge* closes a loop (see :attr:`loops`)."""
        return (edge.source, edge.target) in self.loops

    @cached_property
    def end_steps(self) -> tuple[str, ...]:
        """The ids of the end steps, in flow order."""
        return tuple(step.id for step in self.flow.steps if step.kind is StepKind.END)


def called_flow(handbook: Handbook, flow: Flow, step: Step) -> Flow | None:
    """The flow a sub-flow *step* of *flow* calls, when it is one and the flow exists."""
    if step.kind is not StepKind.SUBFLOW or step.flow is None:
        return None
    return handbook.flow(step.flow, flow.domain)


def calls(handbook: Handbook, flow: Flow) -> Iterator[tuple[Step, Flow]]:
    """The sub-flow steps of *flow* whose called flow exists, with that flow."""
    for step in flow.steps:
        called = called_flow(handbook, flow, step)
        if called is not None:
            yield step, called


def callers(handbook: Handbook) -> dict[str, tuple[tuple[Flow, Step], ...]]:
    """For every flow key, the (flow, step) pairs that call it as a sub-flow, sorted by key."""
    found: dict[str, list[tuple[Flow, Step]]] = {}
    for flow in handbook.flows:
        for step, called in calls(handbook, flow):
            found.setdefault(called.key, []).append((flow, step))
    return {
        key: tuple(sorted(pairs, key=lambda pair: (pair[0].key, pair[1].id)))
        for key, pairs in found.items()
    }


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[set[str]]:
    """Tarjan's algorithm (iterative): the strongly connected components of *graph*.

    *graph* maps every node to the nodes it leads to (each of them a key too);
    roots are taken in sorted order, so the answer is deterministic.
    """
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = lowlink[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    lowlink[node] = min(lowlink[node], index[successor])
                continue
            if lowlink[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return components


__all__ = [
    "Edge",
    "FlowGraph",
    "called_flow",
    "callers",
    "calls",
    "step_links",
    "strongly_connected",
]

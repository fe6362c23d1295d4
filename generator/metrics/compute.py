"""The figures of every flow and role: handoffs, controls, critical path, expected cycle time, load.

Everything is computed from the model once per handbook (:func:`handbook_metrics`):
the command line, the validator's design checks (W5xx) and the site read the
same :class:`HandbookMetrics`.

Definitions (also in the authoring guide):

* a **handoff** is an arrow whose two steps have different roles (steps without a
  role, such as most end steps, neither hand off nor receive);
* the **longest run** is the most steps one role does in a row on any path;
* **control coverage** is the share of task steps with a ``control``;
* a step's **time** is its ``duration`` (0 when it has none); a sub-flow step
  takes the expected cycle time of the flow it calls instead;
* the **critical path** is the longest path by time from the first step to an
  end step, each loop taken once (the arrows that close loops are left out);
* the **expected cycle time** is the sum of each step's time times its expected
  visits per run (:mod:`generator.metrics.markov`), loops included exactly.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.flowgraph import FlowGraph, called_flow
from generator.metrics.markov import expected_visits
from generator.model import Flow, Handbook, Step, StepKind


@dataclass(frozen=True)
class FlowMetrics:
    """The figures of one flow."""

    key: str
    """The flow's key, ``domain/id``."""
    steps_by_kind: Mapping[str, int]
    """How many steps of each kind (``task``, ``decision``, ``subflow``, ``end``)."""
    lanes: int
    """How many roles do steps (the swimlanes)."""
    handoffs: int
    """Arrows whose two steps have different roles."""
    longest_run: int
    """The most steps one role does in a row on any path."""
    decisions: int
    """Decision steps."""
    loops: int
    """Arrows that go back to an earlier step on the path (each closes a loop)."""
    tasks: int
    """Task steps."""
    controlled_tasks: int
    """Task steps with a ``control``."""
    without_duration: tuple[str, ...]
    """Ids of the task and decision steps without a ``duration``."""
    critical_path: tuple[str, ...]
    """The step ids of the critical path, in order."""
    critical_minutes: float
    """The time of the critical path."""
    expected_minutes: float
    """The expected cycle time per run (``inf`` when a loop never ends)."""
    visits: Mapping[str, float]
    """Expected visits per run of each step, by id."""
    endless: tuple[tuple[str, ...], ...]
    """Loops a run can never leave (their step ids)."""
    guessed_probabilities: int
    """Decisions without probabilities, whose branches were taken as equally likely."""

    @property
    def control_coverage(self) -> float | None:
        """Tasks with a control point / tasks (``None`` for a flow without tasks)."""
        return self.controlled_tasks / self.tasks if self.tasks else None


@dataclass(frozen=True)
class RoleLoad:
    """What one role carries across the handbook."""

    key: str
    """The role's key, ``domain/id``."""
    responsible: int
    """Steps the role does (R)."""
    accountable: int
    """Steps the role answers for (A: ``accountable``, or the doer when none is named)."""
    consulted: int
    """Steps the role is consulted on (C)."""
    informed: int
    """Steps the role is informed of (I)."""
    minutes_per_flow: Mapping[str, float]
    """Expected minutes of R work per run of each flow, by flow key (flows with R steps)."""
    flows: tuple[str, ...]
    """Keys of every flow the role appears in (any RACI letter), sorted."""


@dataclass(frozen=True)
class HandbookMetrics:
    """The figures of every flow and role."""

    flows: Mapping[str, FlowMetrics]
    """By flow key, in the handbook's flow order."""
    roles: Mapping[str, RoleLoad]
    """By role key, for every role that appears in a flow, in the handbook's role order."""


def _step_minutes(step: Step, called_minutes: float | None) -> float:
    if step.kind is StepKind.SUBFLOW and called_minutes is not None:
        return called_minutes
    return float(step.duration.minutes) if step.duration is not None else 0.0


def _acyclic_order(graph: FlowGraph) -> list[str]:
    """Step ids in a topological order of the flow without its loop-closing arrows."""
    incoming = dict.fromkeys(graph.positions, 0)
    forward = [edge for edge in graph.edges if not graph.is_loop(edge)]
    following: dict[str, list[str]] = {step_id: [] for step_id in graph.positions}
    for edge in forward:
        incoming[edge.target] += 1
        following[edge.source].append(edge.target)
    positions = graph.positions
    ready = [(positions[s], s) for s, count in incoming.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _position, step_id = heapq.heappop(ready)
        order.append(step_id)
        for target in following[step_id]:
            incoming[target] -= 1
            if incoming[target] == 0:
                heapq.heappush(ready, (positions[target], target))
    return order


_REMEMBERED: dict[int, tuple[Flow, tuple[float | None, ...], FlowMetrics]] = {}
"""The figures of flow objects computed before, by ``id``: kept for the flows of the last
handbook only (:func:`handbook_metrics` prunes it), so a long ``handbook serve`` holds no more."""


class _Calculator:
    """Computes flows on demand, each once, sub-flows before their callers."""

    def __init__(self, handbook: Handbook, *, remember: bool = True) -> None:
        self.handbook = handbook
        self.remember = remember
        self.done: dict[str, FlowMetrics] = {}
        self.in_progress: set[str] = set()

    def flow(self, flow: Flow) -> FlowMetrics:
        """The metrics of *flow* (and, first, of the flows it calls).

        A flow object met before (``handbook serve`` reuses the model of every
        unchanged file) whose called flows still take the same time is not
        computed again.
        """
        if flow.key in self.done:
            return self.done[flow.key]
        self.in_progress.add(flow.key)
        called = tuple(self._called_minutes(flow, step) for step in flow.steps)
        remembered = _REMEMBERED.get(id(flow))
        if remembered is not None and remembered[0] is flow and remembered[1] == called:
            metrics = remembered[2]
        else:
            metrics = self._compute(flow, called)
            if self.remember:
                _REMEMBERED[id(flow)] = (flow, called, metrics)
        self.in_progress.discard(flow.key)
        self.done[flow.key] = metrics
        return metrics

    def _called_minutes(self, flow: Flow, step: Step) -> float | None:
        called = called_flow(self.handbook, flow, step)
        if called is None or called.key in self.in_progress:  # a call cycle is E207
            return None
        return self.flow(called).expected_minutes

    def _compute(self, flow: Flow, called: tuple[float | None, ...]) -> FlowMetrics:
        graph = FlowGraph(flow)
        minutes: dict[str, float] = {}
        for step, called_minutes in zip(reversed(flow.steps), reversed(called), strict=True):
            minutes[step.id] = _step_minutes(step, called_minutes)  # the first of a repeated id
        steps = {step.id: step for step in reversed(flow.steps)}
        roles = {
            step_id: self.handbook.qualify(step.role, flow.domain) if step.role else None
            for step_id, step in steps.items()
        }
        kinds = {kind.value: 0 for kind in StepKind}
        for step in flow.steps:
            kinds[step.kind.value] += 1
        handoffs = sum(
            1
            for edge in graph.edges
            if roles[edge.source]
            and roles[edge.target]
            and roles[edge.source] != roles[edge.target]
        )
        order = _acyclic_order(graph)
        run: dict[str, int] = {}
        best: dict[str, tuple[float, list[str]]] = {}
        start = graph.start
        for step_id in order:
            same_role = [
                run[source]
                for source in graph.predecessors(step_id)
                if source in run
                and (source, step_id) not in graph.loops
                and roles[source] is not None
                and roles[source] == roles[step_id]
            ]
            run[step_id] = (1 + max(same_role, default=0)) if roles[step_id] else 0
            if step_id == start:
                best[step_id] = (minutes[step_id], [step_id])
                continue
            reaching = [
                best[source]
                for source in graph.predecessors(step_id)
                if source in best and (source, step_id) not in graph.loops
            ]
            if reaching:
                length, path = max(reaching, key=lambda item: item[0])
                best[step_id] = (length + minutes[step_id], [*path, step_id])
        ends = [step_id for step_id in graph.end_steps if step_id in best]
        candidates = ends or list(best)
        critical = max(candidates, key=lambda s: best[s][0], default=None)
        critical_minutes, critical_path = best[critical] if critical else (0.0, [])
        visits = expected_visits(graph)
        expected = sum(
            minutes[step_id] * count
            for step_id, count in visits.per_step.items()
            if count and minutes[step_id]
        )
        if visits.endless:
            expected = math.inf
        tasks = [step for step in flow.steps if step.kind is StepKind.TASK]
        return FlowMetrics(
            key=flow.key,
            steps_by_kind=kinds,
            lanes=len({role for role in roles.values() if role}),
            handoffs=handoffs,
            longest_run=max(run.values(), default=0),
            decisions=kinds[StepKind.DECISION.value],
            loops=len(graph.loops),
            tasks=len(tasks),
            controlled_tasks=sum(1 for step in tasks if step.control),
            without_duration=tuple(
                step.id
                for step in flow.steps
                if step.kind in (StepKind.TASK, StepKind.DECISION) and step.duration is None
            ),
            critical_path=tuple(critical_path),
            critical_minutes=critical_minutes,
            expected_minutes=expected,
            visits=visits.per_step,
            endless=visits.endless,
            guessed_probabilities=sum(
                1
                for step in flow.steps
                if step.kind is StepKind.DECISION
                and step.branches
                and any(branch.probability is None for branch in step.branches)
            ),
        )


def _role_loads(handbook: Handbook, flows: Mapping[str, FlowMetrics]) -> dict[str, RoleLoad]:
    counts: dict[str, list[int]] = {}
    minutes: dict[str, dict[str, float]] = {}
    involved: dict[str, set[str]] = {}

    def note(reference: str | None, flow: Flow, letter: int) -> str | None:
        if not reference:
            return None
        key = handbook.qualify(reference, flow.domain)
        counts.setdefault(key, [0, 0, 0, 0])[letter] += 1
        involved.setdefault(key, set()).add(flow.key)
        return key

    for flow in handbook.flows:
        figures = flows[flow.key]
        called = {step.id: called_flow(handbook, flow, step) for step in flow.steps}
        for step in flow.steps:
            doer = note(step.role, flow, 0)
            note(step.accountable_role, flow, 1)
            for reference in step.consulted:
                note(reference, flow, 2)
            for reference in step.informed:
                note(reference, flow, 3)
            if doer is not None:
                target = called[step.id]
                call_minutes = flows[target.key].expected_minutes if target else None
                spent = _step_minutes(step, call_minutes) * figures.visits.get(step.id, 0.0)
                per_flow = minutes.setdefault(doer, {})
                per_flow[flow.key] = per_flow.get(flow.key, 0.0) + spent
    order = [role.key for role in handbook.roles if role.key in counts]
    order += sorted(key for key in counts if key not in set(order))
    return {
        key: RoleLoad(
            key=key,
            responsible=counts[key][0],
            accountable=counts[key][1],
            consulted=counts[key][2],
            informed=counts[key][3],
            minutes_per_flow=dict(sorted(minutes.get(key, {}).items())),
            flows=tuple(sorted(involved[key])),
        )
        for key in order
    }


def forget_figures() -> None:
    """Drop the figures remembered from earlier calls (a benchmark times a first computation)."""
    _REMEMBERED.clear()


def handbook_metrics(handbook: Handbook, *, remember: bool = True) -> HandbookMetrics:
    """The figures of every flow and role of a valid *handbook*.

    The figures of its flows are remembered for the next call (and those of
    other flows forgotten); with *remember* false, for a model met once (the
    previous build's, to compare with), nothing remembered changes.
    """
    calculator = _Calculator(handbook, remember=remember)
    flows = {flow.key: calculator.flow(flow) for flow in handbook.flows}
    if remember:
        current = {id(flow) for flow in handbook.flows}
        for stale in [key for key in _REMEMBERED if key not in current]:
            del _REMEMBERED[stale]
    return HandbookMetrics(flows=flows, roles=_role_loads(handbook, flows))


__all__ = ["FlowMetrics", "HandbookMetrics", "RoleLoad", "forget_figures", "handbook_metrics"]

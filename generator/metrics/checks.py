"""Design and RACI checks over the metrics (W501–W506), each located where the author fixes it.

They run only on a handbook without errors (figures of a broken flow mean
nothing), after the validator, with the thresholds of
:class:`~generator.metrics.config.MetricsConfig`.

Two RACI rules people ask for cannot be broken in this format and so have no
code: every non-end step must name its doer (``role`` is required, E111), and a
step has one ``accountable`` at most (a list there is E110).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.flowgraph import FlowGraph
from generator.metrics.compute import HandbookMetrics
from generator.metrics.config import MetricsConfig
from generator.model import Flow, Handbook, Step, StepKind


def _only_consulted(handbook: Handbook, metrics: HandbookMetrics) -> Iterator[Diagnostic]:
    for role in handbook.roles:
        load = metrics.roles.get(role.key)
        if load is not None and not load.responsible and not load.accountable:
            yield Diagnostic(
                "W501",
                f"role '{role.id}' is only ever consulted ({load.consulted}) or informed "
                f"({load.informed}); it does no step and answers for none",
                role.location,
            )


def _doer_also_consulted(flow: Flow) -> Iterator[Diagnostic]:
    for step in flow.steps:
        if step.role is None:
            continue
        for letter, references in (("consulted", step.consulted), ("informed", step.informed)):
            for index, reference in enumerate(references):
                if reference == step.role:
                    yield Diagnostic(
                        "W502",
                        f"step '{step.id}': '{reference}' does the step and is also {letter}",
                        step.where(letter, index),
                    )


def _role_share(flow: Flow, limit: float) -> Iterator[Diagnostic]:
    work = [step for step in flow.steps if step.kind is not StepKind.END and step.role]
    counts: dict[str, int] = {}
    for step in work:
        assert step.role is not None
        counts[step.role] = counts.get(step.role, 0) + 1
    for role, count in sorted(counts.items()):
        if count / len(work) > limit:
            yield Diagnostic(
                "W503",
                f"role '{role}' does {count} of the {len(work)} steps of the flow "
                f"({count / len(work):.0%}, more than {limit:.0%})",
                flow.where("steps"),
            )


def _path_after(graph: FlowGraph, steps: dict[str, Step], first: str) -> list[Step]:
    """The steps from *first* up to the next decision or end step (or the path's repeat)."""
    path: list[Step] = []
    seen: set[str] = set()
    current: str | None = first
    while current is not None and current not in seen and current in steps:
        seen.add(current)
        step = steps[current]
        path.append(step)
        if step.kind in (StepKind.DECISION, StepKind.END):
            break
        following = graph.successors(current)
        current = following[0] if following else None
    return path


def _uncontrolled_decisions(flow: Flow) -> Iterator[Diagnostic]:
    graph = FlowGraph(flow)
    steps = {step.id: step for step in reversed(flow.steps)}
    for step in flow.steps:
        if step.kind is not StepKind.DECISION or step.control:
            continue
        for branch in step.branches:
            if (step.id, branch.next) in graph.loops:
                continue  # going back to redo work: the redone steps are checked on their path
            path = _path_after(graph, steps, branch.next)
            work = [s for s in path if s.kind is not StepKind.END]
            if work and not any(s.control for s in work):
                names = " → ".join(f"'{s.id}'" for s in work)
                yield Diagnostic(
                    "W504",
                    f"decision '{step.id}', branch '{branch.when}': no control point on "
                    f"the path {names}",
                    branch.location,
                )


def _endless_loops(flow: Flow, metrics: HandbookMetrics, limit: float) -> Iterator[Diagnostic]:
    figures = metrics.flows[flow.key]
    steps = {step.id: step for step in reversed(flow.steps)}
    graph = FlowGraph(flow)
    for source, target in sorted(graph.loops, key=lambda pair: graph.positions[pair[0]]):
        visits = figures.visits.get(target, 0.0)
        if visits >= limit:
            shown = "for ever" if visits == float("inf") else f"{visits:.1f} times per run"
            back = next((b for b in steps[source].branches if b.next == target), None)
            yield Diagnostic(
                "W505",
                f"the loop from '{source}' back to '{target}' repeats {shown} on average",
                back.where("probability") if back is not None else steps[source].location,
            )


def _handoffs(flow: Flow, metrics: HandbookMetrics, limit: int) -> Iterator[Diagnostic]:
    handoffs = metrics.flows[flow.key].handoffs
    if handoffs > limit:
        yield Diagnostic(
            "W506",
            f"the work changes hands {handoffs} times in this flow (more than {limit})",
            flow.where("steps"),
        )


def design_checks(
    handbook: Handbook, metrics: HandbookMetrics, config: MetricsConfig
) -> Iterator[Diagnostic]:
    """Every W5xx warning the configuration turns on, for a handbook without errors."""
    if config.only_consulted:
        yield from _only_consulted(handbook, metrics)
    for flow in handbook.flows:
        yield from _doer_also_consulted(flow)
        if config.max_role_share is not None:
            yield from _role_share(flow, config.max_role_share)
        if config.decision_controls:
            yield from _uncontrolled_decisions(flow)
        if config.max_loop_visits is not None:
            yield from _endless_loops(flow, metrics, config.max_loop_visits)
        if config.max_handoffs is not None:
            yield from _handoffs(flow, metrics, config.max_handoffs)


__all__ = ["design_checks"]

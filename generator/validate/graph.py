"""The flow as a graph: unreachable steps (E310), no end in reach (E311), falling off (E312).

These checks run only on flows whose links are sound: a flow with shape errors
in its steps, a repeated step id (E202), an unknown target (E203) or a link the
graph cannot follow (E301, E302, E304, E305) would give errors here that are
consequences, not causes. For the same reason a loop with no way out (E311)
hides the unreachable steps (E310) it cuts off.

The graph is :class:`generator.flowgraph.FlowGraph`, built once per flow.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diagnostics import Diagnostic
from generator.flowgraph import FlowGraph
from generator.messages.text import msg
from generator.model import Flow, Handbook, Step, StepKind
from generator.validate.duplicates import has_duplicate_step_ids
from generator.validate.references import unknown_step_targets


def _has_ignored_links(flow: Flow) -> bool:
    """Whether a step has links the graph ignores or lacks (E301, E302, E304, E305).

    The author meant those links: steps they point at would look unreachable.
    """
    for step in flow.steps:
        if step.kind is StepKind.DECISION:
            ignored = len(step.branches) < 2 or step.next is not None
        else:
            misplaced_branches = bool(step.branches) or "branches" in step.spans
            ignored = misplaced_branches or (step.kind is StepKind.END and step.next is not None)
        if ignored:
            return True
    return False


def is_sound(flow: Flow) -> bool:
    """Whether the flow's steps and links are whole enough to reason about its graph."""
    return (
        flow.well_formed
        and bool(flow.steps)
        and not has_duplicate_step_ids(flow)
        and next(unknown_step_targets(flow), None) is None
        and not _has_ignored_links(flow)
    )


def _quote(step_ids: Sequence[str]) -> str:
    """``'a', 'b'``: step ids for a message."""
    return ", ".join(f"'{step_id}'" for step_id in step_ids)


def unreachable_steps(flow: Flow, graph: FlowGraph, reached: set[str]) -> Iterator[Diagnostic]:
    """E310: steps the first step does not lead to.

    Only the entry points of an unreachable part are reported; the steps they
    alone lead to are named in the message, not reported again.
    """
    stranded = [step for step in flow.steps if step.id not in reached]
    led_to = {target for step in stranded for target in graph.links[step.id] if target != step.id}
    entries = [step for step in stranded if step.id not in led_to]
    covered: set[str] = set()
    for step in entries + stranded:
        if step.id in covered:
            continue
        part = [other for other in graph.reachable(step.id) if other not in reached]
        covered.update(part)
        first = flow.steps[0].id
        if len(part) > 1:
            message = msg(
                "step '{step}' cannot be reached from the first step '{first}' "
                "(nor can {after} after it)",
                step=step.id,
                first=first,
                after=_quote(part[1:]),
            )
        else:
            message = msg(
                "step '{step}' cannot be reached from the first step '{first}'",
                step=step.id,
                first=first,
            )
        yield Diagnostic("E310", message, step.location)


def _loop(graph: FlowGraph, entry: str, trapped: set[str]) -> list[str]:
    """Walk from *entry* inside *trapped* until a step repeats; return that loop, closed."""
    walk = [entry]
    while True:
        following = next(target for target in graph.links[walk[-1]] if target in trapped)
        if following in walk:
            return [*walk[walk.index(following) :], following]
        walk.append(following)


def no_end_reachable(flow: Flow, graph: FlowGraph, reached: list[str]) -> Iterator[Diagnostic]:
    """E311: a reachable step from which no end step can be reached, once per flow.

    A step with no way on (an end step, but also a last step falling off, E312)
    counts as an end here: what remains is a loop with no exit.
    """
    pending = [step_id for step_id in reached if not graph.links[step_id]]
    can_finish = set(pending)
    while pending:
        for previous in graph.predecessors(pending.pop()):
            if previous not in can_finish:
                can_finish.add(previous)
                pending.append(previous)
    trapped = [step_id for step_id in reached if step_id not in can_finish]
    if not trapped:
        return
    entry = trapped[0]
    shown = " → ".join(f"'{step_id}'" for step_id in _loop(graph, entry, set(trapped)))
    location = next(step.location for step in flow.steps if step.id == entry)
    yield Diagnostic(
        "E311",
        msg(
            "no end step can be reached from step '{step}'; it loops {loop}", step=entry, loop=shown
        ),
        location,
    )


def falls_off(flow: Flow, reached: set[str]) -> Iterator[Diagnostic]:
    """E312: the last step is not an end step and says nowhere to go next.

    An unreachable last step is left to E310: linking or removing it comes first.
    """
    last: Step = flow.steps[-1]
    if last.kind in (StepKind.END, StepKind.DECISION) or last.next is not None:
        return
    if last.id not in reached:
        return
    yield Diagnostic(
        "E312",
        msg("last step '{step}' is not an end step and has no 'next'", step=last.id),
        last.location,
    )


def graph_errors(handbook: Handbook) -> Iterator[Diagnostic]:
    """E310–E312 over every flow whose links are sound."""
    for flow in handbook.flows:
        if not is_sound(flow):
            continue
        graph = FlowGraph(flow)
        reached = graph.reachable()
        reached_ids = set(reached)
        loops = list(no_end_reachable(flow, graph, reached))
        yield from loops or unreachable_steps(flow, graph, reached_ids)
        yield from falls_off(flow, reached_ids)

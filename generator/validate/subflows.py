"""Sub-flow calls: a flow must not call itself, directly or through other flows (E207)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.flowgraph import calls, strongly_connected
from generator.messages.text import msg
from generator.model import Handbook


def _cycle_from(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """The shortest path from *start* back to itself inside *members*, both ends included."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in graph[node]:
                if successor not in members:
                    continue
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    return [start, start]


def subflow_cycles(handbook: Handbook) -> Iterator[Diagnostic]:
    """E207: flows that call themselves through sub-flows, once per cycle.

    A cycle is reported in its flow whose ``domain/id`` sorts first, at the
    sub-flow step that enters the cycle.
    """
    flows = {flow.key: flow for flow in handbook.flows}
    graph = {
        key: [called.key for _, called in calls(handbook, flow)] for key, flow in flows.items()
    }
    for component in strongly_connected(graph):
        first = min(component)
        if len(component) == 1 and first not in graph[first]:
            continue
        flow = flows[first]
        cycle = _cycle_from(first, graph, component)
        step = next(step for step, called in calls(handbook, flow) if called.key == cycle[1])
        prefix = f"{flow.domain}/"
        local = all(key.startswith(prefix) for key in cycle)
        shown = " → ".join(f"'{key.removeprefix(prefix) if local else key}'" for key in cycle)
        if len(cycle) == 2:
            message = msg("flow '{flow}' calls itself", flow=flow.id)
        else:
            message = msg(
                "flow '{flow}' calls itself through sub-flows: {cycle}", flow=flow.id, cycle=shown
            )
        yield Diagnostic("E207", message, step.where("flow"))

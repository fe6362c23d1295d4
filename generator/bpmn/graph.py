"""A flow as BPMN's elements: pool, lanes, events, tasks, gateways and sequence flows (pure).

The mapping (one process per flow, in a collaboration with one participant):

* the first step is entered from a start event, named by the flow's ``trigger``
  (or the diagram's "start" word);
* a task step is a ``userTask``: every role of the format is a post (岗位) held by
  a person, so every task is work a person does (no service or script tasks);
* a decision is an exclusive gateway; each branch is a sequence flow named by
  its ``when`` text, with the same text as its condition (bpmnlint's
  ``conditional-flows``);
* a sub-flow step is a call activity whose ``calledElement`` is the called
  flow's process id (:func:`process_id`);
* an end step is an end event;
* where several arrows enter one step, they enter an exclusive merge gateway
  in front of it instead (bpmnlint's ``fake-join`` and ``no-gateway-join-fork``);
* one lane per role, in the diagram's lane order (:func:`generator.diagrams.dot.flow_lanes`).

Ids are NCNames made from the flow's ids (``Step_<step-id>``, ``Flow_<step-id>_b0``),
so the same flow always gives the same ids, and an import finds the step ids again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagrams.dot import DiagramText, flow_lanes
from generator.flowgraph import FlowGraph, called_flow
from generator.model import Flow, Handbook, Step, StepKind

_NOT_NAME = re.compile(r"[^A-Za-z0-9.-]")

START_ID = "StartEvent_start"
"""The id of every flow's start event."""

STEP_PREFIX = "Step_"
"""Prefix of a step's element id: ``Step_<step-id>``."""


def id_part(text: str) -> str:
    """*text* made safe inside an NCName (ids of the format already are; others get ``_``)."""
    return _NOT_NAME.sub("_", text) or "_"


def process_id(domain: str, flow_id: str) -> str:
    """The BPMN process id of a flow: ``Process_<domain>_<flow-id>`` (``calledElement`` uses it)."""
    return f"Process_{id_part(domain)}_{id_part(flow_id)}"


def step_element_id(step_id: str) -> str:
    """The element id of a step: ``Step_<step-id>``."""
    return f"{STEP_PREFIX}{id_part(step_id)}"


@dataclass(frozen=True)
class Node:
    """One flow node: the start event, a step, or a merge gateway in front of a step."""

    id: str
    """The element id (an NCName)."""
    tag: str
    """The BPMN element name: ``startEvent``, ``userTask``, ``exclusiveGateway``, ``callActivity``,
    ``endEvent``."""
    name: str | None
    """The element's name (``None`` for merge gateways, which need none)."""
    lane: int
    """The index of the node's lane."""
    step: Step | None = None
    """The step the node stands for (``None`` for the start event and merge gateways)."""
    position: int | None = None
    """The step's position in the flow (``None`` for the start event and merge gateways)."""
    merges_into: str | None = None
    """For a merge gateway: the id of the node it leads into."""
    called_element: str | None = None
    """For a call activity: the called flow's process id."""


@dataclass(frozen=True)
class SequenceFlow:
    """One arrow between two nodes."""

    id: str
    """The element id."""
    source: str
    """The id of the node it leaves."""
    target: str
    """The id of the node it enters."""
    name: str | None = None
    """A decision branch's ``when`` text (also its condition)."""
    branch: int | None = None
    """The index of the branch in the decision, for a branch."""
    probability: float | None = None
    """The branch's probability, when the flow gives one."""
    loop: bool = False
    """Whether the arrow goes back to a step on the path from the start."""


@dataclass(frozen=True)
class Lane:
    """One lane of the pool: a role (or the neutral lane of steps without one)."""

    id: str
    """The element id (``Lane_<n>``)."""
    name: str
    """The role's name (or the neutral lane's title)."""
    role: str | None
    """The role's handbook key (``domain/id``); ``None`` for the neutral lane."""
    nodes: tuple[str, ...] = ()
    """The ids of the nodes in this lane, in element order."""


@dataclass(frozen=True)
class BpmnGraph:
    """Everything the BPMN file of one flow holds, before layout."""

    flow: Flow
    """The flow."""
    process_id: str
    """The process element's id."""
    participant_id: str
    """The pool's id."""
    collaboration_id: str
    """The collaboration's id."""
    lanes: tuple[Lane, ...]
    """The lanes, top to bottom."""
    nodes: tuple[Node, ...]
    """The flow nodes: start event, then each step (a merge gateway before the step it joins)."""
    flows: tuple[SequenceFlow, ...]
    """The sequence flows."""
    incoming: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The ids of the sequence flows entering each node."""
    outgoing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The ids of the sequence flows leaving each node."""

    by_id: dict[str, Node] = field(default_factory=dict)
    """Every node by its id."""


_TAGS: dict[StepKind, str] = {
    StepKind.TASK: "userTask",
    StepKind.DECISION: "exclusiveGateway",
    StepKind.SUBFLOW: "callActivity",
    StepKind.END: "endEvent",
}


def bpmn_graph(
    flow: Flow, handbook: Handbook, *, text: DiagramText, graph: FlowGraph | None = None
) -> BpmnGraph:
    """The BPMN elements of a valid *flow* (see the module docstring)."""
    graph = graph or FlowGraph(flow)
    lane_list = flow_lanes(flow, handbook, text=text, graph=graph)
    lane_of: dict[int, int] = {}
    for number, (_title, positions) in enumerate(lane_list):
        for position in positions:
            lane_of[position] = number
    first = graph.start
    arrows: list[tuple[str, str, str | None, int | None, float | None, bool]] = []
    if first is not None:
        arrows.append((START_ID, first, None, None, None, False))
    for edge in graph.edges:
        probability = None
        if edge.branch is not None:
            source_step = flow.steps[graph.positions[edge.source]]
            probability = source_step.branches[edge.branch].probability
        arrows.append(
            (edge.source, edge.target, edge.label, edge.branch, probability, graph.is_loop(edge))
        )
    entering: dict[str, int] = {}
    for _source, target, *_rest in arrows:
        entering[target] = entering.get(target, 0) + 1

    nodes: list[Node] = []
    if first is not None:
        start_lane = lane_of.get(graph.positions[first], 0)
        nodes.append(Node(START_ID, "startEvent", flow.trigger or text.start, start_lane))
    for position, step in enumerate(flow.steps):
        if graph.positions[step.id] != position:
            continue
        element = step_element_id(step.id)
        lane = lane_of.get(position, 0)
        if entering.get(step.id, 0) > 1:
            nodes.append(
                Node(
                    f"Merge_{id_part(step.id)}", "exclusiveGateway", None, lane, merges_into=element
                )
            )
        called = None
        if step.kind is StepKind.SUBFLOW:
            called_target = called_flow(handbook, flow, step)
            if called_target is not None:
                called = process_id(called_target.domain, called_target.id)
            elif step.flow is not None:
                domain, _, flow_id = handbook.qualify(step.flow, flow.domain).partition("/")
                called = process_id(domain, flow_id)
        nodes.append(
            Node(element, _TAGS[step.kind], step.name, lane, step, position, called_element=called)
        )

    def element_of(step_id: str) -> str:
        return START_ID if step_id == START_ID else step_element_id(step_id)

    flows: list[SequenceFlow] = []
    for source, target, label, branch, probability, loop in arrows:
        source_id = element_of(source)
        merged = entering.get(target, 0) > 1
        target_id = f"Merge_{id_part(target)}" if merged else element_of(target)
        flow_id = (
            f"Flow_{id_part(source)}_b{branch}"
            if branch is not None
            else ("Flow_StartEvent" if source == START_ID else f"Flow_{id_part(source)}")
        )
        flows.append(SequenceFlow(flow_id, source_id, target_id, label, branch, probability, loop))
    for node in nodes:
        if node.merges_into is not None:
            flows.append(SequenceFlow(f"Flow_{node.id}", node.id, node.merges_into))

    incoming: dict[str, list[str]] = {node.id: [] for node in nodes}
    outgoing: dict[str, list[str]] = {node.id: [] for node in nodes}
    for sequence_flow in flows:
        outgoing[sequence_flow.source].append(sequence_flow.id)
        incoming[sequence_flow.target].append(sequence_flow.id)

    lanes: list[Lane] = []
    for number, (title, positions) in enumerate(lane_list):
        role = next(
            (
                handbook.qualify(flow.steps[position].role or "", flow.domain)
                for position in positions
                if flow.steps[position].role is not None
            ),
            None,
        )
        lane_nodes = tuple(node.id for node in nodes if node.lane == number)
        lanes.append(Lane(f"Lane_{number}", title, role, lane_nodes))
    if not lanes:
        lanes.append(Lane("Lane_0", text.unassigned, None, tuple(node.id for node in nodes)))

    return BpmnGraph(
        flow=flow,
        process_id=process_id(flow.domain, flow.id),
        participant_id=f"Participant_{id_part(flow.id)}",
        collaboration_id=f"Collaboration_{id_part(flow.id)}",
        lanes=tuple(lanes),
        nodes=tuple(nodes),
        flows=tuple(flows),
        incoming={key: tuple(value) for key, value in incoming.items()},
        outgoing={key: tuple(value) for key, value in outgoing.items()},
        by_id={node.id: node for node in nodes},
    )

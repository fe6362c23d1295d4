"""The BPMN 2.0 XML text of a laid-out flow (string building: fast, and the same bytes every run).

What bpmn-moddle, bpmnlint, bpmn-js, Camunda Modeler and Signavio expect: the
MODEL, DI and DC namespaces; a collaboration whose participant names the
process; a lane set with every node in one lane; pool and lane shapes with
``isHorizontal="true"``; gateway shapes with ``isMarkerVisible="true"``; bounds
for every node and two or more waypoints for every edge. Within each element the
children follow the schema's order (documentation, extension elements, then the
element's own content).

What BPMN has no place for (RACI, duration, inputs and outputs, the checklist
and control point as data, the flow's document control) goes into
``extensionElements`` under the :data:`HANDBOOK_NS` namespace, so an import gets
every value back; the same text is also in ``bpmn:documentation`` for people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.bpmn.graph import BpmnGraph, Node, SequenceFlow
from generator.bpmn.layout import Bounds, Layout
from generator.model import Flow, Step

HANDBOOK_NS = "urn:process-handbook:bpmn:1"
"""Our extension namespace (prefix ``handbook``)."""

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
"""BPMN 2.0 semantic model."""
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
"""BPMN 2.0 diagram interchange."""
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
"""Diagram common: bounds and points."""
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
"""Diagram interchange: waypoints."""
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
"""XML Schema instance (``xsi:type`` of conditions)."""

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


def _text(value: str) -> str:
    """Element content: characters XML 1.0 cannot carry dropped, markup escaped."""
    if _NOT_XML.search(value) is not None:
        value = _NOT_XML.sub("", value)
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")  # a parser would read a bare one as a line break
    )


def _attr(value: str) -> str:
    """An attribute value in double quotes, line breaks kept as character references."""
    if _ATTR_SPECIAL.search(value) is None and _NOT_XML.search(value) is None:
        return value
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def step_documentation(step: Step, words: Mapping[str, str]) -> str:
    """A step's text for people: details, then the checklist and the control point."""
    parts: list[str] = []
    if step.details:
        parts.append(step.details.strip())
    if step.checklist:
        parts.append(
            "\n".join(
                [f"{words['checklist']}{words['colon']}"] + [f"- {line}" for line in step.checklist]
            )
        )
    if step.control:
        parts.append(f"{words['control']}{words['colon']}{step.control}")
    return "\n\n".join(parts)


def bpmn_xml(graph: BpmnGraph, placed: Layout, words: Mapping[str, str]) -> str:
    """The whole BPMN document of one flow."""
    flow = graph.flow
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<bpmn:definitions xmlns:bpmn="{BPMN_NS}" xmlns:bpmndi="{BPMNDI_NS}"'
        f' xmlns:dc="{DC_NS}" xmlns:di="{DI_NS}" xmlns:xsi="{XSI_NS}"'
        f' xmlns:handbook="{HANDBOOK_NS}" id="Definitions_{graph.process_id[8:]}"'
        f' targetNamespace="{HANDBOOK_NS}" exporter="process-handbook" exporterVersion="1">\n',
        f'  <bpmn:collaboration id="{graph.collaboration_id}">\n',
        f'    <bpmn:participant id="{graph.participant_id}" name="{_attr(flow.title)}"'
        f' processRef="{graph.process_id}" />\n',
        "  </bpmn:collaboration>\n",
        f'  <bpmn:process id="{graph.process_id}" name="{_attr(flow.title)}"'
        ' isExecutable="false">\n',
    ]
    if flow.summary:
        out.append(f"    <bpmn:documentation>{_text(flow.summary)}</bpmn:documentation>\n")
    out.append("    <bpmn:extensionElements>\n")
    out.extend(_flow_extension(flow))
    out.append("    </bpmn:extensionElements>\n")
    out.append('    <bpmn:laneSet id="LaneSet_1">\n')
    for lane in graph.lanes:
        out.append(f'      <bpmn:lane id="{lane.id}" name="{_attr(lane.name)}">\n')
        if lane.role is not None:
            out.append(
                "        <bpmn:extensionElements>"
                f'<handbook:lane role="{_attr(lane.role)}" /></bpmn:extensionElements>\n'
            )
        out.extend(f"        <bpmn:flowNodeRef>{node}</bpmn:flowNodeRef>\n" for node in lane.nodes)
        out.append("      </bpmn:lane>\n")
    out.append("    </bpmn:laneSet>\n")
    for node in graph.nodes:
        out.extend(_node(graph, node, words))
    for sequence_flow in graph.flows:
        out.extend(_sequence_flow(sequence_flow))
    out.append("  </bpmn:process>\n")
    out.extend(_diagram(graph, placed))
    out.append("</bpmn:definitions>\n")
    return "".join(out)


def _flow_extension(flow: Flow) -> list[str]:
    """The flow's own values: id, domain, owner and document control."""
    out = [
        f'      <handbook:flow id="{_attr(flow.id)}" domain="{_attr(flow.domain)}"'
        f' owner="{_attr(flow.owner)}" version="{_attr(flow.version)}"'
        f' status="{flow.status.value}" effective="{flow.effective.isoformat()}"'
        f' review="{flow.review.isoformat()}">\n',
        f"        <handbook:title>{_text(flow.title)}</handbook:title>\n",
        f"        <handbook:summary>{_text(flow.summary)}</handbook:summary>\n",
    ]
    if flow.trigger is not None:
        out.append(f"        <handbook:trigger>{_text(flow.trigger)}</handbook:trigger>\n")
    if flow.outcome is not None:
        out.append(f"        <handbook:outcome>{_text(flow.outcome)}</handbook:outcome>\n")
    out.extend(f"        <handbook:tag>{_text(tag)}</handbook:tag>\n" for tag in flow.tags)
    out.append("      </handbook:flow>\n")
    return out


def _step_extension(step: Step) -> list[str]:
    """A step's values BPMN has no element for."""
    attributes = [f'id="{_attr(step.id)}"', f'kind="{step.kind.value}"']
    for name, value in (
        ("role", step.role),
        ("accountable", step.accountable),
        ("duration", step.duration.text if step.duration else None),
        ("flow", step.flow),
    ):
        if value is not None:
            attributes.append(f'{name}="{_attr(value)}"')
    children: list[str] = []
    for name, values in (
        ("consulted", step.consulted),
        ("informed", step.informed),
        ("checklist", step.checklist),
        ("input", step.inputs),
        ("output", step.outputs),
    ):
        children.extend(f"<handbook:{name}>{_text(value)}</handbook:{name}>" for value in values)
    if step.details is not None:
        children.append(f"<handbook:details>{_text(step.details)}</handbook:details>")
    if step.control is not None:
        children.append(f"<handbook:control>{_text(step.control)}</handbook:control>")
    head = f"<handbook:step {' '.join(attributes)}"
    if not children:
        return [f"      <bpmn:extensionElements>{head} /></bpmn:extensionElements>\n"]
    inner = "".join(f"          {child}\n" for child in children)
    return [
        "      <bpmn:extensionElements>\n",
        f"        {head}>\n",
        inner,
        "        </handbook:step>\n",
        "      </bpmn:extensionElements>\n",
    ]


def _node(graph: BpmnGraph, node: Node, words: Mapping[str, str]) -> list[str]:
    """One flow node element."""
    attributes = f'id="{node.id}"'
    if node.name is not None:
        attributes += f' name="{_attr(node.name)}"'
    if node.called_element is not None:
        attributes += f' calledElement="{node.called_element}"'
    out = [f"    <bpmn:{node.tag} {attributes}>\n"]
    if node.step is not None:
        documentation = step_documentation(node.step, words)
        if documentation:
            out.append(f"      <bpmn:documentation>{_text(documentation)}</bpmn:documentation>\n")
        out.extend(_step_extension(node.step))
    out.extend(f"      <bpmn:incoming>{flow}</bpmn:incoming>\n" for flow in graph.incoming[node.id])
    out.extend(f"      <bpmn:outgoing>{flow}</bpmn:outgoing>\n" for flow in graph.outgoing[node.id])
    out.append(f"    </bpmn:{node.tag}>\n")
    return out


def _sequence_flow(sequence_flow: SequenceFlow) -> list[str]:
    """One sequence flow; a branch carries its label as name and condition."""
    head = f'id="{sequence_flow.id}"'
    if sequence_flow.name is not None:
        head += f' name="{_attr(sequence_flow.name)}"'
    head += f' sourceRef="{sequence_flow.source}" targetRef="{sequence_flow.target}"'
    if sequence_flow.branch is None:
        return [f"    <bpmn:sequenceFlow {head} />\n"]
    probability = (
        f' probability="{sequence_flow.probability!r}"'
        if sequence_flow.probability is not None
        else ""
    )
    return [
        f"    <bpmn:sequenceFlow {head}>\n",
        "      <bpmn:extensionElements>"
        f'<handbook:branch index="{sequence_flow.branch}"{probability} />'
        "</bpmn:extensionElements>\n",
        '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
        f"{_text(sequence_flow.name or '')}</bpmn:conditionExpression>\n",
        "    </bpmn:sequenceFlow>\n",
    ]


def _bounds(bounds: Bounds) -> str:
    size = f'width="{bounds.width}" height="{bounds.height}"'
    return f'<dc:Bounds x="{bounds.x}" y="{bounds.y}" {size} />'


def _label(bounds: Bounds) -> str:
    return f"        <bpmndi:BPMNLabel>\n          {_bounds(bounds)}\n        </bpmndi:BPMNLabel>\n"


def _diagram(graph: BpmnGraph, placed: Layout) -> list[str]:
    """The BPMNDI part: one plane on the collaboration."""
    out = [
        f'  <bpmndi:BPMNDiagram id="Diagram_{graph.process_id[8:]}">\n',
        f'    <bpmndi:BPMNPlane id="Plane_{graph.process_id[8:]}"'
        f' bpmnElement="{graph.collaboration_id}">\n',
        f'      <bpmndi:BPMNShape id="{graph.participant_id}_di"'
        f' bpmnElement="{graph.participant_id}"'
        f' isHorizontal="true">\n        {_bounds(placed.pool)}\n      </bpmndi:BPMNShape>\n',
    ]
    for lane in graph.lanes:
        out.append(
            f'      <bpmndi:BPMNShape id="{lane.id}_di" bpmnElement="{lane.id}"'
            ' isHorizontal="true">\n'
            f"        {_bounds(placed.lanes[lane.id])}\n      </bpmndi:BPMNShape>\n"
        )
    for node in graph.nodes:
        marker = ' isMarkerVisible="true"' if node.tag == "exclusiveGateway" else ""
        out.append(f'      <bpmndi:BPMNShape id="{node.id}_di" bpmnElement="{node.id}"{marker}>\n')
        out.append(f"        {_bounds(placed.shapes[node.id])}\n")
        label = placed.labels.get(node.id)
        if label is not None:
            out.append(_label(label))
        out.append("      </bpmndi:BPMNShape>\n")
    for sequence_flow in graph.flows:
        out.append(
            f'      <bpmndi:BPMNEdge id="{sequence_flow.id}_di" bpmnElement="{sequence_flow.id}">\n'
        )
        out.extend(
            f'        <di:waypoint x="{x}" y="{y}" />\n' for x, y in placed.edges[sequence_flow.id]
        )
        label = placed.edge_labels.get(sequence_flow.id)
        if label is not None:
            out.append(_label(label))
        out.append("      </bpmndi:BPMNEdge>\n")
    out.append("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n")
    return out

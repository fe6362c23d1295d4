"""A flow as a Graphviz swimlane flowchart, written as DOT text (pure, no I/O).

The flow runs top to bottom; each role is a vertical lane (a cluster: an
anonymous subgraph with ``cluster=true``), lanes left to right in order of first
appearance. Clusters are anonymous on purpose: Graphviz orders named subgraphs
by the memory address of their names, so a ``dot`` process that has read other
graphs before could lay out the same graph differently; anonymous ones keep
their order. Graphviz 2.4x does not keep clusters in a given left-to-right
order by itself (flat edges between clusters are ignored), and it routes the
back edges it reverses itself badly inside clusters, so the graph carries some
invisible scaffolding:

* a header row of invisible nodes outside the clusters, fanned out in order
  from one node with ``ordering=out``, each joined to an anchor at the top of
  its lane; the joins share a ``group``, which makes crossing them very
  expensive, so the lanes follow the header (a ``rank=same`` header row would
  be simpler but trips dot's "trouble in init_rank" on some flows);
* nothing at the bottom: lanes end at their last step, and
  :func:`generator.diagrams.svg.clean_svg` stretches every lane to the full
  height (lanes share the top rank, so their columns never overlap; anchoring
  the bottoms in the graph would double the layout time);
* loops (edges to a step already on the path from the start) are written
  reversed with ``dir=back``: they draw the same arrow but are routed cleanly;
* decision branches pass through a small label node in the decision's lane,
  so the branch text sits on its own edge and never on top of a node or a line
  (a branch that loops back too: its label node sits on the reversed loop);
* task steps are plain boxes here; the SVG cleaning rounds their corners
  (cheaper than Graphviz's ``style=rounded``).

Node and element ids are generated (``s0``, ``flow_lane0``), never user text;
every piece of user text goes through :mod:`generator.diagrams.escape`.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.diagrams.escape import html_lines, quoted_text
from generator.diagrams.wrap import wrap_label
from generator.flowgraph import FlowGraph, called_flow
from generator.model import Flow, Handbook, StepKind

FONT = "Noto Sans CJK SC"
"""The font set on graph, nodes and edges (Debian package fonts-noto-cjk)."""

ROOT_PLACEHOLDER = "__ROOT__/"
"""Prefix of links to other pages; :func:`generator.diagrams.svg.relink` replaces it."""

TASK_COLUMNS = 22
"""Width of a step label line in columns (a Chinese character is two): 11 characters."""

DECISION_COLUMNS = 16
"""Width of a decision label line: narrower, because a diamond grows with its text."""

BRANCH_COLUMNS = 12
"""Width of a branch label line."""

LANE_COLUMNS = 20
"""Width of a lane title line: 10 characters."""


@dataclass(frozen=True)
class DiagramText:
    """The few words a diagram shows itself; the caller passes them from its translations."""

    start: str = "开始"
    """Label of the start node drawn before the first step."""
    end: str = "结束"
    """Prefix of an end step's tooltip (``结束：<step name>``)."""
    unassigned: str = "未指定"
    """Title of the lane holding steps that have no role."""
    subflow: str = "子流程"
    """Prefix of a sub-flow step's tooltip, before the called flow's title."""


DEFAULT_TEXT = DiagramText()
"""The Chinese defaults."""

_URL_SAFE = re.compile(r"[a-z0-9/-]*")

_GRAPH = f'newrank=true rankdir=TB nodesep=0.3 ranksep=0.32 pad=0.1 fontname="{FONT}" fontsize=16'
_NODE = (
    f'fontname="{FONT}" fontsize=12 shape=box style="filled" fillcolor="#ffffff"'
    ' color="#4a5a6a" penwidth=1.2 margin="0.14,0.06" height=0.4'
)
_EDGE = f'fontname="{FONT}" fontsize=10 color="#4a5a6a" arrowsize=0.7'
_LANE = 'class="lane" style="filled" fillcolor="#f4f6f8" color="#b8c2cc" penwidth=1 margin=12'
_ANCHOR = 'style=invis shape=point width=0 height=0 label=""'
_START = (
    'class="start" shape=oval style="filled" fillcolor="#4a5a6a" color="#4a5a6a"'
    ' fontcolor="#ffffff" fontsize=11 height=0.3 margin="0.08,0.02"'
)
_BRANCH = (
    'class="branch" shape=plaintext style="" fontsize=10 fontcolor="#2c3e50"'
    ' width=0 height=0 margin="0.03,0.01"'
)
_KIND: dict[StepKind, str] = {
    StepKind.TASK: 'class="step task"',
    StepKind.DECISION: (
        'class="step decision" shape=diamond style="filled" fillcolor="#fff7e0" margin="0.04,0.02"'
    ),
    StepKind.SUBFLOW: 'class="step subflow" style="filled" peripheries=2 fillcolor="#eaf3fb"',
    StepKind.END: (
        'class="step end" shape=oval style="filled,bold" fillcolor="#dfe6ec" margin="0.1,0.04"'
    ),
}


@dataclass
class _Lane:
    """One swimlane: a role (or the neutral lane) and the steps drawn in it."""

    title: str
    """The lane's title: the role's name, or the reference when it does not resolve."""
    steps: list[int] = field(default_factory=list)
    """Positions (in ``flow.steps``) of the steps in this lane, in flow order."""


@dataclass(frozen=True)
class _Edge:
    """One arrow of the flowchart, from a step to a step, maybe through a branch label."""

    source: int
    """Position of the step the arrow leaves."""
    target: int
    """Position of the step the arrow enters."""
    branch: str | None
    """The branch label of a decision, else None."""
    label_node: str | None
    """Name of the branch label node a branch passes through, else None."""
    loop: bool = False
    """True when the arrow closes a loop (goes back to a step on the path from the start)."""


def flow_dot(flow: Flow, handbook: Handbook, *, text: DiagramText = DEFAULT_TEXT) -> str:
    """The DOT source of a flow's swimlane flowchart (deterministic for the same input).

    One lane per role in order of first appearance (titled with the role's
    name, or the reference when it does not resolve); end steps without a role
    go to the lane of their first predecessor, other role-less steps to a
    neutral lane titled ``text.unassigned``, drawn last. Each step node links to
    ``#step-<id>`` on the page and has the step's name as tooltip; a sub-flow
    node links to the called flow's page as ``__ROOT__/<domain>/<flow-id>/``.
    A start node labelled ``text.start`` leads to the first step.
    """
    edges = _edges(FlowGraph(flow))
    lanes = _lanes(flow, handbook, edges, text)
    lines = [
        "digraph flow {",
        f"  graph [{_GRAPH}]",
        f"  node [{_NODE}]",
        f"  edge [{_EDGE}]",
    ]
    lines.extend(_header(len(lanes)))
    titles = [wrap_label(lane.title, LANE_COLUMNS) for lane in lanes]
    title_height = max((len(title) for title in titles), default=1)
    for number, lane in enumerate(lanes):
        # Every title gets the same number of lines, so all lanes start at the same height.
        title = html_lines(titles[number] + [" "] * (title_height - len(titles[number])))
        lines.extend(_lane_cluster(flow, handbook, text, number, lane, title, edges))
    if not flow.steps:
        lines.append(f'  start [id="flow_start" label=<{html_lines([text.start])}> {_START}]')
    lines.extend(_frame_edges(lanes))
    if flow.steps:
        lines.append("  start -> s0")
    for edge in edges:
        lines.extend(_edge_statements(edge))
    lines.append("}")
    return "\n".join(lines) + "\n"


def flow_lanes(
    flow: Flow,
    handbook: Handbook,
    *,
    text: DiagramText = DEFAULT_TEXT,
    graph: FlowGraph | None = None,
) -> list[tuple[str, tuple[int, ...]]]:
    """The diagram's lanes in drawing order: each lane's title and its steps' positions.

    The same lanes :func:`flow_dot` draws (BPMN export lays its lanes out in this order).
    """
    edges = _edges(graph or FlowGraph(flow))
    return [(lane.title, tuple(lane.steps)) for lane in _lanes(flow, handbook, edges, text)]


def _header(count: int) -> Iterator[str]:
    """The invisible header row outside the lanes that fixes their left-to-right order."""
    if count > 1:
        yield f"  lanes [{_ANCHOR} ordering=out]"
    for number in range(count):
        yield f"  head{number} [{_ANCHOR} group=lanes]"
    if count > 1:
        for number in range(count):
            yield f"  lanes -> head{number} [style=invis]"


def _lane_cluster(
    flow: Flow,
    handbook: Handbook,
    text: DiagramText,
    number: int,
    lane: _Lane,
    title: str,
    edges: list[_Edge],
) -> Iterator[str]:
    """One lane: its title (an HTML label body), anchors, steps and its decisions' branch labels."""
    yield "  subgraph {"
    yield f'    graph [cluster=true id="flow_lane{number}" {_LANE}]'
    yield f"    label=<{title}>"
    yield f"    top{number} [{_ANCHOR} group=lanes]"
    if 0 in lane.steps:
        yield f'    start [id="flow_start" label=<{html_lines([text.start])}> {_START}]'
    for position in lane.steps:
        yield f"    {_step_node(flow, handbook, text, position)}"
    for edge in edges:
        if edge.label_node is not None and edge.branch is not None and edge.source in lane.steps:
            yield f"    {edge.label_node} [label=<{_branch_label(edge.branch)}> {_BRANCH}]"
    yield "  }"


def _frame_edges(lanes: list[_Lane]) -> Iterator[str]:
    """Invisible edges from the header row to the lane tops, and to the start node."""
    for number, lane in enumerate(lanes):
        yield f"  head{number} -> top{number} [style=invis]"
        if 0 in lane.steps:
            yield f"  top{number} -> start [style=invis]"


def _edge_statements(edge: _Edge) -> Iterator[str]:
    """The DOT edges of one arrow.

    A branch passes through its label node. A loop is written reversed with
    ``dir=back`` (the same arrow, routed cleanly), through its label node if it
    is a branch.
    """
    source = f"s{edge.source}"
    target = f"s{edge.target}"
    if edge.loop and edge.label_node is not None:
        yield f"  {target} -> {edge.label_node} [dir=back]"
        yield f"  {edge.label_node} -> {source} [dir=none]"
    elif edge.loop:
        yield f"  {target} -> {source} [dir=back]"
    elif edge.label_node is not None:
        yield f"  {source} -> {edge.label_node} [arrowhead=none]"
        yield f"  {edge.label_node} -> {target}"
    else:
        yield f"  {source} -> {target}"


def _branch_label(branch: str) -> str:
    """A branch's text as the body of an HTML-like label."""
    return html_lines(wrap_label(branch, BRANCH_COLUMNS))


def _lanes(flow: Flow, handbook: Handbook, edges: list[_Edge], text: DiagramText) -> list[_Lane]:
    """The lanes in drawing order, each with its steps; the neutral lane (if any) last."""
    by_role: dict[str, _Lane] = {}
    lane_of: dict[int, _Lane] = {}
    for position, step in enumerate(flow.steps):
        if step.role is not None:
            key = handbook.qualify(step.role, flow.domain)
            if key not in by_role:
                role = handbook.role(step.role, flow.domain)
                by_role[key] = _Lane(role.name if role is not None else step.role)
            lane_of[position] = by_role[key]
    neutral = _Lane(text.unassigned)
    for position, step in enumerate(flow.steps):
        if position not in lane_of:
            predecessor = (
                _first_predecessor(edges, position, lane_of) if step.kind is StepKind.END else None
            )
            lane_of[position] = lane_of[predecessor] if predecessor is not None else neutral
    for position in range(len(flow.steps)):
        lane_of[position].steps.append(position)
    lanes = [lane for lane in by_role.values() if lane.steps]
    if neutral.steps:
        lanes.append(neutral)
    return lanes


def _first_predecessor(edges: list[_Edge], position: int, lane_of: dict[int, _Lane]) -> int | None:
    """The first step (in flow order) that has a role lane and leads to the step at *position*."""
    return next(
        (edge.source for edge in edges if edge.target == position and edge.source in lane_of),
        None,
    )


def _step_node(flow: Flow, handbook: Handbook, text: DiagramText, position: int) -> str:
    """One step's node statement: shape by kind, wrapped label, link and tooltip."""
    step = flow.steps[position]
    columns = DECISION_COLUMNS if step.kind is StepKind.DECISION else TASK_COLUMNS
    href = f"#step-{_url_part(step.id)}"
    tooltip = step.name
    if step.kind is StepKind.SUBFLOW and step.flow is not None:
        called = called_flow(handbook, flow, step)
        target = called.key if called is not None else handbook.qualify(step.flow, flow.domain)
        href = f"{ROOT_PLACEHOLDER}{_url_part(target)}/"
        tooltip = f"{text.subflow}：{called.title if called is not None else step.flow}"
    elif step.kind is StepKind.END:
        tooltip = f"{text.end}：{step.name}"
    return (
        f's{position} [id="flow_s{position}" label=<{html_lines(wrap_label(step.name, columns))}>'
        f" {_KIND[step.kind]} href={quoted_text(href)} tooltip={quoted_text(tooltip)}]"
    )


def _url_part(reference: str) -> str:
    """A reference made safe for a URL path (ids are kebab-case, so normally unchanged)."""
    if _URL_SAFE.fullmatch(reference):
        return reference
    return urllib.parse.quote(reference, safe="/")


def _edges(graph: FlowGraph) -> list[_Edge]:
    """Every arrow of the flow graph, by step position, loops marked.

    A branch passes through a label node, a loop too (an arrow back to a step
    on the path from the start, see :attr:`FlowGraph.loops`): its label sits on
    its own piece of the reversed loop, never over another line.
    """
    positions = graph.positions
    edges = []
    for edge in graph.edges:
        source, target = positions[edge.source], positions[edge.target]
        label_node = None if edge.branch is None else f"b{source}_{edge.branch}"
        edges.append(_Edge(source, target, edge.label, label_node, loop=graph.is_loop(edge)))
    return edges

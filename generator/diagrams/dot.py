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

The lanes, the arrows, the step links and the start and branch styles come from
:mod:`generator.diagrams.parts`, which the compact column layout
(:mod:`generator.diagrams.column`) shares. Node and element ids are generated
(``s0``, ``flow_lane0``), never user text; every piece of user text goes through
:mod:`generator.diagrams.escape`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagrams.escape import html_lines, quoted_text
from generator.diagrams.parts import (
    BRANCH_STYLE,
    DEFAULT_TEXT,
    EDGE_STYLE,
    FONT,
    ROOT_PLACEHOLDER,
    START_STYLE,
    DiagramText,
    Edge,
    Lane,
    branch_label,
    flow_edges,
    lanes,
    segments,
    step_link,
)
from generator.diagrams.wrap import wrap_label
from generator.flowgraph import FlowGraph
from generator.model import Flow, Handbook, StepKind

__all__ = ["DEFAULT_TEXT", "FONT", "ROOT_PLACEHOLDER", "DiagramText", "flow_dot", "flow_lanes"]

TASK_COLUMNS = 22
"""Width of a step label line in columns (a Chinese character is two): 11 characters."""

DECISION_COLUMNS = 16
"""Width of a decision label line: narrower, because a diamond grows with its text."""

LANE_COLUMNS = 20
"""Width of a lane title line: 10 characters."""

_GRAPH = f'newrank=true rankdir=TB nodesep=0.3 ranksep=0.32 pad=0.1 fontname="{FONT}" fontsize=16'
_NODE = (
    f'fontname="{FONT}" fontsize=12 shape=box style="filled" fillcolor="#ffffff"'
    ' color="#4a5a6a" penwidth=1.2 margin="0.14,0.06" height=0.4'
)
_EDGE = EDGE_STYLE
_LANE = 'class="lane" style="filled" fillcolor="#f4f6f8" color="#b8c2cc" penwidth=1 margin=12'
_ANCHOR = 'style=invis shape=point width=0 height=0 label=""'
_START = START_STYLE
_BRANCH = BRANCH_STYLE
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


def flow_dot(
    flow: Flow,
    handbook: Handbook,
    *,
    text: DiagramText = DEFAULT_TEXT,
    graph: FlowGraph | None = None,
) -> str:
    """The DOT source of a flow's swimlane flowchart (deterministic for the same input).

    One lane per role in order of first appearance (titled with the role's
    name, or the reference when it does not resolve); end steps without a role
    go to the lane of their first predecessor, other role-less steps to a
    neutral lane titled ``text.unassigned``, drawn last. Each step node links to
    ``#step-<id>`` on the page and has the step's name as tooltip; a sub-flow
    node links to the called flow's page as ``__ROOT__/<domain>/<flow-id>/``.
    A start node labelled ``text.start`` leads to the first step. *graph* is the
    flow's :class:`FlowGraph` when the caller has it already.
    """
    edges = flow_edges(graph or FlowGraph(flow))
    found = lanes(flow, handbook, edges, text)
    lines = [
        "digraph flow {",
        f"  graph [{_GRAPH}]",
        f"  node [{_NODE}]",
        f"  edge [{_EDGE}]",
    ]
    lines.extend(_header(len(found)))
    titles = [wrap_label(lane.title, LANE_COLUMNS) for lane in found]
    title_height = max((len(title) for title in titles), default=1)
    for number, lane in enumerate(found):
        # Every title gets the same number of lines, so all lanes start at the same height.
        title = html_lines(titles[number] + [" "] * (title_height - len(titles[number])))
        lines.extend(_lane_cluster(flow, handbook, text, number, lane, title, edges))
    if not flow.steps:
        lines.append(f'  start [id="flow_start" label=<{html_lines([text.start])}> {_START}]')
    lines.extend(_frame_edges(found))
    if flow.steps:
        lines.append("  start -> s0")
    for edge in edges:
        for segment in segments(edge):
            attributes = f" [{segment.attributes}]" if segment.attributes else ""
            lines.append(f"  {segment.tail} -> {segment.head}{attributes}")
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

    The same lanes :func:`flow_dot` draws (BPMN export lays its lanes out in this
    order, the compact column tags its steps with them).
    """
    edges = flow_edges(graph or FlowGraph(flow))
    return [(lane.title, tuple(lane.steps)) for lane in lanes(flow, handbook, edges, text)]


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
    lane: Lane,
    title: str,
    edges: list[Edge],
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
            yield f"    {edge.label_node} [label=<{branch_label(edge.branch)}> {_BRANCH}]"
    yield "  }"


def _frame_edges(found: list[Lane]) -> Iterator[str]:
    """Invisible edges from the header row to the lane tops, and to the start node."""
    for number, lane in enumerate(found):
        yield f"  head{number} -> top{number} [style=invis]"
        if 0 in lane.steps:
            yield f"  top{number} -> start [style=invis]"


def _step_node(flow: Flow, handbook: Handbook, text: DiagramText, position: int) -> str:
    """One step's node statement: shape by kind, wrapped label, link and tooltip."""
    step = flow.steps[position]
    columns = DECISION_COLUMNS if step.kind is StepKind.DECISION else TASK_COLUMNS
    href, tooltip = step_link(flow, handbook, text, position)
    return (
        f's{position} [id="flow_s{position}" label=<{html_lines(wrap_label(step.name, columns))}>'
        f" {_KIND[step.kind]} href={quoted_text(href)} tooltip={quoted_text(tooltip)}]"
    )

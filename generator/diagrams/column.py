"""A flow as one lane-tagged column: the compact layout of its diagram, as DOT text (pure).

The swimlane (:mod:`generator.diagrams.dot`) gives each role a column of its own,
so a flow of seven roles is some 1,400 pt wide: too wide for a phone at a legible
size, and shrunk out of legibility on a printed card. This layout draws the same
graph top to bottom in one column, without clusters: each step node names its
lane on a small bold first line above the step's name, in the lane's colour, and
its border has that colour too. A flow of seven lanes fits a phone (about 270 pt
wide) and a portrait page.

* Lanes (order, titles, the lane of role-less steps), arrows, branch label nodes,
  loops reversed with ``dir=back``, step links and tooltips are the swimlane's own
  (:mod:`generator.diagrams.parts`), so both pictures tell the same story.
* Lane colours come from :data:`LANE_COLOURS`, cycled in lane order; every one has
  a contrast of at least 4.5:1 with each node fill. The lane's name is the cue,
  the colour only helps: it is never the only one.
* Decisions are hexagons (a diamond grows wide with its text), sub-flows have a
  double border, end steps are ovals, as in the swimlane.
* Every node, every edge and the graph carry an explicit id starting with
  :data:`ID_PREFIX`: the compact SVG is inlined in the same page as the swimlane,
  whose ids are ``flow_…`` and Graphviz's own ``node<N>``/``edge<N>``.

User text goes through :mod:`generator.diagrams.escape`, as in the swimlane.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagrams.escape import html_lines, quoted_text
from generator.diagrams.parts import (
    DEFAULT_TEXT,
    EDGE_STYLE,
    FONT,
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

ID_PREFIX = "col_"
"""The start of every id in the compact diagram's SVG."""

TASK_COLUMNS = 20
"""Width of a step label line in columns (a Chinese character is two): 10 characters."""

DECISION_COLUMNS = 14
"""Width of a decision label line: a hexagon adds its points on both sides."""

LANE_COLUMNS = 20
"""Width of a lane tag line."""

SMALLEST_LABEL_PT = 11.0
"""The smallest font size in the compact diagram (lane tags, branch labels, start node)."""

LANE_COLOURS = (
    "#1f5f8b",
    "#8a4b00",
    "#2e6b30",
    "#9b1d63",
    "#5a3d8f",
    "#a12a1a",
    "#1f6363",
    "#44505c",
)
"""Lane colours in lane order (then again from the first): dark enough for 4.5:1 on every fill."""

_GRAPH = (
    f'id="{ID_PREFIX}graph" newrank=true rankdir=TB nodesep=0.2 ranksep=0.16 pad=0.05'
    f' fontname="{FONT}"'
)
_NODE = (
    f'fontname="{FONT}" fontsize=12 shape=box style="filled" fillcolor="#ffffff"'
    ' penwidth=1.4 margin="0.08,0.06" height=0.3'
)
_BRANCH = (
    'class="branch" shape=plaintext style="" fontsize=11 fontcolor="#2c3e50"'
    ' width=0 height=0 margin="0.03,0.01"'
)
_KIND: dict[StepKind, str] = {
    StepKind.TASK: 'class="step task"',
    StepKind.DECISION: (
        'class="step decision" shape=hexagon fillcolor="#fff7e0" margin="0.02,0.03"'
    ),
    StepKind.SUBFLOW: 'class="step subflow" peripheries=2 fillcolor="#eaf3fb"',
    StepKind.END: (
        'class="step end" shape=oval style="filled,bold" fillcolor="#dfe6ec" margin="0.06,0.03"'
    ),
}
_TAG_SIZE = 11


def column_dot(
    flow: Flow,
    handbook: Handbook,
    *,
    text: DiagramText = DEFAULT_TEXT,
    graph: FlowGraph | None = None,
) -> str:
    """The DOT source of a flow's compact diagram (deterministic for the same input).

    The steps of :func:`~generator.diagrams.dot.flow_dot`'s swimlane, with the
    same arrows, links and tooltips, in one column; each step tagged with the
    title of the lane the swimlane draws it in. A start node labelled
    ``text.start`` leads to the first step. *graph* is the flow's
    :class:`FlowGraph` when the caller has it already.
    """
    edges = flow_edges(graph or FlowGraph(flow))
    lane_of = {
        position: (number, lane)
        for number, lane in enumerate(lanes(flow, handbook, edges, text))
        for position in lane.steps
    }
    lines = [
        "digraph flow {",
        f"  graph [{_GRAPH}]",
        f"  node [{_NODE}]",
        f"  edge [{EDGE_STYLE}]",
        f'  start [id="{ID_PREFIX}start" label=<{html_lines([text.start])}> {START_STYLE}]',
    ]
    for position in range(len(flow.steps)):
        number, lane = lane_of[position]
        lines.append(f"  {_step_node(flow, handbook, text, position, number, lane)}")
    for edge in edges:
        if edge.label_node is not None and edge.branch is not None:
            lines.append(
                f'  {edge.label_node} [id="{ID_PREFIX}{edge.label_node}"'
                f" label=<{branch_label(edge.branch)}> {_BRANCH}]"
            )
    lines.extend(_edge_statements(flow, edges))
    lines.append("}")
    return "\n".join(lines) + "\n"


def lane_colour(number: int) -> str:
    """The colour of the lane drawn *number*-th (from 0)."""
    return LANE_COLOURS[number % len(LANE_COLOURS)]


def _edge_statements(flow: Flow, edges: list[Edge]) -> Iterator[str]:
    """Every DOT edge, the start's first, each with an id of its own."""
    for number, (tail, head, attributes) in enumerate(_pieces(flow, edges)):
        extra = f" {attributes}" if attributes else ""
        yield f'  {tail} -> {head} [id="{ID_PREFIX}e{number}"{extra}]'


def _pieces(flow: Flow, edges: list[Edge]) -> Iterator[tuple[str, str, str]]:
    """(tail, head, attributes) of every DOT edge, in drawing order."""
    if flow.steps:
        yield "start", "s0", ""
    for edge in edges:
        for segment in segments(edge):
            yield segment.tail, segment.head, segment.attributes


def _step_node(
    flow: Flow, handbook: Handbook, text: DiagramText, position: int, number: int, lane: Lane
) -> str:
    """One step's node: its lane's tag and colour, shape by kind, wrapped name, link, tooltip."""
    step = flow.steps[position]
    colour = lane_colour(number)
    columns = DECISION_COLUMNS if step.kind is StepKind.DECISION else TASK_COLUMNS
    tag = html_lines(wrap_label(lane.title, LANE_COLUMNS))
    label = (
        f'<font point-size="{_TAG_SIZE}" color="{colour}"><b>{tag}</b></font>'
        f"<br/>{html_lines(wrap_label(step.name, columns))}"
    )
    href, tooltip = step_link(flow, handbook, text, position)
    return (
        f's{position} [id="{ID_PREFIX}s{position}" label=<{label}> color="{colour}"'
        f" {_KIND[step.kind]} href={quoted_text(href)} tooltip={quoted_text(tooltip)}]"
    )

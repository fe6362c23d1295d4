"""BPMNDI: where every shape, edge and label of a flow's BPMN goes, from the Graphviz layout.

The swimlane diagram already has Graphviz's answer to the hard part: the rank
of every step (top to bottom) and the order of the steps within a lane (left
to right). BPMN tools expect flows to run left to right in horizontal lanes, so
the layout turns that picture on its side on a grid:

* **columns**: steps are taken in Graphviz's rank order; a step's column is one
  more than the column of its latest predecessor (loops left out), the start
  event is column 0 — Graphviz's ranks, without the empty ranks its label nodes
  and scaffolding add;
* **rows**: each lane is as many rows high as it has steps in one column;
  steps sharing a lane and a column are stacked in Graphviz's left-to-right order;
* a merge gateway sits in a slot at the left of its step's column, in its row;
* **edges** leave a shape on its right and enter on the left, and run only
  through free space: the gutters between columns (each edge on its own
  vertical track) and the corridor along the top of each row. So no edge
  crosses a shape, no shapes overlap, and every node is inside its lane.

Coordinates are whole numbers; the same flow and picture give the same layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.bpmn.graph import BpmnGraph, Node

TASK_SIZE = (100, 80)
"""Width and height of a task or call activity (bpmn-js's default)."""
GATEWAY_SIZE = (50, 50)
"""Width and height of a gateway."""
EVENT_SIZE = (36, 36)
"""Width and height of an event."""
POOL_HEADER = 30
"""Width of the pool's title band on its left."""
LANE_HEADER = 30
"""Width of a lane's title band on its left."""
GUTTER = 80
"""Width of the free band between two columns, where edges run vertically."""
ROW = 130
"""Height of one row of a lane: a corridor on top, then the shape band and the labels."""
CORRIDOR = 22
"""Height of the free band along the top of each row, where edges run horizontally."""
MERGE_SLOT = 70
"""Width of the slot at a column's left that holds merge gateways."""
LABELLED_MINIMUM = 100
"""Narrowest node slot of a column holding an event or gateway with a label below it."""
LABEL_LINE = 14
"""Height of one line of an external label."""

_SMALL_SHAPES = {"startEvent", "endEvent", "exclusiveGateway"}


@dataclass(frozen=True)
class Bounds:
    """A rectangle: left, top, width, height."""

    x: int
    """Left edge."""
    y: int
    """Top edge."""
    width: int
    """Width."""
    height: int
    """Height."""

    @property
    def center(self) -> tuple[int, int]:
        """The centre point."""
        return self.x + self.width // 2, self.y + self.height // 2


Point = tuple[int, int]
"""An (x, y) point."""


@dataclass(frozen=True)
class Layout:
    """Every shape's bounds, every edge's waypoints and every label's bounds."""

    pool: Bounds
    """The participant."""
    lanes: dict[str, Bounds]
    """Lane bounds by lane id."""
    shapes: dict[str, Bounds]
    """Node bounds by node id."""
    labels: dict[str, Bounds]
    """External label bounds of named events and gateways, by node id."""
    edges: dict[str, tuple[Point, ...]]
    """Waypoints by sequence flow id."""
    edge_labels: dict[str, Bounds]
    """Label bounds of named sequence flows, by flow id."""


_NODE = re.compile(r'<g id="flow_(s\d+|start)" class="node')
_SHAPE = re.compile(
    r'<rect [^>]*?x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"'
    r'|<polygon [^>]*?points="([^"]+)"'
    r'|<ellipse [^>]*?cx="([-\d.]+)" cy="([-\d.]+)"'
)


def svg_centers(svg: str) -> dict[str, tuple[float, float]]:
    """The centre of every step node (``s<position>``) and the start node in a diagram's SVG."""
    centers: dict[str, tuple[float, float]] = {}
    for node in _NODE.finditer(svg):
        shape = _SHAPE.search(svg, node.end(), node.end() + 2000)
        if shape is None:
            continue
        if shape.group(1) is not None:
            x, y, width, height = (float(shape.group(index)) for index in range(1, 5))
            centers[node.group(1)] = (x + width / 2, y + height / 2)
        elif shape.group(5) is not None:
            pairs = [pair.split(",") for pair in shape.group(5).split()]
            xs = [float(pair[0]) for pair in pairs if len(pair) == 2]
            ys = [float(pair[1]) for pair in pairs if len(pair) == 2]
            if xs:
                centers[node.group(1)] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        else:
            centers[node.group(1)] = (float(shape.group(6)), float(shape.group(7)))
    return centers


def text_width(text: str) -> int:
    """A label's width in pixels at bpmn-js's 11 px font (wide characters count double)."""
    return sum(11 if ord(character) > 0x2E7F else 6 for character in text)


def _size(node: Node) -> tuple[int, int]:
    if node.tag == "exclusiveGateway":
        return GATEWAY_SIZE
    if node.tag in ("startEvent", "endEvent"):
        return EVENT_SIZE
    return TASK_SIZE


def layout(graph: BpmnGraph, centers: dict[str, tuple[float, float]]) -> Layout:
    """Place *graph* using the diagram's node *centers* (:func:`svg_centers`).

    Steps missing from *centers* are placed as if Graphviz had put them in flow order.
    """
    step_nodes = [node for node in graph.nodes if node.position is not None]
    picture: dict[str, tuple[float, float]] = {}
    for node in step_nodes:
        picture[node.id] = centers.get(f"s{node.position}", (0.0, float(node.position or 0)))
    # Rank order: Graphviz's top-to-bottom, then left-to-right; flow order settles ties.
    ranked = sorted(
        step_nodes, key=lambda node: (picture[node.id][1], picture[node.id][0], node.position)
    )
    target_of = {node.id: node.merges_into for node in graph.nodes if node.merges_into}
    flow_by_id = {sequence_flow.id: sequence_flow for sequence_flow in graph.flows}

    def step_source(flow_id: str) -> str:
        """The node an arrow into a step really comes from (through its merge gateway)."""
        return flow_by_id[flow_id].source

    column: dict[str, int] = {}
    for node in graph.nodes:
        if node.tag == "startEvent":
            column[node.id] = 0
    merge_of = {target: merge for merge, target in target_of.items()}
    for node in ranked:
        entries = list(graph.incoming.get(node.id, ()))
        if node.id in merge_of:
            entries = list(graph.incoming.get(merge_of[node.id], ()))
        best = 0
        for flow_id in entries:
            if flow_by_id[flow_id].loop:
                continue
            source = step_source(flow_id)
            if source in column:
                best = max(best, column[source] + 1)
        column[node.id] = max(best, 1)
    for merge, target in target_of.items():
        column[merge] = column[target]

    # Rows: nodes sharing a lane and a column are stacked in Graphviz's left-to-right order.
    row: dict[str, int] = {}
    cells: dict[tuple[int, int], list[Node]] = {}
    for node in graph.nodes:
        if node.merges_into is None:
            cells.setdefault((node.lane, column[node.id]), []).append(node)
    for members in cells.values():
        members.sort(key=lambda node: (picture.get(node.id, (0.0, 0.0))[0], node.position or -1))
        for index, node in enumerate(members):
            row[node.id] = index
    for merge, target in target_of.items():
        row[merge] = row[target]
    lane_rows = [1] * len(graph.lanes)
    for (lane, _column), members in cells.items():
        lane_rows[lane] = max(lane_rows[lane], len(members))

    # Columns: a merge slot when one is needed, then a node slot as wide as its widest shape.
    columns = max(column.values(), default=0) + 1
    merge_width = [0] * columns
    node_width = [EVENT_SIZE[0]] * columns
    for node in graph.nodes:
        number = column[node.id]
        if node.merges_into is not None:
            merge_width[number] = MERGE_SLOT
            continue
        width = _size(node)[0]
        if node.tag in _SMALL_SHAPES and node.name:
            width = max(width, LABELLED_MINIMUM)
        node_width[number] = max(node_width[number], width)
    left = [0] * columns
    x = POOL_HEADER + LANE_HEADER + GUTTER
    for number in range(columns):
        left[number] = x
        x += merge_width[number] + node_width[number] + GUTTER
    pool_width = x
    lane_top: list[int] = []
    y = 0
    for rows in lane_rows:
        lane_top.append(y)
        y += rows * ROW
    pool = Bounds(0, 0, pool_width, y)
    lanes = {
        lane.id: Bounds(
            POOL_HEADER, lane_top[index], pool_width - POOL_HEADER, lane_rows[index] * ROW
        )
        for index, lane in enumerate(graph.lanes)
    }

    def row_top(node: Node) -> int:
        return lane_top[node.lane] + row[node.id] * ROW

    shapes: dict[str, Bounds] = {}
    labels: dict[str, Bounds] = {}
    for node in graph.nodes:
        width, height = _size(node)
        number = column[node.id]
        if node.merges_into is not None:
            center_x = left[number] + MERGE_SLOT // 2 - 5
        else:
            center_x = left[number] + merge_width[number] + node_width[number] // 2
        center_y = row_top(node) + CORRIDOR + TASK_SIZE[1] // 2
        shapes[node.id] = Bounds(center_x - width // 2, center_y - height // 2, width, height)
        if node.tag in _SMALL_SHAPES and node.name:
            label_width = max(node_width[number], 40)
            lines = max(1, -(-text_width(node.name) // label_width))
            labels[node.id] = Bounds(
                center_x - label_width // 2,
                center_y + height // 2 + 4,
                label_width,
                min(lines, 3) * LABEL_LINE,
            )

    edges, edge_labels = _route(graph, shapes, column, left, merge_width, node_width)
    return Layout(pool, lanes, shapes, labels, edges, edge_labels)


def _route(
    graph: BpmnGraph,
    shapes: dict[str, Bounds],
    column: dict[str, int],
    left: list[int],
    merge_width: list[int],
    node_width: list[int],
) -> tuple[dict[str, tuple[Point, ...]], dict[str, Bounds]]:
    """Waypoints of every sequence flow through the free gutters and corridors."""
    # Each route is a plan first (which gutters and corridor it uses), then tracks are shared out.
    plans: dict[str, tuple[str, int, int]] = {}
    gutter_users: dict[int, list[tuple[str, int]]] = {}
    corridor_users: dict[int, list[str]] = {}
    occupied: dict[int, set[int]] = {}
    for node in graph.nodes:
        occupied.setdefault(shapes[node.id].center[1], set()).add(column[node.id])
    for sequence_flow in graph.flows:
        source = graph.by_id[sequence_flow.source]
        target = graph.by_id[sequence_flow.target]
        start_column, end_column = column[source.id], column[target.id]
        same_row = shapes[source.id].center[1] == shapes[target.id].center[1]
        if source.merges_into == target.id:
            plans[sequence_flow.id] = ("straight", 0, 0)
        elif end_column == start_column + 1:
            plans[sequence_flow.id] = ("step" if not same_row else "straight", end_column, 0)
            if not same_row:
                gutter_users.setdefault(end_column, []).append((sequence_flow.id, 0))
        elif (
            same_row
            and end_column > start_column
            and not any(
                between in occupied[shapes[source.id].center[1]]
                for between in range(start_column + 1, end_column)
            )
        ):
            plans[sequence_flow.id] = ("straight", 0, 0)
        else:
            plans[sequence_flow.id] = ("around", start_column + 1, end_column)
            gutter_users.setdefault(start_column + 1, []).append((sequence_flow.id, 0))
            gutter_users.setdefault(end_column, []).append((sequence_flow.id, 1))
            target_row = shapes[target.id].center[1] - CORRIDOR - TASK_SIZE[1] // 2
            corridor_users.setdefault(target_row, []).append(sequence_flow.id)

    track: dict[tuple[str, int], int] = {}
    for gutter, users in gutter_users.items():
        gutter_left = (
            left[gutter] - GUTTER
            if gutter < len(left)
            else left[-1] + merge_width[-1] + node_width[-1]
        )
        for index, user in enumerate(users):
            track[user] = gutter_left + (GUTTER * (index + 1)) // (len(users) + 1)
    corridor_y: dict[str, int] = {}
    for top, riders in corridor_users.items():
        for index, flow_id in enumerate(riders):
            corridor_y[flow_id] = top + 3 + (index % 5) * 4

    edges: dict[str, tuple[Point, ...]] = {}
    for sequence_flow in graph.flows:
        source_box = shapes[sequence_flow.source]
        target_box = shapes[sequence_flow.target]
        exit_point = (source_box.x + source_box.width, source_box.center[1])
        entry = (target_box.x, target_box.center[1])
        kind, _, _ = plans[sequence_flow.id]
        if kind == "straight":
            points: tuple[Point, ...] = (exit_point, entry)
        elif kind == "step":
            x = track[(sequence_flow.id, 0)]
            points = (exit_point, (x, exit_point[1]), (x, entry[1]), entry)
        else:
            first, second = track[(sequence_flow.id, 0)], track[(sequence_flow.id, 1)]
            lane_y = corridor_y[sequence_flow.id]
            points = (
                exit_point,
                (first, exit_point[1]),
                (first, lane_y),
                (second, lane_y),
                (second, entry[1]),
                entry,
            )
        edges[sequence_flow.id] = points
    return edges, _branch_labels(graph, edges)


def _branch_labels(graph: BpmnGraph, edges: dict[str, tuple[Point, ...]]) -> dict[str, Bounds]:
    """Branch labels beside the decision they leave, where no other shape is.

    Every branch leaves its gateway's right corner. A branch that runs straight on
    or turns upwards has its label above that first stretch, one that turns
    downwards below it, each stacked by how soon it turns: the band right of a
    gateway holds nothing else of its row.
    """
    labels: dict[str, Bounds] = {}
    by_source: dict[str, list[str]] = {}
    for sequence_flow in graph.flows:
        if sequence_flow.name:
            by_source.setdefault(sequence_flow.source, []).append(sequence_flow.id)
    names = {sequence_flow.id: sequence_flow.name or "" for sequence_flow in graph.flows}
    for flow_ids in by_source.values():
        above: list[str] = []
        below: list[str] = []
        for flow_id in sorted(flow_ids, key=lambda key: (edges[key][1][0], key)):
            points = edges[flow_id]
            turn = points[2][1] if len(points) > 2 else points[0][1]
            (below if turn > points[0][1] else above).append(flow_id)
        for slot, flow_id in enumerate(above):
            x, y = edges[flow_id][0]
            width = max(text_width(names[flow_id]), 12)
            labels[flow_id] = Bounds(x + 4, y - (slot + 1) * LABEL_LINE - 2, width, LABEL_LINE)
        for slot, flow_id in enumerate(below):
            x, y = edges[flow_id][0]
            width = max(text_width(names[flow_id]), 12)
            labels[flow_id] = Bounds(x + 4, y + 2 + slot * LABEL_LINE, width, LABEL_LINE)
    return labels

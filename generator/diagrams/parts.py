"""What both layouts of a flow's diagram share, written as DOT pieces (pure, no I/O).

The swimlane (:mod:`generator.diagrams.dot`) and the compact column
(:mod:`generator.diagrams.column`) draw the same graph: the arrows of
:class:`~generator.flowgraph.FlowGraph` (loops marked, decision branches through a
label node of their own) and the same lanes, in the same order, with the same
titles. This module holds those pieces, the few words a diagram shows itself
(:class:`DiagramText`), the links and tooltips of step nodes, and the styles both
layouts use, so the two pictures cannot drift apart.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.diagrams.escape import html_lines
from generator.diagrams.wrap import wrap_label
from generator.flowgraph import FlowGraph, called_flow
from generator.model import Flow, Handbook, StepKind

FONT = "Noto Sans CJK SC"
"""The font set on graph, nodes and edges (Debian package fonts-noto-cjk)."""

ROOT_PLACEHOLDER = "__ROOT__/"
"""Prefix of links to other pages; :func:`generator.diagrams.svg.relink` replaces it."""

BRANCH_COLUMNS = 12
"""Width of a branch label line (a Chinese character is two columns)."""

EDGE_STYLE = f'fontname="{FONT}" fontsize=10 color="#4a5a6a" arrowsize=0.7'
"""The default attributes of arrows."""

START_STYLE = (
    'class="start" shape=oval style="filled" fillcolor="#4a5a6a" color="#4a5a6a"'
    ' fontcolor="#ffffff" fontsize=11 height=0.3 margin="0.08,0.02"'
)
"""The start node: a dark oval with white text."""

BRANCH_STYLE = (
    'class="branch" shape=plaintext style="" fontsize=10 fontcolor="#2c3e50"'
    ' width=0 height=0 margin="0.03,0.01"'
)
"""A branch label node: text only, on its own piece of the branch's arrow."""

_URL_SAFE = re.compile(r"[a-z0-9/-]*")


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


@dataclass
class Lane:
    """One lane: a role (or the neutral lane) and the steps drawn in it."""

    title: str
    """The lane's title: the role's name, or the reference when it does not resolve."""
    steps: list[int] = field(default_factory=list)
    """Positions (in ``flow.steps``) of the steps in this lane, in flow order."""


@dataclass(frozen=True)
class Edge:
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


@dataclass(frozen=True)
class Segment:
    """One DOT edge statement of an arrow: ``tail -> head [attributes]``."""

    tail: str
    """The node the DOT edge leaves."""
    head: str
    """The node the DOT edge enters."""
    attributes: str = ""
    """Its attributes (``dir=back``, ``arrowhead=none``), or nothing."""


def flow_edges(graph: FlowGraph) -> list[Edge]:
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
        edges.append(Edge(source, target, edge.label, label_node, loop=graph.is_loop(edge)))
    return edges


def lanes(flow: Flow, handbook: Handbook, edges: list[Edge], text: DiagramText) -> list[Lane]:
    """The lanes in drawing order, each with its steps; the neutral lane (if any) last.

    One lane per role in order of first appearance (titled with the role's name,
    or the reference when it does not resolve); end steps without a role go to
    the lane of their first predecessor, other role-less steps to a neutral lane
    titled ``text.unassigned``.
    """
    by_role: dict[str, Lane] = {}
    lane_of: dict[int, Lane] = {}
    for position, step in enumerate(flow.steps):
        if step.role is not None:
            key = handbook.qualify(step.role, flow.domain)
            if key not in by_role:
                role = handbook.role(step.role, flow.domain)
                by_role[key] = Lane(role.name if role is not None else step.role)
            lane_of[position] = by_role[key]
    neutral = Lane(text.unassigned)
    for position, step in enumerate(flow.steps):
        if position not in lane_of:
            predecessor = (
                _first_predecessor(edges, position, lane_of) if step.kind is StepKind.END else None
            )
            lane_of[position] = lane_of[predecessor] if predecessor is not None else neutral
    for position in range(len(flow.steps)):
        lane_of[position].steps.append(position)
    found = [lane for lane in by_role.values() if lane.steps]
    if neutral.steps:
        found.append(neutral)
    return found


def _first_predecessor(edges: list[Edge], position: int, lane_of: dict[int, Lane]) -> int | None:
    """The first step (in flow order) that has a role lane and leads to the step at *position*."""
    return next(
        (edge.source for edge in edges if edge.target == position and edge.source in lane_of),
        None,
    )


def segments(edge: Edge) -> Iterator[Segment]:
    """The DOT edges of one arrow, between nodes named ``s<position>``.

    A branch passes through its label node. A loop is written reversed with
    ``dir=back`` (the same arrow, routed cleanly), through its label node if it
    is a branch.
    """
    source = f"s{edge.source}"
    target = f"s{edge.target}"
    if edge.loop and edge.label_node is not None:
        yield Segment(target, edge.label_node, "dir=back")
        yield Segment(edge.label_node, source, "dir=none")
    elif edge.loop:
        yield Segment(target, source, "dir=back")
    elif edge.label_node is not None:
        yield Segment(source, edge.label_node, "arrowhead=none")
        yield Segment(edge.label_node, target)
    else:
        yield Segment(source, target)


def branch_label(branch: str) -> str:
    """A branch's text as the body of an HTML-like label."""
    return html_lines(wrap_label(branch, BRANCH_COLUMNS))


def step_link(flow: Flow, handbook: Handbook, text: DiagramText, position: int) -> tuple[str, str]:
    """A step node's link and tooltip (both unescaped).

    A step links to ``#step-<id>`` on the page and has its name as tooltip; a
    sub-flow links to the called flow's page as ``__ROOT__/<domain>/<flow-id>/``
    (where it would be, when the flow is missing) with ``text.subflow`` and the
    called flow's title as tooltip; an end step's tooltip starts with ``text.end``.
    """
    step = flow.steps[position]
    href = f"#step-{url_part(step.id)}"
    tooltip = step.name
    if step.kind is StepKind.SUBFLOW and step.flow is not None:
        called = called_flow(handbook, flow, step)
        target = called.key if called is not None else handbook.qualify(step.flow, flow.domain)
        href = f"{ROOT_PLACEHOLDER}{url_part(target)}/"
        tooltip = f"{text.subflow}：{called.title if called is not None else step.flow}"
    elif step.kind is StepKind.END:
        tooltip = f"{text.end}：{step.name}"
    return href, tooltip


def url_part(reference: str) -> str:
    """A reference made safe for a URL path (ids are kebab-case, so normally unchanged)."""
    if _URL_SAFE.fullmatch(reference):
        return reference
    return urllib.parse.quote(reference, safe="/")

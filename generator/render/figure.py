"""A flow's diagram as readers meet it: accessible inline SVG, a text version and a file.

Graphviz's SVG (see :mod:`generator.diagrams.svg`) is one picture with many links.
This module gives it what the page needs around it:

* :func:`inline_svg`: ``role="img"``, a ``<title>``, ``aria-describedby`` pointing at
  the text version, and on the flow page a minimum width at which the smallest
  label (10 pt in the swimlane, 11 pt in the compact column) is still
  :data:`MIN_LABEL_PX` CSS pixels: a wide diagram scrolls sideways instead of
  shrinking out of legibility;
* :func:`printed_diagram`: the one decision of how a flow's diagram goes on paper
  (SOP card, printed decks, the flow page printed from the browser): the swimlane,
  on a landscape page when that prints it much larger, or the compact column
  (:mod:`generator.diagrams.column`) when the swimlane would print below
  :data:`MIN_PRINT_SCALE`;
* :func:`describe`: the text version, generated from the flow graph
  (:mod:`generator.flowgraph`): lanes, steps in order with their role, branches
  and loops, each step linked to its place in the numbered step list;
* :func:`standalone_svg`: the diagram as a file of its own (``diagram.svg`` next to
  the page), to open full size or download.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.diagrams import column
from generator.flowgraph import FlowGraph, called_flow
from generator.model import Flow, Handbook, StepKind

MIN_LABEL_PX = 11.0
"""The smallest label size (CSS pixels) a diagram is shown at on a desktop page."""

SMALLEST_LABEL_PT = 10.0
"""The smallest font size in a swimlane (branch labels, generator/diagrams/dot.py)."""

COMPACT_SMALLEST_LABEL_PT = column.SMALLEST_LABEL_PT
"""The smallest font size in a compact column (lane tags and branch labels)."""

MIN_PRINT_SCALE = 0.6
"""The scale below which a printed swimlane is not legible (10 pt labels under 6 pt):
then the compact column prints instead, when it prints larger."""

PT_PER_MM = 72 / 25.4
"""Points per millimetre."""

CARD_PORTRAIT_MM = (170.0, 135.0)
"""The diagram box of a portrait SOP card (A4, the card's margins and max-height)."""

CARD_LANDSCAPE_MM = (255.0, 160.0)
"""The diagram box of a landscape A4 page (margins and a heading taken off)."""

PAGE_PORTRAIT_MM = (170.0, 235.0)
"""The diagram box of a printed flow page in portrait."""

CARD_COMPACT_MM = (170.0, 225.0)
"""The compact column's box on a card: the cover page below the card's header."""

_SVG_TAG = re.compile(r"<svg\b([^>]*)>")
_HEIGHT = re.compile(r'\bheight="([\d.]+)pt"')
_WIDTH = re.compile(r'\bwidth="([\d.]+)pt"')
_STEP_LINK = re.compile(r'((?:xlink:)?href=")#step-')


@dataclass(frozen=True)
class DescribedStep:
    """One line of a diagram's text version."""

    number: int
    """The step's number."""
    anchor: str
    """``step-<id>``: its place in the step list."""
    text: str
    """What the step is and where it leads, in words."""


@dataclass(frozen=True)
class Description:
    """A diagram's text version."""

    lanes: str
    """The sentence naming the lanes in drawing order."""
    steps: tuple[DescribedStep, ...]
    """The steps in flow order."""


@dataclass(frozen=True)
class PrintedDiagram:
    """How a flow's diagram goes on paper (see :func:`printed_diagram`)."""

    compact: bool
    """Print the compact column instead of the swimlane."""
    landscape: bool
    """Print it on a landscape page (only ever the swimlane)."""
    scale: float
    """The scale it prints at (1.0: its natural size)."""


def min_width_px(svg: str, smallest_pt: float = SMALLEST_LABEL_PT) -> int | None:
    """The CSS width (px) below which the diagram's smallest label drops under 11 px.

    *smallest_pt* is the diagram's smallest font size in points.
    """
    tag = _SVG_TAG.search(svg)
    width = _WIDTH.search(tag.group(1)) if tag else None
    if width is None:
        return None
    scale = MIN_LABEL_PX / (smallest_pt * 4 / 3)
    return math.ceil(float(width.group(1)) * 4 / 3 * scale)


def _size_pt(svg: str) -> tuple[float, float] | None:
    tag = _SVG_TAG.search(svg)
    width = _WIDTH.search(tag.group(1)) if tag else None
    height = _HEIGHT.search(tag.group(1)) if tag else None
    if width is None or height is None:
        return None
    return float(width.group(1)), float(height.group(1))


def _scale(size: tuple[float, float], box_mm: tuple[float, float]) -> float:
    """How much a picture of *size* (pt) is scaled to fit *box_mm* (never enlarged)."""
    width, height = size
    return min(1.0, box_mm[0] * PT_PER_MM / width, box_mm[1] * PT_PER_MM / height)


def printed_diagram(
    swimlane: str,
    compact: str | None,
    portrait_mm: tuple[float, float] = CARD_PORTRAIT_MM,
    compact_mm: tuple[float, float] = CARD_COMPACT_MM,
) -> PrintedDiagram:
    """How to print a flow's diagram: which layout, which orientation, at what scale.

    The swimlane goes in *portrait_mm*, or on a landscape page when a portrait
    box would shrink it below :data:`MIN_PRINT_SCALE` and landscape prints it at
    least 30 % larger. When even so it prints below :data:`MIN_PRINT_SCALE`, the
    *compact* column prints instead, in *compact_mm* (portrait), if that prints it
    larger (``None``: the swimlane only). The SOP card, the printed decks and the
    flow page printed from the browser all ask this one function.
    """
    size = _size_pt(swimlane)
    if size is None:
        return PrintedDiagram(compact=False, landscape=False, scale=1.0)
    portrait = _scale(size, portrait_mm)
    landscape = _scale(size, CARD_LANDSCAPE_MM)
    wide = portrait < MIN_PRINT_SCALE and landscape >= 1.3 * portrait
    swimlane_scale = landscape if wide else portrait
    column_size = _size_pt(compact) if compact is not None else None
    if swimlane_scale < MIN_PRINT_SCALE and column_size is not None:
        column_scale = _scale(column_size, compact_mm)
        if column_scale > swimlane_scale:
            return PrintedDiagram(compact=True, landscape=False, scale=column_scale)
    return PrintedDiagram(compact=False, landscape=wide, scale=swimlane_scale)


def inline_svg(
    svg: str,
    *,
    title: str,
    title_id: str,
    described_by: str | None,
    keep_legible: bool,
    smallest_pt: float = SMALLEST_LABEL_PT,
    never_enlarged: bool = False,
) -> str:
    """*svg* with ``role="img"``, a ``<title>``, ``aria-describedby`` and maybe a min width.

    *title* must already be escaped for XML text. With *keep_legible* the diagram
    gets a ``min-width`` so its labels (the smallest *smallest_pt* points) stay
    readable (the page scrolls it sideways). With *never_enlarged* it gets its
    natural height as ``max-height``: a box that grows (the SOP card's cover)
    never draws it larger than life.
    """
    tag = _SVG_TAG.search(svg)
    if tag is None:
        return svg
    attributes = f' role="img" aria-labelledby="{title_id}"'
    if described_by is not None:
        attributes += f' aria-describedby="{described_by}"'
    styles = []
    width = min_width_px(svg, smallest_pt) if keep_legible else None
    if width is not None:
        styles.append(f"min-width: {width}px")
    size = _size_pt(svg) if never_enlarged else None
    if size is not None:
        styles.append(f"max-height: {size[1]:g}pt")
    if styles:
        attributes += f' style="{"; ".join(styles)}"'
    opening = f"<svg{tag.group(1)}{attributes}>"
    return (
        svg[: tag.start()]
        + opening
        + f'\n<title id="{title_id}">{title}</title>'
        + svg[tag.end() :]
    )


def standalone_svg(svg: str, *, title: str, page_href: str) -> str:
    """The diagram as an ``.svg`` file: an XML prolog, a title, step links to the page.

    *svg* is already relinked for the folder the file lives in; *page_href* is the
    flow page's address relative to that folder (``./`` or ``index.html``).
    """
    body = _STEP_LINK.sub(lambda match: f"{match.group(1)}{page_href}#step-", svg)
    tag = _SVG_TAG.search(body)
    if tag is not None:
        body = body[: tag.end()] + f"\n<title>{title}</title>" + body[tag.end() :]
    return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body


def describe(flow: Flow, handbook: Handbook, words: Mapping[str, str]) -> Description:
    """The text version of *flow*'s diagram, in the handbook's language."""
    graph = FlowGraph(flow)
    numbers = {step.id: number for number, step in enumerate(flow.steps, start=1)}
    lanes: dict[str, str] = {}
    for step in flow.steps:
        if step.role is not None:
            key = handbook.qualify(step.role, flow.domain)
            role = handbook.role(step.role, flow.domain)
            lanes.setdefault(key, role.name if role is not None else step.role)
    if any(step.role is None and step.kind is not StepKind.END for step in flow.steps):
        lanes.setdefault("", words["diagram.unassigned"])
    lanes_sentence = words["describe.lanes"].format(
        count=len(lanes), names=words["list_separator"].join(lanes.values())
    )
    described = []
    for step in flow.steps:
        role = handbook.role(step.role, flow.domain) if step.role is not None else None
        text = step.name
        if step.role is not None:
            text += words["describe.role"].format(role=role.name if role else step.role)
        parts: list[str] = []
        if step.kind is StepKind.SUBFLOW:
            called = called_flow(handbook, flow, step)
            if called is not None:
                parts.append(words["describe.call"].format(title=called.title))
        for edge in graph.edges:
            if edge.source != step.id:
                continue
            target = words["describe.to"].format(number=numbers[edge.target])
            if edge.label is not None:
                target = words["describe.branch"].format(label=edge.label, target=target)
            if graph.is_loop(edge):
                target += words["describe.loop"]
            parts.append(target)
        if step.kind is StepKind.END or not parts:
            parts.append(words["describe.end"])
        text += words["colon"] + words["describe.separator"].join(parts)
        described.append(DescribedStep(numbers[step.id], f"step-{step.id}", text))
    return Description(lanes_sentence, tuple(described))

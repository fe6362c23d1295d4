"""The visual diff (``handbook diff OLD NEW --html DIR``): a page per added or changed flow.

Each page is self-contained HTML (inline CSS, inline SVG, no script): the flow's
new swimlane diagram with every new or changed step outlined in colour *and*
marked by a symbol in its label ("✚ 新增", "✎ 修改"), the list of changes, the
steps that were removed, and the steps with anchors the diagram links to.
``index.html`` lists every flow that differs. Pages are written to
``DIR/<domain>/<flow-id>.html``; the same diff gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.diagrams import DiagramText, flow_dot, render_svgs
from generator.diff.formats import value_text
from generator.diff.model import Change, ChangeKind, FlowDiff, HandbookDiff, Presence
from generator.model import Flow, Handbook
from generator.render.environment import environment

TEMPLATES = Path(__file__).parent / "templates"
"""The page templates of the visual diff."""

MARK_STYLE: Mapping[str, str] = {
    "added": 'color="#1a7f37" fillcolor="#e6f4ea" penwidth=3',
    "changed": 'color="#b35900" fillcolor="#fff1dc" penwidth=3',
}
"""DOT attributes that outline a marked step node, by mark."""

_NODE_LINE = re.compile(r'^(\s*s(\d+) \[id="flow_s\d+" .*)\]$', re.MULTILINE)
_ROOT_LINK = re.compile(r'href="__ROOT__/([a-z0-9/-]*)/"')


@dataclass(frozen=True)
class ChangeRow:
    """One change as the page lists it."""

    kind: str
    """The change kind's label."""
    about: str
    """The step, role or field it is about (may be empty)."""
    old: str
    """The old value, short."""
    new: str
    """The new value, short."""
    step: str | None
    """The step id, to link to the step's entry."""


@dataclass(frozen=True)
class StepRow:
    """One step of the new flow as the page lists it."""

    id: str
    """The step id (also the anchor ``step-<id>``)."""
    name: str
    """The step's name."""
    mark: str | None
    """``added``, ``changed`` or ``None``."""


def step_marks(flow_diff: FlowDiff, flow: Flow) -> dict[str, str]:
    """``added`` or ``changed`` for every step of *flow* that the diff touches."""
    if flow_diff.presence is Presence.ADDED:
        return {step.id: "added" for step in flow.steps}
    marks: dict[str, str] = {}
    for change in flow_diff.changes:
        if change.step is None or change.kind is ChangeKind.STEP_REMOVED:
            continue
        added = change.kind is ChangeKind.STEP_ADDED
        marks[change.step] = "added" if added else marks.get(change.step, "changed")
    return marks


def marked_dot(
    flow: Flow, handbook: Handbook, marks: Mapping[str, str], *, labels: Mapping[str, str]
) -> str:
    """The flow's DOT source with marked steps labelled by their symbol and outlined."""
    steps = tuple(
        dataclasses.replace(step, name=f"{labels['diff.marker.' + marks[step.id]]}\n{step.name}")
        if step.id in marks
        else step
        for step in flow.steps
    )
    text = DiagramText(
        start=labels["diagram.start"],
        end=labels["diagram.end"],
        unassigned=labels["diagram.unassigned"],
        subflow=labels["diagram.subflow"],
    )
    dot = flow_dot(dataclasses.replace(flow, steps=steps), handbook, text=text)
    position_marks = {
        position: marks[step.id] for position, step in enumerate(flow.steps) if step.id in marks
    }

    def outline(match: re.Match[str]) -> str:
        mark = position_marks.get(int(match.group(2)))
        return match.group(0) if mark is None else f"{match.group(1)} {MARK_STYLE[mark]}]"

    return _NODE_LINE.sub(outline, dot)


def _about(change: Change, labels: Mapping[str, str]) -> str:
    parts = []
    if change.step is not None:
        parts.append(f"{labels['step']} {change.step}")
    if change.role is not None:
        parts.append(f"{labels['role']} {change.role}")
    if change.field is not None:
        parts.append(change.field)
    return " · ".join(parts)


def _rows(flow_diff: FlowDiff, labels: Mapping[str, str]) -> list[ChangeRow]:
    return [
        ChangeRow(
            kind=labels[f"diff.kind.{change.kind.value}"],
            about=_about(change, labels),
            old=value_text(change.old),
            new=value_text(change.new),
            step=change.step if change.kind is not ChangeKind.STEP_REMOVED else None,
        )
        for change in flow_diff.changes
    ]


def _page_path(key: str) -> str:
    return f"{key}.html"


def _relink(svg: str, pages: set[str]) -> str:
    """Point a sub-flow node at its diff page when there is one; drop other site links."""

    def target(match: re.Match[str]) -> str:
        key = match.group(1)
        return f'href="../{_page_path(key)}"' if key in pages else 'href="#"'

    return _ROOT_LINK.sub(target, svg)


def _environment() -> jinja2.Environment:
    return environment().overlay(loader=jinja2.FileSystemLoader(TEMPLATES))


def write_html(
    diff: HandbookDiff, new: Handbook, folder: Path, *, labels: Mapping[str, str], language: str
) -> list[Path]:
    """Write the visual diff into *folder*; return the pages written (index first)."""
    shown = [
        (flow_diff, flow)
        for flow_diff in diff.flows
        if flow_diff.presence is not Presence.REMOVED
        and (flow := new.flow(flow_diff.key, "")) is not None
    ]
    marks = {flow.key: step_marks(flow_diff, flow) for flow_diff, flow in shown}
    sources = {flow.key: marked_dot(flow, new, marks[flow.key], labels=labels) for _, flow in shown}
    with tempfile.TemporaryDirectory(prefix="handbook-diff-dot-") as cache:
        svgs = render_svgs(sources, cache_dir=Path(cache)).svgs
    pages = {flow.key for _, flow in shown}
    env = _environment()
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "index.html"]
    index = env.get_template("index.html.j2").render(
        t=labels,
        lang=language,
        diff=diff,
        pages=pages,
        page_path=_page_path,
        removed_flows=[flow for flow in diff.flows if flow.presence is Presence.REMOVED],
    )
    written[0].write_text(index, encoding="utf-8")
    for flow_diff, flow in shown:
        removed = [change for change in flow_diff.changes if change.kind is ChangeKind.STEP_REMOVED]
        steps = [StepRow(step.id, step.name, marks[flow.key].get(step.id)) for step in flow.steps]
        page = env.get_template("flow.html.j2").render(
            t=labels,
            lang=language,
            diff=diff,
            flow_diff=flow_diff,
            flow=flow,
            svg=Markup(_relink(svgs[flow.key], pages)),
            rows=_rows(flow_diff, labels),
            removed=removed,
            steps=steps,
        )
        path = folder / _page_path(flow.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written

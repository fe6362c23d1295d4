"""BPMN tests' helpers: random valid flows, the real BPMN tools (node), geometry of a BPMN file.

The npm tools live in tests/bpmn (package.json + package-lock.json, installed by
scripts/setup.sh with ``npm ci``). :func:`node_check` runs bpmn-moddle and
bpmnlint over many files in one node process.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.bpmn.reader import XmlElement, parse_xml
from generator.bpmn.writer import BPMN_NS, BPMNDI_NS, DC_NS, DI_NS
from generator.bpmn.yamltext import flow_yaml
from generator.flowgraph import FlowGraph
from generator.model import Flow
from generator.spec import json_schema

TOOLS = Path(__file__).parent / "bpmn"
"""The npm project of the BPMN tools."""

ROLES = ("dispatcher", "pilot", "tally", "port-manager")
"""The roles of the generated domain."""

DOMAIN_YAML = "title: 港口业务\nsummary: 码头作业\nowner: port-manager\n"
ROLES_YAML = (
    "roles:\n  - id: dispatcher\n    name: 生产调度\n  - id: pilot\n    name: 引航员\n"
    "  - id: tally\n    name: 理货员 <b>&amp;</b>\n  - id: port-manager\n    name: 港口经理\n"
)
CALLED_YAML = flow_yaml(
    title="被调用流程",
    summary="s",
    owner="dispatcher",
    version="1.0",
    effective=dt.date(2026, 1, 1),
    review=dt.date(2027, 1, 1),
    trigger=None,
    outcome=None,
    tags=(),
    steps=[
        {"id": "work", "name": "作业", "role": "dispatcher"},
        {"id": "done", "kind": "end", "name": "完成"},
    ],
    source_note="called",
)
"""A flow the generated flows call as a sub-flow (``port/called``)."""

PROBABILITIES = '"probability"' in json.dumps(json_schema("flow"))
"""Whether branches may carry a probability yet (FORMAT v1.2, once the spec has it)."""

WORDS = ("船舶", "靠泊", 'Check <x> & "y"', "确认", "no", "10:30", "1.10", "x'y", "审核", "a  b\tc")


def random_flow_yaml(rng: random.Random, texts: Sequence[str] = WORDS) -> str:
    """A valid draft flow of the ``port`` domain: a spine of steps ending in an end step,
    decisions with branches going anywhere (loops included), sub-flow calls, extra ends,
    RACI, checklists, durations and every optional key now and then."""

    def text() -> str:
        return rng.choice(texts)

    count = rng.randint(2, 9)
    ids = [f"s{number}" for number in range(count)]
    extra_ends = [f"e{number}" for number in range(rng.randint(0, 2))]
    steps: list[dict[str, object]] = []
    for number, step_id in enumerate(ids):
        last = number == count - 1
        kind = "end" if last else rng.choice(("task", "task", "decision", "subflow"))
        step: dict[str, object] = {"id": step_id}
        if kind != "task":
            step["kind"] = kind
        step["name"] = f"{text()} {number}"
        if kind != "end" or rng.random() < 0.5:
            step["role"] = rng.choice(ROLES)
        if kind != "end":
            if rng.random() < 0.4:
                step["accountable"] = rng.choice(ROLES)
            if rng.random() < 0.4:
                step["consulted"] = rng.sample(ROLES, rng.randint(1, 2))
            if rng.random() < 0.3:
                step["informed"] = rng.sample(ROLES, 1)
            if rng.random() < 0.5:
                step["details"] = f"{text()}\n\n- {text()}\n"
            if rng.random() < 0.6:
                step["checklist"] = [text() for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.3:
                step["control"] = text()
            if rng.random() < 0.4:
                step["duration"] = rng.choice(("15m", "2h", "1d", "1h30m"))
            if rng.random() < 0.3:
                step["inputs"] = [text()]
            if rng.random() < 0.3:
                step["outputs"] = [text(), text()]
        if kind == "subflow":
            step["flow"] = "called"
        if kind == "decision":
            targets = [ids[number + 1]] + [
                rng.choice(ids + extra_ends) for _ in range(rng.randint(1, 2))
            ]
            targets = list(dict.fromkeys(targets))
            if len(targets) < 2:
                targets.append(extra_ends[0] if extra_ends else ids[0])
            shares = None
            if PROBABILITIES and rng.random() < 0.3:
                shares = [0.5, 0.5] if len(targets) == 2 else [0.5, 0.25, 0.25]
            step["branches"] = [
                {
                    "when": f"{text()} {index}",
                    "next": target,
                    **({"probability": shares[index]} if shares else {}),
                }
                for index, target in enumerate(targets)
            ]
        elif kind not in ("end",) and rng.random() < 0.3:
            step["next"] = ids[number + 1]
        steps.append(step)
    reached = {
        branch["next"]
        for step in steps
        for branch in step.get("branches", [])  # type: ignore[attr-defined]
    }
    for end_id in (end for end in extra_ends if end in reached):
        steps.append({"id": end_id, "kind": "end", "name": f"{text()} end"})
    return flow_yaml(
        title=f"{text()} flow",
        summary=text(),
        owner=rng.choice(ROLES),
        version="1.0",
        effective=dt.date(2026, 1, 1),
        review=dt.date(2027, 1, 1),
        trigger=text() if rng.random() < 0.5 else None,
        outcome=text() if rng.random() < 0.5 else None,
        tags=[text()] if rng.random() < 0.5 else [],
        steps=steps,
        source_note="generated",
    )


def write_domain(flows: Path, files: dict[str, str]) -> None:
    """Write the generated ``port`` domain (roles, the called flow) and *files* under *flows*."""
    port = flows / "port"
    port.mkdir(parents=True, exist_ok=True)
    (port / "domain.yaml").write_text(DOMAIN_YAML, encoding="utf-8")
    (port / "roles.yaml").write_text(ROLES_YAML, encoding="utf-8")
    (port / "called.yaml").write_text(CALLED_YAML, encoding="utf-8")
    for name, text in files.items():
        (port / f"{name}.yaml").write_text(text, encoding="utf-8")


def signature(flow: Flow) -> dict[str, object]:
    """What a round trip must keep of a flow: ids, names, roles, links, RACI, checklists, ..."""
    graph = FlowGraph(flow)
    return {
        "id": flow.id,
        "title": flow.title,
        "summary": flow.summary,
        "owner": flow.owner,
        "version": flow.version,
        "effective": flow.effective,
        "review": flow.review,
        "trigger": flow.trigger,
        "outcome": flow.outcome,
        "tags": flow.tags,
        "links": graph.links,
        "steps": [
            (
                step.id,
                step.kind,
                step.name,
                step.role,
                step.accountable,
                step.consulted,
                step.informed,
                step.details,
                step.checklist,
                step.control,
                step.duration.text if step.duration else None,
                step.inputs,
                step.outputs,
                step.flow,
                [(branch.when, branch.next, branch.probability) for branch in step.branches],
            )
            for step in flow.steps
        ],
    }


def node_check(files: Sequence[Path]) -> list[dict[str, Any]]:
    """bpmn-moddle's warnings and bpmnlint's ``recommended`` reports per file (one node run)."""
    if not (TOOLS / "node_modules" / "bpmnlint").is_dir():
        raise AssertionError("the BPMN tools are not installed: run `bash scripts/setup.sh`")
    completed = subprocess.run(
        ["node", "check.mjs", *(str(file) for file in files)],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(results) == len(files)
    return results


@dataclass(frozen=True)
class Box:
    """A shape's rectangle."""

    x: float
    y: float
    width: float
    height: float

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.x + self.width <= other.x + other.width
            and self.y + self.height <= other.y + other.height
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def crossed_by(self, start: tuple[float, float], end: tuple[float, float]) -> bool:
        """Whether the segment passes through the rectangle's inside (not just its border)."""
        left, right = self.x + 1, self.x + self.width - 1
        top, bottom = self.y + 1, self.y + self.height - 1
        (x1, y1), (x2, y2) = start, end
        steps = 64
        for index in range(steps + 1):
            x = x1 + (x2 - x1) * index / steps
            y = y1 + (y2 - y1) * index / steps
            if left < x < right and top < y < bottom:
                return True
        return False


def _box(element: XmlElement) -> Box:
    bounds = element.find(DC_NS, "Bounds")
    assert bounds is not None, f"no bounds on {element.get('id')}"
    return Box(*(float(bounds.get(name) or "nan") for name in ("x", "y", "width", "height")))


def geometry_problems(xml: str) -> list[str]:
    """Nodes outside their lane, overlapping shapes, edges through shapes, short edges."""
    root = parse_xml(xml.encode("utf-8"))
    problems: list[str] = []
    plane = next(element for element in root.iter() if element.tag == "BPMNPlane")
    shapes: dict[str, Box] = {}
    horizontal: dict[str, str | None] = {}
    for shape in plane.find_all(BPMNDI_NS, "BPMNShape"):
        shapes[shape.get("bpmnElement") or ""] = _box(shape)
        horizontal[shape.get("bpmnElement") or ""] = shape.get("isHorizontal")
    lanes: dict[str, list[str]] = {}
    participants = {
        element.get("id") or ""
        for element in root.iter()
        if element.namespace == BPMN_NS and element.tag == "participant"
    }
    for lane in (e for e in root.iter() if e.namespace == BPMN_NS and e.tag == "lane"):
        lanes[lane.get("id") or ""] = [ref.text for ref in lane.find_all(BPMN_NS, "flowNodeRef")]
    containers = set(lanes) | participants
    for container in containers:
        if horizontal.get(container) != "true":
            problems.append(f"{container}: not isHorizontal")
    for lane_id, refs in lanes.items():
        for ref in refs:
            if not shapes[ref].inside(shapes[lane_id]):
                problems.append(f"{ref} is outside its lane {lane_id}")
    nodes = {key: box for key, box in shapes.items() if key not in containers}
    keys = sorted(nodes)
    for number, first in enumerate(keys):
        for second in keys[number + 1 :]:
            if nodes[first].overlaps(nodes[second]):
                problems.append(f"{first} overlaps {second}")
    flows = {
        element.get("id"): element
        for element in root.iter()
        if element.namespace == BPMN_NS and element.tag == "sequenceFlow"
    }
    for edge in plane.find_all(BPMNDI_NS, "BPMNEdge"):
        flow_id = edge.get("bpmnElement") or ""
        points = [
            (float(point.get("x") or "nan"), float(point.get("y") or "nan"))
            for point in edge.find_all(DI_NS, "waypoint")
        ]
        if len(points) < 2:
            problems.append(f"{flow_id}: fewer than two waypoints")
            continue
        ends = {flows[flow_id].get("sourceRef"), flows[flow_id].get("targetRef")}
        for key, box in nodes.items():
            if key in ends:
                continue
            if any(box.crossed_by(a, b) for a, b in itertools.pairwise(points)):
                problems.append(f"{flow_id} passes through {key}")
    for sequence_flow_id in flows:
        if not any(
            edge.get("bpmnElement") == sequence_flow_id
            for edge in plane.find_all(BPMNDI_NS, "BPMNEdge")
        ):
            problems.append(f"{sequence_flow_id}: no edge")
    return problems

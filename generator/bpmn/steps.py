"""Import, second half: the steps read from a BPMN file made into links the format can say.

:func:`shape_links` orders the steps (the start first) and repairs what a flow
cannot hold: a task with several ways out gets a decision after it, a decision
with one way out becomes a task, a step with no way out (or caught in a loop
with no exit) gets one to an added end step, and steps the start cannot reach
are listed. :func:`step_record` turns a step into the mapping the YAML writer writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.bpmn.graph import STEP_PREFIX
from generator.bpmn.reader import XmlElement

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""The format's id pattern."""


@dataclass(frozen=True)
class ImportNote:
    """One element that was mapped to a nearer form, or left out, and why."""

    line: int
    """The element's line in the BPMN file."""
    element: str
    """The element's kind and id, e.g. ``parallelGateway Gateway_1``."""
    message: str
    """What became of it."""


@dataclass
class ImportedStep:
    """A step being built from a flow node."""

    id: str
    """The step id."""
    kind: str
    """``task``, ``decision``, ``subflow`` or ``end``."""
    name: str
    """The display name."""
    element: str
    """The BPMN element id it came from (or a made-up one for added steps)."""
    role: str | None = None
    """The role reference."""
    values: dict[str, object] = field(default_factory=dict)
    """accountable, consulted, informed, checklist, control, duration, inputs, outputs, flow."""
    details: str | None = None
    """Markdown details."""
    notes: list[str] = field(default_factory=list)
    """Import notes, added to the details."""
    targets: list[tuple[str, str | None, float | None]] = field(default_factory=list)
    """(element id of the next node, branch label, probability), in order."""


class StepIds:
    """Hands out unique step ids."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, *wishes: str | None) -> str:
        """The first free valid id among *wishes*, else the first valid one numbered."""
        for wish in wishes:
            if wish and ID_PATTERN.fullmatch(wish) and wish not in self.used:
                self.used.add(wish)
                return wish
        base = next((wish for wish in wishes if wish and ID_PATTERN.fullmatch(wish)), "step")
        number = 2
        while f"{base}-{number}" in self.used:
            number += 1
        self.used.add(f"{base}-{number}")
        return f"{base}-{number}"


def shape_links(
    steps: dict[str, ImportedStep],
    first: str,
    ids: StepIds,
    notes: list[ImportNote],
    words: Mapping[str, str],
    elements: dict[str, XmlElement],
) -> list[ImportedStep]:
    """Order the steps (start first) and make every link one the format can say.

    A task with several ways out gets a decision after it; a decision with one
    way out becomes a task; a step with no way out leads to an added end step.
    Steps that cannot be reached from the start are left out and listed.
    """
    added: list[ImportedStep] = []
    end_needed = False
    for _attempt in range(len(steps)):
        stuck = _stuck(steps, first)
        if stuck is None:
            break
        steps[stuck].targets.append((_END, words["diagram.end"], None))
        end_needed = True
        notes.append(
            ImportNote(
                elements[stuck].line if stuck in elements else 0,
                f"{elements[stuck].tag if stuck in elements else 'step'} {stuck}",
                "no end can be reached from here: a way out to an added end step was added",
            )
        )
    for step in list(steps.values()):
        if step.kind == "end":
            continue
        if step.kind != "decision" and len(step.targets) > 1:
            split = ImportedStep(
                ids.take(f"{step.id}-split"),
                "decision",
                words["bpmn.split_name"].format(name=step.name),
                f"{step.element}-split",
                role=step.role,
            )
            split.targets = [
                (target, label or (steps[target].name if target in steps else target), probability)
                for target, label, probability in step.targets
            ]
            split.notes.append(words["bpmn.note.split"])
            step.targets = [(split.element, None, None)]
            notes.append(
                ImportNote(
                    elements[step.element].line if step.element in elements else 0,
                    f"{elements[step.element].tag if step.element in elements else 'step'}"
                    f" {step.element}",
                    "several outgoing flows: a decision was added after it",
                )
            )
            added.append(split)
        elif step.kind == "decision" and len(step.targets) < 2:
            step.kind = "task"
            step.targets = [(target, None, None) for target, _label, _p in step.targets]
        if not step.targets:
            end_needed = True
            step.targets = [(_END, None, None)]
            notes.append(
                ImportNote(
                    elements[step.element].line if step.element in elements else 0,
                    f"{elements[step.element].tag if step.element in elements else 'step'}"
                    f" {step.element}",
                    "no outgoing flow: it now leads to an added end step",
                )
            )
    everything = dict(steps)
    for step in added:
        everything[step.element] = step
    if end_needed:
        everything[_END] = ImportedStep(ids.take("end"), "end", words["diagram.end"], _END)
    # Our own files list the steps in flow order: keep it. Others: depth first from the start.
    if all(step.element.startswith(STEP_PREFIX) for step in steps.values()):
        order = [first] + [key for key in everything if key != first]
        reachable = _reachable(everything, first)
        order = [key for key in order if key in reachable]
    else:
        order = _depth_first(everything, first)
    for key in everything:
        if key not in order and key in elements:
            notes.append(
                ImportNote(
                    elements[key].line,
                    f"{elements[key].tag} {key}",
                    f"'{everything[key].name}' cannot be reached from the start: not imported",
                )
            )
    return [everything[key] for key in order]


_END = "__end__"
"""The key of the end step added for steps that lead nowhere."""


def _stuck(steps: dict[str, ImportedStep], first: str) -> str | None:
    """The first step (depth first from *first*) from which no end can be reached, if any.

    Steps without any way out count as ending (they get the added end step).
    """
    leads_to: dict[str, list[str]] = {key: [] for key in steps}
    ending = [key for key, step in steps.items() if step.kind == "end" or not step.targets]
    for key, step in steps.items():
        for target, _label, _probability in step.targets:
            if target == _END:
                ending.append(key)
            elif target in leads_to:
                leads_to[target].append(key)
    reaching = set(ending)
    queue = list(ending)
    while queue:
        for source in leads_to.get(queue.pop(), []):
            if source not in reaching:
                reaching.add(source)
                queue.append(source)
    return next((key for key in _depth_first(steps, first) if key not in reaching), None)


def _reachable(steps: dict[str, ImportedStep], first: str) -> set[str]:
    seen = {first}
    stack = [first]
    while stack:
        for target, _label, _probability in steps[stack.pop()].targets:
            if target in steps and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _depth_first(steps: dict[str, ImportedStep], first: str) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    stack = [first]
    while stack:
        key = stack.pop()
        if key in seen or key not in steps:
            continue
        seen.add(key)
        order.append(key)
        stack.extend(reversed([target for target, _l, _p in steps[key].targets]))
    return order


def step_record(
    step: ImportedStep, ordered: list[ImportedStep], index: int, words: Mapping[str, str]
) -> dict[str, object]:
    """The step as the ordered mapping the YAML writer writes."""
    by_element = {other.element: other for other in ordered}
    record: dict[str, object] = {"id": step.id}
    if step.kind != "task":
        record["kind"] = step.kind
    record["name"] = step.name
    if step.role is not None:
        record["role"] = step.role
    for key in ("accountable", "consulted", "informed"):
        if key in step.values:
            record[key] = step.values[key]
    details = step.details
    if step.notes:
        note_text = "\n".join(
            words["bpmn.note"].format(note=note) for note in dict.fromkeys(step.notes)
        )
        details = f"{details.rstrip()}\n\n{note_text}" if details else note_text
    if details is not None:
        record["details"] = details
    for key in ("checklist", "control", "duration", "inputs", "outputs", "flow"):
        if key in step.values:
            record[key] = step.values[key]
    if step.kind == "decision":
        record["branches"] = [
            {
                "when": label or by_element[target].name,
                "next": by_element[target].id,
                **({"probability": probability} if probability is not None else {}),
            }
            for target, label, probability in step.targets
            if target in by_element
        ]
    elif step.kind != "end" and step.targets:
        target = by_element.get(step.targets[0][0])
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if target is not None and target is not following:
            record["next"] = target.id
    return record

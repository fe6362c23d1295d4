"""Import: a BPMN file (from any modeller) → one flow of the format, as YAML text, plus its roles.

The mapping, element by element:

* tasks of every type → task steps; call activities → sub-flow steps (when the
  called flow is in the handbook, else a task with a note); end events → end steps;
* exclusive gateways that fork → decisions, each outgoing flow a branch (its
  name, else its condition, else the target's name); gateways that only join
  are dropped (the arrows pass through them);
* lanes → roles (a lane's name is the role's name); documentation → details;
* our own extension elements (:data:`~generator.bpmn.writer.HANDBOOK_NS`) give back
  ids, RACI, checklists, control points, durations, inputs, outputs and the
  flow's document control exactly.

What the format cannot say is mapped to its nearest form and noted in the
step's ``details`` and in the report (:class:`ImportNote`), never dropped in
silence: parallel, inclusive, complex and event-based gateways become
decisions; intermediate events, embedded sub-processes and service, script and
business-rule tasks become tasks; boundary events become a branch after their
activity; a task with several outgoing flows gets a decision after it; message
flows, data stores, extra start events and extra pools are listed. The flow is
always written as a draft.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator.bpmn.graph import STEP_PREFIX
from generator.bpmn.reader import XmlElement
from generator.bpmn.steps import (
    ID_PATTERN,
    ImportedStep,
    ImportNote,
    StepIds,
    shape_links,
    step_record,
)
from generator.bpmn.writer import BPMN_NS, HANDBOOK_NS
from generator.bpmn.yamltext import flow_yaml

_TASKS = {"task", "userTask", "manualTask", "sendTask", "receiveTask"}
_FOREIGN_TASKS = {"serviceTask", "scriptTask", "businessRuleTask"}
_SUBPROCESSES = {"subProcess", "transaction", "adHocSubProcess"}
_INTERMEDIATE = {"intermediateCatchEvent", "intermediateThrowEvent"}
_GATEWAYS = {
    "exclusiveGateway",
    "inclusiveGateway",
    "parallelGateway",
    "eventBasedGateway",
    "complexGateway",
}
_FLOW_NODES = (
    _TASKS
    | _FOREIGN_TASKS
    | _SUBPROCESSES
    | _INTERMEDIATE
    | _GATEWAYS
    | {"startEvent", "endEvent", "callActivity", "boundaryEvent"}
)
_DATA = {"dataObject", "dataObjectReference", "dataStoreReference", "dataStore"}
_REFS = {"consulted", "informed"}

Relink = Callable[[str], str]
"""Rewrites a reference for the domain a flow is imported into."""

_QUIET = {"documentation", "extensionElements", "laneSet", "sequenceFlow", "textAnnotation"}


class BpmnImportError(Exception):
    """The file holds nothing that can become a flow; the message says why."""


@dataclass(frozen=True)
class ImportResult:
    """A flow read from BPMN, ready to be written."""

    flow_id: str
    """The flow id (the file name)."""
    text: str
    """The flow file's YAML text."""
    roles: tuple[tuple[str, str], ...]
    """Roles the flow uses that the domain may lack: (id, name), in lane order."""
    notes: tuple[ImportNote, ...]
    """Everything mapped to a nearer form or left out."""
    steps: int
    """How many steps the flow has."""


def _name(element: XmlElement) -> str:
    return " ".join((element.get("name") or "").split())


def _ext(element: XmlElement, tag: str) -> XmlElement | None:
    extensions = element.find(BPMN_NS, "extensionElements")
    return extensions.find(HANDBOOK_NS, tag) if extensions is not None else None


def _texts(element: XmlElement | None, tag: str) -> list[str]:
    if element is None:
        return []
    return [child.text for child in element.find_all(HANDBOOK_NS, tag)]


def _one_text(element: XmlElement | None, tag: str) -> str | None:
    found = element.find(HANDBOOK_NS, tag) if element is not None else None
    return found.text if found is not None else None


def slug(text: str) -> str:
    """An id of the format made from *text* (ASCII letters and digits), or ``""``."""
    words = re.findall(r"[a-z0-9]+", text.replace("_", "-").lower())
    return "-".join(words)[:60].strip("-")


def _choose_process(root: XmlElement, notes: list[ImportNote]) -> tuple[XmlElement, str | None]:
    """The process to import (the first pool that has flow nodes) and its pool's name."""
    processes = {process.get("id"): process for process in root.find_all(BPMN_NS, "process")}
    pools: list[tuple[XmlElement, XmlElement | None]] = []
    for collaboration in root.find_all(BPMN_NS, "collaboration"):
        for participant in collaboration.find_all(BPMN_NS, "participant"):
            pools.append((participant, processes.get(participant.get("processRef"))))
        for message in collaboration.find_all(BPMN_NS, "messageFlow"):
            notes.append(
                ImportNote(
                    message.line,
                    f"messageFlow {message.get('id')}",
                    f"message '{_name(message)}' from {message.get('sourceRef')} to"
                    f" {message.get('targetRef')}: not imported (a flow has one pool);"
                    " noted on the steps it touches",
                )
            )
    chosen: XmlElement | None = None
    pool_name: str | None = None
    for participant, process in pools:
        if process is not None and _has_nodes(process) and chosen is None:
            chosen, pool_name = process, _name(participant) or None
        elif process is not chosen:
            notes.append(
                ImportNote(
                    participant.line,
                    f"participant {participant.get('id')}",
                    f"pool '{_name(participant)}' not imported: only the first pool with"
                    " flow nodes becomes the flow",
                )
            )
    if chosen is None:
        chosen = next((process for process in processes.values() if _has_nodes(process)), None)
    if chosen is None:
        raise BpmnImportError("the file holds no BPMN process with flow nodes")
    for process in processes.values():
        if (
            process is not chosen
            and _has_nodes(process)
            and not any(found is process for _participant, found in pools)
        ):
            notes.append(
                ImportNote(
                    process.line,
                    f"process {process.get('id')}",
                    "process not imported: only one process becomes the flow",
                )
            )
    return chosen, pool_name


def _has_nodes(process: XmlElement) -> bool:
    return any(
        child.namespace == BPMN_NS and child.tag in _FLOW_NODES for child in process.children
    )


def _lanes(process: XmlElement, notes: list[ImportNote]) -> list[tuple[XmlElement, list[str]]]:
    """The leaf lanes, top to bottom, each with the ids of its flow nodes."""
    leaves: list[tuple[XmlElement, list[str]]] = []

    def walk(lane_set: XmlElement, depth: int) -> None:
        for lane in lane_set.find_all(BPMN_NS, "lane"):
            child = lane.find(BPMN_NS, "childLaneSet")
            refs = [ref.text.strip() for ref in lane.find_all(BPMN_NS, "flowNodeRef")]
            if child is not None and any(True for _ in child.find_all(BPMN_NS, "lane")):
                notes.append(
                    ImportNote(
                        lane.line,
                        f"lane {lane.get('id')}",
                        f"lane '{_name(lane)}' has lanes inside: each inner lane became a role",
                    )
                )
                if depth < 20:
                    walk(child, depth + 1)
            else:
                leaves.append((lane, refs))

    for lane_set in process.find_all(BPMN_NS, "laneSet"):
        walk(lane_set, 0)
    return leaves


def bpmn_to_flow(
    root: XmlElement,
    *,
    domain: str,
    fallback_id: str,
    flow_exists: Callable[[str], bool],
    words: Mapping[str, str],
    today: dt.date,
    domain_exists: Callable[[str], bool] = lambda _domain: True,
) -> ImportResult:
    """Turn the BPMN document *root* into a draft flow of *domain* (see the module docstring).

    *fallback_id* names the flow when the file does not (our extension does);
    *flow_exists* answers whether a flow reference (``id`` or ``domain/id``)
    names a flow of the handbook; *domain_exists* whether a domain does (a
    file of ours whose domain is not in the handbook is read as if it were made
    for *domain*: its roles become the domain's own). Raises
    :class:`BpmnImportError` when the file holds no process.
    """
    if root.namespace != BPMN_NS or root.tag != "definitions":
        raise BpmnImportError(
            f"the root element is '{root.tag}', not a BPMN 2.0 'definitions' element"
            f" (namespace {BPMN_NS})"
        )
    notes: list[ImportNote] = []
    process, pool_name = _choose_process(root, notes)
    flow_ext = _ext(process, "flow")
    origin = flow_ext.get("domain") if flow_ext is not None else None
    moved = _relink(origin if origin and domain_exists(origin) else None, domain)
    elements, flows, data_names = _contents(process, notes)
    if not elements:
        raise BpmnImportError("the process has no flow nodes")

    lane_of, roles, default_role = _roles_from_lanes(
        process, notes, domain, domain_exists, pool_name, words
    )

    # sequence flows
    outgoing: dict[str, list[XmlElement]] = {}
    incoming: dict[str, list[XmlElement]] = {}
    for sequence_flow in flows:
        source, target = sequence_flow.get("sourceRef") or "", sequence_flow.get("targetRef") or ""
        if source not in elements or target not in elements:
            notes.append(
                ImportNote(
                    sequence_flow.line,
                    f"sequenceFlow {sequence_flow.get('id')}",
                    "connects an element that is not a flow node of the process: not imported",
                )
            )
            continue
        outgoing.setdefault(source, []).append(sequence_flow)
        incoming.setdefault(target, []).append(sequence_flow)

    def is_join_only(element_id: str) -> bool:
        element = elements[element_id]
        return element.tag in _GATEWAYS and len(outgoing.get(element_id, [])) <= 1

    starts = [key for key, element in elements.items() if element.tag == "startEvent"]
    if len(starts) > 1:
        for extra in starts[1:]:
            notes.append(
                ImportNote(
                    elements[extra].line,
                    f"startEvent {extra}",
                    f"another start '{_name(elements[extra])}': the flow starts at the first"
                    " start event; noted on the step it leads to",
                )
            )

    def pass_through(element_id: str, seen: frozenset[str] = frozenset()) -> str | None:
        """The first kept node at or after *element_id* (joins and starts pass through)."""
        current = element_id
        visited = set(seen)
        while current not in visited:
            visited.add(current)
            element = elements[current]
            if element.tag == "startEvent" or is_join_only(current):
                following = outgoing.get(current, [])
                if not following:
                    return None
                current = following[0].get("targetRef") or ""
                continue
            return current
        return None

    # kept nodes and their steps
    ids = StepIds()
    steps: dict[str, ImportedStep] = {}
    boundary_of: dict[str, list[str]] = {}
    for element_id, element in elements.items():
        if element.tag == "startEvent" or is_join_only(element_id):
            if element.tag in _GATEWAYS and element.tag != "exclusiveGateway":
                notes.append(
                    ImportNote(
                        element.line,
                        f"{element.tag} {element_id}",
                        "joining gateway dropped: the arrows meet at the next step",
                    )
                )
            continue
        step_ext = _ext(element, "step")
        wished = step_ext.get("id") if step_ext is not None else None
        from_element = (
            element_id[len(STEP_PREFIX) :] if element_id.startswith(STEP_PREFIX) else None
        )
        step_id = ids.take(wished, from_element, slug(element_id), slug(_name(element)))
        # our own names are kept exactly; other tools' are tidied (line breaks, spaces)
        name = (element.get("name") if step_ext is not None else None) or _name(element)
        step = ImportedStep(step_id, "task", name or element_id, element_id)
        lane_role = lane_of.get(element_id)
        step.role = lane_role[0] if lane_role else default_role
        _fill_from_extension(step, step_ext, moved)
        if step_ext is None:
            documentation = "\n\n".join(
                doc.text.strip()
                for doc in element.find_all(BPMN_NS, "documentation")
                if doc.text.strip()
            )
            step.details = documentation or None
            _data_associations(element, data_names, step)
        _map_kind(element, step, notes, words, flow_exists, domain)
        if element.tag == "boundaryEvent" and element.get("attachedToRef") in elements:
            boundary_of.setdefault(element.get("attachedToRef") or "", []).append(element_id)
        steps[element_id] = step

    # links
    for element_id, step in steps.items():
        if step.kind == "end":
            if outgoing.get(element_id):
                notes.append(
                    ImportNote(
                        elements[element_id].line,
                        f"endEvent {element_id}",
                        "an end event with outgoing flows: they were not imported",
                    )
                )
            continue
        for sequence_flow in _ordered(outgoing.get(element_id, [])):
            next_key = pass_through(sequence_flow.get("targetRef") or "")
            if next_key is None or next_key not in steps:
                continue
            branch_ext = _ext(sequence_flow, "branch")
            probability: float | None = None
            if branch_ext is not None and branch_ext.get("probability"):
                try:
                    probability = float(branch_ext.get("probability") or "")
                except ValueError:
                    probability = None
            step.targets.append(
                (next_key, _branch_label(sequence_flow, elements[next_key]), probability)
            )
        for boundary in boundary_of.get(element_id, []):
            label = _name(elements[boundary]) or words["bpmn.boundary"]
            step.targets.append((boundary, label, None))

    start_element = starts[0] if starts else None
    first = pass_through(start_element) if start_element else None
    if first is None:
        first = next((key for key in steps if not incoming.get(key)), next(iter(steps), None))
    if first is None:
        raise BpmnImportError("the process has no step to start with")
    for extra in starts[1:]:
        extra_target = pass_through(extra)
        if extra_target is not None and extra_target in steps:
            steps[extra_target].notes.append(
                words["bpmn.note.extra_start"].format(name=_name(elements[extra]) or extra)
            )

    for collaboration in root.find_all(BPMN_NS, "collaboration"):
        for message in collaboration.find_all(BPMN_NS, "messageFlow"):
            text = _name(message) or message.get("id") or ""
            for end in ("sourceRef", "targetRef"):
                touched = message.get(end) or ""
                if touched in steps:
                    steps[touched].notes.append(words["bpmn.note.message"].format(message=text))

    ordered = shape_links(steps, first, ids, notes, words, elements)
    for step in ordered:
        if step.role is None and step.kind != "end":
            step.role = default_role
    owner_ext = flow_ext.get("owner") if flow_ext is not None else None
    owner = moved(owner_ext) if owner_ext else ordered[0].role
    flow_id = (flow_ext.get("id") if flow_ext is not None else None) or fallback_id
    if not ID_PATTERN.fullmatch(flow_id):
        flow_id = slug(flow_id) or "imported-flow"
    title = _one_text(flow_ext, "title") or pool_name or _name(process) or flow_id
    process_doc = "\n\n".join(
        doc.text.strip() for doc in process.find_all(BPMN_NS, "documentation") if doc.text.strip()
    )
    summary = _one_text(flow_ext, "summary") or process_doc or title
    effective = _date(flow_ext.get("effective") if flow_ext is not None else None) or today
    review = _date(flow_ext.get("review") if flow_ext is not None else None)
    if review is None or review <= effective:
        review = (
            effective.replace(year=effective.year + 1)
            if not (effective.month == 2 and effective.day == 29)
            else effective + dt.timedelta(days=365)
        )
    start_name = _name(elements[start_element]) if start_element else ""
    trigger = _one_text(flow_ext, "trigger") if flow_ext is not None else (start_name or None)
    text = flow_yaml(
        title=title,
        summary=summary,
        owner=owner or default_role,
        version=(flow_ext.get("version") if flow_ext is not None else None) or "0.1",
        effective=effective,
        review=review,
        trigger=trigger,
        outcome=_one_text(flow_ext, "outcome"),
        tags=_texts(flow_ext, "tag"),
        steps=[step_record(step, ordered, index, words) for index, step in enumerate(ordered)],
        source_note=words["bpmn.imported_from"],
    )
    used: list[str] = [owner] if owner else []
    for step in ordered:
        for value in (step.role, step.values.get("accountable")):
            if isinstance(value, str):
                used.append(value)
        for key in ("consulted", "informed"):
            listed = step.values.get(key)
            if isinstance(listed, list):
                used.extend(str(value) for value in listed)
    named = dict(roles)
    needed = [reference for reference in dict.fromkeys(used) if "/" not in reference]
    return ImportResult(
        flow_id=flow_id,
        text=text,
        roles=tuple((reference, named.get(reference, reference)) for reference in needed),
        notes=tuple(sorted(notes, key=lambda note: (note.line, note.element))),
        steps=len(ordered),
    )


def _contents(
    process: XmlElement, notes: list[ImportNote]
) -> tuple[dict[str, XmlElement], list[XmlElement], dict[str, str]]:
    """The process's flow nodes by id, its sequence flows, and its data elements' names.

    Everything else in the process is noted: elements without a counterpart in a
    flow, and the extension elements of other tools.
    """
    elements: dict[str, XmlElement] = {}
    flows: list[XmlElement] = []
    data_names: dict[str, str] = {}
    foreign_extensions: set[str] = set()
    for child in process.children:
        if child.namespace != BPMN_NS:
            notes.append(ImportNote(child.line, child.tag, "element of another namespace ignored"))
            continue
        element_id = child.get("id") or f"line-{child.line}"
        if child.tag in _FLOW_NODES:
            elements.setdefault(element_id, child)
        elif child.tag == "sequenceFlow":
            flows.append(child)
        elif child.tag in _DATA:
            data_names[element_id] = _name(child) or element_id
            notes.append(
                ImportNote(
                    child.line,
                    f"{child.tag} {element_id}",
                    f"'{_name(child) or element_id}' kept only as an input or output of the"
                    " tasks that read or write it",
                )
            )
        elif child.tag not in _QUIET:
            notes.append(
                ImportNote(
                    child.line,
                    f"{child.tag} {element_id}",
                    f"'{_name(child) or child.tag}' has no counterpart in a flow: not imported",
                )
            )
    for element in process.iter():
        if element.tag == "extensionElements":
            foreign_extensions.update(
                child.namespace for child in element.children if child.namespace != HANDBOOK_NS
            )
    if foreign_extensions:
        notes.append(
            ImportNote(
                process.line,
                "extensionElements",
                "extension elements of other tools ignored (namespaces: "
                + ", ".join(sorted(foreign_extensions))
                + ")",
            )
        )
    return elements, flows, data_names


def _roles_from_lanes(
    process: XmlElement,
    notes: list[ImportNote],
    domain: str,
    domain_exists: Callable[[str], bool],
    pool_name: str | None,
    words: Mapping[str, str],
) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]], str]:
    """Each flow node's lane as (role reference, lane name), the roles, and the default role.

    A lane of ours names its role; another lane becomes a role whose id is made
    from its name (or id). Without lanes, the pool (or the process owner) is the role.
    """
    lane_of: dict[str, tuple[str, str]] = {}
    roles: list[tuple[str, str]] = []
    role_ids: set[str] = set()
    for lane, refs in _lanes(process, notes):
        lane_ext = _ext(lane, "lane")
        role_key = lane_ext.get("role") if lane_ext is not None else None
        name = _name(lane) or lane.get("id") or "role"
        if role_key:
            role_domain, _, role_id = role_key.rpartition("/")
            local = role_domain in ("", domain) or not domain_exists(role_domain)
            reference = role_id if local else role_key
        else:
            reference = slug(name) or slug(lane.get("id") or "") or "role"
            base, number = reference, 2
            while reference in role_ids:
                reference, number = f"{base}-{number}", number + 1
        if "/" not in reference and reference not in role_ids:
            role_ids.add(reference)
            roles.append((reference, name))
        for ref in refs:
            lane_of.setdefault(ref, (reference, name))
    if roles:
        return lane_of, roles, roles[0][0]
    default_role = slug(pool_name or "") or "process-owner"
    roles.append((default_role, pool_name or words["bpmn.default_role"]))

    return lane_of, roles, default_role


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _ordered(flows: list[XmlElement]) -> list[XmlElement]:
    """Outgoing flows in branch order: by our branch index when present, else as written."""

    def index(sequence_flow: XmlElement) -> int:
        branch = _ext(sequence_flow, "branch")
        value = branch.get("index") if branch is not None else None
        return int(value) if value is not None and value.isdigit() else 1_000_000

    return sorted(flows, key=index)


def _branch_label(sequence_flow: XmlElement, target: XmlElement) -> str | None:
    """A branch's label: the flow's name, else its condition, else the target's name."""
    ours = _ext(sequence_flow, "branch") is not None
    name = (sequence_flow.get("name") if ours else None) or _name(sequence_flow)
    if name:
        return name
    condition = sequence_flow.find(BPMN_NS, "conditionExpression")
    if condition is not None and condition.text.strip():
        return " ".join(condition.text.split())
    return _name(target) or None


def _fill_from_extension(step: ImportedStep, step_ext: XmlElement | None, moved: Relink) -> None:
    """Restore the values our export keeps in its extension element.

    References are made from the flow's original domain; *moved* rewrites them
    for the domain the flow is imported into.
    """
    if step_ext is None:
        return
    role = step_ext.get("role")
    step.role = moved(role) if role else None
    for attribute in ("accountable", "duration", "flow"):
        value = step_ext.get(attribute)
        if value:
            step.values[attribute] = value if attribute == "duration" else moved(value)
    for tag, key in (
        ("consulted", "consulted"),
        ("informed", "informed"),
        ("checklist", "checklist"),
        ("input", "inputs"),
        ("output", "outputs"),
    ):
        values = _texts(step_ext, tag)
        if values:
            step.values[key] = [moved(value) for value in values] if tag in _REFS else values
    control = _one_text(step_ext, "control")
    if control is not None:
        step.values["control"] = control
    step.details = _one_text(step_ext, "details")


def _relink(origin: str | None, domain: str) -> Relink:
    """Rewrite ``id`` references made in *origin* so they still mean the same from *domain*."""

    def moved(reference: str) -> str:
        if not origin or origin == domain or "/" in reference:
            return reference
        return f"{origin}/{reference}"

    return moved


def _data_associations(element: XmlElement, data_names: dict[str, str], step: ImportedStep) -> None:
    """Data objects and stores a task reads or writes → its inputs and outputs."""
    inputs = [
        data_names[ref.text.strip()]
        for association in element.find_all(BPMN_NS, "dataInputAssociation")
        for ref in association.find_all(BPMN_NS, "sourceRef")
        if ref.text.strip() in data_names
    ]
    outputs = [
        data_names[ref.text.strip()]
        for association in element.find_all(BPMN_NS, "dataOutputAssociation")
        for ref in association.find_all(BPMN_NS, "targetRef")
        if ref.text.strip() in data_names
    ]
    if inputs:
        step.values["inputs"] = inputs
    if outputs:
        step.values["outputs"] = outputs


def _map_kind(
    element: XmlElement,
    step: ImportedStep,
    notes: list[ImportNote],
    words: Mapping[str, str],
    flow_exists: Callable[[str], bool],
    domain: str,
) -> None:
    """Set the step's kind from the element, noting every mapping to a nearer form."""
    tag = element.tag
    element_id = element.get("id") or ""

    def note(message: str, detail: str) -> None:
        notes.append(ImportNote(element.line, f"{tag} {element_id}", message))
        step.notes.append(detail)

    definitions = [child.tag for child in element.children if child.tag.endswith("EventDefinition")]
    event_kind = definitions[0].removesuffix("EventDefinition") if definitions else ""
    if tag == "endEvent":
        step.kind = "end"
        if event_kind and event_kind != "terminate":
            note(
                f"{event_kind} end event imported as a plain end",
                words["bpmn.note.event"].format(kind=event_kind),
            )
    elif tag in _GATEWAYS:
        step.kind = "decision"
        if tag != "exclusiveGateway":
            note(
                f"{tag} imported as a decision (one branch is taken)",
                words["bpmn.note.gateway"].format(kind=tag),
            )
    elif tag == "callActivity":
        called_element = element.get("calledElement") or _extension_called(element)
        reference = step.values.get("flow") or _called_flow(called_element, domain)
        if isinstance(reference, str) and reference and flow_exists(reference):
            step.kind = "subflow"
            step.values["flow"] = reference
        else:
            step.values.pop("flow", None)
            called = called_element or "?"
            note(
                f"calls '{called}', which is not a flow of the handbook: imported as a task",
                words["bpmn.note.call"].format(called=called),
            )
    elif tag in _TASKS:
        step.kind = "task"
    else:
        step.kind = "task"
        kind = tag if not event_kind else f"{tag} ({event_kind})"
        what = {
            "boundaryEvent": f"boundary event on {element.get('attachedToRef')}: imported as a"
            " task on a branch after its activity",
        }.get(tag, f"{kind} imported as a task")
        if tag in _SUBPROCESSES:
            inner = [
                _name(child) or child.get("id") or child.tag
                for child in element.children
                if child.namespace == BPMN_NS and child.tag in _FLOW_NODES
            ]
            what = (
                f"embedded {tag} imported as one task ({len(inner)} inner elements in its details)"
            )
            step.notes.append(words["bpmn.note.subprocess"].format(inner="、".join(inner) or "-"))
            notes.append(ImportNote(element.line, f"{tag} {element_id}", what))
            return
        note(what, words["bpmn.note.element"].format(kind=kind))


def _extension_called(element: XmlElement) -> str:
    """The called process named in another tool's extension (Zeebe's ``calledElement``)."""
    extensions = element.find(BPMN_NS, "extensionElements")
    for child in extensions.children if extensions is not None else []:
        if child.tag == "calledElement" and child.get("processId"):
            return child.get("processId") or ""
    return ""


def _called_flow(called_element: str, domain: str) -> str:
    """A flow reference from a ``calledElement`` (``Process_<domain>_<flow>`` or any id)."""
    match = re.fullmatch(r"Process_([a-z0-9-]+)_([a-z0-9-]+)", called_element)
    if match:
        return match.group(2) if match.group(1) == domain else f"{match.group(1)}/{match.group(2)}"
    return slug(called_element)

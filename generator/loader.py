"""Read a `flows/` tree into a :class:`~generator.model.Handbook`, with diagnostics.

The loader reports everything about reading files and their shape (E1xx, W101);
:mod:`generator.validate` checks references, the flow graph and dates. The loader
keeps what is well formed, so the validator can still check the rest of a file
that has one bad value, and marks what was missing or invalid (``invalid``) so
that nothing is reported twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.diagnostics import Diagnostic, Location
from generator.model import Branch, Domain, Flow, Handbook, Role, Status, Step, StepKind
from generator.shape import Checked, ShapeChecker, TooComplexError
from generator.spec import DOMAIN, FLOW, ID_RE, ID_RULE, ROLES_FILE, Record
from generator.yamlread import read_yaml

DOMAIN_FILE = "domain.yaml"
ROLES_FILE_NAME = "roles.yaml"
MAX_STEPS = 200
"""More steps than this in one flow is refused (E109): split it into sub-flows."""


class FlowsRootError(Exception):
    """The flows root itself cannot be used (missing, not a folder): a usage error."""


@dataclass
class _Collected:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    flow_files: set[str] = field(default_factory=set)
    unreadable_role_domains: set[str] = field(default_factory=set)


def _display(root_display: PurePosixPath, *parts: str) -> str:
    return str(root_display.joinpath(*parts))


def _check_file(file: Path, display: str, spec: Record) -> tuple[Checked | None, list[Diagnostic]]:
    """Read one file and check it against *spec*."""
    document = read_yaml(file, display)
    if document.root is None:
        return None, list(document.diagnostics)
    checker = ShapeChecker(display)
    try:
        checked = checker.record(document.root, spec, name=f"the {spec.title}")
    except TooComplexError:
        message = "YAML expands to too many values (aliases?); write the values out"
        return None, [Diagnostic("E108", message, Location(display))]
    return checked, checker.diagnostics


def _frozen(checked: Checked) -> dict[str, Any]:
    return {
        "location": checked.location,
        "spans": dict(checked.spans),
        "invalid": frozenset(checked.invalid),
    }


def _texts(checked: Checked, key: str) -> tuple[str, ...]:
    return tuple(part for part in checked.values.get(key, ()) if part is not None)


def _build_domain(domain_id: str, checked: Checked) -> Domain:
    values = checked.values
    return Domain(
        id=domain_id,
        title=values.get("title", ""),
        summary=values.get("summary", ""),
        owner=values.get("owner", ""),
        order=values.get("order"),
        **_frozen(checked),
    )


def _build_roles(domain_id: str, checked: Checked) -> Iterator[Role]:
    for role in checked.values.get("roles", ()):
        if not isinstance(role, Checked) or "id" not in role.values:
            continue
        values = role.values
        yield Role(
            id=values["id"],
            domain=domain_id,
            name=values.get("name", ""),
            summary=values.get("summary"),
            reports_to=values.get("reports_to"),
            duties=_texts(role, "duties"),
            **_frozen(role),
        )


def _build_step(checked: Checked) -> Step:
    values = checked.values
    branches = tuple(
        Branch(when=branch.values["when"], next=branch.values["next"], **_frozen(branch))
        for branch in values.get("branches", ())
        if isinstance(branch, Checked) and {"when", "next"} <= branch.values.keys()
    )
    return Step(
        id=values.get("id", ""),
        name=values.get("name", ""),
        kind=StepKind(values.get("kind", StepKind.TASK)),
        role=values.get("role"),
        accountable=values.get("accountable"),
        consulted=_texts(checked, "consulted"),
        informed=_texts(checked, "informed"),
        details=values.get("details"),
        checklist=_texts(checked, "checklist"),
        control=values.get("control"),
        duration=values.get("duration"),
        inputs=_texts(checked, "inputs"),
        outputs=_texts(checked, "outputs"),
        next=values.get("next"),
        branches=branches,
        flow=values.get("flow"),
        **_frozen(checked),
    )


def _build_flow(domain_id: str, flow_id: str, checked: Checked) -> Flow:
    values = checked.values
    steps = tuple(
        _build_step(step) for step in values.get("steps", ()) if isinstance(step, Checked)
    )
    return Flow(
        id=flow_id,
        domain=domain_id,
        title=values.get("title", ""),
        summary=values.get("summary", ""),
        owner=values.get("owner", ""),
        version=values.get("version", ""),
        status=Status(values.get("status", Status.DRAFT)),
        effective=values.get("effective", dt.date.min),
        review=values.get("review", dt.date.max),
        trigger=values.get("trigger"),
        outcome=values.get("outcome"),
        tags=_texts(checked, "tags"),
        steps=steps,
        well_formed=not checked.nested_errors and "steps" not in checked.invalid,
        **_frozen(checked),
    )


class _TreeLoader:
    def __init__(self, root: Path, root_display: PurePosixPath) -> None:
        self.root = root
        self.root_display = root_display
        self.out = _Collected()

    def report(self, code: str, message: str, *parts: str) -> None:
        location = Location(_display(self.root_display, *parts))
        self.out.diagnostics.append(Diagnostic(code, message, location))

    def load(self) -> None:
        for entry in sorted(self.root.iterdir(), key=lambda path: path.name):
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                self.load_domain(entry)
            elif entry.suffix in (".yaml", ".yml"):
                message = f"'{entry.name}' is not in a domain folder; move it to flows/<domain>/"
                self.report("E119", message, entry.name)

    def load_domain(self, folder: Path) -> None:
        domain_id = folder.name
        if not ID_RE.match(domain_id):
            message = f"invalid domain folder name '{domain_id}': {ID_RULE}"
            self.report("E113", message, domain_id)
            return
        for required in (DOMAIN_FILE, ROLES_FILE_NAME):
            if not (folder / required).is_file():
                self.report("E118", f"domain '{domain_id}' has no {required}", domain_id)
        self._load_domain_file(folder, domain_id)
        self._load_roles_file(folder, domain_id)
        for entry in sorted(folder.iterdir(), key=lambda path: path.name):
            if entry.name.startswith(".") or entry.name in (DOMAIN_FILE, ROLES_FILE_NAME):
                continue
            if entry.is_file() and entry.suffix == ".yaml":
                self._load_flow_file(entry, domain_id)
            elif entry.suffix == ".yml" or entry.is_dir():
                kind = "folder" if entry.is_dir() else "file"
                message = f"ignored {kind} '{entry.name}': flows are <flow-id>.yaml files"
                self.report("W101", message, domain_id, entry.name)

    def _load_domain_file(self, folder: Path, domain_id: str) -> None:
        file = folder / DOMAIN_FILE
        if not file.is_file():
            return
        checked, diagnostics = _check_file(
            file, _display(self.root_display, domain_id, DOMAIN_FILE), DOMAIN
        )
        self.out.diagnostics.extend(diagnostics)
        if checked is not None:
            self.out.domains.append(_build_domain(domain_id, checked))

    def _load_roles_file(self, folder: Path, domain_id: str) -> None:
        file = folder / ROLES_FILE_NAME
        if not file.is_file():
            self.out.unreadable_role_domains.add(domain_id)
            return
        display = _display(self.root_display, domain_id, ROLES_FILE_NAME)
        checked, diagnostics = _check_file(file, display, ROLES_FILE)
        self.out.diagnostics.extend(diagnostics)
        if checked is None or "roles" in checked.invalid:
            self.out.unreadable_role_domains.add(domain_id)
            return
        roles = list(_build_roles(domain_id, checked))
        if len(roles) < len(checked.values["roles"]):
            # A role was dropped (no valid id): references to it must not cascade.
            self.out.unreadable_role_domains.add(domain_id)
        self.out.roles.extend(roles)

    def _load_flow_file(self, file: Path, domain_id: str) -> None:
        flow_id = file.stem
        display = _display(self.root_display, domain_id, file.name)
        if not ID_RE.match(flow_id):
            message = f"invalid flow id '{flow_id}' (the file name): {ID_RULE}"
            self.out.diagnostics.append(Diagnostic("E113", message, Location(display)))
            return
        self.out.flow_files.add(f"{domain_id}/{flow_id}")
        checked, diagnostics = _check_file(file, display, FLOW)
        self.out.diagnostics.extend(diagnostics)
        if checked is None:
            return
        steps = checked.values.get("steps") or ()
        if len(steps) > MAX_STEPS:
            location = checked.spans.get("steps", checked.location)
            count = len(steps)
            message = f"flow has {count} steps, more than the limit of {MAX_STEPS}; use sub-flows"
            self.out.diagnostics.append(Diagnostic("E109", message, location))
            return
        self.out.flows.append(_build_flow(domain_id, flow_id, checked))


def load_handbook(root: Path, display_root: str | None = None) -> tuple[Handbook, list[Diagnostic]]:
    """Load every domain, role and flow under *root*.

    *display_root* is how messages name *root* (default: *root* as given). Raises
    :class:`FlowsRootError` when *root* is not a folder.
    """
    if not root.is_dir():
        reason = "does not exist" if not root.exists() else "is not a folder"
        raise FlowsRootError(f"flows folder '{root}' {reason}")
    loader = _TreeLoader(root, PurePosixPath(display_root or root.as_posix()))
    loader.load()
    out = loader.out
    handbook = Handbook(
        domains=tuple(sorted(out.domains, key=lambda domain: domain.sort_key)),
        roles=tuple(sorted(out.roles, key=lambda role: role.domain)),
        flows=tuple(sorted(out.flows, key=lambda flow: flow.key)),
        flow_files=frozenset(out.flow_files),
        unreadable_role_domains=frozenset(out.unreadable_role_domains),
    )
    return handbook, out.diagnostics

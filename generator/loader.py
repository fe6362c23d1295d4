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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.diagnostics import Diagnostic, Location
from generator.errors import EXIT_USAGE, HandbookError
from generator.links import broken_link, broken_link_message
from generator.messages.text import Message, msg
from generator.model import (
    Branch,
    Domain,
    Flow,
    Handbook,
    Revision,
    Role,
    Status,
    Step,
    StepKind,
)
from generator.shape import Checked, ShapeChecker, TooComplexError
from generator.spec import DOMAIN, FLOW, ID_RE, ID_RULE, ROLES_FILE, Record
from generator.yamlread import read_yaml

DOMAIN_FILE = "domain.yaml"
ROLES_FILE_NAME = "roles.yaml"
MAX_STEPS = 200
"""More steps than this in one flow is refused (E109): split it into sub-flows."""


class FlowsRootError(HandbookError):
    """The flows root itself cannot be used (missing, not a folder): a usage error."""

    stage = "flows"
    exit_code = EXIT_USAGE


def _display(root_display: PurePosixPath, *parts: str) -> str:
    return str(root_display.joinpath(*parts))


def _check_file(file: Path, display: str, spec: Record) -> tuple[Checked | None, list[Diagnostic]]:
    """Read one file and check it against *spec*."""
    document = read_yaml(file, display)
    if document.root is None:
        return None, list(document.diagnostics)
    checker = ShapeChecker(display)
    try:
        checked = checker.record(
            document.root, spec, name=msg("the {record}", record=msg(spec.title))
        )
    except TooComplexError:
        message = msg("YAML expands to too many values (aliases?); write the values out")
        return None, [Diagnostic("E108", message, Location(display))]
    return checked, checker.diagnostics


def _frozen(checked: Checked) -> dict[str, Any]:
    return {
        "location": checked.location,
        "spans": checked.spans,
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
        Branch(
            when=branch.values["when"],
            next=branch.values["next"],
            probability=branch.values.get("probability"),
            **_frozen(branch),
        )
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


def _build_history(checked: Checked) -> tuple[Revision, ...]:
    """The revision record; entries missing a required value are left out (E111 said so)."""
    return tuple(
        Revision(
            version=entry.values["version"],
            date=entry.values["date"],
            summary=entry.values["summary"],
            author=entry.values.get("author"),
            approved_by=entry.values.get("approved_by"),
            **_frozen(entry),
        )
        for entry in checked.values.get("history", ())
        if isinstance(entry, Checked) and {"version", "date", "summary"} <= entry.values.keys()
    )


def _build_flow(domain_id: str, flow_id: str, checked: Checked) -> Flow:
    values = checked.values
    steps = tuple(
        _build_step(step) for step in values.get("steps", ()) if isinstance(step, Checked)
    )
    entries = values.get("history", ())
    if any(not isinstance(entry, Checked) or not entry.clean for entry in entries):
        checked.invalid.add("history")  # a bad entry was reported: order checks stay quiet
    steps_clean = all(isinstance(step, Checked) and step.clean for step in values.get("steps", ()))
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
        order=values.get("order"),
        approved_by=values.get("approved_by"),
        history=_build_history(checked),
        distribution=_texts(checked, "distribution"),
        replaced_by=values.get("replaced_by"),
        well_formed=steps_clean and "steps" not in checked.invalid,
        **_frozen(checked),
    )


@dataclass(frozen=True)
class _FileJob:
    """One file to read: what kind it is and where."""

    kind: str
    file: Path
    display: str
    domain_id: str


@dataclass
class _FileResult:
    """What one file gave: model objects and diagnostics (picklable, for worker processes)."""

    job: _FileJob
    diagnostics: list[Diagnostic]
    domain: Domain | None = None
    roles: list[Role] | None = None
    roles_complete: bool = True
    flow: Flow | None = None


def _load_file(job: _FileJob) -> _FileResult:
    """Read, check and build one file."""
    spec = {"domain": DOMAIN, "roles": ROLES_FILE, "flow": FLOW}[job.kind]
    checked, diagnostics = _check_file(job.file, job.display, spec)
    result = _FileResult(job, diagnostics)
    if checked is None:
        return result
    if job.kind == "domain":
        result.domain = _build_domain(job.domain_id, checked)
    elif job.kind == "roles":
        if "roles" not in checked.invalid:
            result.roles = list(_build_roles(job.domain_id, checked))
            # A role dropped for an invalid id must not cascade into unknown-role errors.
            result.roles_complete = len(result.roles) == len(checked.values["roles"])
    else:
        steps = checked.values.get("steps") or ()
        if len(steps) > MAX_STEPS:
            location = checked.spans.get("steps", checked.location)
            count = len(steps)
            message = msg(
                "flow has {count} steps, more than the limit of {limit}; use sub-flows",
                count=count,
                limit=MAX_STEPS,
            )
            diagnostics.append(Diagnostic("E109", message, location))
        else:
            result.flow = _build_flow(job.domain_id, job.file.stem, checked)
    return result


class FileCache:
    """Results of files already read, reused while a file's size and modification time hold.

    For long-running commands (``handbook serve``): pass the same cache to every
    :func:`load_handbook` call and only changed files are parsed again; an
    unchanged file gives the very same model objects as before.
    """

    def __init__(self) -> None:
        self._results: dict[_FileJob, tuple[tuple[int, int], _FileResult]] = {}

    def load(self, job: _FileJob) -> _FileResult:
        """The result for *job*, read again only when the file changed."""
        try:
            status = job.file.stat()
        except OSError:
            return _load_file(job)
        stamp = (status.st_size, status.st_mtime_ns)
        cached = self._results.get(job)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        result = _load_file(job)
        self._results[job] = (stamp, result)
        return result


class _TreeWalker:
    """Finds the files of a flows tree and reports misplaced ones."""

    def __init__(self, root: Path, root_display: PurePosixPath) -> None:
        self.root = root
        self.root_display = root_display
        self.jobs: list[_FileJob] = []
        self.diagnostics: list[Diagnostic] = []
        self.flow_files: set[str] = set()
        self.domains_without_roles: set[str] = set()

    def report(self, code: str, message: Message, *parts: str) -> None:
        location = Location(_display(self.root_display, *parts))
        self.diagnostics.append(Diagnostic(code, message, location))

    def walk(self) -> None:
        for entry in sorted(self.root.iterdir(), key=lambda path: path.name):
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                self.walk_domain(entry)
            elif broken_link(entry) is not None:
                self.report("E100", broken_link_message(entry), entry.name)
            elif entry.suffix in (".yaml", ".yml"):
                message = msg(
                    "'{name}' is not in a domain folder; move it to flows/<domain>/",
                    name=entry.name,
                )
                self.report("E119", message, entry.name)

    def _job(self, kind: str, file: Path, domain_id: str) -> None:
        display = _display(self.root_display, domain_id, file.name)
        self.jobs.append(_FileJob(kind, file, display, domain_id))

    def walk_domain(self, folder: Path) -> None:
        domain_id = folder.name
        if not ID_RE.match(domain_id):
            message = msg(
                "invalid domain folder name '{name}': {rule}", name=domain_id, rule=msg(ID_RULE)
            )
            self.report("E113", message, domain_id)
            return
        for kind, name in (("domain", DOMAIN_FILE), ("roles", ROLES_FILE_NAME)):
            if (folder / name).is_file():
                self._job(kind, folder / name, domain_id)
            elif broken_link(folder / name) is not None:
                self.report("E100", broken_link_message(folder / name), domain_id, name)
                if kind == "roles":
                    self.domains_without_roles.add(domain_id)
            else:
                message = msg("domain '{domain}' has no {file}", domain=domain_id, file=name)
                self.report("E118", message, domain_id)
                if kind == "roles":
                    self.domains_without_roles.add(domain_id)
        for entry in sorted(folder.iterdir(), key=lambda path: path.name):
            if entry.name.startswith(".") or entry.name in (DOMAIN_FILE, ROLES_FILE_NAME):
                continue
            if entry.is_file() and entry.suffix == ".yaml":
                self.walk_flow(entry, domain_id)
            elif broken_link(entry) is not None:
                self.report("E100", broken_link_message(entry), domain_id, entry.name)
            elif entry.suffix == ".yml" or entry.is_dir():
                template = (
                    "ignored folder '{name}': flows are <flow-id>.yaml files"
                    if entry.is_dir()
                    else "ignored file '{name}': flows are <flow-id>.yaml files"
                )
                message = msg(template, name=entry.name)
                self.report("W101", message, domain_id, entry.name)

    def walk_flow(self, file: Path, domain_id: str) -> None:
        flow_id = file.stem
        if not ID_RE.match(flow_id):
            message = msg(
                "invalid flow id '{flow}' (the file name): {rule}", flow=flow_id, rule=msg(ID_RULE)
            )
            self.report("E113", message, domain_id, file.name)
            return
        self.flow_files.add(f"{domain_id}/{flow_id}")
        self._job("flow", file, domain_id)


def load_handbook(
    root: Path, display_root: str | None = None, cache: FileCache | None = None
) -> tuple[Handbook, list[Diagnostic]]:
    """Load every domain, role and flow under *root*.

    *display_root* is how messages name *root* (default: *root* as given); *cache*
    reuses files read by earlier calls (see :class:`FileCache`). Raises
    :class:`FlowsRootError` when *root* is not a folder, or is one domain's folder.
    """
    if not root.is_dir():
        template = (
            "flows folder '{folder}' does not exist"
            if not root.exists()
            else "flows folder '{folder}' is not a folder"
        )
        raise FlowsRootError(msg(template, folder=str(root)))
    if any((root / name).is_file() for name in (DOMAIN_FILE, ROLES_FILE_NAME)):
        shown = PurePosixPath(display_root or root.as_posix())
        raise FlowsRootError(
            msg(
                "'{folder}' is a domain folder; check its parent '{parent}' instead: "
                "references cross domains, so the whole flows folder is checked at once",
                folder=str(shown),
                parent=str(shown.parent),
            )
        )
    walker = _TreeWalker(root, PurePosixPath(display_root or root.as_posix()))
    walker.walk()
    diagnostics = list(walker.diagnostics)
    domains: list[Domain] = []
    roles: list[Role] = []
    flows: list[Flow] = []
    unreadable = set(walker.domains_without_roles)
    # Measured: two worker processes lose; pickling the model back costs more than parsing.
    for result in map(cache.load if cache is not None else _load_file, walker.jobs):
        diagnostics.extend(result.diagnostics)
        if result.domain is not None:
            domains.append(result.domain)
        if result.flow is not None:
            flows.append(result.flow)
        if result.job.kind == "roles":
            if result.roles is None or not result.roles_complete:
                unreadable.add(result.job.domain_id)
            roles.extend(result.roles or ())
    handbook = Handbook(
        domains=tuple(sorted(domains, key=lambda domain: domain.sort_key)),
        roles=tuple(roles),
        flows=tuple(sorted(flows, key=lambda flow: flow.key)),
        flow_files=frozenset(walker.flow_files),
        unreadable_role_domains=frozenset(unreadable),
    )
    return handbook, diagnostics

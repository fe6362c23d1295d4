"""Compare two handbooks: flows matched by ``domain/id``, steps by id, roles by id (pure).

The order of the result is fixed, so the same two trees always give the same
report: flows by key and domains by id; in a flow, metadata changes (in the
order of :data:`FLOW_FIELDS`), then the steps in their new order (each with its
changes in the order of :data:`STEP_CHANGE_ORDER`), then removed steps in their
old order; in a domain, field changes, then role changes by role id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from generator.diagnostics import Location
from generator.diff.model import (
    Change,
    ChangeKind,
    DomainDiff,
    FlowDiff,
    HandbookDiff,
    Presence,
    Value,
)
from generator.flowgraph import step_links
from generator.model import Domain, Flow, Handbook, Revision, Role, Step

FLOW_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "owner",
    "version",
    "status",
    "effective",
    "review",
    "trigger",
    "outcome",
    "tags",
    "order",
    "approved_by",
    "history",
    "distribution",
    "replaced_by",
)
"""The flow keys reported as ``metadata-changed`` (``field`` names which), in report order.

A key the model does not have (yet) reads as absent on both sides."""

CONTROL_FIELDS: frozenset[str] = frozenset(
    {
        "version",
        "status",
        "effective",
        "review",
        "order",
        "approved_by",
        "history",
        "distribution",
        "replaced_by",
    }
)
"""Document-control keys: changing only these is not a change of the flow's content."""

DOMAIN_FIELDS: tuple[str, ...] = ("title", "summary", "owner", "order")
"""The domain keys reported as ``domain-changed``."""

ROLE_FIELDS: tuple[str, ...] = ("name", "summary", "reports_to", "duties")
"""The role keys reported as ``role-changed``."""

STEP_CHANGE_ORDER: tuple[ChangeKind, ...] = (
    ChangeKind.KIND_CHANGED,
    ChangeKind.STEP_RENAMED,
    ChangeKind.STEP_ROLE_CHANGED,
    ChangeKind.RACI_CHANGED,
    ChangeKind.LINKS_CHANGED,
    ChangeKind.DURATION_CHANGED,
    ChangeKind.IO_CHANGED,
    ChangeKind.CHECKLIST_CHANGED,
    ChangeKind.CONTROL_CHANGED,
    ChangeKind.DETAILS_CHANGED,
)
"""The order of one step's changes in the report."""

_STEP_RANK = {kind: rank for rank, kind in enumerate(STEP_CHANGE_ORDER)}


def _revision(revision: Revision) -> Value:
    entry: dict[str, Value] = {"version": revision.version, "date": revision.date.isoformat()}
    if revision.author is not None:
        entry["author"] = revision.author
    if revision.approved_by is not None:
        entry["approved_by"] = revision.approved_by
    entry["summary"] = revision.summary
    return entry


def json_value(value: object) -> Value:
    """A model value as JSON: dates as ISO text, enums as their value, tuples as lists."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Revision):
        return _revision(value)
    if isinstance(value, tuple | list):
        return [json_value(part) for part in value]
    if isinstance(value, dict):
        return {str(key): json_value(part) for key, part in value.items()}
    isoformat: Callable[[], str] | None = getattr(value, "isoformat", None)
    if isoformat is not None:
        return isoformat()
    return str(value)


def _field_changes(
    kind: ChangeKind,
    fields: Sequence[str],
    old: object,
    new: object,
    *,
    role: str | None = None,
    where: Callable[[str], Location] | None = None,
) -> Iterator[Change]:
    """One change per field whose value differs between *old* and *new*."""
    for name in fields:
        before = json_value(getattr(old, name, None))
        after = json_value(getattr(new, name, None))
        if before != after:
            location = where(name) if where is not None else None
            yield Change(kind, before, after, role=role, field=name, location=location)


def links(step: Step, targets: tuple[str, ...]) -> list[Value]:
    """Where a step leads (*targets*, from :func:`~generator.flowgraph.step_links`), as the
    report shows it: ``{"next": id}`` for each target, with ``when`` on a decision's branches."""
    if not step.branches or len(step.branches) != len(targets):
        return [{"next": target} for target in targets]
    result: list[Value] = []
    for branch in step.branches:
        link: dict[str, Value] = {"when": branch.when, "next": branch.next}
        if branch.probability is not None:
            link["probability"] = branch.probability
        result.append(link)
    return result


def _step_changes(
    old: Step, new: Step, old_targets: tuple[str, ...], new_targets: tuple[str, ...]
) -> Iterator[Change]:
    """The changes of one step present in both versions, in :data:`STEP_CHANGE_ORDER`."""

    def change(
        kind: ChangeKind, before: object, after: object, key: str, field: str | None = None
    ) -> Iterator[Change]:
        before_value, after_value = json_value(before), json_value(after)
        if before_value != after_value:
            location = new.where(key)
            yield Change(
                kind, before_value, after_value, step=new.id, field=field, location=location
            )

    yield from change(ChangeKind.KIND_CHANGED, old.kind.value, new.kind.value, "kind")
    yield from change(ChangeKind.STEP_RENAMED, old.name, new.name, "name")
    yield from change(ChangeKind.STEP_ROLE_CHANGED, old.role, new.role, "role")
    for name in ("accountable", "consulted", "informed"):
        yield from change(
            ChangeKind.RACI_CHANGED, getattr(old, name), getattr(new, name), name, name
        )
    old_links, new_links = links(old, old_targets), links(new, new_targets)
    link_key = "branches" if new.branches else "next"
    yield from change(ChangeKind.LINKS_CHANGED, old_links, new_links, link_key)
    yield from change(ChangeKind.LINKS_CHANGED, old.flow, new.flow, "flow", "flow")
    yield from change(
        ChangeKind.DURATION_CHANGED,
        old.duration.text if old.duration else None,
        new.duration.text if new.duration else None,
        "duration",
    )
    for name in ("inputs", "outputs"):
        yield from change(ChangeKind.IO_CHANGED, getattr(old, name), getattr(new, name), name, name)
    yield from change(ChangeKind.CHECKLIST_CHANGED, old.checklist, new.checklist, "checklist")
    yield from change(ChangeKind.CONTROL_CHANGED, old.control, new.control, "control")
    yield from change(ChangeKind.DETAILS_CHANGED, old.details, new.details, "details")


def flow_changes(old: Flow, new: Flow) -> tuple[Change, ...]:
    """Every change between two versions of one flow, in report order."""
    changes = list(
        _field_changes(ChangeKind.METADATA_CHANGED, FLOW_FIELDS, old, new, where=new.where)
    )
    old_steps = {step.id: step for step in old.steps}
    new_ids = {step.id for step in new.steps}
    old_links, new_links = step_links(old), step_links(new)
    for step in new.steps:
        before = old_steps.get(step.id)
        if before is None:
            changes.append(
                Change(ChangeKind.STEP_ADDED, None, step.name, step=step.id, location=step.location)
            )
        else:
            targets = old_links.get(step.id, ()), new_links.get(step.id, ())
            step_changes = _step_changes(before, step, *targets)
            changes.extend(sorted(step_changes, key=lambda change: _STEP_RANK[change.kind]))
    for step in old.steps:
        if step.id not in new_ids:
            location = new.where("steps")
            changes.append(
                Change(ChangeKind.STEP_REMOVED, step.name, None, step=step.id, location=location)
            )
    return tuple(changes)


def content_changed(changes: Sequence[Change]) -> bool:
    """True when a change touches the flow's content, not only its document-control keys."""
    return any(
        change.kind is not ChangeKind.METADATA_CHANGED or change.field not in CONTROL_FIELDS
        for change in changes
    )


def _flow_diffs(old: Handbook, new: Handbook) -> Iterator[FlowDiff]:
    old_flows = {flow.key: flow for flow in old.flows}
    new_flows = {flow.key: flow for flow in new.flows}
    for key in sorted(old_flows.keys() | new_flows.keys()):
        before, after = old_flows.get(key), new_flows.get(key)
        if after is None:
            assert before is not None
            yield FlowDiff(
                key, Presence.REMOVED, before.version, None, before.title, (), before.location
            )
        elif before is None:
            yield FlowDiff(
                key, Presence.ADDED, None, after.version, after.title, (), after.location
            )
        else:
            changes = flow_changes(before, after)
            if changes:
                yield FlowDiff(
                    key,
                    Presence.CHANGED,
                    before.version,
                    after.version,
                    after.title,
                    changes,
                    after.location,
                )


def _roles_file(domain: Domain) -> Location:
    """The start of a domain's roles.yaml, next to its domain.yaml."""
    folder = domain.location.path.rpartition("/")[0]
    return Location(f"{folder}/roles.yaml" if folder else "roles.yaml")


def _role_changes(
    old_roles: Sequence[Role], new_roles: Sequence[Role], roles_file: Location | None
) -> Iterator[Change]:
    before = {role.id: role for role in old_roles}
    after = {role.id: role for role in new_roles}
    for role_id in sorted(before.keys() | after.keys()):
        old, new = before.get(role_id), after.get(role_id)
        if new is None:
            assert old is not None
            yield Change(ChangeKind.ROLE_REMOVED, old.name, None, role=role_id, location=roles_file)
        elif old is None:
            yield Change(ChangeKind.ROLE_ADDED, None, new.name, role=role_id, location=new.location)
        else:
            yield from _field_changes(
                ChangeKind.ROLE_CHANGED, ROLE_FIELDS, old, new, role=role_id, where=new.where
            )


def _domain_diffs(old: Handbook, new: Handbook) -> Iterator[DomainDiff]:
    old_domains = {domain.id: domain for domain in old.domains}
    new_domains = {domain.id: domain for domain in new.domains}
    for domain_id in sorted(old_domains.keys() | new_domains.keys()):
        before, after = old_domains.get(domain_id), new_domains.get(domain_id)
        roles = tuple(
            _role_changes(
                old.roles_of(domain_id),
                new.roles_of(domain_id),
                _roles_file(after) if after is not None else None,
            )
        )
        if after is None:
            assert before is not None
            yield DomainDiff(domain_id, Presence.REMOVED, before.title, roles, before.location)
        elif before is None:
            yield DomainDiff(domain_id, Presence.ADDED, after.title, roles, after.location)
        else:
            fields = tuple(
                _field_changes(
                    ChangeKind.DOMAIN_CHANGED, DOMAIN_FIELDS, before, after, where=after.where
                )
            )
            if fields or roles:
                yield DomainDiff(
                    domain_id, Presence.CHANGED, after.title, fields + roles, after.location
                )


def compare(old: Handbook, new: Handbook, *, old_name: str, new_name: str) -> HandbookDiff:
    """The semantic diff of two handbooks; *old_name* and *new_name* label the sides."""
    return HandbookDiff(
        old=old_name,
        new=new_name,
        flows=tuple(_flow_diffs(old, new)),
        domains=tuple(_domain_diffs(old, new)),
    )

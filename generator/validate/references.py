"""References by id: `next` and branch targets (E203), roles (E204), sub-flows (E205).

An unknown role is reported once per file, at its first use, however often the
file repeats it; references into a domain whose roles.yaml failed to load are not
checked, and neither are sub-flow targets whose file exists but failed to load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Location, suggest
from generator.messages.text import Message, msg
from generator.model import Flow, Handbook, Sourced, Step, StepKind


@dataclass(frozen=True)
class RoleUse:
    """One place where a role is referenced."""

    reference: str
    """The reference as written: ``id`` or ``domain/id``."""
    domain: str
    """The domain the reference is made in (unqualified ids resolve there)."""
    source: Sourced
    """The object whose field holds the reference."""
    field: str
    """The field name (``role``, ``consulted``...)."""
    index: int | None = None
    """The item number, for list fields."""
    own_domain_only: bool = False
    """True for a domain's ``owner``, which must be a role of that same domain."""

    @property
    def location(self) -> Location:
        """Where the reference is written (computed on demand: most are never shown)."""
        return self.source.where(self.field, self.index)

    @property
    def key(self) -> str:
        """The referenced role's handbook-wide key, ``domain/id``."""
        return Handbook.qualify(self.reference, self.domain)


def _single(source: Sourced, key: str, reference: str | None, domain: str) -> Iterator[RoleUse]:
    """The use of a one-role field, unless it is absent or already reported as invalid."""
    if reference and key not in source.invalid:
        yield RoleUse(reference, domain, source, key)


def _several(
    source: Sourced, key: str, references: tuple[str, ...], domain: str
) -> Iterator[RoleUse]:
    """The uses of a list-of-roles field, each at its item.

    When some item was invalid (and dropped), the remaining items no longer match
    their positions, so they are located at the list itself.
    """
    shifted = key in source.invalid
    for index, reference in enumerate(references):
        yield RoleUse(reference, domain, source, key, None if shifted else index)


def step_role_uses(step: Step, domain: str) -> Iterator[RoleUse]:
    """The roles a step names: R, A, C and I, in the order the fields are documented."""
    yield from _single(step, "role", step.role, domain)
    yield from _single(step, "accountable", step.accountable, domain)
    yield from _several(step, "consulted", step.consulted, domain)
    yield from _several(step, "informed", step.informed, domain)


def flow_role_uses(flow: Flow) -> Iterator[RoleUse]:
    """The roles a flow names: its owner, then every step's R, A, C and I."""
    yield from _single(flow, "owner", flow.owner, flow.domain)
    for step in flow.steps:
        yield from step_role_uses(step, flow.domain)


def role_uses(handbook: Handbook) -> Iterator[RoleUse]:
    """Every role reference of the handbook: domain owners, `reports_to`, flows."""
    for domain in handbook.domains:
        if domain.owner and "owner" not in domain.invalid:
            yield RoleUse(domain.owner, domain.id, domain, "owner", own_domain_only=True)
    for role in handbook.roles:
        yield from _single(role, "reports_to", role.reports_to, role.domain)
    for flow in handbook.flows:
        yield from flow_role_uses(flow)


def is_checkable(handbook: Handbook, use: RoleUse) -> bool:
    """False when the referenced domain's roles.yaml failed to load: nothing to check against."""
    return use.key.split("/", 1)[0] not in handbook.unreadable_role_domains


def resolves(handbook: Handbook, use: RoleUse) -> bool:
    """Whether the reference names a defined role (of the same domain, for a domain owner)."""
    if use.own_domain_only and use.key.split("/", 1)[0] != use.domain:
        return False
    return handbook.role(use.reference, use.domain) is not None


def suggest_reference(reference: str, domain: str, keys: Iterable[str]) -> str | None:
    """A close match for an ``id`` or ``domain/id`` reference among ``domain/id`` *keys*.

    An unqualified reference is matched against the ids of its own domain first,
    then against the other domains' ids (suggested qualified, ``bank/teller``).
    An id defined exactly so in another domain wins over a merely close one.
    A qualified reference is matched against every key.
    """
    all_keys = sorted(set(keys))
    if "/" in reference:
        return suggest(reference, all_keys)
    prefix = f"{domain}/"
    same_id = [key for key in all_keys if key.split("/", 1)[1] == reference]
    if same_id:
        return same_id[0]
    local_ids = [key.removeprefix(prefix) for key in all_keys if key.startswith(prefix)]
    local = suggest(reference, local_ids)
    if local is not None:
        return local
    foreign = [key for key in all_keys if not key.startswith(prefix)]
    foreign_id = suggest(reference, [key.split("/", 1)[1] for key in foreign])
    if foreign_id is None:
        return None
    return next(key for key in foreign if key.split("/", 1)[1] == foreign_id)


def _lines(locations: list[Location]) -> Message:
    """``line 14``, ``lines 14, 20 and 31``: the lines of repeated uses, for a message."""
    lines = [str(location.line) for location in locations]
    if len(lines) > 5:
        return msg("lines {lines} and {more} more", lines=", ".join(lines[:5]), more=len(lines) - 5)
    if len(lines) == 1:
        return msg("line {line}", line=lines[0])
    return msg("lines {lines} and {last}", lines=", ".join(lines[:-1]), last=lines[-1])


def unknown_role_suggestion(handbook: Handbook, use: RoleUse) -> str | None:
    """The role the author most likely meant by an unknown reference, if one is close."""
    if use.own_domain_only:
        own_ids = [role.id for role in handbook.roles_of(use.domain)]
        return suggest(use.reference.split("/")[-1], own_ids)
    return suggest_reference(use.reference, use.domain, (role.key for role in handbook.roles))


def unknown_roles(handbook: Handbook) -> Iterator[Diagnostic]:
    """E204: a role reference that no roles.yaml defines, once per file and role."""
    uses_by_file: dict[tuple[str, str, bool], list[RoleUse]] = {}
    for use in role_uses(handbook):
        if is_checkable(handbook, use) and not resolves(handbook, use):
            group = (use.source.location.path, use.key, use.own_domain_only)
            uses_by_file.setdefault(group, []).append(use)
    for uses in uses_by_file.values():
        uses.sort(key=lambda use: use.location)
        first, repeats = uses[0], uses[1:]
        if first.own_domain_only and handbook.role(first.reference, first.domain) is not None:
            template = "domain owner '{role}' is not a role of domain '{domain}'"
        else:
            template = "unknown role '{role}'"
        message = msg(template, role=first.reference, domain=first.domain)
        if repeats:
            message = msg(
                "{problem}, also used at {lines}",
                problem=message,
                lines=_lines([use.location for use in repeats]),
            )
        yield Diagnostic("E204", message, first.location, unknown_role_suggestion(handbook, first))


def unknown_step_targets(flow: Flow) -> Iterator[tuple[str, Location]]:
    """The ``next`` and branch targets of *flow* that name no step, with where they are.

    Only links the flow actually follows count: ``next`` on an end step or a
    decision, and ``branches`` on a non-decision, are reported as misplaced instead.
    """
    step_ids = {step.id for step in flow.steps}
    for step in flow.steps:
        if step.kind is StepKind.DECISION:
            for branch in step.branches:
                if branch.next not in step_ids:
                    yield branch.next, branch.where("next")
        elif step.kind is not StepKind.END and step.next is not None and step.next not in step_ids:
            yield step.next, step.where("next")


def has_unnamed_steps(flow: Flow) -> bool:
    """Whether some step's id is missing or invalid, so the flow's step ids are not all known."""
    return "steps" in flow.invalid or any("id" in step.invalid for step in flow.steps)


def unknown_steps(handbook: Handbook) -> Iterator[Diagnostic]:
    """E203: a ``next`` or branch target that is not a step of the flow.

    Quiet in a flow where a step id is missing or invalid: the target may be that step.
    """
    for flow in handbook.flows:
        if has_unnamed_steps(flow):
            continue
        step_ids = [step.id for step in flow.steps]
        for target, location in unknown_step_targets(flow):
            yield Diagnostic(
                "E203",
                msg("unknown step '{step}'", step=target),
                location,
                suggest(target, step_ids),
            )


def unknown_flows(handbook: Handbook) -> Iterator[Diagnostic]:
    """E205: a sub-flow step calling a flow that does not exist.

    A flow whose file exists but failed to load is not reported again here.
    """
    known = handbook.flow_files | {flow.key for flow in handbook.flows}
    for flow in handbook.flows:
        for step in flow.steps:
            if step.kind is not StepKind.SUBFLOW or step.flow is None:
                continue
            if Handbook.qualify(step.flow, flow.domain) in known:
                continue
            yield Diagnostic(
                "E205",
                msg("unknown flow '{flow}'", flow=step.flow),
                step.where("flow"),
                suggest_reference(step.flow, flow.domain, known),
            )

"""Rules about the roles themselves: `reports_to` cycles (E206) and unused roles (W201)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.messages.text import msg
from generator.model import Handbook, Role
from generator.validate.references import (
    is_checkable,
    resolves,
    role_uses,
    unknown_role_suggestion,
)


def _display(keys: list[str], home_domain: str) -> str:
    """``'a' → 'b' → 'a'``: ids when all keys are of *home_domain*, else ``domain/id``."""
    prefix = f"{home_domain}/"
    local = all(key.startswith(prefix) for key in keys)
    return " → ".join(f"'{key.removeprefix(prefix) if local else key}'" for key in keys)


def reporting_cycles(handbook: Handbook) -> Iterator[Diagnostic]:
    """E206: `reports_to` leading back to the same role, once per cycle.

    The cycle is reported at the `reports_to` of its role whose ``domain/id`` sorts first.
    """
    roles: dict[str, Role] = {}
    for role in handbook.roles:
        roles.setdefault(role.key, role)
    superior: dict[str, str] = {}
    for key, role in roles.items():
        if role.reports_to is not None:
            target = Handbook.qualify(role.reports_to, role.domain)
            if target in roles:
                superior[key] = target
    settled: set[str] = set()
    for start in sorted(roles):
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in settled and current not in path:
            path.append(current)
            current = superior.get(current)
        settled.update(path)
        if current is None or current not in path:
            continue
        cycle = path[path.index(current) :]
        first = min(cycle)
        rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
        role = roles[first]
        if len(rotated) == 1:
            message = msg("role '{role}' reports to itself", role=role.id)
        else:
            message = msg("reporting cycle {cycle}", cycle=_display([*rotated, first], role.domain))
        yield Diagnostic("E206", message, role.where("reports_to"))


ROLE_FIELDS = frozenset({"role", "accountable", "consulted", "informed"})
"""The step keys that name roles."""


def _is_complete(handbook: Handbook) -> bool:
    """Whether every role reference was read, so that an unused role is really unused.

    A flow file that failed to load, a domain without a readable domain.yaml or
    roles.yaml, or a role-naming key that was invalid may hide uses.
    """
    loaded = {flow.key for flow in handbook.flows}
    domains = {domain.id: domain for domain in handbook.domains}
    return (
        not handbook.unreadable_role_domains
        and handbook.flow_files <= loaded
        and all(role.domain in domains for role in handbook.roles)
        and not any("owner" in domain.invalid for domain in handbook.domains)
        and not any("reports_to" in role.invalid for role in handbook.roles)
        and not any({"owner", "steps"} & flow.invalid for flow in handbook.flows)
        and not any(ROLE_FIELDS & step.invalid for flow in handbook.flows for step in flow.steps)
    )


def used_role_keys(handbook: Handbook) -> set[str]:
    """Keys of the roles some step, owner or `reports_to` names.

    An unknown reference counts as a use of the role it was most likely meant
    to be, so that a typo is reported once (E204), not again as an unused role.
    """
    used: set[str] = set()
    for use in role_uses(handbook):
        if resolves(handbook, use):
            used.add(use.key)
        elif is_checkable(handbook, use):
            meant = unknown_role_suggestion(handbook, use)
            if meant is not None:
                used.add(Handbook.qualify(meant, use.domain))
    return used


def unused_roles(handbook: Handbook) -> Iterator[Diagnostic]:
    """W201: a role that no step, owner or `reports_to` names.

    Stays quiet when some file failed to load: its uses are not known.
    """
    if not _is_complete(handbook):
        return
    used = used_role_keys(handbook)
    reported: set[str] = set()
    for role in handbook.roles:
        if role.key not in used and role.key not in reported:
            reported.add(role.key)
            yield Diagnostic(
                "W201",
                msg("role '{role}' is defined but never used", role=role.id),
                role.where("id"),
            )

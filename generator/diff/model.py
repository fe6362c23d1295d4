"""What a semantic diff says: changes of flows and of domains, in a deterministic order.

These objects are the JSON shape of FORMAT.md ("Semantic diff") plus, for each
change, where it is in the new files (for annotations and the visual diff).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from generator.diagnostics import Location

Value = str | int | float | bool | None | list["Value"] | dict[str, "Value"]
"""A JSON value: what ``old`` and ``new`` of a change hold."""


class ChangeKind(StrEnum):
    """The change kinds of FORMAT.md, as written in the JSON report."""

    STEP_ADDED = "step-added"
    STEP_REMOVED = "step-removed"
    STEP_RENAMED = "step-renamed"
    STEP_ROLE_CHANGED = "step-role-changed"
    RACI_CHANGED = "raci-changed"
    CHECKLIST_CHANGED = "checklist-changed"
    CONTROL_CHANGED = "control-changed"
    LINKS_CHANGED = "links-changed"
    KIND_CHANGED = "kind-changed"
    DURATION_CHANGED = "duration-changed"
    IO_CHANGED = "io-changed"
    DETAILS_CHANGED = "details-changed"
    METADATA_CHANGED = "metadata-changed"
    DOMAIN_CHANGED = "domain-changed"
    ROLE_ADDED = "role-added"
    ROLE_REMOVED = "role-removed"
    ROLE_CHANGED = "role-changed"


class Presence(StrEnum):
    """Whether a flow or domain is new, gone, or in both trees with differences."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One difference: its kind, what it is about, the old and the new value."""

    kind: ChangeKind
    """The change kind."""
    old: Value
    """The value before (``None`` when there was none)."""
    new: Value
    """The value after (``None`` when there is none)."""
    step: str | None = None
    """The step id, for step changes."""
    role: str | None = None
    """The role id, for role changes."""
    field: str | None = None
    """Which field changed, where a kind covers several (metadata, RACI, inputs/outputs)."""
    location: Location | None = dataclasses.field(default=None, compare=False)
    """Where the change is in the new files (the old files for removals), if anywhere."""

    def as_json(self) -> dict[str, Value]:
        """The change as the JSON report writes it."""
        document: dict[str, Value] = {"kind": self.kind.value}
        for name in ("step", "role", "field"):
            value = getattr(self, name)
            if value is not None:
                document[name] = value
        document["old"] = self.old
        document["new"] = self.new
        return document


@dataclass(frozen=True)
class FlowDiff:
    """The differences of one flow (matched by ``domain/id``)."""

    key: str
    """The flow's ``domain/id``."""
    presence: Presence
    """Added, removed or changed."""
    old_version: str | None
    """The version before, if the flow existed."""
    new_version: str | None
    """The version after, if the flow exists."""
    title: str
    """The flow's title (the new one when it still exists)."""
    changes: tuple[Change, ...] = ()
    """Every change, metadata first, then steps in the new order, then removed steps."""
    location: Location | None = None
    """The flow file's start in the new tree (the old one for a removed flow)."""

    def as_json(self) -> dict[str, Value]:
        """The flow entry of the JSON report."""
        return {
            "id": self.key,
            "change": self.presence.value,
            "version": {"old": self.old_version, "new": self.new_version},
            "changes": [change.as_json() for change in self.changes],
        }


@dataclass(frozen=True)
class DomainDiff:
    """The differences of one domain: its own fields and its roles."""

    id: str
    """The domain id."""
    presence: Presence
    """Added, removed or changed."""
    title: str
    """The domain's title (the new one when it still exists)."""
    changes: tuple[Change, ...] = ()
    """Domain field changes first, then role changes by role id."""
    location: Location | None = None
    """The domain file's start in the new tree (the old one for a removed domain)."""

    def as_json(self) -> dict[str, Value]:
        """The domain entry of the JSON report."""
        return {
            "id": self.id,
            "change": self.presence.value,
            "changes": [change.as_json() for change in self.changes],
        }


@dataclass(frozen=True)
class HandbookDiff:
    """Everything that differs between two flows trees."""

    old: str
    """How the old side was named on the command line (``main``, a folder)."""
    new: str
    """How the new side was named."""
    flows: tuple[FlowDiff, ...] = ()
    """Flows that differ, by key."""
    domains: tuple[DomainDiff, ...] = ()
    """Domains that differ, by id."""

    @property
    def empty(self) -> bool:
        """True when the two trees hold the same flows, domains and roles."""
        return not self.flows and not self.domains

    def as_json(self) -> dict[str, Value]:
        """The whole JSON report (FORMAT.md, "Semantic diff")."""
        return {
            "version": 1,
            "old": self.old,
            "new": self.new,
            "flows": [flow.as_json() for flow in self.flows],
            "domains": [domain.as_json() for domain in self.domains],
        }

"""The process model: frozen dataclasses read from `flows/`, each with its source location.

Every object keeps the :class:`~generator.diagnostics.Location` of its mapping in
``location`` and the location of each of its values in ``spans``: the key is the
field name (``"role"``), and list items add their index (``"consulted.1"``).
Text is kept exactly as the author wrote it (``no`` stays ``"no"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from generator.diagnostics import Location

EMPTY_SPANS: Mapping[str, Location] = MappingProxyType({})


Position = tuple[int, int, tuple[tuple[int, int], ...]]
"""0-based (line, column) of a value, and of each item when the value is a list."""


class Spans(Mapping[str, Location]):
    """Value locations by key (``"role"``, list items ``"checklist.2"``), stored compactly.

    A :class:`Location` is made only when asked for: a flow file has hundreds of
    values and almost none of their locations is ever shown, so this keeps loading
    (and passing models between processes) cheap.
    """

    __slots__ = ("_path", "_positions")

    def __init__(self, path: str, positions: dict[str, Position]) -> None:
        self._path = path
        self._positions = positions

    def __getitem__(self, key: str) -> Location:
        field_name, dot, index = key.partition(".")
        line, column, items = self._positions[field_name]
        if dot:
            if not index.isdigit() or int(index) >= len(items):
                raise KeyError(key)
            line, column = items[int(index)]
        return Location(self._path, line + 1, column + 1)

    def __iter__(self) -> Iterator[str]:
        for key, (_line, _column, items) in self._positions.items():
            yield key
            yield from (f"{key}.{index}" for index in range(len(items)))

    def __len__(self) -> int:
        return sum(1 + len(items) for _line, _column, items in self._positions.values())

    def __eq__(self, other: object) -> bool:
        """Equal to another mapping of the same locations; between two :class:`Spans`, fast.

        The generic comparison makes every :class:`Location`; comparing flows of two
        loads (an incremental build) would spend most of its time here.
        """
        if isinstance(other, Spans):
            return self._path == other._path and self._positions == other._positions
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, as before

    def __reduce__(self) -> tuple[type[Spans], tuple[str, dict[str, Position]]]:
        return (Spans, (self._path, self._positions))


class Status(StrEnum):
    """The life-cycle state of a flow document."""

    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"


class StepKind(StrEnum):
    """What a step is: work, a choice, a call of another flow, or an end."""

    TASK = "task"
    DECISION = "decision"
    SUBFLOW = "subflow"
    END = "end"


@dataclass(frozen=True, kw_only=True)
class Sourced:
    """Base of model objects: where the object and each of its values came from."""

    location: Location
    """Where the object's mapping starts."""
    spans: Mapping[str, Location] = field(default_factory=lambda: EMPTY_SPANS)
    """Where each value starts, by field name (list items: ``"field.index"``)."""
    invalid: frozenset[str] = frozenset()
    """Keys that were missing or invalid (already reported): checks on them stay quiet."""

    def where(self, key: str, index: int | None = None) -> Location:
        """The location of a value, falling back to the field, then the object."""
        if index is not None and f"{key}.{index}" in self.spans:
            return self.spans[f"{key}.{index}"]
        return self.spans.get(key, self.location)


@dataclass(frozen=True)
class Duration:
    """A step's expected duration, as written and in minutes."""

    text: str
    """What the author wrote, e.g. ``"1h30m"``."""
    minutes: int
    """The same length in minutes."""


@dataclass(frozen=True, kw_only=True)
class Domain(Sourced):
    """A business domain: one folder of `flows/`."""

    id: str
    """The folder name."""
    title: str
    """The display title."""
    summary: str
    """One paragraph of Markdown."""
    owner: str
    """The role (of this domain) that owns the domain."""
    order: int | None = None
    """Sort key in the navigation; domains without one follow, by id."""

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Navigation order: explicit ``order`` first, then id."""
        return (0 if self.order is not None else 1, self.order or 0, self.id)


@dataclass(frozen=True, kw_only=True)
class Role(Sourced):
    """A post (岗位) of a domain."""

    id: str
    """The role id, unique in its domain."""
    domain: str
    """The id of the domain that defines it."""
    name: str
    """The display name."""
    summary: str | None = None
    """One line on what the role is for."""
    reports_to: str | None = None
    """A role reference (``id`` or ``domain/id``) of the role's superior."""
    duties: tuple[str, ...] = ()
    """Standing duties (岗位职责), one per line."""

    @property
    def key(self) -> str:
        """The role's handbook-wide key, ``domain/id``."""
        return f"{self.domain}/{self.id}"


@dataclass(frozen=True, kw_only=True)
class Branch(Sourced):
    """One outgoing branch of a decision step."""

    when: str
    """The branch label, e.g. ``能``."""
    next: str
    """The id of the step the branch leads to."""
    probability: float | None = None
    """How often the branch is taken (0 < p <= 1; FORMAT v1.2), when the author says so."""


@dataclass(frozen=True, kw_only=True)
class Step(Sourced):
    """One step of a flow."""

    id: str
    """Unique in the flow."""
    name: str
    """The display name."""
    kind: StepKind = StepKind.TASK
    """Task, decision, sub-flow or end."""
    role: str | None = None
    """Who does it (R): a role reference; also the swimlane."""
    accountable: str | None = None
    """Who answers for it (A), when not the same as ``role``."""
    consulted: tuple[str, ...] = ()
    """Roles consulted (C)."""
    informed: tuple[str, ...] = ()
    """Roles informed (I)."""
    details: str | None = None
    """Markdown explaining the step."""
    checklist: tuple[str, ...] = ()
    """Lines the SOP card lists for this step."""
    control: str | None = None
    """The key control point (关键控制点)."""
    duration: Duration | None = None
    """Expected duration."""
    inputs: tuple[str, ...] = ()
    """Documents or things the step needs."""
    outputs: tuple[str, ...] = ()
    """Documents or things the step produces."""
    next: str | None = None
    """The id of the following step, when not the next in the list."""
    branches: tuple[Branch, ...] = ()
    """A decision's branches."""
    flow: str | None = None
    """A sub-flow step's called flow: ``flow-id`` or ``domain/flow-id``."""

    @property
    def accountable_role(self) -> str | None:
        """The A of RACI: ``accountable`` when given, else ``role``."""
        return self.accountable or self.role


@dataclass(frozen=True, kw_only=True)
class Revision(Sourced):
    """One entry of a flow's revision record (``history``, newest first; FORMAT v1.1)."""

    version: str
    """The document version this revision made, as written."""
    date: dt.date
    """When the revision was approved."""
    summary: str
    """What changed and why."""
    author: str | None = None
    """Who wrote the change."""
    approved_by: str | None = None
    """Who approved it."""


@dataclass(frozen=True, kw_only=True)
class Flow(Sourced):
    """A process: one YAML file of a domain."""

    id: str
    """The file name without ``.yaml``."""
    domain: str
    """The id of the domain folder."""
    title: str
    """The display title."""
    summary: str
    """One paragraph of Markdown."""
    owner: str
    """The role that owns the document."""
    version: str
    """The document version, as written."""
    status: Status
    """Draft, approved or retired."""
    effective: dt.date
    """The date the version takes effect."""
    review: dt.date
    """The date of the next review."""
    trigger: str | None = None
    """What starts the flow."""
    outcome: str | None = None
    """What done means."""
    tags: tuple[str, ...] = ()
    """Search keywords."""
    steps: tuple[Step, ...] = ()
    """The steps; the first is the start."""
    order: int | None = None
    """Position of the flow in its domain (FORMAT v1.1); flows without one follow, by id."""
    approved_by: str | None = None
    """Who approved the current version (FORMAT v1.1)."""
    history: tuple[Revision, ...] = ()
    """The revision record, newest first (FORMAT v1.1)."""
    distribution: tuple[str, ...] = ()
    """Where controlled printed copies are posted (FORMAT v1.1)."""
    replaced_by: str | None = None
    """A retired flow's successor, ``flow-id`` or ``domain/flow-id`` (optional key)."""
    well_formed: bool = True
    """False when a step had shape errors: graph checks then stay quiet (no cascades)."""

    @property
    def key(self) -> str:
        """The flow's handbook-wide key, ``domain/id``."""
        return f"{self.domain}/{self.id}"

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Order in its domain: explicit ``order`` first, then id."""
        return (0 if self.order is not None else 1, self.order or 0, self.id)

    def step(self, step_id: str) -> Step | None:
        """The step with this id, if any."""
        return next((step for step in self.steps if step.id == step_id), None)


@dataclass(frozen=True)
class Handbook:
    """Everything read from a `flows/` tree."""

    domains: tuple[Domain, ...] = ()
    """Domains in navigation order."""
    roles: tuple[Role, ...] = ()
    """All roles, by domain then file order."""
    flows: tuple[Flow, ...] = ()
    """All flows, sorted by key."""
    flow_files: frozenset[str] = frozenset()
    """Keys (``domain/id``) of every flow file found, even ones that failed to load."""
    unreadable_role_domains: frozenset[str] = frozenset()
    """Domains whose roles.yaml failed to load: references into them are not checked."""
    _roles: dict[str, Role] = field(init=False, repr=False, compare=False)
    _flows: dict[str, Flow] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_roles", {role.key: role for role in self.roles})
        object.__setattr__(self, "_flows", {flow.key: flow for flow in self.flows})

    @staticmethod
    def qualify(reference: str, domain: str) -> str:
        """Turn ``id`` or ``domain/id`` into ``domain/id``, relative to *domain*."""
        return reference if "/" in reference else f"{domain}/{reference}"

    def role(self, reference: str, domain: str) -> Role | None:
        """Resolve a role reference made in *domain*."""
        return self._roles.get(self.qualify(reference, domain))

    def flow(self, reference: str, domain: str) -> Flow | None:
        """Resolve a flow reference made in *domain*."""
        return self._flows.get(self.qualify(reference, domain))

    def domain(self, domain_id: str) -> Domain | None:
        """The domain with this id, if any."""
        return next((domain for domain in self.domains if domain.id == domain_id), None)

    def flows_of(self, domain_id: str) -> tuple[Flow, ...]:
        """The flows of one domain, by ``order`` (flows without one follow), then id."""
        flows = [flow for flow in self.flows if flow.domain == domain_id]
        return tuple(sorted(flows, key=lambda flow: flow.sort_key))

    def roles_of(self, domain_id: str) -> tuple[Role, ...]:
        """The roles of one domain, in file order."""
        return tuple(role for role in self.roles if role.domain == domain_id)

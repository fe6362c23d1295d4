"""The one description of the three file kinds: keys, types, required and conditional keys.

The loader checks documents against these specs, :func:`json_schema` turns them
into the JSON Schemas under ``schema/`` (for editors), and the authoring guide
describes them. Changing the format means changing this module, and the test
suite checks that the committed schema files still match it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from generator.model import Status, StepKind

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Every id: kebab-case ASCII."""
REFERENCE_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$"
"""A reference: ``id`` in the same domain, or ``domain/id``."""
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A calendar date as YYYY-MM-DD (checked for reality by the loader)."""
DURATION_PATTERN = r"^(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?$"
"""A duration such as ``15m``, ``2h``, ``1d``, ``1h30m``."""

ID_RULE = "use lowercase ASCII letters, digits and '-'"
"""How to write an id, for messages."""

ID_RE = re.compile(ID_PATTERN)
REFERENCE_RE = re.compile(REFERENCE_PATTERN)
DATE_RE = re.compile(DATE_PATTERN)
DURATION_RE = re.compile(DURATION_PATTERN)


class Scalar(StrEnum):
    """Scalar value types of the format."""

    TEXT = "text"
    """Plain text, kept exactly as written (``no`` stays ``no``)."""
    MARKDOWN = "markdown"
    """Text rendered as Markdown."""
    ID = "id"
    """A kebab-case id."""
    REFERENCE = "reference"
    """A role or flow reference: ``id`` or ``domain/id``."""
    DATE = "date"
    """A date, YYYY-MM-DD."""
    DURATION = "duration"
    """A duration: ``15m``, ``2h``, ``1d``."""
    INTEGER = "integer"
    """A whole number."""
    PROBABILITY = "probability"
    """A decimal number with 0 < p <= 1 (FORMAT v1.2: how often a branch is taken)."""


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of words."""

    values: tuple[str, ...]
    """The allowed words."""


@dataclass(frozen=True)
class ListOf:
    """A YAML sequence of one value type."""

    item: ValueSpec
    """The type of every item."""
    min_items: int = 0
    """The fewest items allowed."""


@dataclass(frozen=True)
class Key:
    """One key of a mapping."""

    name: str
    """The key as written in YAML."""
    value: ValueSpec
    """The type of its value."""
    description: str
    """What the key means (shown in editors and the guide)."""
    required: bool = False
    """Whether every mapping of this kind must have it."""


@dataclass(frozen=True)
class RequiredWhen:
    """A key required only for some values of a discriminating key."""

    key: str
    """The key that becomes required."""
    discriminator: str
    """The key whose value decides."""
    values: tuple[str, ...]
    """Values of the discriminator that make *key* required."""
    negate: bool = False
    """Require *key* for every value except *values*."""
    default: str | None = None
    """The discriminator's value when the key is absent."""

    def applies(self, discriminator_value: str | None) -> bool:
        """Whether *key* is required when the discriminator has this value."""
        value = discriminator_value if discriminator_value is not None else self.default
        return (value in self.values) != self.negate


@dataclass(frozen=True)
class Record:
    """A YAML mapping with known keys; unknown keys are errors."""

    title: str
    """What the mapping is (used in messages: "step", "role")."""
    keys: tuple[Key, ...]
    """Its keys, in the order the guide documents them."""
    conditions: tuple[RequiredWhen, ...] = field(default=())
    """Keys required only in some cases."""
    by_name: Mapping[str, Key] = field(init=False, repr=False, compare=False)
    """The keys by name (derived)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", MappingProxyType({key.name: key for key in self.keys}))

    def key(self, name: str) -> Key | None:
        """The key spec with this name, if any."""
        return self.by_name.get(name)


ValueSpec = Scalar | Choice | ListOf | Record

ROLE_LIST = ListOf(Scalar.REFERENCE)
TEXT_LIST = ListOf(Scalar.TEXT)

BRANCH = Record(
    "branch",
    (
        Key("when", Scalar.TEXT, "The branch label, the answer to the decision.", required=True),
        Key("next", Scalar.ID, "The step this branch leads to.", required=True),
        Key(
            "probability",
            Scalar.PROBABILITY,
            "How often the branch is taken, 0 < p <= 1; a decision's branches sum to 1.",
        ),
    ),
)

STEP = Record(
    "step",
    (
        Key("id", Scalar.ID, "Unique in the flow.", required=True),
        Key("name", Scalar.TEXT, "What is done, in a few words.", required=True),
        Key("kind", Choice(tuple(StepKind)), "task (default), decision, subflow or end."),
        Key("role", Scalar.REFERENCE, "Who does it (R); the swimlane. Optional on end steps."),
        Key("accountable", Scalar.REFERENCE, "Who answers for it (A); defaults to role."),
        Key("consulted", ROLE_LIST, "Roles consulted (C)."),
        Key("informed", ROLE_LIST, "Roles informed (I)."),
        Key("details", Scalar.MARKDOWN, "How to do it, in Markdown."),
        Key("checklist", TEXT_LIST, "Lines the SOP card lists with tick boxes."),
        Key("control", Scalar.TEXT, "The key control point (关键控制点)."),
        Key("duration", Scalar.DURATION, "Expected duration: 15m, 2h, 1d."),
        Key("inputs", TEXT_LIST, "What the step needs."),
        Key("outputs", TEXT_LIST, "What the step produces."),
        Key("next", Scalar.ID, "The following step when not the next one in the list."),
        Key("branches", ListOf(BRANCH), "A decision's branches (at least two)."),
        Key("flow", Scalar.REFERENCE, "A sub-flow step's flow: flow-id or domain/flow-id."),
    ),
    (
        RequiredWhen("role", "kind", (StepKind.END,), negate=True, default=StepKind.TASK),
        RequiredWhen("branches", "kind", (StepKind.DECISION,), default=StepKind.TASK),
        RequiredWhen("flow", "kind", (StepKind.SUBFLOW,), default=StepKind.TASK),
    ),
)

REVISION = Record(
    "revision",
    (
        Key("version", Scalar.TEXT, 'The version this revision made, e.g. "1.2".', required=True),
        Key("date", Scalar.DATE, "When this revision was approved.", required=True),
        Key("author", Scalar.TEXT, "Who wrote the change."),
        Key("approved_by", Scalar.TEXT, "Who approved it; required on the newest entry."),
        Key("summary", Scalar.TEXT, "What changed and why.", required=True),
    ),
)

FLOW = Record(
    "flow",
    (
        Key("title", Scalar.TEXT, "The flow's title.", required=True),
        Key("summary", Scalar.MARKDOWN, "One paragraph on what the flow achieves.", required=True),
        Key("owner", Scalar.REFERENCE, "The role that owns this document.", required=True),
        Key("version", Scalar.TEXT, 'The document version, e.g. "1.2".', required=True),
        Key("status", Choice(tuple(Status)), "draft, approved or retired.", required=True),
        Key("effective", Scalar.DATE, "The date this version takes effect.", required=True),
        Key("review", Scalar.DATE, "The next review date, after effective.", required=True),
        Key("trigger", Scalar.TEXT, "What starts the flow."),
        Key("outcome", Scalar.TEXT, "What done means."),
        Key("tags", TEXT_LIST, "Search keywords."),
        Key("steps", ListOf(STEP, min_items=1), "The steps; the first is the start.", True),
        Key("order", Scalar.INTEGER, "Position of the flow in its domain (smaller first)."),
        Key("approved_by", Scalar.TEXT, "Who approved the current version."),
        Key("history", ListOf(REVISION, min_items=1), "The revision record, newest first."),
        Key("distribution", TEXT_LIST, "Where controlled printed copies are posted."),
        Key("replaced_by", Scalar.REFERENCE, "A retired flow's successor: flow-id or domain/id."),
    ),
)

ROLE = Record(
    "role",
    (
        Key("id", Scalar.ID, "Unique in the domain.", required=True),
        Key("name", Scalar.TEXT, "The post's name.", required=True),
        Key("summary", Scalar.TEXT, "One line on what the role is for."),
        Key("reports_to", Scalar.REFERENCE, "The role this one reports to."),
        Key("duties", TEXT_LIST, "Standing duties (岗位职责), one per line."),
    ),
)

ROLES_FILE = Record(
    "roles file",
    (Key("roles", ListOf(ROLE, min_items=1), "The roles (posts) of the domain.", required=True),),
)

DOMAIN = Record(
    "domain",
    (
        Key("title", Scalar.TEXT, "The domain's title.", required=True),
        Key("summary", Scalar.MARKDOWN, "One paragraph on the domain.", required=True),
        Key("owner", Scalar.REFERENCE, "The role (of this domain) that owns it.", required=True),
        Key("order", Scalar.INTEGER, "Sort key in the navigation (smaller first)."),
    ),
)

FILE_KINDS: dict[str, Record] = {"domain": DOMAIN, "roles": ROLES_FILE, "flow": FLOW}
"""The three file kinds, by schema file stem."""

SCHEMA_BASE_URL = "https://process-handbook.invalid/schema/"


def _scalar_schema(scalar: Scalar) -> dict[str, Any]:
    if scalar in (Scalar.TEXT, Scalar.MARKDOWN):
        # Editors read YAML 1.2: `version: 1.10` is a number there; we keep it as text.
        return {"type": ["string", "number", "boolean"], "pattern": r"\S"}
    if scalar in (Scalar.ID, Scalar.REFERENCE):
        # `id: 123` and `id: true` are a number and a boolean to an editor, valid ids to us.
        pattern = ID_PATTERN if scalar is Scalar.ID else REFERENCE_PATTERN
        return {
            "anyOf": [
                {"type": "string", "pattern": pattern},
                {"type": "integer", "minimum": 0},
                {"type": "boolean"},
            ]
        }
    if scalar is Scalar.DATE:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if scalar is Scalar.INTEGER:
        return {"type": "integer"}
    if scalar is Scalar.PROBABILITY:
        return {"type": "number", "exclusiveMinimum": 0, "maximum": 1}
    return {"type": "string", "pattern": DURATION_PATTERN}


def value_schema(spec: ValueSpec) -> dict[str, Any]:
    """The JSON Schema of one value spec."""
    if isinstance(spec, Scalar):
        return _scalar_schema(spec)
    if isinstance(spec, Choice):
        return {"enum": list(spec.values)}
    if isinstance(spec, ListOf):
        schema: dict[str, Any] = {"type": "array", "items": value_schema(spec.item)}
        if spec.min_items:
            schema["minItems"] = spec.min_items
        return schema
    return record_schema(spec)


def _condition_schema(condition: RequiredWhen) -> dict[str, Any]:
    matches: dict[str, Any] = {"enum": list(condition.values)}
    selector: dict[str, Any] = {"properties": {condition.discriminator: matches}}
    if condition.default is not None and condition.default in condition.values:
        selector["required"] = []  # an absent discriminator takes the default, which matches
    else:
        selector["required"] = [condition.discriminator]
    if condition.negate:
        return {"if": selector, "else": {"required": [condition.key]}}
    return {"if": selector, "then": {"required": [condition.key]}}


def record_schema(record: Record) -> dict[str, Any]:
    """The JSON Schema of a mapping: known keys only, required keys, conditions."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            key.name: {"description": key.description, **value_schema(key.value)}
            for key in record.keys
        },
        "required": [key.name for key in record.keys if key.required],
        "additionalProperties": False,
    }
    if record.conditions:
        schema["allOf"] = [_condition_schema(condition) for condition in record.conditions]
    return schema


def json_schema(kind: str) -> dict[str, Any]:
    """The complete JSON Schema document of one file kind (``domain``, ``roles``, ``flow``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind}.schema.json",
        "title": f"process-handbook {kind} file",
        **record_schema(FILE_KINDS[kind]),
    }

"""Check a composed YAML node tree against a :mod:`generator.spec` record.

The checker converts what is valid and reports what is not (E104, E108, E110–E117),
in the spirit of jsonschema's ``iter_errors``: every problem of a file at once, one
diagnostic per root cause. Conversion keeps the text the author wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, Location, suggest
from generator.lookalikes import id_problem
from generator.messages.text import Message, msg
from generator.model import Duration, Position, Spans
from generator.spec import (
    DATE_RE,
    DURATION_RE,
    ID_RE,
    ID_RULE,
    REFERENCE_RE,
    Choice,
    ListOf,
    Record,
    Scalar,
    ValueSpec,
)
from generator.yamladvice import character_name
from generator.yamlread import MERGE_TAG, NULL_TAG

MAX_NODES = 100_000
"""Values visited per file before the file is refused as too complex (alias bombs)."""

_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks: escapes such as ``"\\0"`` put them in text."""
_INTEGER_RE = re.compile(r"^[-+]?[0-9]+$")
_DECIMAL_RE = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_DURATION_PARTS_RE = re.compile(r"([0-9]+)([dhm])")
_MINUTES = {"d": 24 * 60, "h": 60, "m": 1}


class TooComplexError(Exception):
    """Raised when a file expands to more values than :data:`MAX_NODES`."""


Label = tuple[Message, str, int]
"""Where a value is, for messages: (owner such as "step 'plan'", key, item number or 0)."""


def describe(label: Label) -> Message:
    """``'role' of step 'plan'`` or ``item 2 of 'checklist' of step 'plan'``."""
    owner, key, item = label
    text = msg("'{key}' of {owner}", key=key, owner=owner)
    return msg("item {item} of {value}", item=item, value=text) if item else text


def _found(node: yaml.Node) -> Message:
    if isinstance(node, yaml.MappingNode):
        return msg("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return msg("a list")
    return msg("'{value}'", value=node.value)


@dataclass
class Checked:
    """A mapping that passed (or partly passed) its record check."""

    location: Location
    """Where the mapping starts."""
    values: dict[str, Any] = field(default_factory=dict)
    """Converted values of the valid keys."""
    spans: Mapping[str, Location] = field(default_factory=dict)
    """Where each value (and list item, as ``key.index``) starts."""
    invalid: set[str] = field(default_factory=set)
    """Keys that were missing or invalid."""
    nested_errors: bool = False
    """Whether a nested record (a step of a flow, say) had problems."""

    @property
    def clean(self) -> bool:
        """No problem in this mapping or below it."""
        return not self.invalid and not self.nested_errors


class ShapeChecker:
    """Converts nodes to values by spec, collecting diagnostics for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._visited = 0

    def location(self, node: yaml.Node) -> Location:
        """The 1-based location of *node* in this file."""
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def report(
        self, code: str, message: str, node: yaml.Node, suggestion: str | None = None
    ) -> None:
        """Record one diagnostic at *node*."""
        self.diagnostics.append(Diagnostic(code, message, self.location(node), suggestion))

    # -- scalars -------------------------------------------------------------------------------

    def _text(self, node: yaml.Node, label: Label) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            message = msg(
                "{value} must be text, found {found}", value=describe(label), found=_found(node)
            )
            self.report("E110", message, node)
            return None
        is_null = node.tag == NULL_TAG and not getattr(node, "style", None)
        if is_null or not node.value.strip():
            self.report("E117", msg("{value} is empty", value=describe(label)), node)
            return None
        return str(node.value)

    def scalar(self, node: yaml.Node, scalar: Scalar, label: Label) -> Any:
        """Convert a scalar node, or report why not and return None."""
        text = self._text(node, label)
        if text is None:
            return None
        if scalar in (Scalar.TEXT, Scalar.MARKDOWN):
            return text
        if scalar is Scalar.ID:
            return self._id(node, text, label)
        if scalar is Scalar.REFERENCE:
            if REFERENCE_RE.match(text):
                return text
            self._bad_reference(node, text, label)
            return None
        if scalar is Scalar.DATE:
            return self._date(node, text, label)
        if scalar is Scalar.DURATION:
            return self._duration(node, text, label)
        if scalar is Scalar.PROBABILITY:
            return self._probability(node, text, label)
        if _INTEGER_RE.match(text) and not getattr(node, "style", None):
            return int(text)
        message = msg(
            "{value} must be a whole number, found '{text}'", value=describe(label), text=text
        )
        self.report("E110", message, node)
        return None

    def _probability(self, node: yaml.Node, text: str, label: Label) -> float | None:
        if not _DECIMAL_RE.match(text) or getattr(node, "style", None):
            message = msg(
                "{value} must be a number, found '{text}'", value=describe(label), text=text
            )
            self.report("E110", message, node)
            return None
        value = float(text)
        if not 0 < value <= 1:
            message = msg(
                "{value} is {text}, out of range: write 0 < p <= 1",
                value=describe(label),
                text=text,
            )
            self.report("E320", message, node)
            return None
        return value

    def _control_character(self, node: yaml.Node, label: Label) -> None:
        """W120: a control character in text (``"\\0"``, ``"\\a"``), which no page can show."""
        found = _CONTROL_IN_TEXT.search(node.value)
        assert found is not None
        message = msg(
            "{value} contains the control character {character}, which pages cannot show; "
            "remove it",
            value=describe(label),
            character=character_name(found.group()),
        )
        self.report("W120", message, node)

    def _id(self, node: yaml.Node, text: str, label: Label) -> str | None:
        if ID_RE.match(text):
            return text
        problem = id_problem(text, label[1])
        if problem is not None:
            message = msg(
                "invalid id '{text}' for {value}: {problem}",
                text=text,
                value=describe(label),
                problem=problem.reason,
            )
            self.report("E113", message, node, problem.suggestion)
            return None
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        self.report(
            "E113",
            msg(
                "invalid id '{text}' for {value}: {rule}",
                text=text,
                value=describe(label),
                rule=msg(ID_RULE),
            ),
            node,
            slug if slug and ID_RE.match(slug) else None,
        )
        return None

    def _bad_reference(self, node: yaml.Node, text: str, label: Label) -> None:
        lookalike = id_problem(text, None)
        if lookalike is not None:
            message = msg(
                "invalid reference '{text}' for {value}: {problem}",
                text=text,
                value=describe(label),
                problem=lookalike.reason,
            )
            self.report("E113", message, node, lookalike.suggestion)
            return
        message = msg(
            "invalid reference '{text}' for {value}: ids are kebab-case ASCII; "
            "another domain's id is written domain/id",
            text=text,
            value=describe(label),
        )
        self.report("E113", message, node)

    def _date(self, node: yaml.Node, text: str, label: Label) -> dt.date | None:
        if DATE_RE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        self.report(
            "E114",
            msg(
                "invalid date '{text}' for {value}: write a real date as YYYY-MM-DD",
                text=text,
                value=describe(label),
            ),
            node,
        )
        return None

    def _duration(self, node: yaml.Node, text: str, label: Label) -> Duration | None:
        if DURATION_RE.match(text):
            minutes = sum(int(n) * _MINUTES[unit] for n, unit in _DURATION_PARTS_RE.findall(text))
            return Duration(text, minutes)
        message = msg(
            "invalid duration '{text}' for {value}: write e.g. 15m, 2h, 1d or 1h30m",
            text=text,
            value=describe(label),
        )
        self.report("E115", message, node)
        return None

    def _choice(self, node: yaml.Node, choice: Choice, label: Label) -> str | None:
        text = self._text(node, label)
        if text is None:
            return None
        if text in choice.values:
            return text
        allowed = ", ".join(choice.values)
        message = msg(
            "invalid value '{text}' for {value}: use one of {allowed}",
            text=text,
            value=describe(label),
            allowed=allowed,
        )
        self.report("E116", message, node, suggest(text.lower(), choice.values))
        return None

    # -- containers ----------------------------------------------------------------------------

    def value(self, node: yaml.Node, spec: ValueSpec, label: Label) -> Any:
        """Convert *node* by *spec*; None (with diagnostics) when it is invalid."""
        self._visited += 1
        if self._visited > MAX_NODES:
            raise TooComplexError
        if spec is Scalar.TEXT or spec is Scalar.MARKDOWN:  # the common case, kept fast
            if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG and node.value.strip():
                if _CONTROL_IN_TEXT.search(node.value):
                    self._control_character(node, label)
                return node.value
            return self._text(node, label)
        if isinstance(spec, Scalar):
            return self.scalar(node, spec, label)
        if isinstance(spec, Choice):
            return self._choice(node, spec, label)
        if isinstance(spec, ListOf):
            return self._list(node, spec, label)
        return self.record(node, spec)

    def _list(self, node: yaml.Node, spec: ListOf, label: Label) -> list[Any] | None:
        if not isinstance(node, yaml.SequenceNode):
            message = msg(
                "{value} must be a list, found {found}", value=describe(label), found=_found(node)
            )
            self.report("E110", message, node)
            return None
        if len(node.value) < spec.min_items:
            message = msg(
                "{value} needs at least {count} item(s)",
                value=describe(label),
                count=spec.min_items,
            )
            self.report("E117", message, node)
            return None
        owner, key, _ = label
        item_spec = spec.item
        return [
            self.value(item, item_spec, (owner, key, number))
            for number, item in enumerate(node.value, start=1)
        ]

    def record(self, node: yaml.Node, spec: Record, name: Message | None = None) -> Checked | None:
        """Check a mapping against *spec*; None if it is not a mapping at all."""
        if not isinstance(node, yaml.MappingNode):
            what = name or msg(spec.title)
            message = msg(
                "{value} must be a mapping of keys, found {found}", value=what, found=_found(node)
            )
            self.report("E110", message, node)
            return None
        positions: dict[str, Position] = {}
        checked = Checked(self.location(node), spans=Spans(self.path, positions))
        seen: dict[str, yaml.Node] = {}
        misspelt: set[str] = set()
        entries: list[tuple[str, yaml.Node]] = []
        by_name = spec.by_name
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value in by_name
                and key_node.value not in seen
                and key_node.tag != MERGE_TAG
            ):
                seen[key_node.value] = key_node
                entries.append((key_node.value, value_node))
            else:
                self._bad_key(key_node, spec, seen, misspelt)
        owner = self._owner(spec, entries)
        values = checked.values
        for key, value_node in entries:
            value_spec = by_name[key].value
            converted = self.value(value_node, value_spec, (owner, key, 0))
            mark = value_node.start_mark
            if isinstance(value_node, yaml.SequenceNode):
                items = tuple(
                    (item.start_mark.line, item.start_mark.column) for item in value_node.value
                )
                positions[key] = (mark.line, mark.column, items)
            else:
                positions[key] = (mark.line, mark.column, ())
            if converted is None:
                checked.invalid.add(key)
                continue
            if isinstance(converted, Checked):
                checked.nested_errors |= not converted.clean
            elif isinstance(converted, list):
                if None in converted:
                    checked.invalid.add(key)
                if isinstance(value_spec, ListOf) and isinstance(value_spec.item, Record):
                    checked.nested_errors |= any(not part.clean for part in converted if part)
            values[key] = converted
        # A misspelt key was reported with its suggestion: the key is not also "missing".
        checked.invalid |= misspelt - values.keys()
        # A merge key brings keys in from elsewhere: it was reported (E121) as the one cause.
        merged = any(key.tag == MERGE_TAG for key, _ in node.value)
        self._require(node, spec, checked, owner, report=not merged)
        return checked

    def _bad_key(
        self, key_node: yaml.Node, spec: Record, seen: dict[str, yaml.Node], misspelt: set[str]
    ) -> None:
        """Report a key that is not text, a merge key, a duplicate or unknown."""
        if not isinstance(key_node, yaml.ScalarNode):
            self.report(
                "E110", msg("keys must be text, found {found}", found=_found(key_node)), key_node
            )
            return
        key = str(key_node.value)
        if key_node.tag == MERGE_TAG:
            message = msg(
                "merge key '<<' in {record}: write the keys it would bring in out here",
                record=msg(spec.title),
            )
            self.report("E121", message, key_node)
            return
        if key in seen:
            first = seen[key].start_mark.line + 1
            self.report(
                "E104",
                msg("duplicate key '{key}' (first at line {line})", key=key, line=first),
                key_node,
            )
            return
        seen[key] = key_node
        names = [known.name for known in spec.keys]
        suggestion = suggest(key, names)
        message = msg("unknown key '{key}' in {record}", key=key, record=msg(spec.title))
        self.report("E112", message, key_node, suggestion)
        if suggestion is not None and suggestion not in seen:
            misspelt.add(suggestion)

    @staticmethod
    def _owner(spec: Record, entries: list[tuple[str, yaml.Node]]) -> Message:
        """Name a mapping in messages: ``step 'plan'`` when it has a valid id."""
        for key, value in entries:
            if key == "id" and isinstance(value, yaml.ScalarNode) and ID_RE.match(value.value):
                return msg("{record} '{id}'", record=msg(spec.title), id=value.value)
        return msg(spec.title)

    def _require(
        self, node: yaml.Node, spec: Record, checked: Checked, owner: Message, *, report: bool
    ) -> None:
        present = {key for key in checked.values} | checked.invalid
        missing = [key.name for key in spec.keys if key.required and key.name not in present]
        for condition in spec.conditions:
            if condition.discriminator in checked.invalid or condition.key in present:
                continue
            if condition.applies(checked.values.get(condition.discriminator)):
                missing.append(condition.key)
        for key in missing:
            if report:
                message = msg("missing required key '{key}' in {owner}", key=key, owner=owner)
                self.report("E111", message, node)
            checked.invalid.add(key)

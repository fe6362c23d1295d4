"""Text left by ``handbook new`` (E130, W130, W131): placeholders must not reach staff.

A value is a placeholder when it holds the word ``TODO`` (upper case, not part of
a longer ASCII word, so ``TODO：``, ``TODO 流程名称`` and ``（TODO）`` count, and
``TODOS`` or ``mastodon`` do not) or when, with that mark gone, it is still one of
the longer sentences the scaffold writes (:func:`~generator.scaffold.placeholder_phrases`):
an author who deletes only the ``TODO`` has not written the text yet. An approved
flow reports every such value as an error; a draft, a retired flow and the domain
files get one warning per file (drafts are work in progress).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Location
from generator.messages.text import Message, msg
from generator.model import Flow, Handbook, Sourced, Status
from generator.scaffold import PLACEHOLDER_MARK, placeholder_phrases

MARK_RE = re.compile(rf"(?<![A-Za-z0-9_]){PLACEHOLDER_MARK}(?![A-Za-z0-9_])")
"""The placeholder mark as a word of its own."""
MIN_PHRASE_LENGTH = 9
"""Shorter scaffold phrases (``办结``, ``受理申请``) are also real step names: not matched."""
_NOISE_RE = re.compile(r"[\s:：,，.。;；()（）\[\]-]+")


@functools.cache
def _phrases() -> frozenset[str]:
    return frozenset(
        _NOISE_RE.sub("", phrase)
        for phrase in placeholder_phrases()
        if len(phrase) >= MIN_PHRASE_LENGTH
    )


def is_placeholder(text: str) -> bool:
    """Whether *text* is (or still holds) placeholder text of ``handbook new``."""
    return bool(MARK_RE.search(text)) or _NOISE_RE.sub("", text) in _phrases()


Found = tuple[Message, Location]
"""A placeholder value: which value it is (for messages), and where."""

Hit = tuple[str, int | None, Location]
"""A placeholder value of one object: its key, its list index (if an item), where."""


def _hits(item: Sourced, keys: tuple[str, ...]) -> Iterator[Hit]:
    """The placeholder values among *keys* of *item* (text or lists of text)."""
    for key in keys:
        value = getattr(item, key, None)
        if isinstance(value, str):
            if is_placeholder(value):
                yield key, None, item.where(key)
        elif isinstance(value, tuple):
            for index, part in enumerate(value):
                if isinstance(part, str) and is_placeholder(part):
                    yield key, index, item.where(key, index)


def _found(label: Message, index: int | None, where: Location) -> Found:
    """*label* (``'checklist' of step 'plan'``), narrowed to the list item when there is one."""
    if index is None:
        return label, where
    return msg("item {item} of {value}", item=index + 1, value=label), where


FLOW_TEXTS = ("title", "summary", "trigger", "outcome", "tags", "approved_by", "distribution")
STEP_TEXTS = ("name", "details", "checklist", "control", "inputs", "outputs")
REVISION_TEXTS = ("summary", "author", "approved_by")


def flow_placeholders(flow: Flow) -> Iterator[Found]:
    """Every placeholder value of a flow, in file order of its parts."""
    for key, index, where in _hits(flow, FLOW_TEXTS):
        yield _found(msg("'{value}'", value=key), index, where)
    for number, entry in enumerate(flow.history, start=1):
        for key, index, where in _hits(entry, REVISION_TEXTS):
            label = msg("'{key}' of history entry {item}", key=key, item=number)
            yield _found(label, index, where)
    for step in flow.steps:
        for key, index, where in _hits(step, STEP_TEXTS):
            yield _found(msg("'{key}' of step '{step}'", key=key, step=step.id), index, where)
        for branch in step.branches:
            for key, index, where in _hits(branch, ("when",)):
                label = msg("'{key}' of a branch of step '{step}'", key=key, step=step.id)
                yield _found(label, index, where)


def _summary(found: list[Found]) -> Message:
    """The first placeholder value, and how many more there are."""
    first = found[0][0]
    if len(found) == 1:
        return first
    return msg("{value} and {count} more", value=first, count=len(found) - 1)


def placeholder_text(handbook: Handbook) -> Iterator[Diagnostic]:
    """E130 per value of an approved flow; W130 once per other flow; W131 per domain file."""
    for flow in handbook.flows:
        found = sorted(flow_placeholders(flow), key=lambda item: item[1])
        if not found:
            continue
        if flow.status is Status.APPROVED and "status" not in flow.invalid:
            for key, where in found:
                yield Diagnostic(
                    "E130",
                    msg(
                        "{value} is placeholder text ('{mark}'), but flow '{flow}' is approved",
                        value=key,
                        mark=PLACEHOLDER_MARK,
                        flow=flow.key,
                    ),
                    where,
                )
        else:
            yield Diagnostic(
                "W130",
                msg(
                    "placeholder text ('{mark}') in {value} of {status} flow '{flow}'",
                    mark=PLACEHOLDER_MARK,
                    value=_summary(found),
                    status=flow.status.value,
                    flow=flow.key,
                ),
                found[0][1],
            )
    for domain in handbook.domains:
        found = [
            _found(msg("'{key}' of domain '{domain}'", key=key, domain=domain.id), index, where)
            for key, index, where in _hits(domain, ("title", "summary"))
        ]
        if found:
            yield Diagnostic("W131", _in_file(found), found[0][1])
    roles_found: dict[str, list[Found]] = {}
    for role in handbook.roles:
        roles_found.setdefault(role.domain, []).extend(
            _found(msg("'{key}' of role '{role}'", key=key, role=role.id), index, where)
            for key, index, where in _hits(role, ("name", "summary", "duties"))
        )
    for found in roles_found.values():
        if found:
            found.sort(key=lambda item: item[1])
            yield Diagnostic("W131", _in_file(found), found[0][1])


def _in_file(found: list[Found]) -> Message:
    return msg(
        "placeholder text ('{mark}') in {value}", mark=PLACEHOLDER_MARK, value=_summary(found)
    )

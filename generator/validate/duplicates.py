"""Ids that must be unique: role ids in a domain (E201), step ids in a flow (E202)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Location
from generator.messages.text import msg
from generator.model import Flow, Handbook


def duplicate_role_ids(handbook: Handbook) -> Iterator[Diagnostic]:
    """E201: a role id defined twice in one domain, reported at every repeat."""
    first_seen: dict[str, Location] = {}
    for role in handbook.roles:
        here = role.where("id")
        first = first_seen.setdefault(role.key, here)
        if first is not here:
            yield Diagnostic(
                "E201",
                msg(
                    "duplicate role id '{role}' (first defined at line {line})",
                    role=role.id,
                    line=first.line,
                ),
                here,
            )


def duplicate_step_ids(handbook: Handbook) -> Iterator[Diagnostic]:
    """E202: a step id used twice in one flow, reported at every repeat."""
    for flow in handbook.flows:
        first_seen: dict[str, Location] = {}
        for step in flow.steps:
            if "id" in step.invalid:
                continue
            here = step.where("id")
            first = first_seen.setdefault(step.id, here)
            if first is not here:
                yield Diagnostic(
                    "E202",
                    msg(
                        "duplicate step id '{step}' (first used at line {line})",
                        step=step.id,
                        line=first.line,
                    ),
                    here,
                )


def has_duplicate_step_ids(flow: Flow) -> bool:
    """Whether some step id of *flow* repeats (E202)."""
    step_ids = [step.id for step in flow.steps if "id" not in step.invalid]
    return len(set(step_ids)) != len(step_ids)

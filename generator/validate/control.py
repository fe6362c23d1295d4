"""Document control (FORMAT v1.1): the revision record, approval and what replaces what.

Rules: ``history`` versions are dotted numbers (E415), unique (E410) and strictly
decreasing down the list (E411); dates do not increase down the list (E412); the
newest entry is the flow's ``version`` (E413); an approved flow names who approved
its newest revision (E414); ``effective`` is not before the newest revision (W410);
an approved flow has a history at all (W411). ``replaced_by`` names another
existing flow (E416), on a retired flow only (W412), that is itself in force
(W212). An approved flow's sub-flow calls lead to flows in force (W210, W211).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, suggest
from generator.flowgraph import called_flow
from generator.messages.text import msg
from generator.model import Flow, Handbook, Revision, Status

DOTTED_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
"""A version that can be ordered: dotted whole numbers ("1.10" > "1.9" > "1.2")."""


def version_key(version: str) -> tuple[int, ...] | None:
    """``"1.10"`` → ``(1, 10)``; None when the version is not dotted numbers."""
    text = version.strip()
    if not DOTTED_RE.match(text):
        return None
    return tuple(int(part) for part in text.split("."))


def _status_known(flow: Flow) -> bool:
    return "status" not in flow.invalid


def _history_entries(flow: Flow) -> Iterator[Diagnostic]:
    """E410, E411, E412, E415 over one flow's history (read completely)."""
    above: Revision | None = None
    above_key: tuple[int, ...] | None = None
    seen: dict[tuple[int, ...] | str, Revision] = {}
    for entry in flow.history:
        key = version_key(entry.version)
        if key is None:
            yield Diagnostic(
                "E415",
                msg(
                    "history version '{version}' is not a dotted number such as 1.2",
                    version=entry.version,
                ),
                entry.where("version"),
            )
        identity: tuple[int, ...] | str = key if key is not None else entry.version.strip()
        first = seen.get(identity)
        if first is not None:
            yield Diagnostic(
                "E410",
                msg(
                    "history version '{version}' appears twice (first at line {line})",
                    version=entry.version,
                    line=first.location.line,
                ),
                entry.where("version"),
            )
        elif key is not None and above_key is not None and key > above_key:
            assert above is not None
            yield Diagnostic(
                "E411",
                msg(
                    "history version '{version}' is listed below the lower version '{above}': "
                    "list revisions newest first",
                    version=entry.version,
                    above=above.version,
                ),
                entry.where("version"),
            )
        if above is not None and entry.date > above.date:
            yield Diagnostic(
                "E412",
                msg(
                    "history date '{date}' of version '{version}' is after '{above_date}' "
                    "of version '{above}' listed above it",
                    date=entry.date.isoformat(),
                    version=entry.version,
                    above_date=above.date.isoformat(),
                    above=above.version,
                ),
                entry.where("date"),
            )
        seen.setdefault(identity, entry)
        above = entry
        if key is not None:
            above_key = key


def history_rules(handbook: Handbook) -> Iterator[Diagnostic]:
    """E410–E415, W410, W411: the revision record of every flow."""
    for flow in handbook.flows:
        if "history" in flow.invalid:
            continue  # a bad entry was reported by the loader
        approved = flow.status is Status.APPROVED and _status_known(flow)
        if not flow.history:
            # A version that is not dotted numbers cannot head a history (E415): quiet.
            if approved and version_key(flow.version) is not None:
                yield Diagnostic(
                    "W411",
                    msg(
                        "approved flow '{flow}' has no history: "
                        "who approved version '{version}' is not recorded",
                        flow=flow.key,
                        version=flow.version,
                    ),
                    flow.where("status"),
                )
            continue
        yield from _history_entries(flow)
        newest = flow.history[0]
        if "version" not in flow.invalid and newest.version.strip() != flow.version.strip():
            yield Diagnostic(
                "E413",
                msg(
                    "newest history entry is version '{newest}', "
                    "but the flow is version '{version}'",
                    newest=newest.version,
                    version=flow.version,
                ),
                newest.where("version"),
            )
        if approved and not newest.approved_by and not flow.approved_by:
            yield Diagnostic(
                "E414",
                msg(
                    "approved flow '{flow}' does not say who approved version '{version}'",
                    flow=flow.key,
                    version=newest.version,
                ),
                newest.location,
            )
        if "effective" not in flow.invalid and flow.effective < newest.date:
            yield Diagnostic(
                "W410",
                msg(
                    "effective date '{effective}' is before '{date}', "
                    "when version '{version}' was approved",
                    effective=flow.effective.isoformat(),
                    date=newest.date.isoformat(),
                    version=newest.version,
                ),
                flow.where("effective"),
            )


def replacement_rules(handbook: Handbook) -> Iterator[Diagnostic]:
    """E416, W412, W212: ``replaced_by`` names another existing flow in force."""
    for flow in handbook.flows:
        if flow.replaced_by is None:
            continue
        where = flow.where("replaced_by")
        if _status_known(flow) and flow.status is not Status.RETIRED:
            yield Diagnostic(
                "W412",
                msg(
                    "flow '{flow}' is {status} but names a replacement '{replacement}'",
                    flow=flow.key,
                    status=flow.status.value,
                    replacement=flow.replaced_by,
                ),
                where,
            )
        key = handbook.qualify(flow.replaced_by, flow.domain)
        successor = handbook.flow(flow.replaced_by, flow.domain)
        if key == flow.key:
            yield Diagnostic(
                "E416", msg("flow '{flow}' is replaced by itself", flow=flow.key), where
            )
        elif successor is None:
            if key not in handbook.flow_files:  # a file that failed to load was reported
                candidates = [other.id for other in handbook.flows_of(flow.domain)]
                candidates += [other.key for other in handbook.flows]
                yield Diagnostic(
                    "E416",
                    msg(
                        "replaced_by names unknown flow '{replacement}'",
                        replacement=flow.replaced_by,
                    ),
                    where,
                    suggest(flow.replaced_by, candidates),
                )
        elif successor.status is not Status.APPROVED and "status" not in successor.invalid:
            yield Diagnostic(
                "W212",
                msg(
                    "replacement '{replacement}' is {status}, not in force",
                    replacement=successor.key,
                    status=successor.status.value,
                ),
                where,
            )


def calls_out_of_force(handbook: Handbook) -> Iterator[Diagnostic]:
    """W210, W211: an approved flow calls a draft or a retired flow as a sub-flow."""
    for flow in handbook.flows:
        if flow.status is not Status.APPROVED or not _status_known(flow):
            continue
        for step in flow.steps:
            called = called_flow(handbook, flow, step)
            if called is None or "status" in called.invalid:
                continue
            if called.status is Status.APPROVED:
                continue
            draft = called.status is Status.DRAFT
            yield Diagnostic(
                "W210" if draft else "W211",
                msg(
                    "step '{step}' of approved flow '{flow}' calls draft '{called}', "
                    "which staff do not see"
                    if draft
                    else "step '{step}' of approved flow '{flow}' calls retired flow '{called}'",
                    step=step.id,
                    flow=flow.key,
                    called=called.key,
                ),
                step.where("flow"),
            )

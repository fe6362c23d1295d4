"""Incremental analysis: which pages and diagrams an edit of some flows affects.

``handbook serve`` (the model kept in memory) and ``handbook build`` (the model
of the last build, :mod:`generator.site.generation_cache`) compare the model before and
after an edit and renders only what may have changed: :func:`affected_pages`
answers with a :class:`Change`, or ``None`` when everything may have (a domain,
a role or the set of flows changed, or the set of a flow's versions: each has a
verify page, and an incremental pass neither adds nor removes pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.flowgraph import callers, calls
from generator.metrics import handbook_metrics
from generator.model import Flow, Handbook
from generator.render import paths
from generator.render.control import versions
from generator.render.raci import flow_letters, step_letters


@dataclass(frozen=True)
class Change:
    """What an edit of some flows affects: the pages to render and the diagrams to redraw."""

    pages: frozenset[str]
    """Page paths whose text may differ."""
    diagrams: frozenset[str]
    """Flow keys whose diagrams may differ (the flow itself and the flows that call it);
    both of a flow's diagrams, swimlane and compact column, are redrawn together."""


def affected_pages(before: Handbook, after: Handbook) -> Change | None:
    """What changed between two valid handbooks, or ``None`` when everything may have.

    Only flow edits are tracked: when domains, roles, the set of flows or the
    versions of a flow differ (a page added or gone, a name shown on many pages),
    the answer is ``None`` and the caller renders everything. Unchanged flows are
    recognised by identity first (the loader's file cache returns the same
    objects), then by equality. For a changed flow, what else is affected depends
    on what changed: its summary (title, status, owner, version, dates) shows on
    index, domain, role and related flow pages; its step names and letters on
    role pages; its letters on the domain page; its sub-flow calls on the called
    flows' pages.
    """
    if not _same(before.domains, after.domains) or not _same(before.roles, after.roles):
        return None
    old = {flow.key: flow for flow in before.flows}
    new = {flow.key: flow for flow in after.flows}
    if old.keys() != new.keys():
        return None
    changed = [key for key in new if old[key] is not new[key] and old[key] != new[key]]
    if any(versions(old[key]) != versions(new[key]) for key in changed):
        return None  # a verify page comes or goes
    pages: set[str] = set()
    redraw: set[str] = set(changed)
    old_callers = callers(before) if changed else {}
    new_callers = callers(after) if changed else {}
    for key in changed:
        was, now = _Facets(old[key], before), _Facets(new[key], after)
        pages |= {paths.flow_page(key), paths.sop_page(key), paths.flow_diagram(key)}
        involved = {paths.role_page(role) for role in (*was.letters, *now.letters)}
        if was.summary != now.summary:
            pages |= {paths.ALL_FLOWS_PAGE, paths.REVIEW_PAGE, paths.domain_page(now.domain)}
            pages.add(paths.HOME_DOMAINS_SNIPPET)
            pages |= {paths.role_page(was.owner), paths.role_page(now.owner)} | involved
            for caller, _step in (*old_callers.get(key, ()), *new_callers.get(key, ())):
                redraw.add(caller.key)
                pages |= {
                    paths.flow_page(caller.key),
                    paths.sop_page(caller.key),
                    paths.flow_diagram(caller.key),
                }
        if was.steps != now.steps:
            pages |= involved
        if was.letters != now.letters:
            pages.add(paths.domain_page(now.domain))
        if was.summary != now.summary or was.steps != now.steps or was.calls != now.calls:
            pages |= {paths.flow_page(called) for called in (*was.calls, *now.calls)}
    if changed:
        pages |= _figures_shown_elsewhere(before, after)
    return Change(frozenset(pages), frozenset(redraw))


def _figures_shown_elsewhere(before: Handbook, after: Handbook) -> set[str]:
    """The pages showing process metrics that differ: a flow's figures (times, counts)
    on its page and its domain's dashboard, a role's workload on its page and its
    domain's heat map. A duration shows up there, and in the flows that call it."""
    was, now = handbook_metrics(before, remember=False), handbook_metrics(after)
    pages: set[str] = set()
    for key, figures in now.flows.items():
        if was.flows.get(key) != figures:
            pages |= {paths.flow_page(key), paths.domain_page(key.split("/")[0])}
    for key in {*was.roles, *now.roles}:
        if was.roles.get(key) != now.roles.get(key):
            pages |= {paths.role_page(key), paths.domain_page(key.split("/")[0])}
    return pages


class _Facets:
    """The parts of a flow that other pages show, to compare two versions of it."""

    def __init__(self, flow: Flow, handbook: Handbook) -> None:
        self.domain = flow.domain
        self.owner = handbook.qualify(flow.owner, flow.domain)
        self.summary = (
            (flow.title, flow.status, self.owner, flow.version, flow.order),
            (flow.effective, flow.review),
        )
        self.letters = flow_letters(flow, handbook)
        self.steps = tuple(
            (step.id, step.name, tuple(sorted(step_letters(step, flow, handbook).items())))
            for step in flow.steps
        )
        self.calls = tuple(called.key for _step, called in calls(handbook, flow))


def _same(first: Sequence[object], second: Sequence[object]) -> bool:
    """Two sequences of model objects hold the same objects (identity, else equality)."""
    return len(first) == len(second) and all(
        left is right or left == right for left, right in zip(first, second, strict=True)
    )


__all__ = ["Change", "affected_pages"]

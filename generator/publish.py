"""Which flows a build puts in staff hands (document control, ISO 9001 7.5).

Staff see what is in force: approved flows. Drafts are left out of the staff site
(navigation, search, decks, role pages, RACI) unless the build asks for them
(``handbook build --drafts``; ``handbook serve`` shows them by default, under a
"草稿 — 未生效" banner). Retired flows leave the pages in force too, but keep a
page of their own in the archive, with a banner naming their replacement.

Everything here is a pure function of the model: the rest of the build renders
:attr:`Publication.handbook` exactly as it rendered a whole handbook before.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.model import Flow, Handbook, Revision, Status


@dataclass(frozen=True)
class Publication:
    """What one build publishes."""

    handbook: Handbook
    """The flows in force (approved; drafts too when asked), with every domain and role."""
    archived: tuple[Flow, ...]
    """Retired flows, by key: they get an archive page only."""
    everything: Handbook
    """The whole validated handbook (archive pages resolve their links in it)."""
    drafts: bool
    """Whether drafts are published."""


def in_force(flow: Flow, *, drafts: bool) -> bool:
    """Whether *flow* belongs on the staff site's pages (not the archive)."""
    return flow.status is Status.APPROVED or (drafts and flow.status is Status.DRAFT)


def publish(handbook: Handbook, *, drafts: bool) -> Publication:
    """Split a validated *handbook* into the flows in force and the archive."""
    shown = tuple(flow for flow in handbook.flows if in_force(flow, drafts=drafts))
    archived = tuple(flow for flow in handbook.flows if flow.status is Status.RETIRED)
    published = dataclasses.replace(handbook, flows=shown)
    return Publication(handbook=published, archived=archived, everything=handbook, drafts=drafts)


def replacement(flow: Flow, handbook: Handbook) -> Flow | None:
    """The flow that replaces a retired *flow*, when it names one that exists."""
    if flow.replaced_by is None:
        return None
    return handbook.flow(flow.replaced_by, flow.domain)


def current_revision(flow: Flow) -> Revision | None:
    """The newest entry of the revision record, if any."""
    return flow.history[0] if flow.history else None


def approver(flow: Flow) -> str | None:
    """Who approved the current version: the newest revision's approver, else the flow's."""
    newest = current_revision(flow)
    if newest is not None and newest.approved_by:
        return newest.approved_by
    return flow.approved_by


def superseding(flow: Flow, revision: Revision) -> Revision | None:
    """The revision right above *revision* in the record (the one that replaced it)."""
    position = flow.history.index(revision)
    return flow.history[position - 1] if position > 0 else None

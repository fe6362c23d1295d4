"""Document control on the pages: revision tables, banners, the archive and verify pages.

The flow page and the SOP card take :func:`control_context` (approver, revisions,
draft/retired banner, the review date the browser compares with its own date);
:func:`control_pages` writes what the publication adds to the site: an archive
page per retired flow (its flow page under a banner, out of search), the archive
index, and one verify page per version in each flow's history, which the QR code
of a printed card opens (``/verify/<domain>/<flow>/<version>/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from generator.model import Flow, Status
from generator.publish import Publication, approver, replacement
from generator.render import paths
from generator.render.environment import environment
from generator.render.pages import PageSettings, page_renderer
from generator.render.revisions import verify_page, version_slug

ARCHIVE_PAGE = paths.ARCHIVE_PAGE


def _href(target: str) -> Markup:
    return Markup(target)


def versions(flow: Flow) -> list[str]:
    """Every version a verify page is written for: the history's, and the current one."""
    found = [entry.version for entry in flow.history]
    if flow.version not in found:
        found.insert(0, flow.version)
    slugs: dict[str, str] = {}
    for version in found:
        slugs.setdefault(version_slug(version), version)
    return list(slugs.values())


def _verify_state(flow: Flow, version: str, words: Mapping[str, str]) -> tuple[str, str]:
    """(state word for CSS, the sentence) of one version of *flow*."""
    if flow.status is Status.RETIRED:
        return "retired", words["verify_retired"]
    if flow.status is Status.DRAFT:
        return "draft", words["verify_draft"]
    if version.strip() == flow.version.strip():
        return "current", words["verify_current"]
    newest = flow.history[0] if flow.history else None
    date = newest.date.isoformat() if newest is not None else flow.effective.isoformat()
    return "superseded", words["verify_superseded"].format(version=flow.version, date=date)


class _ControlPages:
    """Renders the pages of one publication."""

    def __init__(
        self, publication: Publication, diagrams: Mapping[str, str], settings: PageSettings
    ):
        self.publication = publication
        self.renderer = page_renderer(publication.handbook, diagrams=diagrams, settings=settings)
        self.env = environment()
        self.words = self.renderer.words

    def render(self, template: str, page: str, **context: Any) -> str:
        return self.env.get_template(template).render(t=self.renderer.t, page=page, **context)

    def verify(self, flow: Flow, version: str) -> str:
        page = verify_page(flow.key, version)
        state, sentence = _verify_state(flow, version, self.words)
        target = flow
        if flow.status is Status.RETIRED:
            successor = replacement(flow, self.publication.everything)
            if successor is not None and successor.status is not Status.RETIRED:
                target = successor
        shown = target.status is not Status.DRAFT or self.publication.drafts
        return self.render(
            "verify.md.j2",
            page,
            flow=flow,
            version=version,
            state=state,
            sentence=sentence,
            target=target,
            target_href=_href(paths.link(page, paths.flow_page(target.key))) if shown else None,
            approver=approver(flow),
            revision=next((entry for entry in flow.history if entry.version == version), None),
        )

    def archive_index(self) -> str:
        page = ARCHIVE_PAGE
        rows = []
        for flow in self.publication.archived:
            successor = replacement(flow, self.publication.everything)
            successor_href = None
            if successor is not None and successor.status is not Status.RETIRED:
                successor_href = _href(paths.link(page, paths.flow_page(successor.key)))
            rows.append(
                (
                    flow,
                    _href(paths.link(page, paths.flow_page(flow.key))),
                    successor,
                    successor_href,
                )
            )
        return self.render("archive.md.j2", page, rows=rows)


def control_pages(
    publication: Publication, *, diagrams: Mapping[str, str], settings: PageSettings
) -> dict[str, str]:
    """The pages document control adds: archived flow pages (with their standalone
    diagram, which the page links), the archive, verify pages."""
    pages = _ControlPages(publication, diagrams, settings)
    texts: dict[str, str] = {ARCHIVE_PAGE: pages.archive_index()}
    for flow in publication.archived:
        texts[paths.flow_page(flow.key)] = pages.renderer.flow_page(flow)
        texts[paths.flow_diagram(flow.key)] = pages.renderer.diagram_file(flow)
    published = [*publication.handbook.flows, *publication.archived]
    for flow in published:
        for version in versions(flow):
            texts[verify_page(flow.key, version)] = pages.verify(flow, version)
    return dict(sorted(texts.items()))

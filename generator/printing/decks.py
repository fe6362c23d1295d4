"""The printed decks as HTML documents: which decks there are and what each one holds.

A domain deck holds the SOP card of each of the domain's flows, rendered by the
very partial the card page uses (``_sop_card.html.j2``) with the very context
(:func:`generator.render.pages.page_renderer`'s ``sop_card``), so the PDF, the
card page and its print preview cannot drift apart. Each card gets a named page
(``handbook-card-N``) whose running header and footer are the card's own.

A flow deck is one flow's SOP card alone, written next to the flow page
(``<domain>/<flow>/<flow>.pdf``), so the flow page's print link gives that card.

A role deck is one role card: the role, its duties, and every step it holds in
any flow (R, A, C or I), grouped by flow, each step drawn by the same step
partial as on the SOP card (``_sop_step.html.j2``) with the role's letters.

Everything is sorted the way the pages sort it (domains in their order, flows
and roles by id), so the same sources give the same documents.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.i18n import labels
from generator.model import Domain, Flow, Handbook, Role
from generator.render.views import (
    PageSettings,
    StepView,
    display,
    domain_deck,
    environment,
    flow_deck,
    label,
    page_counter,
    page_renderer,
    paths,
    role_deck,
)

TEMPLATES = Path(__file__).parent / "templates"
"""The deck templates (the card partials themselves are the pages' own)."""

_SVG_LINK = re.compile(r"</?a\b[^>]*>")


@dataclass(frozen=True)
class Deck:
    """One PDF to print: where it goes, what it is called, how to make its HTML."""

    path: str
    """Where it is written, relative to the site folder (``print/port.pdf``)."""
    title: str
    """The PDF's title (document properties, the viewer's window)."""
    bookmark: str
    """Its bookmark in the whole-handbook deck (domain decks)."""
    document: Callable[[], str]
    """Renders the complete HTML document (called when the deck is printed)."""


@dataclass(frozen=True)
class DeckPlan:
    """Every deck of one handbook."""

    domains: tuple[Deck, ...]
    """The SOP cards of each domain, in domain order (the handbook deck joins them)."""
    flows: tuple[Deck, ...]
    """One SOP card per flow, next to its page (what the flow page's print link gives)."""
    roles: tuple[Deck, ...]
    """One role card per role."""
    handbook_title: str
    """The title of the whole-handbook deck."""
    subject: str
    """What every deck is (the PDF subject): the handbook's name for SOP cards."""


@dataclass(frozen=True)
class _Card:
    """One card of a deck: its named page, that page's margin boxes, its HTML."""

    page_name: str
    page_style: Markup
    html: Markup


@cache
def _environment() -> jinja2.Environment:
    """The pages' environment, with the deck templates first on the search path."""
    base = environment()
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), base.loader])  # type: ignore[list-item]
    return base.overlay(loader=loader)


def stylesheet() -> Markup:
    """The CSS of every deck: the site's handbook.css, then deck.css."""
    site_css = (resources.files("generator") / "assets" / "handbook.css").read_text("utf-8")
    deck_css = (TEMPLATES / "deck.css").read_text(encoding="utf-8")
    return Markup(f"{site_css}\n{deck_css}".replace("</", "<\\/"))


def html_language(language: str) -> str:
    """The ``lang`` of a deck: ``zh-CN`` picks the simplified Chinese glyphs of a CJK font."""
    return "zh-CN" if language == "zh" else language


def build_date(epoch: int) -> str:
    """The handbook's date as printed on role cards: SOURCE_DATE_EPOCH's day (UTC)."""
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date().isoformat()


class _Planner:
    """Renders the decks of one handbook."""

    def __init__(
        self,
        handbook: Handbook,
        diagrams: Mapping[str, str],
        settings: PageSettings,
        fonts: Markup,
    ):
        self.handbook = handbook
        self.fonts = fonts
        self.settings = settings
        self.renderer = page_renderer(handbook, diagrams=diagrams, settings=settings)
        self.words = labels(settings.language)
        self.t = {key: label(value) for key, value in self.words.items()}
        self.env = _environment()
        self.css = stylesheet()
        self.language = html_language(settings.language)
        self.views: dict[str, dict[str, StepView]] = {}
        self.printed_on: str | None = None
        """The print date on every SOP card: the build's date (SOURCE_DATE_EPOCH)."""

    def render(self, template: str, **context: Any) -> Markup:
        return Markup(self.env.get_template(template).render(t=self.t, **context))

    def document(self, title: str, cards: list[_Card]) -> str:
        return str(
            self.render(
                "deck.html.j2",
                language=self.language,
                title=title,
                fonts=self.fonts,
                stylesheet=self.css,
                cards=cards,
            )
        )

    def sop_card(self, flow: Flow, number: int, copy_label: str | None = None) -> _Card:
        context = self.renderer.sop_card(flow)
        context["diagram"] = Markup(_SVG_LINK.sub("", str(context["diagram"])))
        context["printed_on"] = self.printed_on
        context["copy_label"] = copy_label
        # The deck has no script: a card printed after its review date says so in print.
        context["overdue_when_printed"] = (self.printed_on or "") > flow.review.isoformat()
        page_name = f"handbook-card-{number}"
        return _Card(
            page_name=page_name,
            page_style=self.render("_sop_page.css.j2", page_name=page_name, **context),
            html=self.render("_sop_card.html.j2", page=paths.sop_page(flow.key), **context),
        )

    def copies(self, flow: Flow) -> list[str | None]:
        """One card per place of ``distribution`` ("受控副本 2/3 · 二楼工作间"), else one."""
        places = flow.distribution
        template = self.words["controlled_copy"]
        return [
            template.format(number=number, count=len(places), location=place)
            for number, place in enumerate(places, start=1)
        ] or [None]

    def domain_deck(self, domain: Domain) -> str:
        flows = self.handbook.flows_of(domain.id)
        labelled = [(flow, label) for flow in flows for label in self.copies(flow)]
        cards = [
            self.sop_card(flow, number, label)
            for number, (flow, label) in enumerate(labelled, start=1)
        ]
        return self.document(f"{domain.title} · {self.words['sop_title']}", cards)

    def flow_deck(self, flow: Flow) -> str:
        return self.document(f"{flow.title} · {self.words['sop_title']}", [self.sop_card(flow, 1)])

    def step_views(self, flow: Flow, page: str) -> dict[str, StepView]:
        """The flow's step views by step id, computed once for all role cards."""
        views = self.views.get(flow.key)
        if views is None:
            views = {view.step.id: view for view in self.renderer.step_views(flow, page)}
            self.views[flow.key] = views
        return views

    def role_card(self, role: Role, date: str) -> str:
        page = paths.role_page(role.key)
        domain = self.handbook.domain(role.domain)
        domain_title = domain.title if domain is not None else role.domain
        superior = self.handbook.role(role.reports_to, role.domain) if role.reports_to else None
        groups = []
        for found in self.renderer.involvements.get(role.key, ()):
            views = self.step_views(found.flow, page)
            flow_domain = self.handbook.domain(found.flow.domain)
            groups.append(
                {
                    "flow": found.flow,
                    "domain_title": flow_domain.title if flow_domain else found.flow.domain,
                    "status": self.renderer.status(found.flow),
                    "steps": [
                        (views[row.step.id], display(row.letters[role.key])) for row in found.rows
                    ],
                }
            )
        context: dict[str, Any] = {
            "role": role,
            "domain_title": domain_title,
            "reports_to": superior.name if superior is not None else role.reports_to,
            "date": date,
            "groups": groups,
            "header_left": domain_title,
            "header_right": f"{role.name} · {self.words['role_card']}",
            "footer_line": " · ".join((role.key, f"{self.words['handbook_date']} {date}")),
            "page_counter": page_counter(self.words["page_of"]),
        }
        card = _Card(
            page_name="handbook-card-1",
            page_style=self.render("_sop_page.css.j2", page_name="handbook-card-1", **context),
            html=self.render("role_card.html.j2", **context),
        )
        return self.document(f"{role.name} · {self.words['role_card']}", [card])


def deck_texts(handbook: Handbook, language: str) -> Iterator[str]:
    """Every text a deck of *handbook* can show: the model's strings and the labels.

    The font is cut to these characters before any deck is rendered (a superset of
    what the rendered decks hold: numbers, dates and ids are ASCII, always kept).
    """
    yield "".join(labels(language).values())
    for item in (*handbook.domains, *handbook.roles, *handbook.flows):
        yield from _strings(item)


def _strings(value: object) -> Iterator[str]:
    """Every string in a model object, its fields, lists and nested objects."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for element in value:
            yield from _strings(element)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for model_field in dataclasses.fields(value):
            if model_field.name not in ("location", "spans"):
                yield from _strings(getattr(value, model_field.name))


def plan_decks(
    handbook: Handbook,
    *,
    diagrams: Mapping[str, str],
    settings: PageSettings,
    epoch: int,
    fonts: Markup | None = None,
) -> DeckPlan:
    """Every deck of a valid *handbook*: one per domain with flows, one per flow, one per role.

    *diagrams* are the flows' SVGs (as the pages got them); *epoch* dates the role
    cards; *fonts* are the ``@font-face`` rules every document starts with
    (:mod:`generator.printing.fonts`, cut to :func:`deck_texts`). The documents
    are rendered one by one when printed (:attr:`Deck.document`), so printing
    the first ones overlaps rendering the others.
    """
    planner = _Planner(handbook, diagrams, settings, fonts or Markup())
    date = build_date(epoch)
    planner.printed_on = date
    words = planner.words
    domains = tuple(
        Deck(
            domain_deck(domain.id),
            f"{domain.title} · {words['sop_title']}",
            domain.title,
            functools.partial(planner.domain_deck, domain),
        )
        for domain in handbook.domains
        if handbook.flows_of(domain.id)
    )
    flows = tuple(
        Deck(
            flow_deck(flow.key),
            f"{flow.title} · {words['sop_title']}",
            flow.title,
            functools.partial(planner.flow_deck, flow),
        )
        for domain in handbook.domains
        for flow in handbook.flows_of(domain.id)
    )
    roles = tuple(
        Deck(
            role_deck(role.key),
            f"{role.name} · {words['role_card']}",
            f"{role.name} · {words['role_card']}",
            functools.partial(planner.role_card, role, date),
        )
        for role in handbook.roles
    )
    return DeckPlan(
        domains=domains,
        flows=flows,
        roles=roles,
        handbook_title=words["all_sop_cards"],
        subject=words["sop_title"],
    )

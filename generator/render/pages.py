"""Every generated page of the handbook as text: {path under the docs folder: Markdown}.

:func:`render_pages` is pure: it reads the model and the rendered diagrams and
returns file texts; :mod:`generator.build` writes them. Paths come from
:mod:`generator.render.paths`, words from :mod:`generator.i18n`, RACI letters
from :mod:`generator.render.raci`; templates only arrange them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import urllib.parse
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.bpmn.export import bpmn_path
from generator.diagrams import compact_key, relink
from generator.errors import HandbookError
from generator.flowgraph import FlowGraph, called_flow, callers, calls
from generator.i18n import labels
from generator.messages.localize import localized_codes
from generator.metrics import HandbookMetrics, handbook_metrics
from generator.metrics.views import domain_dashboard, flow_figures, role_workload
from generator.model import Domain, Flow, Handbook, Role, Status, Step
from generator.render import paths
from generator.render.environment import environment
from generator.render.escape import label
from generator.render.figure import (
    COMPACT_SMALLEST_LABEL_PT,
    PAGE_PORTRAIT_MM,
    SMALLEST_LABEL_PT,
    describe,
    inline_svg,
    printed_diagram,
    standalone_svg,
)
from generator.render.paged import page_counter
from generator.render.paths import domain_deck, flow_deck, role_deck
from generator.render.qr import qr_svg
from generator.render.raci import (
    Involvement,
    accountable_differs,
    display,
    flow_letters,
    flow_matrix,
    involvements,
    step_numbers,
)
from generator.render.revisions import control_context, verify_page

REVIEW_WINDOW_DAYS = 90
"""The review report lists flows due within this many days."""


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


class RenderError(HandbookError, ValueError):
    """The handbook cannot be laid out as pages (two pages would share a path)."""

    stage = "pages"


@dataclass(frozen=True)
class PageSettings:
    """What the pages need to know besides the model."""

    today: dt.date
    """The date the review report is computed for."""
    language: str = "zh"
    """The handbook language: a key of :data:`generator.i18n.LANGUAGES`."""
    site_url: str | None = None
    """The published address (mkdocs.yml ``site_url``), for the SOP card's QR code."""
    use_directory_urls: bool = True
    """MkDocs' URL style, for absolute URLs printed on SOP cards."""
    review_window_days: int = REVIEW_WINDOW_DAYS
    """How far ahead the review report looks."""
    print_decks: bool = True
    """Whether the build writes the PDF decks (domain, role and flow pages link to them)."""


@dataclass(frozen=True)
class RoleRef:
    """A role as a link target."""

    key: str
    """``domain/id``."""
    name: str
    """The display name (the reference itself when it does not resolve)."""
    href: Markup
    """The relative link from the current page."""


@dataclass(frozen=True)
class FlowRef:
    """A flow as a link target."""

    flow: Flow
    """The flow."""
    domain_title: str
    """Its domain's title."""
    href: Markup
    """The relative link from the current page."""


@dataclass(frozen=True)
class NextRef:
    """Where a step leads: a label (branch ``when``) and a step of the same flow."""

    label: str | None
    """The branch label, or ``None`` for a plain ``next``."""
    number: int
    """The target step's number."""
    name: str
    """The target step's name."""
    href: Markup
    """``#step-<id>``."""


@dataclass(frozen=True)
class StepView:
    """One step as the flow page and the SOP card show it."""

    step: Step
    """The step."""
    number: int
    """1-based number."""
    kind_label: str
    """The translated kind."""
    responsible: RoleRef | None
    """R."""
    accountable: RoleRef | None
    """A, only when it is not the doer (``None`` otherwise: R answers for the step)."""
    consulted: tuple[RoleRef, ...]
    """C."""
    informed: tuple[RoleRef, ...]
    """I."""
    duration: str | None
    """The duration in words."""
    next: tuple[NextRef, ...]
    """Following steps (one, or a decision's branches)."""
    calls: FlowRef | None
    """The called flow of a sub-flow step."""


@dataclass(frozen=True)
class MatrixRow:
    """A row of a RACI table: a linked label and one cell per column."""

    label: str
    """The row label (step or flow)."""
    number: int | None
    """The step number shown before the label (``None`` for flows)."""
    href: Markup
    """Where the label links."""
    cells: tuple[str, ...]
    """Letters per column (empty string when none)."""


@dataclass(frozen=True)
class Matrix:
    """A RACI table."""

    columns: tuple[RoleRef, ...]
    """The role columns."""
    rows: tuple[MatrixRow, ...]
    """The rows."""


def _href(target: str) -> Markup:
    """A link target made of ids (kebab-case) and path separators, as trusted Markup."""
    return Markup(urllib.parse.quote(target, safe="/#.-_~"))


class _Renderer:
    """Renders every page of one handbook; holds the indexes the pages share.

    :mod:`generator.printing` uses it too (through :func:`page_renderer`), so the
    printed decks show what the pages show.
    """

    def __init__(self, handbook: Handbook, diagrams: Mapping[str, str], settings: PageSettings):
        self.handbook = handbook
        self.diagrams = diagrams
        self.settings = settings
        self.words = labels(settings.language)
        self.t = {key: label(value) for key, value in self.words.items()}
        self.env = environment()
        self.callers = callers(handbook)
        self.domain_rank = {domain.id: rank for rank, domain in enumerate(handbook.domains)}

    @functools.cached_property
    def metrics(self) -> HandbookMetrics:
        """The figures of every flow and role (computed once, when a page first shows them)."""
        return handbook_metrics(self.handbook)

    @functools.cached_property
    def involvements(self) -> dict[str, tuple[Involvement, ...]]:
        """Steps per role across the handbook (computed when a role page is rendered)."""
        return involvements(self.handbook)

    # -- shared helpers -------------------------------------------------------------

    def render(self, template: str, page: str, **context: Any) -> str:
        return self.env.get_template(template).render(t=self.t, page=page, **context)

    def role_ref(self, reference: str, domain: str, page: str) -> RoleRef:
        key = self.handbook.qualify(reference, domain)
        role = self.handbook.role(reference, domain)
        name = role.name if role is not None else reference
        return RoleRef(key, name, _href(paths.link(page, paths.role_page(key))))

    def role_ref_by_key(self, key: str, page: str) -> RoleRef:
        return self.role_ref(key, key.partition("/")[0], page)

    def flow_ref(self, flow: Flow, page: str, anchor: str | None = None) -> FlowRef:
        domain = self.handbook.domain(flow.domain)
        title = domain.title if domain is not None else flow.domain
        return FlowRef(flow, title, _href(paths.link(page, paths.flow_page(flow.key), anchor)))

    def status(self, flow: Flow) -> str:
        return self.words[f"status.{flow.status.value}"]

    def duration(self, step: Step) -> str | None:
        if step.duration is None:
            return None
        units = {
            "d": self.words["unit.day"],
            "h": self.words["unit.hour"],
            "m": self.words["unit.minute"],
        }
        parts = []
        number = ""
        for character in step.duration.text:
            if character.isdigit():
                number += character
            else:
                parts.append(f"{int(number)} {units[character]}")
                number = ""
        return " ".join(parts) or step.duration.text

    def sorted_flows(self, flows: Sequence[Flow]) -> list[Flow]:
        return sorted(
            flows,
            key=lambda flow: (self.domain_rank.get(flow.domain, 1 << 30), flow.sort_key),
        )

    # -- flow page and SOP card ---------------------------------------------------------

    def step_views(self, flow: Flow, page: str) -> list[StepView]:
        numbers = step_numbers(flow)
        graph = FlowGraph(flow)
        views = []
        for step in flow.steps:
            next_refs = tuple(
                NextRef(
                    edge.label,
                    numbers[edge.target],
                    self._step_name(flow, edge.target),
                    _href(f"#step-{edge.target}"),
                )
                for edge in graph.outgoing(step.id)
            )
            called_by_step = called_flow(self.handbook, flow, step)
            called = None if called_by_step is None else self.flow_ref(called_by_step, page)
            views.append(
                StepView(
                    step=step,
                    number=numbers[step.id],
                    kind_label=self.words[f"kind.{step.kind.value}"],
                    responsible=self._optional_role(step.role, flow, page),
                    accountable=(
                        self._optional_role(step.accountable_role, flow, page)
                        if accountable_differs(step, flow, self.handbook)
                        else None
                    ),
                    consulted=tuple(
                        self.role_ref(ref, flow.domain, page) for ref in step.consulted
                    ),
                    informed=tuple(self.role_ref(ref, flow.domain, page) for ref in step.informed),
                    duration=self.duration(step),
                    next=next_refs,
                    calls=called,
                )
            )
        return views

    def _optional_role(self, reference: str | None, flow: Flow, page: str) -> RoleRef | None:
        return None if reference is None else self.role_ref(reference, flow.domain, page)

    @staticmethod
    def _step_name(flow: Flow, step_id: str) -> str:
        step = flow.step(step_id)
        return step.name if step is not None else step_id

    def flow_raci(self, flow: Flow, page: str) -> Matrix:
        matrix = flow_matrix(flow, self.handbook)
        columns = tuple(self.role_ref_by_key(key, page) for key in matrix.roles)
        rows = tuple(
            MatrixRow(
                row.step.name,
                row.number,
                _href(f"#step-{row.step.id}"),
                tuple(display(row.letters.get(key, ())) for key in matrix.roles),
            )
            for row in matrix.rows
        )
        return Matrix(columns, rows)

    def diagram(
        self,
        flow: Flow,
        page: str,
        *,
        described_by: str | None = None,
        legible: bool = False,
        compact: bool = False,
        never_enlarged: bool = False,
    ) -> Markup:
        """The flow's diagram inlined in *page*: relinked, with a title and ARIA (see figure).

        The swimlane, or with *compact* the compact column; *legible* and
        *never_enlarged* as :func:`~generator.render.figure.inline_svg` has them.
        """
        svg = self.diagram_svg(flow, compact=compact)
        root = paths.root_prefix(page, use_directory_urls=self.settings.use_directory_urls)
        title = self.words["diagram_compact_title" if compact else "diagram_title"]
        svg = inline_svg(
            relink(svg, root),
            title=html.escape(title.format(title=flow.title), quote=False),
            title_id=f"diagram-title-{flow.domain}-{flow.id}{'-compact' if compact else ''}",
            described_by=described_by,
            keep_legible=legible,
            smallest_pt=COMPACT_SMALLEST_LABEL_PT if compact else SMALLEST_LABEL_PT,
            never_enlarged=never_enlarged,
        )
        # Braces as character references (same text in SVG): no `{{ … }}` for a template engine.
        return Markup(svg.translate(_BRACES))

    def diagram_file(self, flow: Flow) -> str:
        """The standalone ``diagram.svg`` next to the flow page."""
        page = paths.flow_page(flow.key)
        root = paths.root_prefix(page, use_directory_urls=self.settings.use_directory_urls)
        # Braces as character references, as inline: no `{{ … }}` for a template engine.
        return standalone_svg(
            relink(self.diagram_svg(flow), root),
            title=html.escape(self.words["diagram_title"].format(title=flow.title), quote=False),
            page_href="./" if self.settings.use_directory_urls else "index.html",
        ).translate(_BRACES)

    def diagram_svg(self, flow: Flow, *, compact: bool = False) -> str:
        """The flow's rendered swimlane, or with *compact* its compact column
        (:mod:`generator.diagrams.column`)."""
        try:
            return self.diagrams[compact_key(flow.key) if compact else flow.key]
        except KeyError:
            kind = "compact diagram" if compact else "diagram"
            raise RenderError(f"no {kind} was rendered for flow '{flow.key}'") from None

    def flow_page(self, flow: Flow) -> str:
        page = paths.flow_page(flow.key)
        called_flows: dict[str, FlowRef] = {}
        for _step, called in calls(self.handbook, flow):
            called_flows.setdefault(called.key, self.flow_ref(called, page))
        called_by = [
            (self.flow_ref(caller, page, f"step-{step.id}"), step)
            for caller, step in self.callers.get(flow.key, ())
        ]
        domain = self.handbook.domain(flow.domain)
        figures = self.metrics.flows.get(flow.key)
        if figures is None:  # an archived flow (generator.publish): measured on its own
            alone = dataclasses.replace(self.handbook, flows=(flow,))
            figures = handbook_metrics(alone).flows[flow.key]
        metrics_rows, metrics_note = flow_figures(figures, flow, self.words)
        printed = printed_diagram(
            self.diagram_svg(flow),
            self.diagram_svg(flow, compact=True),
            PAGE_PORTRAIT_MM,
            PAGE_PORTRAIT_MM,
        )
        return self.render(
            "flow.md.j2",
            page,
            metrics_rows=metrics_rows,
            metrics_note=metrics_note,
            flow=flow,
            domain=domain,
            domain_href=_href(paths.link(page, paths.domain_page(flow.domain))),
            status=self.status(flow),
            owner=self.role_ref(flow.owner, flow.domain, page),
            steps=self.step_views(flow, page),
            matrix=self.flow_raci(flow, page),
            diagram=self.diagram(flow, page, described_by="diagram-text", legible=True),
            compact_diagram=self.diagram(
                flow, page, described_by="diagram-text", legible=True, compact=True
            ),
            print_compact=printed.compact,
            flow_address=self.absolute_url(page),
            description=describe(flow, self.handbook, self.words),
            landscape=printed.landscape,
            svg_href=_href(paths.DIAGRAM_FILE),
            calls=list(called_flows.values()),
            called_by=called_by,
            sop_href=_href(paths.link(page, paths.sop_page(flow.key))),
            print_href=self.print_href(page, flow_deck(flow.key)),
            bpmn_href=_href(
                paths.root_prefix(page, use_directory_urls=self.settings.use_directory_urls)
                + bpmn_path(flow.key)
            ),
            **control_context(flow, self.handbook, page),
        )

    def absolute_url(self, page: str) -> str | None:
        if not self.settings.site_url:
            return None
        base = self.settings.site_url.rstrip("/") + "/"
        return base + paths.url(page, use_directory_urls=self.settings.use_directory_urls)

    def sop_card(self, flow: Flow) -> dict[str, Any]:
        """The SOP card's template context: the card page and the printed decks share it."""
        page = paths.sop_page(flow.key)
        address = self.absolute_url(verify_page(flow.key, flow.version))
        words = self.words
        owner = self.role_ref(flow.owner, flow.domain, page)
        domain = self.handbook.domain(flow.domain)
        printed = printed_diagram(self.diagram_svg(flow), self.diagram_svg(flow, compact=True))
        footer_line = " · ".join(
            (
                flow.key,
                f"{words['version']} {flow.version}",
                f"{words['effective']} {flow.effective.isoformat()}",
                f"{words['review']} {flow.review.isoformat()}",
                f"{words['flow_owner']} {owner.name}",
            )
        )
        return {
            "flow": flow,
            "card_title": f"{flow.title} · {words['sop_title']}",
            "header_left": domain.title if domain is not None else flow.domain,
            "header_right": f"{flow.title} · {words['sop_title']}",
            "footer_line": footer_line,
            "page_counter": page_counter(words["page_of"]),
            "watermark": None if flow.status is Status.APPROVED else self.status(flow),
            "status": self.status(flow),
            "owner": owner,
            "steps": self.step_views(flow, page),
            # the compact column fills the cover page below the header, never larger than life
            "diagram": self.diagram(
                flow, page, compact=printed.compact, never_enlarged=printed.compact
            ),
            "landscape": printed.landscape,
            "compact": printed.compact,
            "flow_address": self.absolute_url(paths.flow_page(flow.key)),
            "flow_href": _href(paths.link(page, paths.flow_page(flow.key))),
            "address": address,
            "qr": qr_svg(address) if address else None,
            **control_context(flow, self.handbook, page),
        }

    def sop_page(self, flow: Flow) -> str:
        return self.render("sop.md.j2", paths.sop_page(flow.key), **self.sop_card(flow))

    def print_href(self, page: str, deck: str) -> Markup | None:
        """The link from *page* to a printed deck, or ``None`` when no decks are built.

        Raw HTML (MkDocs checks Markdown links, and a deck is no page), relative to
        the page's URL so it works wherever the site is served.
        """
        if not self.settings.print_decks:
            return None
        root = paths.root_prefix(page, use_directory_urls=self.settings.use_directory_urls)
        return _href(root + deck)

    # -- domain and role pages ----------------------------------------------------------

    def domain_page(self, domain: Domain) -> str:
        page = paths.domain_page(domain.id)
        flows = self.handbook.flows_of(domain.id)
        own_roles = self.handbook.roles_of(domain.id)
        letters = {flow.key: flow_letters(flow, self.handbook) for flow in flows}
        used = {key for held in letters.values() for key in held}
        foreign = sorted(key for key in used if not key.startswith(f"{domain.id}/"))
        columns = [role.key for role in own_roles if role.key in used] + foreign
        raci = Matrix(
            tuple(self.role_ref_by_key(key, page) for key in columns),
            tuple(
                MatrixRow(
                    flow.title,
                    None,
                    _href(paths.link(page, paths.flow_page(flow.key))),
                    tuple(display(letters[flow.key].get(key, ())) for key in columns),
                )
                for flow in flows
            ),
        )
        dashboard = domain_dashboard(
            self.handbook,
            self.metrics,
            flows,
            self.words,
            lambda flow: _href(paths.link(page, paths.flow_page(flow.key))),
            lambda key: self.role_ref_by_key(key, page).name,
        )
        return self.render(
            "domain.md.j2",
            page,
            dashboard=dashboard,
            domain=domain,
            owner=self.role_ref(domain.owner, domain.id, page),
            flows=[
                (
                    self.flow_ref(flow, page),
                    self.status(flow),
                    self.role_ref(flow.owner, flow.domain, page),
                )
                for flow in flows
            ],
            raci=raci,
            roles=[
                (
                    self.role_ref(role.id, domain.id, page),
                    role,
                    self._optional_role_in(role.reports_to, domain.id, page),
                )
                for role in own_roles
            ],
            print_href=self.print_href(page, domain_deck(domain.id)) if flows else None,
        )

    def _optional_role_in(self, reference: str | None, domain: str, page: str) -> RoleRef | None:
        return None if reference is None else self.role_ref(reference, domain, page)

    def role_page(self, role: Role) -> str:
        page = paths.role_page(role.key)
        domain = self.handbook.domain(role.domain)
        subordinates = [
            self.role_ref_by_key(other.key, page)
            for other in self.handbook.roles
            if other.reports_to is not None
            and self.handbook.qualify(other.reports_to, other.domain) == role.key
        ]
        owned = [
            self.flow_ref(flow, page)
            for flow in self.sorted_flows(self.handbook.flows)
            if self.handbook.qualify(flow.owner, flow.domain) == role.key
        ]
        groups = [
            (self.flow_ref(found.flow, page), self._involvement_rows(found, role.key, page))
            for found in self.involvements.get(role.key, ())
        ]
        workload = role_workload(
            self.handbook,
            self.metrics,
            role.key,
            self.words,
            lambda flow: _href(paths.link(page, paths.flow_page(flow.key))),
        )
        return self.render(
            "role.md.j2",
            page,
            workload=workload,
            role=role,
            domain=domain,
            domain_href=_href(paths.link(page, paths.domain_page(role.domain))),
            reports_to=self._optional_role_in(role.reports_to, role.domain, page),
            subordinates=subordinates,
            owned=owned,
            groups=groups,
            print_href=self.print_href(page, role_deck(role.key)),
        )

    def _involvement_rows(self, found: Involvement, key: str, page: str) -> list[MatrixRow]:
        target = paths.flow_page(found.flow.key)
        return [
            MatrixRow(
                row.step.name,
                row.number,
                _href(paths.link(page, target, f"step-{row.step.id}")),
                (display(row.letters[key]),),
            )
            for row in found.rows
        ]

    # -- handbook-wide pages ------------------------------------------------------------

    def all_flows_page(self) -> str:
        page = paths.ALL_FLOWS_PAGE
        return self.render(
            "all_flows.md.j2",
            page,
            flows=[
                (
                    self.flow_ref(flow, page),
                    _href(paths.link(page, paths.domain_page(flow.domain))),
                    self.status(flow),
                    self.role_ref(flow.owner, flow.domain, page),
                )
                for flow in self.sorted_flows(self.handbook.flows)
            ],
        )

    def review_page(self) -> str:
        page = paths.REVIEW_PAGE
        today = self.settings.today
        horizon = today + dt.timedelta(days=self.settings.review_window_days)
        live = [flow for flow in self.handbook.flows if flow.status is not Status.RETIRED]
        by_date = sorted(live, key=lambda flow: (flow.review, flow.key))

        def rows(flows: list[Flow], days: Any) -> list[tuple[FlowRef, RoleRef, int]]:
            return [
                (
                    self.flow_ref(flow, page),
                    self.role_ref(flow.owner, flow.domain, page),
                    days(flow),
                )
                for flow in flows
            ]

        overdue = [flow for flow in by_date if flow.review < today]
        due = [flow for flow in by_date if today <= flow.review <= horizon]
        return self.render(
            "review.md.j2",
            page,
            today=today,
            window=self.settings.review_window_days,
            overdue=rows(overdue, lambda flow: (today - flow.review).days),
            due=rows(due, lambda flow: (flow.review - today).days),
        )

    def home_domains(self) -> str:
        """The home page's snippet: every domain with its flows, linked, and the index pages."""
        page = "index.md"
        return self.render(
            "home_domains.md.j2",
            paths.HOME_DOMAINS_SNIPPET,
            domains=[
                (
                    domain,
                    _href(paths.link(page, paths.domain_page(domain.id))),
                    [self.flow_ref(flow, page) for flow in self.handbook.flows_of(domain.id)],
                )
                for domain in self.handbook.domains
            ],
            all_flows_href=_href(paths.link(page, paths.ALL_FLOWS_PAGE)),
            review_href=_href(paths.link(page, paths.REVIEW_PAGE)),
        )

    def diagnostics_page(self) -> str:
        return self.render(
            "diagnostics.md.j2",
            paths.DIAGNOSTICS_PAGE,
            codes=localized_codes(self.settings.language),
        )

    # -- everything -----------------------------------------------------------------------


def _page_list(
    handbook: Handbook, renderer: _Renderer | None = None
) -> Iterator[tuple[str, str, Callable[[], str] | None]]:
    """(path, what it is, how to render it) of every page, in a stable order.

    Without a *renderer* only paths and descriptions are produced (no indexes
    are built), which is how page clashes are found before anything renders.
    """

    def job(method: Callable[..., str], *subject: Any) -> Callable[[], str] | None:
        return None if renderer is None else partial(method, renderer, *subject)

    for domain in handbook.domains:
        yield (
            paths.domain_page(domain.id),
            f"domain '{domain.id}'",
            job(_Renderer.domain_page, domain),
        )
    for role in handbook.roles:
        yield paths.role_page(role.key), f"role '{role.key}'", job(_Renderer.role_page, role)
    for flow in handbook.flows:
        yield paths.flow_page(flow.key), f"flow '{flow.key}'", job(_Renderer.flow_page, flow)
        yield (
            paths.flow_diagram(flow.key),
            f"the diagram file of flow '{flow.key}'",
            job(_Renderer.diagram_file, flow),
        )
        yield (
            paths.sop_page(flow.key),
            f"the SOP card of flow '{flow.key}'",
            job(_Renderer.sop_page, flow),
        )
    yield paths.ALL_FLOWS_PAGE, "the all-flows page", job(_Renderer.all_flows_page)
    yield paths.REVIEW_PAGE, "the review report", job(_Renderer.review_page)
    yield paths.DIAGNOSTICS_PAGE, "the diagnostics reference", job(_Renderer.diagnostics_page)
    yield paths.HOME_DOMAINS_SNIPPET, "the home page's domain table", job(_Renderer.home_domains)


def page_paths(handbook: Handbook) -> list[str]:
    """The path of every page :func:`render_pages` writes, without rendering any.

    Raises :class:`RenderError` when two pages would share a path (a domain
    called ``all``, a flow called ``roles`` next to a role called ``sop``, ...).
    """
    if any(domain.id == paths.INDEX_FOLDER for domain in handbook.domains):
        raise RenderError(
            f"the domain id '{paths.INDEX_FOLDER}' is reserved for the handbook index pages;"
            " rename the folder"
        )
    sources: dict[str, str] = {}
    published: dict[str, str] = {}  # x/sop.md and x/sop/index.md share the URL x/sop/
    for path, source, _render in _page_list(handbook):
        address = paths.url(path)
        if path in sources or address in published:
            raise RenderError(
                f"{source} and {sources.get(path) or published[address]} would both be"
                f" published at '/{address}'; rename one"
            )
        sources[path] = source
        published[address] = source
    return sorted(sources)


def page_renderer(
    handbook: Handbook, *, diagrams: Mapping[str, str], settings: PageSettings
) -> _Renderer:
    """The renderer of *handbook*'s pages, for other outputs of the same content.

    The printed decks (:mod:`generator.printing`) take the SOP card's context from
    its ``sop_card(flow)`` and the step views of role cards from ``step_views``.
    """
    return _Renderer(handbook, diagrams, settings)


def render_pages(
    handbook: Handbook,
    *,
    diagrams: Mapping[str, str],
    settings: PageSettings,
    only: Collection[str] | None = None,
) -> dict[str, str]:
    """The generated pages of a valid handbook, by path under the docs folder.

    *diagrams* maps each flow key to its SVG (links still relative to the
    diagram root placeholder; each page relinks its copy). *only* limits the
    result to these paths (``handbook serve`` renders what a change affects, see
    :func:`affected_pages`); by default every page is rendered. Raises
    :class:`RenderError` when two pages would share a path (a domain called
    ``all``, a flow called ``roles`` next to a role called ``sop``, ...).
    """
    page_paths(handbook)
    wanted = None if only is None else set(only)
    renderer = _Renderer(handbook, diagrams, settings)
    texts = {
        path: render()
        for path, _source, render in _page_list(handbook, renderer)
        if render is not None and (wanted is None or path in wanted)
    }
    return dict(sorted(texts.items()))

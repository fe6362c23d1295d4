"""The metrics as the site shows them: rows of figures in the handbook's words, and the charts.

The page renderer (:mod:`generator.render.pages`) asks these functions for the
context of the metrics sections; the templates ``_metrics_*.md.j2`` lay it out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.metrics.charts import FlowBar, flow_bars, workload_heat_map
from generator.metrics.compute import FlowMetrics, HandbookMetrics
from generator.metrics.report import minutes_text
from generator.model import Flow, Handbook

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
"""Braces as character references: no ``{{ … }}`` from a title reaches a template engine."""


def minutes_in_words(minutes: float, words: Mapping[str, str]) -> str:
    """``1 天 2 小时 30 分钟`` / ``1 d 2 h 30 min``; ``∞`` for a loop that never ends."""
    units = (f" {words['unit.day']}", f" {words['unit.hour']}", f" {words['unit.minute']}")
    return minutes_text(minutes, units)


@dataclass(frozen=True)
class Figure:
    """One line of a metrics table."""

    label: str
    """What the figure is."""
    value: str
    """The figure, in words."""


def flow_figures(
    figures: FlowMetrics, flow: Flow, words: Mapping[str, str]
) -> tuple[tuple[Figure, ...], str | None]:
    """The rows of a flow page's metrics table, and the note on guessed probabilities."""
    names = {step.id: step.name for step in reversed(flow.steps)}
    kinds = figures.steps_by_kind

    def aside(main: object, detail: str) -> str:
        return words["metrics.aside"].format(main=main, aside=detail)

    coverage = figures.control_coverage
    rows = [
        Figure(
            words["metrics.steps"],
            aside(sum(kinds.values()), words["metrics.steps_detail"].format(**kinds)),
        ),
        Figure(words["metrics.lanes"], str(figures.lanes)),
        Figure(words["metrics.handoffs"], str(figures.handoffs)),
        Figure(words["metrics.longest_run"], str(figures.longest_run)),
        Figure(words["metrics.loops"], str(figures.loops)),
        Figure(
            words["metrics.coverage"],
            "–"
            if coverage is None
            else aside(
                f"{coverage:.0%}",
                words["metrics.coverage_detail"].format(
                    controlled=figures.controlled_tasks, tasks=figures.tasks
                ),
            ),
        ),
        Figure(
            words["metrics.critical_path"],
            minutes_in_words(figures.critical_minutes, words)
            + words["colon"]
            + " → ".join(names.get(step_id, step_id) for step_id in figures.critical_path),
        ),
        Figure(words["metrics.expected"], minutes_in_words(figures.expected_minutes, words)),
    ]
    if figures.without_duration:
        missing = words["list_separator"].join(
            names.get(step_id, step_id) for step_id in figures.without_duration
        )
        rows.append(Figure(words["metrics.no_duration"], missing))
    note = (
        words["metrics.guessed"].format(count=figures.guessed_probabilities)
        if figures.guessed_probabilities
        else None
    )
    return tuple(rows), note


@dataclass(frozen=True)
class DashboardRow:
    """One flow's line of a domain dashboard's table."""

    flow: Flow
    """The flow."""
    href: Markup
    """The link to the flow page."""
    figures: FlowMetrics
    """Its figures."""
    coverage: str
    """Control coverage in words."""
    critical: str
    """The critical path's time in words."""
    expected: str
    """The expected cycle time in words."""


@dataclass(frozen=True)
class Dashboard:
    """A domain page's metrics section."""

    rows: tuple[DashboardRow, ...]
    """One per flow."""
    bars: Markup
    """The handoffs and coverage chart (inline SVG)."""
    heat_map: Markup | None
    """The role × flow workload chart (``None`` when no role has timed work)."""


def domain_dashboard(
    handbook: Handbook,
    metrics: HandbookMetrics,
    flows: tuple[Flow, ...],
    words: Mapping[str, str],
    flow_href: Callable[[Flow], Markup],
    role_name: Callable[[str], str],
) -> Dashboard:
    """The dashboard of one domain's *flows*."""
    rows = []
    for flow in flows:
        figures = metrics.flows[flow.key]
        coverage = figures.control_coverage
        rows.append(
            DashboardRow(
                flow=flow,
                href=flow_href(flow),
                figures=figures,
                coverage="–" if coverage is None else f"{coverage:.0%}",
                critical=minutes_in_words(figures.critical_minutes, words),
                expected=minutes_in_words(figures.expected_minutes, words),
            )
        )
    bars = flow_bars(
        [
            FlowBar(row.flow.title, row.figures.handoffs, row.figures.control_coverage)
            for row in rows
        ],
        title=words["metrics.chart_flows"],
        handoffs_label=words["metrics.handoffs"],
        coverage_label=words["metrics.coverage"],
    )
    keys = {flow.key for flow in flows}
    roles = [
        load
        for load in metrics.roles.values()
        if any(key in keys and minutes > 0 for key, minutes in load.minutes_per_flow.items())
    ]
    heat_map = None
    if roles:
        table = [[load.minutes_per_flow.get(flow.key, 0.0) for flow in flows] for load in roles]
        heat_map = Markup(
            workload_heat_map(
                [role_name(load.key) for load in roles],
                [flow.title for flow in flows],
                table,
                title=words["metrics.chart_workload"],
                cell_text=[
                    [
                        "" if not value else ("∞" if math.isinf(value) else f"{value:.0f}")
                        for value in line
                    ]
                    for line in table
                ],
            ).translate(_BRACES)
        )
    return Dashboard(tuple(rows), Markup(bars.translate(_BRACES)), heat_map)


@dataclass(frozen=True)
class FlowLoad:
    """A role's expected work per run of one flow."""

    flow: Flow
    """The flow."""
    href: Markup
    """The link to it."""
    minutes: str
    """The expected minutes of the role's steps per run, in words."""


@dataclass(frozen=True)
class Workload:
    """A role page's workload section."""

    counts: str
    """How many steps the role does, answers for, is consulted on and informed of."""
    flows: tuple[FlowLoad, ...]
    """Every flow the role appears in, with its expected work per run."""


def role_workload(
    handbook: Handbook,
    metrics: HandbookMetrics,
    role_key: str,
    words: Mapping[str, str],
    flow_href: Callable[[Flow], Markup],
) -> Workload | None:
    """The workload of one role, or ``None`` when it appears in no flow."""
    load = metrics.roles.get(role_key)
    if load is None:
        return None
    counts = words["metrics.role_counts"].format(
        r=load.responsible, a=load.accountable, c=load.consulted, i=load.informed
    )
    flows = []
    for key in load.flows:
        flow = handbook.flow(key, key.partition("/")[0])
        if flow is not None:
            minutes = load.minutes_per_flow.get(key)
            shown = minutes_in_words(minutes, words) if minutes else "–"
            flows.append(FlowLoad(flow, flow_href(flow), shown))
    return Workload(counts, tuple(flows))


__all__ = [
    "Dashboard",
    "DashboardRow",
    "Figure",
    "FlowLoad",
    "Workload",
    "domain_dashboard",
    "flow_figures",
    "minutes_in_words",
    "role_workload",
]

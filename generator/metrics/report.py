"""The metrics as text for people, JSON for tools and CSV for spreadsheets (one row per flow)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from typing import Any

from generator.metrics.compute import FlowMetrics, HandbookMetrics

CSV_COLUMNS = (
    "flow",
    "tasks",
    "decisions",
    "subflows",
    "ends",
    "lanes",
    "handoffs",
    "longest_run",
    "loops",
    "controlled_tasks",
    "control_coverage",
    "steps_without_duration",
    "critical_path_minutes",
    "expected_minutes",
    "critical_path",
)
"""The CSV header, one column per figure."""


def days_hours_minutes(minutes: float) -> tuple[int, int, int]:
    """*minutes* (finite) rounded to whole minutes and split into days, hours and minutes."""
    days, rest = divmod(round(minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    return days, hours, mins


def minutes_text(minutes: float, units: tuple[str, str, str] = ("d", "h", "m")) -> str:
    """Minutes for people, e.g. ``1d 2h 30m`` (*units*: the words for day, hour, minute); ``∞``."""
    if math.isinf(minutes):
        return "∞"
    parts = [
        f"{count}{unit}"
        for count, unit in zip(days_hours_minutes(minutes), units, strict=True)
        if count
    ]
    return " ".join(parts) or f"0{units[2]}"


def _number(value: float) -> float | None:
    """A JSON-safe number: infinity (a loop that never ends) becomes ``null``."""
    return None if math.isinf(value) else round(value, 3)


def flow_record(figures: FlowMetrics) -> dict[str, Any]:
    """One flow's figures as plain data (the JSON shape)."""
    return {
        "flow": figures.key,
        "steps": dict(figures.steps_by_kind),
        "lanes": figures.lanes,
        "handoffs": figures.handoffs,
        "longest_run": figures.longest_run,
        "decisions": figures.decisions,
        "loops": figures.loops,
        "tasks": figures.tasks,
        "controlled_tasks": figures.controlled_tasks,
        "control_coverage": (
            None if figures.control_coverage is None else round(figures.control_coverage, 3)
        ),
        "steps_without_duration": list(figures.without_duration),
        "critical_path": {
            "steps": list(figures.critical_path),
            "minutes": _number(figures.critical_minutes),
        },
        "expected_minutes": _number(figures.expected_minutes),
        "endless_loops": [list(loop) for loop in figures.endless],
        "decisions_without_probabilities": figures.guessed_probabilities,
    }


def format_json(metrics: HandbookMetrics) -> str:
    """Every flow's and role's figures as one JSON document."""
    document = {
        "version": 1,
        "flows": [flow_record(figures) for figures in metrics.flows.values()],
        "roles": [
            {
                "role": load.key,
                "responsible": load.responsible,
                "accountable": load.accountable,
                "consulted": load.consulted,
                "informed": load.informed,
                "expected_minutes_per_run": {
                    flow: _number(minutes) for flow, minutes in load.minutes_per_flow.items()
                },
                "flows": list(load.flows),
            }
            for load in metrics.roles.values()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_csv(metrics: HandbookMetrics) -> str:
    """One row per flow under :data:`CSV_COLUMNS` (opens in any spreadsheet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for figures in metrics.flows.values():
        kinds = figures.steps_by_kind
        coverage = figures.control_coverage
        writer.writerow(
            (
                figures.key,
                kinds["task"],
                kinds["decision"],
                kinds["subflow"],
                kinds["end"],
                figures.lanes,
                figures.handoffs,
                figures.longest_run,
                figures.loops,
                figures.controlled_tasks,
                "" if coverage is None else f"{coverage:.3f}",
                len(figures.without_duration),
                f"{figures.critical_minutes:g}",
                "inf" if math.isinf(figures.expected_minutes) else f"{figures.expected_minutes:g}",
                " ".join(figures.critical_path),
            )
        )
    return buffer.getvalue()


def format_text(metrics: HandbookMetrics) -> str:
    """A table a person reads in a terminal: one line per flow, then the roles' load."""
    header = (
        f"{'flow':<36} {'steps':>5} {'lanes':>5} {'handoffs':>8} {'loops':>5} "
        f"{'controls':>9} {'critical':>12} {'expected':>12}"
    )
    lines = [header, "-" * len(header)]
    for figures in metrics.flows.values():
        coverage = (
            "-"
            if figures.control_coverage is None
            else f"{figures.controlled_tasks}/{figures.tasks}"
        )
        lines.append(
            f"{figures.key:<36} {sum(figures.steps_by_kind.values()):>5} {figures.lanes:>5} "
            f"{figures.handoffs:>8} {figures.loops:>5} {coverage:>9} "
            f"{minutes_text(figures.critical_minutes):>12} "
            f"{minutes_text(figures.expected_minutes):>12}"
        )
    lines += ["", f"{'role':<36} {'R':>4} {'A':>4} {'C':>4} {'I':>4} {'flows':>5}"]
    for load in metrics.roles.values():
        lines.append(
            f"{load.key:<36} {load.responsible:>4} {load.accountable:>4} {load.consulted:>4} "
            f"{load.informed:>4} {len(load.flows):>5}"
        )
    return "\n".join(lines) + "\n"


FORMATTERS: dict[str, Callable[[HandbookMetrics], str]] = {
    "text": format_text,
    "json": format_json,
    "csv": format_csv,
}
"""Output formats of ``handbook metrics``, by ``--format`` name."""


__all__ = ["CSV_COLUMNS", "FORMATTERS", "flow_record", "minutes_text"]

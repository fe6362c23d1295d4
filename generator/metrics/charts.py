"""Static SVG charts for the domain dashboards, made at build time (no JavaScript to see them).

Two charts a domain page shows under its metrics:

* :func:`flow_bars`: per flow, a bar of handoffs and a bar of control coverage,
  each with its figure written at the bar's end (so colour and length are
  never the only cue, and the chart reads the same in black-and-white print);
* :func:`workload_heat_map`: roles × flows, each cell shaded by the role's
  expected minutes per run of the flow, with the minutes written in the cell.

Every text is escaped for XML; the charts carry ``role="img"``, a ``<title>``
and a ``<desc>``, and the page shows the same figures in a table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
"""The charts' font stack (the handbook's CJK font first)."""
FONT_SIZE = 13
"""Label size in px: readable on screen and in print."""
INK = "#1f2933"
"""Text colour (contrast above 12:1 on white)."""
HANDOFF_FILL = "#3f51b5"
"""The handoff bars (indigo, the theme's primary colour)."""
COVERAGE_FILL = "#2e7d32"
"""The control-coverage bars."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of *text*'s width in px: CJK characters are square, others about half."""
    wide = sum(1 for character in text if unicodedata.east_asian_width(character) in "WF")
    return wide * size + (len(text) - wide) * size * 0.6


def _clip(text: str, width: float) -> str:
    """*text* shortened with an ellipsis to fit *width* px."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class FlowBar:
    """One flow's row of the bar chart."""

    title: str
    """The flow's title."""
    handoffs: int
    """Its handoffs."""
    coverage: float | None
    """Its control coverage (0–1), ``None`` when it has no task."""


def _svg(width: float, height: float, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="handbook-chart" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family={quoteattr(FONT)} font-size="{FONT_SIZE}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )


def flow_bars(
    rows: Sequence[FlowBar], *, title: str, handoffs_label: str, coverage_label: str
) -> str:
    """Handoffs and control coverage per flow, side by side, one row per flow."""
    label_width = min(220.0, max((text_width(row.title) for row in rows), default=80.0) + 12)
    panel = 200.0
    gap = 70.0
    row_height = 24.0
    top = 28.0
    width = label_width + 2 * panel + gap + 40
    height = top + row_height * len(rows) + 8
    most = max((row.handoffs for row in rows), default=0) or 1
    body = [
        f'<text x="{label_width:.0f}" y="16" fill="{INK}" font-weight="bold">'
        f"{escape(handoffs_label)}</text>",
        f'<text x="{label_width + panel + gap:.0f}" y="16" fill="{INK}" font-weight="bold">'
        f"{escape(coverage_label)}</text>",
    ]
    described = []
    for index, row in enumerate(rows):
        y = top + index * row_height
        middle = y + row_height / 2 + 4
        body.append(
            f'<text x="{label_width - 8:.0f}" y="{middle:.0f}" fill="{INK}" text-anchor="end">'
            f"{escape(_clip(row.title, label_width - 12))}</text>"
        )
        bar = panel * row.handoffs / most
        body.append(
            f'<rect x="{label_width:.0f}" y="{y + 4:.0f}" width="{bar:.1f}" '
            f'height="{row_height - 8:.0f}" fill="{HANDOFF_FILL}"/>'
            f'<text x="{label_width + bar + 4:.1f}" y="{middle:.0f}" fill="{INK}">'
            f"{row.handoffs}</text>"
        )
        left = label_width + panel + gap
        if row.coverage is None:
            shown = "–"
            bar = 0.0
        else:
            shown = f"{row.coverage:.0%}"
            bar = panel * row.coverage
        body.append(
            f'<rect x="{left:.0f}" y="{y + 4:.0f}" width="{panel:.0f}" '
            f'height="{row_height - 8:.0f}" fill="none" stroke="#9aa5b1"/>'
            f'<rect x="{left:.0f}" y="{y + 4:.0f}" width="{bar:.1f}" '
            f'height="{row_height - 8:.0f}" fill="{COVERAGE_FILL}"/>'
            f'<text x="{left + panel + 4:.0f}" y="{middle:.0f}" fill="{INK}">{shown}</text>'
        )
        described.append(f"{row.title}: {handoffs_label} {row.handoffs}, {coverage_label} {shown}")
    return _svg(width, height, title, "; ".join(described), body)


def _shade(share: float) -> tuple[str, str]:
    """Cell fill for a share 0–1 of the largest value, and a text colour that stays readable."""
    if share <= 0:
        return "#ffffff", INK
    light = (232, 234, 246)
    dark = (40, 53, 147)
    mixed = tuple(round(a + (b - a) * share) for a, b in zip(light, dark, strict=True))
    fill = "#{:02x}{:02x}{:02x}".format(*mixed)
    return fill, ("#ffffff" if share > 0.45 else INK)


def workload_heat_map(
    roles: Sequence[str],
    flows: Sequence[str],
    minutes: Sequence[Sequence[float]],
    *,
    title: str,
    cell_text: Sequence[Sequence[str]],
) -> str:
    """Roles (rows) × flows (columns), shaded by expected minutes, the figure in each cell."""
    label_width = min(200.0, max((text_width(role) for role in roles), default=60.0) + 12)
    cell_width = 64.0
    cell_height = 26.0
    header = min(160.0, max((text_width(flow) for flow in flows), default=40.0) * 0.75 + 16)
    width = label_width + cell_width * len(flows) + 8
    height = header + cell_height * len(roles) + 8
    most = max((value for row in minutes for value in row), default=0.0) or 1.0
    body = []
    for column, flow in enumerate(flows):
        x = label_width + column * cell_width + cell_width / 2
        body.append(
            f'<text transform="translate({x:.0f},{header - 6:.0f}) rotate(-40)" fill="{INK}">'
            f"{escape(_clip(flow, header * 1.25))}</text>"
        )
    described = []
    for row_index, role in enumerate(roles):
        y = header + row_index * cell_height
        body.append(
            f'<text x="{label_width - 8:.0f}" y="{y + cell_height / 2 + 4:.0f}" fill="{INK}" '
            f'text-anchor="end">{escape(_clip(role, label_width - 12))}</text>'
        )
        for column, value in enumerate(minutes[row_index]):
            x = label_width + column * cell_width
            fill, ink = _shade(value / most)
            shown = cell_text[row_index][column]
            body.append(
                f'<rect x="{x:.0f}" y="{y:.0f}" width="{cell_width:.0f}" '
                f'height="{cell_height:.0f}" fill="{fill}" stroke="#c5cae9"/>'
            )
            if shown:
                body.append(
                    f'<text x="{x + cell_width / 2:.0f}" y="{y + cell_height / 2 + 4:.0f}" '
                    f'fill="{ink}" text-anchor="middle" font-size="11">{escape(shown)}</text>'
                )
                described.append(f"{role} × {flows[column]}: {shown}")
    return _svg(width, height, title, "; ".join(described), body)


__all__ = ["FlowBar", "flow_bars", "text_width", "workload_heat_map"]

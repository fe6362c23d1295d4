"""Process metrics: handoffs, control coverage, critical path, expected cycle time, role load.

:func:`handbook_metrics` computes them once per handbook; :mod:`.checks` turns
them into design warnings (W5xx), :mod:`.report` into text, JSON and CSV,
:mod:`.charts` into the domain dashboards' SVG charts.
"""

from generator.metrics.compute import FlowMetrics, HandbookMetrics, RoleLoad, handbook_metrics

__all__ = ["FlowMetrics", "HandbookMetrics", "RoleLoad", "handbook_metrics"]

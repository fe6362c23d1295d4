"""How much do process metrics add to validation? (target: 1,000 flows in at most 0.3 s more)

Writes synthetic flows (``bench.synth``: fifteen steps, a decision that loops
back, durations and controls) into a temporary folder, then times, in this
process and best of ``--repeat``:

a. load + validate (:func:`generator.check.check_flows` without design checks): the floor;
b. the metrics of every flow and role (:func:`generator.metrics.handbook_metrics`),
   computed afresh, and again for the same flow objects (as ``handbook serve`` does);
c. the design checks over them (W5xx, every rule switched on);
d. a + b + c as ``check_flows(design=...)`` runs them.

It prints, it does not assert. Run from the repository root::

    python -m bench.bench_metrics            # 1,000 flows
    python -m bench.bench_metrics --count 3000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.synth import write_synthetic_flows
from generator.check import check_flows
from generator.metrics import HandbookMetrics, handbook_metrics
from generator.metrics.checks import design_checks
from generator.metrics.compute import forget_figures
from generator.metrics.config import MetricsConfig
from generator.model import Handbook

TARGET_SECONDS = 0.3
"""What metrics and checks may add to validation for 1,000 flows."""

EVERY_RULE = MetricsConfig(
    max_handoffs=10,
    max_role_share=0.8,
    max_loop_visits=10,
    only_consulted=True,
    decision_controls=True,
)


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _first_computation(handbook: Handbook) -> HandbookMetrics:
    """The metrics computed afresh (nothing remembered from an earlier call)."""
    forget_figures()
    return handbook_metrics(handbook)


def _check_afresh(flows: Path, today: dt.date) -> object:
    """Load, validate, and compute metrics and every design check, nothing remembered."""
    forget_figures()
    return check_flows(flows, today=today, design=EVERY_RULE)


def main(argv: list[str] | None = None) -> int:
    """Generate the tree, time each figure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1000, help="number of flows (1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (3)")
    arguments = parser.parse_args(argv)
    today = dt.date(2026, 11, 27)

    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary:
        root = Path(temporary)
        write_synthetic_flows(root, arguments.count)
        flows = root / "flows"
        result = check_flows(flows, today=today)
        handbook = result.handbook
        validate = _best_of(arguments.repeat, lambda: check_flows(flows, today=today))
        metrics = _best_of(arguments.repeat, lambda: _first_computation(handbook))
        reused = _best_of(arguments.repeat, lambda: handbook_metrics(handbook))
        figures = handbook_metrics(handbook)
        checks = _best_of(
            arguments.repeat, lambda: list(design_checks(handbook, figures, EVERY_RULE))
        )
        whole = _best_of(arguments.repeat, lambda: _check_afresh(flows, today))

    added = metrics + checks
    print(f"{arguments.count} flows, best of {arguments.repeat}")
    print(f"{'a. load + validate (floor)':<44}{validate * 1000:8.0f} ms")
    print(f"{'b. metrics of every flow and role':<44}{metrics * 1000:8.0f} ms")
    print(f"{'   again, same flow objects (serve)':<44}{reused * 1000:8.0f} ms")
    print(f"{'c. design checks, every rule on':<44}{checks * 1000:8.0f} ms")
    print(f"{'d. check_flows(design=...) (a + b + c)':<44}{whole * 1000:8.0f} ms")
    verdict = "within" if added * 1000 / arguments.count <= TARGET_SECONDS else "OVER"
    print(
        f"metrics + checks add {added * 1000:.0f} ms ({added / validate:.2f}x the floor a, "
        f"{added / arguments.count * 1e6:.0f} µs per flow): {verdict} the "
        f"{TARGET_SECONDS:.1f} s target per 1,000 flows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``handbook metrics [FLOWS] [--format F] [--flow KEY ...]``: the figures of each flow."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

EXIT_OK = 0
EXIT_PROBLEMS = 1


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``metrics`` subcommand to the command line."""
    parser = commands.add_parser(
        "metrics", help="handoffs, control coverage, critical path and cycle time of each flow"
    )
    parser.add_argument("path", nargs="?", default="flows", help="flows folder (default: flows)")
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    parser.add_argument(
        "--flow",
        action="append",
        default=[],
        metavar="DOMAIN/FLOW",
        help="only this flow (repeatable); default: every flow",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Validate the flows, then print their metrics; 1 when the flows have errors."""
    from generator.check import check_flows
    from generator.metrics.compute import HandbookMetrics, handbook_metrics
    from generator.metrics.report import FORMATTERS
    from generator.options import options_from_args
    from generator.reporters import format_text, summary_line

    options = options_from_args(args)
    result = check_flows(
        options.flows, today=options.review_date(), display_root=options.flows_display
    )
    if result.errors:
        out.write(format_text(result.diagnostics, options.language))
        err.write(summary_line(result.diagnostics, options.flows_display, options.language) + "\n")
        err.write("handbook metrics: the flows have errors; fix them first\n")
        return EXIT_PROBLEMS
    metrics = handbook_metrics(result.handbook)
    if args.flow:
        unknown = [key for key in args.flow if key not in metrics.flows]
        if unknown:
            err.write(f"handbook metrics: no flow '{unknown[0]}' (write DOMAIN/FLOW)\n")
            return EXIT_PROBLEMS
        wanted = set(args.flow)
        metrics = HandbookMetrics(
            flows={key: value for key, value in metrics.flows.items() if key in wanted},
            roles={
                key: load
                for key, load in metrics.roles.items()
                if any(flow in wanted for flow in load.flows)
            },
        )
    out.write(FORMATTERS[args.format](metrics))
    return EXIT_OK

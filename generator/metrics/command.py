"""``handbook metrics [FLOWS] [--format F] [--flow KEY ...]``: the figures of each flow."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TextIO

EXIT_OK = 0
EXIT_PROBLEMS = 1


def add_parser(
    commands: argparse._SubParsersAction[Any], words: Callable[[str], str] = str
) -> argparse.ArgumentParser:
    """Add the ``metrics`` subcommand to the command line; *words* translates its help."""
    about = words("handoffs, control coverage, critical path and cycle time of each flow")
    parser: argparse.ArgumentParser = commands.add_parser(
        "metrics", help=about, description=about, add_help=False
    )
    parser.add_argument(
        "path", nargs="?", default="flows", help=words("flows folder (default: flows)")
    )
    parser.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help=words("output format")
    )
    parser.add_argument(
        "--flow",
        action="append",
        default=[],
        metavar="DOMAIN/FLOW",
        help=words("only this flow (repeatable); default: every flow"),
    )
    return parser


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Validate the flows, then print their metrics; 1 when the flows have errors."""
    from generator.check import check_flows
    from generator.messages.localize import say
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
        fix = say("the flows have errors; fix them first", options.language)
        err.write(f"handbook metrics: {fix}\n")
        return EXIT_PROBLEMS
    metrics = handbook_metrics(result.handbook)
    if args.flow:
        unknown = [key for key in args.flow if key not in metrics.flows]
        if unknown:
            missing = say("no flow '{key}' (write DOMAIN/FLOW)", options.language, key=unknown[0])
            err.write(f"handbook metrics: {missing}\n")
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

"""``handbook build`` and ``handbook serve``: the CLI side (output, exit codes) of the pipeline.

The heavy modules (MkDocs, Jinja, Graphviz runner) are imported here, not in
:mod:`generator.cli`, so that ``handbook validate`` starts fast.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

from generator.build import BuildReport, build_site
from generator.errors import EXIT_FAILED, InvalidFlowsError
from generator.messages.localize import say
from generator.options import Options
from generator.progress import Progress, progress_wanted
from generator.reporters import format_text, summary_line

EXIT_OK = 0
EXIT_INTERRUPTED = 130
"""Ctrl+C (SIGINT): 128 + 2, as shells report it."""
EXIT_TERMINATED = 143
"""SIGTERM: 128 + 15."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so the same clean-up runs (no half-built site is left)."""


def _raise_terminated(_signum: int, _frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` for a block (main thread only, as Python allows)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _report_invalid(error: InvalidFlowsError, options: Options, out: TextIO, err: TextIO) -> int:
    diagnostics = error.result.diagnostics
    out.write(format_text(diagnostics, options.language))
    err.write(summary_line(diagnostics, options.flows_display, options.language) + "\n")
    nothing = say("the flows have problems; nothing was built", options.language)
    err.write(f"handbook: {nothing}\n")
    return EXIT_FAILED


def _report_built(report: BuildReport, out: TextIO, err: TextIO, language: str) -> None:
    out.write(format_text(report.check.diagnostics, language))
    generated = report.generated
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings.items())
    built = say(
        "built {site} ({flows} flows; {rendered} diagrams rendered, {cached} cached; {stages})",
        language,
        site=report.site_dir,
        flows=len(report.check.handbook.flows),
        rendered=generated.diagrams_rendered,
        cached=generated.diagrams_cached,
        stages=stages,
    )
    err.write(f"handbook: {built}\n")


def _progress(options: Options, err: TextIO) -> Progress:
    """Stage lines on a terminal, not in CI, not with ``--quiet`` (:mod:`generator.progress`)."""
    return Progress(err, options.language, enabled=progress_wanted(err, quiet=options.quiet))


def run_build(options: Options, out: TextIO, err: TextIO) -> int:
    """Validate, generate and build the site; 1 with one clear line when anything fails.

    A :class:`~generator.errors.HandbookError` other than invalid flows reaches
    :func:`generator.cli.main`, which prints it.
    """
    try:
        with _sigterm_as_interrupt():
            report = build_site(options, progress=_progress(options, err))
    except InvalidFlowsError as error:
        return _report_invalid(error, options, out, err)
    except KeyboardInterrupt as interrupt:
        terminated = isinstance(interrupt, Terminated)
        reason = say("terminated" if terminated else "interrupted", options.language)
        kept = say("the site folder holds the last complete build", options.language)
        err.write(f"handbook build: {reason}; {kept}\n")
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    _report_built(report, out, err, options.language)
    return EXIT_OK


def run_serve(options: Options, out: TextIO, err: TextIO) -> int:
    """Build, then serve with live reload until Ctrl+C."""
    from generator.serve import serve

    try:
        serve(options, err=err)
    except InvalidFlowsError as error:
        return _report_invalid(error, options, out, err)
    except KeyboardInterrupt:
        err.write(f"handbook serve: {say('stopped', options.language)}\n")
    return EXIT_OK

"""Load and validate a `flows/` tree in one call: the first stage of every command."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, Severity, sorted_diagnostics
from generator.loader import FileCache, load_handbook
from generator.metrics.config import MetricsConfig
from generator.model import Handbook
from generator.options import Options
from generator.validate import validate


@dataclass(frozen=True)
class CheckResult:
    """The loaded handbook and every diagnostic about it, sorted by location."""

    handbook: Handbook
    """What could be loaded (only render it when :attr:`ok`)."""
    diagnostics: tuple[Diagnostic, ...]
    """Loader and validator diagnostics, sorted, without ignored codes."""
    strict: bool = False
    """Whether warnings count as failures."""

    @property
    def errors(self) -> int:
        """How many diagnostics are errors."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """No errors (and, when strict, no warnings either)."""
        return not self.diagnostics if self.strict else self.errors == 0


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the model is built.

    Loading allocates a few hundred thousand short-lived YAML nodes next to a model
    that only grows; the collector then rescans the whole heap again and again
    (measured: 30% of load time for 1,000 flows). Nothing built here needs it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_flows(
    root: Path,
    *,
    today: dt.date,
    display_root: str | None = None,
    ignore: Collection[str] = (),
    strict: bool = False,
    cache: FileCache | None = None,
    design: MetricsConfig | None = None,
) -> CheckResult:
    """Load *root* and, when the files could be read, validate the model.

    *design* runs the process-design checks (W5xx, :mod:`generator.metrics.checks`)
    with those thresholds when the flows have no errors; their figures mean
    nothing for a broken flow. *cache* reuses files read by earlier calls
    (``handbook serve``). Raises :class:`generator.loader.FlowsRootError` when
    *root* is not a folder.
    """
    with _collector_paused():
        handbook, diagnostics = load_handbook(root, display_root, cache)
        diagnostics = [*diagnostics, *validate(handbook, today=today)]
        if design is not None and not any(d.severity is Severity.ERROR for d in diagnostics):
            from generator.metrics import handbook_metrics
            from generator.metrics.checks import design_checks

            figures = handbook_metrics(handbook)
            diagnostics.extend(design_checks(handbook, figures, design))
    kept = [d for d in sorted_diagnostics(diagnostics) if d.code not in ignore]
    return CheckResult(handbook, tuple(kept), strict)


def check(options: Options, *, cache: FileCache | None = None) -> CheckResult:
    """Load and validate the flows *options* name, judged as *options* ask (the commands' call).

    The process-design checks (W5xx) run with the thresholds of the project's
    mkdocs.yml (``extra.handbook.metrics``); a bad threshold is a
    :class:`~generator.metrics.config.MetricsConfigError`.
    """
    from generator.metrics.config import read_metrics_config

    return check_flows(
        options.flows,
        today=options.review_date(),
        display_root=options.display_root,
        ignore=options.ignore,
        strict=options.strict,
        cache=cache,
        design=read_metrics_config(options.config_file or options.project_root / "mkdocs.yml"),
    )

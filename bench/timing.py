"""What the build benchmarks share: the child environment and CPU accounting."""

from __future__ import annotations

import os
import resource
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
"""The repository root."""


def environment() -> dict[str, str]:
    """The environment of a child process: this checkout first on ``PYTHONPATH``."""
    variables = dict(os.environ)
    variables["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY), *filter(None, [variables.get("PYTHONPATH")])]
    )
    variables.setdefault("NO_MKDOCS_2_WARNING", "1")
    return variables


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

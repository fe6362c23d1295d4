"""The thresholds of the design checks, from ``extra.handbook.metrics`` in mkdocs.yml.

```yaml
extra:
  handbook:
    metrics:
      max_handoffs: 12          # W506 above this many handoffs in a flow (default: off)
      max_role_share: 0.8       # W503 when one role does more than this share (default: off)
      max_loop_visits: 10       # W505 when a loop's steps repeat this often per run (default 10)
      only_consulted: true      # W501 for roles that are only ever C or I (default: off)
      decision_controls: true   # W504 for decision paths without a control (default: off)
```

Rules that are a matter of taste are off until a handbook sets them: external
parties are rightly only consulted or informed (W501), one post may rightly do a
whole flow (W503), not every branch needs its own control (W504: 40 branches of
the bundled flows, most of them a closing step), and how many handoffs are too
many depends on the trade (W506). Two are on: a step that lists its own doer as
consulted or informed (W502) and a loop that a run hardly ever leaves (W505)
are mistakes in any trade. ``null`` or ``false`` turns a rule off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import HandbookError
from generator.site.config import TolerantLoader


class MetricsConfigError(HandbookError):
    """A threshold under ``extra.handbook.metrics`` has the wrong type or range."""

    stage = "config"


@dataclass(frozen=True)
class MetricsConfig:
    """Which design checks run, and their thresholds."""

    max_handoffs: int | None = None
    """W506 above this many handoffs in one flow; ``None``: off."""
    max_role_share: float | None = None
    """W503 when one role does more than this share (0–1) of a flow's steps; ``None``: off."""
    max_loop_visits: float | None = 10.0
    """W505 when a step of a loop is visited this often per run, on average; ``None``: off."""
    only_consulted: bool = False
    """W501 for roles that appear only as consulted or informed."""
    decision_controls: bool = False
    """W504 for a decision path on which no step has a control point."""


_NUMBERS = {"max_handoffs": int, "max_role_share": float, "max_loop_visits": float}
_SWITCHES = ("only_consulted", "decision_controls")


def metrics_config(settings: Any) -> MetricsConfig:
    """The configuration from the mapping under ``extra.handbook.metrics`` (or ``None``)."""
    if settings is None:
        return MetricsConfig()
    if not isinstance(settings, dict):
        raise MetricsConfigError("extra.handbook.metrics must be a mapping of thresholds")
    values: dict[str, Any] = {}
    for name, value in settings.items():
        if name in _NUMBERS:
            if value is None or value is False:
                values[name] = None
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise MetricsConfigError(
                    f"extra.handbook.metrics.{name} must be a number of at least 0, not {value!r}"
                )
            if name == "max_role_share" and value > 1:
                raise MetricsConfigError(
                    f"extra.handbook.metrics.max_role_share is a share from 0 to 1, not {value!r}"
                )
            values[name] = _NUMBERS[name](value)
        elif name in _SWITCHES:
            if not isinstance(value, bool):
                raise MetricsConfigError(
                    f"extra.handbook.metrics.{name} must be true or false, not {value!r}"
                )
            values[name] = value
        else:
            known = ", ".join([*_NUMBERS, *_SWITCHES])
            raise MetricsConfigError(
                f"unknown setting extra.handbook.metrics.{name} (known: {known})"
            )
    return MetricsConfig(**values)


def read_metrics_config(config_file: Path) -> MetricsConfig:
    """The configuration in *config_file* (mkdocs.yml); defaults when it has none or is absent.

    Raises :class:`MetricsConfigError` for a threshold of the wrong type or range
    (an unreadable mkdocs.yml is the build's business, not the validator's).
    """
    try:
        text = config_file.read_text(encoding="utf-8-sig")
        settings = yaml.load(text, Loader=TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return MetricsConfig()
    extra = settings.get("extra") if isinstance(settings, dict) else None
    handbook = extra.get("handbook") if isinstance(extra, dict) else None
    return metrics_config(handbook.get("metrics") if isinstance(handbook, dict) else None)


__all__ = ["MetricsConfig", "MetricsConfigError", "metrics_config", "read_metrics_config"]

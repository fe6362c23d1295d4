"""YAML 1.1 traps through the real loader: the model keeps the text the author wrote.

Uses the acceptance-test case folders, so the files checked here are the same
ones `handbook validate` reports as clean in tests/test_cases.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.loader import load_handbook
from generator.model import Flow
from generator.validate import validate

CASES_DIR = Path(__file__).parent / "cases"
TODAY = dt.date(2026, 11, 27)


def load_flow(case: str) -> Flow:
    """The one flow of a case, loaded and validated without any diagnostic."""
    handbook, diagnostics = load_handbook(CASES_DIR / case / "flows", "flows")
    assert diagnostics == []
    assert validate(handbook, today=TODAY) == []
    found = handbook.flow("vessel-berthing", "port")
    assert found is not None
    return found


def test_yaml11_booleans_times_and_octals_stay_text() -> None:
    flow = load_flow("yaml11-text-values-valid")
    assert flow.version == "1.10"
    assert flow.tags == ("no", "yes", "on", "off", "10:30", "0777")
    assert flow.trigger == "10:30"
    assert flow.outcome == "yes"
    plan, berth, done = flow.steps
    assert plan.name == "on"
    assert plan.checklist == ("no", "10:30", "1.10", "0777")
    assert plan.inputs == ("yes", "off")
    assert berth.control == "no"
    assert done.name == "1.10"


def test_unquoted_version_keeps_its_trailing_zero() -> None:
    assert load_flow("version-unquoted-valid").version == "1.10"


def test_byte_order_mark_is_accepted_and_not_part_of_the_text() -> None:
    flow = load_flow("encoding-utf8-bom-valid")
    assert flow.title == "船舶靠泊"
    assert flow.location.line == 1
    assert flow.where("title").column == 8

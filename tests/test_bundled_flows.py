"""The bundled handbook content under flows/: complete, approved and clean under --strict.

The YAML-level checks read the files with ``yaml.safe_load`` directly, so they hold
even when the generator is broken; the first test runs the real validator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

FLOWS = Path(__file__).resolve().parent.parent / "flows"

# Every domain of the seed document, with at least these flows (ids = file names).
EXPECTED_FLOWS: dict[str, set[str]] = {
    "hotel": {
        "linen-and-uniform",
        "monthly-inventory",
        "checkout-inspection",
        "room-cleaning",
        "shift-handover",
    },
    "sales": {"customer-contact"},
    "service": {
        "business-service-process",
        "standard-service-process",
        "basic-service-process",
        "bpm-service",
    },
    "port": {"berthing", "unberthing", "container-import", "container-export"},
    "bank": {"open-door-welcome", "consultation", "reception", "product-marketing"},
    "itsm": {
        "requirements-analysis",
        "service-design",
        "service-delivery",
        "problem-management",
        "change-management",
        "service-evaluation",
    },
    "funeral": {
        "funeral-service",
        "preparation",
        "reception",
        "body-handling",
        "farewell-ceremony",
    },
}

SPECIAL_FILES = {"domain.yaml", "roles.yaml"}
METADATA_KEYS = (
    "title",
    "summary",
    "owner",
    "version",
    "effective",
    "review",
    "trigger",
    "outcome",
)


def flow_files() -> list[Path]:
    """All flow definition files of the bundled content, sorted."""
    return sorted(path for path in FLOWS.glob("*/*.yaml") if path.name not in SPECIAL_FILES)


def load(path: Path) -> Any:
    """The YAML document at *path*, read the plain way."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# Judge overdue reviews (W401) as of the day the bundled content was last reviewed, so the
# suite does not start failing on a calendar date; bump it when the content is reviewed.
CONTENT_REVIEWED_ON = "2026-11-27"


def test_bundled_flows_validate_strict(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    code = main(["validate", "--strict", "--today", CONTENT_REVIEWED_ON, str(FLOWS)])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err


@pytest.mark.parametrize("domain", sorted(EXPECTED_FLOWS))
def test_domain_present_with_its_flows(domain: str) -> None:
    folder = FLOWS / domain
    assert (folder / "domain.yaml").is_file()
    assert (folder / "roles.yaml").is_file()
    present = {path.stem for path in folder.glob("*.yaml") if path.name not in SPECIAL_FILES}
    missing = EXPECTED_FLOWS[domain] - present
    assert not missing, f"{domain} lacks flows: {sorted(missing)}"


@pytest.mark.parametrize("path", flow_files(), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_flow_is_approved_and_every_task_has_a_checklist(path: Path) -> None:
    flow = load(path)
    assert flow["status"] == "approved"
    for step in flow["steps"]:
        if step.get("kind", "task") == "task":
            checklist = step.get("checklist")
            assert isinstance(checklist, list) and checklist, f"step {step['id']} has no checklist"
            assert all(isinstance(item, str) and item.strip() for item in checklist)


@pytest.mark.parametrize("path", flow_files(), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_flow_has_the_document_metadata(path: Path) -> None:
    flow = load(path)
    for key in METADATA_KEYS:
        assert flow.get(key), f"missing {key}"
    assert isinstance(flow["version"], str)
    assert flow["review"] > flow["effective"]


@pytest.mark.parametrize("domain", sorted(EXPECTED_FLOWS))
def test_every_role_is_used_and_summarised(domain: str) -> None:
    folder = FLOWS / domain
    roles = load(folder / "roles.yaml")["roles"]
    used = {load(folder / "domain.yaml")["owner"]}
    for path in folder.glob("*.yaml"):
        if path.name in SPECIAL_FILES:
            continue
        flow = load(path)
        used.add(flow["owner"])
        for step in flow["steps"]:
            for key in ("role", "accountable"):
                if key in step:
                    used.add(step[key])
            for key in ("consulted", "informed"):
                used.update(step.get(key, []))
    for role in roles:
        assert role.get("summary"), f"role {role['id']} has no summary"
        assert role["id"] in used, f"role {role['id']} is used by no step and owns nothing"

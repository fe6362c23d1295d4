"""BPMN export: every bundled flow and a set of generated ones, checked by the real tools.

bpmn-moddle (0 warnings) and bpmnlint ``recommended`` (0 errors) run once over
all files in one node process; bpmn-js (its viewer bundle, from a local page in
Chromium) imports every file with 0 warnings, and two flows are photographed
into tests/artifacts/. The geometry is checked in Python: nodes inside their
lanes, no overlapping shapes, no edge through a shape.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from bpmn_support import (
    TOOLS,
    geometry_problems,
    node_check,
    random_flow_yaml,
    write_domain,
)
from printed_site import PrintedSite, artifact

from generator.bpmn.export import export_flows, flow_bpmn
from generator.bpmn.reader import parse_xml
from generator.check import check_flows
from generator.cli import main
from generator.model import Handbook

REPOSITORY = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 6, 1)
GENERATED = 24


def _handbook(flows: Path) -> Handbook:
    result = check_flows(flows, today=TODAY)
    assert result.ok, [str(diagnostic) for diagnostic in result.diagnostics]
    return result.handbook


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled flow, the mini fixture's (hostile names) and GENERATED random ones."""
    folder = tmp_path_factory.mktemp("bpmn")
    bundled = _handbook(REPOSITORY / "flows")
    hostile = _handbook(Path(__file__).parent / "fixtures" / "mini" / "flows")
    rng = random.Random(12)
    write_domain(
        folder / "flows", {f"g{number:02d}": random_flow_yaml(rng) for number in range(GENERATED)}
    )
    generated = _handbook(folder / "flows")
    files: dict[str, Path] = {}
    for name, handbook in (("bundled", bundled), ("mini", hostile), ("generated", generated)):
        documents = export_flows(handbook, handbook.flows, cache_dir=folder / "cache")
        for key, document in documents.items():
            path = folder / name / f"{key.replace('/', '__')}.bpmn"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document, encoding="utf-8")
            files[f"{name}:{key}"] = path
    return files


def test_every_file_parses_and_lints_clean(exported: dict[str, Path]) -> None:
    assert sum(key.startswith("bundled:") for key in exported) >= 30
    results = node_check(list(exported.values()))
    failures = [
        result
        for result in results
        if result.get("error")
        or result["warnings"]
        or any(report["category"] == "error" for report in result["lint"])
    ]
    assert failures == []
    # The layout also keeps the rules bpmnlint only warns about.
    warned = {report["rule"] for result in results for report in result["lint"]}
    assert warned == set()


def test_geometry_nodes_in_lanes_no_overlaps_no_edge_through_a_shape(
    exported: dict[str, Path],
) -> None:
    problems = {
        key: found
        for key, path in exported.items()
        if (found := geometry_problems(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_bpmn_js_imports_every_file_without_warnings(
    exported: dict[str, Path], browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    try:
        page.goto((TOOLS / "viewer.html").as_uri())
        failures = {}
        for key, path in exported.items():
            result = page.evaluate("xml => window.openBpmn(xml)", path.read_text(encoding="utf-8"))
            if result.get("error") or result["warnings"] or result["elements"] < 5:
                failures[key] = result
            if key in ("bundled:port/container-import", "bundled:itsm/change-management"):
                page.screenshot(
                    path=str(artifact(f"bpmn-{key.split(':')[1].replace('/', '-')}.png"))
                )
        assert failures == {}
    finally:
        page.close()


def test_export_is_byte_identical_across_runs(tmp_path: Path) -> None:
    handbook = _handbook(REPOSITORY / "flows")
    flows = handbook.flows[:6]
    first = export_flows(handbook, flows, cache_dir=tmp_path / "a")
    second = export_flows(handbook, flows, cache_dir=tmp_path / "b")
    assert first == second
    assert first == export_flows(handbook, flows, cache_dir=tmp_path / "a")  # from the cache


def test_ids_are_ncnames_and_roles_posts_are_user_tasks() -> None:
    handbook = _handbook(REPOSITORY / "flows")
    flow = handbook.flow("container-import", "port")
    assert flow is not None
    root = parse_xml(flow_bpmn(flow, handbook, svg=None).encode("utf-8"))
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert all(
        identifier is not None and identifier[0].isalpha() and identifier.isascii()
        for identifier in ids
    )
    tags = {element.tag for element in root.iter()}
    assert "userTask" in tags and "task" not in tags
    call = next(element for element in root.iter() if element.tag == "callActivity")
    assert call.get("calledElement") == "Process_port_berthing"


def test_export_command_writes_one_file_per_flow(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        ["export", "bpmn", "port", "--project", str(REPOSITORY), "--out", str(out)],
    )
    assert code == 0
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.bpmn"))
    assert written == [
        "port/berthing.bpmn",
        "port/container-export.bpmn",
        "port/container-import.bpmn",
        "port/unberthing.bpmn",
    ]
    assert main(["export", "bpmn", "nowhere", "--project", str(REPOSITORY), "--out", str(out)]) == 2


def test_build_publishes_bpmn_and_links_it(printed_site: PrintedSite) -> None:
    published = printed_site.site / "bpmn" / "port" / "container-import.bpmn"
    assert published.read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    page = (printed_site.site / "port" / "container-import" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../../bpmn/port/container-import.bpmn" download' in page

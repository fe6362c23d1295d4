"""BPMN import: round trips of our own files, files written by other modellers, hostile files."""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from bpmn_support import WORDS, random_flow_yaml, signature, write_domain
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.bpmn.export import flow_bpmn
from generator.bpmn.importer import bpmn_to_flow
from generator.bpmn.reader import parse_xml
from generator.check import check_flows
from generator.cli import main
from generator.i18n import labels
from generator.model import Handbook

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "bpmn"
MINI = Path(__file__).parent / "fixtures" / "mini" / "flows"
TODAY = dt.date(2026, 6, 1)


def _load(flows: Path) -> Handbook:
    result = check_flows(flows, today=TODAY)
    errors = [str(item) for item in result.diagnostics if item.severity.value == "error"]
    assert errors == []
    return result.handbook


def _round_trip(handbook: Handbook, flows_copy: Path) -> None:
    """Export every flow, import it over its own file in *flows_copy*, compare the models."""
    for flow in handbook.flows:
        document = flow_bpmn(flow, handbook, svg=None)

        def exists(reference: str, domain: str = flow.domain) -> bool:
            return handbook.flow(reference, domain) is not None

        imported = bpmn_to_flow(
            parse_xml(document.encode("utf-8")),
            domain=flow.domain,
            fallback_id="unused",
            flow_exists=exists,
            words=labels("zh"),
            today=TODAY,
        )
        assert imported.flow_id == flow.id
        (flows_copy / flow.domain / f"{flow.id}.yaml").write_text(imported.text, encoding="utf-8")
    again = _load(flows_copy)
    for flow in handbook.flows:
        back = again.flow(flow.id, flow.domain)
        assert back is not None
        assert signature(back) == signature(flow), flow.key


def test_every_bundled_flow_survives_export_and_import(tmp_path: Path) -> None:
    handbook = _load(REPOSITORY / "flows")
    shutil.copytree(REPOSITORY / "flows", tmp_path / "flows")
    _round_trip(handbook, tmp_path / "flows")


@settings(max_examples=15)
@given(
    seed=st.integers(0, 2**32),
    texts=st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
            min_size=1,
            max_size=12,
        ).map(lambda text: " ".join(text.split()) or "x"),
        min_size=1,
        max_size=5,
    ),
)
def test_round_trip_of_generated_flows(seed: int, texts: list[str]) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        flows = Path(folder) / "flows"
        write_domain(flows, {"g": random_flow_yaml(rng, [*texts, *WORDS[:2]])})
        result = check_flows(flows, today=TODAY)
        if not result.ok:  # the text made the generated flow itself invalid (e.g. a TODO mark)
            return
        _round_trip(result.handbook, flows)


def test_our_file_imported_into_another_domain_keeps_its_references(tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "flows", tmp_path / "flows")
    exported = tmp_path / "container-import.bpmn"
    assert main(["export", "bpmn", "port/container-import", "--project", str(tmp_path)]) == 0
    shutil.copy(tmp_path / "site" / "bpmn" / "port" / "container-import.bpmn", exported)
    code, out, err = _import(str(exported), "--domain", "copy", "--flows", str(tmp_path / "flows"))
    assert code == 0, err
    # every role stays the port domain's; the new domain gets one role to own it
    assert "added roles: process-owner\n" in out
    flow = _load(tmp_path / "flows").flow("container-import", "copy")
    assert flow is not None
    assert flow.owner == "port/terminal"
    assert next(step.flow for step in flow.steps if step.flow) == "port/berthing"


def _project(tmp_path: Path) -> Path:
    flows = tmp_path / "flows"
    shutil.copytree(MINI, flows)
    return flows


def _import(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["import", "bpmn", *arguments], out, err)
    return code, out.getvalue(), err.getvalue()


def test_camunda_file_with_lanes_gateways_and_a_loop(tmp_path: Path) -> None:
    flows = _project(tmp_path)
    code, out, err = _import(
        str(FIXTURES / "camunda-order.bpmn"), "--domain", "shop", "--flows", str(flows)
    )
    assert code == 0, err
    assert "serviceTask Activity_0inv000" in err and "camunda.org" in err
    flow = _load(flows).flow("camunda-order", "shop")
    assert flow is not None
    assert flow.title == "Order handling"
    assert flow.trigger == "Order received"
    assert [(step.id, step.kind.value, step.role) for step in flow.steps] == [
        ("activity-0r1j2k3", "task", "sales-clerk"),
        ("gateway-1n4c2d8", "decision", "sales-clerk"),
        ("activity-0inv000", "task", "lane-0w9e8r7"),
        ("activity-0ship00", "task", "lane-0w9e8r7"),
        ("event-0done00", "end", "lane-0w9e8r7"),
        ("activity-1fix0me", "task", "sales-clerk"),
    ]
    decision = flow.steps[1]
    assert [(branch.when, branch.next) for branch in decision.branches] == [
        ("yes", "activity-0inv000"),
        ("Ask customer", "activity-1fix0me"),
    ]
    assert flow.steps[5].next == "activity-0r1j2k3"  # the loop back
    assert flow.steps[0].details == "Compare the order with the stock list."
    assert "added roles: sales-clerk, lane-0w9e8r7" in out


def test_every_unsupported_element_is_reported_and_noted(tmp_path: Path) -> None:
    flows = _project(tmp_path)
    code, _out, err = _import(
        str(FIXTURES / "camunda-claims.bpmn"), "--domain", "claims", "--flows", str(flows)
    )
    assert code == 0, err
    for element in (
        "messageFlow Flow_msg_claim",
        "participant Participant_customer",
        "lane Lane_claims",
        "startEvent StartEvent_web",
        "boundaryEvent Event_timeout",
        "parallelGateway Gateway_fork",
        "parallelGateway Gateway_join",
        "scriptTask Activity_fraud",
        "businessRuleTask Activity_rules",
        "intermediateCatchEvent Event_wait",
        "subProcess SubProcess_assess",
        "eventBasedGateway Gateway_events",
        "inclusiveGateway Gateway_inclusive",
        "serviceTask Activity_score",
        "callActivity Activity_reinsure",
        "dataStoreReference DataStore_claims",
        "association Association_1",
    ):
        assert f": {element}: " in err, element
    assert "Traceback" not in err
    flow = _load(flows).flow("camunda-claims", "claims")
    assert flow is not None
    steps = {step.id: step for step in flow.steps}
    assert "reinsurance-process" in (steps["activity-reinsure"].details or "")
    assert steps["activity-register"].outputs == ("Claims DB",)
    assert steps["activity-rules"].inputs == ("Claims DB",)
    assert "Visit site" in (steps["subprocess-assess"].details or "")
    assert "5 days" in [branch.when for branch in steps["activity-register-split"].branches]
    assert "Decision letter" in (steps["activity-notify"].details or "")


def test_a_process_without_lanes_and_with_loose_ends(tmp_path: Path) -> None:
    flows = _project(tmp_path)
    code, _out, err = _import(
        str(FIXTURES / "no-lanes.bpmn"), "--domain", "repair", "--flows", str(flows), "--id", "fix"
    )
    assert code == 0, err
    assert "sid-lonely" in err and "cannot be reached" in err and "sid-broken" in err
    flow = _load(flows).flow("fix", "repair")
    assert flow is not None
    assert flow.steps[0].name == "登记 报修"
    assert flow.steps[1].kind.value == "decision"
    assert {step.role for step in flow.steps if step.role} == {"process-owner"}


def test_roles_are_appended_as_text_and_files_never_overwritten(tmp_path: Path) -> None:
    flows = _project(tmp_path)
    roles_file = flows / "port" / "roles.yaml"
    before = roles_file.read_text(encoding="utf-8")
    arguments = [str(FIXTURES / "camunda-order.bpmn"), "--domain", "port", "--flows", str(flows)]
    assert _import(*arguments)[0] == 0
    after = roles_file.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        '  - id: sales-clerk\n    name: "Sales Clerk"\n'
        '  - id: lane-0w9e8r7\n    name: "仓库管理员"\n'
    )
    written = (flows / "port" / "camunda-order.yaml").read_text(encoding="utf-8")
    code, _out, err = _import(*arguments)
    assert code == 1 and "refusing to overwrite" in err
    assert (flows / "port" / "camunda-order.yaml").read_text(encoding="utf-8") == written
    assert roles_file.read_text(encoding="utf-8") == after
    _load(flows)


HOSTILE = {
    "malformed.bpmn": b"<bpmn:definitions xmlns:bpmn='x'><unclosed></bpmn:definitions>",
    "xxe.bpmn": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>'
    ),
    "laughs.bpmn": (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>'
    ),
    "undefined-entity.bpmn": b"<definitions>&nope;</definitions>",
    "not-bpmn.bpmn": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    "no-process.bpmn": (
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<process id="p"><laneSet/></process></definitions>'
    ),
    "empty.bpmn": b"",
    "binary.bpmn": bytes(range(256)),
    "deep.bpmn": b"<a>" * 5000 + b"</a>" * 5000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_give_one_line_and_write_nothing(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(HOSTILE[name])
    flows = tmp_path / "flows"
    code, out, err = _import(str(source), "--domain", "x", "--flows", str(flows))
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not flows.exists()


def test_usage_errors(tmp_path: Path) -> None:
    assert _import(str(tmp_path / "missing.bpmn"), "--domain", "x")[0] == 2
    assert _import(str(FIXTURES / "no-lanes.bpmn"), "--domain", "Not An Id")[0] == 2


SAMPLE = (FIXTURES / "camunda-claims.bpmn").read_bytes()


@settings(max_examples=30)
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 40)), max_size=4),
    tail=st.binary(max_size=20),
)
def test_damaged_files_never_give_a_traceback(cuts: list[tuple[int, int]], tail: bytes) -> None:
    data = SAMPLE
    for start, length in cuts:
        data = data[:start] + data[start + length :]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "damaged.bpmn"
        source.write_bytes(data + tail)
        code, _out, err = _import(str(source), "--domain", "x", "--flows", f"{folder}/flows")
        assert code in (0, 1), err
        assert "Traceback" not in err
        if code == 0:
            result = check_flows(Path(folder) / "flows", today=TODAY)
            assert result.ok, [item.message for item in result.diagnostics]


def test_a_loop_without_a_way_out_gets_one(tmp_path: Path) -> None:
    source = tmp_path / "loop.bpmn"
    source.write_text(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        '<process id="p"><startEvent id="s"/><task id="a" name="A"/><task id="b" name="B"/>'
        '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/>'
        '<sequenceFlow id="f2" sourceRef="a" targetRef="b"/>'
        '<sequenceFlow id="f3" sourceRef="b" targetRef="a"/></process></definitions>',
        encoding="utf-8",
    )
    flows = tmp_path / "flows"
    code, _out, err = _import(str(source), "--domain", "loops", "--flows", str(flows))
    assert code == 0, err
    assert "no end can be reached from here" in err
    flow = _load(flows).flow("loop", "loops")
    assert flow is not None
    assert [step.kind.value for step in flow.steps] == ["task", "decision", "task", "end"]

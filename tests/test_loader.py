"""The loader: text kept as written, locations, encodings and hostile YAML as diagnostics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.loader import FlowsRootError, load_handbook
from generator.model import StepKind
from generator.yamlread import MAX_FILE_BYTES

from yamltree import flow_yaml, write_tree


def codes_of(root: Path) -> list[str]:
    _, diagnostics = load_handbook(root)
    return [d.code for d in diagnostics]


@pytest.mark.parametrize(
    "written", ["no", "yes", "on", "off", "10:30", "1.10", "0777", "~x", "1e3"]
)
def test_yaml_11_traps_keep_the_text_the_author_wrote(tmp_path: Path, written: str) -> None:
    steps = (
        f"  - id: plan\n    name: {written}\n    role: dispatcher\n    checklist: [{written}]\n"
        f"    control: {written}\n  - id: done\n    kind: end\n    name: 完成\n"
    )
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml(steps, version=written, title=written)})
    handbook, diagnostics = load_handbook(flows)
    assert diagnostics == []
    flow = handbook.flows[0]
    assert flow.version == written
    assert flow.title == written
    assert flow.steps[0].name == written
    assert flow.steps[0].checklist == (written,)
    assert flow.steps[0].control == written


def test_values_keep_their_locations(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml()})
    handbook, _ = load_handbook(flows, "flows")
    flow = handbook.flows[0]
    assert str(flow.where("owner")) == "flows/port/a.yaml:3:8"
    plan = flow.steps[0]
    assert str(plan.location) == "flows/port/a.yaml:9:5"
    assert str(plan.where("role")) == "flows/port/a.yaml:11:11"
    assert str(plan.where("checklist", 0)) == "flows/port/a.yaml:12:17"
    assert flow.effective == dt.date(2026, 1, 1)
    assert flow.steps[1].kind is StepKind.END


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": b"\xef\xbb\xbf" + flow_yaml().encode()})
    handbook, diagnostics = load_handbook(flows, "flows")
    assert diagnostics == []
    assert str(handbook.flows[0].where("title")) == "flows/port/a.yaml:1:8"


def test_gbk_file_is_reported_as_not_utf8_at_the_first_bad_byte(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml().encode("gbk")})
    _, diagnostics = load_handbook(flows, "flows")
    assert [(d.code, str(d.location)) for d in diagnostics] == [("E101", "flows/port/a.yaml:1:8")]
    assert "not UTF-8" in diagnostics[0].message


def test_binary_garbage_is_a_diagnostic(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": bytes(range(256)) * 4})
    assert codes_of(flows) == ["E101"]
    flows = write_tree(tmp_path, {"port/a.yaml": b"title: \x00\x01\x02"})
    assert codes_of(flows) == ["E102"]


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = "title: x\n" + "# " + "填" * (MAX_FILE_BYTES // 3 + 10) + "\n"
    flows = write_tree(tmp_path, {"port/a.yaml": big})
    assert codes_of(flows) == ["E107"]


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\n"
    steps = (
        "  - id: plan\n    name: x\n    role: dispatcher\n    checklist: *a9\n"
        "  - id: done\n    kind: end\n    name: y\n"
    )
    flows = write_tree(tmp_path, {"port/a.yaml": bomb + flow_yaml(steps)})
    assert codes_of(flows) == ["E108"]


def test_deeply_nested_yaml_is_a_diagnostic(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": "title: " + "[" * 50_000 + "]" * 50_000 + "\n"})
    codes = codes_of(flows)
    assert codes and codes[0] in {"E108", "E110"}


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(FlowsRootError):
        load_handbook(tmp_path / "nope")


def test_unknown_key_suggests_the_intended_one(tmp_path: Path) -> None:
    steps = (
        "  - id: plan\n    name: x\n    rol: dispatcher\n  - id: done\n    kind: end\n    name: y\n"
    )
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml(steps)})
    _, diagnostics = load_handbook(flows)
    unknown = [d for d in diagnostics if d.code == "E112"]
    assert len(unknown) == 1
    assert unknown[0].suggestion == "role"
    # the typo is the one root error: the "missing" role it causes is not reported again
    assert [d.code for d in diagnostics] == ["E112"]


def test_a_broken_step_keeps_the_rest_of_the_flow(tmp_path: Path) -> None:
    steps = (
        "  - id: plan\n    name: x\n    role: dispatcher\n    duration: soon\n    checklist: [a]\n"
        "  - id: done\n    kind: end\n    name: y\n"
    )
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml(steps)})
    handbook, diagnostics = load_handbook(flows)
    assert [d.code for d in diagnostics] == ["E115"]
    flow = handbook.flows[0]
    assert not flow.well_formed
    assert flow.steps[0].invalid == frozenset({"duration"})
    assert flow.steps[0].role == "dispatcher"


def test_misplaced_and_ignored_files(tmp_path: Path) -> None:
    flows = write_tree(
        tmp_path,
        {
            "stray.yaml": "a: 1\n",
            "port/old.yml": "a: 1\n",
            "port/a.yaml": flow_yaml(),
            "port/README.md": "x",
        },
    )
    _, diagnostics = load_handbook(flows, "flows")
    assert [(d.code, d.location.path) for d in diagnostics] == [
        ("W101", "flows/port/old.yml"),
        ("E119", "flows/stray.yaml"),
    ]


def test_domain_without_its_files(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"bank/a.yaml": flow_yaml()})
    handbook, diagnostics = load_handbook(flows, "flows")
    assert sorted((d.code, d.message) for d in diagnostics) == [
        ("E118", "domain 'bank' has no domain.yaml"),
        ("E118", "domain 'bank' has no roles.yaml"),
    ]
    assert "bank" in handbook.unreadable_role_domains

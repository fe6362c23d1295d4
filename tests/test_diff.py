"""``handbook diff``: every change kind on folder pairs, git revisions (and a shallow clone),
``--check``, each output format, and the visual diff."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.check import check_flows
from generator.cli import main
from generator.diff.compare import compare
from generator.diff.versioncheck import dotted, version_problems
from generator.model import Revision

from yamltree import write_tree

TODAY = dt.date(2026, 6, 1)

DOMAIN = "title: 港口业务\nsummary: 码头作业\nowner: dispatcher\n"
ROLES = """roles:
  - id: dispatcher
    name: 生产调度
  - id: linesman
    name: 系解缆工
  - id: pilot
    name: 引航员
  - id: manager
    name: 港务经理
"""
HEAD = """title: {title}
summary: 船舶按计划靠泊
owner: dispatcher
version: "{version}"
status: approved
effective: 2026-01-01
review: 2027-01-01
tags: [船舶]
steps:
"""
BERTHING_OLD = """  - id: plan
    name: 生成计划
    role: dispatcher
    informed: [linesman]
    checklist: [核对船名]
    duration: 30m
    inputs: [船期表]
    details: 旧说明
  - id: ready
    kind: decision
    name: 泊位就绪？
    role: dispatcher
    branches:
      - when: 是
        next: moor
      - when: 否
        next: clear
  - id: clear
    name: 清理泊位
    role: linesman
    checklist: [移走障碍物]
    control: 泊位长度核对
    next: ready
  - id: moor
    name: 靠泊系缆
    role: linesman
    checklist: [系缆]
  - id: old-step
    name: 旧步骤
    role: linesman
    checklist: [签字]
  - id: done
    kind: end
    name: 完成
"""
BERTHING_NEW = """  - id: plan
    name: 生成计划
    role: manager
    informed: [pilot]
    checklist: [核对船名, 核对吃水]
    duration: 1h
    inputs: [船期表, 潮汐表]
    details: 新说明
  - id: ready
    kind: decision
    name: 泊位就绪？
    role: dispatcher
    branches:
      - when: 已就绪
        next: moor
      - when: 否
        next: clear
  - id: clear
    name: 清理并检查泊位
    role: linesman
    checklist: [移走障碍物]
    control: 泊位长度与吃水核对
    next: ready
  - id: moor
    kind: subflow
    name: 靠泊系缆
    role: linesman
    flow: pilotage
  - id: notify
    name: 通知船方
    role: dispatcher
    checklist: [电话通知]
  - id: done
    kind: end
    name: 完成
"""
SIMPLE = """  - id: work
    name: {name}
    role: pilot
    checklist: [引航]
  - id: done
    kind: end
    name: 完成
"""


def simple_flow(title: str, name: str = "引航", version: str = "1.0") -> str:
    """A two-step flow."""
    return HEAD.format(title=title, version=version) + SIMPLE.format(name=name)


def old_files() -> dict[str, str]:
    """The OLD tree: berthing, pilotage (unchanged) and gone (removed in NEW)."""
    return {
        "port/domain.yaml": DOMAIN,
        "port/roles.yaml": ROLES + "  - id: clerk\n    name: 文员\n",
        "port/berthing.yaml": HEAD.format(title="船舶靠泊", version="1.1") + BERTHING_OLD,
        "port/pilotage.yaml": simple_flow("引航"),
        "port/gone.yaml": simple_flow("旧流程"),
    }


def new_files() -> dict[str, str]:
    """The NEW tree: every change kind in berthing, a new flow, domain and role changes."""
    roles = ROLES.replace("系解缆工", "系缆工") + "  - id: tally\n    name: 理货员\n"
    return {
        "port/domain.yaml": DOMAIN.replace("港口业务", "港口作业"),
        "port/roles.yaml": roles,
        "port/berthing.yaml": HEAD.format(title="船舶靠泊作业", version="1.2") + BERTHING_NEW,
        "port/pilotage.yaml": simple_flow("引航"),
        "port/fresh.yaml": simple_flow("新流程"),
    }


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path holding old/flows and new/flows; the working directory."""
    write_tree(tmp_path / "old", old_files(), with_domain=False)
    write_tree(tmp_path / "new", new_files(), with_domain=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


EXPECTED_BERTHING = [
    {"kind": "metadata-changed", "field": "title", "old": "船舶靠泊", "new": "船舶靠泊作业"},
    {"kind": "metadata-changed", "field": "version", "old": "1.1", "new": "1.2"},
    {"kind": "step-role-changed", "step": "plan", "old": "dispatcher", "new": "manager"},
    {
        "kind": "raci-changed",
        "step": "plan",
        "field": "informed",
        "old": ["linesman"],
        "new": ["pilot"],
    },
    {"kind": "duration-changed", "step": "plan", "old": "30m", "new": "1h"},
    {
        "kind": "io-changed",
        "step": "plan",
        "field": "inputs",
        "old": ["船期表"],
        "new": ["船期表", "潮汐表"],
    },
    {
        "kind": "checklist-changed",
        "step": "plan",
        "old": ["核对船名"],
        "new": ["核对船名", "核对吃水"],
    },
    {"kind": "details-changed", "step": "plan", "old": "旧说明", "new": "新说明"},
    {
        "kind": "links-changed",
        "step": "ready",
        "old": [{"when": "是", "next": "moor"}, {"when": "否", "next": "clear"}],
        "new": [{"when": "已就绪", "next": "moor"}, {"when": "否", "next": "clear"}],
    },
    {"kind": "step-renamed", "step": "clear", "old": "清理泊位", "new": "清理并检查泊位"},
    {"kind": "control-changed", "step": "clear", "old": "泊位长度核对", "new": "泊位长度与吃水核对"},
    {"kind": "kind-changed", "step": "moor", "old": "task", "new": "subflow"},
    {
        "kind": "links-changed",
        "step": "moor",
        "old": [{"next": "old-step"}],
        "new": [{"next": "notify"}],
    },
    {"kind": "links-changed", "step": "moor", "field": "flow", "old": None, "new": "pilotage"},
    {"kind": "checklist-changed", "step": "moor", "old": ["系缆"], "new": []},
    {"kind": "step-added", "step": "notify", "old": None, "new": "通知船方"},
    {"kind": "step-removed", "step": "old-step", "old": "旧步骤", "new": None},
]

EXPECTED_DOMAINS = [
    {
        "id": "port",
        "change": "changed",
        "changes": [
            {"kind": "domain-changed", "field": "title", "old": "港口业务", "new": "港口作业"},
            {"kind": "role-removed", "role": "clerk", "old": "文员", "new": None},
            {"kind": "role-changed", "role": "linesman", "field": "name", "old": "系解缆工", "new": "系缆工"},
            {"kind": "role-added", "role": "tally", "old": None, "new": "理货员"},
        ],
    }
]

_CHANGE = {
    "type": "object",
    "required": ["kind", "old", "new"],
    "additionalProperties": False,
    "properties": {
        "kind": {
            "enum": [
                "step-added",
                "step-removed",
                "step-renamed",
                "step-role-changed",
                "raci-changed",
                "checklist-changed",
                "control-changed",
                "links-changed",
                "kind-changed",
                "duration-changed",
                "io-changed",
                "details-changed",
                "metadata-changed",
                "domain-changed",
                "role-added",
                "role-removed",
                "role-changed",
            ]
        },
        "step": {"type": "string"},
        "role": {"type": "string"},
        "field": {"type": "string"},
        "old": {},
        "new": {},
    },
}
REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "old", "new", "flows", "domains"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "old": {"type": "string"},
        "new": {"type": "string"},
        "flows": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "change", "version", "changes"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$"},
                    "change": {"enum": ["added", "removed", "changed"]},
                    "version": {
                        "type": "object",
                        "required": ["old", "new"],
                        "additionalProperties": False,
                        "properties": {
                            "old": {"type": ["string", "null"]},
                            "new": {"type": ["string", "null"]},
                        },
                    },
                    "changes": {"type": "array", "items": _CHANGE},
                },
            },
        },
        "domains": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "change", "changes"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string"},
                    "change": {"enum": ["added", "removed", "changed"]},
                    "changes": {"type": "array", "items": _CHANGE},
                },
            },
        },
    },
}
"""The JSON shape of FORMAT.md ("Semantic diff"), written out for the test."""


def test_json_reports_every_change_kind_in_the_format_shape(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", "old", "new", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(out)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert (report["old"], report["new"]) == ("old", "new")
    flows = {flow["id"]: flow for flow in report["flows"]}
    assert list(flows) == ["port/berthing", "port/fresh", "port/gone"]
    assert flows["port/berthing"]["change"] == "changed"
    assert flows["port/berthing"]["version"] == {"old": "1.1", "new": "1.2"}
    assert flows["port/berthing"]["changes"] == EXPECTED_BERTHING
    assert flows["port/fresh"] == {
        "id": "port/fresh",
        "change": "added",
        "version": {"old": None, "new": "1.0"},
        "changes": [],
    }
    assert flows["port/gone"]["change"] == "removed"
    assert flows["port/gone"]["version"] == {"old": "1.0", "new": None}
    assert report["domains"] == EXPECTED_DOMAINS
    covered = {change["kind"] for flow in report["flows"] for change in flow["changes"]}
    covered |= {change["kind"] for domain in report["domains"] for change in domain["changes"]}
    assert covered == set(_CHANGE["properties"]["kind"]["enum"]) - {"metadata-changed"} | {
        "metadata-changed"
    }

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
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.check import check_flows
from generator.cli import main
from generator.diff.compare import compare
from generator.diff.versioncheck import dotted, version_problems
from generator.model import Revision
from generator.render.escape import text as markdown_text

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


def old_files() -> dict[str, str | bytes]:
    """The OLD tree: berthing, pilotage (unchanged) and gone (removed in NEW)."""
    return {
        "port/domain.yaml": DOMAIN,
        "port/roles.yaml": ROLES + "  - id: clerk\n    name: 文员\n",
        "port/berthing.yaml": HEAD.format(title="船舶靠泊", version="1.1") + BERTHING_OLD,
        "port/pilotage.yaml": simple_flow("引航"),
        "port/gone.yaml": simple_flow("旧流程"),
    }


def new_files() -> dict[str, str | bytes]:
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
    {
        "kind": "control-changed",
        "step": "clear",
        "old": "泊位长度核对",
        "new": "泊位长度与吃水核对",
    },
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
            {
                "kind": "role-changed",
                "role": "linesman",
                "field": "name",
                "old": "系解缆工",
                "new": "系缆工",
            },
            {"kind": "role-added", "role": "tally", "old": None, "new": "理货员"},
        ],
    }
]

KINDS = [
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
"""Every change kind of FORMAT.md."""

_CHANGE: dict[str, Any] = {
    "type": "object",
    "required": ["kind", "old", "new"],
    "additionalProperties": False,
    "properties": {
        "kind": {"enum": KINDS},
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
    assert covered == set(KINDS)


def test_text_format_one_line_per_change_and_a_summary(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", "old", "new"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "port/berthing 船舶靠泊作业: changed (version 1.1 → 1.2)"
    assert "  step-role-changed step plan: dispatcher → manager" in lines
    assert "  checklist-changed step plan: +核对吃水" in lines
    assert "  raci-changed step plan informed: +pilot, −linesman" in lines
    assert "  links-changed step ready: [是→moor, 否→clear] → [已就绪→moor, 否→clear]" in lines
    assert "port/gone 旧流程: removed (version 1.0)" in lines
    assert "  role-added role tally: 理货员" in lines
    assert lines[-1] == "old → new: flows 1 added, 1 removed, 1 changed; 1 domain changed"
    code, again, _ = run(["diff", "old", "new"], capsys)
    assert again == out


def test_identical_trees_have_no_differences(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", "new", "new/flows", "--format", "json", "--check"], capsys)
    assert code == 0
    assert json.loads(out) == {
        "version": 1,
        "old": "new",
        "new": "new/flows",
        "flows": [],
        "domains": [],
    }


def test_markdown_is_a_summary_table_then_each_flow(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", "old", "new", "--format", "markdown", "--lang", "zh"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "## 流程变更：old → new"
    table = lines.index("| 流程 | 改动 | 版本 | # |")
    assert lines[table + 2] == "| `port/berthing` 船舶靠泊作业 | 修改 | 1.1 → 1.2 | 17 |"
    assert "| `port/gone` 旧流程 | 已删除 | 1.0 | 0 |" in lines
    section = lines.index("### `port/berthing` 船舶靠泊作业")
    assert section > table
    assert "- 执行岗位变更 步骤 `plan`：dispatcher → manager" in lines[section:]
    assert "- 删除步骤 步骤 `old-step`：~~旧步骤~~" in lines[section:]
    assert "  - 新增岗位 岗位 `tally`：理货员" in lines
    _, english, _ = run(["diff", "old", "new", "--format", "markdown", "--lang", "en"], capsys)
    assert english.startswith("## Process changes: old → new\n")


def test_github_annotations_point_at_the_new_lines(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", "old", "new", "--format", "github"], capsys)
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == len(EXPECTED_BERTHING) + 2 + 4
    for line in lines:
        assert re.fullmatch(r"::notice (file=[^,:]+,line=\d+,)?title=[^:,]+::\S.*", line), line
    file = "new/flows/port/berthing.yaml"
    assert (
        f"::notice file={file},line=12,title=step-role-changed::"
        "port/berthing: step-role-changed step plan: dispatcher → manager"
    ) in lines
    assert f"::notice file={file},line=38,title=step-added::" in "\n".join(lines)
    assert "::notice title=flow removed::port/gone: removed (version 1.0)" in lines
    assert (
        "::notice file=new/flows/port/roles.yaml,line=10,title=role-added::"
        "domain port: role-added role tally: 理货员"
    ) in lines


def test_check_fails_when_content_changed_but_version_did_not(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["diff", "old", "new", "--check"], capsys)
    assert code == 1
    assert "port/berthing: version 1.2 but its history lacks it" in out.splitlines()
    unbumped = HEAD.format(title="船舶靠泊作业", version="1.1") + BERTHING_NEW
    write_tree(pair / "new", {"port/berthing.yaml": unbumped}, with_domain=False)
    code, out, err = run(["diff", "old", "new", "--check"], capsys)
    assert code == 1
    message = "port/berthing: content changed but version not bumped (still 1.1)"
    assert message in out.splitlines()
    code, out, err = run(["diff", "old", "new", "--check", "--format", "json"], capsys)
    assert code == 1
    assert err == f"handbook diff: {message}\n"
    code, out, _ = run(["diff", "old", "new", "--check", "--format", "github"], capsys)
    assert (
        f"::error file=new/flows/port/berthing.yaml,line=4,title=version not bumped::{message}"
        in out
    )
    code, out, _ = run(
        ["diff", "old", "new", "--check", "--format", "markdown", "--lang", "zh"], capsys
    )
    chinese = "port/berthing：内容有改动，但版本号未提高（仍为 1.1）"
    assert "### ⚠ 版本检查" in out and f"- {markdown_text(chinese)}" in out
    code, _, _ = run(["diff", "old", "new"], capsys)
    assert code == 0, "without --check a diff is not a failure"


def test_check_passes_when_only_document_control_changed(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewed = simple_flow("引航").replace("review: 2027-01-01", "review: 2027-06-01")
    write_tree(pair / "new", {"port/pilotage.yaml": reviewed}, with_domain=False)
    write_tree(pair / "old", new_files(), with_domain=False)
    (pair / "old" / "flows" / "port" / "fresh.yaml").unlink()
    (pair / "old" / "flows" / "port" / "pilotage.yaml").write_text(simple_flow("引航"), "utf-8")
    code, out, err = run(["diff", "old", "new", "--check", "--format", "json"], capsys)
    report = json.loads(out)
    assert (code, err) == (0, "")
    [pilotage] = [flow for flow in report["flows"] if flow["id"] == "port/pilotage"]
    assert pilotage["changes"] == [
        {"kind": "metadata-changed", "field": "review", "old": "2027-01-01", "new": "2027-06-01"}
    ]


def _handbooks(tmp_path: Path) -> tuple[Any, Any]:
    write_tree(tmp_path / "old", old_files(), with_domain=False)
    write_tree(tmp_path / "new", new_files(), with_domain=False)
    old = check_flows(tmp_path / "old" / "flows", today=TODAY).handbook
    new = check_flows(tmp_path / "new" / "flows", today=TODAY).handbook
    return old, new


def test_check_wants_the_new_version_in_the_history(tmp_path: Path) -> None:
    old, new = _handbooks(tmp_path)
    diff = compare(old, new, old_name="old", new_name="new")
    [problem] = version_problems(diff, new)
    assert problem.message == "port/berthing: version 1.2 but its history lacks it"
    revision = Revision(
        location=new.flows[0].location,
        version="1.2",
        date=dt.date(2026, 5, 1),
        summary="靠泊前通知船方",
        approved_by="运营总监",
    )
    flows = tuple(
        dataclasses.replace(flow, history=(revision,)) if flow.key == "port/berthing" else flow
        for flow in new.flows
    )
    recorded = dataclasses.replace(new, flows=flows)
    diff = compare(old, recorded, old_name="old", new_name="new")
    assert version_problems(diff, recorded) == ()
    [history] = [
        change for flow in diff.flows for change in flow.changes if change.field == "history"
    ]
    assert history.old == []
    assert history.new == [
        {
            "version": "1.2",
            "date": "2026-05-01",
            "approved_by": "运营总监",
            "summary": "靠泊前通知船方",
        }
    ]
    lowered = tuple(
        dataclasses.replace(
            flow, version="1.0", history=(dataclasses.replace(revision, version="1.0"),)
        )
        if flow.key == "port/berthing"
        else flow
        for flow in new.flows
    )
    lower = dataclasses.replace(new, flows=lowered)
    [problem] = version_problems(compare(old, lower, old_name="a", new_name="b"), lower)
    assert problem.message == "port/berthing: content changed but version not bumped (1.1 → 1.0)"


def test_versions_compare_as_dotted_numbers() -> None:
    assert dotted("1.10") is not None and dotted("1.9") is not None
    assert dotted("1.10") > dotted("1.9")  # type: ignore[operator]
    assert dotted("v2") is None


def test_v11_keys_are_metadata_changes(tmp_path: Path) -> None:
    _, new = _handbooks(tmp_path)
    berthing = new.flow("port/berthing", "")
    assert berthing is not None
    controlled = dataclasses.replace(
        berthing, order=20, approved_by="王敏（运营总监）", distribution=("前台", "二楼工作间")
    )
    flows = tuple(controlled if flow.key == berthing.key else flow for flow in new.flows)
    diff = compare(new, dataclasses.replace(new, flows=flows), old_name="a", new_name="b")
    [flow] = diff.flows
    assert [(change.kind.value, change.field, change.new) for change in flow.changes] == [
        ("metadata-changed", "order", 20),
        ("metadata-changed", "approved_by", "王敏（运营总监）"),
        ("metadata-changed", "distribution", ["前台", "二楼工作间"]),
    ]


def git(repository: Path, *arguments: str) -> str:
    """Run a real git command in *repository*; its standard output."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", *arguments],
        cwd=repository,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits (OLD tree, then NEW tree); the working directory."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write_tree(repo, old_files(), with_domain=False)
    (repo / "README.md").write_text("流程\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "old")
    git(repo, "tag", "v1")
    for name in old_files():
        (repo / "flows" / name).unlink()
    write_tree(repo, new_files(), with_domain=False)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new")
    monkeypatch.chdir(repo)
    return repo


def test_git_revisions_diff_like_folders(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", "HEAD~1", "HEAD", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(out)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert (report["old"], report["new"]) == ("HEAD~1", "HEAD")
    [berthing] = [flow for flow in report["flows"] if flow["id"] == "port/berthing"]
    assert berthing["changes"] == EXPECTED_BERTHING
    assert report["domains"] == EXPECTED_DOMAINS
    # a tag against the working tree (NEW defaults to the flows folder), files named as in git
    code, out, _ = run(["diff", "v1", "--format", "github"], capsys)
    assert code == 0
    assert "::notice file=flows/port/berthing.yaml,line=12,title=step-role-changed::" in out
    # from a subfolder, --flows names the tree relative to the working directory
    (repository / "docs").mkdir()
    os.chdir(repository / "docs")
    code, out, _ = run(["diff", "main~1", "main", "--flows", "../flows"], capsys)
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "main~1 → main: flows 1 added, 1 removed, 1 changed; 1 domain changed"
    )


def test_shallow_clone_without_old_asks_for_more_history(
    repository: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repository.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    code, out, err = run(["diff", "HEAD~1", "HEAD"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "handbook diff: revision 'HEAD~1' is not in this shallow clone: fetch more history"
        " (git fetch --deepen=50, or git fetch --unshallow) and run again\n"
    )
    code, _, err = run(["diff", "HEAD~1", "HEAD", "--lang", "zh"], capsys)
    assert (code, err) == (
        2,
        "handbook diff: 版本“HEAD~1”不在这个浅克隆中：请获取更多历史"
        "（git fetch --deepen=50 或 git fetch --unshallow）后重试\n",
    )
    git(clone, "fetch", "-q", "--deepen=1")
    code, out, err = run(["diff", "HEAD~1", "HEAD"], capsys)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no-such-rev"], "'no-such-rev' is neither a folder nor a revision of the git repository"),
        (
            ["HEAD", "missing/"],
            "'missing/' is neither a folder nor a revision of the git repository",
        ),
        (["HEAD", "HEAD", "--flows", "nowhere"], "revision 'HEAD' has no 'nowhere' folder"),
    ],
)
def test_unknown_sides_are_one_line_usage_errors(
    repository: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["diff", *argv], capsys)
    assert (code, out, err) == (2, "", f"handbook diff: {message}\n")


def test_a_folder_outside_git_must_exist(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["diff", "old", "gone"], capsys)
    assert code == 2
    assert err == "handbook diff: 'gone' is not a folder (and this is not a git repository)\n"


def test_a_side_with_errors_is_not_diffed(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = simple_flow("引航").replace("role: pilot", "role: pilto")
    write_tree(pair / "new", {"port/pilotage.yaml": broken}, with_domain=False)
    code, out, err = run(["diff", "old", "new"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "handbook diff: NEW (new) has 1 error:",
        "new/flows/port/pilotage.yaml:12:11: error E204 unknown role 'pilto'"
        " (did you mean 'pilot'?)",
        "  hint: Define the role in roles.yaml or fix the id.",
    ]


SVG = "{http://www.w3.org/2000/svg}"


class _ActiveContent(HTMLParser):
    """Collects what would run or load in a browser: scripts, handlers, frames, js: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "img", "link"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}")


def _svg_texts(page: str) -> list[str]:
    start, end = page.index("<svg "), page.index("</svg>") + len("</svg>")
    svg = ElementTree.fromstring(page[start:end])
    return ["".join(text.itertext()) for text in svg.iter(f"{SVG}text")]


def test_visual_diff_marks_new_and_changed_steps_and_lists_removed_ones(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["diff", "old", "new", "--html", "out", "--lang", "zh"], capsys)
    assert (code, err) == (0, "已写入 3 个页面到 out\n")
    index = (pair / "out" / "index.html").read_text(encoding="utf-8")
    assert '<a href="port/berthing.html">船舶靠泊作业</a>' in index
    assert '<a href="port/fresh.html">新流程</a>' in index
    assert "旧流程" in index and "port/gone.html" not in index
    page = (pair / "out" / "port" / "berthing.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert '<svg class="handbook-diagram"' in page
    texts = _svg_texts(page)
    assert texts.count("✚ 新增") == 1  # notify
    assert texts.count("✎ 修改") == 4  # plan, ready, clear, moor
    assert "通知船方" in texts and "完成" in texts
    assert 'stroke="#1a7f37"' in page and 'stroke="#b35900"' in page
    removed = page[page.index('<ul class="removed-steps">') :]
    removed = removed[: removed.index("</ul>")]
    assert "✖ 删除" in removed and "旧步骤" in removed and "<code>old-step</code>" in removed
    assert '<li id="step-notify"><span class="mark added">✚ 新增</span> 通知船方' in page
    assert 'href="../port/pilotage.html"' not in page  # pilotage is unchanged: no page
    fresh = (pair / "out" / "port" / "fresh.html").read_text(encoding="utf-8")
    assert _svg_texts(fresh).count("✚ 新增") == 2
    run(["diff", "old", "new", "--html", "again", "--lang", "en"], capsys)
    english = (pair / "again" / "port" / "berthing.html").read_text(encoding="utf-8")
    assert "✚ New" in _svg_texts(english) and '<html lang="en">' in english
    run(["diff", "old", "new", "--html", "out", "--lang", "zh"], capsys)
    assert (pair / "out" / "port" / "berthing.html").read_text(encoding="utf-8") == page


HOSTILE = '\u202e<script>alert(1)</script>"]; @team x [ <img src=x onerror=alert(2)> {{ 7*7 }}'


def test_visual_diff_and_markdown_keep_hostile_text_inert(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = simple_flow(
        "引航", name=json.dumps(HOSTILE, ensure_ascii=False), version="1.1"
    ).replace("title: 引航", f"title: {json.dumps(HOSTILE)}")
    write_tree(pair / "new", {"port/pilotage.yaml": hostile}, with_domain=False)
    code, out, _ = run(
        ["diff", "old", "new", "--format", "markdown", "--html", "out", "--lang", "zh"], capsys
    )
    assert code == 0
    assert "<script" not in out and "<img" not in out and "@team" not in out
    for output in ("text", "github"):
        _, out, _ = run(["diff", "old", "new", "--format", output], capsys)
        assert "\u202e" not in out and "\\u202e" in out, "bidi controls are shown escaped"
    for page_path in sorted((pair / "out").rglob("*.html")):
        page = page_path.read_text(encoding="utf-8")
        scanner = _ActiveContent()
        scanner.feed(page)
        assert scanner.found == [], page_path
        if "<svg " in page:
            _svg_texts(page)  # parses as XML
    page = (pair / "out" / "port" / "pilotage.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in "".join(_svg_texts(page))  # shown, as text
    assert "<h1>\u202e&lt;script&gt;alert(1)&lt;/script&gt;" in page


def with_history(flow_text: str, *versions: str) -> str:
    """*flow_text* with a ``history`` entry per version (newest first), before its steps."""
    entries = "".join(
        f'  - version: "{version}"\n    date: 2026-01-0{len(versions) - index}\n'
        f"    approved_by: 运营总监\n    summary: 第 {version} 版\n"
        for index, version in enumerate(versions)
    )
    return flow_text.replace("steps:\n", f"history:\n{entries}steps:\n", 1)


def test_check_passes_when_the_new_version_is_recorded(
    pair: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = HEAD.format(title="船舶靠泊", version="1.1") + BERTHING_OLD
    new = HEAD.format(title="船舶靠泊作业", version="1.2") + BERTHING_NEW
    write_tree(pair / "old", {"port/berthing.yaml": with_history(old, "1.1")}, with_domain=False)
    write_tree(
        pair / "new", {"port/berthing.yaml": with_history(new, "1.2", "1.1")}, with_domain=False
    )
    code, out, err = run(["diff", "old", "new", "--check", "--format", "json"], capsys)
    assert (code, err) == (0, "")
    [berthing] = [flow for flow in json.loads(out)["flows"] if flow["id"] == "port/berthing"]
    [history] = [change for change in berthing["changes"] if change.get("field") == "history"]
    assert [entry["version"] for entry in history["new"]] == ["1.2", "1.1"]
    assert history["new"][0] == {
        "version": "1.2",
        "date": "2026-01-02",
        "approved_by": "运营总监",
        "summary": "第 1.2 版",
    }
    unbumped = with_history(HEAD.format(title="船舶靠泊作业", version="1.1") + BERTHING_NEW, "1.1")
    write_tree(pair / "new", {"port/berthing.yaml": unbumped}, with_domain=False)
    code, out, _ = run(["diff", "old", "new", "--check"], capsys)
    assert code == 1
    assert "port/berthing: content changed but version not bumped (still 1.1)" in out

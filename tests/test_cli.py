"""The command line: exit codes, output formats, misuse."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from yamltree import flow_yaml, write_tree

TYPO_STEPS = (
    "  - id: plan\n    name: 计划\n    role: dispatchr\n    checklist: [核对]\n"
    "  - id: done\n    kind: end\n    name: 完成\n"
)


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path, {"port/vessel-berthing.yaml": flow_yaml(TYPO_STEPS)})


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_format_names_path_line_column_code_and_suggestion(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["validate"], capsys)
    assert code == 1
    assert out == (
        "flows/port/vessel-berthing.yaml:11:11: error E204 unknown role 'dispatchr'"
        " (did you mean 'dispatcher'?)\n"
        "  hint: Define the role in roles.yaml or fix the id.\n"
    )
    assert err == "flows: 1 error, 0 warnings\n"


def test_json_format(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "flows", "--format", "json"], capsys)
    document = json.loads(out)
    assert code == 1
    assert document["summary"] == {"errors": 1, "warnings": 0}
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "E204"
    assert (diagnostic["line"], diagnostic["column"]) == (11, 11)
    assert diagnostic["suggestion"] == "dispatcher"
    assert diagnostic["hint"]


def test_github_format_is_a_workflow_command(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["validate", "--format", "github"], capsys)
    assert out.startswith("::error file=flows/port/vessel-berthing.yaml,line=11,col=11,title=E204 ")
    assert out.endswith("::E204 unknown role 'dispatchr' (did you mean 'dispatcher'?)\n")


def test_ignore_drops_a_code(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "--ignore", "e204"], capsys)
    assert (code, out) == (0, "")


def test_clean_tree_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml()})
    code, out, err = run(["validate", str(flows), "--strict", "--today", "2026-11-27"], capsys)
    assert (code, out) == (0, "")
    assert "no problems found" in err


def test_overdue_review_is_a_warning_that_strict_turns_into_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flows = write_tree(tmp_path, {"port/a.yaml": flow_yaml(review="2026-06-30")})
    assert run(["validate", str(flows), "--today", "2026-11-27"], capsys)[0] == 0
    code, out, _ = run(["validate", str(flows), "--today", "2026-11-27", "--strict"], capsys)
    assert code == 1
    assert " warning W401 " in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate", "--format", "xml"],
        ["validate", "--today", "2026-13-45"],
        ["validate", "--ignore", "E999"],
        ["validate", "no-such-folder"],
        ["new", "just-a-domain"],
    ],
)
def test_misuse_exits_two_with_a_message(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.strip() and "Traceback" not in err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "--help"], capsys)
    assert code == 0
    assert "--strict" in out


def test_console_module_runs_without_traceback(broken: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "flows"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "E204" in completed.stdout
    assert "Traceback" not in completed.stderr

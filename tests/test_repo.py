"""Repository-level promises: the README's commands, CI's entry point, scripts, hooks, bench."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
import yaml

from generator.cli import main
from generator.flowgraph import FlowGraph
from generator.loader import load_handbook
from generator.model import StepKind

REPO_ROOT = Path(__file__).resolve().parent.parent
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = "bash scripts/test.sh"
SERVE_COMMAND = "bash scripts/serve.sh"
SCRIPTS = sorted([*(REPO_ROOT / "scripts").glob("*.sh"), REPO_ROOT / ".ci" / "run"])


def fenced_lines(markdown: str) -> list[str]:
    """Every line inside a fenced code block, stripped."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines()]


def test_readme_names_both_commands_as_commands() -> None:
    lines = fenced_lines(README)
    assert TEST_COMMAND in lines
    assert SERVE_COMMAND in lines


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci_run[0] == "#!/usr/bin/env bash"
    commands = [
        line.strip()
        for line in ci_run[1:]
        if line.strip()
        and not line.lstrip().startswith("#")
        and line.strip() != "set -euo pipefail"
        and not line.strip().startswith("cd ")
    ]
    assert commands == [f"exec {TEST_COMMAND}"]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.relative_to(REPO_ROOT).as_posix())
def test_scripts_are_executable_strict_bash(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert script.stat().st_mode & 0o111, f"chmod +x {script}"
    syntax = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO_ROOT / ".git").exists(), reason="not a git checkout"
)
def test_scripts_are_committed_executable() -> None:
    relative = [script.relative_to(REPO_ROOT).as_posix() for script in SCRIPTS]
    listing = subprocess.run(
        ["git", "ls-files", "-s", "--", *relative],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    modes = {line.split("\t")[1]: line.split()[0] for line in listing.splitlines()}
    for path in relative:
        if path in modes:  # a script not committed yet is judged by the test above
            assert modes[path] == "100755", f"git update-index --chmod=+x {path}"


def test_setup_installs_the_system_packages_the_readme_promises() -> None:
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    packages = re.search(r"system_packages=\(([^)]*)\)", setup)
    assert packages is not None
    for package in packages[1].split():
        assert f"`{package}`" in README
    for script in ("test.sh", "serve.sh"):
        assert "bash scripts/setup.sh" in (REPO_ROOT / "scripts" / script).read_text("utf-8")


def test_readme_documents_every_cli_command() -> None:
    from generator.cli import build_parser

    help_text = build_parser().format_help()
    commands = re.search(r"\{([a-z,]+)\}", help_text)
    assert commands is not None
    for command in commands[1].split(","):
        assert f"`handbook {command}" in README


def test_pre_commit_hook_runs_the_installed_command() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["handbook-validate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "flows/port/berthing.yaml")
    assert re.search(hook["files"], "flows/port/roles.yml")
    assert not re.search(hook["files"], "docs/flows/x.yaml")
    script = hook["entry"].split()[0]
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert script in project["project"]["scripts"]


def synth_writer() -> Callable[..., None]:
    """``bench.synth.write_synthetic_flows``, loaded from its file (bench is not installed)."""
    spec = importlib.util.spec_from_file_location("bench_synth", REPO_ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while defining
        spec.loader.exec_module(module)
    return cast(Callable[..., None], module.write_synthetic_flows)


def test_benchmark_flows_are_valid_strict_and_shaped_as_documented(tmp_path: Path) -> None:
    synth_writer()(tmp_path, 13, seed=7, domains=4)
    out, err = io.StringIO(), io.StringIO()
    flows_root = tmp_path / "flows"
    code = main(["validate", "--strict", "--today", "2026-12-31", str(flows_root)], out, err)
    assert code == 0, out.getvalue() + err.getvalue()
    handbook, diagnostics = load_handbook(flows_root)
    assert diagnostics == []
    assert len(handbook.domains) == 4
    assert len(handbook.flows) == 13
    for flow in handbook.flows:
        kinds = [step.kind for step in flow.steps]
        assert len(kinds) == 15
        assert kinds.count(StepKind.DECISION) == 1
        assert kinds.count(StepKind.END) == 1
        decision = next(step for step in flow.steps if step.kind is StepKind.DECISION)
        assert len(decision.branches) == 2
        position = {step.id: index for index, step in enumerate(flow.steps)}
        # Some step jumps back to an earlier one: the rework loop.
        assert any(position[edge.target] <= position[edge.source] for edge in FlowGraph(flow).edges)
        for step in flow.steps:
            if step.kind is StepKind.TASK:
                assert 3 <= len(step.checklist) <= 4


def test_benchmark_flows_are_deterministic_by_seed(tmp_path: Path) -> None:
    write = synth_writer()

    def tree(folder: Path, seed: int) -> dict[str, bytes]:
        write(folder, 6, seed=seed)
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yaml")}

    first = tree(tmp_path / "a", 1)
    assert first == tree(tmp_path / "b", 1)
    assert first != tree(tmp_path / "c", 2)
    sizes = [
        len(text)
        for name, text in first.items()
        if not name.endswith(("domain.yaml", "roles.yaml"))
    ]
    assert all(3_000 < size < 9_000 for size in sizes), sizes

"""The CI files for consumers: every workflow, the composite action and the GitLab pipeline
validate against their published schemas (vendored in check-jsonschema: offline), and do
what the README promises."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.init.project import CI_FILES, ProjectSettings, project_files

REPOSITORY = Path(__file__).resolve().parent.parent
CHECKER = shutil.which("check-jsonschema")
pytestmark = pytest.mark.skipif(CHECKER is None, reason="check-jsonschema is not installed")


def rendered(ci: str, folder: Path) -> Path:
    """The CI file ``handbook init --ci <ci>`` writes, written under *folder*."""
    settings = ProjectSettings(
        site_name="手册",
        language="zh",
        site_url="https://handbook.example.com/",
        package="process-handbook==0.1.0",
        ci=ci,
        today=dt.date(2026, 11, 30),
    )
    name = CI_FILES[ci][0]
    path = folder / ci / name
    path.parent.mkdir(parents=True)
    path.write_text(project_files(settings)[name], encoding="utf-8")
    return path


def check(schema: str, *files: Path) -> None:
    assert CHECKER is not None
    completed = subprocess.run(
        [CHECKER, "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_github_workflows_validate(tmp_path: Path) -> None:
    own = sorted((REPOSITORY / ".github" / "workflows").glob("*.yml"))
    assert own, "this repository's example workflow is missing"
    check("vendor.github-workflows", *own, rendered("github", tmp_path))


def test_composite_action_validates_and_takes_the_documented_inputs() -> None:
    check("vendor.github-actions", REPOSITORY / "action.yml")
    action = load(REPOSITORY / "action.yml")
    assert action["runs"]["using"] == "composite"
    assert {"flows", "strict", "today"} <= set(action["inputs"])
    script = action["runs"]["steps"][-1]["run"]
    assert "handbook validate" in script and "--format github" in script


def test_gitlab_pipeline_validates_and_publishes_pages(tmp_path: Path) -> None:
    path = rendered("gitlab", tmp_path)
    check("vendor.gitlab-ci", path)
    pipeline = load(path)
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert any("--site public" in line for line in pipeline["pages"]["script"])


def test_a_broken_workflow_is_caught(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  check:\n    steps: 3\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        check("vendor.github-workflows", broken)


def test_workflow_checks_pull_requests_and_deploys_main_with_pages_actions(tmp_path: Path) -> None:
    workflow = load(rendered("github", tmp_path))
    jobs = workflow["jobs"]
    check_steps = [step.get("run", "") for step in jobs["check"]["steps"]]
    assert "pull_request" in jobs["check"]["if"]
    assert "handbook validate --format github" in check_steps
    assert any(
        line.startswith("handbook diff ")
        and "--check --format markdown" in line
        and line.endswith('>> "$GITHUB_STEP_SUMMARY"')
        for line in check_steps
    )
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert any(name.startswith(f"actions/{action}@") for name in uses), action
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on:` as True

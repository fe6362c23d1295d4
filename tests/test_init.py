"""``handbook init``: the new repository validates under --strict, nothing is overwritten,
and the shipped defaults (mkdocs.yml, CI workflow, schemas) match this repository's own."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from generator.cli import main, schema_text
from generator.init.project import (
    CI_FILES,
    ProjectSettings,
    create_project,
    fill,
    project_files,
    template_text,
)
from generator.spec import FILE_KINDS

REPOSITORY = Path(__file__).resolve().parent.parent
EXPECTED = [
    "README.md",
    "mkdocs.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/handbook.yml",
    "handbook/index.md",
    "flows/front-desk/domain.yaml",
    "flows/front-desk/roles.yaml",
    "flows/front-desk/visitor-reception.yaml",
    "schema/domain.schema.json",
    "schema/roles.schema.json",
    "schema/flow.schema.json",
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def settings(**changes: str) -> ProjectSettings:
    values: dict[str, object] = {
        "site_name": "员工流程手册",
        "language": "zh",
        "site_url": "https://handbook.example.com/",
        "package": "process-handbook==0.1.0",
        "ci": "github",
        "today": dt.date(2026, 11, 30),
    }
    values.update(changes)
    return ProjectSettings(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_writes_a_repository_that_validates_strictly(tmp_path: Path, language: str) -> None:
    target = tmp_path / "handbook-repo"
    code, out, err = run("init", str(target), "--language", language)
    assert code == 0, err
    assert out.splitlines() == [f"created {(target / path).as_posix()}" for path in EXPECTED]
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == (
        sorted(EXPECTED)
    )
    code, out, err = run("validate", str(target / "flows"), "--strict")
    assert (code, out) == (0, ""), out + err
    config = yaml.load((target / "mkdocs.yml").read_text(encoding="utf-8"), _TaggedLoader)
    assert config["theme"]["language"] == language
    assert "fill in" in (target / "mkdocs.yml").read_text(encoding="utf-8").lower()
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "handbook validate" in readme and "handbook serve" in readme


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / "flows").mkdir(parents=True)
    (target / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    code, out, err = run("init", str(target))
    assert code == 1
    assert out == ""
    assert err == f"handbook init: refusing to overwrite {(target / 'mkdocs.yml').as_posix()}\n"
    assert (target / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    assert sorted(p.name for p in target.rglob("*")) == ["flows", "mkdocs.yml"]


def test_init_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.write_text("", encoding="utf-8")
    code, _, err = run("init", str(target))
    assert code == 1
    assert err.count("\n") == 1 and str(target.as_posix()) in err


def test_gitlab_pipeline_instead_of_github(tmp_path: Path) -> None:
    written = create_project(tmp_path / "repo", settings(ci="gitlab"))
    names = [path.relative_to(tmp_path / "repo").as_posix() for path in written]
    assert ".gitlab-ci.yml" in names and ".github/workflows/handbook.yml" not in names
    pipeline = yaml.safe_load((tmp_path / "repo" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert pipeline["variables"]["HANDBOOK_PACKAGE"] == "process-handbook==0.1.0"


def test_site_name_and_url_are_quoted_in_mkdocs_yml() -> None:
    name = 'Port ops: "night" shift # 2'
    files = project_files(settings(site_name=name, site_url="https://x.example/a#b"))
    config = yaml.load(files["mkdocs.yml"], _TaggedLoader)
    assert config["site_name"] == name
    assert config["site_url"] == "https://x.example/a#b"


class _TaggedLoader(yaml.SafeLoader):
    """Reads MkDocs' ``!ENV [NAME, default]`` as ``("!ENV", [NAME, default])``."""


_TaggedLoader.add_multi_constructor(
    "!", lambda loader, tag, node: (tag, loader.construct_sequence(node))
)


def test_mkdocs_template_is_this_repositorys_configuration() -> None:
    own = yaml.load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"), _TaggedLoader)
    files = project_files(settings(site_name=own["site_name"], site_url=own["site_url"]))
    assert yaml.load(files["mkdocs.yml"], _TaggedLoader) == own


def test_this_repositorys_workflow_is_the_template_installing_the_checkout() -> None:
    workflow_file, template = CI_FILES["github"]
    own = (REPOSITORY / workflow_file).read_text(encoding="utf-8")
    assert own == fill(template_text(template), {"package": "."})


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_packaged_schemas_are_generated_from_the_spec(kind: str) -> None:
    packaged = REPOSITORY / "generator" / "schema" / f"{kind}.schema.json"
    assert packaged.read_text(encoding="utf-8") == schema_text(kind), (
        "run: python -m generator schema --write generator/schema"
    )
    assert project_files(settings())[f"schema/{kind}.schema.json"] == schema_text(kind)


def test_readme_tells_other_teams_how_in_at_most_twenty_lines() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it in your own repository\n", 1)[1].split("\n## ", 1)[0]
    lines = section.strip().splitlines()
    assert len(lines) <= 20
    assert "handbook init" in section and "action" in section and "gitlab" in section

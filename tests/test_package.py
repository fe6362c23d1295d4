"""The package stands alone: a wheel built with ``python -m build`` and installed into a
fresh virtual environment outside the checkout creates, validates and builds a handbook.

Offline and quick: the venv sees this interpreter's packages (``--system-site-packages``,
so the dependencies are not downloaded) and gets only the wheel (``--no-deps``); the
source is copied out first, so the build writes nothing into the checkout. The test
checks that the venv's ``handbook`` runs the wheel's code, not the editable install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import schema_text
from generator.spec import FILE_KINDS

REPOSITORY = Path(__file__).resolve().parent.parent
pytest.importorskip("build", reason="the 'build' package is not installed")


def clean_environment() -> dict[str, str]:
    """The environment without PYTHONPATH (which would put a checkout first)."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}


def call(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        command, cwd=cwd, env=clean_environment(), capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, f"{command}\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(the wheel, the venv folder with the wheel installed)."""
    root = tmp_path_factory.mktemp("package")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPOSITORY / name, source / name)
    shutil.copytree(
        REPOSITORY / "generator",
        source / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    dist = root / "dist"
    call(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), "."],
        source,
    )
    (wheel,) = dist.glob("*.whl")
    environment = root / "venv"
    call([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", "venv"], root)
    call(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(environment / "bin" / "python"),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--force-reinstall",
            str(wheel),
        ],
        root,
    )
    yield wheel, environment


def test_wheel_carries_templates_assets_and_schemas(venv: tuple[Path, Path]) -> None:
    wheel, _ = venv
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in [
        "generator/init/templates/mkdocs.yml",
        "generator/init/templates/github-workflow.yml",
        "generator/init/templates/gitlab-ci.yml",
        "generator/init/templates/zh/flow.yaml",
        "generator/render/templates/flow.md.j2",
        "generator/printing/templates/deck.html.j2",
        "generator/assets/handbook.css",
        "generator/search/worker.js",
        "generator/py.typed",
        *(f"generator/schema/{kind}.schema.json" for kind in FILE_KINDS),
    ]:
        assert needed in names, needed


def test_the_venvs_handbook_runs_the_wheels_code(venv: tuple[Path, Path]) -> None:
    _, environment = venv
    where = call(
        [str(environment / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
        environment.parent,
    ).stdout.strip()
    assert Path(where).is_relative_to(environment), where


def test_init_validate_build_with_the_installed_command(venv: tuple[Path, Path]) -> None:
    _, environment = venv
    handbook = str(environment / "bin" / "handbook")
    work = environment.parent
    # the address staff will open (W420 stops a strict build on the example one)
    call([handbook, "init", "my-handbook", "--site-url", "https://handbook.acme-port.cn/"], work)
    project = work / "my-handbook"
    validated = call([handbook, "validate", "--strict"], project)
    assert validated.stdout == ""
    call([handbook, "build", "--strict", "--no-pdf"], project)
    assert (project / "site" / "front-desk" / "visitor-reception" / "index.html").is_file()
    assert (project / "site" / "all" / "assets" / "handbook.css").is_file()
    for kind in FILE_KINDS:
        printed = call([handbook, "schema", kind], project).stdout
        assert printed == schema_text(kind)
        assert (project / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8") == printed

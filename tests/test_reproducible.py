"""Reproducible builds: the same sources give the same site, byte for byte.

The bundled handbook (the repository's flows/, hand-written pages and
mkdocs.yml) is built with ``python -m generator build`` in two different
temporary folders, one after the other (so the clock has moved on), each with
a fresh diagram cache (so Graphviz really runs), under different time zones,
locales and hash seeds: the first without ``SOURCE_DATE_EPOCH`` (the build then
uses the newest ``effective`` date), the second with it set to that same
moment. Every file of the two sites must be identical, SVG diagrams and PDFs
included.

A third build (without PDFs, to save time) sets another ``SOURCE_DATE_EPOCH``:
only what it controls may change (the ``<lastmod>`` dates of the sitemap).
``--today`` is fixed, as it decides which flows the review page lists as overdue.
"""

from __future__ import annotations

import difflib
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
DEFAULT_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the newest `effective` of the bundled flows
OTHER_EPOCH = "1751328000"  # 2025-07-01T00:00:00Z
CONTROLLED_BY_EPOCH = {"sitemap.xml", "sitemap.xml.gz"}

Sites = dict[str, dict[str, bytes]]


def _hand_written_pages() -> list[str]:
    """The hand-written pages of handbook/ as git knows them (generated ones are ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "handbook"], cwd=REPOSITORY, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "handbook/index.md" in listed
    return listed


def _project(folder: Path) -> Path:
    project = folder / "handbook-project"
    project.mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPOSITORY / "flows", project / "flows")
    for page in _hand_written_pages():
        (project / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPOSITORY / page, project / page)
    return project


def _build(project: Path, *options: str, **environment: str) -> Path:
    inherited = [os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(environment)
    env["PYTHONPATH"] = os.pathsep.join([str(REPOSITORY), *inherited])
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", TODAY, *options],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return project / "site"


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Three builds: ``first``, ``second`` (same sources, elsewhere, later) and ``other_epoch``."""
    newest = max(re.findall(r"(?m)^effective: (\d{4}-\d{2}-\d{2})", _flow_texts()))
    assert newest == "2026-01-01", "DEFAULT_EPOCH must be the newest effective date"
    first = _build(
        _project(tmp_path_factory.mktemp("first")), TZ="UTC", LANG="C.UTF-8", PYTHONHASHSEED="1"
    )
    time.sleep(1.1)  # a later second, whatever a file might record
    second_project = _project(tmp_path_factory.mktemp("second-in-a-longer-folder-name"))
    env = {"TZ": "Asia/Shanghai", "LANG": "zh_CN.UTF-8", "PYTHONHASHSEED": "2"}
    second = _build(second_project, SOURCE_DATE_EPOCH=DEFAULT_EPOCH, **env)
    built = {"first": _files(first), "second": _files(second)}
    # With PDFs too: --no-pdf pages carry no print links, so they would differ for that reason.
    other = _build(second_project, SOURCE_DATE_EPOCH=OTHER_EPOCH, **env)
    built["other_epoch"] = _files(other)
    return built


def _flow_texts() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in (REPOSITORY / "flows").rglob("*.yaml")
    )


def test_the_same_sources_give_a_byte_identical_site(sites: Sites) -> None:
    first, second = sites["first"], sites["second"]
    assert sorted(first) == sorted(second)
    assert any(path.endswith(".html") for path in first)
    assert sum(content.count(b"<svg") for content in first.values()) >= 31  # one per flow
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == []


def test_source_date_epoch_changes_only_the_sitemap_dates(sites: Sites) -> None:
    second, other = sites["second"], sites["other_epoch"]
    assert sorted(other) == sorted(second)
    # The PDFs' dates come from the epoch too; the pages and everything else must not change.
    differing = {
        path for path in other if second[path] != other[path] and not path.startswith("print/")
    }
    assert differing == CONTROLLED_BY_EPOCH
    old = second["sitemap.xml"].decode("utf-8").splitlines()
    new = other["sitemap.xml"].decode("utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed and all("<lastmod>" in line for line in changed), changed[:4]
    assert all("<lastmod>2025-07-01</lastmod>" in line for line in changed if line[0] == "+")
    assert gzip.decompress(other["sitemap.xml.gz"]) == other["sitemap.xml"]


def test_pdfs_are_byte_identical_when_the_pdf_stage_exists(sites: Sites) -> None:
    first, second = sites["first"], sites["second"]
    pdfs = sorted(path for path in first if path.endswith(".pdf"))
    if not pdfs:
        pytest.skip("the build writes no PDF yet: the PDF stage is not wired into build.py")
    for pdf in pdfs:
        assert first[pdf] == second[pdf], pdf

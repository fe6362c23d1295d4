"""Reproducible builds: the same sources give the same site, byte for byte.

The first build is the session's ``printed_site`` (tests/printed_site.py: the
bundled handbook plus a print fixture domain, built in-process, strict, with
PDFs, without ``SOURCE_DATE_EPOCH``, so the build uses the newest ``effective``
date). This module builds the same sources again with ``python -m generator
build`` in another folder, later (so the clock has moved on), with a fresh
diagram cache (so Graphviz really runs), under another time zone, locale and
hash seed, with ``SOURCE_DATE_EPOCH`` set to that same moment. Every file of
the two sites must be identical: pages, search index, SVG diagrams, PDF decks.

What ``SOURCE_DATE_EPOCH`` controls is checked on the small mini handbook
(two builds without PDFs, to save time): another epoch changes nothing but the
``<lastmod>`` dates of the sitemap. ``--today`` is the same everywhere, as it
decides which flows the review page lists as overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
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
from printed_site import TODAY, PrintedSite, make_project

from generator.build import build_site
from generator.options import Options

REPOSITORY = Path(__file__).resolve().parent.parent
OTHER_EPOCH = "1751328000"  # 2025-07-01T00:00:00Z
CONTROLLED_BY_EPOCH = {"sitemap.xml", "sitemap.xml.gz"}
MINI_FLOWS = Path(__file__).parent / "fixtures" / "mini" / "flows"

Sites = dict[str, dict[str, bytes]]


def _newest_effective(flows: Path) -> int:
    """The default SOURCE_DATE_EPOCH of these flows: the newest ``effective`` date, UTC."""
    texts = "\n".join(path.read_text(encoding="utf-8") for path in flows.rglob("*.yaml"))
    newest = max(re.findall(r"(?m)^effective: (\d{4}-\d{2}-\d{2})", texts))
    return calendar.timegm(dt.date.fromisoformat(newest).timetuple())


def _build(project: Path, *options: str, **environment: str) -> Path:
    inherited = [os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(environment)
    env["PYTHONPATH"] = os.pathsep.join([str(REPOSITORY), *inherited])
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict", "--today", str(TODAY), *options],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
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
def sites(printed_site: PrintedSite, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """``first`` (the session's build) and ``second`` (the same sources elsewhere, later)."""
    epoch = str(_newest_effective(printed_site.project / "flows"))
    built_at = (printed_site.site / "index.html").stat().st_mtime
    time.sleep(max(0.0, built_at + 1.1 - time.time()))  # at least a second later
    project = make_project(tmp_path_factory.mktemp("again") / "a-longer-folder-name")
    assert _files(project / "flows") == _files(printed_site.project / "flows")  # same sources
    env = {"TZ": "Asia/Shanghai", "LANG": "zh_CN.UTF-8", "PYTHONHASHSEED": "2"}
    second = _files(_build(project, "--drafts", SOURCE_DATE_EPOCH=epoch, **env))  # as the session
    return {"first": _files(printed_site.site), "second": second}


def test_the_same_sources_give_a_byte_identical_site(sites: Sites) -> None:
    first, second = sites["first"], sites["second"]
    assert sorted(first) == sorted(second)
    assert sum(content.count(b"<svg") for content in first.values()) >= 31  # one per flow
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == []


def test_the_pdf_decks_are_byte_identical(sites: Sites) -> None:
    first, second = sites["first"], sites["second"]
    pdfs = sorted(path for path in first if path.endswith(".pdf"))
    assert "print/handbook.pdf" in pdfs and len(pdfs) > 10
    for pdf in pdfs:
        assert first[pdf] == second[pdf], pdf


def test_source_date_epoch_changes_only_the_sitemap_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "mini"
    project.mkdir()
    shutil.copy(REPOSITORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(MINI_FLOWS, project / "flows")
    (project / "handbook").mkdir()
    (project / "handbook" / "index.md").write_text("# 小手册\n", encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(Options(project, today=TODAY, pdf=False))
    default = _files(project / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OTHER_EPOCH)
    build_site(Options(project, today=TODAY, pdf=False))
    other = _files(project / "site")

    assert sorted(other) == sorted(default)
    assert {path for path in other if default[path] != other[path]} == CONTROLLED_BY_EPOCH
    old = default["sitemap.xml"].decode("utf-8").splitlines()
    new = other["sitemap.xml"].decode("utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed and all("<lastmod>" in line for line in changed), changed[:4]
    assert all("<lastmod>2025-07-01</lastmod>" in line for line in changed if line[0] == "+")
    assert gzip.decompress(other["sitemap.xml.gz"]) == other["sitemap.xml"]

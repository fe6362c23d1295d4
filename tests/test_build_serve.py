"""``handbook serve`` on the mini handbook: edits show up, invalid YAML keeps the last pages.

The server runs in a child process on a free port, exactly as a user starts it;
the test edits files and reads the pages (and the search index) over HTTP, as a
browser does after live reload. The in-memory MkDocs of serve
(:mod:`generator.site.mkdocs_live`) is also checked against a full build: after
an edit, the pages it republishes and its search index are the full build's bytes.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_build_site import make_project

from generator.options import Options

REPOSITORY = Path(__file__).resolve().parent.parent
SERVER = """
import datetime as dt, sys
from pathlib import Path
from generator.options import Options
from generator.serve import serve
today = dt.date(2026, 6, 1)
serve(Options(Path(sys.argv[1]), port=int(sys.argv[2]), today=today, pdf=False))
"""
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at *url* contains *text* (fails after TIMEOUT)."""
    started = time.monotonic()
    while text not in fetch(url):
        assert server.poll() is None, "the server stopped"
        assert time.monotonic() - started < TIMEOUT, f"{text!r} never appeared at {url}"
        time.sleep(0.1)
    return time.monotonic() - started


def searched(base: str, words: str) -> set[str]:
    """The pages whose search index entries hold *words* (the index as the browser loads it)."""
    index = json.loads(fetch(base + "search/search_index.json"))
    return {
        entry["location"].split("#")[0]
        for entry in index["docs"]
        # Chinese is segmented into words separated by zero-width spaces
        if words in (entry["title"] + entry["text"]).replace("\u200b", "")
    }


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    project = make_project(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(project), str(port)],
        cwd=REPOSITORY,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "port/vessel-berthing/", "船舶靠泊", server)
        yield project, base, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def test_an_edited_flow_shows_up_and_invalid_yaml_keeps_the_last_good_pages(
    served: tuple[Path, str, subprocess.Popen[bytes]],
) -> None:
    project, base, server = served
    # serve shows drafts (a staff build leaves them out), under their banner
    wait_for(base + "port/crew-exchange/", "草稿 — 未生效", server)
    flow = project / "flows" / "port" / "vessel-berthing.yaml"
    source = flow.read_text(encoding="utf-8")

    flow.write_text(source.replace("name: 清理泊位", "name: 清扫泊位"), encoding="utf-8")
    wait_for(base + "port/vessel-berthing/", "清扫泊位", server)
    wait_for(base + "port/roles/linesman/", "清扫泊位", server)  # a role page it affects
    wait_for(base + "port/vessel-berthing/sop/", "清扫泊位", server)
    assert searched(base, "清扫泊位") >= {"port/vessel-berthing/", "port/roles/linesman/"}
    assert "port/roles/linesman/" not in searched(base, "清理泊位")  # the summary still says it

    flow.write_text(source.replace("role: linesman\n", "role: linesmen\n"), encoding="utf-8")
    time.sleep(3)
    assert "清扫泊位" in fetch(base + "port/vessel-berthing/")  # the last good page stays

    flow.write_text(source.replace("name: 清理泊位", "name: 清洗泊位"), encoding="utf-8")
    wait_for(base + "port/vessel-berthing/", "清洗泊位", server)
    assert server.poll() is None


def test_stopping_the_server_removes_its_temporary_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    port = free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(project), str(port)],
        cwd=REPOSITORY,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    wait_for(f"http://127.0.0.1:{port}/", "港口业务", server)
    assert list(temporary.glob("handbook-serve-*"))
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    assert not list(temporary.glob("handbook-serve-*"))


def test_pages_republished_in_memory_are_the_pages_of_a_full_build(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from generator.build import generate
    from generator.check import check
    from generator.site.config import load_site_config
    from generator.site.mkdocs_live import LiveSite

    project = make_project(tmp_path / "project")
    options = Options(project, today=dt.date(2026, 6, 1), pdf=False)
    site = load_site_config(project)
    _report, generation = generate(check(options).handbook, site, options)

    def live_site(folder: Path) -> LiveSite:
        def config() -> Any:
            return load_config(config_file=str(site.config_file), site_dir=str(folder))

        return LiveSite(config, serve_url="http://127.0.0.1:8000/")

    served = live_site(tmp_path / "served")
    assert served.build().full
    flow = project / "flows" / "port" / "vessel-berthing.yaml"
    source = flow.read_text(encoding="utf-8")
    flow.write_text(source.replace("name: 清理泊位", "name: 清扫泊位"), encoding="utf-8")
    generate(check(options).handbook, site, options, previous=generation)
    report = served.build()
    assert not report.full
    assert "port/vessel-berthing/index.md" in report.pages
    assert "port/roles/linesman/index.md" in report.pages
    assert len(report.pages) < 10

    assert live_site(tmp_path / "full").build().full
    comparison = filecmp.dircmp(tmp_path / "served", tmp_path / "full")
    assert different_files(comparison) == []
    index = json.loads((tmp_path / "served" / "search" / "search_index.json").read_bytes())
    assert any("清扫泊位" in entry["text"].replace("\u200b", "") for entry in index["docs"])


def different_files(comparison: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    """Files that differ or exist on one side only, in a folder comparison, recursively."""
    found = [
        prefix + name
        for name in (*comparison.diff_files, *comparison.left_only, *comparison.right_only)
    ]
    for name, below in comparison.subdirs.items():
        found += different_files(below, f"{prefix}{name}/")
    return found

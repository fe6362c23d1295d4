"""``handbook serve`` on the mini handbook: edits show up, invalid YAML keeps the last pages.

The server runs in a child process on a free port, exactly as a user starts it;
the test edits files and reads the pages over HTTP, as a browser does after
live reload.
"""

from __future__ import annotations

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

import pytest
from test_build_site import make_project

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
    flow = project / "flows" / "port" / "vessel-berthing.yaml"
    source = flow.read_text(encoding="utf-8")

    flow.write_text(source.replace("name: 清理泊位", "name: 清扫泊位"), encoding="utf-8")
    wait_for(base + "port/vessel-berthing/", "清扫泊位", server)
    wait_for(base + "port/roles/linesman/", "清扫泊位", server)  # a role page it affects
    wait_for(base + "port/vessel-berthing/sop/", "清扫泊位", server)

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

"""The bundled handbook built once per test session with its PDF decks (PDF and browser tests).

The project is this repository's mkdocs.yml, hand-written home page and guide,
its bundled flows, plus the domain of tests/fixtures/print/flows (one draft and
one retired flow: the bundled flows are all approved, and the watermark needs
both). ``build_site`` runs once, strict, with PDFs and with drafts (``--drafts``: the
draft's watermark is tested; the staff build without drafts is in tests/test_publish.py);
under pytest-xdist the first
worker builds and the others wait on a file lock and use the same folder.

The fixture also serves the built site over HTTP (a ``http.server`` thread on
127.0.0.1 and a free port) for the browser tests, and gives them a Chromium
driven by Playwright: Debian's /usr/bin/chromium, never a downloaded browser.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.errors import HandbookError
from generator.options import Options

REPOSITORY = Path(__file__).resolve().parent.parent
"""The repository root."""

PRINT_FIXTURE = Path(__file__).parent / "fixtures" / "print" / "flows"
"""A domain with a draft and a retired flow."""

TODAY = dt.date(2026, 6, 1)
"""The build date of the review report (fixed, so the pages do not change with the day)."""

ARTIFACTS = Path(__file__).parent / "artifacts"
"""Screenshots for people to look at (kept out of git)."""

CHROMIUM = "/usr/bin/chromium"
"""The system's Chromium (scripts/setup.sh installs it with apt)."""

CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Flags for a headless browser on a machine without network."""


@dataclass(frozen=True)
class PrintedSite:
    """The built project."""

    project: Path
    """The project folder (mkdocs.yml, flows/, handbook/, site/)."""
    timings: dict[str, float]
    """Seconds per build stage."""

    @property
    def site(self) -> Path:
        """The built site."""
        return self.project / "site"

    @property
    def print_dir(self) -> Path:
        """The PDF decks."""
        return self.site / "print"


def make_project(folder: Path) -> Path:
    """A project of the bundled flows plus the print fixture's domain."""
    folder.mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPOSITORY / "flows", folder / "flows")
    for domain in sorted(PRINT_FIXTURE.iterdir()):
        shutil.copytree(domain, folder / "flows" / domain.name)
    (folder / "handbook").mkdir()
    for page in sorted((REPOSITORY / "handbook").glob("*.md")):  # the home page and its links
        shutil.copy(page, folder / "handbook" / page.name)
    shutil.copytree(REPOSITORY / "handbook" / "guide", folder / "handbook" / "guide")
    return folder


def _shared_root(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary root, common to all xdist workers."""
    root = factory.getbasetemp()
    return root.parent if root.name.startswith("popen-gw") else root


@pytest.fixture(scope="session")
def printed_site(tmp_path_factory: pytest.TempPathFactory) -> PrintedSite:
    """The bundled handbook built once (strict, with PDFs) for the whole session."""
    root = _shared_root(tmp_path_factory)
    project = root / "printed-handbook"
    outcome = root / "printed-handbook.json"
    with (root / "printed-handbook.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            try:
                options = Options(make_project(project), today=TODAY, strict=True, drafts=True)
                report = build_site(options)
                result: dict[str, Any] = {"timings": dict(report.timings)}
            except HandbookError as error:
                result = {"error": error.described()}
            outcome.write_text(json.dumps(result), encoding="utf-8")
    result = json.loads(outcome.read_text(encoding="utf-8"))
    if "error" in result:
        pytest.fail(f"the bundled handbook did not build: {result['error']}")
    return PrintedSite(project, result["timings"])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="session")
def site_url(printed_site: PrintedSite) -> Iterator[str]:
    """The built site served on 127.0.0.1 (an ephemeral port), as ``http://127.0.0.1:N/``."""
    handler = functools.partial(_QuietHandler, directory=str(printed_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (the system's, through Playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS, timeout=60_000
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page (its own context), closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def artifact(name: str) -> Path:
    """Where a test writes a file for people to look at (tests/artifacts/, not in git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    """Poll *condition* until it is true (for the few things Playwright cannot wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)

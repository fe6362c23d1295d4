"""``handbook build --offline``: the site works opened from ``file://`` with the network cut.

The mini handbook is built once (offline, strict, with its PDF decks) and opened in
Chromium from the file system with every request that is not ``file://`` aborted
and counted: navigation, the swimlane diagram and its links, the SOP card, the PDF
decks and the Chinese search all work, and not one request leaves the machine.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from once import once_per_session

from generator.cli import main

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "flows"
HOME = "# 小手册\n\n见 [全部流程](all/index.md)。\n"


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> None:
        shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
        shutil.copytree(FIXTURE, folder / "flows")
        (folder / "handbook").mkdir()
        (folder / "handbook" / "index.md").write_text(HOME, encoding="utf-8")
        code, output = run(
            "build", "--project", str(folder), "--offline", "--strict", "--today", "2026-06-01"
        )
        assert code == 0, output

    return once_per_session(tmp_path_factory, "offline-site", build) / "site"


def file_path(url: str) -> Path:
    return Path(url2pathname(urlsplit(url).path))


def test_offline_site_works_from_file_urls_offline(browser: Any, offline_site: Path) -> None:
    requests: list[str] = []
    blocked: list[str] = []

    def only_files(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.route("**/*", only_files)
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((offline_site / "index.html").as_uri())
        assert "小手册" in (page.locator("h1").first.text_content() or "")

        # navigation: the home page's link, then a flow of the all-flows page
        page.locator("article a[href='all/index.html']").click()
        page.wait_for_url("**/all/index.html")
        page.locator("article a[href$='vessel-berthing/index.html']").first.click()
        page.wait_for_url("**/port/vessel-berthing/index.html")
        assert "船舶靠泊" in (page.locator("h1").first.text_content() or "")

        # the swimlane diagram: drawn, and a step node jumps to its step
        node = page.locator("svg a[*|href='#step-clear-berth']").first
        node.click()
        page.wait_for_url("**/vessel-berthing/index.html#step-clear-berth")

        # the PDF deck of the domain is a file beside the pages
        deck = page.locator(".handbook-print-link a").first.get_attribute("href")
        assert deck is not None and deck.endswith(".pdf")
        assert file_path(urljoin(page.url, deck)).read_bytes().startswith(b"%PDF")

        # the SOP card
        page.locator("a[href='sop.html']").first.click()
        page.wait_for_url("**/port/vessel-berthing/sop.html")
        card = page.locator("article.handbook-sop")
        assert card.is_visible() and card.locator(".handbook-sop__diagram svg").count() == 1

        # Chinese search: the index inlined as a script, the worker in an iframe
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("靠泊")
        box.press("End")
        first = page.locator(".md-search-result__item a").first
        first.wait_for(state="visible")
        assert "vessel-berthing/index.html" in (first.get_attribute("href") or "")
    finally:
        context.close()
    assert blocked == []
    assert [url for url in requests if not url.startswith("file://")] == []
    assert len(requests) > 10
    assert errors == []


def test_offline_pages_load_nothing_from_a_host(offline_site: Path) -> None:
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'src="all/assets/iframe-worker.js"' in index
    assert (offline_site / "search" / "search_index.js").is_file()
    for page in offline_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr"):
            assert host not in text, page


def test_offline_with_zensical_is_refused(tmp_path: Path) -> None:
    shutil.copy(REPOSITORY / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "flows")
    code, output = run(
        "build", "--project", str(tmp_path), "--offline", "--engine", "zensical", "--no-pdf"
    )
    assert code == 1
    assert output == "handbook build: config: --offline works with the mkdocs engine only\n"

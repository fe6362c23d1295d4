"""MkDocs and Zensical build the same handbook: the same pages, headings, step anchors,
cards and links, and each engine's own Chinese search finds the same top page.

The MkDocs site is the session's bundled build (tests/printed_site.py, with PDFs);
the Zensical site is built once per session from a copy of the same project (the
same generated docs folder, so the same pages), with the PDF decks copied over (they
are engine-independent). Differences that remain are in handbook/dev/engines.md.
The command line (``handbook build --engine zensical``) is checked on the mini fixture.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import posixpath
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from once import once_per_session
from printed_site import PrintedSite

from generator.cli import main
from generator.loader import load_handbook
from generator.site.zensical_engine import ZensicalError, build_with_zensical

pytest.importorskip("zensical", reason="zensical is not installed (pip install -e '.[test]')")


FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "flows"
REPOSITORY = Path(__file__).resolve().parent.parent

SEARCHES = {
    "靠泊": "port/berthing/",
    "大堂经理": "bank/roles/lobby-manager/",
    "集装箱进口": "port/container-import/",
    "客房清洁": "hotel/room-cleaning/",
    "集装箱出口": "port/container-export/",
    "交接班": "hotel/shift-handover/",
    "告别仪式": "funeral/farewell-ceremony/",
    "接触客户": "sales/customer-contact/",
    "月度盘点": "hotel/monthly-inventory/",
    "退房": "hotel/checkout-inspection/",
}
"""Ten Chinese queries and the page both engines' searches put first."""

SEARCH_UI = {
    "mkdocs": ("input.md-search__input", "input.md-search__input", ".md-search-result__item a"),
    "zensical": (".md-search__button", "input[role=combobox]", "[role=listbox] a[role=option]"),
}
"""Per engine: what opens the search, the search box, a result link (Zensical's
search lives in a shadow root, which Playwright's CSS selectors enter)."""


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, printed_site: PrintedSite) -> Path:
    """The bundled handbook's generated docs folder built by Zensical (strict), PDFs copied in
    (the PDF stage is engine-independent)."""

    def build(folder: Path) -> None:
        project = folder / "project"
        shutil.copytree(
            printed_site.project,
            project,
            ignore=shutil.ignore_patterns("site", ".site.*", ".handbook-cache", ".cache"),
        )
        output = project / "site"
        build_with_zensical(
            project / "mkdocs.yml",
            docs_dir=project / "handbook",
            output=output,
            strict=True,
            epoch=0,
        )
        for deck in printed_site.site.rglob("*.pdf"):  # print/ and each flow's card
            target = output / deck.relative_to(printed_site.site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(deck, target)

    return once_per_session(tmp_path_factory, "zensical-site", build) / "project" / "site"


@pytest.fixture(scope="session")
def sites(printed_site: PrintedSite, zensical_site: Path) -> dict[str, Path]:
    return {"mkdocs": printed_site.site, "zensical": zensical_site}


_ID = re.compile(r'\sid="([^"]+)"')
_LINK = re.compile(r'<(a|link|script|img)\b[^>]*?\s(?:href|xlink:href|src)="([^"]*)"', re.S)
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_ARTICLE = re.compile(r"<article\b.*</article>", re.S)
_HEADING = re.compile(r"<(h[1-6])\b([^>]*)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Page:
    """What the comparison reads from one HTML page (regular expressions: quick enough
    for the ~300 pages of two sites, and the pages are the engines' own well-formed HTML)."""

    links: list[tuple[str, bool]]
    """Every href/src of a, link, script and img: (reference, inside an inline SVG)."""
    ids: set[str]
    """Every element id."""
    headings: list[tuple[str, str | None, str]]
    """(tag, id, text) of every heading inside <article>."""


def read_page(html: str) -> Page:
    in_svg = [match.span() for match in _SVG.finditer(html)]
    links = [
        (unescape(match.group(2)), any(start <= match.start() < end for start, end in in_svg))
        for match in _LINK.finditer(html)
    ]
    article = _ARTICLE.search(html)
    headings = []
    for tag, attributes, inner in _HEADING.findall(article.group(0) if article else ""):
        found = _ID.search(attributes)
        text = " ".join(unescape(_TAG.sub("", inner)).replace("¶", "").split())
        headings.append((tag, found.group(1) if found else None, text))
    return Page(links, set(_ID.findall(html)), headings)


@functools.cache
def parsed(site: Path) -> dict[Path, Page]:
    return {
        path: read_page(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))
    }


def broken_links(site: Path) -> tuple[list[str], int, int]:
    """(links whose file or anchor is missing, internal links checked, of them in diagrams)."""
    pages = {path.relative_to(site).as_posix(): page for path, page in parsed(site).items()}
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    folders = {posixpath.dirname(name) for name in files}
    broken: list[str] = []
    checked = in_diagrams = 0
    for name, page in pages.items():
        for href, in_svg in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            checked += 1
            in_diagrams += in_svg
            path = unquote(parts.path)
            if not path:
                target = name
            elif path.startswith("/"):  # 404.html: absolute, from site_url's path
                target = posixpath.normpath(path.lstrip("/") or ".")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            if target in folders or target == ".":
                target = posixpath.normpath(posixpath.join(target, "index.html"))
            if target not in files or (
                parts.fragment and target in pages and parts.fragment not in pages[target].ids
            ):
                broken.append(f"{name}: {href}")
    return broken, checked, in_diagrams


def test_same_page_urls(sites: dict[str, Path]) -> None:
    mkdocs, zensical = (
        sorted(path.relative_to(site).as_posix() for site in [folder] for path in parsed(folder))
        for folder in sites.values()
    )
    assert len(mkdocs) > 100
    assert mkdocs == zensical


def test_same_headings_and_step_anchors_on_every_flow_page(
    sites: dict[str, Path], printed_site: PrintedSite
) -> None:
    handbook, _ = load_handbook(printed_site.project / "flows")
    assert handbook.flows
    for flow in handbook.flows:
        page = f"{flow.domain}/{flow.id}/index.html"
        mkdocs = parsed(sites["mkdocs"])[sites["mkdocs"] / page]
        zensical = parsed(sites["zensical"])[sites["zensical"] / page]
        assert mkdocs.headings and mkdocs.headings == zensical.headings, page
        for step in flow.steps:
            assert f"step-{step.id}" in mkdocs.ids and f"step-{step.id}" in zensical.ids, page


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_internal_and_diagram_link_resolves(sites: dict[str, Path], engine: str) -> None:
    broken, checked, in_diagrams = broken_links(sites[engine])
    assert checked > 5_000 and in_diagrams > 500
    assert broken == []


def test_same_cards(sites: dict[str, Path]) -> None:
    card = re.compile(r'<article class="handbook-sop.*?</article>', re.S)
    pages = sorted(sites["mkdocs"].glob("*/*/sop/index.html"))
    assert len(pages) > 20
    for page in pages:
        relative = page.relative_to(sites["mkdocs"])
        mkdocs = card.search(page.read_text(encoding="utf-8"))
        zensical = card.search((sites["zensical"] / relative).read_text(encoding="utf-8"))
        assert mkdocs is not None and zensical is not None, relative
        assert mkdocs.group(0) == zensical.group(0), relative


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """*folder* over HTTP on 127.0.0.1 (an ephemeral port)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def top_pages(page: Any, url: str, engine: str) -> dict[str, str]:
    """Each query of SEARCHES typed into the engine's own search box: the first result's page."""
    opener, box_selector, result_selector = SEARCH_UI[engine]
    page.goto(url, wait_until="networkidle")
    page.click(opener)
    box = page.locator(box_selector)
    first = page.locator(result_selector).first
    tops: dict[str, str] = {}
    previous = ""
    for query in SEARCHES:
        box.fill(query)
        box.press("End")  # a key event: the searches listen to the keyboard
        deadline = time.monotonic() + 5
        while True:  # the results of this query, not of the one before
            first.wait_for(state="visible")
            text = re.sub(r"[\s\u200b]+", "", first.text_content() or "")
            if query in text or (text != previous and time.monotonic() > deadline - 4):
                break
            assert time.monotonic() < deadline, f"{engine}: no new result for {query}"
            page.wait_for_timeout(50)
        page.wait_for_timeout(200)  # the list settles (results arrive in batches)
        previous = re.sub(r"[\s\u200b]+", "", first.text_content() or "")
        tops[query] = urlsplit(first.get_attribute("href")).path.removeprefix(urlsplit(url).path)
    return tops


def test_chinese_search_finds_the_same_top_page(browser: Any, sites: dict[str, Path]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        for engine, site in sites.items():
            with served(site) as url:
                assert top_pages(page, url, engine) == SEARCHES, engine
    finally:
        context.close()


def mini_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(FIXTURE, folder / "flows")
    (folder / "handbook").mkdir()
    (folder / "handbook" / "index.md").write_text("# 小手册\n", encoding="utf-8")
    return folder


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), err.getvalue()


def test_build_engine_zensical_from_the_command_line(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    elsewhere = tmp_path / "out" / "site"  # outside the project: built inside, then moved
    common = ["--project", str(project), "--no-pdf", "--strict", "--today", "2026-06-01"]
    code, err = run("build", *common, "--engine", "zensical", "--site", str(elsewhere))
    assert code == 0, err
    assert (elsewhere / "port" / "vessel-berthing" / "index.html").is_file()
    assert (elsewhere / "search.json").is_file()  # Zensical's own search index
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".")) == [
        ".cache",
        ".handbook-cache",
    ]


def test_a_zensical_warning_under_strict_is_one_line_and_keeps_nothing(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: 小手册\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 小手册\n\n[断链](nowhere.md)\n", "utf-8")
    output = tmp_path / ".site.building"
    with pytest.raises(ZensicalError) as raised:
        build_with_zensical(
            tmp_path / "mkdocs.yml", docs_dir=tmp_path / "docs", output=output, strict=True, epoch=0
        )
    assert raised.value.described() == "zensical: page does not exist (index.md:3:6)"
    assert not (tmp_path / ".mkdocs.zensical.yml").exists()
    build_with_zensical(
        tmp_path / "mkdocs.yml", docs_dir=tmp_path / "docs", output=output, strict=False, epoch=0
    )
    assert (output / "index.html").is_file()

"""End to end: a small handbook built in a temporary project with MkDocs in strict mode.

The project is the mini fixture (tests/fixtures/mini/flows: two domains, a
decision loop, a sub-flow, a role used across domains, hostile text) with the
repository's mkdocs.yml and two hand-written pages. It checks the built pages,
the inline swimlane SVG (one cluster per role, each step node inside its
role's lane), the Chinese search index, byte-identical rebuilds, and that a
failed or refused build leaves the previous site and the hand-written pages alone.
The PDF decks are left out here (``pdf=False``); tests/test_pdf_decks.py covers them.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build_site
from generator.errors import HandbookError, InvalidFlowsError
from generator.options import Options
from generator.render import paths
from generator.render.theme import docs_dir_environment
from generator.search.worker import wrapper_source
from generator.site.prefill import prefill
from generator.site.writer import MANIFEST

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "flows"
TODAY = dt.date(2026, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

HOME = "# 小手册\n\n见 [全部流程](all/index.md) 和 [船舶靠泊](port/vessel-berthing/index.md)。\n"
GUIDE = "# 编写指南\n\n如何编写流程。\n"


def make_project(folder: Path) -> Path:
    """A project as a user has it: mkdocs.yml, flows/, hand-written pages."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(FIXTURE, folder / "flows")
    (folder / "handbook" / "guide").mkdir(parents=True)
    (folder / "handbook" / "index.md").write_text(HOME, encoding="utf-8")
    (folder / "handbook" / "guide" / "index.md").write_text(GUIDE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = make_project(tmp_path_factory.mktemp("mini") / "project")
    build_site(Options(project, today=TODAY, strict=True, pdf=False))
    yield project


def read(project: Path, page: str) -> str:
    return (project / "site" / page).read_text(encoding="utf-8")


def test_every_page_kind_is_built(built: Path) -> None:
    for page in [
        "index.html",
        "port/index.html",
        "port/vessel-berthing/index.html",
        "port/vessel-berthing/sop/index.html",
        "port/roles/dispatcher/index.html",
        "bank/roles/lobby-manager/index.html",
        "all/index.html",
        "all/review/index.html",
        "all/diagnostics/index.html",
        "guide/index.html",
        "all/assets/handbook.css",
        "all/assets/handbook.js",
        "sitemap.xml",
    ]:
        assert (built / "site" / page).is_file(), page
    flow = read(built, "port/vessel-berthing/index.html")
    assert '<h3 id="step-clear-berth">' in flow
    assert 'href="../roles/dispatcher/"' in flow
    assert 'href="sop/"' in flow
    card = read(built, "port/vessel-berthing/sop/index.html")
    assert "handbook-qr" in card and "<th>复核人</th>" in card


def test_hand_written_pages_and_domains_are_in_the_navigation_in_order(built: Path) -> None:
    home = read(built, "index.html")
    # the guide sits in the maintainers' section, after the staff's part of the menu
    titles = ("港口业务", "银行网点", "手册索引", "维护者：编写与开发")
    positions = [home.find(title) for title in titles]
    assert all(position > 0 for position in positions)
    assert positions == sorted(positions)
    assert (built / "handbook" / "index.md").read_text(encoding="utf-8") == HOME


def _inline_svg(page_html: str) -> ElementTree.Element:
    start = page_html.index('<svg class="handbook-diagram"')
    end = page_html.index("</svg>", start) + len("</svg>")
    return ElementTree.fromstring(page_html[start:end])


def _box(points: str) -> tuple[float, float, float, float]:
    pairs = [tuple(map(float, pair.split(","))) for pair in points.split()]
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    return min(xs), min(ys), max(xs), max(ys)


def test_swimlane_svg_has_one_lane_per_role_with_its_steps(built: Path) -> None:
    svg = _inline_svg(read(built, "port/vessel-berthing/index.html"))
    lanes: dict[str, tuple[float, float, float, float]] = {}
    for group in svg.iter(f"{SVG}g"):
        if "cluster" in group.get("class", "").split():
            title = "".join(group.find(f"{SVG}text").itertext())  # type: ignore[union-attr]
            lanes[title] = _box(group.find(f"{SVG}polygon").get("points", ""))  # type: ignore[union-attr]
    assert sorted(lanes) == ["生产调度", "系解缆工"]
    lane_of_step: dict[str, str] = {}
    for group in svg.iter(f"{SVG}g"):
        if "step" not in group.get("class", "").split():
            continue
        link = group.find(f".//{SVG}a")
        text = group.find(f".//{SVG}text")
        assert link is not None and text is not None
        x, y = float(text.get("x", "nan")), float(text.get("y", "nan"))
        inside = [
            name
            for name, (left, top, right, bottom) in lanes.items()
            if left <= x <= right and top <= y <= bottom
        ]
        assert len(inside) == 1, link.get(f"{XLINK}title")
        lane_of_step[link.get(f"{XLINK}href", "")] = inside[0]
    assert lane_of_step == {
        "#step-plan": "生产调度",
        "#step-berth-ready": "生产调度",
        "#step-clear-berth": "系解缆工",
        "#step-moor": "系解缆工",
        "../../port/container-discharge/": "生产调度",  # the sub-flow node opens the called flow
        "#step-done": "生产调度",
    }
    card_svg = _inline_svg(read(built, "port/vessel-berthing/sop/index.html"))
    hrefs = {link.get(f"{XLINK}href") for link in card_svg.iter(f"{SVG}a")}
    assert "../../../port/container-discharge/" in hrefs


def _search_index(project: Path) -> tuple[list[dict[str, str]], str]:
    index = json.loads(read(project, "search/search_index.json"))
    return index["docs"], index["config"]["separator"]


def _tokens(entry: dict[str, str], separator: str) -> set[str]:
    """The terms Material's search client indexes for an entry (title and text)."""
    text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
    return set(re.split(separator, text))


def test_chinese_search_finds_the_flow_the_step_and_the_role(built: Path) -> None:
    docs, separator = _search_index(built)
    assert "\\u200b" in separator or "\u200b" in separator

    def found(term: str) -> set[str]:
        return {entry["location"] for entry in docs if term in _tokens(entry, separator)}

    berthing = found("靠泊")
    assert "port/vessel-berthing/" in berthing
    assert "port/vessel-berthing/#step-moor" in berthing
    lobby = found("大堂经理")  # a role name is one word (generator/search/words.py)
    assert "bank/roles/lobby-manager/" in lobby
    titles = {entry["location"]: entry["title"].replace("\u200b", "") for entry in docs}
    assert titles["bank/roles/lobby-manager/"] == "大堂经理"
    assert not any(location.endswith("/sop/") for location in titles)  # cards stay out


def test_the_search_worker_the_pages_start_is_the_handbooks(built: Path) -> None:
    config = read(built, "index.html")
    started = re.search(r'"search": "(assets/javascripts/workers/[^"]+)"', config)
    assert started is not None
    worker = built / "site" / started.group(1)
    assert worker.read_bytes() == wrapper_source()  # generator/search/worker.js
    assert worker.with_name(f"material-{worker.name}").is_file()  # Material's, which it loads


def test_hostile_text_is_literal_in_every_built_page(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        assert "<script>alert" not in content, page
        assert "alert(1)</title>" not in content, page
        assert "<b>检查员" not in content, page
        assert "onerror=alert" not in content.replace("onerror=alert(3)&gt;", ""), page
    hostile = read(built, "port/hostile-names/index.html")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "7*7" in hostile.replace("&#42;", "*") and ">49<" not in hostile
    card = read(built, "port/hostile-names/sop/index.html")
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in card


def test_plain_mkdocs_build_strict_works_on_the_generated_tree(built: Path, tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=built,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "s" / "port" / "vessel-berthing" / "index.html").is_file()
    # the handbook build's cached search entries and segmenter give Material's own index,
    # and the generated theme (the navigation file's custom_dir) the same search worker
    for same in ["search/search_index.json", *_workers(built / "site")]:
        assert (tmp_path / "s" / same).read_bytes() == (built / "site" / same).read_bytes()


def _workers(site: Path) -> list[str]:
    """The search worker files of *site* (the handbook's wrapper and Material's worker)."""
    folder = site / "assets" / "javascripts" / "workers"
    return [path.relative_to(site).as_posix() for path in sorted(folder.glob("*.js"))]


def test_zensical_builds_the_same_tree(built: Path, tmp_path: Path) -> None:
    zensical = shutil.which("zensical")
    if zensical is None:
        pytest.skip("zensical is not installed")
    work = tmp_path / "copy"
    shutil.copytree(built, work, ignore=shutil.ignore_patterns("site", ".handbook-cache"))
    completed = subprocess.run(
        [zensical, "build", "--clean"], cwd=work, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (work / "site" / "port" / "vessel-berthing" / "index.html").is_file()
    assert (work / "site" / "port" / "vessel-berthing" / "sop" / "index.html").is_file()


def _same_tree(left: Path, right: Path) -> list[str]:
    """Relative paths that differ (or exist on one side only)."""
    left_files = {path.relative_to(left) for path in left.rglob("*") if path.is_file()}
    right_files = {path.relative_to(right) for path in right.rglob("*") if path.is_file()}
    differing = sorted(str(path) for path in left_files ^ right_files)
    for path in sorted(left_files & right_files):
        if not filecmp.cmp(left / path, right / path, shallow=False):
            differing.append(str(path))
    return differing


def test_building_twice_gives_identical_bytes(built: Path, tmp_path: Path) -> None:
    first = tmp_path / "first"
    shutil.copytree(built / "site", first)
    caches = [built / ".handbook-cache" / name for name in ("search", "pages")]
    entries = {path: path.stat().st_mtime_ns for cache in caches for path in cache.rglob("*.json")}
    report = build_site(Options(built, today=TODAY, strict=True, pdf=False))
    assert report.generated.written == ()
    assert report.generated.diagrams_rendered == 0
    assert _same_tree(first, built / "site") == []
    # every page's rendering and search entries came from the caches (none redone or rewritten)
    assert {path.parent.parent.name for path in entries} == {"search", "pages"}
    assert {path: path.stat().st_mtime_ns for path in entries} == entries
    assert sorted(path for cache in caches for path in cache.rglob("*.json")) == sorted(entries)
    elsewhere = make_project(tmp_path / "elsewhere")
    build_site(Options(elsewhere, today=TODAY, strict=True, pdf=False))
    assert _same_tree(first, elsewhere / "site") == []
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-03-01</lastmod>" in sitemap  # the newest `effective` date


def test_invalid_flows_stop_the_build_before_anything_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    flow = project / "flows" / "bank" / "open-door.yaml"
    flow.write_text(flow.read_text(encoding="utf-8").replace("role: security", "role: guard"))
    before = sorted(path.relative_to(project) for path in project.rglob("*"))
    with pytest.raises(InvalidFlowsError) as raised:
        build_site(Options(project, today=TODAY, pdf=False))
    assert [diagnostic.code for diagnostic in raised.value.result.diagnostics] == ["E204"]
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == before


def test_refuses_to_overwrite_a_hand_written_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    mine = project / "handbook" / "port" / "notes.md"
    mine.parent.mkdir()
    mine.write_text("# 我的笔记\n", encoding="utf-8")
    with pytest.raises(HandbookError, match="did not write") as raised:
        build_site(Options(project, today=TODAY, pdf=False))
    assert raised.value.stage == "pages"
    assert mine.read_text(encoding="utf-8") == "# 我的笔记\n"
    assert not (project / "site").exists()
    assert not (project / "handbook" / "port" / "index.md").exists()


def test_stale_generated_pages_are_removed_and_only_changed_files_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    options = Options(project, today=TODAY, pdf=False, drafts=True)  # crew-exchange is a draft
    build_site(options)
    (project / "flows" / "port" / "crew-exchange.yaml").unlink()
    berthing = project / "flows" / "port" / "vessel-berthing.yaml"
    berthing.write_text(berthing.read_text(encoding="utf-8").replace("清理泊位", "清扫泊位"))
    report = build_site(options)
    assert "port/crew-exchange/index.md" in report.generated.removed
    assert not (project / "handbook" / "port" / "crew-exchange").exists()
    assert not (project / "site" / "port" / "crew-exchange").exists()
    assert "port/vessel-berthing/index.md" in report.generated.written
    assert "bank/consultation/index.md" not in report.generated.written
    assert report.generated.diagrams_rendered == 2  # the edited flow's swimlane and column
    manifest = json.loads((project / "handbook" / MANIFEST).read_text(encoding="utf-8"))
    assert "port/crew-exchange/index.md" not in manifest["files"]
    marker = (project / "handbook" / "port" / ".gitignore").read_text(encoding="utf-8")
    assert marker.endswith("\n*\n")


def test_a_failed_mkdocs_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    build_site(Options(project, today=TODAY, strict=True, pdf=False))
    before = (project / "site" / "index.html").read_bytes()
    (project / "handbook" / "guide" / "broken.md").write_text("[x](missing.md)\n", encoding="utf-8")
    with pytest.raises(HandbookError) as raised:
        build_site(Options(project, today=TODAY, strict=True, pdf=False))
    assert raised.value.stage == "mkdocs"
    assert (project / "site" / "index.html").read_bytes() == before
    assert not (project / "site" / "guide" / "broken").exists()
    assert not list(project.glob(".site.*"))


def test_a_fresh_clone_tells_plain_mkdocs_users_what_is_missing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "handbook/.generated-nav.yml" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_missing_mkdocs_yml_is_a_one_line_build_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "mkdocs.yml").unlink()
    with pytest.raises(HandbookError, match=r"mkdocs\.yml not found") as raised:
        build_site(Options(project, today=TODAY, pdf=False))
    assert raised.value.stage == "config"


def test_pages_rendered_by_several_processes_are_the_same_as_by_one() -> None:
    from generator.check import check_flows
    from generator.diagrams import compact_key
    from generator.render.pages import PageSettings, render_pages
    from generator.render.parallel import render_all_pages

    handbook = check_flows(FIXTURE, today=TODAY).handbook
    diagrams = {
        key: f"<svg>{key}</svg>\n"
        for flow in handbook.flows
        for key in (flow.key, compact_key(flow.key))
    }
    settings = PageSettings(today=TODAY, site_url="https://handbook.example.com/")
    alone = render_pages(handbook, diagrams=diagrams, settings=settings)
    shared = render_all_pages(
        handbook, diagrams=diagrams, settings=settings, jobs=2, parallel_from=0
    )
    assert shared == alone


def test_the_cold_build_helper_fills_the_caches_the_build_then_uses(
    built: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", ".handbook-cache"))
    caches = project / ".handbook-cache"
    docs = project / "handbook"
    with docs_dir_environment(docs):  # as the build runs it: the home page's snippet resolves
        done = prefill(
            project / "mkdocs.yml",
            {"docs_dir": str(docs), "site_dir": str(tmp_path / "unused")},
            docs_dir=docs,
            page_cache=caches / "pages",
            search_cache=caches / "search",
        )
    snippets = docs / paths.INCLUDES_FOLDER  # included by pages, excluded from the build
    pages = [page for page in docs.rglob("*.md") if not page.is_relative_to(snippets)]
    assert done == len(pages)
    entries = {path: path.stat().st_mtime_ns for path in caches.rglob("*.json")}
    build_site(Options(project, today=TODAY, strict=True, pdf=False))
    # the build found every page rendered and indexed by the helper, and built the same site
    assert {path: path.stat().st_mtime_ns for path in entries} == entries
    assert _same_tree(built / "site", project / "site") == []

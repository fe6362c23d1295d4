"""Document control on the built site: only flows in force reach staff, verify pages,
the reader-dated overdue banner, and the site_url check.

The staff build (no drafts) is the mini fixture plus the print fixture's domain,
built once per session without PDFs; the draft and verify checks reuse the
session's printed site (built with drafts, as ``handbook serve`` shows them).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from once import once_per_session
from printed_site import PRINT_FIXTURE, REPOSITORY, PrintedSite

from generator.build import build_site
from generator.diagrams import compact_key
from generator.errors import InvalidFlowsError
from generator.loader import load_handbook
from generator.model import Handbook, Status
from generator.options import Options
from generator.printing.decks import plan_decks
from generator.publish import publish
from generator.render.control import control_pages
from generator.render.pages import PageSettings
from generator.site.config import read_site_config
from generator.siteurl import is_placeholder_url, site_url_diagnostics

MINI = Path(__file__).parent / "fixtures" / "mini" / "flows"
DRAFTS = ("port/crew-exchange", "warehouse/goods-receipt")
"""The draft flows of the staff build."""


def _blank_diagrams(handbook: Handbook) -> dict[str, str]:
    """An empty picture for both diagrams of every flow (the pages' content is under test)."""
    return {
        key: "<svg></svg>" for flow in handbook.flows for key in (flow.key, compact_key(flow.key))
    }


def _staff_project(folder: Path) -> None:
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(MINI, folder / "flows")
    for domain in sorted(PRINT_FIXTURE.iterdir()):
        shutil.copytree(domain, folder / "flows" / domain.name)
    (folder / "handbook").mkdir()
    build_site(Options(folder, today=dt.date(2026, 6, 1), pdf=False))


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return once_per_session(tmp_path_factory, "staff-site", _staff_project)


def test_publish_keeps_approved_and_archives_retired() -> None:
    handbook, _ = load_handbook(PRINT_FIXTURE)
    staff = publish(handbook, drafts=False)
    review = publish(handbook, drafts=True)
    assert {flow.status for flow in staff.handbook.flows} <= {Status.APPROVED}
    assert [flow.status for flow in review.handbook.flows] == [Status.DRAFT]
    assert [flow.key for flow in staff.archived] == ["warehouse/stock-count"]


def test_drafts_are_absent_from_the_staff_site(staff_site: Path) -> None:
    nav = (staff_site / "handbook" / ".generated-nav.yml").read_text(encoding="utf-8")
    index = json.loads((staff_site / "site" / "search" / "search_index.json").read_text())
    locations = {entry["location"] for entry in index["docs"]}
    generated = {
        path.relative_to(staff_site / "handbook").as_posix()
        for path in (staff_site / "handbook").rglob("*.md")
    }
    roles = "".join(
        path.read_text(encoding="utf-8") for path in (staff_site / "handbook").glob("*/roles/*.md")
    )
    for key in DRAFTS:
        assert f"{key}/index.md" not in nav
        assert not any(location.startswith(f"{key}/") for location in locations)
        assert f"{key}/index.md" not in generated and f"{key}/sop.md" not in generated
        assert f"../../{key}/index.md" not in roles
    # The retired flow: an archive page with its banner, out of search and role pages.
    assert "warehouse/stock-count/index.md" in nav
    assert not any(location.startswith("warehouse/stock-count/") for location in locations)
    archived = (staff_site / "handbook" / "warehouse" / "stock-count" / "index.md").read_text()
    assert "exclude: true" in archived and "已废止 — 不再执行" in archived
    assert "warehouse/stock-count" not in roles


def test_draft_page_carries_the_banner_when_drafts_are_shown(printed_site: PrintedSite) -> None:
    page = printed_site.project / "handbook" / "warehouse" / "goods-receipt" / "index.md"
    assert "草稿 — 未生效" in page.read_text(encoding="utf-8")


def test_verify_pages_for_current_and_superseded_versions(printed_site: PrintedSite) -> None:
    verify = printed_site.site / "verify" / "port" / "berthing" / "1.0" / "index.html"
    text = verify.read_text(encoding="utf-8")
    assert "现行有效版本" in text and 'href="../../../../port/berthing/"' in text
    sop = (printed_site.site / "port" / "berthing" / "sop" / "index.html").read_text()
    assert "verify/port/berthing/1.0/" in sop


def test_superseded_version_names_the_current_one() -> None:
    handbook, _ = load_handbook(REPOSITORY / "tests" / "cases" / "valid-document-control" / "flows")
    pages = control_pages(
        publish(handbook, drafts=False),
        diagrams=_blank_diagrams(handbook),
        settings=PageSettings(today=dt.date(2026, 10, 1)),
    )
    old = pages["verify/port/vessel-berthing/1.0/index.md"]
    current = pages["verify/port/vessel-berthing/1.2/index.md"]
    assert "handbook-verify--superseded" in old and "✘ 已被 1.2 版（2026-09-01）取代" in old
    assert "handbook-verify--current" in current and "✔ 现行有效版本" in current
    for text in (old, current):
        assert "](../../../../port/vessel-berthing/index.md)" in text


@pytest.mark.parametrize(("today", "shown"), [("2027-11-29", False), ("2027-12-01", True)])
def test_overdue_banner_follows_the_readers_date(
    page: Any, site_url: str, today: str, shown: bool
) -> None:
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{today}T12:00:00"))
    page.goto(site_url + "port/berthing/")
    banner = page.locator("[data-handbook-review]").first
    assert banner.get_attribute("data-handbook-review") == "2027-11-30"
    assert banner.is_visible() is shown


def test_site_url_check() -> None:
    assert is_placeholder_url("https://handbook.example.com/")
    assert is_placeholder_url("https://x.invalid/") and not is_placeholder_url(
        "https://sop.acme.cn/"
    )
    config = read_site_config(REPOSITORY / "mkdocs.yml")
    assert site_url_diagnostics(config) == []


def _deck_html(epoch_day: dt.date) -> str:
    """The port deck of the valid-document-control case (distribution: two places)."""
    handbook, _ = load_handbook(REPOSITORY / "tests" / "cases" / "valid-document-control" / "flows")
    settings = PageSettings(today=epoch_day, site_url="https://sop.acme.cn/")
    plan = plan_decks(
        handbook,
        diagrams=_blank_diagrams(handbook),
        settings=settings,
        epoch=calendar.timegm(epoch_day.timetuple()),
    )
    return plan.domains[0].document()


def test_deck_prints_a_numbered_copy_per_place_with_date_notice_approver_and_revisions() -> None:
    html = _deck_html(dt.date(2026, 10, 1))
    assert "受控副本 1/2 · 前台" in html and "受控副本 2/2 · 二楼工作间" in html
    assert html.count('class="handbook-sop ') == 2
    assert "2026-10-01" in html and "打印件仅供当日参考，以在线版本为准" in html
    assert "王敏（运营总监）" in html and "增加夜班交接检查项" in html
    assert "https&#58;//sop.acme.cn/verify/port/vessel-berthing/1.2/" in html
    banner = re.search(r"<p class=\"handbook-banner handbook-banner--overdue\"[^>]*>", html)
    assert banner is not None and " hidden" in banner.group(0)  # printed before review


def test_a_card_printed_after_its_review_date_says_review_overdue() -> None:
    html = _deck_html(dt.date(2027, 6, 2))  # review: 2027-06-01
    banners = re.findall(r"<p class=\"handbook-banner handbook-banner--overdue\"[^>]*>", html)
    assert banners and all(" hidden" not in banner for banner in banners)


def test_retired_page_names_its_replacement() -> None:
    flows = REPOSITORY / "tests" / "cases" / "valid-retired-replaced-by" / "flows"
    handbook, _ = load_handbook(flows)
    pages = control_pages(
        publish(handbook, drafts=False),
        diagrams=_blank_diagrams(handbook),
        settings=PageSettings(today=dt.date(2026, 10, 1)),
    )
    page = pages["port/vessel-berthing/index.md"]
    assert "exclude: true" in page and "打开可打印的标准作业卡" not in page
    assert "\n    现由以下流程取代：[船舶离泊](../vessel-unberthing/index.md)\n" in page
    archive = pages["all/archive.md"]
    assert "[船舶离泊](../port/vessel-unberthing/index.md)" in archive


def test_build_with_the_example_site_url_warns_and_fails_strict(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = (REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url: .*$", "site_url: https://handbook.example.com/", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(MINI, project / "flows")
    with pytest.raises(InvalidFlowsError) as raised:  # validation fails before anything is built
        build_site(Options(project, today=dt.date(2026, 6, 1), strict=True, pdf=False))
    (found,) = raised.value.result.diagnostics
    line = config[: config.index("site_url: https")].count("\n") + 1
    assert (found.code, found.location.line, found.location.column) == ("W420", line, 11)
    assert "example address" in found.message
    assert not (project / "site").exists()

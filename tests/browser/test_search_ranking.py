"""The site search in a browser ranks the exact role and flow first, finds flow ids, reads well.

Issue 11 item 8, on the session's build of the bundled handbook: role names are
one word in the index (generator/search/words.py), so a search for 大堂经理
lists 大堂经理 and the pages about that role before other 经理 roles; a flow id
finds its flow; a flow's result snippet is its summary, not the info table's
cells run into one line (the table is left out of the index).
"""

from __future__ import annotations

from typing import Any

from test_browser_site import compact, search


def _results(page: Any, site_url: str, query: str) -> list[tuple[str, str]]:
    """(title, address) of every result item shown for *query*, in order."""
    items = search(page, site_url, query)
    page.wait_for_timeout(200)  # the list fills in one go; let it settle
    found = []
    for index in range(items.count()):
        item = items.nth(index)
        title = compact(item.locator("h1, h2").first.inner_text())
        href = item.locator("a").first.get_attribute("href") or ""
        found.append((title, href.split("?")[0]))
    return found


def test_a_role_name_ranks_that_role_and_its_flows_before_other_managers(
    page: Any, site_url: str
) -> None:
    results = _results(page, site_url, "大堂经理")
    titles = [title for title, _href in results]
    assert titles[0] == "大堂经理", titles
    assert results[0][1].endswith("/bank/roles/lobby-manager/")
    others = [titles.index(name) for name in ("变更经理", "问题经理") if name in titles]
    about_lobby = [titles.index(name) for name in ("业务咨询", "开门迎宾") if name in titles]
    assert about_lobby, titles
    assert all(other > max(about_lobby) for other in others), titles


def test_a_flow_id_finds_its_flow(page: Any, site_url: str) -> None:
    results = _results(page, site_url, "berthing")
    assert any(href.endswith("/port/berthing/") for _title, href in results), results


def test_a_flow_result_shows_its_summary_not_the_info_table(page: Any, site_url: str) -> None:
    items = search(page, site_url, "靠泊")
    titles = [compact(text) for text in items.locator("h1").all_inner_texts()]
    snippet = compact(items.nth(titles.index("船舶靠泊")).locator("p").first.inner_text())
    assert snippet.startswith("生产调度根据船期表"), snippet
    assert "流程负责人" not in snippet and "生效日期" not in snippet, snippet

"""The site search in a browser ranks the exact role and flow first, finds flow ids, reads well.

Issue 11 item 8, on the session's build of the bundled handbook: role names are
one word in the index (generator/search/words.py), so a search for 大堂经理
lists 大堂经理 and the pages about that role before other 经理 roles; a flow id
finds its flow; a flow's result snippet is its summary, not the info table's
cells run into one line (the table is left out of the index).

A query of several Chinese words typed together (理货报告) lists the pages that
hold the whole query first, then those that hold all its words, then the rest,
and names no word of it as missing from a result that holds it (the search
worker of generator/search/worker.js; Material's own ranks 月度盘点与报表 first,
having searched 理货 and every word that starts with 报).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from printed_site import PrintedSite
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


PHRASES = {
    "理货报告": ("理货", "报告"),
    "问题报告": ("问题", "报告"),
    "服务目录": ("服务", "目录"),
    "运抵报告": ("运抵", "报告"),
}
"""Queries of two words typed together, each of which Material's own worker answers with a
page that lacks the query (bench/search_queries.py --material lists 73 such queries)."""


def _page_texts(printed_site: PrintedSite) -> dict[str, str]:
    """Each page's indexed words run together (no markup, word breaks or punctuation)."""
    index = json.loads((printed_site.site / "search" / "search_index.json").read_bytes())
    separator = re.compile(index["config"]["separator"])
    texts: dict[str, str] = {}
    for entry in index["docs"]:
        page = entry["location"].split("#")[0]
        text = re.sub(r"<[^>]+>", "", entry["title"] + "\n" + entry["text"])
        texts[page] = texts.get(page, "") + "\n" + separator.sub("", text)
    return texts


def test_a_phrase_ranks_the_pages_about_it_first(page: Any, site_url: str) -> None:
    results = _results(page, site_url, "理货报告")
    about = ("/port/container-import/", "/port/container-export/", "/port/roles/tally-company/")
    assert results[0][1].endswith(about), results
    titles = [title for title, _href in results]
    if "月度盘点与报表" in titles:
        last_about = max(i for i, (_t, href) in enumerate(results) if href.endswith(about))
        assert titles.index("月度盘点与报表") > last_about, titles


@pytest.mark.parametrize("query", sorted(PHRASES))
def test_pages_with_the_whole_query_then_all_its_words_then_the_rest(
    page: Any, site_url: str, printed_site: PrintedSite, query: str
) -> None:
    texts = _page_texts(printed_site)
    shown = [href.removeprefix(site_url) for _title, href in _results(page, site_url, query)]

    def tier(shown_page: str) -> int:
        text = texts[shown_page]
        if query in text:
            return 0
        return 1 if all(word in text for word in PHRASES[query]) else 2

    tiers = [tier(shown_page) for shown_page in shown]
    assert tiers[0] == 0 and tiers == sorted(tiers), list(zip(shown, tiers, strict=True))


def test_no_word_of_the_query_is_missing_from_a_result_that_holds_it(
    page: Any, site_url: str
) -> None:
    first = search(page, site_url, "理货报告").first
    assert first.locator(".md-search-result__terms").count() == 0  # Material's: 缺少: 理货*
    href = first.locator("a").first.get_attribute("href") or ""
    highlighted = parse_qs(urlsplit(href).query)["h"][0].split()  # what the page will mark
    assert sorted(highlighted) == ["报告", "理货"], href

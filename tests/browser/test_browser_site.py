"""The built handbook in a real browser: Debian's Chromium driven by Playwright.

The site is the bundled handbook (built once per session, see tests/printed_site.py),
served over HTTP on 127.0.0.1. Checked as a reader uses it: the home page loads
cleanly, a Chinese search finds the right pages and a click opens them, the
swimlane diagram is drawn and its nodes lead to the step or to the called
flow, and the SOP card's print preview is the card (diagram and sign-off block,
page for page the same as in the PDF deck). Screenshots of a flow page and of
a card go to tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import io
import re
import subprocess
from typing import Any
from urllib.parse import urljoin

from printed_site import PrintedSite, artifact
from pypdf import PdfReader

from generator.i18n import labels
from generator.printing.tounicode import fixed_text
from generator.render.paths import domain_deck

WORDS = labels("zh")


def compact(text: str) -> str:
    """Text without spaces, line breaks, the search's word breaks (U+200B) and permalinks (¶).

    Radicals a browser's PDF puts for ideographs (Chromium's text layer with the
    installed Noto CJK, see generator/printing/tounicode.py) are read as the ideographs.
    """
    return fixed_text(re.sub(r"[\s\u200b¶]+", "", text))


def open_page(page: Any, url: str) -> list[str]:
    """Go to *url*; the console errors and page errors seen while loading it."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return errors


def test_home_page_loads_without_console_errors(page: Any, site_url: str) -> None:
    errors = open_page(page, site_url)
    assert page.locator("h1").first.is_visible()
    assert page.locator("nav.md-nav").first.count() == 1
    assert errors == []


def search(page: Any, site_url: str, query: str) -> Any:
    """Type *query* into the site search; the result items once some are shown."""
    open_page(page, site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # a key event: the search listens to the keyboard
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    return results


def test_chinese_search_for_a_flow_finds_it_and_opens_it(page: Any, site_url: str) -> None:
    results = search(page, site_url, "靠泊")
    titles = [compact(text) for text in results.locator("h1").all_inner_texts()]
    assert "船舶靠泊" in titles, titles
    results.nth(titles.index("船舶靠泊")).locator("a").first.click()
    page.wait_for_url(re.compile(r"/port/berthing/(\?h=[^#]*)?$"))  # ?h=: highlight the words
    assert compact(page.locator("article h1").first.inner_text()) == "船舶靠泊"


def test_chinese_search_for_a_role_finds_its_page(page: Any, site_url: str) -> None:
    results = search(page, site_url, "大堂经理")
    titles = [compact(text) for text in results.locator("h1").all_inner_texts()]
    assert "大堂经理" in titles, titles
    results.nth(titles.index("大堂经理")).locator("a").first.click()
    page.wait_for_url(re.compile(r"/bank/roles/lobby-manager/(\?h=[^#]*)?$"))
    assert compact(page.locator("article h1").first.inner_text()) == "大堂经理"


def test_swimlane_is_drawn_and_a_step_node_jumps_to_its_step(page: Any, site_url: str) -> None:
    open_page(page, urljoin(site_url, "port/container-import/"))
    diagram = page.locator("article svg.handbook-diagram").first
    assert diagram.is_visible()
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    lanes = diagram.locator("g.lane")
    assert lanes.count() >= 3
    node = diagram.locator("g.step.decision a").first
    target = node.get_attribute("xlink:href") or node.get_attribute("href")
    assert target is not None and target.startswith("#step-")
    node.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    heading = page.locator(f"h3[id='{target[1:]}']")
    assert heading.is_visible()
    assert heading.evaluate("element => element.getBoundingClientRect().top") < 400
    page.screenshot(path=str(artifact("flow-page.png")), full_page=False)


def test_subflow_node_opens_the_called_flow(page: Any, site_url: str) -> None:
    open_page(page, urljoin(site_url, "port/container-import/"))
    node = page.locator("article svg.handbook-diagram g.step.subflow a").first
    node.click()
    page.wait_for_url(re.compile(r"/port/berthing/$"))
    assert compact(page.locator("article h1").first.inner_text()) == "船舶靠泊"


def test_print_links_lead_to_the_decks(page: Any, site_url: str) -> None:
    for url in ("port/", "port/berthing/", "port/roles/dispatcher/"):
        open_page(page, urljoin(site_url, url))
        link = page.locator("a.md-button", has_text=WORDS["print_pdf"])
        href = link.get_attribute("href")
        assert href is not None and href.endswith(".pdf"), url
        response = page.request.get(urljoin(page.url, href))
        assert response.ok and response.body().startswith(b"%PDF-"), (url, href)


def test_card_print_preview_is_the_card(
    page: Any, site_url: str, printed_site: PrintedSite
) -> None:
    open_page(page, urljoin(site_url, "port/berthing/sop/"))
    page.emulate_media(media="print")
    page.screenshot(path=str(artifact("sop-card-print-media.png")), full_page=True)
    preview = page.pdf(prefer_css_page_size=True, print_background=True)
    artifact("sop-card-print-preview.pdf").write_bytes(preview)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(artifact("sop-card-print-preview.pdf")),
            str(artifact("sop-card-print-preview")),
        ],
        check=True,
    )
    texts = [page_text.extract_text() for page_text in PdfReader(io.BytesIO(preview)).pages]
    whole = compact("".join(texts))
    for word in (WORDS["signoff"], WORDS["performed_by"], WORDS["date"], WORDS["checked_by"]):
        assert word in whole, word
    assert WORDS["diagram.start"] in texts[0] and "生成昼夜作业计划" in compact(texts[0])
    words_with_print = (WORDS["printed_on"], compact(WORDS["print_notice"]))
    unlabelled = re.sub("|".join(map(re.escape, words_with_print)), "", whole)
    assert WORDS["print"] not in unlabelled  # the screen-only buttons are not printed
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页/共{len(texts)}页" in compact(text)
        assert "港口业务" in compact(text) and "port/berthing" in text
    # The same layout as the card in the PDF deck: as many pages, the same lines on each.
    deck = PdfReader(printed_site.site / domain_deck("port"))
    footer = compact(f"port/berthing · {WORDS['version']}")
    card = [
        compact(page.extract_text())
        for page in deck.pages
        if footer in compact(page.extract_text())
    ]
    assert len(card) == len(texts)
    # The print date differs on purpose: the deck's is the build's, the browser's is today.
    for in_deck, previewed in zip(card, texts, strict=True):
        strip = re.compile(rf"第\d+页/共\d+页|{WORDS['printed_on']}\d{{4}}-\d{{2}}-\d{{2}}")
        assert strip.sub("", in_deck) == strip.sub("", compact(previewed))

"""A seven-lane flow as staff meet it, on a desktop, on a phone and on paper; axe-core on
every page type.

``port/container-import`` has seven lanes and eight roles in its RACI matrix. In
Debian's Chromium (Playwright) at 1280 px the swimlane is shown, at 390 px the compact
column (each step tagged with its lane); buttons switch between them (aria-pressed), one
shown at a time. Every label of the view shown is at least 11 px, every lane name is on
it; it has a name, a text version and a full-screen viewer (of the view shown) that zooms
and pans; every role heads a matrix column, the first column stays put while the matrix
scrolls and a cue says so; the facts keep 复审日期 on screen. Printed, the page and the
flow's own card PDF carry the compact column, every lane name and every label at 7 pt or
more (measured in the PDF: a Chinese character is 1 em wide). Screenshots and printed
pages go to tests/artifacts/ (``container-import-*``) for people to look at. axe-core
(tests/browser/package-lock.json, installed by scripts/setup.sh) finds no serious or
critical violation on any page type, nor after switching views.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from printed_site import PrintedSite, artifact
from pypdf import PdfReader
from test_browser_site import compact, open_page

from generator.i18n import labels
from generator.render.paths import flow_deck

WORDS = labels("zh")
FLOW = "port/container-import"
LANES = ("码头", "生产调度", "理货公司", "提箱客户", "海关", "闸口", "拖车")
ROLES = (*LANES, "船舶代理")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

MIN_PRINTED_PT = 7.0
"""The smallest label size a printed diagram may have."""

_LABEL_SIZES = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("text")).map(text => ({
    text: text.textContent,
    px: parseFloat(text.getAttribute("font-size")) * scale,
    lane: text.closest("g.lane") !== null,
    tag: text.getAttribute("font-weight") === "bold",
  }));
}"""

_PRESSED = (
    """buttons => buttons.map(b => [b.dataset.handbookView, b.getAttribute("aria-pressed")])"""
)


def _context(browser: Any, width: int) -> Any:
    return browser.new_context(
        viewport={"width": width, "height": 900 if width > 500 else 844},
        locale="zh-CN",
        has_touch=width < 500,
        is_mobile=width < 500,
    )


def _pdf_texts(pdf: Any) -> list[str]:
    """Each page's text, compacted; 戶 read as 户 (Chromium's text layer picks the variant)."""
    return [compact(sheet.extract_text()).replace("戶", "户") for sheet in pdf.pages]


def _rasterise(pdf: Path, prefix: str, dpi: int = 60) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(artifact(prefix))], check=True
    )


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)


def _printed_diagram_words(pdf: Path, page: int) -> list[tuple[str, float]]:
    """Every word of the compact diagram printed on *page* (from 0) with its size in points.

    The diagram's words lie from its start node (开始, at the top) down to the note under
    it; a word of wide (Chinese) characters only is as many em wide as it has characters.
    """
    layout = subprocess.run(
        ["pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = [
        (html.unescape(text), float(x_min), float(y_min), float(x_max))
        for x_min, y_min, x_max, text in _WORD.findall(layout)
    ]
    top = next(y for text, _x, y, _end in words if text == WORDS["diagram.start"])
    bottom = next(y for text, _x, y, _end in words if text.startswith("紧凑流程图"))
    return [
        (text, (x_max - x_min) / len(text))
        for text, x_min, y, x_max in words
        if top <= y < bottom and all(unicodedata.east_asian_width(char) in "WF" for char in text)
    ]


def _assert_legible_on_paper(pdf: Path, page: int) -> list[tuple[str, float]]:
    """Every lane name is on the printed compact diagram, no label under 7 pt."""
    words = _printed_diagram_words(pdf, page)
    assert set(LANES) <= {text for text, _size in words}, words
    smallest = min(words, key=lambda word: word[1])
    assert smallest[1] >= MIN_PRINTED_PT, smallest
    return words


def _check_view(page: Any, kind: str) -> Any:
    """The one diagram shown (of *kind*): named, described, every lane on it, labels ≥ 11 px."""
    shown = [svg for svg in page.locator("article svg.handbook-diagram").all() if svg.is_visible()]
    assert len(shown) == 1, kind  # the other view is display:none
    svg = shown[0]
    labels_ = svg.evaluate(_LABEL_SIZES)
    if kind == "swimlane":
        lane_titles = [label["text"] for label in labels_ if label["lane"]]
        assert [title for title in lane_titles if title.strip()] == list(LANES)
    else:
        assert {label["text"] for label in labels_ if label["tag"]} == set(LANES)
    smallest = min(labels_, key=lambda label: label["px"])
    assert smallest["px"] >= 11, (kind, smallest)
    title_id = svg.get_attribute("aria-labelledby")
    assert svg.get_attribute("role") == "img" and title_id
    title = WORDS["diagram_title" if kind == "swimlane" else "diagram_compact_title"]
    assert page.locator(f"[id='{title_id}']").text_content() == title.format(title="集装箱进口")
    described = page.locator(f"#{svg.get_attribute('aria-describedby')} li a")
    assert described.count() == 18 and described.nth(9).get_attribute("href") == "#step-release-ok"
    views = page.locator(".handbook-figure__views button").evaluate_all(_PRESSED)
    assert views == [
        ["swimlane", str(kind == "swimlane").lower()],
        ["compact", str(kind == "compact").lower()],
    ]
    return svg


def _shoot_canvas(page: Any, kind: str, prefix: str) -> int:
    """Screenshots of the view shown, across (swimlane) or down (compact): how many."""
    canvas = page.locator(f".handbook-figure__view--{kind}").first
    canvas.scroll_into_view_if_needed()
    # the fixed header and the back-to-top button would cover the diagram in the shots
    chrome = page.add_style_tag(content=".md-header, .md-top { visibility: hidden; }")
    shot = 1
    if kind == "swimlane":
        scroll_width, client_width = canvas.evaluate("c => [c.scrollWidth, c.clientWidth]")
        offset = 0
        while True:
            canvas.evaluate(f"c => c.scrollLeft = {offset}")
            canvas.screenshot(path=str(artifact(f"{prefix}-{shot}.png")))
            if offset + client_width >= scroll_width:
                break
            offset, shot = offset + client_width - 40, shot + 1
    else:
        box = canvas.bounding_box()
        viewport = page.viewport_size
        assert box is not None and viewport is not None
        top, height = box["y"] + page.evaluate("window.scrollY"), viewport["height"]
        down = 0.0
        while True:
            page.evaluate(f"window.scrollTo(0, {top + down})")
            page.screenshot(path=str(artifact(f"{prefix}-{shot}.png")))
            if down + height >= box["height"]:
                break
            down, shot = down + height - 60, shot + 1
    chrome.evaluate("style => style.remove()")
    return shot


@pytest.mark.parametrize("width", [1280, 390])
def test_a_seven_lane_flow_is_legible_and_loses_no_role(
    browser: Any, site_url: str, width: int
) -> None:
    for stale in artifact("x").parent.glob(f"container-import-{width}-*.png"):
        stale.unlink()
    context = _context(browser, width)
    page = context.new_page()
    try:
        errors = open_page(page, urljoin(site_url, f"{FLOW}/"))
        assert errors == []
        assert _axe_violations(page) == [], width
        # a desktop shows the swimlane, a phone the compact column; the buttons switch
        first, other = ("swimlane", "compact") if width > 500 else ("compact", "swimlane")
        _check_view(page, first)
        if first == "compact":  # it fits the phone: no sideways scrolling
            canvas = page.locator(".handbook-figure__view--compact").first
            scroll_width, client_width = canvas.evaluate("c => [c.scrollWidth, c.clientWidth]")
            assert scroll_width <= client_width + 1
        _shoot_canvas(page, first, f"container-import-{width}-{first}")
        tools = page.locator(".handbook-figure__tools").first
        tools.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact(f"container-import-{width}-toggle-{first}.png")))
        switch = page.locator(f"[data-handbook-view='{other}']")
        switch.focus()
        page.keyboard.press("Enter")  # a real button: the keyboard works
        _check_view(page, other)
        tools.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact(f"container-import-{width}-toggle-{other}.png")))
        assert _axe_violations(page) == [], (width, other)
        _shoot_canvas(page, other, f"container-import-{width}-{other}")
        # the full-screen viewer opens the view shown
        page.locator("[data-handbook-zoom]").click()
        viewer = page.locator(".handbook-viewer")
        viewer.wait_for(state="visible")
        title = WORDS["diagram_title" if other == "swimlane" else "diagram_compact_title"]
        assert viewer.get_attribute("aria-label") == title.format(title="集装箱进口")
        page.screenshot(path=str(artifact(f"container-import-{width}-viewer.png")))
        page.keyboard.press("0")
        page.screenshot(path=str(artifact(f"container-import-{width}-viewer-fit.png")))
        page.keyboard.press("Escape")
        assert page.locator(".handbook-viewer").count() == 0
        page.locator(f"[data-handbook-view='{first}']").click()
        _check_view(page, first)
        # the facts: 复审日期 on screen at any width
        review = page.locator("dl.handbook-facts div", has_text=WORDS["review"])
        box = review.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        # the RACI matrix: every role a column, the first column sticky, a cue when it scrolls
        matrix = page.locator(".handbook-matrix").first
        headers = [compact(text) for text in matrix.locator("thead th").all_inner_texts()]
        assert headers == [WORDS["step"], *ROLES]
        first_cell = matrix.locator("tbody tr td").first
        assert first_cell.evaluate("cell => getComputedStyle(cell).position") == "sticky"
        matrix.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact(f"container-import-{width}-raci.png")))
        overflows = "handbook-matrix--overflow" in (matrix.get_attribute("class") or "")
        cue = page.locator(".handbook-matrix__cue").first
        assert cue.is_visible() == overflows
        if overflows:
            scroller = matrix.locator("table").first
            scroller.evaluate("box => box.scrollLeft = box.scrollWidth")
            matrix.evaluate("box => box.scrollIntoView({block: 'start'})")
            page.evaluate("window.scrollBy(0, -120)")  # below the fixed header
            page.wait_for_timeout(100)
            page.screenshot(path=str(artifact(f"container-import-{width}-raci-scrolled.png")))
            last = matrix.locator("thead th").last.bounding_box()
            step_cell = first_cell.bounding_box()
            assert last is not None and last["x"] + last["width"] <= width + 1
            assert step_cell is not None and step_cell["x"] >= 0  # the step column stayed
        assert width == 390 or not overflows  # on a desktop all eight roles fit
        _the_roles_stay_in_view_down_a_tall_matrix(page, matrix, width)
    finally:
        context.close()


def test_the_chosen_view_is_kept_for_the_next_flow(browser: Any, site_url: str) -> None:
    context = _context(browser, 1280)
    page = context.new_page()
    try:

        def shown() -> list[str]:
            figure = page.locator(".handbook-figure--page").first
            return [
                kind
                for kind in ("swimlane", "compact")
                if figure.locator(f".handbook-figure__view--{kind}").is_visible()
            ]

        open_page(page, urljoin(site_url, f"{FLOW}/"))
        assert shown() == ["swimlane"]  # a desktop starts with the swimlane
        page.locator("[data-handbook-view='compact']").click()
        open_page(page, urljoin(site_url, "port/container-export/"))
        assert shown() == ["compact"]
        pressed = page.locator("[data-handbook-view='compact']").get_attribute("aria-pressed")
        assert pressed == "true"
        page.locator("[data-handbook-view='swimlane']").click()
        open_page(page, urljoin(site_url, f"{FLOW}/"))
        assert shown() == ["swimlane"]
    finally:
        context.close()


def test_the_buttons_follow_the_view_css_shows_when_the_window_narrows(
    browser: Any, site_url: str
) -> None:
    context = _context(browser, 1280)
    page = context.new_page()
    try:
        open_page(page, urljoin(site_url, f"{FLOW}/"))
        compact_button = page.locator("[data-handbook-view='compact']")
        assert compact_button.get_attribute("aria-pressed") == "false"
        page.set_viewport_size({"width": 390, "height": 844})  # below the CSS breakpoint
        page.wait_for_function(
            "document.querySelector(\"[data-handbook-view='compact']\")"
            ".getAttribute('aria-pressed') === 'true'"
        )
        assert page.locator(".handbook-figure__view--compact").first.is_visible()
    finally:
        context.close()


def _the_roles_stay_in_view_down_a_tall_matrix(page: Any, matrix: Any, width: int) -> None:
    """A matrix taller than the window scrolls in its own box under a header row that stays."""
    box = matrix.locator("table").first
    tall = box.evaluate("b => b.scrollHeight > b.clientHeight + 1")
    assert tall or width > 500  # seventeen wrapped steps on a phone: taller than the window
    if not tall:
        return
    box.evaluate("b => { b.scrollTop = b.scrollHeight; b.scrollLeft = 0; }")
    box.evaluate("b => b.scrollIntoView({block: 'end'})")
    page.wait_for_timeout(100)
    page.screenshot(path=str(artifact(f"container-import-{width}-raci-bottom.png")))
    frame, header = box.bounding_box(), matrix.locator("thead th").nth(1).bounding_box()
    assert frame is not None and header is not None
    assert abs(header["y"] - frame["y"]) <= 1, (header, frame)  # the role names stayed on top
    assert frame["y"] + frame["height"] <= page.viewport_size["height"] + 1
    last_row = matrix.locator("tbody tr").last.bounding_box()
    assert (
        last_row is not None
        and last_row["y"] + last_row["height"] <= frame["y"] + frame["height"] + 1
    )


def test_the_viewer_zooms_and_pans_with_keys_and_pointer(page: Any, site_url: str) -> None:
    open_page(page, urljoin(site_url, f"{FLOW}/"))
    opener = page.locator("[data-handbook-zoom]")
    opener.click()
    layer = page.locator(".handbook-viewer__layer")

    def transform() -> tuple[float, float, float]:
        text = layer.evaluate("l => l.style.transform")
        found = re.fullmatch(r"translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([\d.e]+)\)", text)
        assert found is not None, text
        x, y, scale = (float(part) for part in found.groups())
        return x, y, scale

    scale = transform()[2]
    page.keyboard.press("+")
    assert transform()[2] == pytest.approx(scale * 1.25, rel=0.01)
    x = transform()[0]
    page.keyboard.press("ArrowLeft")
    assert transform()[0] == pytest.approx(x + 60)
    before = transform()
    stage = page.locator(".handbook-viewer__stage").bounding_box()
    assert stage is not None
    page.mouse.move(stage["x"] + 300, stage["y"] + 300)
    page.mouse.down()
    page.mouse.move(stage["x"] + 200, stage["y"] + 250, steps=5)
    page.mouse.up()
    after = transform()
    assert round(after[0] - before[0]) == -100 and round(after[1] - before[1]) == -50
    page.keyboard.press("Escape")
    assert page.locator(".handbook-viewer").count() == 0
    assert page.evaluate("document.activeElement.hasAttribute('data-handbook-zoom')")


def test_the_printed_flow_page_keeps_the_diagram_under_its_heading_and_every_role(
    page: Any, site_url: str
) -> None:
    open_page(page, urljoin(site_url, f"{FLOW}/"))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    target = artifact("container-import-printed.pdf")
    target.write_bytes(pdf)
    for stale in artifact("x").parent.glob("container-import-printed-*.png"):
        stale.unlink()
    _rasterise(target, "container-import-printed")
    reader = PdfReader(io.BytesIO(pdf))
    texts = _pdf_texts(reader)
    diagram_page = next(n for n, text in enumerate(texts) if compact(WORDS["diagram"]) in text)
    assert WORDS["diagram.start"] in texts[diagram_page]  # the diagram is under its heading
    # seven lanes would print at about 50 %: the compact column prints instead, in portrait,
    # with a note pointing to the swimlane online
    box = reader.pages[diagram_page].mediabox
    assert box.width < box.height
    assert "完整泳道图见网页版" in texts[diagram_page]
    _assert_legible_on_paper(target, diagram_page)
    raci_page = next(n for n, text in enumerate(texts) if compact(WORDS["raci"]) in text)
    assert all(role in texts[raci_page] for role in ROLES), texts[raci_page]
    box = reader.pages[raci_page].mediabox
    assert box.width > box.height  # eight roles: a landscape page
    assert texts[diagram_page + 1].startswith(compact(WORDS["steps"]))  # sections start pages


def test_the_flow_page_prints_its_own_card(
    page: Any, site_url: str, printed_site: PrintedSite
) -> None:
    open_page(page, urljoin(site_url, f"{FLOW}/"))
    href = page.locator("a.md-button", has_text=WORDS["print_pdf"]).get_attribute("href")
    assert href is not None and href.endswith(flow_deck(FLOW))
    deck = printed_site.site / flow_deck(FLOW)
    for stale in artifact("x").parent.glob("container-import-card-*.png"):
        stale.unlink()
    _rasterise(deck, "container-import-card", dpi=80)
    texts = _pdf_texts(PdfReader(deck))
    assert all(f"{FLOW}·" in text for text in texts)  # this card only, on every page
    # the cover carries the compact column: every lane name, every label at 7 pt or more
    assert all(lane in texts[0] for lane in LANES)
    assert "完整泳道图见网页版" in texts[0]
    _assert_legible_on_paper(deck, 0)
    assert WORDS["signoff"] in texts[-1]


PAGE_TYPES = {
    "home": "",
    "domain": "bank/",
    "flow with a loop": "bank/consultation/",
    "role": "bank/roles/lobby-manager/",
    "sop-card": f"{FLOW}/sop/",
    "all-flows": "all/",
    "review": "all/review/",
    "diagnostics": "all/diagnostics/",
    "404": "404.html",
}


def _axe_violations(page: Any) -> list[str]:
    """The serious and critical violations axe-core finds on the open page."""
    assert AXE.is_file(), "axe-core is missing: run scripts/setup.sh (npm ci in tests/browser)"
    page.add_script_tag(path=str(AXE))
    violations: list[str] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
          .violations.filter(v => v.impact === "serious" || v.impact === "critical")
          .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))"""
    )
    return violations


def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(
    page: Any, site_url: str
) -> None:
    """Every page type at 1280 px (the flow page at both widths is checked above)."""
    found = {}
    for kind, url in PAGE_TYPES.items():
        open_page(page, urljoin(site_url, url))
        if violations := _axe_violations(page):
            found[kind] = violations
    assert found == {}

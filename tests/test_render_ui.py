"""What readers meet around the content: the diagram's two views, text version and ARIA,
legibility and how it prints (orientation, the compact column), the SOP card's decision
checklists, the home page's generated domain table, the Chinese 404 page and the
diagrams' label contrast.

The pages are rendered from tests/fixtures/mini (see tests/test_render_pages.py); the
built site in a real browser is checked in tests/browser/test_browser_ui.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from test_render_pages import TODAY, fixed_diagrams, fixture_handbook

from generator.diagrams import column, compact_key, dot, parts
from generator.i18n import labels
from generator.model import Handbook
from generator.render import paths
from generator.render.figure import (
    CARD_PORTRAIT_MM,
    MIN_PRINT_SCALE,
    PAGE_PORTRAIT_MM,
    describe,
    inline_svg,
    min_width_px,
    printed_diagram,
)
from generator.render.pages import PageSettings, render_pages
from generator.render.theme import not_found_page

WORDS = labels("zh")


def _pages(handbook: Handbook) -> dict[str, str]:
    settings = PageSettings(today=TODAY)
    return render_pages(handbook, diagrams=fixed_diagrams(handbook), settings=settings)


def test_the_text_version_names_lanes_steps_branches_and_loops_in_order() -> None:
    handbook = fixture_handbook()
    flow = handbook.flow("port/vessel-berthing", "port")
    assert flow is not None
    description = describe(flow, handbook, WORDS)
    assert description.lanes.startswith("图中共 2 条泳道")
    assert "生产调度、系解缆工" in description.lanes
    lines = {line.anchor: line.text for line in description.steps}
    assert [line.number for line in description.steps] == list(range(1, len(flow.steps) + 1))
    assert (
        lines["step-berth-ready"]
        == "泊位是否就绪？（生产调度）：若“是”，转到第 4 步；若“否”，转到第 3 步"
    )
    assert lines["step-clear-berth"].endswith("转到第 2 步（返回前面的步骤，形成循环）")
    assert "执行子流程“集装箱卸船”" in lines["step-discharge"]
    assert lines["step-done"].endswith("流程结束")


def test_the_flow_page_ties_the_diagram_to_its_text_version_and_the_step_list() -> None:
    page = _pages(fixture_handbook())["port/vessel-berthing/index.md"]
    assert 'role="img" aria-labelledby="diagram-title-port-vessel-berthing"' in page
    assert 'aria-describedby="diagram-text"' in page
    assert '<title id="diagram-title-port-vessel-berthing">船舶靠泊：泳道流程图</title>' in page
    assert '<details class="handbook-diagram-text" id="diagram-text">' in page
    assert '<li value="3"><a href="#step-clear-berth">' in page
    assert '<a class="md-button" href="diagram.svg">' in page
    assert "- [ ]" not in page  # checklists are boxed list items, not disabled checkboxes
    assert '<div class="handbook-checklist" markdown>' in page


def svg_of(width: float, height: float) -> str:
    """A diagram's opening tag of this natural size (points)."""
    return (
        f'<svg class="handbook-diagram" width="{width:g}pt" height="{height:g}pt"'
        f' viewBox="0 0 {width:g} {height:g}">'
    )


def test_a_wide_diagram_keeps_11_px_labels() -> None:
    wide = svg_of(1200, 300)
    # the smallest label is 10 pt = 13.3 px at full size: 11 px needs 82.5 % of 1600 px
    assert min_width_px(wide) == 1320
    # the compact column's smallest label is 11 pt: 11 px at 75 %
    assert min_width_px(svg_of(267, 961), 11.0) == 267  # 75 % of 356 px
    svg = inline_svg(wide + "</svg>", title="t", title_id="x", described_by=None, keep_legible=True)
    assert 'style="min-width: 1320px"' in svg and 'role="img"' in svg
    card = inline_svg(
        wide + "</svg>", title="t", title_id="x", described_by=None, keep_legible=False
    )
    assert "min-width" not in card and "style=" not in card
    natural = inline_svg(
        svg_of(267, 961) + "</svg>",
        title="t",
        title_id="x",
        described_by=None,
        keep_legible=False,
        never_enlarged=True,
    )
    assert 'style="max-height: 961pt"' in natural


def test_print_keeps_a_legible_swimlane_and_else_takes_the_compact_column() -> None:
    small, column = svg_of(400, 300), svg_of(150, 300)
    assert printed_diagram(small, column) == printed_diagram(small, None)
    assert not printed_diagram(small, column).compact
    # a wide swimlane that a landscape page prints legibly: landscape, as before
    wide = svg_of(1100, 300)
    assert printed_diagram(wide, column).landscape and not printed_diagram(wide, column).compact
    # seven lanes (port/container-import): the swimlane would print at about 40 %
    swimlane, compact = svg_of(1337, 1131), svg_of(267, 961)
    alone = printed_diagram(swimlane, None)
    assert alone.scale < MIN_PRINT_SCALE and not alone.compact
    chosen = printed_diagram(swimlane, compact)
    assert chosen.compact and not chosen.landscape and chosen.scale > MIN_PRINT_SCALE
    # its step labels (12 pt) and lane tags (11 pt) print at 7 pt or more
    assert 11 * chosen.scale >= 7.0
    on_page = printed_diagram(swimlane, compact, PAGE_PORTRAIT_MM, PAGE_PORTRAIT_MM)
    assert on_page.compact and on_page.scale >= chosen.scale
    # a tall column that would print smaller than the swimlane: the swimlane stays
    assert not printed_diagram(swimlane, svg_of(300, 5000)).compact
    # a tall swimlane of one lane (bank/consultation) prints larger as a column of its own
    assert printed_diagram(svg_of(396, 1094), svg_of(329, 903), CARD_PORTRAIT_MM).compact


def test_the_flow_page_offers_both_views_and_prints_the_legible_one() -> None:
    handbook = fixture_handbook()
    diagrams = fixed_diagrams(handbook)
    page = _pages(handbook)["port/vessel-berthing/index.md"]
    assert page.count('role="img"') == 2
    assert page.count('aria-describedby="diagram-text"') == 2
    assert '<title id="diagram-title-port-vessel-berthing-compact">' in page
    assert 'data-handbook-view="swimlane" aria-pressed="false">泳道视图</button>' in page
    assert 'data-handbook-view="compact" aria-pressed="false">紧凑视图</button>' in page
    assert 'class="handbook-figure__views" role="group" aria-label="流程图视图" hidden' in page
    assert "handbook-figure--print-compact" not in page  # the stand-ins have no size
    # a swimlane of seven lanes prints its compact column, with a note on paper
    flow_key = "port/vessel-berthing"
    diagrams[flow_key] = svg_of(1337, 1131) + diagrams[flow_key].split(">", 1)[1]
    diagrams[compact_key(flow_key)] = (
        svg_of(267, 961) + diagrams[compact_key(flow_key)].split(">", 1)[1]
    )
    pages = render_pages(handbook, diagrams=diagrams, settings=PageSettings(today=TODAY))
    wide = pages["port/vessel-berthing/index.md"]
    assert "handbook-figure--print-compact" in wide and "handbook-print-landscape" not in wide
    assert '<p class="handbook-figure__note handbook-print-only">紧凑流程图：' in wide
    card = pages["port/vessel-berthing/sop.md"]
    assert "handbook-sop__cover--compact" in card
    assert "diagram-title-port-vessel-berthing-compact" in card
    assert 'style="max-height: 961pt"' in card  # the cover never enlarges it
    assert '<p class="handbook-sop__diagram-note">紧凑流程图：' in card
    assert "完整泳道图见网页版" in card


def test_the_sop_card_lists_a_decisions_checklist_before_its_outcomes() -> None:
    handbook = fixture_handbook()
    flow = handbook.flow("port/vessel-berthing", "port")
    assert flow is not None
    steps = tuple(
        replace(step, checklist=("核对泊位长度", "确认缆桩完好"))
        if step.id == "berth-ready"
        else step
        for step in flow.steps
    )
    edited = Handbook(
        domains=handbook.domains,
        roles=handbook.roles,
        flows=tuple(replace(f, steps=steps) if f.key == flow.key else f for f in handbook.flows),
    )
    card = _pages(edited)["port/vessel-berthing/sop.md"]
    section = card[card.index('id="step-berth-ready"') :]
    section = section[: section.index("</section>")]
    numbers = re.findall(r'<span class="handbook-sop__n">([\d.]+)</span>', section)
    assert numbers == ["2.1", "2.2", "2.3"]
    assert section.index("核对泊位长度") < section.index("确认缆桩完好") < section.index("判断结果")


def test_the_home_page_table_links_every_domain_and_flow_and_the_index_pages() -> None:
    handbook = fixture_handbook()
    snippet = _pages(handbook)[paths.HOME_DOMAINS_SNIPPET]
    for domain in handbook.domains:
        assert f"[{domain.title}]({domain.id}/index.md)" in snippet
    for flow in handbook.flows:
        assert f"({paths.flow_page(flow.key)})" in snippet
    assert "[全部流程](all/index.md)" in snippet and "[复审报告](all/review.md)" in snippet


def test_the_404_page_is_in_the_handbook_language() -> None:
    zh = not_found_page(labels("zh"))
    assert "<h1>页面不存在（404）</h1>" in zh and '{% extends "main.html" %}' in zh
    assert 'href="{{ base_url }}/all/"' in zh
    assert "Page not found" in not_found_page(labels("en"))


def _luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_diagram_labels_contrast_at_least_4_5_to_1_with_what_they_sit_on() -> None:
    lane = re.search(r'fillcolor="(#[0-9a-f]{6})"', dot._LANE)
    assert lane is not None
    pairs = [("#000000", lane.group(1))]  # lane titles and edge labels (default black)
    for attributes in (parts.START_STYLE, parts.BRANCH_STYLE, *dot._KIND.values()):
        font = re.search(r'fontcolor="(#[0-9a-f]{6})"', attributes)
        fill = re.search(r'fillcolor="(#[0-9a-f]{6})"', attributes)
        pairs.append(
            (font.group(1) if font else "#000000", fill.group(1) if fill else lane.group(1))
        )
    # the compact column: step names (black) and every lane's tag on every node fill
    fills = ["#ffffff"]
    for attributes in column._KIND.values():
        fill = re.search(r'fillcolor="(#[0-9a-f]{6})"', attributes)
        if fill:
            fills.append(fill.group(1))
    pairs += [("#000000", fill) for fill in fills]
    pairs += [(colour, fill) for colour in column.LANE_COLOURS for fill in fills]
    for text, background in pairs:
        assert _contrast(text, background) >= 4.5, (text, background)

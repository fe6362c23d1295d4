"""The generated Markdown: golden files for representative pages, and the rules every page keeps.

Golden files live in tests/golden/md/; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 pytest tests/test_render_pages.py`` and review the diff.
The diagrams are given as a fixed SVG per flow (the real ones are tested in
tests/test_diagrams_*.py and end to end in tests/test_build_site.py), so golden
files do not depend on the Graphviz version.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.check import check_flows
from generator.diagrams import compact_key
from generator.i18n import TABLE, labels
from generator.model import Handbook
from generator.render import paths
from generator.render.environment import TEMPLATES
from generator.render.nav import nav_document
from generator.render.pages import PageSettings, RenderError, render_pages
from generator.render.raci import LETTERS, flow_matrix, step_letters
from generator.site.incremental import Change, affected_pages

FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "flows"
GOLDEN = Path(__file__).parent / "golden" / "md"
TODAY = dt.date(2026, 6, 1)
SITE_URL = "https://handbook.example.com/"

GOLDEN_PAGES = [
    "port/vessel-berthing/index.md",  # decision loop, sub-flow, control point, RACI with I
    "port/vessel-berthing/sop.md",  # the SOP card of the same flow
    "port/crew-exchange/index.md",  # a role of another domain, draft status
    "port/hostile-names/index.md",  # hostile text everywhere
    "port/container-discharge/index.md",  # called by another flow
    "port/index.md",  # domain page
    "bank/roles/lobby-manager/index.md",  # role page across domains
    "all/review.md",  # review report
]


@cache
def fixture_handbook() -> Handbook:
    result = check_flows(FIXTURE, today=TODAY, display_root="flows")
    assert result.ok, result.diagnostics
    return result.handbook


def fixed_diagrams(handbook: Handbook) -> dict[str, str]:
    """Stand-in SVGs per flow (swimlane and compact column) with one link of each kind."""
    return {
        key: (
            '<svg class="handbook-diagram" viewBox="0 0 10 10">'
            f'<a xlink:href="#step-{flow.steps[0].id}"'
            f' xlink:title="start"><text>{kind} of {flow.id}</text></a>'
            f'<a xlink:href="__ROOT__/{flow.key}/"><text>self</text></a></svg>\n'
        )
        for flow in handbook.flows
        for key, kind in ((flow.key, "diagram"), (compact_key(flow.key), "compact diagram"))
    }


@cache
def mini_pages(language: str = "zh") -> dict[str, str]:
    handbook = fixture_handbook()
    settings = PageSettings(today=TODAY, language=language, site_url=SITE_URL)
    return render_pages(handbook, diagrams=fixed_diagrams(handbook), settings=settings)


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_markdown(page: str) -> None:
    actual = mini_pages()[page]
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_expected_page_is_generated_and_nothing_else() -> None:
    handbook = fixture_handbook()
    expected = {paths.ALL_FLOWS_PAGE, paths.REVIEW_PAGE, paths.DIAGNOSTICS_PAGE}
    expected.add(paths.HOME_DOMAINS_SNIPPET)
    expected |= {paths.flow_diagram(flow.key) for flow in handbook.flows}
    expected |= {paths.domain_page(domain.id) for domain in handbook.domains}
    expected |= {paths.role_page(role.key) for role in handbook.roles}
    expected |= {paths.flow_page(flow.key) for flow in handbook.flows}
    expected |= {paths.sop_page(flow.key) for flow in handbook.flows}
    assert set(mini_pages()) == expected
    assert "port/vessel-berthing/index.md" in expected
    assert "port/roles/dispatcher/index.md" in expected


def test_rendering_is_deterministic() -> None:
    handbook = fixture_handbook()
    settings = PageSettings(today=TODAY, site_url=SITE_URL)
    first = render_pages(handbook, diagrams=fixed_diagrams(handbook), settings=settings)
    second = render_pages(handbook, diagrams=fixed_diagrams(handbook), settings=settings)
    assert first == second
    assert list(first) == sorted(first)


def test_hostile_text_never_reaches_a_page_raw() -> None:
    for page, page_text in mini_pages().items():
        # the summary is Markdown: its code span `<script>` is shown as code
        page_text = page_text.replace("`<script>`", "")
        assert "<script" not in page_text, page
        assert "<b>" not in page_text and "<img" not in page_text, page
        assert "{% raw %}" not in page_text, page
    hostile = mini_pages()["port/hostile-names/index.md"]
    assert "49" not in hostile  # {{ 7*7 }} was never evaluated
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#123;&#123; 7&#42;7 &#125;&#125;" in hostile
    assert "&quot;&#93;; x &#91; 检查" in hostile


def test_step_sections_have_stable_anchors_and_numbers() -> None:
    page = mini_pages()["port/vessel-berthing/index.md"]
    headings = re.findall(r"^### (\d+)\. .* \{ #(step-[a-z0-9-]+) \}$", page, re.MULTILINE)
    assert headings == [
        ("1", "step-plan"),
        ("2", "step-berth-ready"),
        ("3", "step-clear-berth"),
        ("4", "step-moor"),
        ("5", "step-discharge"),
        ("6", "step-done"),
    ]


def test_diagram_links_are_relinked_per_page_depth() -> None:
    pages = mini_pages()
    assert 'xlink:href="../../port/vessel-berthing/"' in pages["port/vessel-berthing/index.md"]
    assert 'xlink:href="../../../port/vessel-berthing/"' in pages["port/vessel-berthing/sop.md"]
    assert "__ROOT__" not in "".join(pages.values())


def test_an_a_only_where_the_accountable_role_is_not_the_doer_and_letters_in_raci_order() -> None:
    handbook = fixture_handbook()
    seen_a = False
    for flow in handbook.flows:
        for step in flow.steps:
            letters = step_letters(step, flow, handbook)
            holders_of_a = [key for key, held in letters.items() if "A" in held]
            differs = step.role is not None and handbook.qualify(
                step.accountable_role or step.role, flow.domain
            ) != handbook.qualify(step.role, flow.domain)
            assert len(holders_of_a) == (1 if differs else 0), (flow.key, step.id)
            seen_a = seen_a or differs
            if step.role is not None:
                assert "A" not in letters[handbook.qualify(step.role, flow.domain)]
            for held in letters.values():
                assert list(held) == [letter for letter in LETTERS if letter in held]
    assert seen_a


def test_flow_matrix_lists_lanes_first_then_other_roles() -> None:
    handbook = fixture_handbook()
    flow = handbook.flow("port/vessel-berthing", "port")
    assert flow is not None
    matrix = flow_matrix(flow, handbook)
    assert matrix.roles == ("port/dispatcher", "port/linesman", "port/pilot")
    assert [row.step.id for row in matrix.rows] == [
        "plan",
        "berth-ready",
        "clear-berth",
        "moor",
        "discharge",
    ]
    clear = matrix.rows[2].letters
    assert clear == {"port/linesman": ("R",), "port/dispatcher": ("A",)}


def test_the_raci_table_of_a_flow_page() -> None:
    page = mini_pages()["port/vessel-berthing/index.md"]
    assert (
        "| 步骤 | [生产调度](../roles/dispatcher/index.md) | [系解缆工](../roles/linesman/index.md)"
        " | [引航员](../roles/pilot/index.md) |" in page
    )
    assert "| [3. 清理泊位](#step-clear-berth) | A | R |  |" in page
    assert "| [1. 生成昼夜作业计划](#step-plan) | R | I |  |" in page
    assert '<div class="handbook-matrix" role="region"' in page
    assert "R 执行" in page and "A 批准" in page  # the legend under the matrix


def test_role_page_lists_steps_of_every_domain_grouped_by_flow() -> None:
    page = mini_pages()["bank/roles/lobby-manager/index.md"]
    groups = re.findall(r"^### \[(.+?)\]\((.+?)\)", page, re.MULTILINE)
    assert groups == [
        ("港口业务 · 船员外币兑换", "../../../port/crew-exchange/index.md"),
        ("银行网点 · 业务咨询", "../../consultation/index.md"),
        ("银行网点 · 开门迎宾", "../../open-door/index.md"),
    ]
    assert "| [2. 办理兑换](../../../port/crew-exchange/index.md#step-exchange) | A |" in page
    assert "**直接下属**：[柜员](../teller/index.md)、[保安](../security/index.md)" in page


def test_called_by_links_to_the_calling_step() -> None:
    page = mini_pages()["port/container-discharge/index.md"]
    assert "[船舶靠泊 · 卸船作业](../vessel-berthing/index.md#step-discharge)" in page


def test_review_report_lists_overdue_and_due_soon() -> None:
    handbook = fixture_handbook()
    settings = PageSettings(today=dt.date(2027, 1, 15), site_url=SITE_URL)
    page = render_pages(handbook, diagrams=fixed_diagrams(handbook), settings=settings)[
        paths.REVIEW_PAGE
    ]
    overdue, due = page.split("## 90 天内到期")
    assert "[船舶靠泊]" in overdue and "| 153 |" in overdue
    assert "[业务咨询]" in overdue and "| 14 |" in overdue
    assert "[集装箱卸船]" in due and "| 17 |" in due
    assert "船员外币兑换" in due  # draft flows are reviewed too; only retired ones are left out


def test_diagnostics_reference_has_every_code() -> None:
    from generator.diagnostics import CODES

    page = mini_pages()[paths.DIAGNOSTICS_PAGE]
    for code in CODES:
        assert f'<code id="{code}">{code}</code>' in page


def test_sop_card_has_checklist_sign_off_and_footer_with_qr_code() -> None:
    card = mini_pages()["port/vessel-berthing/sop.md"]
    assert card.count('<span class="handbook-box"></span>') >= 6
    assert "<th>执行人</th><th>日期</th><th>复核人</th>" in card
    assert "本卡对应流程版本 1.2" in card
    assert "https&#58;//handbook.example.com/verify/port/vessel-berthing/1.2/" in card
    assert '<svg viewBox="0 0 ' in card and 'class="handbook-qr"' in card
    assert "@bottom-left" in card and "port/vessel-berthing" in card
    assert 'id="step-clear-berth"' in card


def test_sop_card_without_site_url_has_no_qr_code() -> None:
    handbook = fixture_handbook()
    pages = render_pages(
        handbook, diagrams=fixed_diagrams(handbook), settings=PageSettings(today=TODAY)
    )
    assert "handbook-qr" not in pages["port/vessel-berthing/sop.md"]


def test_english_pages_use_english_labels_only() -> None:
    english = mini_pages("en")
    page = english["port/vessel-berthing/index.md"]
    assert "Process owner" in page and "## Steps { #steps }" in page
    chinese_labels = ["流程负责人", "复审日期", "检查清单", "关键控制点", "执行（R）", "标准作业卡"]
    for path, page_text in english.items():
        for chinese in chinese_labels:
            assert chinese not in page_text, (path, chinese)


def test_every_label_a_template_uses_exists_in_both_languages() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.j2"):
        source = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z_]+)", source))
        prefixes = set(re.findall(r't\["([a-z_]+\.)" ~', source))
        assert all(any(key.startswith(prefix) for key in TABLE) for prefix in prefixes)
    assert used, "no labels found in the templates"
    missing = sorted(key for key in used if key not in TABLE)
    assert not missing, missing
    for language in ("zh", "en"):
        assert set(labels(language)) == set(TABLE)


def test_two_pages_on_one_path_are_refused() -> None:
    handbook = fixture_handbook()
    flows = list(handbook.flows)
    roles_flow = next(flow for flow in flows if flow.key == "port/vessel-berthing")
    from dataclasses import replace

    clash = replace(roles_flow, id="roles")  # /port/roles/ next to the role pages ...
    role = next(role for role in handbook.roles if role.key == "port/pilot")
    sop_role = replace(role, id="sop")  # ... and a role called "sop": /port/roles/sop/
    broken = Handbook(
        domains=handbook.domains,
        roles=(*handbook.roles, sop_role),
        flows=tuple(sorted((*flows, clash), key=lambda flow: flow.key)),
    )
    with pytest.raises(RenderError, match=r"published at '/port/roles/sop/'"):
        render_pages(broken, diagrams=fixed_diagrams(broken), settings=PageSettings(today=TODAY))


def test_a_domain_called_all_is_refused() -> None:
    from dataclasses import replace

    handbook = fixture_handbook()
    renamed = Handbook(domains=(replace(handbook.domains[0], id="all"),))
    with pytest.raises(RenderError, match="reserved"):
        render_pages(renamed, diagrams={}, settings=PageSettings(today=TODAY))


def test_navigation_follows_domain_order_and_keeps_hand_written_pages() -> None:
    import yaml

    handbook = fixture_handbook()
    text = nav_document(
        handbook,
        words=labels("zh"),
        handwritten=["index.md", "guide/index.md", "guide/terms.md", "about.md"],
        folder_titles={"guide": "编写指南"},
    )
    document = yaml.safe_load(text)
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in document["nav"]]
    maintainers = "维护者：编写与开发"
    assert titles == [
        "index.md",
        "港口业务",
        "银行网点",
        "手册索引",
        "归档（已废止）",
        "about.md",
        maintainers,
    ]
    assert document["nav"][-1][maintainers] == [
        {"编写指南": ["guide/index.md", "guide/terms.md"]},
        "all/diagnostics.md",
    ]
    assert document["nav"][1]["港口业务"][0] == "port/index.md"
    assert "/*/roles/" in document["not_in_nav"]


def _edited(handbook: Handbook, key: str, **changes: object) -> Handbook:
    from dataclasses import replace

    flows = tuple(
        replace(flow, **changes) if flow.key == key else flow  # type: ignore[arg-type]
        for flow in handbook.flows
    )
    return Handbook(domains=handbook.domains, roles=handbook.roles, flows=flows)


def _edit_step(handbook: Handbook, key: str, step_id: str, **changes: object) -> Handbook:
    from dataclasses import replace

    flow = handbook.flow(key, "port")
    assert flow is not None
    steps = tuple(
        replace(step, **changes) if step.id == step_id else step  # type: ignore[arg-type]
        for step in flow.steps
    )
    return _edited(handbook, key, steps=steps)


def _rename_step(handbook: Handbook, key: str, step_id: str, name: str) -> Handbook:
    return _edit_step(handbook, key, step_id, name=name)


@pytest.mark.parametrize(
    "edit",
    [
        lambda handbook: _edited(handbook, "port/container-discharge", title="集装箱卸船（新）"),
        lambda handbook: _edited(handbook, "port/vessel-berthing", owner="linesman"),
        lambda handbook: _rename_step(handbook, "port/vessel-berthing", "moor", "靠泊并系缆"),
        lambda handbook: _rename_step(handbook, "port/crew-exchange", "exchange", "兑换外币"),
        lambda handbook: _edited(handbook, "port/hostile-names", review=dt.date(2026, 7, 1)),
        lambda handbook: _rename_step(handbook, "port/vessel-berthing", "discharge", "卸船"),
        lambda handbook: _edit_step(handbook, "port/vessel-berthing", "moor", role="pilot"),
        lambda handbook: _edit_step(handbook, "port/vessel-berthing", "plan", informed=()),
        lambda handbook: _edit_step(
            handbook, "port/vessel-berthing", "discharge", flow="crew-exchange"
        ),
        lambda handbook: _edit_step(handbook, "port/vessel-berthing", "plan", details="新说明"),
    ],
)
def test_affected_pages_cover_every_page_an_edit_changes(edit: Any) -> None:
    before = fixture_handbook()
    after = edit(before)
    settings = PageSettings(today=TODAY, site_url=SITE_URL)
    full_before = render_pages(before, diagrams=fixed_diagrams(before), settings=settings)
    full_after = render_pages(after, diagrams=fixed_diagrams(after), settings=settings)
    differing = {path for path in full_after if full_after[path] != full_before[path]}
    change = affected_pages(before, after)
    assert change is not None
    assert differing, "the edit should change some page"
    assert differing <= change.pages
    assert len(change.pages) < len(full_after) / 2  # and it is not simply everything
    partial = render_pages(
        after, diagrams=fixed_diagrams(after), settings=settings, only=change.pages
    )
    assert partial == {path: full_after[path] for path in change.pages}


def test_a_changed_title_redraws_the_diagrams_of_the_callers() -> None:
    before = fixture_handbook()
    after = _edited(before, "port/container-discharge", title="集装箱卸船（新）")
    change = affected_pages(before, after)
    assert change is not None
    assert change.diagrams == {"port/container-discharge", "port/vessel-berthing"}


def test_structural_edits_mean_everything_is_affected() -> None:
    from dataclasses import replace

    before = fixture_handbook()
    fewer = Handbook(domains=before.domains, roles=before.roles, flows=before.flows[1:])
    assert affected_pages(before, fewer) is None
    renamed_role = tuple(
        replace(role, name="调度员") if role.key == "port/dispatcher" else role
        for role in before.roles
    )
    assert affected_pages(before, replace(before, roles=renamed_role)) is None
    assert affected_pages(before, before) == Change(frozenset(), frozenset())


def test_a_text_edit_inside_a_step_affects_only_the_flow_page_and_its_card() -> None:
    before = fixture_handbook()
    after = _edit_step(before, "port/vessel-berthing", "plan", details="新说明", checklist=("新",))
    change = affected_pages(before, after)
    assert change == Change(
        frozenset(
            {
                "port/vessel-berthing/index.md",
                "port/vessel-berthing/sop.md",
                "port/vessel-berthing/diagram.svg",
            }
        ),
        frozenset({"port/vessel-berthing"}),
    )

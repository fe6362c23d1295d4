"""DOT generation for swimlane flowcharts: golden files, escaping, lanes, loops, wrapping.

The golden files live in ``tests/golden/dot/``; run with ``UPDATE_GOLDEN=1`` to
rewrite them after an intended change, then review the diff. These tests do not
run Graphviz (``test_diagrams_render.py`` does).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from generator.diagnostics import Location
from generator.diagrams import DiagramText, column_dot, flow_dot
from generator.diagrams.escape import html_lines, html_text, quoted_text, xml_safe
from generator.diagrams.wrap import text_width, wrap_label
from generator.model import Branch, Flow, Handbook, Role, Status, Step, StepKind

GOLDEN = Path(__file__).parent / "golden" / "dot"

HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    '"]; x [',
    "第一行\n第二行",
    "C:\\Names\\N \\G \\L",
    "&amp; &lt; &#38; &",
)
"""Text that breaks naive DOT, HTML or template handling; it must show literally."""


def where(name: str) -> Location:
    """A location in a made-up flow file."""
    return Location(f"flows/{name}.yaml", 1, 1)


def role(domain: str, role_id: str, name: str) -> Role:
    """A role of *domain*."""
    return Role(location=where(f"{domain}/roles"), id=role_id, domain=domain, name=name)


def task(step_id: str, name: str, role_ref: str | None, **fields: object) -> Step:
    """A step (a task unless ``kind`` says otherwise)."""
    return Step(location=where("steps"), id=step_id, name=name, role=role_ref, **fields)  # type: ignore[arg-type]


def decision(step_id: str, name: str, role_ref: str, *branches: tuple[str, str]) -> Step:
    """A decision with (when, next) branches."""
    return Step(
        location=where("steps"),
        id=step_id,
        name=name,
        role=role_ref,
        kind=StepKind.DECISION,
        branches=tuple(
            Branch(location=where("branches"), when=when, next=target) for when, target in branches
        ),
    )


def end(step_id: str, name: str, role_ref: str | None = None) -> Step:
    """An end step, without a role unless given."""
    return Step(location=where("steps"), id=step_id, name=name, role=role_ref, kind=StepKind.END)


def flow(domain: str, flow_id: str, title: str, *steps: Step) -> Flow:
    """An approved flow of *domain* with these steps."""
    return Flow(
        location=where(f"{domain}/{flow_id}"),
        id=flow_id,
        domain=domain,
        title=title,
        summary="",
        owner=steps[0].role or "owner",
        version="1.0",
        status=Status.APPROVED,
        effective=dt.date(2026, 1, 1),
        review=dt.date(2027, 1, 1),
        steps=steps,
    )


def linear_flow() -> Flow:
    """Berthing: five steps over two roles, an end step without a role."""
    return flow(
        "port",
        "berthing",
        "船舶靠泊",
        task("plan", "生成昼夜作业计划", "dispatcher"),
        task("confirm-ship", "与船方确认靠泊时间与吃水", "dispatcher"),
        task("place-fenders", "检查护舷并就位带缆", "linesman"),
        task("make-fast", "系妥缆绳并报告调度", "linesman"),
        task("confirm-berthed", "确认船舶靠妥", "port/dispatcher"),
        end("done", "靠泊完成"),
    )


def loop_flow() -> Flow:
    """Review with a rework loop: a decision whose 'no' branch returns to an earlier step."""
    return flow(
        "bank",
        "loan-review",
        "贷款审核",
        task("receive", "受理贷款申请", "teller"),
        task("check", "审核申请材料是否齐全、真实、有效", "reviewer"),
        decision("complete", "材料是否齐全？", "reviewer", ("齐全", "approve"), ("不齐全", "ask")),
        task("ask", "通知客户补充材料", "teller", next="check"),
        task("approve", "审批并放款", "manager"),
        end("done", "审核结束"),
    )


def subflow_flow() -> Flow:
    """A flow that calls a flow of its own domain and one of another domain."""
    return flow(
        "port",
        "container-import",
        "进口箱作业",
        task("plan", "制定卸船计划", "dispatcher"),
        Step(
            location=where("steps"),
            id="berthing",
            name="船舶靠泊",
            role="dispatcher",
            kind=StepKind.SUBFLOW,
            flow="berthing",
        ),
        Step(
            location=where("steps"),
            id="pay",
            name="缴纳港杂费",
            role="unknown-role",
            kind=StepKind.SUBFLOW,
            flow="bank/loan-review",
        ),
        end("done", "进口完成", "gate"),
    )


def hostile_flow() -> Flow:
    """Every name, lane title and branch label is text that breaks naive escaping."""
    first, second, third, fourth, fifth, sixth = HOSTILE_NAMES
    return flow(
        "lab",
        "hostile",
        first,
        task("one", first, "evil"),
        task("two", second, "evil"),
        decision("three", third, "quote", (fourth, "four"), (fifth, "two")),
        task("four", fourth, "quote"),
        task("five", fifth, "evil"),
        task("six", sixth, 'unassigned-role-ref\\"]'),
        end("done", sixth),
    )


def handbook() -> Handbook:
    """The roles and flows the sample flows refer to."""
    return Handbook(
        roles=(
            role("bank", "manager", "行长"),
            role("bank", "reviewer", "审批岗"),
            role("bank", "teller", "柜员"),
            role("lab", "evil", "<b>角色</b> {{ role }}"),
            role("lab", "quote", '"]; lane [ \\ &amp;'),
            role("port", "dispatcher", "生产调度"),
            role("port", "gate", "闸口"),
            role("port", "linesman", "带缆工"),
        ),
        flows=(loop_flow(), hostile_flow(), linear_flow(), subflow_flow()),
    )


SAMPLES = {
    "linear": linear_flow,
    "loop": loop_flow,
    "subflow": subflow_flow,
    "hostile": hostile_flow,
}
"""The golden flows by file name."""


def check_golden(golden: Path, source: str) -> None:
    """*source* is the golden file's text (``UPDATE_GOLDEN=1`` rewrites the file instead)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(source, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden}: run with UPDATE_GOLDEN=1"
    assert source == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_dot_matches_golden_file(name: str) -> None:
    check_golden(GOLDEN / f"{name}.dot", flow_dot(SAMPLES[name](), handbook()))


def test_dot_is_deterministic() -> None:
    assert flow_dot(hostile_flow(), handbook()) == flow_dot(hostile_flow(), handbook())


def lanes_of(source: str) -> list[tuple[str, list[str]]]:
    """(title, step node names) of each lane, in drawing order."""
    lanes = []
    for body in re.findall(r"  subgraph \{\n(.*?)\n  \}", source, re.DOTALL):
        title = re.search(r"label=<(.*?)>\n", body)
        assert title is not None
        nodes = re.findall(r"^    (s\d+) \[", body, re.MULTILINE)
        lanes.append((title.group(1).replace("<br/> ", ""), nodes))
    return lanes


def test_one_lane_per_role_in_order_of_first_appearance() -> None:
    source = flow_dot(linear_flow(), handbook())
    # port/dispatcher is the same lane as dispatcher; the end step joins its predecessor's lane
    assert lanes_of(source) == [("生产调度", ["s0", "s1", "s4", "s5"]), ("带缆工", ["s2", "s3"])]


def test_unresolved_role_falls_back_to_the_reference_and_roleless_steps_to_a_neutral_lane() -> None:
    orphan = flow(
        "port",
        "orphans",
        "无主",
        task("a", "甲", "ghost"),
        task("b", "乙", None),
        end("c", "丙"),
    )
    lanes = lanes_of(flow_dot(orphan, handbook(), text=DiagramText(unassigned="UNASSIGNED")))
    # the end step follows its predecessor "b" into the neutral lane
    assert lanes == [("ghost", ["s0"]), ("UNASSIGNED", ["s1", "s2"])]


def test_roleless_end_joins_the_lane_of_its_first_predecessor_with_a_role() -> None:
    two_ways = flow(
        "port",
        "two-ways",
        "两路",
        decision("d", "是否？", "dispatcher", ("是", "x"), ("否", "y")),
        task("x", "甲", "linesman", next="done"),
        task("y", "乙", "gate"),
        end("done", "完"),
    )
    lanes = lanes_of(flow_dot(two_ways, handbook()))
    assert lanes == [("生产调度", ["s0"]), ("带缆工", ["s1", "s3"]), ("闸口", ["s2"])]


def test_roleless_end_without_a_lane_predecessor_goes_to_the_neutral_lane() -> None:
    only_end = flow("port", "only-end", "只有结束", end("done", "结束"))
    source = flow_dot(only_end, handbook(), text=DiagramText(unassigned="未指定岗位"))
    assert lanes_of(source) == [("未指定岗位", ["s0"])]


def test_start_node_uses_the_callers_words() -> None:
    source = flow_dot(linear_flow(), handbook(), text=DiagramText(start="Start", end="End"))
    assert 'start [id="flow_start" label=<Start>' in source
    assert 'tooltip="End：靠泊完成"' in source
    assert "start -> s0" in source


def test_every_step_links_to_its_anchor_and_subflows_to_the_called_flow() -> None:
    source = flow_dot(subflow_flow(), handbook())
    assert 'href="#step-plan"' in source
    assert 'href="__ROOT__/port/berthing/" tooltip="子流程：船舶靠泊"' in source
    assert 'href="__ROOT__/bank/loan-review/" tooltip="子流程：贷款审核"' in source
    assert 'href="#step-done"' in source


def test_subflow_to_a_missing_flow_links_to_where_it_would_be() -> None:
    missing = flow(
        "port",
        "caller",
        "调用方",
        Step(
            location=where("steps"),
            id="call",
            name="调用",
            role="dispatcher",
            kind=StepKind.SUBFLOW,
            flow="no-such-flow",
        ),
        end("done", "完成"),
    )
    source = flow_dot(missing, handbook())
    assert 'href="__ROOT__/port/no-such-flow/" tooltip="子流程：no-such-flow"' in source


def test_loops_are_reversed_with_dir_back_and_forward_branches_pass_a_label_node() -> None:
    source = flow_dot(loop_flow(), handbook())
    assert "  s1 -> s3 [dir=back]" in source  # ask (s3) -> check (s1) closes the loop
    assert "  s2 -> b2_0 [arrowhead=none]" in source
    assert "  b2_0 -> s4" in source
    assert 'b2_0 [label=<齐全> class="branch"' in source
    assert "constraint=false" not in source


def test_a_looping_branch_keeps_its_label_on_the_loop() -> None:
    source = flow_dot(hostile_flow(), handbook())
    # the second branch of "three" (s2) goes back to "two" (s1), through its label node:
    # the text sits on its own piece of the loop, never on top of another line
    label = html_lines(wrap_label(HOSTILE_NAMES[4], 12))
    assert f"    b2_1 [label=<{label}> " in source
    assert "  s1 -> b2_1 [dir=back]" in source
    assert "  b2_1 -> s2 [dir=none]" in source
    assert "xlabel" not in source


def test_self_loop_and_dangling_targets_do_not_break_the_graph() -> None:
    odd = flow(
        "port",
        "odd",
        "怪",
        task("a", "甲", "dispatcher", next="a"),
        task("b", "乙", "dispatcher", next="nowhere"),
        end("c", "丙"),
    )
    source = flow_dot(odd, handbook())
    assert "  s0 -> s0 [dir=back]" in source
    assert "nowhere" not in source


def test_empty_flow_still_gives_a_graph() -> None:
    empty = Flow(
        location=where("x"),
        id="empty",
        domain="port",
        title="空",
        summary="",
        owner="dispatcher",
        version="1",
        status=Status.DRAFT,
        effective=dt.date(2026, 1, 1),
        review=dt.date(2027, 1, 1),
    )
    source = flow_dot(empty, handbook())
    assert source.startswith("digraph flow {\n") and source.endswith("}\n")
    assert "start [" in source


WRITERS = {"swimlane": flow_dot, "column": column_dot}
"""Both layouts of a flow's diagram (the compact column: tests/test_diagrams_column.py)."""

_TAGS = r"<br/>|</?b>|<font [^<>]*>|</font>"
STRING = re.compile(rf'"(?:\\.|[^"\\])*"|<(?:[^<>]|{_TAGS})*>')
"""A quoted DOT string or an HTML-like label (a bold, coloured lane tag too) as written."""


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_user_text_appears_only_inside_dot_strings(writer: str) -> None:
    source = WRITERS[writer](hostile_flow(), handbook())
    outside = STRING.sub("", source)
    for fragment in ("script", "7*7", "第一行", "Names", "角色", "lane [", "amp"):
        assert fragment in source
        assert fragment not in outside
    names = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", outside))
    assert all(
        re.fullmatch(r"s\d+|b\d+_\d+|head\d+|top\d+|bottom\d+|TB", name) or name.islower()
        for name in names
    )


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_text_never_escapes_its_dot_string(writer: str, name: str) -> None:
    source = WRITERS[writer](hostile_flow(), handbook())
    for body in re.findall(rf"label=<((?:[^<>]|{_TAGS})*)>", source):
        text = re.sub(_TAGS, "", body)
        assert not re.search(r'["<>]', text)
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", text)
        assert not re.search(r"(?<!\\)\\(?!\\)", text.replace("\\\\", ""))
    for body in re.findall(r'(?:tooltip|href)="((?:\\.|[^"\\])*)"', source):
        assert "\n" not in body
    assert name.split("\n")[0][:3] in source


def test_html_text_escapes_xml_and_graphviz_escapes() -> None:
    assert html_text('<a href="x">&amp;</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
    assert html_text("C:\\N") == "C:\\\\N"


def test_quoted_text_escapes_quotes_backslashes_ampersands_and_newlines() -> None:
    assert quoted_text('a "b"\nc') == '"a \\"b\\" c"'
    assert quoted_text("\\N") == '"\\\\\\\\N"'
    assert quoted_text("&amp;") == '"&#38;amp;"'


def test_characters_xml_forbids_are_replaced() -> None:
    assert xml_safe("a\x00b\x1bc\ufffed\tn\n") == "a\ufffdb\ufffdc\ufffdd\tn\n"


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("生成昼夜作业计划", ["生成昼夜作业计划"]),
        ("一二三四五六七八九十一二三", ["一二三四五六七", "八九十一二三"]),
        ("有无小商品消费或借用品未还、物品损坏？", ["有无小商品消费或借", "用品未还、物品损坏？"]),
        ("问题是否已解决（不再重复发生）？", ["问题是否已解决", "（不再重复发生）？"]),
        (
            "Check the VHF radio channel 16 and confirm",
            ["Check the VHF radio", "channel 16 and confirm"],
        ),
        ("第一行\n\n第二行", ["第一行", "第二行"]),
        ("", [""]),
    ],
)
def test_wrap_label_balances_lines_and_respects_punctuation(text: str, lines: list[str]) -> None:
    assert wrap_label(text, 22) == lines


def test_wrap_label_cuts_words_longer_than_a_line() -> None:
    lines = wrap_label("x" * 50, 22)
    assert all(text_width(line) <= 22 for line in lines)
    assert "".join(lines) == "x" * 50


def test_step_labels_wrap_at_about_eleven_chinese_characters() -> None:
    long_name = "根据船期表和泊位计划生成昼夜作业计划并报港务经理审批"
    source = flow_dot(
        flow("port", "long", "长", task("a", long_name, "dispatcher"), end("b", "完")), handbook()
    )
    label = re.search(r'label=<([^>]*(?:<br/>[^>]*)*)> class="step task"', source)
    assert label is not None
    lines = label.group(1).split("<br/>")
    assert len(lines) == 3
    assert all(text_width(line) <= 22 for line in lines)
    assert "".join(lines) == long_name

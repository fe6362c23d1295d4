"""DOT generation for the compact column: golden files, lane tags, shared arrows, ids.

The golden files are ``tests/golden/dot/column-<sample>.dot`` (the samples of
tests/test_diagrams_dot.py); run with ``UPDATE_GOLDEN=1`` to rewrite them after an
intended change, then review the diff. These tests do not run Graphviz
(``test_diagrams_render.py`` does). Escaping is tested for both layouts in
tests/test_diagrams_dot.py.
"""

from __future__ import annotations

import re

import pytest
from test_diagrams_dot import (
    GOLDEN,
    SAMPLES,
    check_golden,
    end,
    flow,
    handbook,
    hostile_flow,
    loop_flow,
    subflow_flow,
    task,
)

from generator.diagrams import COMPACT_SUFFIX, DiagramText, column_dot, compact_key, flow_dot
from generator.diagrams import flow_sources as sources_of
from generator.diagrams.column import ID_PREFIX, LANE_COLOURS, LANE_COLUMNS, lane_colour
from generator.diagrams.dot import flow_lanes
from generator.diagrams.escape import html_lines
from generator.diagrams.wrap import wrap_label
from generator.model import Flow


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_column_dot_matches_golden_file(name: str) -> None:
    check_golden(GOLDEN / f"column-{name}.dot", column_dot(SAMPLES[name](), handbook()))


def test_column_dot_is_deterministic() -> None:
    assert column_dot(hostile_flow(), handbook()) == column_dot(hostile_flow(), handbook())


def tags_of(source: str) -> dict[str, tuple[str, str]]:
    """Step node name → (lane tag, border colour) of every step of a compact column."""
    found = re.findall(
        r'^  (s\d+) \[id="col_s\d+" label=<<font point-size="\d+" color="(#[0-9a-f]{6})">'
        r'<b>(.*?)</b></font><br/>.*?> color="(#[0-9a-f]{6})"',
        source,
        re.MULTILINE,
    )
    assert all(tag_colour == border for _node, tag_colour, _tag, border in found)
    return {node: (tag, border) for node, _colour, tag, border in found}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_step_is_tagged_with_the_swimlanes_lane_in_its_colour(name: str) -> None:
    drawn = SAMPLES[name]()
    book = handbook()
    tags = tags_of(column_dot(drawn, book))
    assert len(tags) == len(drawn.steps)
    for number, (title, positions) in enumerate(flow_lanes(drawn, book)):
        for position in positions:
            assert tags[f"s{position}"] == (
                html_lines(wrap_label(title, LANE_COLUMNS)),
                lane_colour(number),
            )


def test_lane_tags_follow_the_swimlane_rules_for_roleless_steps() -> None:
    orphan = flow(
        "port",
        "orphans",
        "无主",
        task("a", "甲", "ghost"),
        task("b", "乙", None),
        end("c", "丙"),
    )
    source = column_dot(orphan, handbook(), text=DiagramText(unassigned="UNASSIGNED"))
    assert {node: tag for node, (tag, _colour) in tags_of(source).items()} == {
        "s0": "ghost",
        "s1": "UNASSIGNED",
        "s2": "UNASSIGNED",  # the end step follows its predecessor, as in the swimlane
    }


def edges_of(source: str) -> list[str]:
    """The DOT edges between steps and branch label nodes, without ids and the start's."""
    edges = re.findall(r"^  (s\d+|b\d+_\d+) -> (s\d+|b\d+_\d+)(?: \[(.*)\])?$", source, re.M)
    found = []
    for tail, head, attributes in edges:
        kept = re.sub(r'id="[^"]*" ?', "", attributes).strip()
        found.append(f"{tail} -> {head} [{kept}]" if kept else f"{tail} -> {head}")
    return sorted(found)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_column_draws_the_swimlanes_arrows_branches_and_loops(name: str) -> None:
    drawn = SAMPLES[name]()
    assert edges_of(column_dot(drawn, handbook())) == edges_of(flow_dot(drawn, handbook()))


def test_loops_go_back_with_dir_back_and_branches_through_their_label_nodes() -> None:
    source = column_dot(loop_flow(), handbook())
    assert re.search(r"^  s1 -> s3 \[id=\"col_e\d+\" dir=back\]$", source, re.MULTILINE)
    assert re.search(r"^  s2 -> b2_0 \[id=\"col_e\d+\" arrowhead=none\]$", source, re.MULTILINE)
    assert 'b2_0 [id="col_b2_0" label=<齐全> class="branch"' in source
    assert "xlabel" not in source


def test_links_and_tooltips_are_the_swimlanes() -> None:
    swimlane = flow_dot(subflow_flow(), handbook())
    column = column_dot(subflow_flow(), handbook())
    links = re.compile(r"href=\"[^\"]*\" tooltip=\"[^\"]*\"")
    assert links.findall(column) == links.findall(swimlane)
    assert 'href="__ROOT__/bank/loan-review/" tooltip="子流程：贷款审核"' in column


def test_decisions_are_hexagons_and_the_kind_is_a_class_not_only_a_colour() -> None:
    source = column_dot(loop_flow(), handbook())
    decision = re.search(r"^  s2 \[.*$", source, re.MULTILINE)
    assert decision is not None
    assert 'class="step decision" shape=hexagon' in decision.group()
    assert "peripheries=2" in column_dot(subflow_flow(), handbook())


def ids_of(source: str) -> list[str]:
    """Every id attribute a DOT source sets."""
    return re.findall(r'\bid="([^"]*)"', source)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_node_edge_and_the_graph_have_an_id_of_their_own(name: str) -> None:
    drawn = SAMPLES[name]()
    column = column_dot(drawn, handbook())
    ids = ids_of(column)
    assert len(ids) == len(set(ids))
    assert all(identifier.startswith(ID_PREFIX) for identifier in ids)
    # every node statement and every edge statement names its id
    statements = [line for line in column.splitlines()[4:-1] if line.startswith("  ")]
    assert all('id="' in line for line in statements), statements
    # nothing in common with the swimlane inlined in the same page
    assert not set(ids) & set(ids_of(flow_dot(drawn, handbook())))


def test_lane_colours_cycle_and_are_distinct() -> None:
    assert len(set(LANE_COLOURS)) == len(LANE_COLOURS)
    assert lane_colour(len(LANE_COLOURS)) == lane_colour(0)


def test_flow_sources_give_each_flow_both_layouts() -> None:
    book = handbook()
    flows: tuple[Flow, ...] = book.flows
    sources = sources_of(flows, book, text=DiagramText())
    assert sorted(sources) == sorted(
        [flow.key for flow in flows] + [compact_key(flow.key) for flow in flows]
    )
    for drawn in flows:
        assert sources[drawn.key] == flow_dot(drawn, book)
        assert sources[drawn.key + COMPACT_SUFFIX] == column_dot(drawn, book)

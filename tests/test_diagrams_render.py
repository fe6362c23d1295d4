"""Rendering through the real Graphviz: escaping survives, lanes hold their steps, the cache works.

Needs ``dot`` on PATH (Debian: graphviz, fonts-noto-cjk); the tests are skipped
without it, except the one that checks the message for a missing ``dot``.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_diagrams_dot import (
    HOSTILE_NAMES,
    end,
    flow,
    handbook,
    hostile_flow,
    linear_flow,
    loop_flow,
    subflow_flow,
    task,
)

from generator.diagrams import (
    DiagramError,
    DiagramRun,
    DiagramText,
    compact_key,
    flow_dot,
    flow_sources,
    relink,
    render_svgs,
)
from generator.diagrams.cache import cache_key
from generator.diagrams.column import LANE_COLUMNS
from generator.diagrams.dot import flow_lanes
from generator.diagrams.graphviz import batches, dot_version, find_dot
from generator.diagrams.svg import clean_svg
from generator.diagrams.wrap import wrap_label
from generator.model import Flow

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def sources(*flows: Flow) -> dict[str, str]:
    """DOT sources of these flows by key, against the sample handbook."""
    book = handbook()
    return {sample.key: flow_dot(sample, book) for sample in flows}


def render(
    flows: tuple[Flow, ...],
    cache_dir: Path,
    *,
    jobs: int = 2,
    batch_size: int = 400,
    timeout: float = 120.0,
) -> DiagramRun:
    """Render the flows with the sample handbook."""
    return render_svgs(
        sources(*flows), cache_dir=cache_dir, jobs=jobs, batch_size=batch_size, timeout=timeout
    )


def parse(svg: str) -> ET.Element:
    """The SVG as an element tree (it must be well-formed XML)."""
    return ET.fromstring(svg)


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The ``<g>`` elements whose class starts with *kind*, by id."""
    return {
        element.get("id", ""): element
        for element in root.iter(f"{SVG}g")
        if (element.get("class") or "").split(" ")[0] == kind
    }


def texts(element: ET.Element) -> list[str]:
    """The text of every ``<text>`` below *element*, in order."""
    return [text.text or "" for text in element.iter(f"{SVG}text")]


def box(element: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box (min x, min y, max x, max y) of the shapes in a group."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in element.iter():
        if shape.tag == f"{SVG}polygon":
            points = [float(value) for value in re.split(r"[ ,]", shape.get("points", "")) if value]
            xs.extend(points[0::2])
            ys.extend(points[1::2])
        elif shape.tag == f"{SVG}rect":
            x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
            xs.extend((x, x + float(shape.get("width", 0))))
            ys.extend((y, y + float(shape.get("height", 0))))
        elif shape.tag == f"{SVG}ellipse":
            cx, cy = float(shape.get("cx", 0)), float(shape.get("cy", 0))
            rx, ry = float(shape.get("rx", 0)), float(shape.get("ry", 0))
            xs.extend((cx - rx, cx + rx))
            ys.extend((cy - ry, cy + ry))
        elif shape.tag == f"{SVG}path" and element.get("class", "").startswith("node"):
            numbers = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d", ""))]
            xs.extend(numbers[0::2])
            ys.extend(numbers[1::2])
    assert xs and ys, f"no shape in {element.get('id')}"
    return min(xs), min(ys), max(xs), max(ys)


@needs_dot
def test_hostile_text_renders_without_error_and_shows_literally(tmp_path: Path) -> None:
    run = render((hostile_flow(),), tmp_path)
    svg = run.svgs["lab/hostile"]
    root = parse(svg)
    assert "<script" not in svg
    assert not [element for element in root.iter() if "script" in element.tag]
    nodes = groups(root, "node")
    names = [step.name for step in hostile_flow().steps]
    for position, name in enumerate(names):
        node = nodes[f"flow_s{position}"]
        shown = "".join(texts(node))
        assert shown.replace(" ", "") == name.replace("\n", "").replace(" ", "")
        anchor = next(node.iter(f"{SVG}a"))
        title = anchor.get(f"{XLINK}title", "")
        assert title.endswith(" ".join(name.split()))
        assert anchor.get(f"{XLINK}href") == f"#step-{hostile_flow().steps[position].id}"
    lanes = groups(root, "cluster")
    titles = ["".join(texts(lanes[f"flow_lane{number}"])).strip() for number in range(3)]
    assert titles == ["<b>角色</b>{{ role }}", '"]; lane [ \\ &amp;', 'unassigned-role-ref\\"]']
    everything = "".join(root.itertext()) + "".join(
        element.get(f"{XLINK}title", "") for element in root.iter()
    )
    for name in HOSTILE_NAMES:
        assert name.split("\n")[0] in everything or name.split()[0] in everything


@needs_dot
def test_each_lane_holds_its_steps_in_order_of_first_appearance(tmp_path: Path) -> None:
    run = render((linear_flow(), loop_flow(), subflow_flow()), tmp_path)
    expected = {
        "port/berthing": [("生产调度", [0, 1, 4, 5]), ("带缆工", [2, 3])],
        "bank/loan-review": [("柜员", [0, 3]), ("审批岗", [1, 2]), ("行长", [4, 5])],
        "port/container-import": [("生产调度", [0, 1]), ("unknown-role", [2]), ("闸口", [3])],
    }
    for key, lanes in expected.items():
        root = parse(run.svgs[key])
        clusters = groups(root, "cluster")
        nodes = groups(root, "node")
        assert len(clusters) == len(lanes)
        lefts = []
        for number, (title, steps) in enumerate(lanes):
            cluster = clusters[f"flow_lane{number}"]
            assert "".join(texts(cluster)).strip() == title
            left, top, right, bottom = box(cluster)
            lefts.append(left)
            for position in steps:
                x0, y0, x1, y1 = box(nodes[f"flow_s{position}"])
                assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, (key, position)
            steps_in_lane = {
                node_id
                for node_id, node in nodes.items()
                if re.fullmatch(r"flow_s\d+", node_id)
                and left <= box(node)[0]
                and box(node)[2] <= right
            }
            assert steps_in_lane == {f"flow_s{position}" for position in steps}
        assert lefts == sorted(lefts), f"lanes of {key} out of order"


@needs_dot
def test_svg_is_cleaned_for_inlining(tmp_path: Path) -> None:
    svg = render((subflow_flow(),), tmp_path).svgs["port/container-import"]
    assert svg.startswith('<svg class="handbook-diagram" width="')
    assert svg.endswith("</svg>\n")
    assert "viewBox=" in svg.split(">", 1)[0]
    for unwanted in ("<?xml", "<!DOCTYPE", "<!--", "<title>", "graphviz", "page0", str(tmp_path)):
        assert unwanted not in svg
    root = parse(svg)
    hrefs = [element.get(f"{XLINK}href") for element in root.iter(f"{SVG}a")]
    assert "__ROOT__/port/berthing/" in hrefs
    assert "__ROOT__/bank/loan-review/" in hrefs


@needs_dot
def test_lanes_are_full_height_and_nothing_empty_sits_above_them(tmp_path: Path) -> None:
    svg = render((loop_flow(),), tmp_path).svgs["bank/loan-review"]
    root = parse(svg)
    lanes = [box(lane) for lane in groups(root, "cluster").values()]
    assert len(lanes) == 3
    assert len({(top, bottom) for _left, top, _right, bottom in lanes}) == 1
    view_top = float(root.get("viewBox", "").split()[1])
    graph = next(iter(groups(root, "graph").values()))
    shift = float(re.findall(r"translate\([\d.-]+ ([\d.-]+)\)", graph.get("transform", ""))[0])
    assert 0 < lanes[0][1] + shift - view_top <= 8
    tasks = [node for node in groups(root, "node").values() if "task" in node.get("class", "")]
    assert tasks
    assert all(next(node.iter(f"{SVG}rect")).get("rx") == "5" for node in tasks)


def test_relink_replaces_the_placeholder_only_at_the_start_of_links() -> None:
    svg = (
        '<a xlink:href="__ROOT__/port/berthing/" href="__ROOT__/x/">'
        '<text>__ROOT__/literal</text><a xlink:href="#step-__ROOT__/"></a></a>'
    )
    assert relink(svg, "../../") == (
        '<a xlink:href="../../port/berthing/" href="../../x/">'
        '<text>__ROOT__/literal</text><a xlink:href="#step-__ROOT__/"></a></a>'
    )
    assert relink(svg, "").startswith('<a xlink:href="port/berthing/" href="x/">')
    assert 'href="a&amp;b/x/"' in relink(svg, "a&b/")


@needs_dot
def test_second_run_renders_nothing_and_changing_one_flow_renders_one(tmp_path: Path) -> None:
    flows = (linear_flow(), loop_flow(), subflow_flow(), hostile_flow())
    first = render(flows, tmp_path)
    assert (first.rendered, first.cached) == (4, 0)
    second = render(flows, tmp_path)
    assert (second.rendered, second.cached) == (0, 4)
    assert second.svgs == first.svgs
    changed = flow(
        "port", "berthing", "船舶靠泊", task("plan", "新的计划", "dispatcher"), end("done", "完")
    )
    third = render((changed, loop_flow(), subflow_flow(), hostile_flow()), tmp_path)
    assert (third.rendered, third.cached) == (1, 3)
    assert third.svgs["port/berthing"] != first.svgs["port/berthing"]
    assert "新的计划" in third.svgs["port/berthing"]
    assert not list(tmp_path.glob(".*.tmp"))


@needs_dot
def test_identical_sources_are_rendered_once(tmp_path: Path) -> None:
    source = flow_dot(linear_flow(), handbook())
    run = render_svgs({"a": source, "b": source}, cache_dir=tmp_path)
    assert (run.rendered, run.cached) == (1, 0)
    assert run.svgs["a"] == run.svgs["b"]


@needs_dot
def test_a_damaged_cache_file_is_rendered_again(tmp_path: Path) -> None:
    source = flow_dot(linear_flow(), handbook())
    first = render_svgs({"a": source}, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("*.svg")
    cached.write_text("<svg half", encoding="utf-8")
    again = render_svgs({"a": source}, cache_dir=tmp_path)
    assert (again.rendered, again.cached) == (1, 0)
    assert again.svgs == first.svgs


@needs_dot
def test_cache_key_covers_the_graphviz_version() -> None:
    version = dot_version(find_dot())
    assert cache_key("digraph {}", version) != cache_key("digraph {}", version + "x")
    assert cache_key("digraph {}", version) != cache_key("digraph { }", version)


@needs_dot
def test_rendering_is_byte_identical_whatever_the_batching(tmp_path: Path) -> None:
    flows = (linear_flow(), loop_flow(), subflow_flow(), hostile_flow())
    one_batch = render(flows, tmp_path / "a", jobs=1, batch_size=400)
    one_each = render(flows, tmp_path / "b", jobs=2, batch_size=1)
    again = render(flows, tmp_path / "c", jobs=2, batch_size=2)
    assert one_batch.svgs == one_each.svgs == again.svgs
    reversed_order = render_svgs(
        dict(reversed(sources(*flows).items())), cache_dir=tmp_path / "d", jobs=1
    )
    assert reversed_order.svgs == one_batch.svgs


def test_nothing_to_render_needs_no_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    assert render_svgs({}, cache_dir=tmp_path / "cache") == DiagramRun(
        svgs={}, rendered=0, cached=0
    )
    assert not (tmp_path / "cache").exists()


def test_missing_dot_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(DiagramError) as caught:
        render((linear_flow(),), tmp_path)
    message = str(caught.value)
    assert message == (
        "Graphviz 'dot' not found on PATH: install it with `apt-get install graphviz`"
    )


@needs_dot
def test_a_graph_dot_rejects_is_named_by_its_key(tmp_path: Path) -> None:
    good = sources(linear_flow(), loop_flow())
    broken = {**good, "bank/broken": "digraph flow { a -> [ }\n"}
    with pytest.raises(DiagramError) as caught:
        render_svgs(broken, cache_dir=tmp_path, jobs=1)
    message = str(caught.value)
    assert "'bank/broken'" in message
    assert "syntax error" in message
    assert "\n" not in message


@needs_dot
def test_a_batch_that_times_out_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DiagramError) as caught:
        render((linear_flow(), loop_flow()), tmp_path, jobs=1, timeout=0)
    assert "did not finish" in str(caught.value)


def test_an_unwritable_cache_is_a_diagram_error(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' not installed")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.raises(DiagramError) as caught:
        render((linear_flow(),), blocker)
    assert "cannot write the diagram cache" in str(caught.value)


@pytest.mark.parametrize(
    ("count", "jobs", "size", "expected"),
    [
        (0, 2, 400, []),
        (1, 2, 400, [1]),
        (5, 2, 400, [3, 2]),
        (1000, 2, 400, [250, 250, 250, 250]),
        (801, 2, 400, [201, 200, 200, 200]),
        (7, 4, 2, [2, 2, 2, 1]),
    ],
)
def test_batches_are_even_and_capped(count: int, jobs: int, size: int, expected: list[int]) -> None:
    keys = [f"k{number:04d}" for number in range(count)]
    split = batches(keys, jobs=jobs, batch_size=size)
    assert [len(group) for group in split] == expected
    assert [key for group in split for key in group] == keys


def test_clean_svg_rejects_output_without_svg() -> None:
    with pytest.raises(ValueError, match="no <svg>"):
        clean_svg("Error: something")


@needs_dot
def test_the_compact_column_renders_hostile_text_literally_with_ids_of_its_own(
    tmp_path: Path,
) -> None:
    book = handbook()
    drawn = (hostile_flow(), loop_flow(), subflow_flow())
    run = render_svgs(flow_sources(drawn, book, text=DiagramText()), cache_dir=tmp_path)
    for sample in drawn:
        swimlane, column = run.svgs[sample.key], run.svgs[compact_key(sample.key)]
        root = parse(column)
        # both are inlined in one page: not one id in common, none repeated
        ids = [str(element.get("id")) for element in root.iter() if element.get("id")]
        other = {element.get("id") for element in parse(swimlane).iter() if element.get("id")}
        assert len(ids) == len(set(ids)) and not set(ids) & other, sample.key
        assert all(identifier.startswith(("col_", "a_col_")) for identifier in ids)
        nodes = groups(root, "node")
        lane_of = {
            position: title
            for title, positions in flow_lanes(sample, book)
            for position in positions
        }
        for position, step in enumerate(sample.steps):
            shown = texts(nodes[f"col_s{position}"])
            # the lane's name on the first line(s), then the step's name
            tag = len(wrap_label(lane_of[position], LANE_COLUMNS))
            assert squeezed("".join(shown[:tag])) == squeezed(lane_of[position])
            assert squeezed("".join(shown[tag:])) == squeezed(step.name)
        # no lanes to stretch, nothing cropped; task boxes rounded as in the swimlane
        assert not groups(root, "cluster")
        task_box = r'<g id="col_s\d+" class="node step task">\n<g [^>]*><a [^>]*>\n<rect '
        assert re.search(task_box, column)


def squeezed(text: str) -> str:
    """Text without spaces and line breaks (Graphviz draws each line on its own)."""
    return re.sub(r"\s+", "", text)

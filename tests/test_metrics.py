"""Process metrics: hand-computed figures on small flows, the exact chain against simulation."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import itertools
import json
import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.diagnostics import Location
from generator.metrics import handbook_metrics
from generator.metrics.config import MetricsConfig, MetricsConfigError, metrics_config
from generator.metrics.report import CSV_COLUMNS, format_csv, format_json, minutes_text
from generator.model import Branch, Duration, Flow, Handbook, Status, Step, StepKind

HERE = Location("flows/port/f.yaml", 1, 1)
REPOSITORY = Path(__file__).resolve().parent.parent


def task(step_id: str, minutes: int | None = None, role: str = "clerk", **fields: object) -> Step:
    duration = Duration(f"{minutes}m", minutes) if minutes is not None else None
    return Step(location=HERE, id=step_id, name=step_id, role=role, duration=duration, **fields)  # type: ignore[arg-type]


def decision(
    step_id: str, *branches: tuple[str, float | None], role: str = "clerk", minutes: int = 0
) -> Step:
    written = tuple(
        Branch(location=HERE, when=f"to {target}", next=target, probability=probability)
        for target, probability in branches
    )
    return task(step_id, minutes or None, role, kind=StepKind.DECISION, branches=written)


def end(step_id: str = "done") -> Step:
    return Step(location=HERE, id=step_id, name=step_id, kind=StepKind.END)


def flow(flow_id: str, *steps: Step, domain: str = "port") -> Flow:
    return Flow(
        location=HERE,
        id=flow_id,
        domain=domain,
        title=flow_id,
        summary="s",
        owner="clerk",
        version="1.0",
        status=Status.APPROVED,
        effective=dt.date(2026, 1, 1),
        review=dt.date(2027, 1, 1),
        steps=steps,
    )


def test_a_loop_taken_back_with_probability_three_tenths_costs_t_over_seven_tenths() -> None:
    rework = flow("rework", task("work", 10), decision("ok", ("done", 0.7), ("work", 0.3)), end())
    metrics = handbook_metrics(Handbook(flows=(rework,))).flows["port/rework"]
    assert metrics.expected_minutes == pytest.approx(10 / 0.7)
    assert metrics.visits["work"] == pytest.approx(1 / 0.7)
    assert metrics.loops == 1
    # the critical path takes the loop once
    assert metrics.critical_path == ("work", "ok", "done")
    assert metrics.critical_minutes == 10


def test_branches_without_probabilities_are_equally_likely() -> None:
    choice = flow(
        "choice",
        decision("which", ("fast", None), ("slow", None)),
        task("fast", 10, next="done"),
        task("slow", 30, next="done"),
        end(),
    )
    metrics = handbook_metrics(Handbook(flows=(choice,))).flows["port/choice"]
    assert metrics.expected_minutes == pytest.approx(20)
    assert metrics.critical_minutes == 30
    assert metrics.critical_path == ("which", "slow", "done")
    assert metrics.guessed_probabilities == 1


def test_given_probabilities_weight_the_branches() -> None:
    choice = flow(
        "choice",
        decision("which", ("fast", 0.8), ("slow", 0.2)),
        task("fast", 10, next="done"),
        task("slow", 30, next="done"),
        end(),
    )
    metrics = handbook_metrics(Handbook(flows=(choice,))).flows["port/choice"]
    assert metrics.expected_minutes == pytest.approx(0.8 * 10 + 0.2 * 30)
    assert metrics.guessed_probabilities == 0


def test_nested_loops_are_solved_exactly() -> None:
    # a (5) → b (10) → inner: back to b with 0.5, else outer: back to a with 0.25, else end
    nested = flow(
        "nested",
        task("a", 5),
        task("b", 10),
        decision("inner", ("b", 0.5), ("outer", 0.5)),
        decision("outer", ("a", 0.25), ("done", 0.75)),
        end(),
    )
    metrics = handbook_metrics(Handbook(flows=(nested,))).flows["port/nested"]
    visits_a = 1 / 0.75
    visits_b = visits_a / 0.5
    assert metrics.visits["a"] == pytest.approx(visits_a)
    assert metrics.visits["b"] == pytest.approx(visits_b)
    assert metrics.expected_minutes == pytest.approx(5 * visits_a + 10 * visits_b)


def test_sub_flows_roll_up_their_own_expected_time() -> None:
    child = flow("child", task("x", 10), decision("again", ("done", 0.5), ("x", 0.5)), end())
    parent = flow(
        "parent",
        task("before", 5),
        task("call", role="clerk", kind=StepKind.SUBFLOW, flow="child"),
        end(),
    )
    metrics = handbook_metrics(Handbook(flows=(child, parent))).flows
    assert metrics["port/child"].expected_minutes == pytest.approx(20)
    assert metrics["port/parent"].expected_minutes == pytest.approx(25)
    assert metrics["port/parent"].critical_minutes == pytest.approx(25)


def test_handoffs_runs_lanes_controls_and_missing_durations() -> None:
    relay = flow(
        "relay",
        task("a", 5, role="clerk", control="核对"),
        task("b", 5, role="clerk"),
        task("c", role="boss"),
        task("d", 5, role="clerk", control="签字"),
        end(),
    )
    metrics = handbook_metrics(Handbook(flows=(relay,))).flows["port/relay"]
    assert metrics.handoffs == 2  # b → c, c → d; d → done has no role on the end
    assert metrics.longest_run == 2
    assert metrics.lanes == 2
    assert (metrics.controlled_tasks, metrics.tasks) == (2, 4)
    assert metrics.control_coverage == 0.5
    assert metrics.without_duration == ("c",)
    assert metrics.steps_by_kind == {"task": 4, "decision": 0, "subflow": 0, "end": 1}


def test_role_load_counts_raci_letters_and_expected_minutes() -> None:
    work = flow(
        "work",
        task("a", 10, role="clerk", consulted=("boss",)),
        task("b", 20, role="boss", accountable="chief", informed=("clerk",)),
        decision("redo", ("a", 0.5), ("done", 0.5), role="boss"),
        end(),
    )
    roles = handbook_metrics(Handbook(flows=(work,))).roles
    assert roles["port/clerk"].responsible == 1
    assert roles["port/clerk"].informed == 1
    assert roles["port/clerk"].minutes_per_flow == {"port/work": pytest.approx(20)}
    assert roles["port/boss"].responsible == 2
    assert roles["port/boss"].accountable == 1  # the decision; 'b' is the chief's
    assert roles["port/boss"].consulted == 1
    assert roles["port/boss"].minutes_per_flow == {"port/work": pytest.approx(40)}
    assert roles["port/chief"].accountable == 1
    assert roles["port/chief"].flows == ("port/work",)


def test_a_loop_with_no_way_out_takes_for_ever() -> None:
    # validation reports such a flow (E311); the figures still must not hang or crash
    trapped = flow("trapped", task("a", 5, next="b"), task("b", 5, next="a"), end())
    metrics = handbook_metrics(Handbook(flows=(trapped,))).flows["port/trapped"]
    assert math.isinf(metrics.expected_minutes)
    assert metrics.endless == (("a", "b"),)
    assert (
        json.loads(format_json(handbook_metrics(Handbook(flows=(trapped,)))))["flows"][0][
            "expected_minutes"
        ]
        is None
    )


# -- the exact solution against a simulation of the same flow ---------------------------------


def _simulate(random_flow: Flow, runs: int, seed: int) -> float:
    """Walk the flow *runs* times, choosing branches as written (not via the chain's matrix)."""
    position = {step.id: index for index, step in enumerate(random_flow.steps)}
    # per step: its minutes, and (cumulative weights, targets), empty for an end step
    plan: list[tuple[int, list[float], list[int]]] = []
    for index, step in enumerate(random_flow.steps):
        minutes = step.duration.minutes if step.duration else 0
        if step.kind is StepKind.END:
            plan.append((minutes, [], []))
        elif step.kind is StepKind.DECISION:
            weights = [branch.probability or 1.0 for branch in step.branches]
            cumulative = list(itertools.accumulate(weight / sum(weights) for weight in weights))
            plan.append((minutes, cumulative, [position[b.next] for b in step.branches]))
        else:
            following = position[step.next] if step.next else index + 1
            plan.append((minutes, [1.0], [following]))
    rng = random.Random(seed)
    total = 0
    for _ in range(runs):
        current = 0
        while True:
            minutes, cumulative, targets = plan[current]
            total += minutes
            if not targets:
                break
            if len(targets) == 1:
                current = targets[0]
            else:
                current = targets[min(bisect.bisect(cumulative, rng.random()), len(targets) - 1)]
    return total / runs


@st.composite
def looping_flows(draw: st.DrawFn) -> Flow:
    """Flows of tasks and decisions: forward skips and loops back, every step leads to the end."""
    size = draw(st.integers(min_value=2, max_value=8))
    steps: list[Step] = []
    for index in range(size):
        step_id = f"s{index}"
        minutes = draw(st.integers(min_value=1, max_value=60))
        if draw(st.booleans()):
            back = draw(st.integers(min_value=0, max_value=index))
            forward = draw(st.integers(min_value=index + 1, max_value=size))
            stay = draw(st.sampled_from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]))
            onward = "done" if forward == size else f"s{forward}"
            probabilities = draw(st.booleans())
            steps.append(
                decision(
                    step_id,
                    (onward, 1 - stay if probabilities else None),
                    (f"s{back}", stay if probabilities else None),
                    minutes=minutes,
                )
            )
        else:
            steps.append(task(step_id, minutes))
    return flow("random", *steps, end())


@settings(max_examples=6, deadline=None)
@given(looping_flows(), st.integers(min_value=0, max_value=2**32 - 1))
def test_expected_cycle_time_agrees_with_a_monte_carlo_simulation(
    random_flow: Flow, seed: int
) -> None:
    metrics = handbook_metrics(Handbook(flows=(random_flow,))).flows[random_flow.key]
    simulated = _simulate(random_flow, runs=100_000, seed=seed)
    assert metrics.expected_minutes == pytest.approx(simulated, rel=0.01)


# -- formats, configuration, the command -----------------------------------------------------


def test_csv_opens_with_the_csv_module_one_row_per_flow() -> None:
    first = flow("first", task("a", 5), end())
    second = flow("second", task("a", 5, control="核对"), end(), domain="bank")
    rows = list(
        csv.DictReader(io.StringIO(format_csv(handbook_metrics(Handbook(flows=(second, first))))))
    )
    assert [row["flow"] for row in rows] == ["bank/second", "port/first"]
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["control_coverage"] == "1.000"
    assert rows[1]["expected_minutes"] == "5"


def test_minutes_read_as_days_hours_and_minutes() -> None:
    assert minutes_text(0) == "0m"
    assert minutes_text(95) == "1h 35m"
    assert minutes_text(24 * 60 + 60) == "1d 1h"
    assert minutes_text(math.inf) == "∞"


def test_configuration_defaults_and_bad_values() -> None:
    assert metrics_config(None) == MetricsConfig()
    assert metrics_config({"max_handoffs": 12, "decision_controls": True}) == MetricsConfig(
        max_handoffs=12, decision_controls=True
    )
    assert metrics_config({"max_loop_visits": None}).max_loop_visits is None
    for bad in ({"max_role_share": 1.5}, {"max_handoffs": "many"}, {"only_consulted": 1}, {"x": 1}):
        with pytest.raises(MetricsConfigError):
            metrics_config(bad)


def test_metrics_command_over_the_bundled_flows(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["metrics", str(REPOSITORY / "flows"), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    flow_files = sorted(REPOSITORY.glob("flows/*/*.yaml"))
    assert code == 0
    assert len(rows) == len([f for f in flow_files if f.stem not in ("domain", "roles")])
    container = next(row for row in rows if row["flow"] == "port/container-import")
    assert int(container["handoffs"]) > 0


def test_metrics_command_filters_and_refuses_unknown_flows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    flows = str(REPOSITORY / "flows")
    assert main(["metrics", flows, "--format", "json", "--flow", "port/berthing"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [record["flow"] for record in document["flows"]] == ["port/berthing"]
    assert all("port/berthing" in role["flows"] for role in document["roles"])
    assert main(["metrics", flows, "--flow", "port/nowhere"]) == 1
    assert "no flow 'port/nowhere'" in capsys.readouterr().err


def test_metrics_command_stops_on_invalid_flows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = REPOSITORY / "tests" / "cases" / "e322-probabilities-not-summing-to-one" / "flows"
    assert main(["metrics", str(case)]) == 1
    captured = capsys.readouterr()
    assert "E322" in captured.out
    assert "fix them first" in captured.err


# -- charts -----------------------------------------------------------------------------------


def test_bar_chart_is_well_formed_escaped_and_says_its_figures() -> None:
    from xml.etree import ElementTree

    from generator.metrics.charts import FlowBar, flow_bars

    svg = flow_bars(
        [FlowBar("<script>alert(1)</script>", 3, 0.5), FlowBar("靠泊", 0, None)],
        title="交接 & 覆盖",
        handoffs_label="交接次数",
        coverage_label="控制点覆盖率",
    )
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.findtext(f"{namespace}title") == "交接 & 覆盖"
    texts = [element.text for element in root.iter(f"{namespace}text")]
    assert "3" in texts and "50%" in texts and "–" in texts  # figures written, not only drawn
    assert "<script>" not in svg
    assert "控制点覆盖率 50%" in (root.findtext(f"{namespace}desc") or "")


def test_heat_map_writes_each_figure_and_keeps_labels_readable() -> None:
    from xml.etree import ElementTree

    from generator.metrics.charts import workload_heat_map

    svg = workload_heat_map(
        ["生产调度", "码头"],
        ["船舶靠泊", "集装箱进口"],
        [[140.0, 0.0], [0.0, 5760.0]],
        title="负荷",
        cell_text=[["140", ""], ["", "5760"]],
    )
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    texts = [element for element in root.iter(f"{namespace}text")]
    assert [t.text for t in texts if t.text in ("140", "5760")] == ["140", "5760"]
    sizes = {int(t.get("font-size") or root.get("font-size") or 0) for t in texts}
    assert min(sizes) >= 11
    darkest = next(t for t in texts if t.text == "5760")
    assert darkest.get("fill") == "#ffffff"  # light text on the darkest cell


def test_site_pages_show_flow_metrics_dashboards_and_workload() -> None:
    from generator.check import check_flows
    from generator.diagrams import compact_key
    from generator.render.pages import PageSettings, render_pages

    mini = REPOSITORY / "tests" / "fixtures" / "mini" / "flows"
    result = check_flows(mini, today=dt.date(2026, 11, 27))
    assert result.ok
    pages = render_pages(
        result.handbook,
        diagrams={
            key: "<svg></svg>"
            for flow in result.handbook.flows
            for key in (flow.key, compact_key(flow.key))
        },
        settings=PageSettings(today=dt.date(2026, 11, 27)),
    )
    domain = result.handbook.domains[0].id
    assert "## 指标看板 { #metrics }" in pages[f"{domain}/index.md"]
    assert 'class="handbook-chart"' in pages[f"{domain}/index.md"]
    flow_pages = [text for path, text in pages.items() if "## 流程指标 { #metrics }" in text]
    assert len(flow_pages) == len(result.handbook.flows)
    assert any(
        "## 工作负荷 { #workload }" in text for path, text in pages.items() if "/roles/" in path
    )


def test_figures_of_unchanged_flows_are_reused_and_follow_a_changed_sub_flow() -> None:
    child = flow("child", task("x", 10), end())
    parent = flow("parent", task("call", kind=StepKind.SUBFLOW, flow="child"), end())
    first = handbook_metrics(Handbook(flows=(child, parent))).flows
    again = handbook_metrics(Handbook(flows=(child, parent))).flows
    assert again["port/parent"] is first["port/parent"]  # the same objects: not computed again
    longer = flow("child", task("x", 25), end())
    changed = handbook_metrics(Handbook(flows=(longer, parent))).flows
    assert changed["port/parent"].expected_minutes == 25  # the caller follows its sub-flow


def test_the_figures_of_a_model_met_once_do_not_evict_the_current_ones() -> None:
    """Comparing with the previous build's model (``remember=False``) keeps the figures
    remembered for the current model, so the pages reuse them instead of computing again."""
    from generator.loader import load_handbook
    from generator.metrics import compute

    current, _ = load_handbook(Path(__file__).parent / "fixtures" / "mini" / "flows")
    previous, _ = load_handbook(Path(__file__).parent / "fixtures" / "mini" / "flows")
    figures = handbook_metrics(current)
    remembered = dict(compute._REMEMBERED)
    assert {id(entry[0]) for entry in remembered.values()} == {id(f) for f in current.flows}
    assert handbook_metrics(previous, remember=False) == figures  # the same sources
    assert remembered == compute._REMEMBERED
    handbook_metrics(previous)  # remembered: the current model's figures are dropped
    held = {id(entry[0]) for entry in compute._REMEMBERED.values()}
    assert held == {id(flow) for flow in previous.flows}

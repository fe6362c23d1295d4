"""The flow graph: links, edges, reachability, loops and sub-flow calls, on small flows."""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Location
from generator.flowgraph import Edge, FlowGraph, called_flow, callers, calls
from generator.model import Branch, Flow, Handbook, Status, Step, StepKind

HERE = Location("flows/port/f.yaml", 1, 1)


def _step(step_id: str, **fields: object) -> Step:
    return Step(location=HERE, id=step_id, name=step_id.upper(), role="r", **fields)  # type: ignore[arg-type]


def _flow(flow_id: str, *steps: Step, domain: str = "port") -> Flow:
    return Flow(
        location=HERE,
        id=flow_id,
        domain=domain,
        title=flow_id,
        summary="s",
        owner="r",
        version="1.0",
        status=Status.APPROVED,
        effective=dt.date(2026, 1, 1),
        review=dt.date(2027, 1, 1),
        steps=steps,
    )


def _decision(step_id: str, *targets: tuple[str, str]) -> Step:
    branches = tuple(Branch(location=HERE, when=when, next=target) for when, target in targets)
    return _step(step_id, kind=StepKind.DECISION, branches=branches)


def _end(step_id: str) -> Step:
    return Step(location=HERE, id=step_id, name=step_id, kind=StepKind.END)


REVIEW_LOOP = _flow(
    "review",
    _step("draft"),
    _decision("ok", ("yes", "done"), ("no", "fix")),
    _step("fix", next="ok"),
    _end("done"),
)


def test_links_follow_next_branches_and_the_list() -> None:
    graph = FlowGraph(REVIEW_LOOP)
    assert graph.links == {"draft": ("ok",), "ok": ("done", "fix"), "fix": ("ok",), "done": ()}
    assert graph.edges == (
        Edge("draft", "ok"),
        Edge("ok", "done", "yes", 0),
        Edge("ok", "fix", "no", 1),
        Edge("fix", "ok"),
    )
    assert graph.predecessors("ok") == ("draft", "fix")
    assert graph.successors("ok") == ("done", "fix")


def test_reachability_breadth_first_and_from_any_step() -> None:
    graph = FlowGraph(REVIEW_LOOP)
    assert graph.reachable() == ["draft", "ok", "done", "fix"]
    assert graph.reachable("fix") == ["fix", "ok", "done"]
    assert graph.reachable("nowhere") == []


def test_loops_are_the_arrows_back_onto_the_path() -> None:
    graph = FlowGraph(REVIEW_LOOP)
    assert graph.loops == frozenset({("fix", "ok")})
    assert [graph.is_loop(edge) for edge in graph.edges] == [False, False, False, True]
    assert graph.end_steps == ("done",)


def test_unknown_targets_stay_in_links_but_make_no_edge() -> None:
    flow = _flow("broken", _step("a", next="ghost"), _end("b"))
    graph = FlowGraph(flow)
    assert graph.links["a"] == ("ghost",)
    assert graph.edges == ()
    assert graph.reachable() == ["a"]


def test_last_step_without_next_leads_nowhere() -> None:
    graph = FlowGraph(_flow("open", _step("a"), _step("b")))
    assert graph.links == {"a": ("b",), "b": ()}


def test_calls_and_callers_resolve_local_and_qualified_references() -> None:
    called = _flow("child", _step("x"), _end("y"))
    other = _flow("far", _step("x"), _end("y"), domain="bank")
    parent = _flow(
        "parent",
        _step("one", kind=StepKind.SUBFLOW, flow="child"),
        _step("two", kind=StepKind.SUBFLOW, flow="bank/far"),
        _step("three", kind=StepKind.SUBFLOW, flow="missing"),
        _end("done"),
    )
    book = Handbook(flows=(other, called, parent))
    assert [(step.id, flow.key) for step, flow in calls(book, parent)] == [
        ("one", "port/child"),
        ("two", "bank/far"),
    ]
    assert called_flow(book, parent, parent.steps[2]) is None
    assert called_flow(book, parent, parent.steps[3]) is None
    found = callers(book)
    assert {key: [(flow.key, step.id) for flow, step in pairs] for key, pairs in found.items()} == {
        "port/child": [("port/parent", "one")],
        "bank/far": [("port/parent", "two")],
    }


def test_outgoing_arrows_keep_branch_order_and_skip_unknown_targets() -> None:
    flow = _flow(
        "triage",
        _decision("ok", ("yes", "done"), ("lost", "nowhere"), ("no", "fix")),
        _step("fix", next="ok"),
        _end("done"),
    )
    graph = FlowGraph(flow)
    assert graph.outgoing("ok") == (Edge("ok", "done", "yes", 0), Edge("ok", "fix", "no", 2))
    assert graph.outgoing("fix") == (Edge("fix", "ok"),)
    assert graph.outgoing("done") == ()
    assert graph.outgoing("missing") == ()

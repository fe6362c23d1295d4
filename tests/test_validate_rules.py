"""Unit tests of each validation rule, on model objects built directly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest

from generator.diagnostics import Diagnostic, Location
from generator.model import (
    Branch,
    Domain,
    Flow,
    Handbook,
    Revision,
    Role,
    Status,
    Step,
    StepKind,
)
from generator.validate import validate

TODAY = dt.date(2026, 11, 27)
FLOW_PATH = "flows/port/vessel-berthing.yaml"
LIST_FIELDS = ("consulted", "informed")


def step(
    step_id: str,
    line: int,
    *,
    kind: StepKind = StepKind.TASK,
    role: str | None = "dispatcher",
    accountable: str | None = None,
    consulted: Sequence[str] = (),
    informed: Sequence[str] = (),
    checklist: Sequence[str] = ("核对船名",),
    next_step: str | None = None,
    branches: Sequence[Branch] | None = None,
    flow: str | None = None,
    path: str = FLOW_PATH,
) -> Step:
    """A step at *line*; each given field on its own following line, value at column 11."""
    given: dict[str, object] = {
        "role": role,
        "accountable": accountable,
        "consulted": consulted,
        "informed": informed,
        "next": next_step,
        "branches": branches,
        "flow": flow,
    }
    spans = {"id": Location(path, line, 9)}
    offset = 0
    for name, value in given.items():
        if value is None or value == ():
            continue
        offset += 1
        spans[name] = Location(path, line + offset, 11)
        if name in LIST_FIELDS:
            assert isinstance(value, Sequence)
            for index in range(len(value)):
                spans[f"{name}.{index}"] = Location(path, line + offset, 12 + 10 * index)
    return Step(
        location=Location(path, line, 5),
        spans=spans,
        id=step_id,
        name=f"步骤{step_id}",
        kind=kind,
        role=None if kind is StepKind.END else role,
        accountable=accountable,
        consulted=tuple(consulted),
        informed=tuple(informed),
        checklist=() if kind is not StepKind.TASK else tuple(checklist),
        next=next_step,
        branches=tuple(branches or ()),
        flow=flow,
    )


def end(step_id: str, line: int, **fields: object) -> Step:
    """An end step."""
    return step(step_id, line, kind=StepKind.END, **fields)  # type: ignore[arg-type]


def branch(when: str, target: str, line: int, path: str = FLOW_PATH) -> Branch:
    """A branch at *line*: `when` at column 9, `next` on the following line."""
    return Branch(
        location=Location(path, line, 9),
        spans={"when": Location(path, line, 15), "next": Location(path, line + 1, 15)},
        when=when,
        next=target,
    )


def flow(
    steps: Sequence[Step],
    *,
    flow_id: str = "vessel-berthing",
    domain: str = "port",
    owner: str = "dispatcher",
    status: Status = Status.APPROVED,
    effective: dt.date = dt.date(2026, 1, 1),
    review: dt.date = dt.date(2027, 1, 1),
    well_formed: bool = True,
    history: Sequence[Revision] | None = None,
) -> Flow:
    """A flow whose header keys sit on lines 1 to 7 of its file.

    Its history, unless given, is the one approved revision of its version and date.
    """
    path = f"flows/{domain}/{flow_id}.yaml"
    if history is None:
        first = Revision(
            location=Location(path, 40, 5),
            version="1.0",
            date=effective,
            approved_by="运营总监",
            summary="首次发布",
        )
        history = (first,)
    return Flow(
        location=Location(path, 1, 1),
        spans={
            "owner": Location(path, 3, 8),
            "effective": Location(path, 6, 12),
            "review": Location(path, 7, 9),
        },
        id=flow_id,
        domain=domain,
        title="船舶靠泊",
        summary="船舶按计划安全靠泊",
        owner=owner,
        version="1.0",
        status=status,
        effective=effective,
        review=review,
        steps=tuple(steps),
        well_formed=well_formed,
        history=tuple(history),
    )


def role(role_id: str, line: int, *, domain: str = "port", reports_to: str | None = None) -> Role:
    """A role whose `- id:` is at *line* and `reports_to` two lines below."""
    path = f"flows/{domain}/roles.yaml"
    spans = {"id": Location(path, line, 9)}
    if reports_to is not None:
        spans["reports_to"] = Location(path, line + 2, 17)
    return Role(
        location=Location(path, line, 5),
        spans=spans,
        id=role_id,
        domain=domain,
        name=f"岗位{role_id}",
        reports_to=reports_to,
    )


def domain(domain_id: str = "port", owner: str = "port-manager") -> Domain:
    """A domain whose `owner` is on line 3 of domain.yaml."""
    path = f"flows/{domain_id}/domain.yaml"
    return Domain(
        location=Location(path, 1, 1),
        spans={"owner": Location(path, 3, 8)},
        id=domain_id,
        title="港口业务",
        summary="码头作业",
        owner=owner,
    )


PORT_ROLES = (
    role("port-manager", 2),
    role("dispatcher", 5, reports_to="port-manager"),
    role("pilot", 9, reports_to="port-manager"),
)


def simple_steps() -> list[Step]:
    """plan -> confirm -> done, using every port role."""
    return [
        step("plan", 9, consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager"),
        end("done", 19),
    ]


def handbook(
    flows: Sequence[Flow] = (),
    *,
    roles: Sequence[Role] = PORT_ROLES,
    domains: Sequence[Domain] | None = None,
    flow_files: Sequence[str] | None = None,
    unreadable_role_domains: Sequence[str] = (),
) -> Handbook:
    """A handbook; by default the port domain with its three roles."""
    return Handbook(
        domains=tuple(domains if domains is not None else (domain(),)),
        roles=tuple(roles),
        flows=tuple(flows),
        flow_files=frozenset(flow_files if flow_files is not None else [f.key for f in flows]),
        unreadable_role_domains=frozenset(unreadable_role_domains),
    )


def run(book: Handbook) -> list[Diagnostic]:
    return validate(book, today=TODAY)


def codes(book: Handbook) -> list[str]:
    return [diagnostic.code for diagnostic in run(book)]


def only(book: Handbook, code: str) -> Diagnostic:
    """The one diagnostic of the handbook, which must have *code*."""
    found = run(book)
    assert [diagnostic.code for diagnostic in found] == [code], [d.text for d in found]
    return found[0]


# -- a clean handbook --------------------------------------------------------------------


def test_clean_handbook_has_no_diagnostics() -> None:
    assert run(handbook([flow(simple_steps())])) == []


def test_diagnostics_are_sorted_by_location() -> None:
    steps = [step("plan", 9, role="dispatchr"), step("confirm", 14, role="pilott"), end("done", 19)]
    found = run(handbook([flow(steps, owner="dispatchr")]))
    assert [d.location.line for d in found] == sorted(d.location.line for d in found)


# -- E201, E202 duplicates ---------------------------------------------------------------


def test_duplicate_role_id_names_first_line() -> None:
    roles = [*PORT_ROLES, role("pilot", 13)]
    found = only(handbook([flow(simple_steps())], roles=roles), "E201")
    assert found.message == "duplicate role id 'pilot' (first defined at line 9)"
    assert found.location == Location("flows/port/roles.yaml", 13, 9)


def test_same_role_id_in_two_domains_is_fine() -> None:
    roles = [*PORT_ROLES, role("pilot", 2, domain="bank"), role("bank-boss", 5, domain="bank")]
    book = handbook(
        [flow(simple_steps())],
        roles=roles,
        domains=[domain(), domain("bank", owner="bank-boss")],
    )
    assert "E201" not in codes(book)


def test_duplicate_step_id_at_second_occurrence() -> None:
    steps = [step("plan", 9, consulted=["pilot"]), step("plan", 14, role="pilot"), end("done", 19)]
    found = run(handbook([flow(steps)]))
    assert [d.code for d in found] == ["E202"]
    assert found[0].message == "duplicate step id 'plan' (first used at line 9)"
    assert found[0].location == Location(FLOW_PATH, 14, 9)


# -- E203 unknown step -------------------------------------------------------------------


def test_unknown_next_with_suggestion() -> None:
    steps = [
        step("plan", 9, next_step="confrim", consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager"),
        end("done", 19),
    ]
    found = only(handbook([flow(steps)]), "E203")
    assert found.message == "unknown step 'confrim'"
    assert found.suggestion == "confirm"
    assert found.location == steps[0].where("next")


def test_unknown_branch_target_and_no_graph_cascade() -> None:
    decide = step(
        "can-berth",
        9,
        kind=StepKind.DECISION,
        consulted=["pilot"],
        branches=[branch("能", "berth", 12), branch("不能", "anchorage", 14)],
    )
    steps = [decide, step("berth", 16, role="pilot", accountable="port-manager"), end("done", 20)]
    found = only(handbook([flow(steps)]), "E203")
    assert found.message == "unknown step 'anchorage'"
    assert found.suggestion is None
    assert found.location == Location(FLOW_PATH, 15, 15)


def test_next_on_end_step_is_not_also_an_unknown_step() -> None:
    steps = [*simple_steps()[:2], end("done", 19, next_step="nowhere")]
    assert codes(handbook([flow(steps)])) == ["E304"]


# -- E204 unknown role -------------------------------------------------------------------


def test_unknown_role_with_suggestion() -> None:
    steps = simple_steps()
    steps[0] = step("plan", 9, role="dispatchr", consulted=["pilot"])
    found = only(handbook([flow(steps)]), "E204")
    assert found.message == "unknown role 'dispatchr'"
    assert found.suggestion == "dispatcher"
    assert found.location == steps[0].where("role")
    assert found.text == "unknown role 'dispatchr' (did you mean 'dispatcher'?)"


def test_unknown_role_reported_once_per_file_naming_other_lines() -> None:
    steps = [
        step("plan", 9, role="dispatchr", consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager", informed=["dispatchr"]),
        step("moor", 20, role="dispatchr"),
        end("done", 25),
    ]
    found = run(handbook([flow(steps)]))
    assert [d.code for d in found] == ["E204"]
    assert found[0].message == "unknown role 'dispatchr', also used at lines 17 and 21"
    assert found[0].location == Location(FLOW_PATH, 10, 11)


def test_unknown_role_reported_in_each_file() -> None:
    other = flow(simple_steps(), flow_id="unberthing", owner="dispatchr")
    first = flow(simple_steps(), owner="dispatchr")
    found = run(handbook([first, other]))
    assert [(d.code, d.location.path) for d in found] == [
        ("E204", "flows/port/unberthing.yaml"),
        ("E204", FLOW_PATH),
    ]


@pytest.mark.parametrize("field", ["accountable", "consulted", "informed"])
def test_unknown_role_in_raci_fields(field: str) -> None:
    fields: dict[str, object] = {field: "pilott" if field == "accountable" else ["pilott"]}
    steps = [step("plan", 9, consulted=["pilot"]), step("go", 14, **fields), end("done", 19)]  # type: ignore[arg-type]
    found = only(handbook([flow(steps)]), "E204")
    assert found.message == "unknown role 'pilott'"
    assert found.suggestion == "pilot"


def test_unknown_flow_owner() -> None:
    found = only(handbook([flow(simple_steps(), owner="port-manger")]), "E204")
    assert found.location == Location(FLOW_PATH, 3, 8)
    assert found.suggestion == "port-manager"


def test_unknown_domain_owner() -> None:
    book = handbook([flow(simple_steps())], domains=[domain(owner="harbour-master")])
    found = run(book)
    assert [d.code for d in found] == ["E204"]
    assert found[0].location == Location("flows/port/domain.yaml", 3, 8)


def test_domain_owner_from_another_domain_is_refused() -> None:
    roles = [*PORT_ROLES, role("lobby-manager", 2, domain="bank")]
    book = handbook(
        [flow(simple_steps())],
        roles=roles,
        domains=[domain(owner="bank/lobby-manager"), domain("bank", owner="lobby-manager")],
    )
    found = run(book)
    assert [d.code for d in found] == ["E204"]
    assert found[0].message == "domain owner 'bank/lobby-manager' is not a role of domain 'port'"


def test_unknown_reports_to() -> None:
    roles = [role("port-manager", 2), role("dispatcher", 5, reports_to="port-manger")]
    roles.append(role("pilot", 9, reports_to="port-manager"))
    found = only(handbook([flow(simple_steps())], roles=roles), "E204")
    assert found.location == Location("flows/port/roles.yaml", 7, 17)
    assert found.suggestion == "port-manager"


def test_cross_domain_role_reference_is_valid() -> None:
    roles = [*PORT_ROLES, role("lobby-manager", 2, domain="bank")]
    steps = [*simple_steps()]
    steps[1] = step(
        "confirm", 14, role="pilot", accountable="port-manager", informed=["bank/lobby-manager"]
    )
    book = handbook(
        [flow(steps)],
        roles=roles,
        domains=[domain(), domain("bank", owner="lobby-manager")],
    )
    assert run(book) == []


def test_unqualified_role_of_another_domain_suggests_qualified_key() -> None:
    roles = [*PORT_ROLES, role("lobby-manager", 2, domain="bank")]
    steps = [*simple_steps()]
    steps[1] = step(
        "confirm", 14, role="pilot", accountable="port-manager", informed=["lobby-manager"]
    )
    book = handbook(
        [flow(steps)], roles=roles, domains=[domain(), domain("bank", owner="lobby-manager")]
    )
    found = only(book, "E204")
    assert found.suggestion == "bank/lobby-manager"


def test_qualified_unknown_role_suggests_key() -> None:
    roles = [*PORT_ROLES, role("lobby-manager", 2, domain="bank")]
    steps = [*simple_steps()]
    steps[1] = step(
        "confirm", 14, role="pilot", accountable="port-manager", informed=["bank/lobby-manger"]
    )
    book = handbook(
        [flow(steps)], roles=roles, domains=[domain(), domain("bank", owner="lobby-manager")]
    )
    assert only(book, "E204").suggestion == "bank/lobby-manager"


def test_references_into_unreadable_roles_are_not_checked() -> None:
    steps = [*simple_steps()]
    steps[1] = step(
        "confirm", 14, role="pilot", accountable="port-manager", informed=["bank/teller"]
    )
    book = handbook([flow(steps)], unreadable_role_domains=["bank"])
    assert run(book) == []


def test_own_domain_unreadable_roles_silences_every_role_check() -> None:
    book = handbook([flow(simple_steps())], roles=(), unreadable_role_domains=["port"])
    assert run(book) == []


# -- E205 unknown flow -------------------------------------------------------------------


def subflow_step(target: str, line: int = 14, path: str = FLOW_PATH) -> Step:
    return step("import", line, kind=StepKind.SUBFLOW, role="pilot", flow=target, path=path)


def test_unknown_subflow_with_suggestion() -> None:
    called = flow(simple_steps(), flow_id="container-import")
    caller = flow(
        [step("plan", 9, consulted=["pilot"]), subflow_step("container-imprt"), end("done", 19)]
    )
    found = only(handbook([called, caller]), "E205")
    assert found.message == "unknown flow 'container-imprt'"
    assert found.suggestion == "container-import"
    assert found.location == caller.steps[1].where("flow") == Location(FLOW_PATH, 16, 11)


def test_subflow_to_flow_that_failed_to_load_is_quiet() -> None:
    caller = flow([step("plan", 9, consulted=["pilot"]), subflow_step("broken"), end("done", 19)])
    book = handbook([caller], flow_files=[caller.key, "port/broken"])
    assert "E205" not in codes(book)


def test_subflow_to_other_domain() -> None:
    called = flow(simple_steps(), flow_id="account-opening", domain="bank", owner="teller")
    bank_roles = [role("teller", 2, domain="bank")]
    caller = flow(
        [
            step("plan", 9, consulted=["pilot"]),
            subflow_step("bank/account-opening"),
            end("done", 19),
        ]
    )
    steps = [step("open", 9, role="teller"), end("done", 14)]
    called = flow(steps, flow_id="account-opening", domain="bank", owner="teller")
    book = handbook(
        [called, caller],
        roles=[*PORT_ROLES, *bank_roles],
        domains=[domain(), domain("bank", owner="teller")],
    )
    assert run(book) == []


# -- E206 reporting cycles ---------------------------------------------------------------


def test_reports_to_cycle_reported_once_at_first_role() -> None:
    roles = [
        role("port-manager", 2, reports_to="pilot"),
        role("dispatcher", 5, reports_to="port-manager"),
        role("pilot", 9, reports_to="dispatcher"),
    ]
    found = only(handbook([flow(simple_steps())], roles=roles), "E206")
    assert found.message == "reporting cycle 'dispatcher' → 'port-manager' → 'pilot' → 'dispatcher'"
    assert found.location == Location("flows/port/roles.yaml", 7, 17)


def test_role_reporting_to_itself() -> None:
    roles = [role("port-manager", 2, reports_to="port-manager"), *PORT_ROLES[1:]]
    found = only(handbook([flow(simple_steps())], roles=roles), "E206")
    assert found.message == "role 'port-manager' reports to itself"


def test_chain_into_cycle_reports_the_cycle_only() -> None:
    roles = [
        role("port-manager", 2, reports_to="pilot"),
        role("dispatcher", 5, reports_to="port-manager"),
        role("pilot", 9, reports_to="port-manager"),
    ]
    found = only(handbook([flow(simple_steps())], roles=roles), "E206")
    assert found.message == "reporting cycle 'pilot' → 'port-manager' → 'pilot'"


# -- E207 sub-flow cycles ----------------------------------------------------------------


def calling(flow_id: str, target: str) -> Flow:
    path = f"flows/port/{flow_id}.yaml"
    steps = [
        step("plan", 9, consulted=["pilot"], path=path),
        subflow_step(target, path=path),
        end("done", 19, path=path),
    ]
    return flow(steps, flow_id=flow_id)


def test_subflow_cycle_reported_once_at_first_flow() -> None:
    found = run(
        handbook(
            [calling("c-flow", "a-flow"), calling("a-flow", "b-flow"), calling("b-flow", "c-flow")]
        )
    )
    assert [d.code for d in found] == ["E207"]
    assert (
        found[0].message
        == "flow 'a-flow' calls itself through sub-flows: 'a-flow' → 'b-flow' → 'c-flow' → 'a-flow'"
    )
    assert found[0].location == Location("flows/port/a-flow.yaml", 16, 11)


def test_flow_calling_itself_directly() -> None:
    found = only(handbook([calling("a-flow", "a-flow")]), "E207")
    assert found.message == "flow 'a-flow' calls itself"


def test_subflow_chain_without_cycle_is_fine() -> None:
    book = handbook(
        [
            calling("a-flow", "b-flow"),
            calling("b-flow", "c-flow"),
            flow(simple_steps(), flow_id="c-flow"),
        ]
    )
    assert run(book) == []


# -- E301–E305, W302 step kinds ----------------------------------------------------------


def decision(branches: Sequence[Branch], next_step: str | None = None) -> Step:
    return step(
        "can-berth",
        9,
        kind=StepKind.DECISION,
        consulted=["pilot"],
        branches=branches,
        next_step=next_step,
    )


def test_decision_with_one_branch() -> None:
    steps = [
        decision([branch("能", "berth", 12)]),
        step("berth", 16, role="pilot", accountable="port-manager"),
        end("done", 20),
    ]
    found = only(handbook([flow(steps)]), "E301")
    assert found.message == "decision 'can-berth' has only one branch; it needs at least two"
    assert found.location == steps[0].where("branches")


def test_decision_with_empty_branches() -> None:
    empty = step("can-berth", 9, kind=StepKind.DECISION, consulted=["pilot"])
    empty = Step(
        **{**empty.__dict__, "spans": {**empty.spans, "branches": Location(FLOW_PATH, 11, 15)}}
    )
    found = run(
        handbook(
            [
                flow(
                    [
                        empty,
                        step("berth", 16, role="pilot", accountable="port-manager"),
                        end("done", 20),
                    ]
                )
            ]
        )
    )
    assert [d.code for d in found] == ["E301"]
    assert found[0].message == "decision 'can-berth' has no branches; it needs at least two"


def test_decision_without_branches_key_is_the_loaders() -> None:
    bare = step("can-berth", 9, kind=StepKind.DECISION, consulted=["pilot"])
    steps = [bare, step("berth", 16, role="pilot", accountable="port-manager"), end("done", 20)]
    assert "E301" not in codes(handbook([flow(steps, well_formed=False)]))


def test_branches_on_a_task() -> None:
    steps = simple_steps()
    steps[0] = step(
        "plan",
        9,
        consulted=["pilot"],
        branches=[branch("是", "confirm", 12), branch("否", "done", 14)],
    )
    found = only(handbook([flow(steps)]), "E302")
    assert found.message == "step 'plan' has 'branches' but is a task step, not a decision"


def test_flow_on_a_task() -> None:
    steps = simple_steps()
    steps[0] = step("plan", 9, consulted=["pilot"], flow="container-import")
    found = only(handbook([flow(steps)]), "E303")
    assert found.message == "step 'plan' has 'flow' but is a task step, not a subflow"
    assert found.location == steps[0].where("flow")


def test_next_on_end_step() -> None:
    steps = [*simple_steps()[:2], end("done", 19, next_step="plan")]
    found = only(handbook([flow(steps)]), "E304")
    assert found.message == "end step 'done' has 'next' 'plan'; an end step finishes the flow"


def test_next_on_decision() -> None:
    steps = [
        decision([branch("能", "berth", 12), branch("不能", "done", 14)], next_step="berth"),
        step("berth", 16, role="pilot", accountable="port-manager"),
        end("done", 20),
    ]
    found = only(handbook([flow(steps)]), "E305")
    assert found.message == "decision 'can-berth' has 'next' 'berth'; its branches say where to go"


def test_same_branch_label_twice() -> None:
    steps = [
        decision([branch("能", "berth", 12), branch("能", "done", 14)]),
        step("berth", 16, role="pilot", accountable="port-manager"),
        end("done", 20),
    ]
    found = only(handbook([flow(steps)]), "W302")
    assert (
        found.message == "branch label '能' of decision 'can-berth' repeats the branch at line 12"
    )
    assert found.location == Location(FLOW_PATH, 14, 15)


# -- E310–E312 graph ---------------------------------------------------------------------


def test_unreachable_step_names_its_followers_once() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"], next_step="done"),
        step("confirm", 14, role="pilot", accountable="port-manager"),
        step("moor", 17, role="pilot", next_step="done"),
        end("done", 19),
    ]
    found = only(handbook([flow(steps)]), "E310")
    assert found.message == (
        "step 'confirm' cannot be reached from the first step 'plan' (nor can 'moor' after it)"
    )
    assert found.location == Location(FLOW_PATH, 14, 5)


def test_unreachable_loop_reported_once() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"], next_step="done"),
        step("confirm", 14, role="pilot", accountable="port-manager", next_step="moor"),
        step("moor", 17, role="pilot", next_step="confirm"),
        end("done", 19),
    ]
    found = only(handbook([flow(steps)]), "E310")
    assert found.message.startswith("step 'confirm' cannot be reached")


def test_loop_without_end_hides_the_end_it_cuts_off() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager"),
        step("check", 17, role="pilot", next_step="confirm"),
        end("done", 19),
    ]
    found = only(handbook([flow(steps)]), "E311")
    assert found.message == (
        "no end step can be reached from step 'plan'; it loops 'confirm' → 'check' → 'confirm'"
    )
    assert found.location == Location(FLOW_PATH, 9, 5)


def test_no_end_reported_at_first_trapped_step() -> None:
    steps = [
        decision([branch("能", "berth", 12), branch("不能", "done", 14)]),
        step("berth", 16, role="pilot", accountable="port-manager"),
        step("check", 20, role="pilot", next_step="berth"),
        end("done", 24),
    ]
    found = only(handbook([flow(steps)]), "E311")
    assert (
        found.message
        == "no end step can be reached from step 'berth'; it loops 'berth' → 'check' → 'berth'"
    )
    assert found.location == Location(FLOW_PATH, 16, 5)


def test_last_step_falls_off() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager"),
    ]
    found = only(handbook([flow(steps)]), "E312")
    assert found.message == "last step 'confirm' is not an end step and has no 'next'"
    assert found.location == Location(FLOW_PATH, 14, 5)


def test_graph_checks_skip_ill_formed_flows() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"]),
        step("confirm", 14, role="pilot", accountable="port-manager"),
    ]
    assert run(handbook([flow(steps, well_formed=False)])) == []


def test_unreachable_last_step_is_not_also_falling_off() -> None:
    steps = [step("plan", 9, consulted=["pilot"], next_step="done"), end("done", 14)]
    steps.append(step("confirm", 19, role="pilot", accountable="port-manager"))
    assert codes(handbook([flow(steps)])) == ["E310"]


def test_branches_on_a_task_do_not_make_their_targets_unreachable() -> None:
    steps = [
        step(
            "plan",
            9,
            consulted=["pilot"],
            branches=[branch("是", "berth", 12), branch("否", "done", 14)],
        ),
        end("done", 15),
        step("berth", 16, role="pilot", accountable="port-manager", next_step="done"),
    ]
    assert codes(handbook([flow(steps)])) == ["E302"]


def test_next_on_a_decision_does_not_make_its_target_unreachable() -> None:
    steps = [
        decision([branch("能", "done", 12), branch("不能", "done", 14)], next_step="berth"),
        end("done", 15),
        step("berth", 16, role="pilot", accountable="port-manager", next_step="done"),
    ]
    assert codes(handbook([flow(steps)])) == ["E305"]


def test_graph_checks_skip_flows_with_duplicate_steps() -> None:
    steps = [
        step("plan", 9, consulted=["pilot"]),
        step("plan", 14, role="pilot", accountable="port-manager"),
    ]
    assert codes(handbook([flow(steps)])) == ["E202"]


# -- E401, W401 dates --------------------------------------------------------------------


def test_review_not_after_effective() -> None:
    book = handbook(
        [flow(simple_steps(), effective=dt.date(2026, 3, 1), review=dt.date(2026, 3, 1))]
    )
    found = only(book, "E401")
    assert found.message == "review date '2026-03-01' is not after effective date '2026-03-01'"
    assert found.location == Location(FLOW_PATH, 7, 9)


def test_review_overdue() -> None:
    found = only(handbook([flow(simple_steps(), review=dt.date(2026, 11, 26))]), "W401")
    assert found.message == "review date '2026-11-26' has passed (1 day overdue)"
    found = only(
        handbook([flow(simple_steps(), review=dt.date(2026, 1, 1), effective=dt.date(2025, 1, 1))]),
        "W401",
    )
    assert found.message == "review date '2026-01-01' has passed (330 days overdue)"


def test_review_today_is_not_overdue() -> None:
    assert run(handbook([flow(simple_steps(), review=TODAY)])) == []


def test_retired_flow_review_is_not_overdue() -> None:
    book = handbook([flow(simple_steps(), status=Status.RETIRED, review=dt.date(2026, 1, 2))])
    assert run(book) == []


# -- W201 unused role --------------------------------------------------------------------


def test_unused_role() -> None:
    roles = [*PORT_ROLES, role("tally-clerk", 13)]
    found = only(handbook([flow(simple_steps())], roles=roles), "W201")
    assert found.message == "role 'tally-clerk' is defined but never used"
    assert found.location == Location("flows/port/roles.yaml", 13, 9)


def test_role_used_only_as_superior_or_from_other_domain_is_used() -> None:
    roles = [
        *PORT_ROLES,
        role("tally-clerk", 13, reports_to="pilot"),
        role("teller", 2, domain="bank"),
    ]
    steps = [*simple_steps()]
    steps[1] = step(
        "confirm", 14, role="pilot", accountable="port-manager", informed=["tally-clerk"]
    )
    bank_steps = [step("open", 9, role="teller", informed=["port/dispatcher"]), end("done", 14)]
    book = handbook(
        [flow(steps), flow(bank_steps, flow_id="account-opening", domain="bank", owner="teller")],
        roles=roles,
        domains=[domain(), domain("bank", owner="teller")],
    )
    assert run(book) == []


def test_misspelt_role_is_not_also_unused() -> None:
    steps = simple_steps()
    steps[0] = step("plan", 9, role="dispatchr", consulted=["pilot"])
    roles = [role("port-manager", 2), role("dispatcher", 5), role("pilot", 9)]
    assert codes(handbook([flow(steps, owner="port-manager")], roles=roles)) == ["E204"]


def test_unused_role_is_quiet_when_a_flow_failed_to_load() -> None:
    roles = [*PORT_ROLES, role("tally-clerk", 13)]
    book = handbook(
        [flow(simple_steps())],
        roles=roles,
        flow_files=[f"port/{n}" for n in ("vessel-berthing", "broken")],
    )
    assert run(book) == []


# -- W301 checklist ----------------------------------------------------------------------


def test_task_without_checklist_in_approved_flow() -> None:
    steps = simple_steps()
    steps[1] = step("confirm", 14, role="pilot", accountable="port-manager", checklist=())
    found = only(handbook([flow(steps)]), "W301")
    assert found.message == "task step 'confirm' has no checklist, but the flow is approved"
    assert found.location == Location(FLOW_PATH, 14, 5)


def test_task_without_checklist_in_draft_is_fine() -> None:
    steps = simple_steps()
    steps[1] = step("confirm", 14, role="pilot", accountable="port-manager", checklist=())
    assert run(handbook([flow(steps, status=Status.DRAFT)])) == []


def test_graph_checks_follow_the_flow_graph_links() -> None:
    from generator.flowgraph import FlowGraph

    steps = [
        decision([branch("能", "berth", 12), branch("不能", "wait", 14)]),
        step("wait", 15, role="pilot", next_step="can-berth"),
        step("berth", 16, role="pilot"),
        step("tidy", 18, kind=StepKind.SUBFLOW, flow="cleanup"),
        end("done", 20),
        step("orphan", 22),
    ]
    checked = flow(steps)
    assert FlowGraph(checked).links == {
        "can-berth": ("berth", "wait"),
        "wait": ("can-berth",),
        "berth": ("tidy",),
        "tidy": ("done",),
        "done": (),
        "orphan": (),
    }


# -- values the loader already reported (``invalid``) ------------------------------------


def test_invalid_owner_is_not_an_unknown_role() -> None:
    broken = dataclasses.replace(flow(simple_steps()), owner="", invalid=frozenset({"owner"}))
    assert run(handbook([broken])) == []


def test_invalid_kind_silences_kind_rules_and_checklist_warning() -> None:
    guessed = step("can-berth", 9, consulted=["pilot"], branches=[branch("能", "done", 12)])
    guessed = dataclasses.replace(guessed, checklist=(), invalid=frozenset({"kind"}))
    steps = [
        guessed,
        step("confirm", 14, role="pilot", accountable="port-manager"),
        end("done", 19),
    ]
    assert run(handbook([flow(steps, well_formed=False)])) == []


def test_invalid_dates_silence_date_rules() -> None:
    broken = flow(simple_steps(), effective=dt.date.min, review=dt.date(2026, 1, 1))
    broken = dataclasses.replace(broken, invalid=frozenset({"effective"}))
    assert codes(handbook([broken])) == ["W401"]
    broken = dataclasses.replace(broken, review=dt.date.max, invalid=frozenset({"review"}))
    assert run(handbook([broken])) == []


def test_invalid_step_id_silences_unknown_step() -> None:
    nameless = dataclasses.replace(
        step("confirm", 14, role="pilot", accountable="port-manager"),
        id="",
        invalid=frozenset({"id"}),
    )
    steps = [step("plan", 9, consulted=["pilot"], next_step="confirm"), nameless, end("done", 19)]
    assert run(handbook([flow(steps, well_formed=False)])) == []


def test_invalid_list_item_moves_role_check_to_the_list() -> None:
    steps = simple_steps()
    steps[0] = dataclasses.replace(
        step("plan", 9, consulted=["bad-ref", "pilott"]),
        consulted=("pilott",),
        invalid=frozenset({"consulted"}),
    )
    found = only(handbook([flow(steps)]), "E204")
    assert found.location == steps[0].where("consulted")


def test_unused_role_is_quiet_when_a_role_reference_was_invalid() -> None:
    steps = simple_steps()
    steps[1] = dataclasses.replace(steps[1], role=None, invalid=frozenset({"role"}))
    roles = [*PORT_ROLES, role("tally-clerk", 13)]
    assert run(handbook([flow(steps, well_formed=False)], roles=roles)) == []

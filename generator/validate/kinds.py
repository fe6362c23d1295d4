"""Keys that belong to one kind of step (E302–E305) and a decision's branches (E301, W302)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Location
from generator.messages.text import msg
from generator.model import Handbook, Step, StepKind


def misplaced_keys(handbook: Handbook) -> Iterator[Diagnostic]:
    """E302–E305: `branches`, `flow` or `next` on a step whose kind does not use them."""
    for flow in handbook.flows:
        for step in flow.steps:
            if "kind" in step.invalid:
                continue
            article = "an {kind}" if step.kind is StepKind.END else "a {kind}"
            kind = msg(article, kind=step.kind.value)
            if step.kind is not StepKind.DECISION and (step.branches or "branches" in step.spans):
                yield Diagnostic(
                    "E302",
                    msg(
                        "step '{step}' has 'branches' but is {kind} step, not a decision",
                        step=step.id,
                        kind=kind,
                    ),
                    step.where("branches"),
                )
            if step.kind is not StepKind.SUBFLOW and step.flow is not None:
                yield Diagnostic(
                    "E303",
                    msg(
                        "step '{step}' has 'flow' but is {kind} step, not a subflow",
                        step=step.id,
                        kind=kind,
                    ),
                    step.where("flow"),
                )
            if step.kind is StepKind.END and step.next is not None:
                yield Diagnostic(
                    "E304",
                    msg(
                        "end step '{step}' has 'next' '{next}'; an end step finishes the flow",
                        step=step.id,
                        next=step.next,
                    ),
                    step.where("next"),
                )
            if step.kind is StepKind.DECISION and step.next is not None:
                yield Diagnostic(
                    "E305",
                    msg(
                        "decision '{step}' has 'next' '{next}'; its branches say where to go",
                        step=step.id,
                        next=step.next,
                    ),
                    step.where("next"),
                )


def written_branches(step: Step) -> int:
    """How many branches the author wrote, valid or not."""
    written = sum(1 for key in step.spans if key.startswith("branches."))
    return max(written, len(step.branches))


def decision_branches(handbook: Handbook) -> Iterator[Diagnostic]:
    """E301: a decision with fewer than two branches; W302: two branches with one label.

    A decision without the `branches` key at all is the loader's (missing key), and
    branches are counted as written, including ones the loader found malformed.
    """
    for flow in handbook.flows:
        for step in flow.steps:
            if step.kind is not StepKind.DECISION or "kind" in step.invalid:
                continue
            written = written_branches(step)
            if written < 2 and "branches" in step.spans and "branches" not in step.invalid:
                count = msg("only one branch" if written else "no branches")
                yield Diagnostic(
                    "E301",
                    msg(
                        "decision '{step}' has {count}; it needs at least two",
                        step=step.id,
                        count=count,
                    ),
                    step.where("branches"),
                )
            first_seen: dict[str, Location] = {}
            for branch in step.branches:
                here = branch.where("when")
                first = first_seen.setdefault(branch.when, here)
                if first is not here:
                    yield Diagnostic(
                        "W302",
                        msg(
                            "branch label '{label}' of decision '{step}' repeats "
                            "the branch at line {line}",
                            label=branch.when,
                            step=step.id,
                            line=first.line,
                        ),
                        here,
                    )

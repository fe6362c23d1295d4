"""Branch probabilities (FORMAT v1.2): on all branches of a decision or none (E321), sum 1 (E322).

A probability that is not a number, or out of range, is the loader's (E110,
E320); a decision with such a branch, or with a branch the loader could not
read at all, is not checked here again (no cascades).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.model import Handbook, StepKind
from generator.validate.kinds import written_branches

SUM_TOLERANCE = 0.001
"""How far from 1 the probabilities of one decision may sum (FORMAT v1.2: ±0.001)."""


def branch_probabilities(handbook: Handbook) -> Iterator[Diagnostic]:
    """E321: probabilities on some branches only; E322: probabilities that do not sum to 1."""
    for flow in handbook.flows:
        for step in flow.steps:
            if step.kind is not StepKind.DECISION or len(step.branches) < 2:
                continue
            if written_branches(step) != len(step.branches) or any(
                "probability" in branch.invalid for branch in step.branches
            ):
                continue
            given = [branch for branch in step.branches if branch.probability is not None]
            if not given:
                continue
            if len(given) < len(step.branches):
                missing = next(b for b in step.branches if b.probability is None)
                yield Diagnostic(
                    "E321",
                    f"decision '{step.id}': branch '{missing.when}' has no probability but "
                    f"{len(given)} of its {len(step.branches)} branches do",
                    missing.location,
                )
                continue
            total = sum(branch.probability or 0.0 for branch in given)
            if abs(total - 1) > SUM_TOLERANCE:
                shown = " + ".join(f"{branch.probability:g}" for branch in given)
                yield Diagnostic(
                    "E322",
                    f"the branch probabilities of decision '{step.id}' sum to {total:g} "
                    f"({shown}), not 1",
                    step.where("branches"),
                )

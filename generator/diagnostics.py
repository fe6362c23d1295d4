"""Source locations, diagnostics and the one registry of diagnostic codes.

Every problem the generator finds in user input is a :class:`Diagnostic` with a
stable code from :data:`CODES`. Codes never change meaning once released; new
checks get new codes. The authoring guide's code table is generated from this
registry, so the registry is the documentation.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file: 1-based line and column, as editors count."""

    path: str
    """The file's path as the user named it (POSIX separators)."""
    line: int = 1
    """1-based line number."""
    column: int = 1
    """1-based column number."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(StrEnum):
    """How bad a diagnostic is; `--strict` treats warnings as errors."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the diagnostic registry."""

    code: str
    """The stable code, e.g. ``E204``; the letter repeats the default severity."""
    severity: Severity
    """The default severity."""
    title: str
    """A short name of the problem, used in the reference table."""
    hint: str
    """What the author should do about it."""


def _registry(*codes: Code) -> dict[str, Code]:
    """Index the codes, refusing duplicates and unsorted entries (a test guards it too)."""
    index: dict[str, Code] = {}
    for entry in codes:
        if entry.code in index:
            raise ValueError(f"duplicate diagnostic code {entry.code}")
        if entry.code[0] != entry.severity.value[0].upper():
            raise ValueError(f"code {entry.code} does not match its severity")
        index[entry.code] = entry
    return index


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = _registry(
    # -- E1xx: reading files and their shape ---------------------------------------------
    Code("E100", E, "cannot read file", "Check that the file exists and is readable."),
    Code("E101", E, "file is not UTF-8", "Save the file as UTF-8 (with or without BOM)."),
    Code("E102", E, "YAML syntax error", "Fix the YAML syntax at the marked position."),
    Code("E103", E, "tab character", "YAML indentation must use spaces; replace the tab."),
    Code("E104", E, "duplicate key", "Remove or rename one of the two keys."),
    Code("E105", E, "more than one YAML document", "Keep one document per file; drop `---`."),
    Code("E106", E, "empty file", "Write the required keys, or delete the file."),
    Code("E107", E, "file too large", "Split the file; flow files are limited in size."),
    Code("E108", E, "YAML too complex", "Remove aliases or deep nesting; write values out."),
    Code("E109", E, "too many steps", "Split the flow into sub-flows."),
    Code("E110", E, "wrong type", "Write the value as the type the key expects."),
    Code("E111", E, "missing required key", "Add the key."),
    Code("E112", E, "unknown key", "Remove the key or correct its spelling."),
    Code("E113", E, "invalid id", "Ids are kebab-case ASCII: lowercase letters, digits, `-`."),
    Code("E114", E, "invalid date", "Write a real date as YYYY-MM-DD."),
    Code("E115", E, "invalid duration", "Write a number and a unit: 15m, 2h, 1d."),
    Code("E116", E, "invalid choice", "Use one of the allowed values."),
    Code("E117", E, "empty value", "Write a value, or remove the key if it is optional."),
    Code("E118", E, "missing domain file", "Each domain folder needs domain.yaml and roles.yaml."),
    Code("E119", E, "misplaced file", "Put flow files in flows/<domain>/<flow-id>.yaml."),
    Code("E120", E, "control character in the file", "Delete the invisible character."),
    Code("E121", E, "merge key", "Write the keys out instead of merging them with `<<`."),
    Code("E122", E, "inconsistent indentation", "Indent sibling keys and list items equally."),
    Code("E123", E, "full-width colon", "Write an ASCII colon and a space after the key."),
    Code(
        "E130",
        E,
        "placeholder text in an approved flow",
        "Replace the TODO text `handbook new` wrote with the real content, or set status: draft.",
    ),
    # -- E2xx: references -----------------------------------------------------------------
    Code("E201", E, "duplicate role id", "Give each role of a domain its own id."),
    Code("E202", E, "duplicate step id", "Give each step of a flow its own id."),
    Code("E203", E, "unknown step", "Point `next` or a branch at a step id of this flow."),
    Code("E204", E, "unknown role", "Define the role in roles.yaml or fix the id."),
    Code("E205", E, "unknown flow", "Point `flow` at an existing flow id or domain/flow-id."),
    Code("E206", E, "reporting cycle", "`reports_to` must not lead back to the same role."),
    Code("E207", E, "sub-flow cycle", "A flow must not call itself through its sub-flows."),
    # -- E3xx: step kinds and the flow graph ------------------------------------------------
    Code("E301", E, "decision needs two branches", "Give the decision at least two branches."),
    Code("E302", E, "branches on a non-decision", "Use `kind: decision` or drop `branches`."),
    Code("E303", E, "flow on a non-subflow", "Use `kind: subflow` or drop `flow`."),
    Code("E304", E, "next on an end step", "End steps finish the flow; drop `next`."),
    Code("E305", E, "next on a decision", "A decision continues by its branches; drop `next`."),
    Code("E310", E, "unreachable step", "Link the step from another step, or remove it."),
    Code("E311", E, "no end reachable", "Add a path to a `kind: end` step."),
    Code("E312", E, "last step falls off", "Give the last step `next`, or make it an end step."),
    Code("E320", E, "probability out of range", "A branch probability is a number, 0 < p <= 1."),
    Code(
        "E321",
        E,
        "probability on some branches only",
        "Give every branch of the decision a `probability`, or none (equally likely).",
    ),
    Code(
        "E322",
        E,
        "probabilities do not sum to 1",
        "Make the branch probabilities of the decision add up to 1.",
    ),
    # -- E4xx: document control -------------------------------------------------------------
    Code("E401", E, "review not after effective", "Set `review` to a date after `effective`."),
    Code("E410", E, "duplicate history version", "Give each `history` entry its own version."),
    Code(
        "E411",
        E,
        "history versions out of order",
        "List `history` newest first: each version lower than the one above (1.10 > 1.9).",
    ),
    Code(
        "E412",
        E,
        "history dates out of order",
        "List `history` newest first: no entry dated after the one above it.",
    ),
    Code(
        "E413",
        E,
        "newest revision is not the flow's version",
        "Add a `history` entry for the current `version` at the top, or fix `version`.",
    ),
    Code(
        "E414",
        E,
        "approved flow without approver",
        "Write `approved_by` on the newest `history` entry (or on the flow).",
    ),
    Code(
        "E415",
        E,
        "history version not a dotted number",
        "Write revision versions as dotted numbers, e.g. 1.2 or 1.10.",
    ),
    Code(
        "E416",
        E,
        "unknown replacement flow",
        "Point `replaced_by` at another existing flow: flow-id or domain/flow-id.",
    ),
    # -- Warnings -----------------------------------------------------------------------------
    Code("W101", W, "ignored file", "Flow files end in .yaml; rename or move the file."),
    Code("W120", W, "control character in text", "Remove the character or write what you meant."),
    Code(
        "W130",
        W,
        "placeholder text in a draft",
        "Replace the TODO text `handbook new` wrote; it is an error once the flow is approved.",
    ),
    Code(
        "W131",
        W,
        "placeholder text in a domain or roles file",
        "Replace the TODO text `handbook new` wrote in domain.yaml or roles.yaml.",
    ),
    Code("W201", W, "unused role", "Use the role in a step, or remove it."),
    Code(
        "W210",
        W,
        "approved flow calls a draft",
        "Approve the called flow first, or call an approved one: staff do not see drafts.",
    ),
    Code(
        "W211",
        W,
        "approved flow calls a retired flow",
        "Call the flow that replaces the retired one.",
    ),
    Code(
        "W212",
        W,
        "replacement not in force",
        "Point `replaced_by` at an approved flow; drafts and retired flows are not in force.",
    ),
    Code("W301", W, "task without checklist", "Add a checklist so the SOP card lists the task."),
    Code("W302", W, "duplicate branch label", "Make each branch `when` label distinct."),
    Code("W401", W, "review overdue", "Review the flow and move `review` forward."),
    Code(
        "W410",
        W,
        "effective before the newest revision",
        "Set `effective` on or after the date of the newest `history` entry.",
    ),
    Code(
        "W411",
        W,
        "approved flow without history",
        "Add `history` with at least the entry of the current version and its approver.",
    ),
    Code(
        "W412",
        W,
        "replaced_by on a flow in force",
        "Only retired flows are replaced: set status: retired, or remove `replaced_by`.",
    ),
    Code(
        "W420",
        W,
        "site_url missing or the example domain",
        "Set `site_url` in mkdocs.yml to the address staff open: printed QR codes point there.",
    ),
    # -- W5xx: process design and RACI (thresholds under extra.handbook.metrics) ----------------
    Code(
        "W501",
        W,
        "role only consulted or informed",
        "Give the role work (R) or accountability (A), or drop it from the RACI of its steps.",
    ),
    Code(
        "W502",
        W,
        "doer also consulted or informed",
        "The role doing the step is not also C or I of it; drop it from `consulted`/`informed`.",
    ),
    Code(
        "W503",
        W,
        "role holds too many steps",
        "Share the work out, or raise `max_role_share` under extra.handbook.metrics.",
    ),
    Code(
        "W504",
        W,
        "decision path without control point",
        "Add a `control` to a step on the path, or a branch that checks the decision.",
    ),
    Code(
        "W505",
        W,
        "loop that hardly ends",
        "Give the loop's decision a realistic `probability` of leaving the loop.",
    ),
    Code(
        "W506",
        W,
        "too many handoffs",
        "Fewer changes of hands make fewer errors; or raise `max_handoffs`.",
    ),
)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the sources, with where it is and how to fix it."""

    code: str
    """The stable code from :data:`CODES`."""
    message: str
    """What is wrong, naming the offending value."""
    location: Location
    """Where it is."""
    suggestion: str | None = None
    """A likely intended value ("did you mean ..."), if one is close."""
    severity: Severity = field(init=False)
    """Taken from the registry."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CODES[self.code].severity)

    @property
    def hint(self) -> str:
        """The registry's advice for this code."""
        return CODES[self.code].hint

    @property
    def text(self) -> str:
        """The message with its suggestion, as one line."""
        if self.suggestion:
            return f"{self.message} (did you mean '{self.suggestion}'?)"
        return self.message

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Sort by file, line, column, then code and message: stable output."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics sorted by location, without exact duplicates."""
    unique = {(d.sort_key(), d.suggestion): d for d in diagnostics}
    return [unique[key] for key in sorted(unique, key=lambda k: (k[0], k[1] or ""))]


def suggest(value: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate closest to *value*, if any is close enough to be a typo."""
    matches = difflib.get_close_matches(value, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None

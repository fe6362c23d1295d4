"""Output formats of a diff: text for people, JSON for tools, Markdown for a pull-request
comment, GitHub Actions annotations at the changed lines.

Every format shows author text as inert text: control characters escaped in
text and annotations, Markdown and HTML specials (and ``@`` mentions) as
character references in the comment.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from generator.diagnostics import Location
from generator.diff.model import Change, ChangeKind, FlowDiff, HandbookDiff, Presence, Value
from generator.diff.versioncheck import VersionProblem
from generator.render.escape import text as markdown_text
from generator.reporters import visible

SHORT = 60
"""Characters of a long text value shown in text, Markdown and annotations."""


def short(text: str, limit: int = SHORT) -> str:
    """*text* on one line, cut at *limit* characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def value_text(value: Value) -> str:
    """A change's old or new value as short plain text (``—`` for none)."""
    if value is None or value == []:
        return "—"
    if isinstance(value, str):
        return short(value)
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_text(part) for part in value) + "]"
    if "next" in value:
        target = str(value["next"])
        return f"{short(str(value['when']), 20)}→{target}" if "when" in value else target
    if "version" in value:
        return f"{value['version']} ({value.get('date')})"
    return short(json.dumps(value, ensure_ascii=False))


def values_text(change: Change) -> str:
    """A change's old and new value: ``old → new``, or for lists of text the items
    added and removed (``+核对吃水, −核对船名``), which reads better than two long lists."""
    old, new = change.old, change.new
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(item, str) for item in (*old, *new))
    ):
        added = [f"+{value_text(item)}" for item in new if item not in old]
        removed = [f"−{value_text(item)}" for item in old if item not in new]
        if added or removed:
            return ", ".join(added + removed)
    return f"{value_text(old)} → {value_text(new)}"


def subject(change: Change) -> str:
    """What a change is about: ``step plan``, ``role pilot``, ``title``."""
    parts = []
    if change.step is not None:
        parts.append(f"step {change.step}")
    if change.role is not None:
        parts.append(f"role {change.role}")
    if change.field is not None:
        parts.append(change.field)
    return " ".join(parts)


def change_line(change: Change) -> str:
    """One change as plain text: ``step-role-changed step plan: dispatcher → port-manager``."""
    if change.kind in (ChangeKind.STEP_ADDED, ChangeKind.ROLE_ADDED):
        return f"{change.kind} {subject(change)}: {value_text(change.new)}"
    if change.kind in (ChangeKind.STEP_REMOVED, ChangeKind.ROLE_REMOVED):
        return f"{change.kind} {subject(change)}: {value_text(change.old)}"
    return f"{change.kind} {subject(change)}: {values_text(change)}"


def _version_text(flow: FlowDiff) -> str:
    if flow.presence is Presence.ADDED:
        return f"version {flow.new_version}"
    if flow.presence is Presence.REMOVED:
        return f"version {flow.old_version}"
    if flow.old_version == flow.new_version:
        return f"version {flow.new_version}"
    return f"version {flow.old_version} → {flow.new_version}"


def summary(diff: HandbookDiff) -> str:
    """One line: how many flows were added, removed, changed, and how many domains changed."""
    if diff.empty:
        return f"{diff.old} → {diff.new}: no differences"
    counts = [
        f"{sum(1 for flow in diff.flows if flow.presence is presence)} {presence.value}"
        for presence in Presence
    ]
    domains = len(diff.domains)
    return visible(
        f"{diff.old} → {diff.new}: flows {', '.join(counts)};"
        f" {domains} domain{'s' if domains != 1 else ''} changed"
    )


def format_text(diff: HandbookDiff, problems: Sequence[VersionProblem] = ()) -> str:
    """The diff for people: a line per flow or domain, an indented line per change."""
    lines = []
    for flow in diff.flows:
        lines.append(f"{flow.key} {short(flow.title)}: {flow.presence} ({_version_text(flow)})")
        lines.extend(f"  {change_line(change)}" for change in flow.changes)
    for domain in diff.domains:
        lines.append(f"domain {domain.id} {short(domain.title)}: {domain.presence}")
        lines.extend(f"  {change_line(change)}" for change in domain.changes)
    lines.extend(problem.message for problem in problems)
    lines.append(summary(diff))
    return "".join(visible(line) + "\n" for line in lines)


def format_json(diff: HandbookDiff, problems: Sequence[VersionProblem] = ()) -> str:
    """The JSON report of FORMAT.md ("Semantic diff"); the version check is not part of it."""
    return json.dumps(diff.as_json(), ensure_ascii=False, indent=2) + "\n"


def _md(value: str) -> str:
    """Author text for a GitHub comment: shown literally, mentioning nobody."""
    return str(markdown_text(value)).replace("@", "&#64;")


def _md_change(change: Change, t: Mapping[str, str]) -> str:
    about = []
    if change.step is not None:
        about.append(f"{t['step']} `{change.step}`")
    if change.role is not None:
        about.append(f"{t['role']} `{change.role}`")
    if change.field is not None:
        about.append(f"`{change.field}`")
    head = f"{t['diff.kind.' + change.kind.value]} {' '.join(about)}".rstrip()
    if change.kind in (ChangeKind.STEP_ADDED, ChangeKind.ROLE_ADDED):
        return f"- {head}{t['colon']}{_md(value_text(change.new))}"
    if change.kind in (ChangeKind.STEP_REMOVED, ChangeKind.ROLE_REMOVED):
        return f"- {head}{t['colon']}~~{_md(value_text(change.old))}~~"
    return f"- {head}{t['colon']}{_md(values_text(change))}"


def _md_version(flow: FlowDiff) -> str:
    old, new = flow.old_version, flow.new_version
    if old is None or new is None or old == new:
        return _md(old or new or "—")
    return f"{_md(old)} → {_md(new)}"


def format_markdown(
    diff: HandbookDiff, problems: Sequence[VersionProblem] = (), *, labels: Mapping[str, str]
) -> str:
    """A pull-request comment: a summary table, then each flow's changes, then domains."""
    t = labels
    lines = [f"## {t['diff.title']}{t['colon']}{_md(diff.old)} → {_md(diff.new)}", ""]
    if diff.empty:
        lines.append(t["diff.no_changes"])
    if diff.flows:
        lines.append(f"| {t['flow']} | {t['diff.changes']} | {t['version']} | # |")
        lines.append("| --- | --- | --- | ---: |")
        for flow in diff.flows:
            presence = t[f"diff.presence.{flow.presence.value}"]
            title = f"`{flow.key}` {_md(short(flow.title))}"
            lines.append(f"| {title} | {presence} | {_md_version(flow)} | {len(flow.changes)} |")
        lines.append("")
    if problems:
        lines.append(f"### ⚠ {t['diff.version_check']}")
        lines.append("")
        lines.extend(f"- {_md(problem.message)}" for problem in problems)
        lines.append("")
    for flow in diff.flows:
        if not flow.changes:
            continue
        lines.append(f"### `{flow.key}` {_md(short(flow.title))}")
        lines.append("")
        lines.extend(_md_change(change, t) for change in flow.changes)
        lines.append("")
    if diff.domains:
        lines.append(f"### {t['diff.domains']}")
        lines.append("")
        for domain in diff.domains:
            presence = t[f"diff.presence.{domain.presence.value}"]
            lines.append(f"- `{domain.id}` {_md(short(domain.title))}（{presence}）")
            lines.extend(f"  {_md_change(change, t)}" for change in domain.changes)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _escape_data(value: str) -> str:
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation(command: str, location: Location | None, title: str, message: str) -> str:
    properties = []
    if location is not None:
        properties.append(f"file={_escape_property(location.path)}")
        properties.append(f"line={location.line}")
    properties.append(f"title={_escape_property(title)}")
    return f"::{command} {','.join(properties)}::{_escape_data(message)}\n"


def format_github(diff: HandbookDiff, problems: Sequence[VersionProblem] = ()) -> str:
    """GitHub Actions annotations: a notice at the new line of every change, an error per
    version problem. Removed flows and steps are noted where the flow or its steps are."""
    lines = []
    for flow in diff.flows:
        if not flow.changes:
            where = flow.location if flow.presence is Presence.ADDED else None
            message = f"{flow.key}: {flow.presence} ({_version_text(flow)})"
            lines.append(_annotation("notice", where, f"flow {flow.presence}", message))
        for change in flow.changes:
            message = f"{flow.key}: {change_line(change)}"
            lines.append(_annotation("notice", change.location, change.kind.value, message))
    for domain in diff.domains:
        if not domain.changes:
            where = domain.location if domain.presence is Presence.ADDED else None
            message = f"domain {domain.id}: {domain.presence}"
            lines.append(_annotation("notice", where, f"domain {domain.presence}", message))
        for change in domain.changes:
            location = None if domain.presence is Presence.REMOVED else change.location
            message = f"domain {domain.id}: {change_line(change)}"
            lines.append(_annotation("notice", location, change.kind.value, message))
    for problem in problems:
        lines.append(_annotation("error", problem.location, "version not bumped", problem.message))
    return "".join(lines)


Formatter = Callable[[HandbookDiff, Sequence[VersionProblem]], str]
"""A format: the diff and the version problems (``--check``) to the output text."""

FORMATS: tuple[str, ...] = ("text", "json", "markdown", "github")
"""The names ``--format`` accepts."""

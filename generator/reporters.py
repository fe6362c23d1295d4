"""Diagnostics output formats: text for people, JSON for tools, GitHub workflow annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from generator.diagnostics import Diagnostic, Severity


def summary_line(diagnostics: Sequence[Diagnostic], checked: str) -> str:
    """One line for people: how many errors and warnings, or that all is well."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"{checked}: no problems found"
    parts = [f"{errors} error{'s' if errors != 1 else ''}"]
    parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{checked}: {', '.join(parts)}"


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """*text* with control and bidi characters written as escapes: one line, no terminal codes.

    Offending values are quoted from the YAML, which may hold pasted escape
    sequences; printed raw they would restyle or retitle the user's terminal.
    """
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(
        lambda match: match.group().encode("unicode_escape").decode("ascii"), text
    )


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``path:line:column: severity CODE message (did you mean 'x'?)``, one per line."""
    return "".join(
        visible(f"{d.location}: {d.severity.value} {d.code} {d.text}") + "\n" for d in diagnostics
    )


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON document with every diagnostic and the counts, for tools."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    document = {
        "version": 1,
        "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        "diagnostics": [
            {
                "path": d.location.path,
                "line": d.location.line,
                "column": d.location.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "suggestion": d.suggestion,
                "hint": d.hint,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for d in diagnostics:
        command = "error" if d.severity is Severity.ERROR else "warning"
        properties = ",".join(
            f"{name}={_escape_property(value)}"
            for name, value in (
                ("file", d.location.path),
                ("line", str(d.location.line)),
                ("col", str(d.location.column)),
                ("title", f"{d.code} {d.hint}"),
            )
        )
        lines.append(f"::{command} {properties}::{_escape_data(f'{d.code} {d.text}')}\n")
    return "".join(lines)


FORMATTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
"""Output formats by name, as ``--format`` accepts them."""

"""Diagnostics output formats: text for people, JSON for tools, GitHub workflow annotations.

Every format speaks the language it is given (``zh`` or ``en``): messages and
hints, and in text the severity words and the summary. JSON keys, codes and
severities stay the same in every language, so tools match on ``code``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from generator.diagnostics import Diagnostic, Severity
from generator.messages.localize import (
    code_hint,
    diagnostic_message,
    message_only,
    say,
    severity_word,
)

Formatter = Callable[[Sequence[Diagnostic], str], str]
"""(diagnostics, language) -> the output text."""


def summary_line(diagnostics: Sequence[Diagnostic], checked: str, language: str = "en") -> str:
    """One line for people: how many errors and warnings, or that all is well."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return say("{checked}: no problems found", language, checked=checked)
    return say(
        "{checked}: {errors}, {warnings}",
        language,
        checked=checked,
        errors=say("{count} error" if errors == 1 else "{count} errors", language, count=errors),
        warnings=say(
            "{count} warning" if warnings == 1 else "{count} warnings", language, count=warnings
        ),
    )


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


def format_text(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
    """``path:line:column: severity CODE message (did you mean 'x'?)``, then ``  hint: …``."""
    lines = []
    for d in diagnostics:
        message = diagnostic_message(d, language)
        lines.append(visible(f"{d.location}: {severity_word(d, language)} {d.code} {message}"))
        lines.append(HINT_INDENT + say("hint: {hint}", language, hint=code_hint(d.code, language)))
    return "".join(line + "\n" for line in lines)


HINT_INDENT = "  "
"""Text output: a hint line starts with this, under its diagnostic's line."""


def format_json(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
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
                "message": message_only(d, language),
                "suggestion": d.suggestion,
                "hint": code_hint(d.code, language),
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
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
                ("title", f"{d.code} {code_hint(d.code, language)}"),
            )
        )
        text = f"{d.code} {diagnostic_message(d, language)}"
        lines.append(f"::{command} {properties}::{_escape_data(text)}\n")
    return "".join(lines)


FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
"""Output formats by name, as ``--format`` accepts them."""

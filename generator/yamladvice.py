"""Turn the YAML parser's terse errors into advice at the line the author has to change.

libyaml reports where it gave up, in its own words ("did not find expected '-'
indicator", "mapping values are not allowed in this context"). Most of these
come from three mistakes people make in an editor: a line indented one space
too far or too short, a full-width colon ``：`` typed with a Chinese input
method, and an invisible control character pasted from another program. Each
function here recognises one of them from the error and the file's text and
returns a diagnostic that names the mistake; ``None`` leaves the parser's
message as it is.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from generator.diagnostics import Diagnostic, Location
from generator.messages.text import Message, msg

_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (its ``c-printable`` set, inverted)."""
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*：")
"""A line whose key ends in a full-width colon: ``name：引航靠泊``."""
_INDENT_PROBLEMS = frozenset({"did not find expected '-' indicator", "did not find expected key"})
_MAPPING_VALUES = "mapping values are not allowed in this context"
_VALUE_ON_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#:][^:#]*:\s+[^\s#]")
"""A ``key: value`` line (the value on the same line), possibly a list item's first key."""
_KEY_BEFORE = re.compile(r"^\s*(?:-\s+)?([^\s:#][^:#]*?):\s")
"""The key at the start of a line, before the value that holds a second ``: ``."""


def parser_message(path: str, text: str, error: yaml.MarkedYAMLError) -> Message:
    """The parser's words for *error*, or advice when a value holds ``': '`` unquoted."""
    mark = error.problem_mark
    lines = _content_lines(text)
    if error.problem == _MAPPING_VALUES and mark is not None and mark.line < len(lines):
        key = _KEY_BEFORE.match(lines[mark.line][: mark.column])
        if key is not None:
            return msg(
                "': ' inside the value of '{key}' reads as a second key; put the value in "
                'quotes: {key}: "…"',
                key=key.group(1),
            )
    problem = msg(error.problem or error.context or "invalid YAML")
    if error.context and error.problem:
        return msg("{problem} ({context})", problem=problem, context=msg(error.context))
    return problem


def character_name(character: str) -> str:
    """``U+0007 (BEL)``: the code point and a name people can look up."""
    name = unicodedata.name(character, "")
    if not name and unicodedata.category(character) == "Cc":
        name = _CONTROL_NAMES.get(ord(character), "control character")
    return f"U+{ord(character):04X} ({name})" if name else f"U+{ord(character):04X}"


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
"""Names of the control characters met in pasted text (Unicode gives control characters none)."""


def unprintable_character(path: str, text: str) -> Diagnostic | None:
    """E120: the first character YAML refuses, at its own line and column."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    line = before.count("\n") + 1
    column = found.start() - (before.rfind("\n") + 1) + 1
    message = msg(
        "invisible control character {character} in the file; delete it",
        character=character_name(found.group()),
    )
    return Diagnostic("E120", message, Location(path, line, column))


def _content_lines(text: str) -> list[str]:
    return text.split("\n")


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key_column(line: str) -> int:
    """0-based column where the line's key (or list item's key) starts."""
    column = len(line) - len(line.lstrip(" "))
    rest = line[column:]
    while rest.startswith("- ") or rest == "-":
        after = rest[1:]
        column += 1 + len(after) - len(after.lstrip(" "))
        rest = after.lstrip(" ")
    return column


def _previous_content(lines: list[str], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if _is_content(lines[before]):
            return before
    return None


def full_width_colon(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic | None:
    """E123: a key followed by ``：`` (U+FF1A) instead of ``:``, near where the parser stopped."""
    lines = _content_lines(text)
    marks = [mark for mark in (error.context_mark, error.problem_mark) if mark is not None]
    for mark in marks:
        for index in (mark.line, mark.line - 1):
            if not 0 <= index < len(lines):
                continue
            found = _FULL_WIDTH_KEY.match(lines[index])
            if found is None:
                continue
            column = lines[index].index("：", found.end(2)) + 1
            message = msg(
                "full-width colon '：' after key '{key}'; write an ASCII colon and a space: "
                "'{key}: '",
                key=found.group(2),
            )
            return Diagnostic("E123", message, Location(path, index + 1, column))
    return None


def indentation(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic | None:
    """E122: a line indented differently from the mapping or list it belongs to."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = _content_lines(text)
    if not 0 <= mark.line < len(lines):
        return None
    line = lines[mark.line]
    previous = _previous_content(lines, mark.line)
    if previous is None:
        return None
    indent = len(line) - len(line.lstrip(" "))
    if error.problem in _INDENT_PROBLEMS:
        if line.lstrip(" ").startswith("-") and error.context_mark is not None:
            expected = error.context_mark.column
            if indent == expected:
                return None
            message = msg(
                "list item indented {found} spaces, but the list it continues (line {line}) "
                "is indented {expected}; start every item of a list in the same column",
                found=indent,
                line=error.context_mark.line + 1,
                expected=expected,
            )
            return Diagnostic("E122", message, Location(path, mark.line + 1, indent + 1))
        expected = _key_column(lines[previous])
        if indent == expected:
            return None
        message = msg(
            "line indented {found} spaces, but the key above it (line {line}) is indented "
            "{expected}; start every key of a mapping in the same column",
            found=indent,
            line=previous + 1,
            expected=expected,
        )
        return Diagnostic("E122", message, Location(path, mark.line + 1, indent + 1))
    deeper = indent > _key_column(lines[previous])
    continues_value = _VALUE_ON_LINE.match(lines[previous]) is not None
    own_key = ":" not in line[: mark.column]
    if error.problem == _MAPPING_VALUES and deeper and continues_value and own_key:
        message = msg(
            "line indented deeper than the key above it (line {line}), so it reads as "
            "part of that value; start it in column {column} like that key",
            line=previous + 1,
            column=_key_column(lines[previous]) + 1,
        )
        return Diagnostic("E122", message, Location(path, mark.line + 1, indent + 1))
    return None

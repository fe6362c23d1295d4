"""Read one YAML file into a node tree with positions, turning every failure into diagnostics.

We compose (not construct) with libyaml's C parser when available: composing keeps
the text the author wrote and the line and column of every value, and never runs
YAML 1.1's type guessing (``no`` -> False, ``10:30`` -> 630) on our behalf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from generator import yamladvice
from generator.diagnostics import Diagnostic, Location
from generator.messages.text import msg

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser as _PythonParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PythonParser, Composer):  # type: ignore[no-redef]
        """The pure-Python parser and composer, for PyYAML builds without libyaml."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PythonParser.__init__(self)
            Composer.__init__(self)


NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _TextResolver(yaml.resolver.BaseResolver):
    """Tags only what we use: null, the merge key, text. We never guess bools or numbers."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULLS:
                return NULL_TAG
            if implicit[0] and value == "<<":
                return MERGE_TAG
            return STR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


class _Loader(_Parser, _TextResolver):
    """libyaml's parser and composer (C) with :class:`_TextResolver`."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _TextResolver.__init__(self)


MAX_FILE_BYTES = 1024 * 1024
"""Files above this size are refused (E107) before parsing."""
MAX_EXPANDED_VALUES = 100_000
"""A document that stands for more values than this once aliases expand is refused (E108)."""
MAX_DEPTH = 200
"""Deeper nesting is refused (E108): libyaml's composer recurses in C and would crash."""
_CONTEXT_IS_CAUSE = frozenset(
    {
        "while scanning a simple key",
        "while scanning a quoted scalar",
        "while parsing a flow sequence",
        "while parsing a flow mapping",
    }
)
_ANCHOR_RE = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]+")
"""An anchor (``&name``): only a file with anchors can expand through aliases."""
_NESTING_MARKS = ("[", "{", "- ", "? ")
_SUSPICIOUS_MARKS = 4000
"""Below this many nesting marks a file cannot nest deep enough to matter; skip the scan."""


@dataclass(frozen=True)
class YamlDocument:
    """The root node of a file's only document, or None with the reasons why not."""

    root: yaml.Node | None
    """The composed root node, when the file could be read."""
    diagnostics: tuple[Diagnostic, ...]
    """What went wrong while reading."""


class _Mark(Protocol):
    """What we use of a YAML mark (pure-Python and libyaml marks differ in type)."""

    line: int
    column: int


def _mark_location(path: str, mark: _Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 (BOM allowed); locate the first bad byte otherwise."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        bad = raw[error.start : error.start + 2].hex(" ")
        message = msg(
            "file is not UTF-8 (byte {byte} cannot be decoded); save it as UTF-8", byte=bad
        )
        return None, Diagnostic("E101", message, Location(path, line, column))


def _tab_location(path: str, text: str, error: yaml.MarkedYAMLError) -> Location | None:
    """Find the tab that libyaml stumbled on: at the error mark or in that line's indentation."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if "\t" not in line[: mark.column + 1] and "\t" not in line[: len(line) - len(line.lstrip())]:
        return None
    return Location(path, mark.line + 1, line.index("\t") + 1)


def _syntax_diagnostic(path: str, text: str, error: yaml.YAMLError) -> Diagnostic:
    if isinstance(error, yaml.MarkedYAMLError):
        if "nesting depth" in f"{error.problem} {error.context}":  # PyYAML >= 6.0.4's own limit
            message = msg("YAML nested too deeply ({problem})", problem=str(error.problem))
            return Diagnostic("E108", message, _mark_location(path, error.problem_mark))
        tab = _tab_location(path, text, error)
        if tab is not None:
            message = msg("tab character in indentation; indent with spaces")
            return Diagnostic("E103", message, tab)
        advice = yamladvice.full_width_colon(path, text, error) or yamladvice.indentation(
            path, text, error
        )
        if advice is not None:
            return advice
        # An unclosed quote or bracket, or a key without ':', is noticed lines later;
        # the context mark is where the author made the mistake.
        starts_there = error.context in _CONTEXT_IS_CAUSE and error.context_mark is not None
        mark = error.context_mark if starts_there else error.problem_mark
        return Diagnostic(
            "E102", yamladvice.parser_message(path, text, error), _mark_location(path, mark)
        )
    if isinstance(error, yaml.reader.ReaderError):
        located = yamladvice.unprintable_character(path, text)
        if located is not None:
            return located
    return Diagnostic("E102", str(error).splitlines()[0], Location(path))


def read_yaml(file: Path, display_path: str) -> YamlDocument:
    """Read and compose *file*; *display_path* is how messages name it."""
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return YamlDocument(
            None,
            (
                Diagnostic(
                    "E100", msg("cannot read file: {reason}", reason=reason), Location(display_path)
                ),
            ),
        )
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        message = msg("file is larger than {limit} KiB; split it into smaller flows", limit=limit)
        return YamlDocument(None, (Diagnostic("E107", message, Location(display_path)),))
    text, problem = _decode(display_path, raw)
    if text is None:
        assert problem is not None
        return YamlDocument(None, (problem,))
    return compose_text(text, display_path)


def compose_text(text: str, display_path: str) -> YamlDocument:
    """Compose YAML *text* (already decoded) into its single document's root node."""
    if "\x00" in text:
        message = msg("file contains NUL bytes; it looks binary, not YAML")
        return YamlDocument(None, (Diagnostic("E102", message, Location(display_path)),))
    if sum(text.count(mark) for mark in _NESTING_MARKS) > _SUSPICIOUS_MARKS:
        too_deep = _too_deep(text, display_path)
        if too_deep is not None:
            return YamlDocument(None, (too_deep,))
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as error:
        if "single document" in f"{error.context} {error.problem}":
            location = _mark_location(display_path, error.problem_mark)
            message = msg("more than one YAML document (`---`); keep one document per file")
            return YamlDocument(None, (Diagnostic("E105", message, location),))
        return YamlDocument(None, (_syntax_diagnostic(display_path, text, error),))
    except yaml.YAMLError as error:
        return YamlDocument(None, (_syntax_diagnostic(display_path, text, error),))
    except RecursionError:
        message = msg("YAML nested too deeply to read")
        return YamlDocument(None, (Diagnostic("E108", message, Location(display_path)),))
    finally:
        loader.dispose()
    if root is None:
        message = msg("file is empty; it needs the keys of its kind")
        return YamlDocument(None, (Diagnostic("E106", message, Location(display_path)),))
    if _ANCHOR_RE.search(text):
        try:
            expanded = _expanded_size(root, {})
        except RecursionError:  # nesting under the scan's threshold, yet deeper than Python goes
            message = msg("YAML nested too deeply to read")
            return YamlDocument(None, (Diagnostic("E108", message, Location(display_path)),))
        if expanded > MAX_EXPANDED_VALUES:
            message = msg("YAML expands to too many values (aliases?); write the values out")
            return YamlDocument(None, (Diagnostic("E108", message, Location(display_path)),))
    return YamlDocument(root, ())


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values *node* stands for once every alias is written out (memoised: linear)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, sizes) for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(
            _expanded_size(key, sizes) + _expanded_size(value, sizes) for key, value in node.value
        )
    sizes[id(node)] = size
    return size


def _too_deep(text: str, display_path: str) -> Diagnostic | None:
    """Walk the parser's events (iterative, no recursion) and stop at :data:`MAX_DEPTH`."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    message = msg("YAML nested more than {limit} levels deep", limit=MAX_DEPTH)
                    return Diagnostic(
                        "E108", message, _mark_location(display_path, event.start_mark)
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    finally:
        loader.dispose()
    return None

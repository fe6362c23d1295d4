"""Escaping text from YAML for the two kinds of DOT strings we write.

Graphviz runs several layers of processing over a string, and the rules below
were checked against the real ``dot`` (tests/test_diagrams_render.py renders
hostile text and reads it back from the SVG):

* HTML-like labels (``label=<...>``) are parsed as XML, then Graphviz applies its
  escape sequences (``\\N`` is the node name, ``\\\\`` is one backslash). So the
  five XML characters become entities and a backslash is doubled.
* Quoted attributes that Graphviz treats as "escString" (``tooltip``) decode
  HTML entities, then apply escape sequences twice over: ``&`` is written as
  ``&#38;`` (so ``&amp;`` typed by an author stays ``&amp;``), a backslash as four
  backslashes, a double quote as ``\\"``.

Characters that XML forbids (control characters other than tab and newline,
lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD so ``dot`` never fails
on them.
"""

from __future__ import annotations

import re

_NOT_XML_CHAR = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\\\"}
_HTML_SPECIAL = re.compile('[&<>"\\\\]')
_QUOTED_SPECIAL = re.compile('[&"\\\\]')
_ONLY_BRACKETS = re.compile(r"\]+")


def xml_safe(text: str) -> str:
    """Replace characters that cannot appear in XML (and so in SVG) by U+FFFD."""
    return _NOT_XML_CHAR.sub("\ufffd", text)


def html_text(text: str) -> str:
    """Escape one line of text for a Graphviz HTML-like label."""
    if text.isprintable() and _HTML_SPECIAL.search(text) is None:
        return text  # the common case: nothing to escape
    return _HTML_SPECIAL.sub(lambda match: _HTML_ENTITIES[match.group()], xml_safe(text))


def html_lines(lines: list[str]) -> str:
    """An HTML-like label body: escaped lines joined by ``<br/>``.

    A line of nothing but ``]`` gets a zero-width space in front: Graphviz (2.43)
    drops such a line, joins it to the next one, or rejects the whole label.
    """
    return "<br/>".join(
        html_text(f"\u200b{line}" if _ONLY_BRACKETS.fullmatch(line) else line) for line in lines
    )


def quoted_text(text: str) -> str:
    """Escape text for a quoted escString attribute such as ``tooltip``; newlines become spaces."""
    if text.isprintable() and _QUOTED_SPECIAL.search(text) is None and "  " not in text:
        return f'"{text.strip()}"'  # the common case: nothing to escape
    one_line = " ".join(xml_safe(text).split())
    escaped = one_line.replace("\\", "\\\\\\\\").replace("&", "&#38;").replace('"', '\\"')
    return f'"{escaped}"'

"""Line breaking for diagram labels: Chinese text wraps at about ten characters.

Widths are counted in columns: a CJK (wide or full-width) character is two
columns, everything else one. Lines are balanced, so thirteen characters become
seven and six rather than eleven and two; a closing punctuation mark never starts
a line, and Latin words are not split unless they are longer than a line.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…·,.;:!?)]}%")
"""Characters that must not begin a line (they stay with the character before)."""

NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
"""Characters that must not end a line (they go with the character after)."""


@functools.cache
def char_width(char: str) -> int:
    """Columns a character takes: two for wide and full-width characters, else one."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns a string takes."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def wrap_label(text: str, columns: int) -> list[str]:
    """Break *text* into balanced lines of at most about *columns* columns.

    Line breaks the author wrote are kept; each paragraph is wrapped on its own.
    Empty paragraphs are dropped, so the result is never a list of blank lines
    (an empty text gives ``[""]``).
    """
    return list(_wrap(text, columns))


@functools.lru_cache(maxsize=8192)
def _wrap(text: str, columns: int) -> tuple[str, ...]:
    """:func:`wrap_label`, remembered (step names and branch labels repeat)."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        paragraph = " ".join(paragraph.split())
        if paragraph:
            lines.extend(_wrap_paragraph(paragraph, columns))
    return tuple(lines) or ("",)


def _wrap_paragraph(paragraph: str, columns: int) -> list[str]:
    """Wrap one paragraph without explicit breaks, balancing the line lengths."""
    total = text_width(paragraph)
    if total <= columns:
        return [paragraph]
    tokens = _tokens(paragraph, columns)
    line_count = math.ceil(total / columns)
    for width in range(math.ceil(total / line_count), columns):
        balanced = _fill(tokens, width)
        if len(balanced) <= line_count:
            return balanced
    return _fill(tokens, columns)


def _fill(tokens: list[tuple[str, int]], width: int) -> list[str]:
    """Greedy fill of (token, width) pairs: a new line when the next token would pass *width*."""
    lines: list[str] = []
    current = ""
    used = 0
    for token, token_width in tokens:
        if used and used + token_width > width and token.lstrip()[:1] not in NO_LINE_START:
            lines.append(current.rstrip())
            current = token.lstrip()
            used = token_width - (len(token) - len(current))
        else:
            current += token
            used += token_width
    if current.strip():
        lines.append(current.rstrip())
    return lines


_ATOM = re.compile(
    r" ?(?:[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    r"\U00020000-\U0003fffd]|[^ \u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    r"\uffe0-\uffe6\U00020000-\U0003fffd]+)"
)
"""A break unit: one wide character (the East Asian wide and full-width blocks) or a run
of other characters, each with the space before it."""


def _tokens(paragraph: str, columns: int) -> list[tuple[str, int]]:
    """Split into (break unit, width): wide characters and Latin words, with leading spaces.

    A lone opening bracket sticks to the unit after it; a word longer than a
    line is cut into pieces of one line each.
    """
    glued: list[str] = []
    opening = ""
    for atom in _ATOM.findall(paragraph):
        if atom.strip() in NO_LINE_END:
            opening += atom
        else:
            glued.append(opening + atom)
            opening = ""
    if opening:
        glued.append(opening)
    tokens: list[tuple[str, int]] = []
    for token in glued:
        width = text_width(token)
        while width > columns:
            head, token = _split_at_width(token, columns)
            tokens.append((head, text_width(head)))
            width = text_width(token)
        tokens.append((token, width))
    return tokens


def _split_at_width(text: str, width: int) -> tuple[str, str]:
    """Cut a run after at most *width* columns (at least one character)."""
    used = 0
    for position, char in enumerate(text):
        used += char_width(char)
        if used > width and position > 0:
            return text[:position], text[position:]
    return text, ""

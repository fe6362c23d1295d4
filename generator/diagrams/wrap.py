"""Line breaking for diagram labels: Chinese text wraps at about ten characters.

Widths are counted in columns: a CJK (wide or full-width) character is two
columns, everything else one. Lines are balanced, so thirteen characters become
seven and six rather than eleven and two; a closing punctuation mark never starts
a line, and Latin words are not split unless they are longer than a line.
"""

from __future__ import annotations

import math
import unicodedata

NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…·,.;:!?)]}%")
"""Characters that must not begin a line (they stay with the character before)."""

NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
"""Characters that must not end a line (they go with the character after)."""


def char_width(char: str) -> int:
    """Columns a character takes: two for wide and full-width characters, else one."""
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns a string takes."""
    return sum(char_width(char) for char in text)


def wrap_label(text: str, columns: int) -> list[str]:
    """Break *text* into balanced lines of at most about *columns* columns.

    Line breaks the author wrote are kept; each paragraph is wrapped on its own.
    Empty paragraphs are dropped, so the result is never a list of blank lines
    (an empty text gives ``[""]``).
    """
    lines: list[str] = []
    for paragraph in text.splitlines():
        paragraph = " ".join(paragraph.split())
        if paragraph:
            lines.extend(_wrap_paragraph(paragraph, columns))
    return lines or [""]


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


def _fill(tokens: list[str], width: int) -> list[str]:
    """Greedy fill: start a new line when the next token would pass *width*."""
    lines: list[str] = []
    current = ""
    for token in tokens:
        fits = text_width(current) + text_width(token) <= width
        if current.strip() and not fits and token.lstrip()[:1] not in NO_LINE_START:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _tokens(paragraph: str, columns: int) -> list[str]:
    """Split into break units: wide characters and Latin words, each with its leading space.

    A lone opening bracket sticks to the unit after it; a word longer than a
    line is cut into pieces of one line each.
    """
    atoms: list[str] = []
    word = ""
    space = ""
    for char in paragraph:
        if char == " " or char_width(char) == 2:
            if word:
                atoms.append(space + word)
                word, space = "", ""
            if char == " ":
                space = " "
            else:
                atoms.append(space + char)
                space = ""
        else:
            word += char
    if word:
        atoms.append(space + word)
    glued: list[str] = []
    opening = ""
    for atom in atoms:
        if atom.strip() in NO_LINE_END:
            opening += atom
        else:
            glued.append(opening + atom)
            opening = ""
    if opening:
        glued.append(opening)
    tokens: list[str] = []
    for token in glued:
        while text_width(token) > columns:
            head, token = _split_at_width(token, columns)
            tokens.append(head)
        tokens.append(token)
    return tokens


def _split_at_width(text: str, width: int) -> tuple[str, str]:
    """Cut a run after at most *width* columns (at least one character)."""
    used = 0
    for position, char in enumerate(text):
        used += char_width(char)
        if used > width and position > 0:
            return text[:position], text[position:]
    return text, ""

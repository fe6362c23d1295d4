"""Pieces of paged-media CSS that depend on the words of the handbook."""

from __future__ import annotations

import re

from markupsafe import Markup

PAGE = "{page}"
"""Where a page-number label puts the current page number."""

PAGES = "{pages}"
"""Where a page-number label puts the number of pages."""

_PLAIN = re.compile(r"[\w .,;/()+\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff-]")


def css_literal(text: str) -> str:
    """*text* as a CSS string literal, spaces kept (any other character escaped)."""
    one_line = re.sub(r"\s+", " ", text)
    escaped = "".join(
        character if _PLAIN.fullmatch(character) else f"\\{ord(character):x} "
        for character in one_line
    )
    return f'"{escaped}"'


def page_counter(label: str) -> Markup:
    """A CSS ``content`` value showing *label* with live page counters.

    ``"第 {page} 页 / 共 {pages} 页"`` becomes
    ``"第 " counter(page) " 页 / 共 " counter(pages) " 页"``; the literal parts
    are CSS strings, so the label may hold any character.
    """
    parts: list[str] = []
    rest = label
    while rest:
        positions = [
            (rest.find(marker), marker) for marker in (PAGE, PAGES) if rest.find(marker) >= 0
        ]
        if not positions:
            parts.append(css_literal(rest))
            break
        index, marker = min(positions)
        if index:
            parts.append(css_literal(rest[:index]))
        parts.append("counter(page)" if marker == PAGE else "counter(pages)")
        rest = rest[index + len(marker) :]
    return Markup(" ".join(parts) or '""')

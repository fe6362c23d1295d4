"""Escaping: text from YAML is shown as text, in Markdown, in HTML and in CSS.

Generated pages are Markdown with raw HTML blocks, so a plain-text value must be
neutral in both languages at once. :func:`text` writes every character that
means something to Markdown or HTML as a numeric character reference: Markdown
leaves references alone in paragraphs, tables, headings and raw HTML blocks
alike, and the browser shows the original character. Only ``summary`` and
``details`` are Markdown; they go through :func:`markdown_field`, which renders
and sanitises them (:mod:`generator.sanitize`) into a raw HTML block.
"""

from __future__ import annotations

import functools
import json
import re

from markupsafe import Markup

from generator.sanitize import markdown_block

_NOT_XML_CHAR = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "\\": "&#92;",
    "#": "&#35;",
    "!": "&#33;",
    "~": "&#126;",
    "^": "&#94;",
    "$": "&#36;",
    "=": "&#61;",
    ":": "&#58;",
}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
_MARKER_STARTS = frozenset("-+0123456789")
_SPACING = re.compile(r"[^\S ]| {2}")
_LEADING_MARKER = re.compile(r"^(?:[-+]|[0-9]+[.)])(?=\s|$)")
_NEWLINES = re.compile(r"\r\n?")
_CSS_SPECIAL = re.compile(r"[^\w \u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff.,;/()+-]")


def _characters(value: str) -> str:
    """Replace characters HTML cannot carry (controls, lone surrogates) by U+FFFD."""
    if "\r" in value:
        value = _NEWLINES.sub("\n", value)
    if _NOT_XML_CHAR.search(value) is None:
        return value
    return _NOT_XML_CHAR.sub("\ufffd", value)


def text(value: object) -> Markup:
    """Plain text for a Markdown page or an HTML block: shown literally, never interpreted.

    Markdown and HTML special characters become character references; a leading
    list marker (``-``, ``+``, ``1.``) is neutralised; line breaks become
    ``<br>`` so the value stays one Markdown line (safe in tables and lists).
    Surrounding white space is dropped. Markup (already safe) is returned as is.
    """
    if isinstance(value, Markup):
        return value
    return _text(value if isinstance(value, str) else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> Markup:
    """:func:`text` of a string, remembered: names, letters and labels repeat on every page."""
    plain = _characters(value).strip()
    escaped = plain.translate(_SPECIAL_TABLE)
    if plain[:1] in _MARKER_STARTS:
        marker = _LEADING_MARKER.match(plain)
        if marker is not None:
            last = marker.group()[-1]
            escaped = escaped[: marker.end() - 1] + f"&#{ord(last)};" + escaped[marker.end() :]
    if _SPACING.search(escaped) is not None:
        lines = [" ".join(line.split()) for line in escaped.split("\n")]
        escaped = "<br>".join(lines)
    return Markup(escaped)


def _escaped(plain: str) -> str:
    """Every Markdown or HTML special character as a character reference."""
    return plain.translate(_SPECIAL_TABLE)


def markdown_field(value: str | None) -> Markup:
    """An author's Markdown field (``summary``, ``details``) as a sanitised raw HTML block.

    See :func:`generator.sanitize.markdown_block`: MkDocs never sees the author's
    Markdown or HTML, only HTML that passed the sanitiser.
    """
    if value is None:
        return Markup("")
    return Markup(markdown_block(value))


def front_matter_string(value: object) -> Markup:
    """A YAML double-quoted string for front matter, holding :func:`text` of *value*.

    Themes print ``page.title`` as HTML, so the title is stored escaped.
    """
    return Markup(json.dumps(str(text(value)), ensure_ascii=False))


def css_string(value: object) -> Markup:
    """A CSS string literal (with quotes) showing *value* literally, safe inside ``<style>``."""
    one_line = " ".join(_characters(str(value)).split())
    escaped = _CSS_SPECIAL.sub(lambda match: f"\\{ord(match.group()):x} ", one_line)
    return Markup(f'"{escaped}"')


def escape_by_default(value: object) -> object:
    """Jinja ``finalize``: every value a template prints is :func:`text` unless already Markup."""
    if type(value) is Markup:
        return value
    return text(value)


def inline_code(value: str) -> Markup:
    """Trusted one-line prose with ``code`` in backticks (registry hints), shown as HTML."""
    one_line = " ".join(_characters(value).split())
    parts = one_line.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: show everything as text
        return text(one_line)
    html = "".join(
        f"<code>{_escaped(part)}</code>" if index % 2 else _escaped(part)
        for index, part in enumerate(parts)
    )
    return Markup(html)


def label(value: str) -> Markup:
    """A UI label from the translation table: escaped like :func:`text`, spacing kept.

    Braces stay, so ``{placeholder}`` labels can be filled with ``.format`` (whose
    arguments the templates pass through :func:`text`).
    """
    escaped = _escaped(_characters(value))
    return Markup(escaped.replace("&#123;", "{").replace("&#125;", "}"))

"""Author Markdown (``summary``, ``details``) to sanitised HTML that MkDocs embeds as is.

YAML is written by trusted editors, but its text is often pasted from mail,
chat and web pages, so a ``<script>``, an ``onerror=`` or a ``javascript:``
link may arrive by accident. The generated page therefore never hands author
Markdown to MkDocs: :func:`markdown_html` renders it here with python-markdown
(the extensions of the site's mkdocs.yml that matter for prose: tables,
admonitions, fenced code, attribute lists) and passes the HTML through **nh3**
(the Ammonia sanitiser) with an allow-list: text structure, emphasis, links,
lists, tables, code and images stay; scripts, styles, event handlers, forms,
frames and URLs other than ``http``, ``https``, ``mailto``, ``tel`` or relative
ones go.

:func:`markdown_block` wraps the result in one ``<div>`` raw HTML block, which
Markdown (python-markdown, MkDocs, Zensical) copies to the page untouched. Braces
become character references, so a template engine run over the page later
(a macros plugin) sees no ``{{ … }}`` either. The output is deterministic: the
same text gives the same bytes.
"""

from __future__ import annotations

import functools
import re
import threading

import markdown
import nh3
from markdown.extensions.tables import TableExtension

BLOCK_CLASS = "handbook-markdown"
"""The class of the ``<div>`` around every rendered Markdown field."""

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
"""HTML elements an author's Markdown may produce (everything else is unwrapped or dropped)."""

DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)
"""Elements removed together with their content (their text is not prose)."""

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
}
"""Attributes kept, per element; ``class`` is governed by :data:`ALLOWED_CLASSES`."""

ADMONITION_TYPES = frozenset(
    {
        "abstract", "bug", "danger", "example", "failure", "info", "note", "question",
        "quote", "success", "tip", "warning",
    }
)  # fmt: skip
"""Admonition kinds (``!!! warning``) whose class survives, so the theme styles them."""

ALLOWED_CLASSES: dict[str, set[str]] = {
    "div": {"admonition", *ADMONITION_TYPES},
    "p": {"admonition-title"},
}
"""Classes kept, per element: only what admonitions need."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Link and image schemes kept; relative URLs are always kept."""

_NOT_XML_CHAR = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
_LOCAL = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter (building one costs more than converting a field)."""
    converter: markdown.Markdown | None = getattr(_LOCAL, "converter", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                "admonition",
                "attr_list",
                "fenced_code",
                "sane_lists",
            ],
            output_format="html",
        )
        _LOCAL.converter = converter
    return converter


def _clean_characters(text: str) -> str:
    """Normalise line ends; replace characters HTML cannot carry (controls) by U+FFFD.

    This also removes python-markdown's own placeholder delimiters (STX, ETX), so
    author text cannot forge a reference to stashed HTML.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML_CHAR.sub("\ufffd", text)


@functools.lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Author Markdown as sanitised HTML (no wrapper), braces as character references."""
    converter = _converter()
    try:
        rendered = converter.convert(_clean_characters(text).strip())
    finally:
        converter.reset()
    cleaned = nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip().translate(_BRACES)


def markdown_block(text: str) -> str:
    """Author Markdown as one raw HTML block for a generated Markdown page.

    The block starts and ends on lines of its own; the page template must put it
    between blank lines (it does for ``summary`` and ``details``).
    """
    html = markdown_html(text)
    if not html:
        return ""
    return f'<div class="{BLOCK_CLASS}">\n{html}\n</div>'


__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_CLASSES",
    "ALLOWED_TAGS",
    "BLOCK_CLASS",
    "DROPPED_WITH_CONTENT",
    "URL_SCHEMES",
    "markdown_block",
    "markdown_html",
]

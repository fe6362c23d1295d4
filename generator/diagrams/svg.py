"""Making Graphviz's SVG fit for inlining in a page, and pointing its links at the site root.

Graphviz writes a stand-alone document: an XML prolog, a DOCTYPE, comments
that repeat node names, and a ``<title>`` in every node, edge and cluster (which
browsers show as a tooltip: "s3", "cluster_0"). :func:`clean_svg` keeps only the
``<svg>`` element, without comments and titles, adds ``class="handbook-diagram"``
and keeps ``viewBox``, ``width`` and ``height`` (in points): with CSS
``max-width: 100%; height: auto`` a diagram keeps its natural size and shrinks to
fit a narrow page. Step links keep their tooltips (``xlink:title`` on ``<a>``).
It also drops the trace a ``dot`` process leaves when it renders several graphs
in a row (a ``page0,1_`` prefix on the graph's id), so a diagram is the same
bytes whatever batch it was rendered in.
"""

from __future__ import annotations

import html
import re

DIAGRAM_CLASS = "handbook-diagram"
"""The class of every diagram's ``<svg>`` element."""

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_SVG_START = re.compile(r"<svg\b")
_ROOT_LINK = re.compile(r'((?:xlink:)?href=")__ROOT__/')
_PAGE_ID = re.compile(r'id="page\d+,\d+_')


def clean_svg(document: str) -> str:
    """The inline ``<svg>`` element of one Graphviz SVG document (see the module docstring).

    Raises ValueError when *document* holds no ``<svg>`` element.
    """
    start = _SVG_START.search(document)
    end = document.rfind("</svg>")
    if start is None or end < start.start():
        raise ValueError("Graphviz output holds no <svg> element")
    svg = document[start.start() : end + len("</svg>")]
    svg = _COMMENT.sub("", svg)
    svg = _TITLE.sub("", svg)
    svg = _PAGE_ID.sub('id="', svg)
    svg = svg.replace("<svg ", f'<svg class="{DIAGRAM_CLASS}" ', 1)
    svg = svg.replace("\n viewBox=", " viewBox=", 1)
    return svg + "\n"


def relink(svg: str, root: str) -> str:
    """Replace the ``__ROOT__/`` placeholder at the start of link attributes with *root*.

    *root* is the page's relative path to the site root, such as ``../../`` (or
    ``""`` for a page at the root). Only ``href`` and ``xlink:href`` values that
    start with the placeholder change; text that merely contains it stays as is.
    """
    replacement = html.escape(root, quote=True)
    return _ROOT_LINK.sub(lambda match: match.group(1) + replacement, svg)

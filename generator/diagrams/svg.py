"""Making Graphviz's SVG fit for inlining in a page, and pointing its links at the site root.

Graphviz writes a stand-alone document: an XML prolog, a DOCTYPE, comments
that repeat node names, and a ``<title>`` in every node, edge and cluster (which
browsers show as a tooltip: "s3", "cluster_0"). :func:`clean_svg` keeps only the
``<svg>`` element, without comments and titles, adds ``class="handbook-diagram"``
and keeps ``viewBox``, ``width`` and ``height`` (in points): with CSS
``max-width: 100%; height: auto`` a diagram keeps its natural size and shrinks to
fit a narrow page. Step links keep their tooltips (``xlink:title`` on ``<a>``).
Task boxes get rounded corners in both layouts. In the swimlane, every lane's
rectangle is stretched to the height of the tallest, so the lanes read as
swimlanes (cheaper than anchoring their bottoms in the layout); the compact
column (:mod:`generator.diagrams.column`) has no lanes, so nothing is stretched
or cropped there, and its ids (``col_…``) are its own.
It also drops the trace a ``dot`` process leaves when it renders several graphs
in a row (a ``page0,1_`` prefix on the graph's id), so a diagram is the same
bytes whatever batch it was rendered in.
"""

from __future__ import annotations

import html
import re

DIAGRAM_CLASS = "handbook-diagram"
"""The class of every diagram's ``<svg>`` element."""

LANE_MARGIN = 4.0
"""Points kept above the lanes when the empty band there is cut off."""

_NOISE = re.compile(r"<!--.*?-->\n?|<title>[^<]*</title>\n?", re.DOTALL)
_SVG_START = re.compile(r"<svg\b")
_ROOT_LINK = re.compile(r'((?:xlink:)?href=")__ROOT__/')
_PAGE_ID = re.compile(r'id="page\d+,\d+_')
_TASK_BOX = re.compile(
    r'(<g id="(?:flow|col)_s\d+" class="node step task">\n<g [^>]*><a [^>]*>\n)'
    r'<polygon ([^>]*?)points="([^"]*)"/>'
)
_VIEW = re.compile(
    r'<svg ([^>]*?)height="([\d.]+)pt" viewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"'
)
_TRANSLATE = re.compile(
    r'<g id="graph0" class="graph" transform="[^"]*translate\(([\d.-]+) ([\d.-]+)\)"'
)
_LANE_BOX = re.compile(
    r'(<g id="flow_lane\d+" class="cluster[^"]*">\n<polygon [^>]*?points=")([^"]*)"'
)


def clean_svg(document: str) -> str:
    """The inline ``<svg>`` element of one Graphviz SVG document (see the module docstring).

    Raises ValueError when *document* holds no ``<svg>`` element.
    """
    start = _SVG_START.search(document)
    end = document.rfind("</svg>")
    if start is None or end < start.start():
        raise ValueError("Graphviz output holds no <svg> element")
    svg = document[start.start() : end + len("</svg>")]
    svg = svg.replace("<svg ", f'<svg class="{DIAGRAM_CLASS}" ', 1)
    svg = svg.replace("\n viewBox=", " viewBox=", 1)
    svg = _NOISE.sub("", svg)
    if 'id="page' in svg:
        svg = _PAGE_ID.sub('id="', svg)
    svg = _TASK_BOX.sub(_rounded, svg)
    return _shape_lanes(svg) + "\n"


def _shape_lanes(svg: str) -> str:
    """Stretch every lane down to the lowest lane's bottom; cut the empty band above them.

    Lanes all start on the top rank, so their columns never overlap: a lane
    drawn taller covers no other lane's steps. Above the lanes sits only the
    invisible header row that orders them.
    """
    matches = list(_LANE_BOX.finditer(svg))
    boxes = [_points(match.group(2)) for match in matches]
    if not boxes or any(len(points) != 5 for points in boxes):
        return svg
    bottom = max((y for points in boxes for _x, y in points), key=float)
    pieces: list[str] = []
    done = 0
    for match, points in zip(matches, boxes, strict=True):
        own_bottom = max((y for _x, y in points), key=float)
        corners = " ".join(f"{x},{bottom if y == own_bottom else y}" for x, y in points)
        pieces.extend((svg[done : match.start()], match.group(1), corners, '"'))
        done = match.end()
    pieces.append(svg[done:])
    svg = "".join(pieces)
    top = min(float(y) for points in boxes for _x, y in points)
    return _crop(svg, top)


def _crop(svg: str, lane_top: float) -> str:
    """Move the top of the picture down to just above *lane_top* (in graph coordinates)."""
    translate = _TRANSLATE.search(svg)
    view = _VIEW.search(svg)
    if translate is None or view is None:
        return svg
    top = float(translate.group(2)) + lane_top - LANE_MARGIN
    old_top, width, height = float(view.group(4)), view.group(5), float(view.group(6))
    if top <= old_top:
        return svg
    new_height = height - (top - old_top)
    replacement = (
        f'<svg {view.group(1)}height="{round(new_height)}pt" '
        f'viewBox="{view.group(3)} {top:.2f} {width} {new_height:.2f}"'
    )
    return svg[: view.start()] + replacement + svg[view.end() :]


def _rounded(match: re.Match[str]) -> str:
    """A task's box as a rectangle with rounded corners (cheaper than Graphviz's own)."""
    points = _points(match.group(3))
    xs = [float(x) for x, _y in points]
    ys = [float(y) for _x, y in points]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    return (
        f'{match.group(1)}<rect {match.group(2)}x="{left:g}" y="{top:g}" '
        f'width="{width:.2f}" height="{height:.2f}" rx="5"/>'
    )


def _points(text: str) -> list[tuple[str, str]]:
    """The "x,y" pairs of an SVG points attribute, as written."""
    pairs = [pair.split(",", 1) for pair in text.split()]
    return [(pair[0], pair[1]) for pair in pairs if len(pair) == 2]


def relink(svg: str, root: str) -> str:
    """Replace the ``__ROOT__/`` placeholder at the start of link attributes with *root*.

    *root* is the page's relative path to the site root, such as ``../../`` (or
    ``""`` for a page at the root). Only ``href`` and ``xlink:href`` values that
    start with the placeholder change; text that merely contains it stays as is.
    """
    replacement = html.escape(root, quote=True)
    return _ROOT_LINK.sub(lambda match: match.group(1) + replacement, svg)

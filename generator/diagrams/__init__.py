"""Flow diagrams: model → DOT text → SVG by the real Graphviz, batched and cached.

Each flow has two layouts of the same graph: the swimlane (one column per role,
:mod:`generator.diagrams.dot`) and a compact column whose steps name their lane
(:mod:`generator.diagrams.column`), for phones and for paper. The interface the
pages use:

* :func:`flow_dot` (pure): ``flow_dot(flow, handbook, *, text=DiagramText())`` is
  the DOT source of one flow's swimlane. :class:`DiagramText` carries the few
  words a diagram shows itself (start node, end tooltip, the lane of steps
  without a role, sub-flow tooltip); the caller fills it from its translations.
* :func:`column_dot` (pure): the same for the compact column.
* :func:`flow_sources`: the DOT sources of some flows' diagrams as
  :func:`render_svgs` takes them: the swimlane under the flow's key, the compact
  column under :func:`compact_key` of it. A mapping of rendered diagrams keyed
  this way is what the pages and the printed decks are given.
* :func:`render_svgs`: ``render_svgs({key: dot_text}, cache_dir=...)`` renders
  many sources with as few ``dot`` processes as possible and returns a
  :class:`DiagramRun` with the cleaned ``<svg>`` of every key and how many were
  rendered or taken from the cache.
* :func:`relink`: ``relink(svg, "../../")`` points the diagram's links to other
  pages (written ``__ROOT__/<domain>/<flow-id>/``) at the page's site root; the
  same SVG is inlined at several depths.
* :func:`diagram_text`: the :class:`DiagramText` of a handbook language.
* :class:`DiagramError`: every failure, with a one-line message a user can act on.

The SVG is ``<svg class="handbook-diagram" width=..pt height=..pt viewBox=...>``:
style it with ``max-width: 100%; height: auto``. Step nodes link to
``#step-<step-id>`` and carry the step's name as tooltip; nodes, lanes and
branch labels carry classes (``step task|decision|subflow|end``, ``start``,
``lane``, ``branch``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagrams.cache import cache_key, prepare, read_cached, write_cached
from generator.diagrams.column import column_dot
from generator.diagrams.dot import DiagramText, flow_dot
from generator.diagrams.errors import DiagramError
from generator.diagrams.graphviz import batches, dot_version, find_dot, render_batches
from generator.diagrams.svg import clean_svg, relink
from generator.flowgraph import FlowGraph
from generator.i18n import labels
from generator.model import Flow, Handbook

__all__ = [
    "COMPACT_SUFFIX",
    "DiagramError",
    "DiagramRun",
    "DiagramText",
    "column_dot",
    "compact_key",
    "diagram_text",
    "flow_dot",
    "flow_sources",
    "relink",
    "render_svgs",
]

COMPACT_SUFFIX = "#compact"
"""What :func:`compact_key` appends to a flow key (``#`` is never part of one)."""


def compact_key(flow_key: str) -> str:
    """The key of a flow's compact diagram among the rendered diagrams."""
    return flow_key + COMPACT_SUFFIX


def flow_sources(flows: Iterable[Flow], handbook: Handbook, *, text: DiagramText) -> dict[str, str]:
    """The DOT sources of the diagrams of *flows*, keyed for :func:`render_svgs`.

    Each flow's swimlane under its key, its compact column under
    :func:`compact_key`. Every flow has both, even a flow of one lane: its
    swimlane is a column already, but the compact one prints a tall flow larger
    (:func:`generator.render.figure.printed_diagram`). Both are always drawn
    together, so an edit that redraws one redraws the other; the column has no
    clusters and costs Graphviz far less than the swimlane.
    """
    sources: dict[str, str] = {}
    for flow in flows:
        graph = FlowGraph(flow)
        sources[flow.key] = flow_dot(flow, handbook, text=text, graph=graph)
        sources[compact_key(flow.key)] = column_dot(flow, handbook, text=text, graph=graph)
    return sources


@functools.lru_cache(maxsize=8)
def diagram_text(language: str) -> DiagramText:
    """The diagram's own words in *language*, from the translation table (read once per
    language: the BPMN export asks for each flow)."""
    words = labels(language)
    return DiagramText(
        start=words["diagram.start"],
        end=words["diagram.end"],
        unassigned=words["diagram.unassigned"],
        subflow=words["diagram.subflow"],
    )


@dataclass(frozen=True)
class DiagramRun:
    """The result of :func:`render_svgs`."""

    svgs: dict[str, str]
    """The cleaned ``<svg>`` element of every key, in sorted key order."""
    rendered: int
    """How many distinct graphs ``dot`` laid out in this run."""
    cached: int
    """How many keys were served from the cache."""


def render_svgs(
    sources: Mapping[str, str],
    *,
    cache_dir: Path,
    jobs: int = 2,
    batch_size: int = 400,
    timeout: float = 120.0,
) -> DiagramRun:
    """Render DOT sources (key → DOT text) to inline SVG, reusing the cache in *cache_dir*.

    Only graphs missing from the cache are laid out: in batches of at most
    *batch_size* graphs per ``dot`` process, *jobs* processes at a time, each
    with *timeout* seconds. Identical sources are rendered once. The result is
    the same bytes for the same sources, whatever the batching. Raises
    DiagramError when Graphviz is missing or fails, or the cache cannot be written.
    """
    if not sources:
        return DiagramRun(svgs={}, rendered=0, cached=0)
    dot = find_dot()
    version = dot_version(dot)
    keys = sorted(sources)
    digests = {key: cache_key(sources[key], version) for key in keys}
    svgs: dict[str, str] = {}
    missing: dict[str, str] = {}
    for key in keys:
        cached = read_cached(cache_dir, digests[key])
        if cached is not None:
            svgs[key] = cached
        else:
            missing.setdefault(digests[key], key)
    to_render = sorted(missing.values())
    if to_render:
        prepare(cache_dir)

    def finish(key: str, document: str) -> str:
        try:
            svg = clean_svg(document)
        except ValueError as error:
            raise DiagramError(
                f"Graphviz 'dot' gave no SVG for the diagram of '{key}': {error}"
            ) from None
        write_cached(cache_dir, digests[key], svg)
        return svg

    svgs.update(
        render_batches(
            dot,
            {key: sources[key] for key in to_render},
            batches(to_render, jobs=jobs, batch_size=batch_size),
            jobs=jobs,
            timeout=timeout,
            finish=finish,
        )
    )
    for key in keys:
        if key not in svgs:
            svgs[key] = svgs[missing[digests[key]]]
    return DiagramRun(
        svgs={key: svgs[key] for key in keys},
        rendered=len(to_render),
        cached=sum(1 for key in keys if digests[key] not in missing),
    )

"""Swimlane flowcharts: model → DOT text → SVG by the real Graphviz, batched and cached.

The interface the pages use:

* :func:`flow_dot` (pure): ``flow_dot(flow, handbook, *, text=DiagramText())`` is
  the DOT source of one flow's diagram. :class:`DiagramText` carries the few
  words a diagram shows itself (start node, end tooltip, the lane of steps
  without a role, sub-flow tooltip); the caller fills it from its translations.
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

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagrams.cache import cache_key, prepare, read_cached, write_cached
from generator.diagrams.dot import DiagramText, flow_dot
from generator.diagrams.errors import DiagramError
from generator.diagrams.graphviz import batches, dot_version, find_dot, render_batches
from generator.diagrams.svg import clean_svg, relink
from generator.i18n import labels

__all__ = [
    "DiagramError",
    "DiagramRun",
    "DiagramText",
    "diagram_text",
    "flow_dot",
    "relink",
    "render_svgs",
]


def diagram_text(language: str) -> DiagramText:
    """The diagram's own words in *language*, from the translation table."""
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

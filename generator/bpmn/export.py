"""Export: flows → BPMN 2.0 files, laid out from the swimlane diagrams' Graphviz layout.

:func:`flow_bpmn` is one flow, given its diagram's SVG (the build has it
already); :func:`export_flows` does many, rendering the diagrams it needs with
one batched Graphviz run through the same content-addressed cache as the site's
diagrams (a build followed by an export lays nothing out twice).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.bpmn.graph import bpmn_graph
from generator.bpmn.layout import layout, svg_centers
from generator.bpmn.writer import bpmn_xml
from generator.diagrams import diagram_text, flow_dot, render_svgs
from generator.i18n import labels
from generator.model import Flow, Handbook
from generator.render import paths

BPMN_FOLDER = "bpmn"
"""The folder of the BPMN files, in the generated docs part and so in the site."""


def bpmn_path(flow_key: str) -> str:
    """Where a flow's BPMN file goes: ``bpmn/<domain>/<flow-id>.bpmn``."""
    domain, _, flow_id = flow_key.partition("/")
    return f"{BPMN_FOLDER}/{domain}/{flow_id}.bpmn"


def flow_bpmn(flow: Flow, handbook: Handbook, *, svg: str | None, language: str = "zh") -> str:
    """The BPMN document of a valid *flow*, laid out from its diagram's *svg*.

    Without an SVG the steps are placed as if the diagram ran in flow order.
    """
    words = labels(language)
    graph = bpmn_graph(flow, handbook, text=diagram_text(language))
    return bpmn_xml(graph, layout(graph, svg_centers(svg) if svg else {}), words)


def bpmn_documents(
    handbook: Handbook, svgs: Mapping[str, str], *, language: str, only: Iterable[str] | None = None
) -> dict[str, str]:
    """The BPMN files of the flows with a diagram in *svgs* (or those keys in *only*), by path.

    The paths are :func:`bpmn_path`'s, relative to the generated docs part, so the
    site engine copies them to ``site/bpmn/<domain>/<flow>.bpmn``.
    """
    wanted = set(svgs) if only is None else set(only) & set(svgs)
    return {
        bpmn_path(flow.key): flow_bpmn(flow, handbook, svg=svgs[flow.key], language=language)
        for flow in handbook.flows
        if flow.key in wanted
    }


def bpmn_keys(handbook: Handbook, pages: Iterable[str]) -> list[str]:
    """The keys of the flows whose page is among *pages* (their BPMN changes with the page)."""
    wanted = set(pages)
    return [flow.key for flow in handbook.flows if paths.flow_page(flow.key) in wanted]


def export_flows(
    handbook: Handbook,
    flows: Iterable[Flow],
    *,
    cache_dir: Path,
    language: str = "zh",
    jobs: int = 2,
) -> dict[str, str]:
    """The BPMN document of each of *flows*, by flow key, their diagrams laid out in one run.

    Raises :class:`~generator.diagrams.DiagramError` when Graphviz fails.
    """
    text = diagram_text(language)
    chosen = list(flows)
    run = render_svgs(
        {flow.key: flow_dot(flow, handbook, text=text) for flow in chosen},
        cache_dir=cache_dir,
        jobs=jobs,
    )
    return {
        flow.key: flow_bpmn(flow, handbook, svg=run.svgs[flow.key], language=language)
        for flow in chosen
    }

"""Every page of a large handbook, rendered by several forked processes.

Page rendering is pure Python on an immutable model, so forked workers inherit
the model and the diagrams and each renders a share of the pages.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from generator.model import Handbook
from generator.render.pages import PageSettings, page_paths, render_pages

PARALLEL_PAGES = 200
"""From this many flows on, pages are rendered by several processes."""

_WORKER_INPUT: tuple[Handbook, Mapping[str, str], PageSettings] | None = None
"""What a page-rendering worker process renders from (inherited when it is forked)."""


def _remember_worker_input(
    handbook: Handbook, diagrams: Mapping[str, str], settings: PageSettings
) -> None:
    global _WORKER_INPUT
    _WORKER_INPUT = (handbook, diagrams, settings)


def _render_share(page_list: list[str]) -> dict[str, str]:
    """Render some pages in a worker process."""
    assert _WORKER_INPUT is not None
    handbook, diagrams, settings = _WORKER_INPUT
    return render_pages(handbook, diagrams=diagrams, settings=settings, only=page_list)


def render_all_pages(
    handbook: Handbook,
    *,
    diagrams: Mapping[str, str],
    settings: PageSettings,
    jobs: int = 2,
    parallel_from: int = PARALLEL_PAGES,
) -> dict[str, str]:
    """Every page, rendered by *jobs* forked processes when the handbook is large.

    The result is the same as :func:`~generator.render.pages.render_pages`
    (which does the work in each process); small handbooks, one job, a
    platform without ``fork`` or a process running other threads (``handbook
    serve``) render in this process.
    """
    all_pages = page_paths(handbook)
    # fork only a single-threaded process: a thread holding a lock would freeze the child
    forking = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if jobs <= 1 or len(handbook.flows) < parallel_from or not forking:
        return render_pages(handbook, diagrams=diagrams, settings=settings)
    shares = [all_pages[start::jobs] for start in range(jobs)]
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_remember_worker_input,
        initargs=(handbook, diagrams, settings),
    ) as pool:
        rendered: dict[str, str] = {}
        for share in pool.map(_render_share, shares):
            rendered.update(share)
    return dict(sorted(rendered.items()))


__all__ = ["PARALLEL_PAGES", "render_all_pages"]

"""``handbook build``: the stages in order, each timed; the work is done in the other rooms.

1. **config**: the site engine reads mkdocs.yml (:mod:`generator.site.config`).
2. **load+validate** (:func:`generator.check.check`). Any error (or, with
   ``strict``, any warning) stops the build before anything is written:
   :class:`~generator.errors.InvalidFlowsError` carries the diagnostics.
3. **diagrams**: the DOT sources of each flow's swimlane and compact column,
   rendered in batches, cached by content in ``.handbook-cache/diagrams``
   (:mod:`generator.diagrams`).
4. **pages**: every page rendered (:mod:`generator.render`, by several processes
   for large handbooks) and published into the docs folder with the navigation
   file and the assets (:mod:`generator.site.publish`); with a previous
   generation, only the pages an edit affects (:mod:`generator.site.incremental`).
5. **mkdocs**: the site engine (:mod:`generator.site.engine`) builds into a
   staging folder next to ``site/``, which replaces ``site/`` only when the
   build succeeded (:mod:`generator.site.swap`).
6. **pdf** (unless ``--no-pdf``): the PDF decks (:mod:`generator.printing`) are
   printed from the model while the engine runs, by a process of its own, and
   moved into the staging folder, under ``print/``, before it replaces
   ``site/``. The stage time ``pdf`` is what the build waited for the decks
   after the engine; ``pdf (alongside mkdocs)`` is the whole stage.

Failures: every stage raises a :class:`~generator.errors.HandbookError` of one
line naming its stage, and the previous ``site/`` stays as it was; Ctrl+C and
SIGTERM remove the staging folder and are held back during the swap itself.
Reproducibility: see :mod:`generator.site.epoch`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from generator.bpmn.export import bpmn_documents, bpmn_keys
from generator.check import CheckResult, check
from generator.diagrams import diagram_text, flow_sources, render_svgs
from generator.errors import BuildError, InvalidFlowsError, in_stage
from generator.model import Handbook
from generator.offline import offline_site
from generator.options import Options
from generator.publish import publish
from generator.render import paths
from generator.render.control import control_pages
from generator.render.pages import PageSettings, RenderError, render_pages
from generator.render.parallel import render_all_pages
from generator.search.words import write_search_words
from generator.site.config import SiteConfig
from generator.site.engine import site_engine
from generator.site.epoch import source_date_epoch
from generator.site.generation_cache import (
    context_digest,
    forget_snapshot,
    load_snapshot,
    save_snapshot,
)
from generator.site.incremental import affected_pages
from generator.site.publish import publish_all, publish_some
from generator.site.swap import replace_site
from generator.siteurl import with_site_check
from generator.tools import has_cjk, require_cjk_font

if TYPE_CHECKING:
    from generator.printing.stage import PrintRun


@dataclass(frozen=True)
class GenerateReport:
    """What one generation pass changed in the docs folder."""

    written: tuple[str, ...]
    """Generated paths written (new or changed)."""
    unchanged: int
    """Generated files that already had the right bytes."""
    removed: tuple[str, ...]
    """Stale generated paths deleted."""
    nav_changed: bool
    """Whether the navigation file was rewritten."""
    diagrams_rendered: int
    """Diagrams Graphviz rendered in this pass (a flow has two: swimlane and compact column)."""
    diagrams_cached: int
    """Diagrams taken from the cache."""
    pages_rendered: int
    """Pages rendered from the model in this pass: all of them, or those an edit
    affected (the document-control pages, :mod:`generator.render.control`, are
    rendered on every pass and not counted: about 0.2 s at 1,000 flows)."""
    incremental: bool
    """Whether only what an edit affected was rendered (a previous generation was used)."""
    timings: Mapping[str, float]
    """Seconds per stage: ``diagrams``, ``pages``."""


@dataclass(frozen=True)
class BuildReport:
    """The outcome of a successful build."""

    check: CheckResult
    """The validation result (warnings may be present)."""
    site_dir: Path
    """Where the site is."""
    generated: GenerateReport
    """What changed in the docs folder."""
    source_date_epoch: int
    """The SOURCE_DATE_EPOCH the site was built with."""
    timings: Mapping[str, float] = field(default_factory=dict)
    """Seconds per stage, in order: ``load+validate``, ``diagrams``, ``pages``, ``mkdocs``,
    and, when the decks were built, ``pdf`` (the wait for them after MkDocs) and
    ``pdf (alongside mkdocs)`` (the whole PDF stage, which runs during MkDocs);
    ``snapshot`` is loading and saving the last generation
    (:mod:`generator.site.generation_cache`)."""


@dataclass(frozen=True)
class Generation:
    """What a generation produced, kept by ``handbook serve`` (in memory) and ``handbook
    build`` (:mod:`generator.site.generation_cache`) to regenerate incrementally."""

    handbook: Handbook
    """The model the pages were generated from."""
    svgs: Mapping[str, str]
    """Every flow's diagrams: the swimlane by flow key, the compact column by
    :func:`~generator.diagrams.compact_key`."""
    settings: PageSettings
    """The page settings used."""
    archived: frozenset[str] = frozenset()
    """Keys of the archived flows (a change of them means rendering everything)."""


class _Clock:
    """Times the stages and names the stage of any failure (:func:`~generator.errors.in_stage`)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        """Seconds per stage, in the order they ran."""

    @contextlib.contextmanager
    def stage(self, name: str, timing: str | None = None) -> Iterator[None]:
        """Run a block as stage *name*; its time is recorded as *timing* (default: *name*)."""
        started = time.perf_counter()
        with in_stage(name):
            yield
        self.timings[timing or name] = time.perf_counter() - started


def _silent(stage: str) -> None:
    """No progress report."""


def generate(
    handbook: Handbook,
    site: SiteConfig,
    options: Options,
    progress: Callable[[str], None] | None = None,
    *,
    previous: Generation | None = None,
) -> tuple[GenerateReport, Generation]:
    """Render diagrams and pages of a valid *handbook* into the docs folder.

    With *previous* (the last generation of the same docs folder, with the same
    page settings and archived flows), only the pages and diagrams an edit of
    some flows affects are rendered again (see
    :func:`~generator.site.incremental.affected_pages`); diagrams missing from
    ``previous.svgs`` (a generation saved by an earlier build keeps none) are
    taken from the diagram cache. Otherwise everything is rendered, and stale
    files are removed. The pages link to the PDF decks when
    ``options.pdf``. Raises a :class:`~generator.errors.HandbookError` of stage
    ``diagrams`` or ``pages`` when a diagram cannot be rendered, two pages
    collide, or a hand-written file is in the way. *progress* is told
    ``diagrams`` and ``pages`` as they start.
    """
    tell = progress or _silent
    docs = (options.docs_dir or site.docs_dir).resolve()
    publication = publish(handbook, drafts=options.drafts)  # staff see what is in force
    handbook = publication.handbook
    settings = PageSettings(
        today=options.review_date(),
        language=site.language,
        site_url=site.site_url,
        use_directory_urls=site.use_directory_urls,
        print_decks=options.pdf,
    )
    archived_keys = frozenset(flow.key for flow in publication.archived)
    change = None
    if (
        previous is not None
        and previous.settings == settings
        and previous.archived == archived_keys
    ):
        change = affected_pages(previous.handbook, handbook)
    known = previous.svgs if previous is not None and change is not None else {}
    clock = _Clock()
    tell("diagrams")
    with clock.stage("diagrams"):
        text = diagram_text(site.language)
        redraw = [
            flow
            for flow in handbook.flows
            if change is None or flow.key in change.diagrams or flow.key not in known
        ]
        redraw += publication.archived
        sources = flow_sources(redraw, handbook, text=text)
        if any(has_cjk(source) for source in sources.values()):
            require_cjk_font()
        run = render_svgs(sources, cache_dir=options.cache_dir / "diagrams", jobs=options.jobs)
        svgs = {**known, **run.svgs}

    tell("pages")
    with clock.stage("pages"):
        try:
            if change is None:
                pages = render_all_pages(
                    handbook, diagrams=svgs, settings=settings, jobs=options.jobs
                )
            else:
                pages = render_pages(handbook, diagrams=svgs, settings=settings, only=change.pages)
            rendered = len(pages)
            pages.update(control_pages(publication, diagrams=svgs, settings=settings))
        except jinja2.TemplateError as error:
            raise RenderError(f"template error: {error}") from None
        documents = bpmn_documents(
            handbook,
            svgs,
            language=site.language,
            only=None if change is None else bpmn_keys(handbook, change.pages),
        )
        rendered += len(documents)
        pages.update(documents)
        archived = [paths.flow_page(flow.key) for flow in publication.archived]
        publish_pages = publish_all if change is None else publish_some
        report = publish_pages(docs, pages, handbook=handbook, site=site, archived=archived)
        write_search_words(docs, handbook)
    generated = GenerateReport(
        written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
        nav_changed=report.nav_changed,
        diagrams_rendered=run.rendered,
        diagrams_cached=run.cached,
        pages_rendered=rendered,
        incremental=change is not None,
        timings=clock.timings,
    )
    return generated, Generation(handbook, svgs, settings, archived_keys)


def start_decks(generation: Generation, site_dir: Path, *, epoch: int, cache_dir: Path) -> PrintRun:
    """Start the PDF stage in the background: the decks of *generation*, beside *site_dir*.

    The decks are printed from the model while the engine builds the site
    (Chromium uses the cores MkDocs leaves idle); ``PrintRun.finish`` moves them
    into the new site before it replaces the old one.
    """
    from generator.printing.stage import PrintRun

    return PrintRun(
        site_dir.with_name(f".{site_dir.name}.print"),
        handbook=generation.handbook,
        diagrams=generation.svgs,
        settings=generation.settings,
        epoch=epoch,
        cache_dir=cache_dir,
    ).start()


def write_decks(generation: Generation, site_dir: Path, *, epoch: int, cache_dir: Path) -> float:
    """The PDF stage at once: print the decks of *generation* into *site_dir*; its seconds."""
    printer = start_decks(generation, site_dir, epoch=epoch, cache_dir=cache_dir)
    with in_stage("pdf"):
        return printer.finish(site_dir).seconds


def build_site(options: Options, progress: Callable[[str], None] = _silent) -> BuildReport:
    """Validate, generate and build the handbook site of the project *options* name.

    Raises :class:`~generator.errors.InvalidFlowsError` with the diagnostics when
    validation fails (nothing is written), and a
    :class:`~generator.errors.HandbookError` naming its stage for every other
    failure (the previous site is then left as it was). ``options.pdf`` adds
    the PDF decks under ``site/print/``, printed while the engine runs and moved
    in before the new site replaces the old one. *progress* is told the name of
    each stage as it starts (``validate``, ``diagrams``, ``pages``, the engine's
    name, ``pdf``).
    """
    clock = _Clock()
    engine = site_engine(options.engine)
    with in_stage("config"):
        site = engine.read_config(options.project_root, options.config_file)
        if options.offline:
            if engine.name != "mkdocs":
                raise BuildError("--offline works with the mkdocs engine only")
            site = offline_site(site)
    progress("validate")
    with clock.stage("validate", timing="load+validate"):
        result = with_site_check(check(options), site, options.ignore)
    if not result.ok:
        raise InvalidFlowsError(result)
    if options.pdf:
        from generator.printing.chromium import find_chromium

        with in_stage("pdf"):
            find_chromium()  # stop before anything is written when there is nothing to print with

    docs = (options.docs_dir or site.docs_dir).resolve()
    context = context_digest(site, options, docs)
    started = time.perf_counter()
    snapshot = load_snapshot(options.cache_dir, context=context, docs=docs)
    forget_snapshot(options.cache_dir)  # the docs folder is about to change
    loaded = time.perf_counter() - started
    previous = (
        None
        if snapshot is None
        else Generation(snapshot.handbook, {}, snapshot.settings, snapshot.archived)
    )
    generated, generation = generate(result.handbook, site, options, progress, previous=previous)
    clock.timings.update(generated.timings)
    started = time.perf_counter()
    save_snapshot(
        options.cache_dir,
        handbook=generation.handbook,
        settings=generation.settings,
        archived=generation.archived,
        context=context,
        docs=docs,
    )
    clock.timings["snapshot"] = loaded + time.perf_counter() - started

    started = time.perf_counter()
    epoch = source_date_epoch(result.handbook)
    output = (options.site_dir or site.site_dir).resolve()
    printer = (
        start_decks(generation, output, epoch=epoch, cache_dir=options.cache_dir)
        if options.pdf
        else None
    )
    waited: list[float] = []
    printed: list[float] = []

    def run_engine(staging: Path) -> None:
        progress(engine.name)
        with in_stage(engine.name):
            engine.build(
                site,
                docs_dir=docs,
                output=staging,
                strict=options.strict,
                epoch=epoch,
                cache_dir=options.cache_dir,
            )

    def take_decks(staging: Path) -> None:
        assert printer is not None
        began = time.perf_counter()
        progress("pdf")
        with in_stage("pdf"):
            printed.append(printer.finish(staging).seconds)
        waited.append(time.perf_counter() - began)

    try:
        replace_site(output, run_engine, before_swap=take_decks if printer is not None else None)
    finally:
        if printer is not None:
            printer.cancel()  # the engine failed or was interrupted: stop printing
    clock.timings[engine.name] = time.perf_counter() - started - sum(waited)
    if printed:
        clock.timings["pdf"] = sum(waited)
        clock.timings["pdf (alongside mkdocs)"] = printed[0]
    return BuildReport(
        check=result,
        site_dir=output,
        generated=generated,
        source_date_epoch=epoch,
        timings=clock.timings,
    )


__all__ = [
    "BuildError",
    "BuildReport",
    "GenerateReport",
    "Generation",
    "InvalidFlowsError",
    "build_site",
    "generate",
    "start_decks",
    "write_decks",
]

"""``handbook build``: flows/ → validated model → generated pages and diagrams → MkDocs → site/.

The stages, each timed in the :class:`BuildReport`:

1. **load+validate** (:func:`generator.check.check_flows`). Any error (or, with
   ``strict``, any warning) stops the build before anything is written:
   :class:`InvalidFlowsError` carries the diagnostics for the command line to print.
2. **diagrams**: one DOT source per flow, rendered in batches, cached by content
   in ``.handbook-cache/diagrams``.
3. **pages**: :func:`generator.render.pages.render_pages`, then the generated
   part of the docs folder is made exactly that (changed files only, stale ones
   removed, hand-written files never touched), plus the navigation file that
   mkdocs.yml inherits and the CSS/JS assets.
4. **mkdocs**: MkDocs builds into a temporary folder next to ``site/``, which
   replaces ``site/`` only when the build succeeded.
5. **pdf** (unless ``pdf=False``, ``--no-pdf``): the PDF decks of SOP and role
   cards (:mod:`generator.printing`) are printed from the model while MkDocs
   runs, by a process of its own (Chromium and the worker use the core MkDocs
   leaves idle), into a folder beside the site, and moved into MkDocs'
   temporary folder, under ``print/``, before it replaces ``site/``: a failure
   of either leaves ``site/`` as it was. The stage
   time ``pdf`` is what the build waited for the decks after MkDocs; ``pdf
   (alongside mkdocs)`` is the whole stage.

Failures: every stage's failure (Graphviz missing, crashing or timing out, no
CJK font, a template error, a full disk, an error in MkDocs, a plugin, a hook or
a theme template) is a :class:`BuildError` of one line, and the previous
``site/`` stays as it was; Ctrl+C and SIGTERM remove the temporary site and are
held back during the swap itself, so ``site/`` always holds a complete build.

Reproducibility: MkDocs dates the sitemap with ``SOURCE_DATE_EPOCH``. When the
environment does not set it, the build sets it to the newest ``effective`` date
of any flow (UTC midnight): a property of the sources, so the same sources give
byte-identical sites on any machine and any day. Set ``SOURCE_DATE_EPOCH``
yourself (e.g. to the commit time) to date the sitemap otherwise.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from generator.check import CheckResult, check_flows
from generator.diagrams import DiagramError, DiagramText, flow_dot, render_svgs
from generator.i18n import labels
from generator.model import Handbook
from generator.render import paths
from generator.render.nav import HEADER as NAV_HEADER
from generator.render.nav import nav_document
from generator.render.pages import (
    PageSettings,
    RenderError,
    affected_pages,
    page_paths,
    render_pages,
)
from generator.render.siteconfig import SiteConfig, SiteConfigError, read_site_config
from generator.render.writer import (
    OutputError,
    generated_top_folders,
    handwritten_pages,
    update_generated,
    with_gitignores,
    write_generated,
)
from generator.tools import MissingToolError, has_cjk, require_cjk_font

if TYPE_CHECKING:
    from generator.printing.stage import PrintRun

CACHE_FOLDER = ".handbook-cache"
"""The project's cache folder (diagrams), safe to delete."""

CONFIG_FILE = "mkdocs.yml"
"""The MkDocs configuration, in the project folder."""


class BuildError(Exception):
    """The build failed; the message is one line a user can act on (no traceback needed)."""


class InvalidFlowsError(BuildError):
    """Validation found errors (or warnings, when strict): nothing was written."""

    def __init__(self, result: CheckResult):
        super().__init__(f"{result.errors} error(s) in the flows; nothing was built")
        self.result = result
        """The diagnostics to print."""


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
    """Diagrams Graphviz rendered in this pass."""
    diagrams_cached: int
    """Diagrams taken from the cache."""
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
    ``pdf (alongside mkdocs)`` (the whole PDF stage, which runs during MkDocs)."""


def diagram_text(language: str) -> DiagramText:
    """The diagram's own words, from the translation table."""
    words = labels(language)
    return DiagramText(
        start=words["diagram.start"],
        end=words["diagram.end"],
        unassigned=words["diagram.unassigned"],
        subflow=words["diagram.subflow"],
    )


def _assets() -> dict[str, bytes]:
    """The CSS and JavaScript shipped in ``generator/assets``, by generated path."""
    folder = resources.files("generator") / "assets"
    return {
        f"{paths.ASSETS_FOLDER}/{entry.name}": entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.is_file() and not entry.name.startswith(".")
    }


def _folder_title(index_page: Path) -> str | None:
    """A hand-written folder's title: its index page's ``title:`` or first ``# `` heading."""
    try:
        lines = index_page.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("\"'") or None
    for line in lines:
        if line.startswith("# "):
            return line.removeprefix("# ").strip() or None
    return None


@dataclass(frozen=True)
class Generation:
    """What a generation produced, kept by ``handbook serve`` to regenerate incrementally."""

    handbook: Handbook
    """The model the pages were generated from."""
    svgs: Mapping[str, str]
    """Every flow's diagram, by flow key."""
    settings: PageSettings
    """The page settings used."""


def generate(
    handbook: Handbook,
    site: SiteConfig,
    *,
    today: dt.date,
    docs_dir: Path | None = None,
    cache_dir: Path,
    jobs: int = 2,
    previous: Generation | None = None,
    print_decks: bool = True,
) -> tuple[GenerateReport, Generation]:
    """Render diagrams and pages of a valid *handbook* into the docs folder.

    With *previous* (the last generation of the same docs folder), only the pages
    and diagrams an edit of some flows affects are rendered again (see
    :func:`~generator.render.pages.affected_pages`); otherwise everything is,
    and stale files are removed. *print_decks* says whether the PDF decks are
    built (the pages link to them). Raises :class:`BuildError` when a diagram
    cannot be rendered, two pages collide, or a hand-written file is in the way.
    """
    docs = docs_dir or site.docs_dir
    settings = PageSettings(
        today=today,
        language=site.language,
        site_url=site.site_url,
        use_directory_urls=site.use_directory_urls,
        print_decks=print_decks,
    )
    change = None
    if previous is not None and previous.settings == settings:
        change = affected_pages(previous.handbook, handbook)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    text = diagram_text(site.language)
    redraw = [flow for flow in handbook.flows if change is None or flow.key in change.diagrams]
    sources = {flow.key: flow_dot(flow, handbook, text=text) for flow in redraw}
    try:
        if any(has_cjk(source) for source in sources.values()):
            require_cjk_font()
        run = render_svgs(sources, cache_dir=cache_dir / "diagrams", jobs=jobs)
    except (DiagramError, MissingToolError) as error:
        raise BuildError(f"diagrams: {error}") from None
    svgs = dict(run.svgs) if change is None or previous is None else {**previous.svgs, **run.svgs}
    timings["diagrams"] = time.perf_counter() - started

    started = time.perf_counter()
    try:
        if change is None:
            pages = render_all_pages(handbook, diagrams=svgs, settings=settings, jobs=jobs)
        else:
            pages = render_pages(handbook, diagrams=svgs, settings=settings, only=change.pages)
    except RenderError as error:
        raise BuildError(str(error)) from None
    except jinja2.TemplateError as error:
        raise BuildError(f"pages: template error: {error}") from None
    files = {path: page.encode("utf-8") for path, page in pages.items()}
    _check_generated_paths(docs, files)
    nav_changed = False
    try:
        if change is not None:
            report = update_generated(docs, files)
        else:
            files.update(_assets())
            report = write_generated(docs, with_gitignores(files))
            nav_changed = _write_nav(site.nav_file, _navigation(handbook, site, docs, files))
    except OutputError as error:
        raise BuildError(str(error)) from None
    except OSError as error:
        raise BuildError(f"cannot write the generated pages in {docs}: {_reason(error)}") from None
    timings["pages"] = time.perf_counter() - started
    generated = GenerateReport(
        written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
        nav_changed=nav_changed,
        diagrams_rendered=run.rendered,
        diagrams_cached=run.cached,
        timings=timings,
    )
    return generated, Generation(handbook, svgs, settings)


_SAFE_NAME = re.compile(r"[a-z0-9_][a-z0-9._-]*")


def _check_generated_paths(docs: Path, files: Mapping[str, bytes]) -> None:
    """Refuse a generated path that could leave the docs folder (ids are checked; twice is cheap).

    Every path is relative and made of lowercase ASCII names that do not start
    with a dot (only the ``.gitignore`` markers do): no ``..``, no absolute path;
    and no folder on the way is a symbolic link (which could lead anywhere).
    """
    folders_seen: set[str] = set()
    for path in files:
        *folders, name = path.split("/")
        if not all(_SAFE_NAME.fullmatch(folder) for folder in folders) or not (
            _SAFE_NAME.fullmatch(name) or (folders and name == ".gitignore")
        ):
            raise BuildError(f"refusing to write the generated page '{path}': not a safe path")
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            if folder not in folders_seen:
                folders_seen.add(folder)
                if (docs / folder).is_symlink():
                    raise BuildError(
                        f"refusing to write into {docs / folder}: it is a symbolic link"
                    )


def _reason(error: OSError) -> str:
    """An OSError in a few words, e.g. ``No space left on device``."""
    return error.strerror or str(error) or type(error).__name__


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


def _navigation(
    handbook: Handbook, site: SiteConfig, docs: Path, files: Mapping[str, bytes]
) -> str:
    """The navigation file's text: domains, index pages and the hand-written pages found."""
    handwritten = handwritten_pages(docs, files)
    folders = {page.rsplit("/", 1)[0] for page in handwritten if "/" in page}
    folder_titles = {
        folder: title
        for folder in sorted(folders)
        if (title := _folder_title(docs / folder / "index.md")) is not None
    }
    return nav_document(
        handbook,
        words=labels(site.language),
        handwritten=handwritten,
        folder_titles=folder_titles,
    )


def _write_nav(nav_file: Path, nav: str) -> bool:
    """Write the navigation file, refusing to replace a file the generator did not write."""
    if nav_file.exists():
        try:
            current = nav_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = ""
        if not current.startswith(NAV_HEADER):
            raise BuildError(
                f"refusing to overwrite {nav_file}: it was not written by the generator"
                " (mkdocs.yml INHERIT must name a file the generator owns)"
            )
    try:
        if nav_file.read_text(encoding="utf-8") == nav:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    temporary = nav_file.with_name(f".{nav_file.name}.tmp")
    try:
        temporary.write_text(nav, encoding="utf-8")
        os.replace(temporary, nav_file)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def source_date_epoch(handbook: Handbook) -> int:
    """SOURCE_DATE_EPOCH from the environment, else the newest ``effective`` date (UTC)."""
    configured = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if configured:
        try:
            return int(configured)
        except ValueError:
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not '{configured}'"
            ) from None
    newest = max((flow.effective for flow in handbook.flows), default=dt.date(1970, 1, 1))
    return calendar.timegm(newest.timetuple())


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the duration of a block."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


def quiet_jieba() -> None:
    """Keep jieba's dictionary-loading chatter out of the build output."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    with contextlib.suppress(ImportError):
        import jieba

        jieba.setLogLevel(logging.WARNING)


def run_mkdocs(
    site: SiteConfig,
    *,
    docs_dir: Path,
    site_dir: Path,
    strict: bool,
    epoch: int,
    before_swap: Callable[[Path], None] | None = None,
) -> None:
    """Build the site with MkDocs into *site_dir* (replaced only if the build succeeds).

    *before_swap* is called with the freshly built folder before it replaces
    *site_dir* (the PDF stage writes its decks there); if it raises, the folder is
    removed and *site_dir* stays as it was.
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    quiet_jieba()
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    if retired.is_dir() and not site_dir.exists():  # a swap cut short (power loss, SIGKILL)
        os.replace(retired, site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    overrides: dict[str, Any] = {"docs_dir": str(docs_dir), "site_dir": str(staging)}
    if strict:
        overrides["strict"] = True
    first_problem = _FirstProblem()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(first_problem)
    try:
        with _environment("SOURCE_DATE_EPOCH", str(epoch)):
            config = load_config(config_file=str(site.config_file), **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(error, Exception):
            raise  # Ctrl+C or SIGTERM: the caller reports it; site/ was not touched
        message = _mkdocs_message(error, exceptions.MkDocsException)
        if first_problem.message and first_problem.message not in message:
            message = f"{first_problem.message} ({message})"
        raise BuildError(f"mkdocs: {message}") from None
    finally:
        mkdocs_logger.removeHandler(first_problem)
    if before_swap is not None:
        try:
            before_swap(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    with _signals_deferred():
        try:
            _swap(staging, site_dir, retired)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"cannot replace {site_dir}: {_reason(error)}") from None


class _FirstProblem(logging.Handler):
    """Remembers the first warning or error MkDocs logs: it says why MkDocs aborted."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.message: str | None = None
        """The first problem's message, on one line."""

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the first record's message."""
        if self.message is None:
            self.message = " ".join(record.getMessage().split())


def _mkdocs_message(error: Exception, expected: type[Exception]) -> str:
    """One line for an error MkDocs (or a plugin, hook or theme template) raised."""
    message = " ".join(str(error).split())
    if isinstance(error, expected | OSError):
        return message or type(error).__name__
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _swap(staging: Path, site_dir: Path, retired: Path) -> None:
    """Put the finished *staging* folder in place of *site_dir*; the old one is deleted after."""
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, retired)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if retired.is_dir() and not site_dir.exists():
            os.replace(retired, site_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM back during a block (the site swap), then deliver them.

    Python runs signal handlers in the main thread only, so replacing them there
    defers the signal whichever thread the system delivered it to.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def record(signum: int, _frame: object) -> None:
        caught.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


def start_decks(generation: Generation, site_dir: Path, *, epoch: int, cache_dir: Path) -> PrintRun:
    """Start the PDF stage in the background: the decks of *generation*, beside *site_dir*.

    The decks are printed from the model while MkDocs builds the site (Chromium
    uses the cores MkDocs leaves idle); :func:`finish_decks` moves them into the
    new site before it replaces the old one.
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


def finish_decks(printer: PrintRun, site_dir: Path) -> float:
    """Wait for the decks :func:`start_decks` prints and move them into *site_dir*; seconds.

    Raises :class:`BuildError` when they could not be made.
    """
    from generator.printing.stage import PrintError

    try:
        report = printer.finish(site_dir)
    except PrintError as error:
        raise BuildError(f"pdf: {error}") from None
    return report.seconds


def write_decks(generation: Generation, site_dir: Path, *, epoch: int, cache_dir: Path) -> float:
    """The PDF stage at once: print the decks of *generation* into *site_dir*; its seconds."""
    printer = start_decks(generation, site_dir, epoch=epoch, cache_dir=cache_dir)
    return finish_decks(printer, site_dir)


def load_site_config(project_root: Path, config_file: Path | None = None) -> SiteConfig:
    """Read the project's mkdocs.yml, as a :class:`BuildError` when it is unusable."""
    try:
        return read_site_config(config_file or project_root / CONFIG_FILE)
    except SiteConfigError as error:
        raise BuildError(str(error)) from None


def _require_chromium() -> None:
    """Stop before anything is written when the PDF stage will find no Chromium to print with."""
    from generator.printing.chromium import PrintEngineError, find_chromium

    try:
        find_chromium()
    except PrintEngineError as error:
        raise BuildError(f"pdf: {error}") from None


def build_site(
    project_root: Path,
    *,
    flows_dir: Path | None = None,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    today: dt.date,
    strict: bool = False,
    ignore: Collection[str] = (),
    config_file: Path | None = None,
    jobs: int = 2,
    display_root: str | None = None,
    pdf: bool = True,
) -> BuildReport:
    """Validate, generate and build the handbook site of the project at *project_root*.

    *flows_dir*, *docs_dir* and *site_dir* default to ``<project>/flows`` and
    mkdocs.yml's ``docs_dir`` and ``site_dir``. *strict* makes warnings fail
    (validation warnings and MkDocs warnings). Raises :class:`InvalidFlowsError` with
    the diagnostics when validation fails (nothing is written), and
    :class:`BuildError` with a one-line message for every other failure (the
    previous site is then left as it was). *pdf* adds the PDF decks under
    ``site/print/`` (:mod:`generator.printing`), printed while MkDocs runs and
    moved in before the new site replaces the old one; ``pdf=False`` is the
    quick preview.
    """
    timings: dict[str, float] = {}
    site = load_site_config(project_root, config_file)
    flows = flows_dir or project_root / "flows"

    started = time.perf_counter()
    result = check_flows(
        flows, today=today, display_root=display_root, ignore=set(ignore), strict=strict
    )
    timings["load+validate"] = time.perf_counter() - started
    if not result.ok:
        raise InvalidFlowsError(result)
    if pdf:
        _require_chromium()

    docs = (docs_dir or site.docs_dir).resolve()
    generated, generation = generate(
        result.handbook,
        site,
        today=today,
        docs_dir=docs,
        cache_dir=project_root / CACHE_FOLDER,
        jobs=jobs,
        print_decks=pdf,
    )
    timings.update(generated.timings)

    started = time.perf_counter()
    epoch = source_date_epoch(result.handbook)
    output = (site_dir or site.site_dir).resolve()
    cache = project_root / CACHE_FOLDER
    printer = start_decks(generation, output, epoch=epoch, cache_dir=cache) if pdf else None
    waited: list[float] = []
    printed: list[float] = []

    def take_decks(staging: Path) -> None:
        assert printer is not None
        began = time.perf_counter()
        printed.append(finish_decks(printer, staging))
        waited.append(time.perf_counter() - began)

    try:
        run_mkdocs(
            site,
            docs_dir=docs,
            site_dir=output,
            strict=strict,
            epoch=epoch,
            before_swap=take_decks if printer is not None else None,
        )
    finally:
        if printer is not None:
            printer.cancel()  # MkDocs failed or was interrupted: stop printing
    timings["mkdocs"] = time.perf_counter() - started - sum(waited)
    if printed:
        timings["pdf"] = sum(waited)
        timings["pdf (alongside mkdocs)"] = printed[0]
    return BuildReport(
        check=result,
        site_dir=output,
        generated=generated,
        source_date_epoch=epoch,
        timings=timings,
    )


__all__ = [
    "BuildError",
    "BuildReport",
    "GenerateReport",
    "Generation",
    "InvalidFlowsError",
    "build_site",
    "generate",
    "generated_top_folders",
    "load_site_config",
    "render_all_pages",
    "run_mkdocs",
    "source_date_epoch",
]

"""``handbook serve``: build once, then republish only what an edit touches, from memory.

The first build is a full one (validate, diagrams, pages, MkDocs) into a
temporary folder served by MkDocs' live-reload server on 127.0.0.1:8000. The
server watches ``flows/``, mkdocs.yml and the hand-written pages (not the
generated folders, which the rebuild itself writes), with the system's file
events where there are some (inotify), else by polling. On a change:

1. If any YAML file under ``flows/`` changed (by path, size and modification
   time), the flows are loaded and validated again (unchanged files come from
   the loader's cache). Invalid flows: the diagnostics are printed and the last
   good pages stay served.
2. Only the pages and diagrams the edit affects are rendered again
   (:mod:`generator.site.incremental`); only files whose bytes change are written.
3. MkDocs, kept in memory with its configuration, files, navigation and search
   entries (:mod:`generator.site.mkdocs_live`), converts and renders only the
   pages whose files changed and rewrites the search index. A change of the
   navigation (a flow added, removed or renamed) or of mkdocs.yml rebuilds
   everything, since every page shows the navigation.

Browsers reload when the rebuild finishes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from generator.build import Generation, generate, write_decks
from generator.check import CheckResult, check
from generator.errors import BuildError, HandbookError, InvalidFlowsError, error_line
from generator.loader import FileCache
from generator.options import Options
from generator.render.theme import docs_dir_environment
from generator.reporters import format_text, summary_line
from generator.search.words import use_search_words
from generator.site.config import SiteConfig, load_site_config
from generator.site.epoch import source_date_epoch
from generator.site.mkdocs_engine import quiet_jieba
from generator.site.mkdocs_live import LiveSite, mkdocs_logging, share_theme_environment
from generator.site.writer import is_generated_folder

POLLING_INTERVAL = 0.25
"""Seconds between looks at the watched files where the system reports no file events."""


def flows_signature(flows_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Every YAML file under *flows_dir* as (path, size, mtime): changes when any file does."""
    entries = []
    for folder, folders, files in os.walk(flows_dir):
        folders.sort()
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    status = os.stat(path)
                    entries.append((path, status.st_size, status.st_mtime_ns))
    return tuple(entries)


@dataclass
class _State:
    """What the rebuild loop remembers between rebuilds."""

    flows: tuple[tuple[str, int, int], ...] = ()
    """The flows signature of the last good generation."""
    rejected: tuple[tuple[str, int, int], ...] = ()
    """The signature last found invalid (not re-checked until something changes again)."""
    config_mtime: int = 0
    """mkdocs.yml's modification time at the last full build."""
    full: bool = True
    """The next MkDocs build must be a full one."""


class _Session:
    """One ``handbook serve`` run: the project, its options and the rebuild steps."""

    def __init__(self, options: Options, *, err: TextIO):
        self.options = options
        self.err = err
        self.site: SiteConfig = load_site_config(options.project_root, options.config_file)
        self.state = _State()
        self.files = FileCache()
        self.generation: Generation | None = None

    def check(self) -> CheckResult:
        return check(self.options, cache=self.files)

    def report(self, result: CheckResult) -> None:
        language = self.options.language
        self.err.write(format_text(result.diagnostics, language))
        self.err.write(
            summary_line(result.diagnostics, self.options.flows_display, language) + "\n"
        )
        self.err.flush()

    def regenerate(self, *, first: bool) -> bool:
        """Reload, validate and regenerate when the flows changed; False when they are invalid."""
        signature = flows_signature(self.options.flows)
        if not first and signature in (self.state.flows, self.state.rejected):
            return signature == self.state.flows
        started, cpu = time.perf_counter(), time.process_time()
        result = self.check()
        checked = time.process_time() - cpu
        if not result.ok:
            if first:
                raise InvalidFlowsError(result)
            self.report(result)
            self.err.write(
                "handbook serve: serving the last good pages until the flows are fixed\n"
            )
            self.state.rejected = signature
            return False
        if result.diagnostics:
            self.report(result)
        generated, self.generation = generate(
            result.handbook, self.site, self.options, previous=self.generation
        )
        self.state.flows = signature
        self.state.rejected = ()
        if generated.nav_changed:
            self.state.full = True
        changed = len(generated.written) + len(generated.removed)
        # CPU seconds too: on a busy machine they say more than the wall clock
        self.err.write(
            f"handbook: regenerated in {time.perf_counter() - started:.2f} s"
            f" (cpu {time.process_time() - cpu:.2f} s, of which load+validate {checked:.2f} s):"
            f" {changed} file(s) changed, {generated.diagrams_rendered} diagram(s) rendered\n"
        )
        self.err.flush()
        return True

    def watched_paths(self) -> list[Path]:
        """flows/, mkdocs.yml and the hand-written parts of the docs folder.

        The generated folders are not watched: the rebuild writes them itself.
        """
        docs = self.site.docs_dir
        handwritten = [
            entry
            for entry in sorted(docs.iterdir())
            if not entry.name.startswith(".")
            and not (entry.is_dir() and is_generated_folder(entry))
        ]
        return [self.options.flows, self.site.config_file, *handwritten]

    def reload_settings_if_changed(self) -> None:
        """After an edit of mkdocs.yml: read it again and regenerate everything."""
        config_mtime = self.site.config_file.stat().st_mtime_ns
        if config_mtime != self.state.config_mtime:
            self.site = load_site_config(self.options.project_root, self.options.config_file)
            self.state.flows = ()
            self.state.rejected = ()
            self.state.full = True
            self.generation = None


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl+C, so a stopped server still removes its temporary site."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signal_number: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(options: Options, *, open_in_browser: bool = False, err: TextIO | None = None) -> None:
    """Build the handbook and serve it with live reload until interrupted (Ctrl+C).

    ``options.today`` fixes the review date (default: the real date at each
    rebuild); ``options.pdf`` also prints the PDF decks after every rebuild
    (``--pdf``; printing takes seconds). Raises
    :class:`~generator.errors.InvalidFlowsError` when the flows are invalid at
    start, and a :class:`~generator.errors.HandbookError` when the first build
    fails; later failures are printed and the last good pages stay served.
    Drafts are always shown, under their "草稿 — 未生效" banner: authors serve
    to see their work (a staff ``handbook build`` leaves drafts out).
    """
    from mkdocs import exceptions
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url
    from watchdog.observers import Observer

    stream = err or sys.stderr
    options = dataclasses.replace(options, drafts=True)
    host, port = options.host, options.port
    session = _Session(options, err=stream)
    session.regenerate(first=True)
    session.state.config_mtime = session.site.config_file.stat().st_mtime_ns
    quiet_jieba()
    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    mount_path = urlsplit(session.site.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    environments: dict[tuple[object, ...], Any] = {}

    def get_config() -> Any:
        with docs_dir_environment(session.site.docs_dir):
            config = load_config(
                config_file=str(session.site.config_file),
                site_dir=str(site_dir),
                dev_addr=f"{host}:{port}",
            )
        config.site_url = serve_url
        use_search_words(config, session.site.docs_dir)
        share_theme_environment(config.theme, environments)
        # a sitemap lists every page: rebuilding it on each edit costs time and serves no one
        config.theme.static_templates.discard("sitemap.xml")
        return config

    live = LiveSite(get_config, serve_url=serve_url)

    def publish() -> None:
        config_mtime = session.site.config_file.stat().st_mtime_ns
        report = live.build(full=session.state.full)
        session.state.full = False
        session.state.config_mtime = config_mtime
        what = "every page" if report.full else f"{len(report.pages)} page(s)"
        stream.write(
            f"handbook: MkDocs rebuilt {what} in {report.seconds:.2f} s (cpu {report.cpu:.2f} s)\n"
        )
        stream.flush()
        if options.pdf and session.generation is not None:
            epoch = source_date_epoch(session.generation.handbook)
            cache = options.cache_dir
            seconds = write_decks(session.generation, site_dir, epoch=epoch, cache_dir=cache)
            stream.write(f"handbook: printed the PDF decks in {seconds:.2f} s\n")
            stream.flush()

    def builder() -> None:
        try:
            session.reload_settings_if_changed()
            if session.regenerate(first=False):
                publish()
        except HandbookError as error:
            stream.write(error_line("serve", error) + "\n")
        except exceptions.MkDocsException as error:
            stream.write(f"handbook serve: mkdocs: {' '.join(str(error).split())}\n")

    with mkdocs_logging(), _terminate_as_interrupt():
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(
            builder=builder,
            host=host,
            port=port,
            root=str(site_dir),
            mount_path=mount_path,
            polling_interval=POLLING_INTERVAL,
        )

        def error_page(code: int) -> bytes | None:
            page = site_dir / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_page
        # the system's file events (inotify on Linux) instead of MkDocs' polling: an edit is
        # seen at once rather than after half a polling interval, and an idle server is idle
        server.observer = Observer(timeout=POLLING_INTERVAL)  # type: ignore[assignment]
        try:
            try:
                publish()
            except exceptions.MkDocsException as error:
                raise BuildError(" ".join(str(error).split()), stage="mkdocs") from None
            for path in session.watched_paths():
                server.watch(str(path))
            config.plugins.on_serve(server, config=config, builder=builder)
            try:
                server.serve(open_in_browser=open_in_browser)  # type: ignore[no-untyped-call]
            except KeyboardInterrupt:
                stream.write("handbook serve: shutting down\n")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            shutil.rmtree(site_dir, ignore_errors=True)

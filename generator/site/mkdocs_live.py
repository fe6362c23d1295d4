"""MkDocs kept in memory while ``handbook serve`` runs: an edit republishes only its pages.

A full build here is MkDocs' own build, step by step (config, files, navigation,
every page read and converted, theme templates, every page rendered), except
that the pieces stay in memory afterwards: the config, the files, the
navigation, the theme's Jinja environment, every page with its converted
content, and the search index entries each page contributed.

After an edit, :meth:`LiveSite.build` looks at the docs folder (names, sizes,
modification times of every file: a few milliseconds). When only existing files
changed, it copies the changed static files (images, BPMN files) again and
converts and renders the changed pages alone, with MkDocs' own per-page
functions (``_populate_page``, ``_build_page``: every plugin event runs as in a
full build), replaces their entries in the search index and writes the index
again (the search plugin's ``on_post_build``). Anything else (a page added or
removed, a template in the docs folder changed, the navigation file or mkdocs.yml rewritten) is
a full build, since every page shows the navigation.

The search entries of a page are the ones the search plugin adds while that
page is rendered (its ``on_page_context``); the index keeps the pages in the
order of a full build, so an incremental index is the full build's index.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

Signature = dict[str, tuple[int, int]]
"""Every file of the docs folder (hidden ones aside): relative path → (size, mtime)."""


def docs_signature(docs_dir: Path) -> Signature:
    """The size and modification time of every non-hidden file under *docs_dir*."""
    found: Signature = {}
    root = str(docs_dir)
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in files:
            if name.startswith("."):
                continue
            with contextlib.suppress(OSError):
                status = os.stat(os.path.join(folder, name))
                found[prefix + name] = (status.st_size, status.st_mtime_ns)
    return found


@dataclass(frozen=True)
class RebuildReport:
    """What one rebuild did."""

    full: bool
    """Whether the whole site was built."""
    pages: tuple[str, ...]
    """The pages converted and rendered again (every page, for a full build)."""
    seconds: float
    """How long it took (wall clock)."""
    cpu: float
    """The CPU seconds of this process it took (the server's other threads idle meanwhile)."""


@dataclass
class _Built:
    """The pieces of the last build, kept for the next one."""

    config: MkDocsConfig
    """The loaded configuration (with its plugin instances)."""
    files: Files
    """Every file of the site."""
    nav: Navigation
    """The navigation."""
    env: Any
    """The theme's Jinja environment, after the plugins' ``on_env``."""
    signature: Signature
    """The docs folder as it was built."""
    pages: list[File] = field(default_factory=list)
    """The documentation pages, in build order."""
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """The search index entries of each page, by source path."""


class LiveSite:
    """One MkDocs site, built fully once and then page by page."""

    def __init__(self, load_config: Callable[[], MkDocsConfig], *, serve_url: str) -> None:
        self.load_config = load_config
        """Loads a fresh configuration (a full build starts from one)."""
        self.serve_url = serve_url
        """The URL the site is served at (pages excluded from the build are previewed)."""
        self.built: _Built | None = None
        """The last build, or ``None`` before the first."""

    def build(self, *, full: bool = False) -> RebuildReport:
        """Bring the site up to date with the docs folder: the changed pages, or everything.

        *full* forces a full build (the navigation file or mkdocs.yml changed).
        """
        started, cpu = time.perf_counter(), time.process_time()
        built = self.built
        if built is not None and not full:
            signature = docs_signature(Path(built.config.docs_dir))
            changed = _changed_files(built, signature)
            if changed is not None:
                pages, copies = changed
                for file in copies:
                    file.copy_file()
                if pages:
                    self._build_pages(built, pages, signature)
                else:  # no page changed (a second event of the same save): no index to write
                    built.signature = signature
                seconds = time.perf_counter() - started
                return RebuildReport(False, pages, seconds, time.process_time() - cpu)
        self.built = self._build_all()
        pages = tuple(file.src_uri for file in self.built.pages)
        seconds = time.perf_counter() - started
        return RebuildReport(True, pages, seconds, time.process_time() - cpu)

    # -- a full build ---------------------------------------------------------------------

    def _build_all(self) -> _Built:
        """MkDocs' ``build(config, serve_url=...)``, keeping its pieces."""
        from mkdocs import utils
        from mkdocs.commands.build import (
            _build_extra_template,
            _build_theme_template,
            _populate_page,
        )
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        config = self.load_config()
        signature = docs_signature(Path(config.docs_dir))
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            utils.clean_directory(config.site_dir)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                    Page(None, file, config)
                assert file.page is not None
                _populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=InclusionLevel.is_in_serve)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
            pages = list(files.documentation_pages(inclusion=InclusionLevel.is_in_serve))
            built = _Built(config, files, nav, env, signature, pages)
            search = _search_index(config)
            for file in pages:
                self._render(built, file, search)
            _validate_anchors(built, pages)
            _gather_entries(built, search)
            config.plugins.on_post_build(config=config)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            raise
        return built

    # -- a few pages ----------------------------------------------------------------------

    def _build_pages(self, built: _Built, pages: tuple[str, ...], signature: Signature) -> None:
        """Convert and render *pages* again, then write the search index of every page."""
        from mkdocs.commands.build import _populate_page

        config = built.config
        search = _search_index(config)
        try:
            files = [built.files.get_file_from_path(src_uri) for src_uri in pages]
            for file in files:
                assert file is not None and file.page is not None
                _populate_page(file.page, config, built.files)
                self._render(built, file, search)
            _validate_anchors(built, [file for file in files if file is not None])
            _gather_entries(built, search)
            config.plugins.on_post_build(config=config)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            built.signature = {}  # the next rebuild is a full one
            raise
        built.signature = signature

    def _render(self, built: _Built, file: File, search: Any) -> None:
        """Render one page with the theme; remember the search entries it added."""
        from mkdocs.commands.build import _build_page

        assert file.page is not None
        if search is not None:
            search.entries = []
        _build_page(
            file.page,
            built.config,
            built.pages,
            built.nav,
            built.env,
            excluded=file.inclusion.is_excluded(),  # type: ignore[no-untyped-call]
        )
        if search is not None:
            built.entries[file.src_uri] = search.entries


def _validate_anchors(built: _Built, pages: list[File]) -> None:
    """MkDocs' check of links to anchors, for *pages* (after every page they link to is built)."""
    for file in pages:
        assert file.page is not None
        file.page.validate_anchor_links(
            files=built.files, log_level=built.config.validation.links.anchors
        )


def _gather_entries(built: _Built, search: Any) -> None:
    """Give the search index every page's entries, in build order (what it writes)."""
    if search is not None:
        search.entries = [
            entry for file in built.pages for entry in built.entries.get(file.src_uri, ())
        ]


def _changed_files(
    built: _Built, signature: Signature
) -> tuple[tuple[str, ...], list[File]] | None:
    """The pages to build again and the files to copy again, or ``None`` for a full build."""
    if signature.keys() != built.signature.keys():
        return None  # a file added or removed
    changed = [path for path, state in signature.items() if built.signature[path] != state]
    pages = []
    copies = []
    for path in sorted(changed):
        file = built.files.get_file_from_path(path)
        if file is None or path in built.config.extra_templates:
            return None  # not a file of the site (a theme override), or a template
        if file.is_documentation_page():
            if file.page is None:
                return None
            pages.append(path)
        else:
            copies.append(file)  # a file MkDocs copies as it is (an image, a BPMN file)
    return tuple(pages), copies


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index (``entries`` is the list its ``on_post_build`` writes), if any."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None


def share_theme_environment(theme: Any, environments: dict[tuple[object, ...], Any]) -> None:
    """Give every full build the same Jinja environment of the theme, templates compiled once.

    MkDocs makes a new environment per build, so every build parses and compiles
    Material's templates again and lists the theme's files (together about a
    second). Templates do not change while serving (theme edits are not
    watched), so one environment per theme, with its file list, will do.
    """
    key = (tuple(theme.dirs), str(theme.locale))
    make_environment = theme.get_env

    def shared_environment() -> Any:
        if key not in environments:
            environment = make_environment()
            # MkDocs lists the theme's files on every build (thousands of icons): once will do
            environment.loader.list_templates = functools.cache(environment.loader.list_templates)
            environments[key] = environment
        return environments[key]

    theme.get_env = shared_environment


@contextlib.contextmanager
def mkdocs_logging() -> Iterator[None]:
    """Show MkDocs' INFO messages ("Serving on ...") unless logging is configured already."""
    logger = logging.getLogger("mkdocs")
    handler: logging.Handler | None = None
    previous = logger.level
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        if handler is not None:
            logger.removeHandler(handler)
            logger.setLevel(previous)


__all__ = [
    "LiveSite",
    "RebuildReport",
    "docs_signature",
    "mkdocs_logging",
    "share_theme_environment",
]

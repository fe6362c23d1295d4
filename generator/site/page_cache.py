"""MkDocs' Markdown pass of each page, done once per page text and kept across builds.

Python-Markdown is about half of what MkDocs spends on a generated page (the
templates write Markdown full of HTML, and Python-Markdown parses every tag of
it, the swimlane SVG included, twice: ``md_in_html`` and MkDocs' own anchor
scan). Converting the pages to HTML in the generator does not help (MkDocs
parses raw HTML at about the cost of Markdown), but nothing of that work
changes while a page's text does not. :func:`pages_rendered_once` wraps
MkDocs' ``Page.render`` for the duration of one build: a page whose text,
address, site files and Markdown settings were seen before takes its HTML,
table of contents, title and anchors from ``.handbook-cache/pages``; any
other page is rendered by MkDocs and stored, unless rendering it logged a
warning (which must show again on the next build).

Only our own process is affected (no MkDocs plugin or hook: plain
``mkdocs build`` and ``zensical build`` render the pages themselves), and the
site written is the same (a test compares it with a build without cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.site.json_store import JsonStore

FORMAT = 1
"""The version of the cache files; part of every key."""


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


class RenderStore(JsonStore):
    """Rendered pages by key, one JSON file each under *folder*."""

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored rendering of *key*, or ``None``."""
        stored: dict[str, Any] | None = self.load(key, dict)
        return stored


def _settings_key(config: Any, files: Any) -> str:
    """A hash of what every page's rendering depends on besides its own text and address."""
    parts = [
        FORMAT,
        [_version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")],
        config["markdown_extensions"],
        config["mdx_configs"],
        config["use_directory_urls"],
        repr(config["validation"]),
        sorted((file.src_uri, file.url, str(file.inclusion)) for file in files),
    ]
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _page_key(settings: str, page: Any) -> str:
    digest = hashlib.sha256(f"{settings}\n{page.file.src_uri}\n{page.file.url}\n".encode())
    digest.update(page.markdown.encode("utf-8"))
    return digest.hexdigest()


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _toc_tokens(toc: Any) -> list[dict[str, Any]]:
    """The table of contents back as the tokens ``get_toc`` builds it from."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": _toc_tokens(item.children),
        }
        for item in toc
    ]


@contextlib.contextmanager
def pages_rendered_once(cache_dir: Path, *, prune: bool = True) -> Iterator[RenderStore | None]:
    """During the block, MkDocs takes unchanged pages' rendering from *cache_dir*.

    Yields the store (``hits``, ``misses``), or ``None`` when MkDocs' ``Page``
    has not the expected shape (the build then runs unchanged). Only a block
    that ends without an error prunes the cache, and only with *prune*.
    """
    try:
        from mkdocs.structure import pages as mkdocs_pages
        from mkdocs.structure.toc import get_toc
    except ImportError:
        yield None
        return
    page_class = mkdocs_pages.Page
    original = getattr(page_class, "render", None)
    if original is None:
        yield None
        return
    store = RenderStore(cache_dir)
    settings_by_files: dict[int, str] = {}
    logger = logging.getLogger("mkdocs")

    def render(page: Any, config: Any, files: Any) -> None:
        settings = settings_by_files.get(id(files))
        if settings is None:
            settings = settings_by_files[id(files)] = _settings_key(config, files)
        key = _page_key(settings, page)
        stored = store.get(key)
        if stored is not None:
            page.content = stored["content"]
            page.toc = get_toc(stored["toc"])
            page._title_from_render = stored["title"]
            page.present_anchor_ids = set(stored["anchors"])
            if stored["links"] is not None:
                page.links_to_anchors = {
                    file: anchors
                    for uri, anchors in stored["links"].items()
                    if (file := files.get_file_from_path(uri)) is not None
                }
            store.hits += 1
            return
        store.misses += 1
        warnings = _Warnings()
        logger.addHandler(warnings)
        try:
            original(page, config, files)
        finally:
            logger.removeHandler(warnings)
        if warnings.count:
            return
        links = getattr(page, "links_to_anchors", None)
        store.put(
            key,
            {
                "content": page.content,
                "toc": _toc_tokens(page.toc),
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": None
                if links is None
                else {file.src_uri: anchors for file, anchors in links.items()},
            },
        )

    setattr(page_class, "render", render)  # noqa: B010 (a method, replaced for this build)
    try:
        yield store
    finally:
        setattr(page_class, "render", original)  # noqa: B010
    if prune:
        store.prune()
